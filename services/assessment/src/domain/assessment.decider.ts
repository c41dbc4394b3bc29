import { Decider } from '@assay/domain-kernel';
import { AnswerValue, FrameworkDefinition, rejectAnswer } from '@assay/frameworks';
import { AssessmentCommand, FrameworkLookup, ImportAnswers, RecordAnswer, StartAssessment } from './assessment.commands';
import { AssessmentRuleError, FrameworkNotLoaded } from './assessment.errors';
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
      answers: Record<string, AnswerValue>;
    };

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
  const { frameworkId, frameworkVersion, frameworks } = command.data;
  if (!frameworks(frameworkId, frameworkVersion)) {
    throw new AssessmentRuleError('unsupported-framework', `framework ${frameworkId} ${frameworkVersion} is not available to this tenant`);
  }
  const { assessmentId, title, startedBy, now } = command.data;
  return [{ type: 'AssessmentStarted', data: { assessmentId, frameworkId, frameworkVersion, title, startedBy, startedAt: now.toISOString() } }];
}

type Started = Extract<AssessmentState, { status: 'in-progress' }>;

function started(state: AssessmentState, assessmentId: string): Started {
  if (state.status !== 'in-progress') throw new AssessmentRuleError('not-found', `assessment ${assessmentId} does not exist`);
  return state;
}

/** The definition the assessment pinned. */
function pinned(state: Started, frameworks: FrameworkLookup): FrameworkDefinition {
  const definition = frameworks(state.frameworkId, state.frameworkVersion);
  if (!definition) throw new FrameworkNotLoaded(state.frameworkId, state.frameworkVersion);
  return definition;
}

/** The AnswerRecorded event for one answer, or none when it is already on record. */
function answerEvent(state: Started, definition: FrameworkDefinition, questionId: string, value: AnswerValue, by: string, now: Date): AssessmentEvent[] {
  const rejection = rejectAnswer(definition, questionId, value);
  if (rejection) throw new AssessmentRuleError(rejection.code, rejection.message);
  // Re-sending the answer already on record changes nothing and emits nothing.
  if (questionId in state.answers && state.answers[questionId] === value) return [];
  const { assessmentId, frameworkId, frameworkVersion } = state;
  return [
    {
      type: 'AnswerRecorded',
      data: { assessmentId, frameworkId, frameworkVersion, questionId, value, recordedBy: by, recordedAt: now.toISOString() },
    },
  ];
}

function recordAnswer(command: RecordAnswer, state: AssessmentState): AssessmentEvent[] {
  const { assessmentId, questionId, value, recordedBy, now, frameworks } = command.data;
  const current = started(state, assessmentId);
  return answerEvent(current, pinned(current, frameworks), questionId, value, recordedBy, now);
}

function importAnswers(command: ImportAnswers, state: AssessmentState): AssessmentEvent[] {
  const { assessmentId, answers, source, importedBy, now, frameworks, madeFor } = command.data;
  const current = started(state, assessmentId);
  if (madeFor && (madeFor.id !== current.frameworkId || madeFor.version !== current.frameworkVersion)) {
    throw new AssessmentRuleError('format-mismatch', `a ${source.kind} file is made for ${madeFor.id} ${madeFor.version}; this assessment pins ${current.frameworkId} ${current.frameworkVersion}`);
  }
  const definition = pinned(current, frameworks);
  // Every answer is checked before any event exists, so a bad one rejects the whole import.
  const changes = Object.entries(answers).flatMap(([questionId, value]) => answerEvent(current, definition, questionId, value, importedBy, now));
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
