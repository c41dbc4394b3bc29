import { ArchiveRefused, refused } from './archive-verdict';

/**
 * Turns what yauzl or zlib report into a refusal, so a malformed upload is a 4xx answer and never
 * an unknown error. yauzl's `validateEntrySizes` fails a stored entry whose two declared sizes
 * differ while it reads the directory; that is a declared-size lie like the ones counted in
 * entry-inflation.ts.
 */
export function refusalOfError(error: Error | null | undefined, entry?: { fileName: string }): ArchiveRefused {
  const message = error?.message ?? 'no reason given';
  const name = entry?.fileName;
  if (/size mismatch for stored file/.test(message)) return refused('declared-size-mismatch', `an entry's declared sizes contradict each other (${message})`);
  if (!entry) return refused('not-a-zip', `not a readable zip archive: ${message}`);
  return refused('corrupt-entry', `entry "${name}" cannot be inflated: ${message}`, name);
}
