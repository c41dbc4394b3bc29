import { shippedFramework } from '@assay/frameworks';
import { deciderSpecification } from '@assay/testing';
import { AssessmentCommand } from './assessment.commands';
import { assessmentDecider } from './assessment.decider';
import { AssessmentRuleError } from './assessment.errors';
import { AssessmentEvent } from './assessment.events';

const spec = deciderSpecification(assessmentDecider);
const frameworks = shippedFramework;
const now = new Date('2026-11-30T09:00:00.000Z');
const at = now.toISOString();
const assessmentId = '7d3e5a10-2b44-4f6e-8c1d-3a9b8e7f6c5d';
const pin = { assessmentId, frameworkId: 'owasp-ai-exchange', frameworkVersion: '2025.1' };

const started: AssessmentEvent = {
  type: 'AssessmentStarted',
  data: { ...pin, title: 'Chatbot FY27', startedBy: 'ana', startedAt: at, scope: { kind: 'programme' }, excluded: [], revision: 1 },
};
const answered: AssessmentEvent = { type: 'AnswerRecorded', data: { ...pin, questionId: 'AIPROGRAM', value: 'implemented', recordedBy: 'ana', recordedAt: at } };
const submitted: AssessmentEvent = { type: 'AssessmentSubmitted', data: { assessmentId, submittedBy: 'ana', submittedAt: at } };
const reviewing: AssessmentEvent = { type: 'ReviewStarted', data: { assessmentId, reviewer: 'rui', startedAt: at } };
const approved: AssessmentEvent = { type: 'AssessmentApproved', data: { assessmentId, approvedBy: 'rui', approvedAt: at } };
const returned: AssessmentEvent = { type: 'AssessmentReturned', data: { assessmentId, returnedBy: 'rui', comments: 'Evidence for AIPROGRAM missing', returnedAt: at } };

const submit = (by = 'ana'): AssessmentCommand => ({ type: 'SubmitAssessment', data: { assessmentId, by, now } });
const review = (by = 'rui'): AssessmentCommand => ({ type: 'StartReview', data: { assessmentId, by, now } });
const approve = (by = 'rui'): AssessmentCommand => ({ type: 'ApproveAssessment', data: { assessmentId, by, now } });
const giveBack = (comments: string, by = 'rui'): AssessmentCommand => ({ type: 'ReturnAssessment', data: { assessmentId, by, comments, now } });
const answer = (questionId = 'SECPROGRAM', value: string | null = 'partial'): AssessmentCommand => ({ type: 'RecordAnswer', data: { assessmentId, questionId, value, recordedBy: 'ana', now, frameworks } });

const rule = (code: string) => (e: AssessmentRuleError) => expect(e.code).toBe(code);
const statusAfter = (events: AssessmentEvent[]) => events.reduce(assessmentDecider.evolve, assessmentDecider.initialState()).status;

describe('Assessment review lifecycle', () => {
  describe('every transition', () => {
    it('starts as a draft and moves into progress with the first answer', () => {
      expect(statusAfter([started])).toBe('draft');
      expect(statusAfter([started, answered])).toBe('in-progress');
    });

    it('in progress → submitted', () => {
      spec.given([started, answered]).when(submit()).then([submitted]);
    });

    it('submitted → in review, by another person', () => {
      spec.given([started, answered, submitted]).when(review()).then([reviewing]);
    });

    it('in review → approved, by a reviewer who did not submit', () => {
      spec.given([started, answered, submitted, reviewing]).when(approve()).then([approved]);
      expect(statusAfter([started, answered, submitted, reviewing, approved])).toBe('approved');
    });

    it('in review → returned with comments', () => {
      spec.given([started, answered, submitted, reviewing]).when(giveBack('Evidence for AIPROGRAM missing')).then([returned]);
      expect(statusAfter([started, answered, submitted, reviewing, returned])).toBe('returned');
    });

    it('returned → in progress with the next answer, and can be submitted again', () => {
      const rework: AssessmentEvent = { type: 'AnswerRecorded', data: { ...pin, questionId: 'SECPROGRAM', value: 'partial', recordedBy: 'ana', recordedAt: at } };
      spec.given([started, answered, submitted, reviewing, returned]).when(answer()).then([rework]);
      expect(statusAfter([started, answered, submitted, reviewing, returned, rework])).toBe('in-progress');
      spec.given([started, answered, submitted, reviewing, returned, rework]).when(submit()).then([submitted]);
    });
  });

  describe('every rejection', () => {
    it.each([
      ['submit a draft', [started], submit()],
      ['submit twice', [started, answered, submitted], submit()],
      ['submit while in review', [started, answered, submitted, reviewing], submit()],
      ['submit an approved one', [started, answered, submitted, reviewing, approved], submit()],
      ['review a draft', [started], review()],
      ['review one in progress', [started, answered], review()],
      ['review one already in review', [started, answered, submitted, reviewing], review()],
      ['approve without a review', [started, answered, submitted], approve()],
      ['approve twice', [started, answered, submitted, reviewing, approved], approve()],
      ['return one not in review', [started, answered, submitted], giveBack('x')],
      ['return an approved one', [started, answered, submitted, reviewing, approved], giveBack('x')],
    ] as const)('refuses to %s (illegal-transition)', (_, given, command) => {
      spec.given([...given]).when(command).thenThrows(AssessmentRuleError, rule('illegal-transition'));
    });

    it.each([
      ['start reviewing', [started, answered, submitted], review('ana')],
      ['approve', [started, answered, submitted, reviewing], approve('ana')],
      ['return', [started, answered, submitted, reviewing], giveBack('fine by me', 'ana')],
    ] as const)('four eyes: the submitter cannot %s it', (_, given, command) => {
      spec.given([...given]).when(command).thenThrows(AssessmentRuleError, (e) => {
        expect(e.code).toBe('four-eyes');
        expect(e.message).toContain('ana submitted');
      });
    });

    it('returns only with comments', () => {
      spec.given([started, answered, submitted, reviewing]).when(giveBack('   ')).thenThrows(AssessmentRuleError, rule('comments-required'));
    });

    it.each([
      ['submitted', [started, answered, submitted]],
      ['in review', [started, answered, submitted, reviewing]],
      ['approved (immutable)', [started, answered, submitted, reviewing, approved]],
    ] as const)('takes no answer once %s', (_, given) => {
      spec.given([...given]).when(answer()).thenThrows(AssessmentRuleError, rule('assessment-locked'));
    });

    it('says an approved assessment changes only as a new revision', () => {
      spec.given([started, answered, submitted, reviewing, approved]).when(answer()).thenThrows(AssessmentRuleError, (e) => expect(e.message).toContain('new revision'));
    });

    it.each([submit(), review(), approve(), giveBack('x')])('refuses %p on an assessment that does not exist', (command) => {
      spec.given([]).when(command).thenThrows(AssessmentRuleError, rule('not-found'));
    });
  });
});
