import { scopeByProfile, shippedFramework, OWASP_AI_EXCHANGE } from '@assay/frameworks';
import { deciderSpecification } from '@assay/testing';
import { AssessmentCommand } from './assessment.commands';
import { assessmentDecider } from './assessment.decider';
import { AssessmentRuleError } from './assessment.errors';
import { AssessmentEvent } from './assessment.events';
import { Assessment } from './assessment.state';

const spec = deciderSpecification(assessmentDecider);
const frameworks = shippedFramework;
const now = new Date('2026-11-30T09:00:00.000Z');
const at = now.toISOString();
const assessmentId = '7d3e5a10-2b44-4f6e-8c1d-3a9b8e7f6c5d';
const pin = { assessmentId, frameworkId: 'owasp-ai-exchange', frameworkVersion: '2025.1' };
const started: AssessmentEvent = { type: 'AssessmentStarted', data: { ...pin, title: 't', startedBy: 'ana', startedAt: at, scope: { kind: 'programme' }, excluded: [], revision: 1 } };
const rule = (code: string) => (e: AssessmentRuleError) => expect(e.code).toBe(code);
const fold = (events: AssessmentEvent[]) => events.reduce(assessmentDecider.evolve, assessmentDecider.initialState()) as Assessment;

describe('assignees, targets and risk acceptance', () => {
  it('assigns a control to a person, and takes the assignment back', () => {
    const assigned: AssessmentEvent = { type: 'ItemAssigned', data: { assessmentId, nodeId: 'AIX-CONTROLS-governance', assignee: 'ana@acme.test', assignedBy: 'lead', assignedAt: at } };
    spec.given([started]).when({ type: 'AssignItem', data: { assessmentId, nodeId: 'AIX-CONTROLS-governance', assignee: 'ana@acme.test', by: 'lead', now, frameworks } }).then([assigned]);
    spec.given([started, assigned]).when({ type: 'AssignItem', data: { assessmentId, nodeId: 'AIX-CONTROLS-governance', assignee: null, by: 'lead', now, frameworks } }).then([
      { type: 'ItemAssigned', data: { ...assigned.data, assignee: null } },
    ]);
    spec.given([started]).when({ type: 'AssignItem', data: { assessmentId, nodeId: 'NOPE', assignee: 'x', by: 'lead', now, frameworks } }).thenThrows(AssessmentRuleError, rule('unknown-node'));
  });

  it('sets a target on the node\'s own scale and refuses one off it', () => {
    const target = (nodeId: string, value: number | null): AssessmentCommand => ({ type: 'SetTarget', data: { assessmentId, nodeId, target: value, by: 'lead', now, frameworks } });
    spec.given([started]).when(target('AIX-CONTROLS', 0.8)).then([{ type: 'TargetSet', data: { assessmentId, nodeId: 'AIX-CONTROLS', target: 0.8, setBy: 'lead', setAt: at } }]);
    spec.given([started]).when(target('AIX-CONTROLS', 3)).thenThrows(AssessmentRuleError, (e) => {
      expect(e.code).toBe('invalid-target');
      expect(e.message).toContain('0–1');
    });
    spec.given([started]).when(target('AISMM-FND', 3)).thenThrows(AssessmentRuleError, rule('unknown-node'));
  });

  const accept = (fields: Partial<{ reason: string; owner: string; expiresOn: string; controlId: string }>): AssessmentCommand => ({
    type: 'AcceptRisk',
    data: { assessmentId, controlId: 'OBSCURECONFIDENCE', reason: 'No confidence scores are exposed', owner: 'ciso@acme.test', expiresOn: '2027-06-30', by: 'ana', now, frameworks, ...fields },
  });

  it('accepts a control\'s risk with reason, owner and expiry, which makes its answer "risk accepted"', () => {
    spec.given([started]).when(accept({})).then([
      { type: 'RiskAccepted', data: { assessmentId, controlId: 'OBSCURECONFIDENCE', reason: 'No confidence scores are exposed', owner: 'ciso@acme.test', expiresOn: '2027-06-30', acceptedBy: 'ana', acceptedAt: at } },
      { type: 'AnswerRecorded', data: { ...pin, questionId: 'OBSCURECONFIDENCE', value: 'risk-accepted', recordedBy: 'ana', recordedAt: at } },
    ]);
  });

  it.each([
    [{ reason: ' ' }, 'a reason'],
    [{ owner: '' }, 'an owner'],
    [{ expiresOn: '2026-01-01' }, 'in the future'],
    [{ expiresOn: 'next year' }, 'YYYY-MM-DD'],
  ])('refuses a risk acceptance without %p', (fields, missing) => {
    spec.given([started]).when(accept(fields)).thenThrows(AssessmentRuleError, (e) => {
      expect(e.code).toBe('invalid-risk-acceptance');
      expect(e.message).toContain(missing);
    });
  });

  it('drops a control\'s risk acceptance once it is answered otherwise', () => {
    const [accepted, answer] = assessmentDecider.decide(accept({}), fold([started]));
    const implemented: AssessmentEvent = { type: 'AnswerRecorded', data: { ...pin, questionId: 'OBSCURECONFIDENCE', value: 'implemented', recordedBy: 'ana', recordedAt: at } };
    expect(Object.keys(fold([started, accepted, answer]).riskAcceptances)).toEqual(['OBSCURECONFIDENCE']);
    expect(fold([started, accepted, answer, implemented]).riskAcceptances).toEqual({});
  });

  it('keeps a note with an answer, and records a changed note even when the value is the same', () => {
    const first: AssessmentEvent = { type: 'AnswerRecorded', data: { ...pin, questionId: 'AIPROGRAM', value: 'partial', note: 'Inventory covers 2 of 5 units', recordedBy: 'ana', recordedAt: at } };
    spec.given([started]).when({ type: 'RecordAnswer', data: { assessmentId, questionId: 'AIPROGRAM', value: 'partial', note: 'Inventory covers 2 of 5 units', recordedBy: 'ana', now, frameworks } }).then([first]);
    spec.given([started, first]).when({ type: 'RecordAnswer', data: { assessmentId, questionId: 'AIPROGRAM', value: 'partial', note: 'Inventory covers 4 of 5 units', recordedBy: 'ana', now, frameworks } }).then([
      { type: 'AnswerRecorded', data: { ...first.data, note: 'Inventory covers 4 of 5 units' } },
    ]);
    expect(fold([started, first]).notes).toEqual({ AIPROGRAM: 'Inventory covers 2 of 5 units' });
  });
});

describe('revisions and re-assessments of an approved assessment', () => {
  const approvedSource = fold([
    started,
    { type: 'AnswerRecorded', data: { ...pin, questionId: 'AIPROGRAM', value: 'implemented', recordedBy: 'ana', recordedAt: at } },
    { type: 'AnswerRecorded', data: { ...pin, questionId: 'SECPROGRAM', value: null, recordedBy: 'ana', recordedAt: at } },
    { type: 'AssessmentSubmitted', data: { assessmentId, submittedBy: 'ana', submittedAt: at } },
    { type: 'ReviewStarted', data: { assessmentId, reviewer: 'rui', startedAt: at } },
    { type: 'AssessmentApproved', data: { assessmentId, approvedBy: 'rui', approvedAt: at } },
  ]);
  const nextId = '9a1f3b2c-4d5e-4f60-8a7b-1c2d3e4f5a6b';
  const from = (kind: 'revision' | 'reassessment', source: Assessment = approvedSource): AssessmentCommand => ({
    type: 'StartAssessment',
    data: { assessmentId: nextId, frameworkId: pin.frameworkId, frameworkVersion: pin.frameworkVersion, title: 'FY28', startedBy: 'ana', now, frameworks, basedOn: { kind, source } },
  });

  it('a re-assessment carries the answers forward as "to confirm"; changing or confirming one clears it; submit waits for all', () => {
    const begun: AssessmentEvent[] = [
      { type: 'AssessmentStarted', data: { assessmentId: nextId, frameworkId: pin.frameworkId, frameworkVersion: pin.frameworkVersion, title: 'FY28', startedBy: 'ana', startedAt: at, scope: { kind: 'programme' }, excluded: [], basedOn: { assessmentId, kind: 'reassessment', revision: 1 }, revision: 1 } },
      { type: 'AnswersCarriedForward', data: { assessmentId: nextId, frameworkId: pin.frameworkId, frameworkVersion: pin.frameworkVersion, from: assessmentId, answers: { AIPROGRAM: 'implemented' }, toConfirm: true, carriedAt: at } },
    ];
    spec.given([]).when(from('reassessment')).then(begun);
    expect(fold(begun)).toMatchObject({ answers: { AIPROGRAM: 'implemented' }, toConfirm: ['AIPROGRAM'], status: 'draft' });
    const touched: AssessmentEvent = { type: 'AnswerRecorded', data: { assessmentId: nextId, frameworkId: pin.frameworkId, frameworkVersion: pin.frameworkVersion, questionId: 'SECPROGRAM', value: 'partial', recordedBy: 'ana', recordedAt: at } };
    spec.given([...begun, touched]).when({ type: 'SubmitAssessment', data: { assessmentId: nextId, by: 'ana', now } }).thenThrows(AssessmentRuleError, (e) => {
      expect(e.code).toBe('unconfirmed-answers');
      expect(e.message).toContain('AIPROGRAM');
    });
    // The same value sent again confirms it too: it is an answer given now.
    spec.given(begun).when({ type: 'RecordAnswer', data: { assessmentId: nextId, questionId: 'AIPROGRAM', value: 'implemented', recordedBy: 'ana', now, frameworks } }).then([
      { type: 'AnswerRecorded', data: { assessmentId: nextId, frameworkId: pin.frameworkId, frameworkVersion: pin.frameworkVersion, questionId: 'AIPROGRAM', value: 'implemented', recordedBy: 'ana', recordedAt: at } },
    ]);
    const confirmed: AssessmentEvent = { type: 'AnswerConfirmed', data: { assessmentId: nextId, questionId: 'AIPROGRAM', confirmedBy: 'ana', confirmedAt: at } };
    spec.given(begun).when({ type: 'ConfirmAnswer', data: { assessmentId: nextId, questionId: 'AIPROGRAM', by: 'ana', now } }).then([confirmed]);
    expect(fold([...begun, confirmed])).toMatchObject({ toConfirm: [], status: 'in-progress' });
    spec.given([...begun, confirmed]).when({ type: 'ConfirmAnswer', data: { assessmentId: nextId, questionId: 'AIPROGRAM', by: 'ana', now } }).thenThrows(AssessmentRuleError, rule('illegal-transition'));
  });

  it('a revision carries the answers as they stand and counts its revision up', () => {
    spec.given([]).when(from('revision')).then([
      { type: 'AssessmentStarted', data: { assessmentId: nextId, frameworkId: pin.frameworkId, frameworkVersion: pin.frameworkVersion, title: 'FY28', startedBy: 'ana', startedAt: at, scope: { kind: 'programme' }, excluded: [], basedOn: { assessmentId, kind: 'revision', revision: 1 }, revision: 2 } },
      { type: 'AnswersCarriedForward', data: { assessmentId: nextId, frameworkId: pin.frameworkId, frameworkVersion: pin.frameworkVersion, from: assessmentId, answers: { AIPROGRAM: 'implemented' }, toConfirm: false, carriedAt: at } },
    ]);
  });

  it('does not carry an accepted risk forward: it is decided again in the new assessment', () => {
    const withAcceptance = { ...approvedSource, answers: { ...approvedSource.answers, OBSCURECONFIDENCE: 'risk-accepted' } };
    const events = assessmentDecider.decide(from('reassessment', withAcceptance), assessmentDecider.initialState());
    const carried = events.find((e) => e.type === 'AnswersCarriedForward');
    expect(carried?.type === 'AnswersCarriedForward' && carried.data.answers).toEqual({ AIPROGRAM: 'implemented' });
  });

  it('continues only an approved assessment of the same framework version', () => {
    spec.given([]).when(from('revision', { ...approvedSource, status: 'in-review' })).thenThrows(AssessmentRuleError, rule('invalid-basis'));
    spec.given([]).when(from('reassessment', { ...approvedSource, frameworkVersion: '2024.1' })).thenThrows(AssessmentRuleError, rule('invalid-basis'));
  });
});

describe('applicability for an AI system, re-evaluated when its profile changes', () => {
  const classifier = { isGenerativeAi: false, isLlm: false, trainsOwnModel: false, usesRag: false, trainingDataSensitive: false, deploymentType: 'api-saas' };
  const systemId = '3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a9f';
  const start: AssessmentCommand = {
    type: 'StartAssessment',
    data: { ...pin, title: 'Fraud classifier', startedBy: 'ana', now, frameworks, scope: { kind: 'system', systemId, systemVersion: 1, profile: classifier } },
  };

  it('starts with every excluded item and its reason', () => {
    const [begun] = assessmentDecider.decide(start, assessmentDecider.initialState());
    expect(begun.type === 'AssessmentStarted' && begun.data.excluded).toEqual(scopeByProfile(OWASP_AI_EXCHANGE, classifier).excluded);
    expect(begun.type === 'AssessmentStarted' && begun.data.excluded?.find((e) => e.nodeId === 'PROMPTINJECTION')?.reason).toBe('threat does not apply: isLlm is false (needs true)');
  });

  it('when the system becomes an LLM with RAG, says what came back and keeps the answers given', () => {
    const begun = assessmentDecider.decide(start, assessmentDecider.initialState());
    const kept: AssessmentEvent = { type: 'AnswerRecorded', data: { ...pin, questionId: 'PROMPTINPUTVALIDATION', value: 'partial', recordedBy: 'ana', recordedAt: at } };
    const llm = { ...classifier, isGenerativeAi: true, isLlm: true, usesRag: true };
    const [changed] = assessmentDecider.decide({ type: 'ReevaluateApplicability', data: { assessmentId, systemVersion: 2, profile: llm, now, frameworks } }, fold([...begun, kept]));
    expect(changed.type).toBe('ApplicabilityChanged');
    if (changed.type !== 'ApplicabilityChanged') return;
    expect(changed.data.nowIncluded).toEqual(expect.arrayContaining(['PROMPTINJECTION', 'INDIRECTPROMPTINJECTION', 'DATAPOISON', 'PROMPTINPUTVALIDATION']));
    expect(changed.data.nowExcluded.map((e) => e.nodeId)).toContain('EVASION');
    const after = fold([...begun, kept, changed]);
    expect(after.answers.PROMPTINPUTVALIDATION).toBe('partial');
    expect(after.excluded.map((e) => e.nodeId)).not.toContain('PROMPTINPUTVALIDATION');
    expect(after.scope).toMatchObject({ kind: 'system', systemVersion: 2, profile: llm });
    // The same or an older version of the profile changes nothing.
    spec.given([...begun, kept, changed]).when({ type: 'ReevaluateApplicability', data: { assessmentId, systemVersion: 2, profile: classifier, now, frameworks } }).then([]);
  });
});
