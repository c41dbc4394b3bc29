import ExcelJS from 'exceljs';
import { ArchiveRefusedError, DEFAULT_ARCHIVE_LIMITS, assertArchiveAcceptable, inspectArchive } from './index';
import { LYING_DECLARED_BYTES, buildZip, lyingArchive } from './testing';

const MB = 1024 * 1024;

async function smallWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Answers');
  sheet.addRow(['question', 'answer']);
  for (let i = 1; i <= 20; i++) sheet.addRow([`Q${i}`, i % 4]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Overwrites an entry's compression method in both headers of a one-entry archive from buildZip. */
function withMethod(zip: Buffer, method: number, nameLength: number, dataLength: number): Buffer {
  const copy = Buffer.from(zip);
  copy.writeUInt16LE(method, 8);
  copy.writeUInt16LE(method, 30 + nameLength + dataLength + 10);
  return copy;
}

describe('inspectArchive counts what the entries really inflate to', () => {
  it('accepts an ordinary workbook and reports the bytes it really holds', async () => {
    const verdict = await inspectArchive(await smallWorkbook());
    expect(verdict).toMatchObject({ accepted: true });
    expect(verdict.accepted && verdict.entries).toBeGreaterThan(5);
    const honest = buildZip([
      { name: 'a.txt', content: Buffer.from('hello '.repeat(1000)) },
      { name: 'b.bin', content: Buffer.from([1, 2, 3]), method: 0 },
      { name: 'empty/', content: Buffer.alloc(0) },
    ]);
    await expect(inspectArchive(honest)).resolves.toEqual({ accepted: true, entries: 3, inflatedBytes: 6003 });
  });

  it('refuses the lying archive (declares 1,000 bytes, inflates to 200 MB) and names the lie', async () => {
    const started = Date.now();
    const verdict = await inspectArchive(lyingArchive());
    expect(verdict).toEqual({
      accepted: false,
      reason: 'declared-size-mismatch',
      entry: 'xl/worksheets/sheet1.xml',
      message: `entry "xl/worksheets/sheet1.xml" declares ${LYING_DECLARED_BYTES} bytes uncompressed but inflates to more than that`,
    });
    expect(Date.now() - started).toBeLessThan(2000); // stops at the lie, long before 200 MB
    await expect(assertArchiveAcceptable(lyingArchive())).rejects.toEqual(expect.objectContaining({ name: 'ArchiveRefusedError', reason: 'declared-size-mismatch' }));
    await expect(assertArchiveAcceptable(lyingArchive())).rejects.toBeInstanceOf(ArchiveRefusedError);
  });

  it('refuses an entry that inflates to less than it declares', async () => {
    const short = buildZip([{ name: 'a.txt', content: Buffer.from('x'.repeat(5000)), declaredSize: 9000 }]);
    await expect(inspectArchive(short)).resolves.toMatchObject({ accepted: false, reason: 'declared-size-mismatch', message: expect.stringContaining('declares 9000 bytes uncompressed but inflates to 5000 bytes') });
    const stored = buildZip([{ name: 's.bin', content: Buffer.alloc(10), method: 0, declaredSize: 5 }]);
    await expect(inspectArchive(stored)).resolves.toMatchObject({ accepted: false, reason: 'declared-size-mismatch' });
  });

  it('refuses more entries than the limit', async () => {
    const many = buildZip(Array.from({ length: 501 }, (_, i) => ({ name: `f${i}.txt`, content: Buffer.from('x') })));
    await expect(inspectArchive(many)).resolves.toMatchObject({ accepted: false, reason: 'too-many-entries', message: 'the archive holds 501 entries; at most 500 are accepted' });
    const workbook = await smallWorkbook();
    await expect(inspectArchive(workbook, { ...DEFAULT_ARCHIVE_LIMITS, maxEntries: 3 })).resolves.toMatchObject({ reason: 'too-many-entries' });
  });

  it('refuses an archive whose honest total passes the inflated-bytes limit, counted not declared', async () => {
    const noRatio = { ...DEFAULT_ARCHIVE_LIMITS, maxCompressionRatio: Number.POSITIVE_INFINITY };
    const big = buildZip([1, 2, 3].map((i) => ({ name: `part${i}.bin`, content: { zeros: 20 * MB } })));
    await expect(inspectArchive(big, noRatio)).resolves.toMatchObject({ accepted: false, reason: 'too-large', entry: 'part3.bin', message: expect.stringContaining('more than 50 MB, the limit') });
    await expect(inspectArchive(await smallWorkbook(), { ...DEFAULT_ARCHIVE_LIMITS, maxInflatedBytes: 2000 })).resolves.toMatchObject({ reason: 'too-large' });
  });

  it('refuses an entry compressed beyond the ratio limit once it has produced a MB, and not before', async () => {
    const bomb = buildZip([{ name: 'zeros.bin', content: { zeros: 5 * MB } }]);
    await expect(inspectArchive(bomb)).resolves.toMatchObject({ accepted: false, reason: 'compression-ratio', entry: 'zeros.bin', message: expect.stringContaining('more than 200:1') });
    const smallButDense = buildZip([{ name: 'spaces.txt', content: Buffer.alloc(512 * 1024, ' ') }]);
    await expect(inspectArchive(smallButDense)).resolves.toMatchObject({ accepted: true, inflatedBytes: 512 * 1024 });
  });

  it('refuses what is not a zip, a truncated zip, and entries it cannot read, with a reason', async () => {
    for (const junk of [Buffer.alloc(0), Buffer.from('PK not really a zip'), Buffer.from('just text, no archive at all')]) {
      await expect(inspectArchive(junk)).resolves.toMatchObject({ accepted: false, reason: 'not-a-zip', message: expect.stringMatching(/^not a (readable )?zip archive/) });
    }
    const workbook = await smallWorkbook();
    await expect(inspectArchive(workbook.subarray(0, workbook.length - 30))).resolves.toMatchObject({ accepted: false, reason: 'not-a-zip' });
    await expect(inspectArchive(workbook.subarray(100))).resolves.toMatchObject({ accepted: false });

    const content = Buffer.from('abcdefgh');
    const bzip2 = withMethod(buildZip([{ name: 'a', content, method: 0 }]), 12, 1, content.length);
    await expect(inspectArchive(bzip2)).resolves.toMatchObject({ accepted: false, reason: 'unsupported-entry', entry: 'a' });
    const garbage = Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
    const corrupt = withMethod(buildZip([{ name: 'a', content: garbage, method: 0 }]), 8, 1, garbage.length);
    await expect(inspectArchive(corrupt)).resolves.toMatchObject({ accepted: false, reason: 'corrupt-entry', entry: 'a' });
  });
});
