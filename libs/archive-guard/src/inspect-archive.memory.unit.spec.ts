import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_ARCHIVE_LIMITS } from './index';
import { buildZip, lyingArchive, probeInChild } from './testing';

const MB = 1024 * 1024;
const GUARD = 'libs/archive-guard/src/inspect-archive.ts';

/**
 * Memory is measured in a child process (its VmHWM before and after the call): the incident was a
 * 290 MB jump in the service's peak RSS, and only a peak catches memory that was freed again.
 */
describe('inspectArchive keeps memory flat (peak RSS of a child process)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'archive-guard-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses the 200 MB lying archive with less than 50 MB of peak growth', async () => {
    const file = join(dir, 'lying.xlsx');
    writeFileSync(file, lyingArchive());
    const run = await probeInChild<{ accepted: boolean; reason: string }>(GUARD, 'inspectArchive', file);
    expect(run.value).toMatchObject({ accepted: false, reason: 'declared-size-mismatch' });
    expect(run.peakAfterKb - run.peakBeforeKb).toBeLessThan(50 * 1024);
  }, 30_000);

  it('inflates 150 MB of an honest bomb chunk by chunk, holding none of it', async () => {
    // Ratio check off and a raised total, so the guard really inflates 150 MB before refusing:
    // a guard that kept the chunks would grow by that much.
    const file = join(dir, 'honest-bomb.zip');
    writeFileSync(file, buildZip([{ name: 'zeros.bin', content: { zeros: 200 * MB } }]));
    const limits = { ...DEFAULT_ARCHIVE_LIMITS, maxCompressionRatio: 1e9, maxInflatedBytes: 150 * MB };
    const run = await probeInChild<{ accepted: boolean; reason: string }>(GUARD, 'inspectArchive', file, limits);
    expect(run.value).toMatchObject({ accepted: false, reason: 'too-large' });
    expect(run.peakAfterKb - run.peakBeforeKb).toBeLessThan(50 * 1024);
  }, 30_000);
});
