import { Decider } from '@assay/domain-kernel';
import { acceptRisk, assign, setTarget } from './planning';
import { confirmAnswer, importAnswers, recordAnswer } from './answering';
import { AssessmentCommand } from './assessment.commands';
import { AssessmentEvent } from './assessment.events';
import { AssessmentState, evolve, initialState } from './assessment.state';
import { approve, returnForRework, startReview, submit } from './lifecycle';
import { reevaluate, start } from './starting';

export type { AssessmentState } from './assessment.state';
export { evolve, initialState } from './assessment.state';

export function decide(command: AssessmentCommand, state: AssessmentState): AssessmentEvent[] {
  switch (command.type) {
    case 'StartAssessment':
      return start(command, state);
    case 'RecordAnswer':
      return recordAnswer(command, state);
    case 'ImportAnswers':
      return importAnswers(command, state);
    case 'ConfirmAnswer':
      return confirmAnswer(command, state);
    case 'SubmitAssessment':
      return submit(command, state);
    case 'StartReview':
      return startReview(command, state);
    case 'ApproveAssessment':
      return approve(command, state);
    case 'ReturnAssessment':
      return returnForRework(command, state);
    case 'AssignItem':
      return assign(command, state);
    case 'SetTarget':
      return setTarget(command, state);
    case 'AcceptRisk':
      return acceptRisk(command, state);
    case 'ReevaluateApplicability':
      return reevaluate(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

export const assessmentDecider: Decider<AssessmentCommand, AssessmentEvent, AssessmentState> = { initialState, evolve, decide };
