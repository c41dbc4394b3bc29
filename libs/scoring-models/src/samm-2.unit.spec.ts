import fc from 'fast-check';
import { SammFunction, sammPracticeScore, sammScores, sammStreamScore } from './samm-2';
import { ScoringInputError } from './scoring-error';

describe('SAMM 2.0 scoring', () => {
  it('sums a stream over its three levels', () => {
    expect(sammStreamScore([1, 0.5, 0.25])).toBe(1.75);
    expect(sammStreamScore([null, null, null])).toBe(0);
  });

  it('averages streams into a practice, practices into a function, functions into overall (worked example)', () => {
    // Governance: Strategy & Metrics A = 1+1+0.5 = 2.5, B = 1+0.25+0 = 1.25 → 1.875
    //             Policy & Compliance A = 0.5, B = 0 → 0.25            ⇒ Governance = 1.0625
    // Design:     Threat Assessment A = 3, B = 2 → 2.5                 ⇒ Design = 2.5
    // Overall = (1.0625 + 2.5) / 2 = 1.78125
    const functions: SammFunction[] = [
      {
        id: 'governance',
        practices: [
          { id: 'SM', streams: [[1, 1, 0.5], [1, 0.25, 0]] },
          { id: 'PC', streams: [[0.5, null, null], [0, 0, 0]] },
        ],
      },
      { id: 'design', practices: [{ id: 'TA', streams: [[1, 1, 1], [1, 1, 0]] }] },
    ];
    expect(sammScores(functions)).toEqual({
      practices: { SM: 1.875, PC: 0.25, TA: 2.5 },
      functions: { governance: 1.0625, design: 2.5 },
      overall: 1.78125,
    });
  });

  it.each([0.3, 2, -0.25])('rejects the answer %p, naming the stream level', (value) => {
    expect(() => sammPracticeScore({ id: 'SM', streams: [[1, value], [0]] })).toThrow(ScoringInputError);
    expect(() => sammPracticeScore({ id: 'SM', streams: [[1, value], [0]] })).toThrow('SM stream A level 2');
  });

  it('rejects a fourth level', () => {
    expect(() => sammStreamScore([1, 1, 1, 1])).toThrow(ScoringInputError);
  });

  const answer = fc.option(fc.constantFrom(0, 0.25, 0.5, 1), { nil: null });
  const stream = fc.array(answer, { minLength: 3, maxLength: 3 });

  it('keeps every practice within 0–3 and never lowers it when an answer rises', () => {
    fc.assert(
      fc.property(stream, stream, fc.nat(5), (a, b, pick) => {
        const before = sammPracticeScore({ id: 'p', streams: [a, b] });
        const streams: (number | null)[][] = [[...a], [...b]];
        const s = streams[pick % 2];
        const i = pick % 3;
        const steps = [0, 0.25, 0.5, 1];
        s[i] = steps[Math.min(3, steps.indexOf(s[i] ?? 0) + 1)];
        const after = sammPracticeScore({ id: 'p', streams: [streams[0], streams[1]] });
        return before >= 0 && before <= 3 && after >= before;
      }),
    );
  });
});
