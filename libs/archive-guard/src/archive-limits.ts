/**
 * What an uploaded zip may unpack to. Every figure is checked against bytes the guard actually
 * inflated, never against sizes the archive declares about itself.
 */
export interface ArchiveLimits {
  /** Entries in the central directory. */
  maxEntries: number;
  /** Bytes produced by inflating every entry, summed. The hard bound on what a parser will hold. */
  maxInflatedBytes: number;
  /** Inflated bytes per compressed byte of one entry; an early exit for bombs, see below. */
  maxCompressionRatio: number;
  /**
   * The ratio is judged only once an entry has produced this much: a 40-byte file of repeated
   * spaces legitimately deflates 100:1, and refusing it would refuse ordinary workbooks.
   */
  ratioCheckedAfterBytes: number;
}

const MB = 1024 * 1024;

/**
 * Sized for an office document or an evidence bundle: the official AIMA toolkit (220 KB) holds 26
 * entries that unpack to 1.3 MB at about 10:1, and zeros deflate at about 1000:1.
 */
export const DEFAULT_ARCHIVE_LIMITS: Readonly<ArchiveLimits> = Object.freeze({
  maxEntries: 500,
  maxInflatedBytes: 50 * MB,
  maxCompressionRatio: 200,
  ratioCheckedAfterBytes: 1 * MB,
});

/** "50 MB" or "1000 bytes": limits and sizes as people read them in a refusal. */
export const describeBytes = (bytes: number): string => (bytes >= MB ? `${+(bytes / MB).toFixed(1)} MB` : `${bytes} bytes`);
