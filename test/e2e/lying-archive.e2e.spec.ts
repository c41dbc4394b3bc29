import { writeFileSync } from 'node:fs';
import request from 'supertest';
import { LYING_DECLARED_BYTES, buildZip, lyingArchive, peakRssKb } from '@assay/archive-guard/testing';
import { TenantClient, serviceUrl, withRunningServices } from '@assay/testing';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Resets the process's peak RSS to its current RSS, so an earlier, higher peak cannot hide growth. */
function resetPeakRss(pid: number): number {
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
  return peakRssKb(pid);
}
const MB = 1024 * 1024;

/**
 * The incident, replayed against the built service: a 200 KB .xlsx whose worksheet declares 1,000
 * bytes but inflates to 200 MB passed the old central-directory check, and exceljs grew the
 * assessment process by ~290 MB before failing. The peak (VmHWM) is read from /proc because the
 * memory is freed again by the time the response arrives.
 */
describe('An upload that lies about its inflated size is refused without being inflated', () => {
  const [assessment] = withRunningServices();
  let tenant: TenantClient;
  let auth: { authorization: string };

  beforeAll(async () => {
    tenant = await TenantClient.create();
    auth = tenant.auth;
  });

  const upload = (assessmentId: string, file: Buffer) =>
    request(serviceUrl('assessment')).post(`/v1/assessments/${assessmentId}/imports/aima-workbook`).set(auth).set('content-type', XLSX).send(file);

  it('answers 422 naming the lie, records no answer, and the service peak grows by less than 50 MB', async () => {
    const assessmentId = await tenant.startAssessment('lying archive');
    const file = lyingArchive();
    expect(file.subarray(0, 4)).toEqual(Buffer.from('PK\x03\x04', 'latin1'));
    expect(file.length).toBeLessThan(2 * MB);

    const before = resetPeakRss(assessment.pid!);
    const refused = await upload(assessmentId, file);
    const after = peakRssKb(assessment.pid!);

    expect(refused.status).toBe(422);
    expect(refused.headers['content-type']).toMatch(/problem\+json/);
    expect(refused.body.detail).toContain('the archive is refused (declared-size-mismatch)');
    expect(refused.body.errors).toEqual([expect.objectContaining({ pointer: '-', detail: expect.stringContaining(`declares ${LYING_DECLARED_BYTES} bytes uncompressed`) })]);
    expect((await tenant.call('assessment', 'GET', `/v1/assessments/${assessmentId}`)).body.answers).toEqual([]);
    expect(after - before).toBeLessThan(50 * 1024);
  });

  it('also refuses a bomb that declares its size truthfully, by its compression ratio', async () => {
    const assessmentId = await tenant.startAssessment('honest bomb');
    const file = buildZip([{ name: 'xl/worksheets/sheet1.xml', content: { zeros: 200 * MB } }]);
    const before = resetPeakRss(assessment.pid!);
    const refused = await upload(assessmentId, file);
    const after = peakRssKb(assessment.pid!);
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([expect.objectContaining({ detail: expect.stringContaining('(compression-ratio)') })]);
    expect((await tenant.call('assessment', 'GET', `/v1/assessments/${assessmentId}`)).body.answers).toEqual([]);
    expect(after - before).toBeLessThan(50 * 1024);
  });
});
