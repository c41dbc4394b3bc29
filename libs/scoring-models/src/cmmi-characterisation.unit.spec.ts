import fc from 'fast-check';
import { CHARACTERISATIONS, Characterisation, CharacterisedPractice, cmmiCapabilityLevel } from './cmmi-characterisation';
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

  // Independent oracle, from the rule (DESIGN §2): a practice area reaches capability level L when
  // every practice at and below L is largely or fully implemented; as the model documents, only
  // levels that hold practices can be climbed, so levels 1..L must each have at least one.
  const MEETS: readonly Characterisation[] = ['fully', 'largely'];
  const reaches = (practices: readonly CharacterisedPractice[], level: number) =>
    Array.from({ length: level }, (_, i) => i + 1).every((l) => practices.some((q) => q.level === l)) &&
    practices.filter((q) => q.level <= level).every((q) => MEETS.includes(q.characterisation));
  const oracle = (practices: readonly CharacterisedPractice[]) => Math.max(...[0, 1, 2, 3, 4, 5].filter((level) => reaches(practices, level)));

  // Areas built to sit at a chosen capability k (0–5), so every level is exercised, not mostly 0:
  // levels 1..k populated and all met; level k+1 empty or holding a practice that falls short;
  // anything above. Returned shuffled, with the k it was built for.
  const meeting = fc.constantFrom<Characterisation>('fully', 'largely');
  const shortOf = fc.constantFrom<Characterisation>('partially', 'not', 'not-yet');
  const anyCharacterisation = fc.constantFrom(...CHARACTERISATIONS);
  const areaAt = fc.integer({ min: 0, max: 5 }).chain((k) =>
    fc
      .tuple(
        ...[1, 2, 3, 4, 5].map((level) =>
          level <= k
            ? fc.array(meeting, { minLength: 1, maxLength: 3 })
            : level === k + 1
              ? fc.oneof(fc.constant([]), fc.tuple(fc.array(anyCharacterisation, { maxLength: 2 }), shortOf).map(([rest, short]) => [...rest, short]))
              : fc.array(anyCharacterisation, { maxLength: 3 }),
        ),
      )
      .map((byLevel) => byLevel.flatMap((cs, i) => cs.map((c) => ({ level: i + 1, characterisation: c }))))
      .chain((raw) => fc.shuffledSubarray(raw, { minLength: raw.length, maxLength: raw.length }))
      .map((raw) => ({ k, practices: raw.map((r, i) => p(`p${i}`, r.level, r.characterisation)) })),
  );
  const RUNS = 300;

  it('gives exactly the level the rule gives, for areas built at every capability level 0–5', () => {
    const seen = new Set<number>();
    fc.assert(
      fc.property(areaAt, ({ k, practices }) => {
        expect(oracle(practices)).toBe(k); // the construction and the rule agree
        expect(cmmiCapabilityLevel(practices)).toBe(k);
        seen.add(k);
      }),
      { numRuns: RUNS },
    );
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('never falls, and matches the rule, when one practice is characterised better (every run raises one)', () => {
    const order: readonly Characterisation[] = ['not-yet', 'not', 'partially', 'largely', 'fully'];
    const raise = fc
      .integer({ min: 0, max: 3 })
      .chain((from) => fc.record({ level: fc.integer({ min: 1, max: 5 }), from: fc.constant(order[from]), to: fc.constantFrom(...order.slice(from + 1)) }));
    let rises = 0;
    fc.assert(
      fc.property(areaAt, raise, fc.nat(), ({ practices }, { level, from, to }, at) => {
        const before = [...practices];
        before.splice(at % (practices.length + 1), 0, p('raised', level, from));
        const after = before.map((q) => (q.id === 'raised' ? { ...q, characterisation: to } : q));
        expect(cmmiCapabilityLevel(after)).toBeGreaterThanOrEqual(cmmiCapabilityLevel(before));
        expect(cmmiCapabilityLevel(before)).toBe(oracle(before));
        expect(cmmiCapabilityLevel(after)).toBe(oracle(after));
        if (cmmiCapabilityLevel(after) > cmmiCapabilityLevel(before)) rises++;
      }),
      { numRuns: RUNS },
    );
    expect(rises).toBeGreaterThan(RUNS / 20); // the raise often matters, so "never falls" is tested where it could
  });
});
