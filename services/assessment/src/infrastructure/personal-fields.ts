import { PersonalFields } from '@assay/personal-data';

/**
 * Personal data in the assessment service's events: who did what (token subjects, which name
 * people), names and emails given as assignees and owners, and free text (notes, comments, reasons).
 * Encrypted under the tenant's key in the event log (libs/personal-data).
 */
export const ASSESSMENT_PERSONAL_FIELDS: PersonalFields = {
  AssessmentStarted: ['startedBy'],
  AnswerRecorded: ['recordedBy', 'note'],
  AnswersImported: ['importedBy'],
  AnswerConfirmed: ['confirmedBy'],
  AssessmentSubmitted: ['submittedBy'],
  ReviewStarted: ['reviewer'],
  AssessmentApproved: ['approvedBy', 'comment'],
  AssessmentReturned: ['returnedBy', 'comments'],
  ItemAssigned: ['assignee', 'assignedBy'],
  TargetSet: ['setBy'],
  RiskAccepted: ['reason', 'owner', 'acceptedBy'],
  FrameworkVersionImported: ['importedBy'],
  AiSystemRegistered: ['owner', 'registeredBy'],
  AiSystemChanged: ['changes.owner', 'changedBy'],
  AiSystemArchived: ['archivedBy'],
};
