import fc from 'fast-check';
import { CONTROL_STATUSES, ControlStatus, controlCoverage } from './control-coverage';
import { ScoringInputError } from './scoring-error';

describe('control coverage', () => {
  it('credits implemented 1 and partial 0.5 over applicable controls (worked example)', () => {
    // applicable: AIPROGRAM 1, SECPROGRAM 0.5, DEVPROGRAM 0, OVERSIGHT unanswered 0 → 1.5 / 4
    expect(
      controlCoverage({ AIPROGRAM: 'implemented', SECPROGRAM: 'partial', DEVPROGRAM: 'not-implemented', OVERSIGHT: null, DATAMINIMIZE: 'not-applicable', OBSCURECONFIDENCE: 'risk-accepted' }),
    ).toEqual({ coverage: 0.375, applicable: 4, riskAccepted: ['OBSCURECONFIDENCE'], notApplicable: ['DATAMINIMIZE'] });
  });

  it('has no coverage figure when nothing is applicable', () => {
    expect(controlCoverage({ A: 'not-applicable', B: 'risk-accepted' }).coverage).toBeUndefined();
  });

  it('rejects an unknown status, naming the control', () => {
    expect(() => controlCoverage({ AIPROGRAM: 'done' as ControlStatus })).toThrow(ScoringInputError);
    expect(() => controlCoverage({ AIPROGRAM: 'done' as ControlStatus })).toThrow('AIPROGRAM');
  });

  // Every run is meaningful: the generator builds the interesting case directly (one applicable,
  // improvable control among any others) instead of discarding the inputs where a picked control
  // is implemented, not applicable or risk-accepted, or where nothing is applicable at all.
  const anyStatus = fc.constantFrom<ControlStatus | null>(...CONTROL_STATUSES, null);
  // Credit of an applicable control, from the definition; unanswered (null) earns none.
  const creditOf = (s: ControlStatus | null): number => (s === 'implemented' ? 1 : s === 'partial' ? 0.5 : 0);
  const improvement = fc.constantFrom(
    { from: null, to: 'partial' as const },
    { from: null, to: 'implemented' as const },
    { from: 'not-implemented' as const, to: 'partial' as const },
    { from: 'not-implemented' as const, to: 'implemented' as const },
    { from: 'partial' as const, to: 'implemented' as const },
  );
  const RUNS = 300;

  it('rises by exactly the credit gained over the applicable controls whenever one applicable control improves (every run)', () => {
    let meaningful = 0;
    fc.assert(
      fc.property(fc.array(anyStatus, { maxLength: 12 }), improvement, fc.nat(), (others, { from, to }, at) => {
        const statuses = [...others];
        const position = at % (others.length + 1);
        statuses.splice(position, 0, from);
        const controls = Object.fromEntries(statuses.map((s, i) => [`C${i}`, s]));
        const before = controlCoverage(controls);
        const after = controlCoverage({ ...controls, [`C${position}`]: to });
        // Independent oracle, from the definition: credit of the applicable controls over their count.
        const applicable = statuses.filter((s) => s !== 'not-applicable' && s !== 'risk-accepted');
        const credit = applicable.reduce((sum, s) => sum + creditOf(s), 0);
        expect(before.applicable).toBe(applicable.length);
        expect(before.coverage).toBeCloseTo(credit / applicable.length, 12);
        expect(before.coverage).toBeGreaterThanOrEqual(0);
        expect(after.coverage).toBeLessThanOrEqual(1);
        expect(after.applicable).toBe(before.applicable);
        expect(after.coverage! - before.coverage!).toBeCloseTo((creditOf(to) - creditOf(from)) / applicable.length, 12);
        expect(after.coverage!).toBeGreaterThan(before.coverage!);
        meaningful++;
      }),
      { numRuns: RUNS },
    );
    expect(meaningful).toBe(RUNS); // no run passed vacuously
  });

  it('moves coverage away from a control\'s credit when that control leaves the denominator (not applicable or risk-accepted), and lists it', () => {
    // The denominator shrinks: coverage moves towards the credit of the controls that remain.
    const applicableStatus = fc.constantFrom<ControlStatus | null>('implemented', 'partial', 'not-implemented', null);
    fc.assert(
      fc.property(fc.array(anyStatus, { maxLength: 12 }), applicableStatus, fc.constantFrom<ControlStatus>('not-applicable', 'risk-accepted'), (others, kept, dropped) => {
        // A last implemented control keeps one applicable after the drop, so coverage is always a number.
        const controls = Object.fromEntries([...others, kept, 'implemented' as const].map((s, i) => [`C${i}`, s]));
        const key = `C${others.length}`;
        const before = controlCoverage(controls);
        const after = controlCoverage({ ...controls, [key]: dropped });
        const own = creditOf(kept);
        expect(after.applicable).toBe(before.applicable - 1);
        expect(dropped === 'risk-accepted' ? after.riskAccepted : after.notApplicable).toContain(key);
        if (own > before.coverage!) expect(after.coverage!).toBeLessThan(before.coverage!);
        else if (own < before.coverage!) expect(after.coverage!).toBeGreaterThan(before.coverage!);
        else expect(after.coverage!).toBeCloseTo(before.coverage!, 12);
      }),
      { numRuns: RUNS },
    );
  });
});
