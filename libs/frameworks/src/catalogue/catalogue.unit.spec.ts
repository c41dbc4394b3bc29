import { InvalidDefinitionError } from '../definition/definition-errors';
import { FrameworkDefinition, countByKind, findNode, walkNodes } from '../definition/framework-definition';
import { validateCrosswalk, validateDefinition } from '../definition/validate-definition';
import { EVIDENCE_TYPE_IDS, KNOWN_SCORING_MODELS, SHIPPED_CROSSWALKS, SHIPPED_FRAMEWORKS, shippedFramework } from './index';
import { assertCatalogueValid } from './validate-catalogue';

const context = { knownScoringModels: [...KNOWN_SCORING_MODELS], evidenceTypes: [...EVIDENCE_TYPE_IDS] };
const counts = (id: string, version: string) => countByKind(shippedFramework(id, version)!);

describe('shipped framework catalogue', () => {
  it.each(SHIPPED_FRAMEWORKS.map((f) => [`${f.id} ${f.version}`, f] as const))('%s validates', (_, definition) => {
    expect(() => validateDefinition(JSON.parse(JSON.stringify(definition)), context)).not.toThrow();
  });

  it('OWASP AIMA 1.0 has 8 domains, 24 practices, 48 streams, 144 questions', () => {
    expect(counts('owasp-aima', '1.0')).toEqual({ domain: 8, practice: 24, stream: 48, question: 144 });
    const aima = shippedFramework('owasp-aima', '1.0')!;
    const levels = [...walkNodes(aima.nodes)].filter(({ node }) => node.kind === 'question').map(({ node }) => node.level);
    expect(levels.filter((l) => l === 1)).toHaveLength(48);
    expect(findNode(aima, 'OPS-IM-B3')).toMatchObject({ kind: 'question', level: 3, answerScale: 'aima-0-3' });
  });

  it('CSA AISMM 1.0 has 3 domains, 12 categories, 5 level descriptors each and a deployment type', () => {
    expect(counts('csa-aismm', '1.0')).toEqual({ domain: 3, category: 12, level: 60 });
    expect(shippedFramework('csa-aismm', '1.0')!.profileFields).toEqual([expect.objectContaining({ field: 'deploymentType', values: ['self-hosted', 'paas', 'api-saas'] })]);
  });

  it('OWASP AI Exchange names its controls and threats by the three attack surfaces', () => {
    const aix = shippedFramework('owasp-ai-exchange', '2025.1')!;
    for (const id of ['AIPROGRAM', 'SECPROGRAM', 'DEVPROGRAM', 'SECDEVPROGRAM', 'CHECKCOMPLIANCE', 'SECEDUCATE', 'DEVDATAPROTECT', 'OBSCURECONFIDENCE', 'DATAMINIMIZE', 'OVERSIGHT', 'LEASTMODELPRIVILEGE', 'AITRANSPARENCY', 'EXPLAINABILITY']) {
      expect(findNode(aix, id)?.kind).toBe('control');
    }
    const surfaces = [...walkNodes(aix.nodes)].filter(({ node }) => node.kind === 'threat').map(({ node }) => node.attributes!.attackSurface);
    expect(new Set(surfaces)).toEqual(new Set(['development-time', 'through-use', 'runtime']));
    // Every control a threat names exists.
    for (const { node } of walkNodes(aix.nodes)) {
      for (const control of (node.attributes?.controls as string[] | undefined) ?? []) expect(findNode(aix, control)?.kind).toBe('control');
    }
  });

  it('the resource guide carries S2.a–S2.g, S3, S5, P1–P7 and the evidence catalogue', () => {
    expect(counts('ai-security-resource-guide', '1.0')).toMatchObject({ 'checklist-item': 16, 'evidence-type': 16 });
    const guide = shippedFramework('ai-security-resource-guide', '1.0')!;
    expect(findNode(guide, 'soc2-type2')?.attributes).toMatchObject({ observationPeriod: '6-12 months' });
    expect(findNode(guide, 'iso27001-certificate')?.attributes).toMatchObject({ validityMonths: 36 });
  });

  it('the CMMI AIM-shaped structure has categories, capability areas, practice areas and levels, and no proprietary text', () => {
    const cmmi = shippedFramework('cmmi-aim-structure', '1.0')!;
    expect(counts('cmmi-aim-structure', '1.0')).toMatchObject({ 'capability-area': 8, 'practice-area': 16, 'practice-group': 48, question: 96, 'usage-scenario': 3 });
    expect(cmmi.licence.textOrigin).toBe('assay-authored');
  });

  it.each(SHIPPED_CROSSWALKS.map((c) => [c.id, c] as const))('crosswalk %s names only nodes that exist on both sides', (_, crosswalk) => {
    const source = shippedFramework(crosswalk.source.frameworkId, crosswalk.source.version);
    const target = shippedFramework(crosswalk.target.frameworkId, crosswalk.target.version);
    expect(source && target).toBeTruthy();
    expect(() => validateCrosswalk(JSON.parse(JSON.stringify(crosswalk)), source, target)).not.toThrow();
  });
});

describe('definition validation errors name the node and field', () => {
  const broken = (): FrameworkDefinition => JSON.parse(JSON.stringify(shippedFramework('owasp-aima', '1.0')));

  it('reports a schema violation at the node it sits in', () => {
    const definition = broken();
    (definition.nodes[1].children![0].children![0].children![2] as unknown as Record<string, unknown>).level = 9;
    expect(() => validateDefinition(definition)).toThrow(InvalidDefinitionError);
    try {
      validateDefinition(definition);
    } catch (error) {
      expect((error as InvalidDefinitionError).problems).toContainEqual(expect.objectContaining({ nodeId: 'GOV-SM-A3', field: 'level' }));
    }
  });

  it('reports an unknown answer scale, a duplicate id, an undeclared profile field and an unknown scoring model', () => {
    const definition = broken();
    definition.scoringModel.version = '9.9.9';
    definition.nodes[0].children![0].children![0].children![0].answerScale = 'nope';
    definition.nodes[0].children![1].id = 'RA-ESI';
    definition.nodes[2].applicability = { field: 'usesRag', equals: true };
    let problems: InvalidDefinitionError['problems'] = [];
    try {
      validateDefinition(definition, context);
    } catch (error) {
      problems = (error as InvalidDefinitionError).problems;
    }
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'scoringModel' }),
        expect.objectContaining({ nodeId: 'RA-ESI-A1', field: 'answerScale' }),
        expect.objectContaining({ nodeId: 'RA-ESI', field: 'id', message: 'duplicate node id' }),
        expect.objectContaining({ nodeId: 'DM', field: 'applicability' }),
      ]),
    );
  });
});

describe('catalogue check run when a service loads', () => {
  it('passes the shipped catalogue', () => {
    expect(assertCatalogueValid()).toEqual({ frameworks: SHIPPED_FRAMEWORKS.length, crosswalks: SHIPPED_CROSSWALKS.length });
  });

  it('refuses a definition naming a scoring model the platform does not run, and a crosswalk to a missing node', () => {
    const broken = SHIPPED_FRAMEWORKS.map((f, i) => (i === 1 ? { ...f, scoringModel: { id: 'cmm-staged', version: '9.9.9' } } : f));
    expect(() => assertCatalogueValid(broken)).toThrow(/unknown scoring model cmm-staged@9.9.9/);
    const crosswalk = { ...SHIPPED_CROSSWALKS[0], mappings: [{ ...SHIPPED_CROSSWALKS[0].mappings[0], to: 'NO-SUCH-NODE' }] };
    expect(() => assertCatalogueValid(SHIPPED_FRAMEWORKS, [crosswalk])).toThrow(InvalidDefinitionError);
  });
});
