import { HttpStatus } from '@nestjs/common';
import { ProblemError } from './problem-details';

/**
 * Opaque cursors for keyset pagination: the sort key of the last item of a page, so the next page
 * starts after it whatever was inserted meanwhile (no offsets, no skipped or repeated rows).
 */
export function encodeCursor(key: readonly string[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, parts: number): string[] | undefined {
  if (cursor === undefined) return undefined;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === parts && key.every((k) => typeof k === 'string')) return key;
  } catch {
    // falls through to the problem below
  }
  throw new ProblemError(HttpStatus.BAD_REQUEST, 'validation', 'Invalid cursor', 'cursor must be a nextCursor returned by this listing');
}

/** limit from a query string: 1–200, default 50. */
export function pageLimit(raw: string | undefined): number {
  if (raw === undefined) return 50;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw new ProblemError(HttpStatus.BAD_REQUEST, 'validation', 'Invalid limit', 'limit must be an integer from 1 to 200');
  return limit;
}
