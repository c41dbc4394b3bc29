import addFormats from 'ajv-formats';
import { isDateTime } from './contract-formats';

const ajvFormatsDateTime = (addFormats.get('date-time') as { validate: (text: string) => boolean }).validate;

/** Every character of each string replaced in turn by each of these: digits, separators, letters. */
const REPLACEMENTS = ['0', '1', '2', '3', '5', '6', '9', '-', ':', '.', 'T', 't', ' ', 'Z', 'z', '+', 'a', '\u00a0'];
function mutations(text: string): string[] {
  const out: string[] = [];
  for (let at = 0; at < text.length; at++) for (const c of REPLACEMENTS) out.push(text.slice(0, at) + c + text.slice(at + 1));
  return out;
}

describe('isDateTime (the contracts date-time format)', () => {
  it('judges the Date#toISOString shape as RFC 3339 does: calendar days, leap years, leap seconds', () => {
    expect(isDateTime('2024-02-29T12:00:00.000Z')).toBe(true);
    expect(isDateTime('2000-02-29T12:00:00.000Z')).toBe(true);
    expect(isDateTime('2023-02-29T12:00:00.000Z')).toBe(false);
    expect(isDateTime('1900-02-29T12:00:00.000Z')).toBe(false);
    expect(isDateTime('2026-04-31T12:00:00.000Z')).toBe(false);
    expect(isDateTime('2026-13-01T12:00:00.000Z')).toBe(false);
    expect(isDateTime('2026-00-10T12:00:00.000Z')).toBe(false);
    expect(isDateTime('2026-12-31T23:59:60.500Z')).toBe(true);
    expect(isDateTime('2026-12-31T23:59:61.000Z')).toBe(false);
    expect(isDateTime('2026-12-31T22:59:60.000Z')).toBe(false);
    expect(isDateTime('2026-12-31T24:00:00.000Z')).toBe(false);
    expect(isDateTime('2026-12-31T23:60:00.000Z')).toBe(false);
  });

  it('agrees with ajv-formats on dates across ten millennia, other shapes, and every one-character mutation of them', () => {
    const dates = Array.from({ length: 400 }, (_, i) => new Date(Date.UTC(i * 25, (i * 7) % 12, 1 + ((i * 13) % 31), i % 24, (i * 11) % 60, (i * 17) % 60, i)));
    const bases = [
      ...dates.filter((d) => !Number.isNaN(d.getTime()) && d.getUTCFullYear() <= 9999).map((d) => d.toISOString()),
      '2026-12-03T07:21:52.123Z',
      '2026-12-31T23:59:60.999Z',
      '2026-12-03T07:21:52Z',
      '2026-12-03t07:21:52.123456z',
      '2026-12-03 07:21:52.1+01:00',
      '2026-12-03T07:21:52.123-0530',
      '2026-12-03T07:21:52.123',
      '2026-12-03',
    ];
    const corpus = [...bases, ...bases.flatMap(mutations)];
    const disagreements = corpus.filter((text) => isDateTime(text) !== ajvFormatsDateTime(text));
    expect(disagreements).toEqual([]);
    // The corpus must hold both verdicts in number, or agreement would prove little.
    const accepted = corpus.filter((text) => ajvFormatsDateTime(text)).length;
    expect(accepted).toBeGreaterThan(1_000);
    expect(corpus.length - accepted).toBeGreaterThan(10_000);
  });

  it("answers the Date#toISOString shape itself, without ajv-formats' slower check", () => {
    const slowCheck = jest.spyOn(addFormats.get('date-time') as { validate: (text: string) => boolean }, 'validate');
    try {
      for (let i = 0; i < 1_000; i++) expect(isDateTime(new Date(Date.UTC(2026, 0, 1) + i * 86_399_999).toISOString())).toBe(true);
      expect(slowCheck).not.toHaveBeenCalled();
      expect(isDateTime('2026-12-03T07:21:52+01:00')).toBe(true); // another shape: ajv-formats judges it
      expect(slowCheck).toHaveBeenCalledTimes(1);
    } finally {
      slowCheck.mockRestore();
    }
  });
});
