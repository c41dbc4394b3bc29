import { CustomTypesConfig, types } from 'pg';

const TIMESTAMPTZ_OID = 1184;
/** pg's own timestamptz parser (postgres-date): the judge of every text the fast path declines. */
const parseAnyTimestamptz = types.getTypeParser(TIMESTAMPTZ_OID, 'text') as (text: string) => Date;

/** The two digits at `at` as a number, or -1 if either is not an ASCII digit. */
function twoDigits(text: string, at: number): number {
  const tens = text.charCodeAt(at) - 48;
  const units = text.charCodeAt(at + 1) - 48;
  return tens >= 0 && tens <= 9 && units >= 0 && units <= 9 ? tens * 10 + units : -1;
}

/** `YYYY-MM-DD HH:MM:SS[.f…]+00`: what PostgreSQL writes for a timestamptz in a UTC session. */
export function hasUtcShape(text: string): boolean {
  const n = text.length;
  return (
    n >= 22 &&
    n <= 29 &&
    text.endsWith('+00') &&
    text.charCodeAt(4) === 45 && // -
    text.charCodeAt(7) === 45 &&
    text.charCodeAt(10) === 32 && // space
    text.charCodeAt(13) === 58 && // :
    text.charCodeAt(16) === 58
  );
}

/** `.` and at least one digit, from `from` up to `to`. */
function isFraction(text: string, from: number, to: number): boolean {
  if (to - from < 2 || text.charCodeAt(from) !== 46) return false;
  for (let at = from + 1; at < to; at++) {
    const c = text.charCodeAt(at);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * A timestamptz as pg's own parser reads it, about twice as fast for the text nearly every event
 * row carries (a UTC session, a four-digit year): every relayed or replayed event has one, and the
 * regular-expression parser was a tenth of the relay's own CPU. The fraction is turned into
 * milliseconds by the same arithmetic as postgres-date's, so both give the same instant; any other
 * text (another zone, BC, infinity, a short year) goes to pg's parser (event-row-types.unit.spec.ts
 * compares the two).
 */
export function parseTimestamptz(text: string): Date {
  if (!hasUtcShape(text)) return parseAnyTimestamptz(text);
  const century = twoDigits(text, 0);
  const yearInCentury = twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = twoDigits(text, 17);
  const fractionEnd = text.length - 3;
  const hasFraction = fractionEnd > 19;
  if (century < 10 || yearInCentury < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || (hasFraction && !isFraction(text, 19, fractionEnd))) {
    return parseAnyTimestamptz(text);
  }
  const milliseconds = hasFraction ? 1000 * parseFloat(text.slice(19, fractionEnd)) : 0;
  return new Date(Date.UTC(century * 100 + yearInCentury, month - 1, day, hour, minute, second, milliseconds));
}

/** The type parsers of the event store's reads: pg's, with the faster timestamptz. */
export const EVENT_ROW_TYPES: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === TIMESTAMPTZ_OID && format !== 'binary' ? parseTimestamptz : types.getTypeParser(oid, format ?? 'text')) as CustomTypesConfig['getTypeParser'],
};
