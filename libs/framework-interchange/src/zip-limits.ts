import yauzl from 'yauzl';

/** An .xlsx of the toolkit's size unpacks to a few MB; anything far larger is refused unread. */
export const ZIP_LIMITS = { maxEntries: 500, maxUncompressedBytes: 50 * 1024 * 1024 };

/**
 * Reads only the zip's central directory (no inflating) and refuses archives whose declared
 * contents exceed the limits, so a small crafted upload cannot expand to gigabytes in memory when
 * the workbook library unpacks it. Returns a reason, or undefined when the archive is acceptable.
 */
export function checkZipLimits(data: Buffer, limits = ZIP_LIMITS): Promise<string | undefined> {
  return new Promise((resolve) => {
    yauzl.fromBuffer(data, { lazyEntries: true }, (openError, zip) => {
      if (openError || !zip) return resolve('not a readable .xlsx file');
      if (zip.entryCount > limits.maxEntries) return resolve(`the archive holds ${zip.entryCount} files; at most ${limits.maxEntries} are accepted`);
      let total = 0;
      zip.on('entry', (entry: yauzl.Entry) => {
        total += entry.uncompressedSize;
        if (total > limits.maxUncompressedBytes) {
          zip.close();
          return resolve(`the archive unpacks to more than ${limits.maxUncompressedBytes / 1024 / 1024} MB`);
        }
        zip.readEntry();
      });
      zip.on('end', () => resolve(undefined));
      zip.on('error', () => resolve('not a readable .xlsx file'));
      zip.readEntry();
    });
  });
}
