import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { buildZip } from '@assay/archive-guard/testing';
import { repoPath } from '@assay/postgres';
import { AIMA_TOOLKIT_FIXTURE, TenantClient, serviceUrl, slowUpload, daysAgo, withRunningServices } from '@assay/testing';

const MB = 1024 * 1024;
const plusMonths = (day: string, months: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
};
const periodEnd = daysAgo(31); // the 31st day back never falls on a month end that months would shorten
const soc2 = { typeId: 'soc2-type2', title: 'SOC 2 Type 2 — claims platform', metadata: { issuer: 'Audit LLP', scope: 'Claims platform', periodStart: plusMonths(periodEnd, -9), periodEnd } };
const modelCard = { typeId: 'model-card', title: 'Fraud model v3 card', metadata: { issuer: 'Acme AI', scope: 'fraud-v3', issuedOn: daysAgo(30) } };
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const blobsOf = (tenantId: string) => {
  try {
    return readdirSync(repoPath('.data/evidence-blobs', tenantId)).map((f) => readFileSync(repoPath('.data/evidence-blobs', tenantId, f)));
  } catch {
    return [];
  }
};

/** A text-heavy "report": any 32-byte window of it found in the stored blob would be a plaintext leak. */
function reportPdf(bytes: number): Buffer {
  const lines: string[] = ['%PDF-1.7'];
  for (let i = 0; lines.join('\n').length < bytes; i++) lines.push(`Control ${i}: access reviews were performed quarterly by ${randomBytes(6).toString('hex')}.`);
  return Buffer.from(lines.join('\n').slice(0, bytes));
}

describe('Evidence upload over HTTP (evidence service as a process)', () => {
  withRunningServices(['evidence']);
  let ana: TenantClient;

  beforeEach(async () => {
    ana = await TenantClient.create(undefined, ['assessor'], 'ana');
  });

  it('stores a PDF encrypted: its hash is recorded and matches, the blob holds no plaintext run, the download is the same bytes', async () => {
    const pdf = reportPdf(300 * 1024);
    const up = await ana.upload('/v1/evidence', soc2, pdf, 'soc2-2026.exe', 'application/x-msdownload');
    expect(up.status).toBe(201);
    expect(up.body.revisions[0].file).toEqual({ sha256: sha256(pdf), bytes: pdf.length, contentType: 'application/pdf', fileName: 'soc2-2026.exe' });
    expect(up.body.validity).toMatchObject({ effectiveOn: periodEnd, expiresOn: plusMonths(periodEnd, 12) }); // from the period end, not today

    const [blob] = blobsOf(ana.tenantId);
    expect(blob.length).toBeGreaterThan(pdf.length); // header and a tag per segment
    for (let at = 0; at + 32 <= pdf.length; at += 397) expect(blob.indexOf(pdf.subarray(at, at + 32))).toBe(-1);

    const down = await ana.download('evidence', `/v1/evidence/${up.body.id}/revisions/1/content`);
    expect(down.status).toBe(200);
    expect(down.bytes.equals(pdf)).toBe(true);
    expect(down.headers.get('repr-digest')).toBe(`sha-256=:${Buffer.from(sha256(pdf), 'hex').toString('base64')}:`);
  });

  it('recognises the same file uploaded twice by its hash', async () => {
    const card = Buffer.from(`# Model card: fraud-v3\n\nIntended use: ${randomBytes(8).toString('hex')}\n`);
    const first = await ana.upload('/v1/evidence', modelCard, card, 'card.md');
    expect(first.status).toBe(201);
    expect(first.body.revisions[0].file.contentType).toBe('text/markdown');
    const again = await ana.upload('/v1/evidence', { ...modelCard, title: 'again' }, card, 'copy.md');
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    expect(again.body).toMatchObject({ type: 'https://assay.dev/problems/duplicate-evidence', evidenceId: first.body.id, revision: 1 });
    expect(blobsOf(ana.tenantId)).toHaveLength(1);
  });

  it('decides the type by content: an executable named .pdf and declared application/pdf is refused, and nothing is kept', async () => {
    const exe = Buffer.concat([Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]), randomBytes(4096)]);
    const up = await ana.upload('/v1/evidence', soc2, exe, 'report.pdf', 'application/pdf');
    expect(up.status).toBe(415);
    expect(up.body.type).toBe('https://assay.dev/problems/unsupported-content');
    expect(blobsOf(ana.tenantId)).toHaveLength(0);
    expect((await ana.call('evidence', 'GET', '/v1/evidence')).body.items).toEqual([]);
  });

  it('refuses a zip bomb with the archive guard, and tells an XLSX from a plain zip by its entries', async () => {
    const bomb = buildZip([{ name: 'readme.txt', content: Buffer.from('evidence bundle') }, { name: 'logs.bin', content: { zeros: 100 * MB } }]);
    expect(bomb.length).toBeLessThan(1 * MB);
    const refused = await ana.upload('/v1/evidence', soc2, bomb, 'bundle.zip', 'application/zip');
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ type: 'https://assay.dev/problems/archive-refused', reason: 'compression-ratio' });
    expect(blobsOf(ana.tenantId)).toHaveLength(0);

    const workbook = readFileSync(AIMA_TOOLKIT_FIXTURE);
    const sig = { typeId: 'sig-lite', metadata: { issuer: 'Shared Assessments', completedOn: daysAgo(10) } };
    const accepted = await ana.upload('/v1/evidence', sig, workbook, 'sig-lite.bin');
    expect(accepted.status).toBe(201);
    expect(accepted.body.revisions[0].file.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  });

  it('a refused form stores nothing, even when its file part follows in the same chunk', async () => {
    const form = new FormData();
    form.append('metadata', JSON.stringify(soc2));
    form.append('comment', 'one part too many');
    form.append('file', new Blob([new Uint8Array(reportPdf(2048))]), 'r.pdf');
    const r = await fetch(`${serviceUrl('evidence')}/v1/evidence`, { method: 'POST', headers: ana.auth, body: form });
    expect(r.status).toBe(400);
    expect(((await r.json()) as { type: string }).type).toBe('https://assay.dev/problems/invalid-upload');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await ana.call('evidence', 'GET', '/v1/evidence')).body.items).toEqual([]);
    expect(blobsOf(ana.tenantId)).toHaveLength(0);
  });

  it('refuses metadata the type does not accept before reading the file, field by field', async () => {
    const up = await ana.upload('/v1/evidence', { typeId: 'soc2-type2', metadata: { periodStart: plusMonths(periodEnd, -2), periodEnd } }, reportPdf(1024), 'r.pdf');
    expect(up.status).toBe(422);
    expect(up.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['#/metadata/issuer', '#/metadata/scope', '#/metadata/periodEnd']);
  });

  describe('the tenant\'s size cap', () => {
    beforeEach(async () => {
      const admin = await ana.as('ada', ['admin']);
      expect((await admin.call('evidence', 'PUT', '/v1/evidence-settings', { maxUploadBytes: 1 * MB })).status).toBe(200);
    });

    it('refuses a streamed (chunked) upload as soon as it passes the cap: the server stops reading long before the end', async () => {
      const result = await slowUpload(`${serviceUrl('evidence')}/v1/evidence`, await tokenOf(ana), soc2, 64 * MB, false);
      expect(result.status).toBe(413);
      expect(JSON.parse(result.body)).toMatchObject({ type: 'https://assay.dev/problems/upload-too-large', maxBytes: MB });
      // What the client could hand over: the cap, what sockets buffer on loopback, nothing like 64 MB.
      expect(result.written).toBeLessThan(16 * MB);
      expect(blobsOf(ana.tenantId)).toHaveLength(0);
    });

    it('refuses an upload whose declared length passes the cap before reading its body', async () => {
      const result = await slowUpload(`${serviceUrl('evidence')}/v1/evidence`, await tokenOf(ana), soc2, 64 * MB, true);
      expect(result.status).toBe(413);
      expect(result.written).toBeLessThan(16 * MB);
    });

    it('a viewer may not change it', async () => {
      const viewer = await ana.as('val', ['viewer']);
      expect((await viewer.call('evidence', 'PUT', '/v1/evidence-settings', { maxUploadBytes: 100 * MB })).status).toBe(403);
    });
  });

  describe('downloads', () => {
    it('another tenant gets 404 and a viewer 403, neither any byte of the file', async () => {
      const pdf = reportPdf(20 * 1024);
      const up = await ana.upload('/v1/evidence', soc2, pdf, 'soc2.pdf');
      const path = `/v1/evidence/${up.body.id}/revisions/1/content`;
      const stranger = await TenantClient.create(undefined, ['admin']);
      const other = await stranger.download('evidence', path);
      expect(other.status).toBe(404);
      expect(other.bytes.indexOf(pdf.subarray(0, 32))).toBe(-1);
      const viewer = await ana.download('evidence', path).then(async () => (await ana.as('val', ['viewer'])).download('evidence', path));
      expect(viewer.status).toBe(403);
      expect(viewer.bytes.indexOf(pdf.subarray(0, 32))).toBe(-1);
      const reviewer = await (await ana.as('rui', ['reviewer'])).download('evidence', path);
      expect(reviewer.status).toBe(200);
      expect(reviewer.bytes.equals(pdf)).toBe(true);
    });

    it('a tampered blob is never delivered whole', async () => {
      const pdf = reportPdf(200 * 1024);
      const up = await ana.upload('/v1/evidence', soc2, pdf, 'soc2.pdf');
      const dir = repoPath('.data/evidence-blobs', ana.tenantId);
      const [file] = readdirSync(dir);
      const blob = readFileSync(`${dir}/${file}`);
      blob[blob.length - 100] ^= 0x01; // one bit in the last segment
      require('node:fs').writeFileSync(`${dir}/${file}`, blob);
      const down = await ana.download('evidence', `/v1/evidence/${up.body.id}/revisions/1/content`).catch((error: Error) => ({ status: -1, bytes: Buffer.alloc(0), error }));
      expect(down.bytes.equals(pdf)).toBe(false);
      expect(down.bytes.length).toBeLessThan(pdf.length);
    });
  });
});

async function tokenOf(client: TenantClient): Promise<string> {
  return client.auth.authorization.replace('Bearer ', '');
}
