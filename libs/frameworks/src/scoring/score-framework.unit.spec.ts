import { sammShapedDefinition } from '@assay/testing';
import { AI_RESOURCE_GUIDE, CMMI_AIM_STRUCTURE, CSA_AISMM_1_0, OWASP_AIMA_1_0, OWASP_AI_EXCHANGE } from '../catalogue';
import { FrameworkDefinition } from '../definition/framework-definition';
import { rejectAnswer } from './answers';
import { UnknownScoringModelError, scoreFramework } from './score-framework';

const score = (definition: FrameworkDefinition, answers: Record<string, number | string | null>, excluded?: string[]) =>
  scoreFramework(definition, answers, excluded ? new Set(excluded) : undefined);

describe('scoring any framework with the model its definition names', () => {
  it('AIMA toolkit: practice = sum of six / 6, stream and domain = mean, overall = mean of domains', () => {
    const s = score(OWASP_AIMA_1_0, { 'GOV-SM-A1': 3, 'GOV-SM-B1': 2, 'GOV-SM-A2': 1 });
    expect(s.scoringModel).toEqual({ id: 'owasp-aima-toolkit', version: '1.0.0' });
    expect(s.nodes['GOV-SM'].score).toBe(1); // (3 + 2 + 1) / 6
    expect(s.nodes['GOV-SM-A'].score).toBeCloseTo(4 / 3, 12); // (3 + 1 + 0) / 3
    expect(s.nodes['GOV'].score).toBeCloseTo(1 / 3, 12); // (1 + 0 + 0) / 3
    expect(s.overall.score).toBeCloseTo(1 / 24, 12); // (1/3) / 8 domains
    expect(s.overall).toMatchObject({ min: 0, max: 3, answered: 3, items: 144 });
  });

  it('staged CMM (AISMM): a category scores the level it is answered with, unanswered is 1, domains and overall are means', () => {
    const s = score(CSA_AISMM_1_0, { 'AISMM-FND-GOV': 3, 'AISMM-FND-ORG': 2, 'AISMM-STR-MOD': 4 });
    expect(s.nodes['AISMM-FND-GOV']).toMatchObject({ score: 3, min: 1, max: 5, answered: 1, items: 1 });
    expect(s.nodes['AISMM-FND'].score).toBe(1.75); // (3 + 2 + 1 + 1) / 4
    expect(s.nodes['AISMM-STR'].score).toBe(1.75); // (1 + 4 + 1 + 1) / 4
    expect(s.nodes['AISMM-PRC'].score).toBe(1);
    expect(s.overall.score).toBe(1.5); // (1.75 + 1.75 + 1) / 3
    expect(s.nodes['AISMM-FND-GOV-L3']).toBeUndefined(); // level descriptors carry no figure
  });

  it('control coverage (AI Exchange): not applicable and risk accepted leave the denominator, and so do excluded controls', () => {
    const answers = { AIPROGRAM: 'implemented', SECPROGRAM: 'partial', DEVPROGRAM: 'not-applicable', SECDEVPROGRAM: 'risk-accepted', MONITORUSE: 'implemented' };
    const s = score(OWASP_AI_EXCHANGE, answers);
    expect(s.nodes['AIX-CONTROLS-governance']).toMatchObject({ score: 0.375, items: 4 }); // (1 + 0.5 + 0 + 0) / 4
    expect(s.overall).toMatchObject({ score: 2.5 / 31, items: 31, answered: 5 }); // 33 controls, 2 out of the denominator
    expect(s.nodes['PROMPTINJECTION'].score).toBe(0.25); // MONITORUSE of its four controls
    const scoped = score(OWASP_AI_EXCHANGE, answers, ['AIX-CONTROLS-development-time', 'MONITORUSE']);
    expect(scoped.overall).toMatchObject({ score: 1.5 / 25, items: 25 }); // 5 development-time controls and MONITORUSE out of scope
    expect(scoped.nodes['AIX-CONTROLS-development-time']).toBeUndefined();
    expect(scoped.nodes['PROMPTINJECTION'].score).toBe(0); // 0 of its three controls left in scope
  });

  it('control coverage (resource guide checklist): per category and overall; the evidence catalogue carries no figure', () => {
    const s = score(AI_RESOURCE_GUIDE, { 'S2.a': 'implemented', P1: 'partial', P2: 'not-applicable' });
    expect(s.nodes['RG-SECURITY'].score).toBeCloseTo(1 / 9, 12);
    expect(s.nodes['RG-PRIVACY'].score).toBeCloseTo(0.5 / 6, 12); // 7 items, P2 not applicable
    expect(s.overall.score).toBeCloseTo(1.5 / 15, 12);
    expect(s.nodes['RG-EVIDENCE']).toBeUndefined();
    expect(s.nodes['soc2-type2']).toBeUndefined();
  });

  it('CMMI characterisation: a practice area reaches the level all its practices up to it support; above is the mean', () => {
    const pa1 = 'CMMI-DOING-CA1-PA1';
    const pa2 = 'CMMI-DOING-CA1-PA2';
    const s = score(CMMI_AIM_STRUCTURE, {
      [`${pa1}-L1.1`]: 'fully', [`${pa1}-L1.2`]: 'largely', [`${pa1}-L2.1`]: 'fully', [`${pa1}-L2.2`]: 'partially',
      ...Object.fromEntries([1, 2, 3].flatMap((l) => [1, 2].map((p) => [`${pa2}-L${l}.${p}`, 'fully']))),
    });
    expect(s.nodes[pa1]).toMatchObject({ score: 1, min: 0, max: 5 }); // level 2 has a partially implemented practice
    expect(s.nodes[pa2].score).toBe(3);
    expect(s.nodes['CMMI-DOING-CA1'].score).toBe(2); // (1 + 3) / 2
    expect(s.nodes['CMMI-DOING'].score).toBe(1); // (2 + 0) / 2
    expect(s.nodes[`${pa1}-L2`].score).toBe(0.75); // mean credit (1 + 0.5) / 2
    expect(s.nodes['CMMI-USAGE']).toBeUndefined(); // usage scenarios are profile facts, not scored
    expect(s.overall.score).toBe(0.25); // (1 + 0 + 0 + 0) / 4 categories
  });

  it('SAMM 2 (a tenant-imported framework): stream = sum of levels, practice and function = mean', () => {
    const s = score(sammShapedDefinition(), {
      'SM-A1': 1, 'SM-A2': 1, 'SM-A3': 0.5, 'SM-B1': 1, 'SM-B2': 0.25, 'SM-B3': 0,
      'PC-A1': 0.5,
      'TA-A1': 1, 'TA-A2': 1, 'TA-A3': 1, 'TA-B1': 1, 'TA-B2': 1,
    });
    expect(s.nodes['SM'].score).toBe(1.875); // (2.5 + 1.25) / 2
    expect(s.nodes['PC'].score).toBe(0.25); // (0.5 + 0) / 2
    expect(s.nodes['GOV'].score).toBe(1.0625);
    expect(s.nodes['DES'].score).toBe(2.5);
    expect(s.overall.score).toBe(1.78125);
  });

  it('refuses a model it does not run', () => {
    expect(() => score({ ...OWASP_AIMA_1_0, scoringModel: { id: 'owasp-aima-toolkit', version: '9' } }, {})).toThrow(UnknownScoringModelError);
  });
});

describe('answers checked against the node\'s own scale', () => {
  it.each([
    [OWASP_AIMA_1_0, 'GOV-SM-A1', 3, 4],
    [OWASP_AIMA_1_0, 'GOV-SM-A1', 0, 1.5],
    [CSA_AISMM_1_0, 'AISMM-FND-GOV', 5, 0],
    [CSA_AISMM_1_0, 'AISMM-FND-GOV', 1, 6],
    [sammShapedDefinition(), 'SM-A1', 0.25, 0.3],
    [CMMI_AIM_STRUCTURE, 'CMMI-DOING-CA1-PA1-L1.1', 'largely', 3],
    [OWASP_AI_EXCHANGE, 'AIPROGRAM', 'risk-accepted', 'done'],
    [AI_RESOURCE_GUIDE, 'S2.a', 'not-applicable', 2],
  ] as const)('%#: %s %s takes %p and refuses %p', (definition, nodeId, good, bad) => {
    expect(rejectAnswer(definition, nodeId, good)).toBeUndefined();
    expect(rejectAnswer(definition, nodeId, null)).toBeUndefined();
    expect(rejectAnswer(definition, nodeId, bad)).toMatchObject({ code: 'invalid-answer', message: expect.stringContaining(nodeId) });
  });

  it.each([
    [OWASP_AIMA_1_0, 'GOV-SM'],
    [CSA_AISMM_1_0, 'AISMM-FND-GOV-L2'],
    [OWASP_AI_EXCHANGE, 'PROMPTINJECTION'],
    [AI_RESOURCE_GUIDE, 'soc2-type2'],
  ] as const)('%#: %s is not answerable', (definition, nodeId) => {
    expect(rejectAnswer(definition, nodeId, 1)).toMatchObject({ code: 'unknown-question' });
  });
});
