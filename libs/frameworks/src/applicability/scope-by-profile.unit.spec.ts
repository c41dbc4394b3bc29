import { CMMI_AIM_STRUCTURE, OWASP_AI_EXCHANGE } from '../catalogue';
import { scopeByProfile } from './scope-by-profile';

const reasons = (profile: Parameters<typeof scopeByProfile>[1]) => new Map(scopeByProfile(OWASP_AI_EXCHANGE, profile).excluded.map((e) => [e.nodeId, e.reason]));

describe('scope of an AI system by its profile', () => {
  // A classic classifier: no GenAI, no LLM, a model used as-is, non-sensitive training data, via an API.
  const classifier = { isGenerativeAi: false, isLlm: false, trainsOwnModel: false, usesRag: false, trainingDataSensitive: false, deploymentType: 'api-saas' };

  it('a non-GenAI classifier that does not train and has non-sensitive data: prompt injection and training-data leaks are out, each with its reason', () => {
    const out = reasons(classifier);
    expect(out.get('PROMPTINJECTION')).toBe('threat does not apply: isLlm is false (needs true)');
    expect(out.get('INDIRECTPROMPTINJECTION')).toBe('threat does not apply: isLlm is false (needs true)');
    expect(out.get('DEVDATALEAK')).toContain('trainsOwnModel is false (needs true)');
    expect(out.get('DEVDATALEAK')).toContain('usesRag is false (needs true)');
    expect(out.get('DATAPOISON')).toMatch(/^threat does not apply: none of/);
    // Controls that only served those threats go too, saying which threats they served.
    expect(out.get('PROMPTINPUTVALIDATION')).toBe('mitigates only threats that do not apply to this system (PROMPTINJECTION, INDIRECTPROMPTINJECTION)');
    // Evasion applies to a non-GenAI model; governance controls always apply.
    expect(out.has('EVASION')).toBe(false);
    expect(out.has('AIPROGRAM')).toBe(false);
  });

  it('flipping the profile to an LLM with RAG brings prompt injection and training-data poisoning back', () => {
    const out = reasons({ ...classifier, isGenerativeAi: true, isLlm: true, usesRag: true });
    for (const back of ['PROMPTINJECTION', 'INDIRECTPROMPTINJECTION', 'DATAPOISON', 'PROMPTINPUTVALIDATION', 'INPUTSEGREGATION']) expect(out.has(back)).toBe(false);
    expect(out.get('DEVDATALEAK')).toContain('trainingDataSensitive is false'); // RAG data not sensitive: still out
    expect(out.get('EVASION')).toBe('threat does not apply: isGenerativeAi is true (needs false)');
  });

  it('names the provider when a control serves only threats the provider carries', () => {
    const out = reasons({ ...classifier, isGenerativeAi: true, isLlm: true });
    expect(out.get('RUNTIMEMODELCONFIDENTIALITY')).toBe('mitigates only threats that do not apply or that the provider carries under deployment type api-saas (RUNTIMEMODELTHEFT)');
    expect(scopeByProfile(OWASP_AI_EXCHANGE, { ...classifier, deploymentType: 'self-hosted' }).excluded.map((e) => e.nodeId)).not.toContain('RUNTIMEMODELCONFIDENTIALITY');
  });

  it('excludes nothing on facts the profile does not state', () => {
    expect(scopeByProfile(OWASP_AI_EXCHANGE, {}).excluded).toEqual([]);
    expect(scopeByProfile(CMMI_AIM_STRUCTURE, classifier).excluded).toEqual([]);
  });
});
