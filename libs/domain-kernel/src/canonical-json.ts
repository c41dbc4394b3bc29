/**
 * JSON with every object's keys sorted, at every depth: the same value gives the same
 * text however it was built or where it was read from (PostgreSQL's jsonb, for one, reorders keys),
 * so two values can be compared, or hashed, by their text. Buffers are written as base64.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonical(value));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  }
  return value;
}
