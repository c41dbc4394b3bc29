import fc from 'fast-check';
import { CHARACTERISATIONS, CharacterisedPractice, cmmiCapabilityLevel } from './cmmi-characterisation';
import { ScoringInputError } from './scoring-error';

const p = (id: string, level: number, characterisation: CharacterisedPractice['characterisation']): CharacterisedPractice => ({ id, level, characterisation });

describe('CMMI characterisation → capability level', () => {
  it('reaches level 2 when every level-1 and level-2 practice is largely or fully implemented', () => {
    expect(cmmiCapabilityLevel([p('a1', 1, 'fully'), p('a2', 1, 'largely'), p('b1', 2, 'largely'), p('c1', 3, 'partially')])).toBe(2);
  });

  it('stays at 0 when a level-1 practice is only partially implemented, whatever holds above', () => {
    expect(cmmiCapabilityLevel([p('a1', 1, 'partially'), p('b1', 2, 'fully'), p('c1', 3, 'fully')])).toBe(0);
  });

  it('treats "not yet" as not meeting the level', () => {
    expect(cmmiCapabilityLevel([p('a1', 1, 'fully'), p('b1', 2, 'not-yet')])).toBe(1);
  });

  it('reaches the top populated level and no further', () => {
    expect(cmmiCapabilityLevel([p('a1', 1, 'fully'), p('b1', 2, 'fully'), p('c1', 3, 'fully')])).toBe(3);
    expect(cmmiCapabilityLevel([])).toBe(0);
  });

  it('rejects an unknown characterisation or level, naming the practice', () => {
    expect(() => cmmiCapabilityLevel([p('x9', 1, 'mostly' as never)])).toThrow(/x9: characterisation/);
    expect(() => cmmiCapabilityLevel([p('x9', 7, 'fully')])).toThrow(ScoringInputError);
  });

  it('never falls when a practice is characterised better', () => {
    const order = ['not-yet', 'not', 'partially', 'largely', 'fully'] as const;
    const practice = fc.record({ level: fc.integer({ min: 1, max: 4 }), c: fc.constantFrom(...CHARACTERISATIONS) });
    fc.assert(
      fc.property(fc.array(practice, { minLength: 1, maxLength: 10 }), fc.nat(), (raw, pick) => {
        const practices = raw.map((r, i) => p(`p${i}`, r.level, r.c));
        const before = cmmiCapabilityLevel(practices);
        const i = pick % practices.length;
        const better = [...practices];
        better[i] = { ...better[i], characterisation: order[Math.min(4, order.indexOf(better[i].characterisation as never) + 1)] };
        const after = cmmiCapabilityLevel(better);
        return before >= 0 && before <= 4 && after >= before;
      }),
    );
  });
});
