import { isoTimestamp } from './iso-timestamp';

describe('isoTimestamp', () => {
  it('writes what Date#toISOString writes, for every millisecond of a second and instants across twelve millennia', () => {
    const base = Date.UTC(2026, 11, 3, 7, 21, 52);
    const instants = [
      ...Array.from({ length: 1_000 }, (_, ms) => base + ms),
      ...Array.from({ length: 5_000 }, (_, i) => Date.UTC(-1_000 + i * 2.4, i % 12, 1 + (i % 31), i % 24, (i * 7) % 60, (i * 13) % 60, (i * 37) % 1_000)),
      Date.UTC(999, 11, 31, 23, 59, 59, 999),
      Date.UTC(1000, 0, 1),
      Date.UTC(9999, 11, 31, 23, 59, 59, 999),
      Date.UTC(10000, 0, 1),
      Date.UTC(2024, 1, 29, 12),
      0,
      -1,
      8.64e15,
      -8.64e15,
    ];
    const disagreements = instants.map((t) => new Date(t)).filter((d) => isoTimestamp(d) !== d.toISOString());
    expect(disagreements).toEqual([]);
    expect(instants.length).toBeGreaterThan(6_000);
  });

  it('throws for an invalid date, as Date#toISOString does', () => {
    expect(() => isoTimestamp(new Date(Number.NaN))).toThrow(RangeError);
  });

  it('writes four-digit years itself, without the built-in', () => {
    const builtIn = jest.spyOn(Date.prototype, 'toISOString');
    try {
      for (let i = 0; i < 100; i++) isoTimestamp(new Date(Date.UTC(2026, 0, 1) + i * 86_399_999));
      expect(builtIn).not.toHaveBeenCalled();
      expect(isoTimestamp(new Date(Date.UTC(12_026, 0, 1)))).toBe('+012026-01-01T00:00:00.000Z'); // the built-in's
      expect(builtIn).toHaveBeenCalledTimes(1);
    } finally {
      builtIn.mockRestore();
    }
  });
});
