import { ArchiveRefused, refused } from './archive-verdict';

const END_OF_DIRECTORY = Buffer.from('PK\x05\x06', 'latin1');
const ZIP64_LOCATOR = Buffer.from('PK\x06\x07', 'latin1');
const ZIP64_END_OF_DIRECTORY = 0x06064b50;
const END_SIZE = 22;
const LOCATOR_SIZE = 20;

/** Where the central directory is, as both parsers below would find it. */
export interface CentralDirectory {
  offset: number;
  size: number;
}

/** Bytes one central-directory record occupies: the fixed 46 plus its three variable fields. */
export const directoryRecordSize = (entry: { fileNameLength: number; extraFieldLength: number; fileCommentLength: number }) =>
  46 + entry.fileNameLength + entry.extraFieldLength + entry.fileCommentLength;

/**
 * The guard inflates with yauzl, but the bytes it approves are parsed afterwards by another reader
 * (JSZip inside exceljs), and the two find the central directory differently:
 * - JSZip reads directory records for as long as their signature repeats; yauzl reads the count the
 *   end record declares. An end record that says 1 while the directory holds 2 shows the guard one
 *   entry and exceljs two.
 * - When the directory does not end where the end record starts, JSZip assumes data was prepended
 *   (as in .crx files) and shifts every offset; yauzl does not, so each reads a different directory.
 * - JSZip switches to zip64 when a 16/32-bit field is all ones and finds the locator by searching
 *   the whole file backwards; yauzl only when a locator sits right before the end record.
 * An archive on which they could disagree is refused rather than guessed at: a guard that inspects
 * entries the parser never reads protects nothing. The caller still checks, once every record is
 * read, that the records fill the directory exactly (`directoryRecordSize`).
 */
export function locateCentralDirectory(data: Buffer): CentralDirectory | ArchiveRefused {
  const end = data.lastIndexOf(END_OF_DIRECTORY);
  if (end < 0 || end + END_SIZE > data.length || end + END_SIZE + data.readUInt16LE(end + 20) !== data.length) {
    return refused('not-a-zip', 'not a zip archive: no end-of-central-directory record ends the file');
  }
  const saturated =
    [4, 6, 8, 10].some((at) => data.readUInt16LE(end + at) === 0xffff) || [12, 16].some((at) => data.readUInt32LE(end + at) === 0xffffffff);
  const locator = end - LOCATOR_SIZE;
  const hasLocator = locator >= 0 && data.subarray(locator, locator + 4).equals(ZIP64_LOCATOR);
  if (saturated !== hasLocator) return ambiguous('its zip64 markers contradict each other');
  if (!hasLocator) return directoryEndingAt(end, data.readUInt32LE(end + 16), data.readUInt32LE(end + 12));
  if (data.lastIndexOf(ZIP64_LOCATOR) !== locator) return ambiguous('it holds more than one zip64 locator');
  const record = Number(data.readBigUInt64LE(locator + 8));
  if (record + 56 > locator || data.readUInt32LE(record) !== ZIP64_END_OF_DIRECTORY) {
    return refused('not-a-zip', 'not a readable zip archive: its zip64 end record is missing');
  }
  const recordSize = 12 + Number(data.readBigUInt64LE(record + 4));
  if (record + recordSize !== locator) return ambiguous('its zip64 end record does not reach the locator');
  return directoryEndingAt(record, Number(data.readBigUInt64LE(record + 48)), Number(data.readBigUInt64LE(record + 40)));
}

function directoryEndingAt(expectedEnd: number, offset: number, size: number): CentralDirectory | ArchiveRefused {
  if (offset + size !== expectedEnd) return ambiguous(`its central directory (${offset} + ${size} bytes) does not end where the end record starts (${expectedEnd})`);
  return { offset, size };
}

function ambiguous(why: string): ArchiveRefused {
  return refused('ambiguous-layout', `the archive is refused because zip readers could disagree on its contents: ${why}`);
}
