import { Decider } from '@assay/domain-kernel';
import { AIMA_TOOLKIT, aimaPracticeMaturity } from '@assay/scoring-models';
import { ApplyAnswer, ScorecardCommand, ScorecardEvent } from './scorecard.events';

export interface ScorecardState {
  /** questionId → { practiceId, value } */
  answers: Record<string, { practiceId: string; value: number | null }>;
  answersApplied: number;
  practices: Record<string, number>;
}

export const initialState = (): ScorecardState => ({ answers: {}, answersApplied: 0, practices: {} });

export function evolve(state: ScorecardState, event: ScorecardEvent): ScorecardState {
  switch (event.type) {
    case 'PracticeMaturityCalculated': {
      const { questionId, practiceId, value, maturity, answersApplied } = event.data;
      return {
        answers: { ...state.answers, [questionId]: { practiceId, value } },
        answersApplied,
        practices: { ...state.practices, [practiceId]: maturity },
      };
    }
    default: {
      const unknown: never = event.type;
      return unknown;
    }
  }
}

/** Every applied answer yields one recalculation of its practice, versioned by scoring model. */
function applyAnswer(command: ApplyAnswer, state: ScorecardState): ScorecardEvent[] {
  const { questionId, practiceId, value } = command.data;
  const answers = { ...state.answers, [questionId]: { practiceId, value } };
  const practiceAnswers = Object.values(answers).filter((a) => a.practiceId === practiceId).map((a) => a.value);
  return [
    {
      type: 'PracticeMaturityCalculated',
      data: {
        assessmentId: command.data.assessmentId,
        frameworkId: command.data.frameworkId,
        frameworkVersion: command.data.frameworkVersion,
        scoringModelId: AIMA_TOOLKIT.id,
        scoringModelVersion: AIMA_TOOLKIT.version,
        practiceId,
        questionId,
        value,
        maturity: aimaPracticeMaturity(practiceAnswers, practiceId),
        answeredQuestions: Object.values(answers).filter((a) => a.value !== null).length,
        answersApplied: state.answersApplied + 1,
        sourceEventId: command.data.sourceEventId,
        calculatedAt: command.data.now.toISOString(),
      },
    },
  ];
}

export function decide(command: ScorecardCommand, state: ScorecardState): ScorecardEvent[] {
  switch (command.type) {
    case 'ApplyAnswer':
      return applyAnswer(command, state);
    default: {
      const unknown: never = command.type;
      throw new Error(`unknown command ${String(unknown)}`);
    }
  }
}

export const scorecardDecider: Decider<ScorecardCommand, ScorecardEvent, ScorecardState> = { initialState, evolve, decide };
