/// <reference lib="dom" />
// The page.evaluate callbacks run in the browser.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, chromium } from 'playwright-core';
import { TenantClient, eventually, withRunningServices } from '@assay/testing';

const AISMM = { id: 'csa-aismm', version: '1.0' };
// A 2×2 PNG (red, green / blue, white), small enough to read: the tenant's logo.
const LOGO = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP4z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==';

/**
 * Reports end to end: answers and targets → scoring → reporting → a report job that renders JSON,
 * CSV, XLSX, HTML with server-side SVG charts and a PDF printed by Chromium; the HTML opened in
 * headless Chromium, the PDF's pages read with poppler, and a rebuild from the recorded positions
 * giving the same bytes.
 */
describe('Reports', () => {
  withRunningServices(['assessment', 'scoring', 'reporting']);
  let browser: Browser;
  const dir = mkdtempSync(join(tmpdir(), 'assay-report-'));

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  });
  afterAll(() => browser?.close());

  const download = async (client: TenantClient, reportId: string, format: string) => {
    const r = await client.download('reporting', `/v1/reports/${reportId}/files/${format}`);
    expect(r.status).toBe(200);
    return r;
  };
  /** Polls until the report is built; a failed one ends the wait with its error. */
  const built = async (client: TenantClient, reportId: string) => {
    for (const deadline = Date.now() + 90_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 250))) {
      const r = await client.call('reporting', 'GET', `/v1/reports/${reportId}`);
      if (r.body.state === 'failed') throw new Error(`report ${reportId} failed: ${r.body.error}`);
      if (r.body.state === 'succeeded') return r.body;
    }
    throw new Error(`report ${reportId} was not built within 90 s`);
  };

  it('builds every format from the events, brands it, and rebuilds the same bytes from the recorded positions', async () => {
    const admin = await TenantClient.create(undefined, ['admin'], 'ada');
    const viewer = await admin.as('vic', ['viewer']);
    expect((await admin.call('reporting', 'PUT', '/v1/report-branding', { name: 'Acme Insurance', logo: LOGO, colours: { primary: '#0b5394', accent: '#cc4125' } })).status).toBe(200);
    expect((await viewer.call('reporting', 'PUT', '/v1/report-branding', { name: 'Mallory', colours: { primary: '#000000', accent: '#000000' } })).status).toBe(403);

    const assessmentId = await admin.startAssessment('AI programme FY27', AISMM);
    const answers: Record<string, number> = { 'AISMM-FND-GOV': 3, 'AISMM-FND-ORG': 2, 'AISMM-FND-IAM': 2, 'AISMM-STR-INF': 3, 'AISMM-STR-MOD': 1, 'AISMM-PRC-RSK': 2, 'AISMM-PRC-IR': 1 };
    for (const [questionId, value] of Object.entries(answers)) expect((await admin.answer(assessmentId, questionId, value)).status).toBe(200);
    for (const nodeId of ['AISMM-FND', 'AISMM-STR']) expect((await admin.call('assessment', 'PUT', `/v1/assessments/${assessmentId}/targets/${nodeId}`, { target: 4 })).status).toBe(200);
    await eventually(async () => {
      const r = await admin.call('reporting', 'GET', `/v1/assessments/${assessmentId}/roadmap`);
      expect(r.status).toBe(200);
      // Both targets applied (the first alone already gives four roadmap items), every answer scored.
      expect(new Set(r.body.gaps.map((g: { targetFrom: string }) => g.targetFrom))).toEqual(new Set(['AISMM-FND', 'AISMM-STR']));
      const card = await admin.call('reporting', 'GET', `/v1/scorecards/${assessmentId}`);
      expect(card.body.answersApplied).toBe(7);
    }, 60_000, 250);

    expect((await viewer.call('reporting', 'POST', '/v1/reports', { assessmentId })).status).toBe(403);
    expect((await admin.call('reporting', 'POST', '/v1/reports', { assessmentId, formats: ['docx'] })).status).toBe(400);
    // As of ten minutes ahead: an answer given after the report is built still falls before its
    // instant, so only the recorded positions keep it out of a rebuild.
    const requested = await admin.call('reporting', 'POST', '/v1/reports', { assessmentId, asOf: new Date(Date.now() + 600_000).toISOString() });
    expect(requested.status).toBe(202);
    expect(requested.body).toMatchObject({ state: 'queued', formats: ['json', 'csv', 'xlsx', 'html', 'pdf'] });
    const report = await built(admin, requested.body.id);
    expect(report.files.map((f: { format: string }) => f.format).sort()).toEqual(['csv', 'html', 'json', 'pdf', 'xlsx']);
    expect(Object.keys(report.positions).sort()).toEqual([`received-assessment-${assessmentId}`, `received-scorecard-${assessmentId}`]);

    // JSON: what the API says, as of the report's instant.
    const json = JSON.parse((await download(viewer, report.id, 'json')).bytes.toString('utf8'));
    const api = await admin.call('reporting', 'GET', `/v1/assessments/${assessmentId}/roadmap?asOf=${report.asOf}`);
    expect(json.roadmap).toEqual(api.body);
    expect(json.branding).toEqual({ name: 'Acme Insurance', logo: LOGO, colours: { primary: '#0b5394', accent: '#cc4125' } });
    const csv = (await download(viewer, report.id, 'csv')).bytes.toString('utf8').split('\r\n');
    expect(csv[0]).toBe('node_id,depth,kind,name,claimed,assured,min,max,target,gap,assured_gap,roadmap_rank,priority');
    // Targets 4 on FND and STR, no evidence (assured counts as the minimum, 1): priority = (gap + shortfall / 2) / 4.
    // MON (unanswered), MOD 1, APP and DAT (unanswered): gap 3 → 0.75, ranked 1–4 in framework order; MOD is second.
    expect(csv.find((l) => l.startsWith('AISMM-STR-MOD,'))).toBe('AISMM-STR-MOD,1,category,Model Security,1,,1,5,4,3,3,2,0.75');
    expect(json.roadmap.focus).toEqual(['AISMM-FND-MON', 'AISMM-STR-MOD', 'AISMM-STR-APP']);
    const xlsx = (await download(viewer, report.id, 'xlsx')).bytes;
    expect(xlsx.subarray(0, 2).toString()).toBe('PK');

    // The HTML in a browser: the charts are SVG with the expected series, and the page is not blank.
    const html = (await download(viewer, report.id, 'html')).bytes;
    const page = await browser.newPage({ viewport: { width: 900, height: 1400 } });
    await page.setContent(html.toString('utf8'));
    const charts = await page.evaluate(() =>
      Array.from(document.querySelectorAll('figure.chart')).map((f) => ({
        name: f.getAttribute('data-chart'),
        svg: f.querySelector('svg') !== null,
        paths: f.querySelectorAll('svg path').length,
        texts: Array.from(f.querySelectorAll('svg text')).map((t) => t.textContent),
      })),
    );
    expect(charts.map((c) => c.name)).toEqual(['radar', 'history', 'gaps']);
    for (const c of charts) expect([c.name, c.svg, c.paths > 0]).toEqual([c.name, true, true]);
    expect(charts[0].texts).toEqual(expect.arrayContaining(['Claimed', 'Foundational', 'Structural', 'Procedural']));
    expect(charts[1].texts).toEqual(expect.arrayContaining(['Claimed', 'Assured']));
    expect(charts[2].texts).toEqual(expect.arrayContaining(['Gap to target', 'Model Security']));
    expect(await page.locator('header img.logo').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(2);
    const screenshot = await page.screenshot({ fullPage: false });
    const colours = await page.evaluate(async (png) => {
      const img = new Image();
      img.src = `data:image/png;base64,${png}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      [canvas.width, canvas.height] = [img.width, img.height];
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const pixels = ctx.getImageData(0, 0, img.width, img.height).data;
      const seen = new Set<number>();
      for (let i = 0; i < pixels.length; i += 4 * 97) seen.add((pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2]);
      return { distinct: seen.size, brand: seen.has(0x0b5394) };
    }, screenshot.toString('base64'));
    expect(colours.distinct).toBeGreaterThan(20);
    expect(colours.brand).toBe(true); // the tenant's primary colour is on the page
    await page.close();

    // The PDF, read with poppler: the first page is the summary and charts, the tables start a page of their own.
    const pdfPath = join(dir, 'report.pdf');
    writeFileSync(pdfPath, (await download(viewer, report.id, 'pdf')).bytes);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' }))![1]);
    expect(pages).toBeGreaterThanOrEqual(2);
    const pageText = (n: number) => execFileSync('pdftotext', ['-f', String(n), '-l', String(n), '-layout', pdfPath, '-'], { encoding: 'utf8' });
    expect(pageText(1)).toContain('Acme Insurance: csa-aismm 1.0 maturity report');
    expect(pageText(1)).toContain('Maturity by area');
    const tablesPage = [...Array(pages).keys()].map((i) => i + 1).find((n) => pageText(n).trimStart().startsWith('Scorecard'));
    expect(tablesPage).toBeGreaterThan(1);

    // A new answer (before the report's instant) and new branding afterwards change nothing in a rebuild of this report.
    expect((await admin.answer(assessmentId, 'AISMM-PRC-DEV', 5)).status).toBe(200);
    expect((await admin.call('reporting', 'PUT', '/v1/report-branding', { name: 'Acme Group', colours: { primary: '#111111', accent: '#222222' } })).status).toBe(200);
    await eventually(async () => expect((await admin.call('reporting', 'GET', `/v1/scorecards/${assessmentId}`)).body.answersApplied).toBe(8), 60_000, 250);
    const again = await admin.call('reporting', 'POST', `/v1/reports/${report.id}/rebuild`);
    expect(again.status).toBe(202);
    const rebuilt = await built(admin, again.body.id);
    expect(rebuilt).toMatchObject({ rebuiltFrom: report.id, positions: report.positions, asOf: report.asOf });
    for (const format of ['json', 'csv', 'html']) {
      const [a, b] = [(await download(admin, report.id, format)).bytes, (await download(admin, rebuilt.id, format)).bytes];
      expect([format, b.equals(a)]).toEqual([format, true]);
    }
    const rebuiltPdf = join(dir, 'rebuilt.pdf');
    writeFileSync(rebuiltPdf, (await download(admin, rebuilt.id, 'pdf')).bytes);
    expect(execFileSync('pdftotext', [rebuiltPdf, '-'], { encoding: 'utf8' })).toBe(execFileSync('pdftotext', [pdfPath, '-'], { encoding: 'utf8' }));
    // A fresh report sees the new answer and branding.
    const fresh = await built(admin, (await admin.call('reporting', 'POST', '/v1/reports', { assessmentId, asOf: report.asOf, formats: ['json'] })).body.id);
    const freshJson = JSON.parse((await download(admin, fresh.id, 'json')).bytes.toString('utf8'));
    const dev = (data: { scorecard: { claimed: { nodes: { children: { nodeId: string; score: number }[] }[] } } }) =>
      data.scorecard.claimed.nodes.flatMap((d) => d.children).find((c) => c.nodeId === 'AISMM-PRC-DEV')!.score;
    expect([dev(json), dev(freshJson)]).toEqual([1, 5]); // the same instant, later positions: the new answer shows only in the fresh report
    expect(freshJson.branding.name).toBe('Acme Group');
    expect(freshJson.positions[`received-scorecard-${assessmentId}`]).toBeGreaterThan(report.positions[`received-scorecard-${assessmentId}`]);
  });
});
