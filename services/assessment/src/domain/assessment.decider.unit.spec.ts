import { shippedFramework } from '@assay/frameworks';
import { deciderSpecification, sammShapedDefinition } from '@assay/testing';
import { AssessmentCommand } from './assessment.commands';
import { assessmentDecider } from './assessment.decider';
import { AssessmentRuleError, FrameworkNotLoaded } from './assessment.errors';
import { AssessmentEvent } from './assessment.events';

const spec = deciderSpecification(assessmentDecider);
const imported = sammShapedDefinition();
/** What a tenant with one import of its own sees: the shipped catalogue and that import. */
const frameworks = (id: string, version: string) => shippedFramework(id, version) ?? (id === imported.id && version === imported.version ? imported : undefined);
const now = new Date('2026-11-21T10:00:00.000Z');
const assessmentId = '2b8f0c53-3f43-4a55-9d3c-9f2a1c7e0a11';
const started: AssessmentEvent = {
  type: 'AssessmentStarted',
  data: { assessmentId, frameworkId: 'owasp-aima', frameworkVersion: '1.0', title: 'FY27', startedBy: 'u1', startedAt: now.toISOString(), scope: { kind: 'programme' }, excluded: [], revision: 1 },
};
const record = (questionId: string, value: number | string | null): AssessmentCommand => ({
  type: 'RecordAnswer',
  data: { assessmentId, questionId, value, recordedBy: 'u1', now, frameworks },
});

describe('Assessment decider', () => {
  it('starts an OWASP AIMA 1.0 assessment', () => {
    spec
      .given([])
      .when({ type: 'StartAssessment', data: { assessmentId, frameworkId: 'owasp-aima', frameworkVersion: '1.0', title: 'FY27', startedBy: 'u1', now, frameworks } })
      .then([started]);
  });

  it('refuses to start the same assessment twice', () => {
    spec
      .given([started])
      .when({ type: 'StartAssessment', data: { assessmentId, frameworkId: 'owasp-aima', frameworkVersion: '1.0', title: 'x', startedBy: 'u1', now, frameworks } })
      .thenThrows(AssessmentRuleError, (e) => expect(e.code).toBe('already-started'));
  });

  it('refuses a framework version it does not have', () => {
    spec
      .given([])
      .when({ type: 'StartAssessment', data: { assessmentId, frameworkId: 'owasp-aima', frameworkVersion: '9.9', title: 'x', startedBy: 'u1', now, frameworks } })
      .thenThrows(AssessmentRuleError, (e) => expect(e.code).toBe('unsupported-framework'));
  });

  it('records an answer on the question it names', () => {
    spec.given([started]).when(record('GOV-SM-A2', 3)).then([
      { type: 'AnswerRecorded', data: { assessmentId, frameworkId: 'owasp-aima', frameworkVersion: '1.0', questionId: 'GOV-SM-A2', value: 3, recordedBy: 'u1', recordedAt: now.toISOString() } },
    ]);
  });

  it('clears an answer back to "to evaluate" with null', () => {
    const first: AssessmentEvent = { type: 'AnswerRecorded', data: { assessmentId, frameworkId: 'owasp-aima', frameworkVersion: '1.0', questionId: 'OPS-IM-B3', value: 2, recordedBy: 'u1', recordedAt: now.toISOString() } };
    spec.given([started, first]).when(record('OPS-IM-B3', null)).then([
      { type: 'AnswerRecorded', data: { ...first.data, value: null } },
    ]);
  });

  it('emits nothing when the same answer is sent again', () => {
    const first: AssessmentEvent = { type: 'AnswerRecorded', data: { assessmentId, frameworkId: 'owasp-aima', frameworkVersion: '1.0', questionId: 'OPS-IM-B3', value: 2, recordedBy: 'u1', recordedAt: now.toISOString() } };
    spec.given([started, first]).when(record('OPS-IM-B3', 2)).then([]);
  });

  it.each([-1, 4, 1.5])('rejects the out-of-scale answer %p', (value) => {
    spec.given([started]).when(record('GOV-SM-A1', value)).thenThrows(AssessmentRuleError, (e) => expect(e.code).toBe('invalid-answer'));
  });

  it.each(['GOV-SM-C1', 'GOV-XX-A1', 'GOV-SM-A4', ''])('rejects the unknown question %p', (questionId) => {
    spec.given([started]).when(record(questionId, 1)).thenThrows(AssessmentRuleError, (e) => expect(e.code).toBe('unknown-question'));
  });

  it('cannot answer an assessment that was never started', () => {
    spec.given([]).when(record('GOV-SM-A1', 1)).thenThrows(AssessmentRuleError, (e) => expect(e.code).toBe('not-found'));
  });

  describe('any framework the tenant can see', () => {
    const startOf = (frameworkId: string, frameworkVersion: string): AssessmentEvent => ({
      type: 'AssessmentStarted',
      data: { assessmentId, frameworkId, frameworkVersion, title: 'FY27', startedBy: 'u1', startedAt: now.toISOString(), scope: { kind: 'programme' }, excluded: [], revision: 1 },
    });
    const answer = (frameworkId: string, frameworkVersion: string, questionId: string, value: number | string): AssessmentEvent => ({
      type: 'AnswerRecorded',
      data: { assessmentId, frameworkId, frameworkVersion, questionId, value, recordedBy: 'u1', recordedAt: now.toISOString() },
    });

    it.each([
      ['csa-aismm', '1.0', 'AISMM-FND-GOV', 4, 6],
      ['owasp-ai-exchange', '2025.1', 'PROMPTINPUTVALIDATION', 'not-applicable', 3],
      ['ai-security-resource-guide', '1.0', 'S2.a', 'partial', 'yes'],
      ['cmmi-aim-structure', '1.0', 'CMMI-DOING-CA1-PA1-L1.1', 'largely', 'mostly'],
      [imported.id, imported.version, 'SM-A1', 0.25, 0.3],
    ] as const)('starts %s %s and takes %s = %p on its scale, refusing %p', (frameworkId, frameworkVersion, questionId, good, bad) => {
      spec
        .given([])
        .when({ type: 'StartAssessment', data: { assessmentId, frameworkId, frameworkVersion, title: 'FY27', startedBy: 'u1', now, frameworks } })
        .then([startOf(frameworkId, frameworkVersion)]);
      spec.given([startOf(frameworkId, frameworkVersion)]).when(record(questionId, good)).then([answer(frameworkId, frameworkVersion, questionId, good)]);
      spec.given([startOf(frameworkId, frameworkVersion)]).when(record(questionId, bad)).thenThrows(AssessmentRuleError, (e) => {
        expect(e.code).toBe('invalid-answer');
        expect(e.message).toContain(questionId);
      });
    });

    it('takes "risk accepted" only through a risk acceptance (reason, owner, expiry), never as a bare answer', () => {
      spec.given([startOf('owasp-ai-exchange', '2025.1')]).when(record('AIPROGRAM', 'risk-accepted')).thenThrows(AssessmentRuleError, (e) => expect(e.code).toBe('invalid-risk-acceptance'));
    });

    it('refuses a node that takes no answer (a level descriptor)', () => {
      spec.given([startOf('csa-aismm', '1.0')]).when(record('AISMM-FND-GOV-L2', 2)).thenThrows(AssessmentRuleError, (e) => expect(e.code).toBe('unknown-question'));
    });

    it('asks for the pinned version when the lookup does not hold it, instead of refusing the answer', () => {
      spec
        .given([startOf('someone-elses', '1.0')])
        .when(record('X-1', 1))
        .thenThrows(FrameworkNotLoaded, (e) => expect(e).toMatchObject({ frameworkId: 'someone-elses', frameworkVersion: '1.0' }));
    });
  });

  describe('importing answers', () => {
    const source = { kind: 'aima-workbook' as const, sha256: 'ab'.repeat(32), byteLength: 1234 };
    const importing = (answers: Record<string, number | null>): AssessmentCommand => ({ type: 'ImportAnswers', data: { assessmentId, answers, source, importedBy: 'u2', now, frameworks } });
    const recorded = (questionId: string, value: number | null, by = 'u2'): AssessmentEvent => ({
      type: 'AnswerRecorded',
      data: { assessmentId, frameworkId: 'owasp-aima', frameworkVersion: '1.0', questionId, value, recordedBy: by, recordedAt: now.toISOString() },
    });

    it('records the changed answers after a marker naming the file', () => {
      spec
        .given([started, recorded('GOV-SM-A1', 2, 'u1')])
        .when(importing({ 'GOV-SM-A1': 2, 'GOV-SM-A2': 3, 'OPS-IM-B1': null }))
        .then([
          { type: 'AnswersImported', data: { assessmentId, source, answersInFile: 3, answersChanged: 2, importedBy: 'u2', importedAt: now.toISOString() } },
          recorded('GOV-SM-A2', 3),
          recorded('OPS-IM-B1', null),
        ]);
    });

    it('rejects the whole import when one answer is bad', () => {
      spec.given([started]).when(importing({ 'GOV-SM-A1': 2, 'GOV-SM-A2': 9 })).thenThrows(AssessmentRuleError, (e) => expect(e.message).toContain('GOV-SM-A2'));
    });
  });
});
