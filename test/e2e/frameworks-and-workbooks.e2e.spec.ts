import ExcelJS from 'exceljs';
import request from 'supertest';
import { AIMA_PRACTICES } from '@assay/frameworks';
import { TenantClient, eventually, fillOfficialAimaWorkbook, libreOfficeAimaMaturities, roundMaturities, scoresByNode, serviceUrl, withRunningServices } from '@assay/testing';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The official workbook with every answer filled in sheet order (some left "To evaluate"). */
const filledWorkbook = () => fillOfficialAimaWorkbook(Array.from({ length: 144 }, (_, i) => (i % 7 === 3 ? 'To evaluate' : (i * 5 + 2) % 4)));

describe('Framework catalogue, workbook import/export and crosswalk preview over HTTP', () => {
  withRunningServices();
  let tenant: TenantClient;
  let auth: { authorization: string };

  beforeAll(async () => {
    tenant = await TenantClient.create();
    auth = tenant.auth;
  });

  it('lists frameworks and crosswalks and reads a definition or one node', async () => {
    const api = request(serviceUrl('assessment'));
    const list = await api.get('/v1/frameworks').set(auth);
    expect(list.status).toBe(200);
    expect(list.body.find((f: any) => f.id === 'owasp-aima').nodeCounts).toEqual({ domain: 8, practice: 24, stream: 48, question: 144 });
    expect(list.body.map((f: any) => f.id)).toEqual(expect.arrayContaining(['csa-aismm', 'owasp-ai-exchange', 'ai-security-resource-guide', 'cmmi-aim-structure', 'iso-iec-42001']));
    expect((await api.get('/v1/frameworks/csa-aismm/versions/1.0').set(auth)).body.nodes).toHaveLength(3);
    expect((await api.get('/v1/frameworks/owasp-aima/versions/1.0/nodes/GOV-SM-B2').set(auth)).body).toMatchObject({ kind: 'question', level: 2 });
    expect((await api.get('/v1/frameworks/owasp-aima/versions/9.9').set(auth)).status).toBe(404);
    const crosswalks = await api.get('/v1/crosswalks').set(auth);
    expect(crosswalks.body.find((c: any) => c.id === 'aima-to-iso42001')).toMatchObject({ target: { frameworkId: 'iso-iec-42001' } });
    expect((await api.get('/v1/crosswalks/aima-to-iso42001').set(auth)).body.mappings.length).toBeGreaterThan(10);
  });

  it("imports the filled official workbook; reporting's scorecard shows, for all 24 practices, the maturities LibreOffice computes from that workbook, as does the export; export round-trips", async () => {
    const assessmentId = await tenant.startAssessment('imported');
    const file = await filledWorkbook();
    const api = request(serviceUrl('assessment'));
    const imported = await api.post(`/v1/assessments/${assessmentId}/imports/aima-workbook`).set(auth).set('content-type', XLSX).send(file);
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ assessmentId, answersInFile: 144, answersChanged: 144 });
    expect(imported.body.sha256).toMatch(/^[0-9a-f]{64}$/);

    const again = await api.post(`/v1/assessments/${assessmentId}/imports/aima-workbook`).set(auth).set('content-type', XLSX).send(file);
    expect(again.body.answersChanged).toBe(0);

    const card = await eventually(async () => {
      const r = await tenant.call('reporting', 'GET', `/v1/scorecards/${assessmentId}`);
      expect(r.status).toBe(200);
      expect(r.body.answersApplied).toBe(144);
      return r.body;
    }, 90_000, 250);
    const byNode = scoresByNode(card);
    const scorecard: Record<string, number> = Object.fromEntries(AIMA_PRACTICES.map((p) => [p.id, byNode.get(p.id)!]));

    const exported = await api.get(`/v1/assessments/${assessmentId}/exports/aima-workbook`).set(auth).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(exported.status).toBe(200);
    expect(exported.headers['content-type']).toContain(XLSX);
    // The oracle: LibreOffice Calc recalculating the uploaded file's own Results sheet (and the
    // export's), with every cached figure overwritten first; one soffice run for both files.
    const [ofUpload, ofExport] = await libreOfficeAimaMaturities([file, exported.body]);
    expect(Object.keys(scorecard).sort()).toEqual(Object.keys(ofUpload).sort()); // all 24 practices
    expect(roundMaturities(scorecard)).toEqual(roundMaturities(ofUpload));
    expect(roundMaturities(ofExport)).toEqual(roundMaturities(ofUpload));
    expect(new Set(Object.values(roundMaturities(ofUpload))).size).toBeGreaterThan(5); // these fills give 8 different practice sums, so a practice mix-up shows
    const second = await tenant.startAssessment('from export');
    const reimported = await api.post(`/v1/assessments/${second}/imports/aima-workbook`).set(auth).set('content-type', XLSX).send(exported.body);
    expect(reimported.body).toMatchObject({ answersInFile: 144, answersChanged: 144 });
    const a = await tenant.call('assessment', 'GET', `/v1/assessments/${assessmentId}`);
    const b = await tenant.call('assessment', 'GET', `/v1/assessments/${second}`);
    expect(b.body.answers).toEqual(a.body.answers);
  });

  it('refuses a non-workbook body and a workbook with a bad cell, recording nothing', async () => {
    const assessmentId = await tenant.startAssessment('refused');
    const api = request(serviceUrl('assessment'));
    const notXlsx = await api.post(`/v1/assessments/${assessmentId}/imports/aima-workbook`).set(auth).set('content-type', XLSX).send(Buffer.from('just text'));
    expect(notXlsx.status).toBe(415);
    expect(notXlsx.headers['content-type']).toMatch(/problem\+json/);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await filledWorkbook()) as unknown as ArrayBuffer);
    workbook.getWorksheet('Assessment Questions')!.getCell('E30').value = 12;
    const bad = await api.post(`/v1/assessments/${assessmentId}/imports/aima-workbook`).set(auth).set('content-type', XLSX).send(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([expect.objectContaining({ pointer: 'E30' })]);
    expect((await tenant.call('assessment', 'GET', `/v1/assessments/${assessmentId}`)).body.answers).toEqual([]);
  });

  it('previews ISO/IEC 42001 from the answers with provenance', async () => {
    const assessmentId = await tenant.startAssessment('preview');
    for (const q of ['RA-ESI-A1', 'RA-ESI-B1', 'RA-ESI-A2', 'RA-ESI-B2', 'RA-ESI-A3', 'RA-ESI-B3']) await tenant.answer(assessmentId, q, 3);
    const preview = await tenant.call('assessment', 'GET', `/v1/assessments/${assessmentId}/crosswalk-preview?targetFramework=iso-iec-42001&targetVersion=2023`);
    expect(preview.status).toBe(200);
    const a5 = preview.body.derived.find((d: any) => d.nodeId === 'A.5');
    expect(a5).toMatchObject({ attainment: 1, status: 'implemented', carriesMaturity: true });
    expect(a5.provenance[0]).toMatchObject({ source: { frameworkId: 'owasp-aima', nodeId: 'RA-ESI' }, path: [{ crosswalkId: 'aima-to-iso42001', relationship: 'equal' }] });
    const unknown = await tenant.call('assessment', 'GET', `/v1/assessments/${assessmentId}/crosswalk-preview?targetFramework=nope&targetVersion=1`);
    expect(unknown.status).toBe(400);
  });

  it("publishes a licensee's AISMM text as a new version, visible only to that tenant and immutable", async () => {
    const api = request(serviceUrl('assessment'));
    const csv = 'nodeId,name,text\nAISMM-FND-GOV-L3,Defined,Licensed descriptor for governance at level 3.\n';
    const version = `1.0-acme-${Date.now()}`;
    const query = { base: 'csa-aismm', baseVersion: '1.0', version, spdx: 'LicenseRef-CSA-AISMM', attribution: 'Licensed to Acme' };
    const created = await api.post('/v1/frameworks/imports').query(query).set(auth).set('content-type', 'text/csv').send(csv);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'csa-aismm', version, textOrigin: 'licensee-import' });
    const node = await api.get(`/v1/frameworks/csa-aismm/versions/${version}/nodes/AISMM-FND-GOV-L3`).set(auth);
    expect(node.body.text).toBe('Licensed descriptor for governance at level 3.');

    const again = await api.post('/v1/frameworks/imports').query(query).set(auth).set('content-type', 'text/csv').send(csv.replace('Licensed', 'Changed'));
    expect(again.status).toBe(409);
    expect((await api.get(`/v1/frameworks/csa-aismm/versions/${version}/nodes/AISMM-FND-GOV-L3`).set(auth)).body.text).toBe('Licensed descriptor for governance at level 3.');

    const other = await TenantClient.create();
    expect((await other.call('assessment', 'GET', `/v1/frameworks/csa-aismm/versions/${version}`)).status).toBe(404);

    const badNode = await api.post('/v1/frameworks/imports').query({ ...query, version: `${version}-b` }).set(auth).set('content-type', 'text/csv').send('nodeId,name,text\nAISMM-NOPE,x,y\n');
    expect(badNode.status).toBe(422);
    expect(badNode.body.errors).toEqual([expect.objectContaining({ pointer: 'row 2/nodeId' })]);
    const shipped = await api.post('/v1/frameworks/imports').set(auth).set('content-type', 'application/vnd.assay.framework+json').send(JSON.stringify((await api.get('/v1/frameworks/iso-iec-42001/versions/2023').set(auth)).body));
    expect(shipped.status).toBe(409);
  });
});
