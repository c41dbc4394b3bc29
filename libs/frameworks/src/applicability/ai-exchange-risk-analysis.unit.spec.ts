import { OWASP_AI_EXCHANGE } from '../catalogue';
import { analyseRisks } from './ai-exchange-risk-analysis';

const applicable = (profile: Parameters<typeof analyseRisks>[1]) =>
  analyseRisks(OWASP_AI_EXCHANGE, profile).threats.filter((t) => t.applies).map((t) => t.threatId);

describe('AI Exchange risk analysis on a system profile', () => {
  const llmApp = { trainsOwnModel: false, usesRag: false, isGenerativeAi: true, isLlm: true, trainingDataSensitive: false, deploymentType: 'api-saas' };

  it('an LLM consumed over an API, no own training: no development-time threats but supply chain; no evasion or inversion', () => {
    const threats = applicable(llmApp);
    expect(threats).toContain('SUPPLYMODELPOISON');
    expect(threats).toEqual(expect.arrayContaining(['PROMPTINJECTION', 'INDIRECTPROMPTINJECTION', 'INSECUREOUTPUT']));
    expect(threats).not.toEqual(expect.arrayContaining(['DATAPOISON']));
    for (const dropped of ['DATAPOISON', 'DEVMODELPOISON', 'DEVDATALEAK', 'DEVMODELLEAK', 'EVASION', 'MODELINVERSION', 'DATADISCLOSURE']) expect(threats).not.toContain(dropped);
  });

  it('a RAG store counts as training data: poisoning applies, and its leak when the data is sensitive', () => {
    expect(applicable({ ...llmApp, usesRag: true })).toContain('DATAPOISON');
    expect(applicable({ ...llmApp, usesRag: true })).not.toContain('DEVDATALEAK');
    expect(applicable({ ...llmApp, usesRag: true, trainingDataSensitive: true })).toEqual(expect.arrayContaining(['DEVDATALEAK', 'DATADISCLOSURE']));
  });

  it('a non-LLM classifier trained in house: evasion and inversion apply, prompt injection does not', () => {
    const threats = applicable({ trainsOwnModel: true, usesRag: false, isGenerativeAi: false, isLlm: false, trainingDataSensitive: true, deploymentType: 'self-hosted' });
    expect(threats).toEqual(expect.arrayContaining(['EVASION', 'MODELINVERSION', 'DATAPOISON', 'DEVMODELPOISON', 'DEVDATALEAK']));
    expect(threats).not.toContain('PROMPTINJECTION');
    expect(threats).not.toContain('INSECUREOUTPUT');
  });

  it('keeps a threat whose deciding fact is not stated', () => {
    expect(applicable({})).toEqual(expect.arrayContaining(['PROMPTINJECTION', 'DATAPOISON', 'EVASION']));
  });

  it('assigns responsibility by deployment type and selects controls only for threats not left to the provider', () => {
    const api = analyseRisks(OWASP_AI_EXCHANGE, llmApp);
    expect(api.threats.find((t) => t.threatId === 'RUNTIMEMODELTHEFT')?.responsibility).toBe('provider');
    expect(api.providerThreats).toContain('RUNTIMEMODELTHEFT');
    expect(api.selectedControls).not.toContain('RUNTIMEMODELCONFIDENTIALITY');
    expect(api.selectedControls).toEqual(expect.arrayContaining(['PROMPTINPUTVALIDATION', 'ENCODEMODELOUTPUT', 'LEASTMODELPRIVILEGE', 'SUPPLYCHAINMANAGE']));
    const selfHosted = analyseRisks(OWASP_AI_EXCHANGE, { ...llmApp, deploymentType: 'self-hosted' });
    expect(selfHosted.threats.every((t) => t.responsibility === 'us')).toBe(true);
    expect(selfHosted.selectedControls).toContain('RUNTIMEMODELCONFIDENTIALITY');
    expect(analyseRisks(OWASP_AI_EXCHANGE, { ...llmApp, deploymentType: 'paas' }).threats.find((t) => t.threatId === 'RUNTIMEMODELTHEFT')?.responsibility).toBe('shared');
  });
});
