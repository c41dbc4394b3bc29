import { deciderSpecification } from '@assay/testing';
import { scorecardDecider } from './scorecard.decider';
import { ApplyAnswer, PracticeMaturityCalculated } from './scorecard.events';

const spec = deciderSpecification(scorecardDecider);
const now = new Date('2026-11-21T12:00:00.000Z');
const assessmentId = '5d1c3a7e-1e4b-4c1e-9a43-1f6f1c2b3a4d';

const apply = (questionId: string, value: number | null, sourceEventId = questionId): ApplyAnswer => ({
  type: 'ApplyAnswer',
  data: { assessmentId, frameworkId: 'owasp-aima', frameworkVersion: '1.0', questionId, practiceId: questionId.slice(0, 6), value, sourceEventId, now },
});

const calculated = (questionId: string, value: number | null, maturity: number, answeredQuestions: number, answersApplied: number): PracticeMaturityCalculated => ({
  type: 'PracticeMaturityCalculated',
  data: {
    assessmentId,
    frameworkId: 'owasp-aima',
    frameworkVersion: '1.0',
    scoringModelId: 'owasp-aima-toolkit',
    scoringModelVersion: '1.0.0',
    practiceId: questionId.slice(0, 6),
    questionId,
    value,
    maturity,
    answeredQuestions,
    answersApplied,
    sourceEventId: questionId,
    calculatedAt: now.toISOString(),
  },
});

describe('Scorecard decider', () => {
  it('scores the first answer of a practice over all six questions', () => {
    spec.given([]).when(apply('GOV-SM-A1', 3)).then([calculated('GOV-SM-A1', 3, 0.5, 1, 1)]);
  });

  it('adds answers of the same practice and leaves other practices out', () => {
    spec
      .given([calculated('GOV-SM-A1', 3, 0.5, 1, 1), calculated('OPS-IM-A1', 3, 0.5, 2, 2)])
      .when(apply('GOV-SM-B2', 2))
      .then([calculated('GOV-SM-B2', 2, 5 / 6, 3, 3)]);
  });

  it('replaces a changed answer instead of adding it twice', () => {
    spec.given([calculated('GOV-SM-A1', 3, 0.5, 1, 1)]).when(apply('GOV-SM-A1', 1)).then([calculated('GOV-SM-A1', 1, 1 / 6, 1, 2)]);
  });

  it('counts a cleared answer as 0 and no longer as answered', () => {
    spec.given([calculated('GOV-SM-A1', 3, 0.5, 1, 1)]).when(apply('GOV-SM-A1', null)).then([calculated('GOV-SM-A1', null, 0, 0, 2)]);
  });
});
