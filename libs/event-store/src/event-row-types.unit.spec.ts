import { types } from 'pg';
import { hasUtcShape, parseTimestamptz } from './event-row-types';

const pgParser = types.getTypeParser(1184, 'text') as (text: string) => unknown;

/** The instant as PostgreSQL writes a timestamptz in a UTC session: microseconds, trailing zeros dropped. */
function asPostgresWritesIt(epochMs: number, microseconds: number): string {
  const iso = new Date(epochMs).toISOString(); // YYYY-MM-DDTHH:MM:SS.mmmZ
  const fraction = `${iso.slice(20, 23)}${String(microseconds).padStart(3, '0')}`.replace(/0+$/, '');
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${fraction ? `.${fraction}` : ''}+00`;
}

/** pg's parser gives a Date, ±Infinity or null; two results agree when they are the same instant or the same value. */
const instantOf = (value: unknown) => (value instanceof Date ? value.getTime() : value);
const sameInstant = (a: unknown, b: unknown) => Object.is(instantOf(a), instantOf(b));

describe('parseTimestamptz (event rows)', () => {
  it('reads the UTC text PostgreSQL writes, fraction and all', () => {
    expect(parseTimestamptz('2026-12-03 07:23:24.588123+00').toISOString()).toBe('2026-12-03T07:23:24.588Z');
    expect(parseTimestamptz('2026-12-03 07:23:24+00').toISOString()).toBe('2026-12-03T07:23:24.000Z');
    expect(parseTimestamptz('2024-02-29 23:59:59.9+00').toISOString()).toBe('2024-02-29T23:59:59.900Z');
    expect(parseTimestamptz('2026-12-03 08:23:24.5+01').toISOString()).toBe('2026-12-03T07:23:24.500Z'); // another zone: pg's parser
  });

  it("gives pg's own parser's instant for every millisecond, many instants, other zones and shapes, and their one-character mutations", () => {
    const instants = Array.from({ length: 2_000 }, (_, i) => Date.UTC(1000 + ((i * 37) % 9000), 0, 1) + i * 987_654_321 + (i % 1000));
    const texts = [
      ...Array.from({ length: 1_000 }, (_, ms) => asPostgresWritesIt(Date.UTC(2026, 11, 3, 7, 23, 24, ms), (ms * 7) % 1000)),
      ...Array.from({ length: 1_000 }, (_, ms) => asPostgresWritesIt(Date.UTC(2026, 11, 3, 7, 23, 24, ms), 0)),
      ...instants.map((t, i) => asPostgresWritesIt(t, i % 1000)),
      '2026-12-03 07:23:24.588123+05:30',
      '2026-12-03 07:23:24-08',
      '0099-06-01 12:00:00+00',
      '0999-06-01 12:00:00.5+00',
      '0044-03-15 12:00:00+00 BC',
      '12026-12-03 07:23:24+00',
      'infinity',
      '-infinity',
    ];
    const corpus = [...texts, ...texts.filter((_, i) => i % 13 === 0).flatMap(mutations)];
    const disagreements = corpus.filter((text) => !sameInstant(parseTimestamptz(text), pgParser(text)));
    expect(disagreements).toEqual([]);
  });

  it('takes its fast path for the text PostgreSQL writes in a UTC session, and only for that shape', () => {
    for (const text of ['2026-12-03 07:23:24.588123+00', '2026-12-03 07:23:24+00', '2026-12-03 07:23:24.5+00']) expect(hasUtcShape(text)).toBe(true);
    for (const text of ['2026-12-03 07:23:24.588123+05:30', '2026-12-03 07:23:24-08', '2026-12-03T07:23:24+00', 'infinity']) expect(hasUtcShape(text)).toBe(false);
  });
});

function mutations(text: string): string[] {
  const out: string[] = [];
  for (let at = 0; at < text.length; at++) for (const c of ['0', '9', ' ', '-', ':', '.', '+', 'T', 'a']) out.push(text.slice(0, at) + c + text.slice(at + 1));
  return out;
}
