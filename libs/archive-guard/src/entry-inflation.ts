import type { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import type { Entry, ZipFile } from 'yauzl';
import { ArchiveLimits, describeBytes } from './archive-limits';
import { ArchiveRefused, refused } from './archive-verdict';
import { refusalOfError } from './refusal-of-error';

const STORED = 0;
const DEFLATED = 8;

/**
 * Inflates one entry and counts the bytes that come out, dropping each chunk once counted, so
 * memory stays at one zlib window and one chunk whatever the entry holds. Resolves with the bytes
 * produced, or with a refusal the moment a limit is passed: both streams are destroyed there, so
 * a 200 MB bomb costs the work of reaching the limit, not of inflating it.
 *
 * The guard runs the inflater itself (yauzl hands over the raw bytes) for two reasons. The ratio
 * is taken against the compressed bytes the inflater has actually consumed (`bytesWritten`), so
 * a bomb is caught after its first MB rather than after 200 times its whole compressed size. And
 * the declared size is compared with the real count as it grows, so a lie is named as a lie
 * (yauzl's own `validateEntrySizes` does the same for stored entries when it reads the directory).
 */
export function inflateEntry(zip: ZipFile, entry: Entry, limits: ArchiveLimits, inflatedBefore: number): Promise<number | ArchiveRefused> {
  return new Promise((resolve) => {
    if (entry.isEncrypted() || ![STORED, DEFLATED].includes(entry.compressionMethod)) {
      return resolve(refused('unsupported-entry', `entry "${entry.fileName}" is encrypted or uses compression method ${entry.compressionMethod}; only stored and deflated entries are read`, entry.fileName));
    }
    zip.openReadStream(entry, { decodeFileData: false }, (openError, raw) => {
      if (openError || !raw) return resolve(refusalOfError(openError, entry));
      const inflater = entry.compressionMethod === DEFLATED ? raw.pipe(createInflateRaw()) : undefined;
      const output: Readable = inflater ?? raw;
      let produced = 0;
      let settled = false;
      const consumed = () => (inflater ? inflater.bytesWritten : produced);
      const settle = (result: number | ArchiveRefused) => {
        if (settled) return;
        settled = true;
        if (typeof result !== 'number') {
          raw.destroy();
          inflater?.destroy();
        }
        resolve(result);
      };
      output.on('data', (chunk: Buffer) => {
        produced += chunk.length;
        const passed = limitPassed(entry, produced, consumed(), inflatedBefore + produced, limits);
        if (passed) settle(passed);
      });
      raw.on('error', (error: Error) => settle(refusalOfError(error, entry)));
      inflater?.on('error', (error: Error) => settle(refusalOfError(error, entry)));
      output.on('end', () => settle(produced === entry.uncompressedSize ? produced : sizeLie(entry, `inflates to ${produced} bytes`)));
    });
  });
}

function limitPassed(entry: Entry, produced: number, consumed: number, total: number, limits: ArchiveLimits): ArchiveRefused | undefined {
  const name = entry.fileName;
  if (produced > entry.uncompressedSize) return sizeLie(entry, 'inflates to more than that');
  if (total > limits.maxInflatedBytes) {
    return refused('too-large', `the archive inflates to more than ${describeBytes(limits.maxInflatedBytes)}, the limit (passed in entry "${name}")`, name);
  }
  if (produced > limits.ratioCheckedAfterBytes && produced / Math.max(consumed, 1) > limits.maxCompressionRatio) {
    const sofar = `${describeBytes(produced)} from ${describeBytes(consumed)}`;
    return refused('compression-ratio', `entry "${name}" inflates more than ${limits.maxCompressionRatio}:1, the compression ratio limit (${sofar})`, name);
  }
  return undefined;
}

const sizeLie = (entry: Entry, truth: string): ArchiveRefused =>
  refused('declared-size-mismatch', `entry "${entry.fileName}" declares ${entry.uncompressedSize} bytes uncompressed but ${truth}`, entry.fileName);
