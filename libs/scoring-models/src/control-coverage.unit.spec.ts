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

  it('stays within 0–1 and never falls when a control improves', () => {
    const status = fc.constantFrom<ControlStatus | null>(...CONTROL_STATUSES, null);
    fc.assert(
      fc.property(fc.array(status, { minLength: 1, maxLength: 12 }), fc.nat(), (statuses, pick) => {
        const controls = Object.fromEntries(statuses.map((s, i) => [`C${i}`, s]));
        const before = controlCoverage(controls).coverage;
        const key = `C${pick % statuses.length}`;
        const current = controls[key];
        if (current !== 'not-implemented' && current !== 'partial' && current !== null) return true;
        const after = controlCoverage({ ...controls, [key]: current === 'partial' ? 'implemented' : 'partial' }).coverage!;
        return before !== undefined && before >= 0 && before <= 1 && after >= before;
      }),
    );
  });
});
