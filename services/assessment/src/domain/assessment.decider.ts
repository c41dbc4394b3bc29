import { Decider } from '@assay/domain-kernel';
import { OWASP_AIMA, aimaPracticeOf } from '@assay/frameworks';
import { AssessmentCommand, ImportAnswers, RecordAnswer, StartAssessment } from './assessment.commands';
import { AssessmentRuleError } from './assessment.errors';
import { AssessmentEvent } from './assessment.events';

export type AssessmentState =
  | { status: 'not-started' }
  | {
      status: 'in-progress';
      assessmentId: string;
      frameworkId: string;
      frameworkVersion: string;
      title: string;
      startedAt: string;
      answers: Record<string, number | null>;
    };

const ANSWER_SCALE = new Set([0, 1, 2, 3]);

export const initialState = (): AssessmentState => ({ status: 'not-started' });

export function evolve(state: AssessmentState, event: AssessmentEvent): AssessmentState {
  switch (event.type) {
    case 'AssessmentStarted':
      return {
        status: 'in-progress',
        assessmentId: event.data.assessmentId,
        frameworkId: event.data.frameworkId,
        frameworkVersion: event.data.frameworkVersion,
        title: event.data.title,
        startedAt: event.data.startedAt,
        answers: {},
      };
    case 'AnswerRecorded':
      if (state.status !== 'in-progress') return state;
      return { ...state, answers: { ...state.answers, [event.data.questionId]: event.data.value } };
    case 'AnswersImported':
      return state;
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

function start(command: StartAssessment, state: AssessmentState): AssessmentEvent[] {
  if (state.status !== 'not-started') throw new AssessmentRuleError('already-started', `assessment ${command.data.assessmentId} already exists`);
  const { frameworkId, frameworkVersion } = command.data;
  if (frameworkId !== OWASP_AIMA.id || frameworkVersion !== OWASP_AIMA.version) {
    throw new AssessmentRuleError('unsupported-framework', `framework ${frameworkId} ${frameworkVersion} is not available`);
  }
  const { assessmentId, title, startedBy, now } = command.data;
  return [{ type: 'AssessmentStarted', data: { assessmentId, frameworkId, frameworkVersion, title, startedBy, startedAt: now.toISOString() } }];
}

type Started = Extract<AssessmentState, { status: 'in-progress' }>;

function started(state: AssessmentState, assessmentId: string): Started {
  if (state.status !== 'in-progress') throw new AssessmentRuleError('not-found', `assessment ${assessmentId} does not exist`);
  return state;
}

/** The AnswerRecorded event for one answer, or none when it is already on record. */
function answerEvent(state: Started, questionId: string, value: number | null, by: string, now: Date): AssessmentEvent[] {
  const practiceId = aimaPracticeOf(questionId);
  if (!practiceId) throw new AssessmentRuleError('unknown-question', `${questionId} is not a question of ${state.frameworkId} ${state.frameworkVersion}`);
  if (value !== null && !ANSWER_SCALE.has(value)) throw new AssessmentRuleError('invalid-answer', `${questionId}: answer must be 0, 1, 2, 3 or null; got ${value}`);
  // Re-sending the answer already on record changes nothing and emits nothing.
  if (questionId in state.answers && state.answers[questionId] === value) return [];
  const { assessmentId, frameworkId, frameworkVersion } = state;
  return [
    {
      type: 'AnswerRecorded',
      data: { assessmentId, frameworkId, frameworkVersion, questionId, practiceId, value, recordedBy: by, recordedAt: now.toISOString() },
    },
  ];
}

function recordAnswer(command: RecordAnswer, state: AssessmentState): AssessmentEvent[] {
  const { assessmentId, questionId, value, recordedBy, now } = command.data;
  return answerEvent(started(state, assessmentId), questionId, value, recordedBy, now);
}

function importAnswers(command: ImportAnswers, state: AssessmentState): AssessmentEvent[] {
  const { assessmentId, answers, source, importedBy, now } = command.data;
  const current = started(state, assessmentId);
  // Every answer is checked before any event exists, so a bad one rejects the whole import.
  const changes = Object.entries(answers).flatMap(([questionId, value]) => answerEvent(current, questionId, value, importedBy, now));
  return [
    {
      type: 'AnswersImported',
      data: { assessmentId, source, answersInFile: Object.keys(answers).length, answersChanged: changes.length, importedBy, importedAt: now.toISOString() },
    },
    ...changes,
  ];
}

export function decide(command: AssessmentCommand, state: AssessmentState): AssessmentEvent[] {
  switch (command.type) {
    case 'StartAssessment':
      return start(command, state);
    case 'RecordAnswer':
      return recordAnswer(command, state);
    case 'ImportAnswers':
      return importAnswers(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

export const assessmentDecider: Decider<AssessmentCommand, AssessmentEvent, AssessmentState> = { initialState, evolve, decide };
