import fc from 'fast-check';
import { cmmStagedLevel } from './cmm-staged';
import { ScoringInputError } from './scoring-error';

describe('staged CMM levels 1–5', () => {
  it.each([
    [[], 1],
    [[false, true, true, true], 1],
    [[true], 2],
    [[true, true, false, true], 3],
    [[true, true, true, true], 5],
  ])('%j → level %d: a level counts only when every lower one holds', (holds, level) => {
    expect(cmmStagedLevel(holds)).toBe(level);
  });

  it('rejects more than four level answers', () => {
    expect(() => cmmStagedLevel([true, true, true, true, true], 'Governance')).toThrow(ScoringInputError);
  });

  it('stays within 1–5 and never falls when one more level holds', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 4 }), fc.nat(3), (holds, pick) => {
        const level = cmmStagedLevel(holds);
        const more = [...holds, false, false, false, false].slice(0, 4);
        more[pick] = true;
        return level >= 1 && level <= 5 && cmmStagedLevel(more) >= level;
      }),
    );
  });
});
