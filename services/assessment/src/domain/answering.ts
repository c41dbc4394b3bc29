import { AnswerValue, FrameworkDefinition, rejectAnswer } from '@assay/frameworks';
import { ConfirmAnswer, ImportAnswers, RecordAnswer } from './assessment.commands';
import { AssessmentRuleError } from './assessment.errors';
import { AssessmentEvent } from './assessment.events';
import { Assessment, AssessmentState } from './assessment.state';
import { editable, pinned } from './guards';

/** The control status that takes a control out of coverage: set only by AcceptRisk. */
export const RISK_ACCEPTED = 'risk-accepted';

/** The AnswerRecorded event for one answer, or none when it (and its note) is already on record and confirmed. */
function answerEvent(state: Assessment, definition: FrameworkDefinition, questionId: string, value: AnswerValue, note: string | undefined, by: string, now: Date): AssessmentEvent[] {
  const rejection = rejectAnswer(definition, questionId, value);
  if (rejection) throw new AssessmentRuleError(rejection.code, rejection.message);
  if (value === RISK_ACCEPTED && state.answers[questionId] !== RISK_ACCEPTED) {
    throw new AssessmentRuleError('invalid-risk-acceptance', `${questionId}: a risk is accepted with a reason, an owner and an expiry (PUT …/risk-acceptances/${questionId}), not as a bare answer`);
  }
  const unchanged = questionId in state.answers && state.answers[questionId] === value && (note === undefined || (state.notes[questionId] ?? '') === note);
  // Re-sending what is on record changes nothing, unless it was a carried answer still to confirm.
  if (unchanged && !state.toConfirm.includes(questionId)) return [];
  const { assessmentId, frameworkId, frameworkVersion } = state;
  return [
    {
      type: 'AnswerRecorded',
      data: { assessmentId, frameworkId, frameworkVersion, questionId, value, ...(note !== undefined ? { note } : {}), recordedBy: by, recordedAt: now.toISOString() },
    },
  ];
}

export function recordAnswer(command: RecordAnswer, state: AssessmentState): AssessmentEvent[] {
  const { assessmentId, questionId, value, note, recordedBy, now, frameworks } = command.data;
  const current = editable(state, assessmentId);
  return answerEvent(current, pinned(current, frameworks), questionId, value, note, recordedBy, now);
}

export function importAnswers(command: ImportAnswers, state: AssessmentState): AssessmentEvent[] {
  const { assessmentId, answers, notes, source, importedBy, now, frameworks, madeFor } = command.data;
  const current = editable(state, assessmentId);
  if (madeFor && (madeFor.id !== current.frameworkId || madeFor.version !== current.frameworkVersion)) {
    throw new AssessmentRuleError('format-mismatch', `a ${source.kind} file is made for ${madeFor.id} ${madeFor.version}; this assessment pins ${current.frameworkId} ${current.frameworkVersion}`);
  }
  const definition = pinned(current, frameworks);
  // Every answer is checked before any event exists, so a bad one rejects the whole import.
  const changes = Object.entries(answers).flatMap(([questionId, value]) => answerEvent(current, definition, questionId, value, notes?.[questionId], importedBy, now));
  return [
    {
      type: 'AnswersImported',
      data: { assessmentId, source, answersInFile: Object.keys(answers).length, answersChanged: changes.length, importedBy, importedAt: now.toISOString() },
    },
    ...changes,
  ];
}

/** A carried-forward answer still holds: it stops being "to confirm" without a new value. */
export function confirmAnswer(command: ConfirmAnswer, state: AssessmentState): AssessmentEvent[] {
  const { assessmentId, questionId, by, now } = command.data;
  const current = editable(state, assessmentId);
  if (!current.toConfirm.includes(questionId)) {
    throw new AssessmentRuleError('illegal-transition', `${questionId} has no carried-forward answer waiting to be confirmed`);
  }
  return [{ type: 'AnswerConfirmed', data: { assessmentId, questionId, confirmedBy: by, confirmedAt: now.toISOString() } }];
}
