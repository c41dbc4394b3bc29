import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { CentralDirectory, directoryRecordSize, locateCentralDirectory } from './archive-layout';
import { ArchiveLimits, DEFAULT_ARCHIVE_LIMITS } from './archive-limits';
import { ArchiveAccepted, ArchiveRefused, ArchiveRefusedError, ArchiveVerdict, refused } from './archive-verdict';
import { inflateEntry } from './entry-inflation';
import { refusalOfError } from './refusal-of-error';

/**
 * Decides whether an uploaded zip (.xlsx, .docx, an evidence bundle) may be handed to a parser
 * that unpacks it in memory. Every entry is inflated and its bytes counted as they come out; the
 * sizes the archive declares are never believed. The guard it replaces read only the central
 * directory: a 300 KB .xlsx whose entry declared 1,000 bytes but inflated to 200 MB passed it, and
 * exceljs then grew the assessment service by about 290 MB before failing.
 *
 * Costs one pass of inflation (bounded by `maxInflatedBytes`) and constant memory. Never throws;
 * an unreadable or hostile archive is a refusal with a reason.
 */
export async function inspectArchive(data: Buffer, limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS): Promise<ArchiveVerdict> {
  const directory = locateCentralDirectory(data);
  if ('accepted' in directory) return directory;
  const zip = await open(data);
  if ('accepted' in zip) return zip;
  try {
    return await readEveryEntry(zip, directory, limits);
  } finally {
    zip.close();
  }
}

/** `inspectArchive` for callers that prefer an exception: throws `ArchiveRefusedError`. */
export async function assertArchiveAcceptable(data: Buffer, limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS): Promise<ArchiveAccepted> {
  const verdict = await inspectArchive(data, limits);
  if (!verdict.accepted) throw new ArchiveRefusedError(verdict);
  return verdict;
}

function open(data: Buffer): Promise<ZipFile | ArchiveRefused> {
  return new Promise((resolve) => {
    // validateEntrySizes makes yauzl fail an entry whose inflation passes its declared size.
    yauzl.fromBuffer(data, { lazyEntries: true, validateEntrySizes: true, autoClose: false }, (error, zip) => resolve(error || !zip ? refusalOfError(error) : zip));
  });
}

/** One entry at a time, so at most one inflate stream is alive. */
function readEveryEntry(zip: ZipFile, directory: CentralDirectory, limits: ArchiveLimits): Promise<ArchiveVerdict> {
  return new Promise((resolve) => {
    let entries = 0;
    let inflatedBytes = 0;
    let recordBytes = 0;
    let settled = false;
    const settle = (verdict: ArchiveVerdict) => {
      if (!settled) resolve(verdict);
      settled = true;
    };
    zip.on('error', (error: Error) => settle(refusalOfError(error)));
    zip.on('entry', (entry: Entry) => {
      if (++entries > limits.maxEntries) return settle(tooMany(entries, limits));
      recordBytes += directoryRecordSize(entry);
      void inflateEntry(zip, entry, limits, inflatedBytes).then((result) => {
        if (typeof result !== 'number') return settle(result);
        inflatedBytes += result;
        zip.readEntry();
      });
    });
    zip.on('end', () => {
      if (recordBytes !== directory.size) {
        const why = `its ${entries} central-directory records take ${recordBytes} bytes, the end record says ${directory.size}`;
        return settle(refused('ambiguous-layout', `the archive is refused because zip readers could disagree on its contents: ${why}`));
      }
      settle({ accepted: true, entries, inflatedBytes });
    });
    if (zip.entryCount > limits.maxEntries) return settle(tooMany(zip.entryCount, limits));
    zip.readEntry();
  });
}

const tooMany = (count: number, limits: ArchiveLimits) =>
  refused('too-many-entries', `the archive holds ${count} entries; at most ${limits.maxEntries} are accepted`);
