import { FrameworkDefinition } from '@assay/frameworks';
import { FrameworkLookup } from './assessment.commands';
import { AssessmentRuleError, FrameworkNotLoaded } from './assessment.errors';
import { Assessment, AssessmentState, EDITABLE } from './assessment.state';

export function started(state: AssessmentState, assessmentId: string): Assessment {
  if (state.status === 'not-started') throw new AssessmentRuleError('not-found', `assessment ${assessmentId} does not exist`);
  return state;
}

/** Answers and planning change only before submission or after a return; an approved assessment never. */
export function editable(state: AssessmentState, assessmentId: string): Assessment {
  const s = started(state, assessmentId);
  if (!EDITABLE.includes(s.status)) {
    const why = s.status === 'approved' ? 'it is approved and immutable; reopen it as a new revision' : `it is ${s.status}; it can change again once returned`;
    throw new AssessmentRuleError('assessment-locked', `assessment ${assessmentId} cannot change: ${why}`);
  }
  return s;
}

/** The definition the assessment pinned. */
export function pinned(state: Assessment, frameworks: FrameworkLookup): FrameworkDefinition {
  const definition = frameworks(state.frameworkId, state.frameworkVersion);
  if (!definition) throw new FrameworkNotLoaded(state.frameworkId, state.frameworkVersion);
  return definition;
}
