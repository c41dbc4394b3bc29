import { FrameworkDefinition, FrameworkNode } from '../definition/framework-definition';

/**
 * CSA AI Security Maturity Model 1.0 (May 2026), programme level: 3 domains × 4 categories placed
 * on 5 CMM-aligned levels. Domain and category names are the published ones; every descriptor is
 * Assay's own wording. A licensee can import the full workbook text over this structure.
 */
const LEVELS = [
  { level: 1, name: 'Initial', pattern: (c: string) => `${c} for AI happens ad hoc, depends on individuals and leaves little record.` },
  { level: 2, name: 'Managed', pattern: (c: string) => `${c} for AI is planned and tracked system by system, with basic documentation and owners.` },
  { level: 3, name: 'Defined', pattern: (c: string) => `${c} for AI follows organisation-wide standards aligned with the AI Controls Matrix.` },
  { level: 4, name: 'Quantitatively managed', pattern: (c: string) => `${c} for AI is steered by control objectives tracked as KPIs with agreed thresholds.` },
  { level: 5, name: 'Optimising', pattern: (c: string) => `${c} for AI improves continuously from measurements, incidents and threat intelligence.` },
];

const DOMAINS: [string, string, [string, string, string][]][] = [
  ['FND', 'Foundational', [
    ['GOV', 'Governance', 'AI asset visibility, accountable owners, risk appetite'],
    ['ORG', 'Organisation Management', 'roles, skills and resourcing for AI security'],
    ['IAM', 'Identity & Access Management', 'AI identity and access, including non-human and agent identities'],
    ['MON', 'Security Monitoring', 'telemetry of AI use, agentic AI oversight'],
  ]],
  ['STR', 'Structural', [
    ['INF', 'Infrastructure', 'hosting, isolation and hardening of AI workloads'],
    ['MOD', 'Model Security', 'model risk, integrity and robustness'],
    ['APP', 'Application Security', 'prompt and output governance in AI applications'],
    ['DAT', 'Data Security', 'protection of training, retrieval and inference data'],
  ]],
  ['PRC', 'Procedural', [
    ['RSK', 'Risk & Provider Management', 'AI risk assessment and third-party AI providers'],
    ['DEV', 'AI Development & Supply Chain', 'secure AI development and the AI supply chain'],
    ['PRV', 'Privacy & Compliance', 'privacy obligations and regulatory compliance of AI'],
    ['IR', 'Incident Response', 'detecting, containing and learning from AI incidents'],
  ]],
];

const TARGET = { FND: 3, STR: 3, PRC: 3 } as const;

export const CSA_AISMM_1_0: FrameworkDefinition = {
  id: 'csa-aismm',
  version: '1.0',
  name: 'CSA AI Security Maturity Model',
  publisher: 'Cloud Security Alliance',
  description: 'Programme-level maturity per category on five CMM-aligned levels; control objectives serve as KPIs.',
  licence: {
    spdx: 'LicenseRef-CSA-AISMM',
    attribution: 'Domain and category structure of the CSA AI Security Maturity Model 1.0. Level descriptors written by Assay; the workbook text is licensed and arrives by licensee import.',
    textOrigin: 'assay-authored',
  },
  scoringModel: { id: 'cmm-staged', version: '1.0.0' },
  levels: LEVELS.map(({ level, name }) => ({ level, name })),
  answerScales: [
    { id: 'cmm-1-5', kind: 'level', options: LEVELS.map(({ level, name }) => ({ value: level, label: name, credit: (level - 1) / 4 })) },
  ],
  profileFields: [{ field: 'deploymentType', type: 'string', values: ['self-hosted', 'paas', 'api-saas'], description: 'How the organisation consumes AI models.' }],
  nodes: DOMAINS.map(
    ([domainId, domainName, categories]): FrameworkNode => ({
      id: `AISMM-${domainId}`,
      kind: 'domain',
      name: domainName,
      children: categories.map(([code, name, focus]) => ({
        id: `AISMM-${domainId}-${code}`,
        kind: 'category',
        name,
        text: `Focus: ${focus}.`,
        answerScale: 'cmm-1-5',
        attributes: { typicalTarget: TARGET[domainId as keyof typeof TARGET] },
        children: LEVELS.map(({ level, name: levelName, pattern }) => ({
          id: `AISMM-${domainId}-${code}-L${level}`,
          kind: 'level',
          name: levelName,
          level,
          text: pattern(name),
        })),
      })),
    }),
  ),
};
