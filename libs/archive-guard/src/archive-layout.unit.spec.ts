import { inspectArchive } from './index';
import { buildZip } from './testing';

const MB = 1024 * 1024;
const innocent = { name: 'readme.txt', content: Buffer.from('nothing to see') };
const bomb = { name: 'bomb.bin', content: { zeros: 100 * MB } };

describe('inspectArchive refuses archives that zip readers could read differently', () => {
  it('refuses an end record that declares fewer entries than the directory holds', async () => {
    // yauzl would read only the innocent entry; JSZip (inside exceljs) reads records while their
    // signature repeats and would inflate the bomb the guard never saw.
    const hidden = buildZip([innocent, bomb], { declaredEntryCount: 1 });
    await expect(inspectArchive(hidden)).resolves.toMatchObject({ accepted: false, reason: 'ambiguous-layout', message: expect.stringContaining('the end record says') });
    await expect(inspectArchive(buildZip([innocent, bomb]))).resolves.toMatchObject({ accepted: false, reason: 'compression-ratio' });
  });

  it('refuses bytes before the archive, which JSZip would skip by shifting every offset', async () => {
    const prefixed = buildZip([innocent], { prefix: Buffer.alloc(64, 0x20) });
    await expect(inspectArchive(prefixed)).resolves.toMatchObject({ accepted: false, reason: 'ambiguous-layout', message: expect.stringContaining('does not end where the end record starts') });
  });

  it('reads a consistent zip64 archive, and still counts what it inflates', async () => {
    await expect(inspectArchive(buildZip([innocent, innocent], { zip64: true }))).resolves.toEqual({ accepted: true, entries: 2, inflatedBytes: 28 });
    await expect(inspectArchive(buildZip([innocent, bomb], { zip64: true }))).resolves.toMatchObject({ accepted: false, reason: 'compression-ratio' });
  });

  it('refuses zip64 markers that only one reader would follow', async () => {
    const zip = buildZip([innocent]);
    const end = zip.length - 22;
    const saturated = Buffer.from(zip);
    saturated.writeUInt16LE(0xffff, end + 10); // JSZip: "zip64"; yauzl: no locator, so not zip64
    await expect(inspectArchive(saturated)).resolves.toMatchObject({ accepted: false, reason: 'ambiguous-layout', message: expect.stringContaining('zip64') });
    // As Python's zipfile writes small zip64 archives: yauzl follows the locator, JSZip sees no
    // saturated field, finds 76 bytes between directory and end record and shifts every offset.
    const plain = buildZip([innocent]);
    const unsaturated = buildZip([innocent], { zip64: true });
    plain.copy(unsaturated, unsaturated.length - 22 + 8, plain.length - 22 + 8, plain.length - 22 + 20);
    await expect(inspectArchive(unsaturated)).resolves.toMatchObject({ accepted: false, reason: 'ambiguous-layout' });
  });

  it('refuses a file whose last end record does not end the file', async () => {
    const zip = buildZip([innocent]);
    await expect(inspectArchive(Buffer.concat([zip, Buffer.from('trailing')]))).resolves.toMatchObject({ accepted: false, reason: 'not-a-zip' });
  });
});
