import { HttpStatus } from '@nestjs/common';
import { isInstant } from '@assay/evidence-catalogue';
import { ProblemError } from '@assay/service-kit';

export const invalid = (detail: string) => new ProblemError(HttpStatus.BAD_REQUEST, 'validation', 'Request is invalid', detail);

/** A query parameter given once (Express makes repeats arrays and brackets objects). */
export function single(name: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalid(`${name} must be given once, as a plain value`);
  return value;
}

/** History reaches back to 2000 and a trend forward ten years: bounds that keep every answer small. */
const EARLIEST = Date.parse('2000-01-01T00:00:00Z');
const latest = () => Date.now() + 10 * 366 * 86_400_000;

/** An RFC 3339 instant, or now when absent. */
export function instant(name: string, raw: unknown): Date {
  const value = single(name, raw);
  if (value === undefined) return new Date();
  if (!isInstant(value)) throw invalid(`${name} must be an RFC 3339 date-time, e.g. 2026-06-30T23:59:59Z`);
  const at = Date.parse(value);
  if (at < EARLIEST || at > latest()) throw invalid(`${name} must lie between 2000-01-01 and ten years from now`);
  return new Date(at);
}

export function nodeParam(raw: unknown): string | null {
  const value = single('nodeId', raw);
  if (value === undefined) return null;
  if (value.length === 0 || value.length > 200) throw invalid('nodeId must be a framework node id');
  return value;
}

