import { FrameworkDefinition, FrameworkNode } from '../definition/framework-definition';
import { CONTROL_STATUS_SCALE } from './control-status-scale';

/**
 * The AI security and privacy resource guide: its control checklist (S2.a–S2.g, S3, S5, P1–P7)
 * and its evidence catalogue. Item texts are Assay's summaries; evidence validity periods are the
 * documents' own rules (a SOC 2 Type 2 observes 6–12 months, an ISO 27001 certificate runs 3
 * years, a HIPAA report is annual).
 */
const CHECKLIST: [id: string, name: string, text: string, evidence: string[]][] = [
  ['S2.a', 'Infrastructure security', 'Hosting, network and platform protections of the AI service.', ['soc2-type2', 'iso27001-certificate', 'csa-star']],
  ['S2.b', 'Organisational security', 'Security roles, policies, staff vetting and training.', ['iso27001-soa', 'soc2-type2', 'sig-lite']],
  ['S2.c', 'Product security', 'Secure design, testing and vulnerability handling of the AI product.', ['system-card', 'vsa-core', 'caiq-lite']],
  ['S2.d', 'Internal procedures', 'Change, access and incident procedures around the AI service.', ['soc2-type2', 'sig-lite']],
  ['S2.e', 'Data security', 'Protection of customer and training data at rest, in transit and in use.', ['soc2-type2', 'caiq-lite', 'iso27001-soa']],
  ['S2.f', 'Privacy of data', 'Lawful, limited and transparent processing of personal data.', ['iso42001-certificate', 'hipaa-report']],
  ['S2.g', 'Model security', 'Robustness, integrity and confidentiality of the models.', ['model-card', 'system-card', 'card-addendum']],
  ['S3', 'Operations', 'Monitoring, availability and incident response of the AI service in operation.', ['soc2-type2', 'csa-star']],
  ['S5', 'Interdependent security', 'Security of the providers and components the AI service depends on.', ['sig-lite', 'caiq-lite', 'vsa-core']],
  ['P1', 'Notice', 'People are told that and how AI processes their data.', ['system-card']],
  ['P2', 'Choice and consent', 'People can agree to or refuse the processing where the law gives them that choice.', []],
  ['P3', 'Collection limits', 'Only the personal data the purpose needs is collected.', []],
  ['P4', 'Use, retention and disposal', 'Personal data is used for its stated purpose, kept no longer than needed and disposed of safely.', []],
  ['P5', 'Access and correction', 'People can see and correct their data.', []],
  ['P6', 'Disclosure to third parties', 'Sharing with third parties, including model providers, is limited and agreed.', ['sig-lite']],
  ['P7', 'Quality and security of personal data', 'Personal data is accurate and protected.', ['iso27001-certificate']],
];

const EVIDENCE: [id: string, name: string, attributes: Record<string, string | number>][] = [
  ['model-card', 'Model card', { scope: 'model' }],
  ['system-card', 'System card', { scope: 'system' }],
  ['card-addendum', 'Model or system card addendum', { scope: 'model' }],
  ['sig-lite', 'SIG Lite questionnaire', { scope: 'vendor', validityMonths: 12 }],
  ['caiq-lite', 'CAIQ Lite questionnaire', { scope: 'vendor', validityMonths: 12 }],
  ['vsa-core', 'VSA Core questionnaire', { scope: 'vendor', validityMonths: 12 }],
  ['soc2-type1', 'SOC 2 Type 1 report', { scope: 'organisation', validityMonths: 12 }],
  ['soc2-type2', 'SOC 2 Type 2 report', { scope: 'organisation', validityMonths: 12, observationPeriod: '6-12 months' }],
  ['csa-star', 'CSA STAR report', { scope: 'organisation', validityMonths: 12 }],
  ['iso27001-soa', 'ISO/IEC 27001 Statement of Applicability', { scope: 'organisation' }],
  ['iso27001-certificate', 'ISO/IEC 27001 certificate', { scope: 'organisation', validityMonths: 36 }],
  ['iso42001-certificate', 'ISO/IEC 42001 certificate', { scope: 'organisation', validityMonths: 36 }],
  ['hipaa-report', 'HIPAA security compliance report', { scope: 'organisation', validityMonths: 12 }],
  ['financial-model-risk', 'Financial model-risk documentation', { scope: 'model', sector: 'finance' }],
  ['medical-validation', 'Medical device and clinical validation documents', { scope: 'system', sector: 'health' }],
  ['critical-infrastructure', 'Critical-infrastructure and defence documents', { scope: 'system', sector: 'critical-infrastructure' }],
];

export const EVIDENCE_TYPE_IDS: readonly string[] = EVIDENCE.map(([id]) => id);

export const AI_RESOURCE_GUIDE: FrameworkDefinition = {
  id: 'ai-security-resource-guide',
  version: '1.0',
  name: 'AI security and privacy resource guide: checklist and evidence catalogue',
  publisher: 'Assay (after the public AI security and privacy resource guide)',
  licence: { spdx: 'LicenseRef-Assay', attribution: 'Checklist identifiers from the resource guide; item texts and evidence descriptions by Assay.', textOrigin: 'assay-authored' },
  scoringModel: { id: 'control-coverage', version: '1.0.0' },
  answerScales: [CONTROL_STATUS_SCALE],
  nodes: [
    {
      id: 'RG-SECURITY',
      kind: 'category',
      name: 'Security checklist',
      children: CHECKLIST.filter(([id]) => id.startsWith('S')).map(checklistItem),
    },
    {
      id: 'RG-PRIVACY',
      kind: 'category',
      name: 'Privacy checklist',
      children: CHECKLIST.filter(([id]) => id.startsWith('P')).map(checklistItem),
    },
    {
      id: 'RG-EVIDENCE',
      kind: 'category',
      name: 'Evidence catalogue',
      children: EVIDENCE.map(([id, name, attributes]) => ({ id, kind: 'evidence-type', name, attributes })),
    },
  ],
};

function checklistItem([id, name, text, evidence]: (typeof CHECKLIST)[number]): FrameworkNode {
  return { id, kind: 'checklist-item', name, text, answerScale: 'control-status', ...(evidence.length ? { evidenceHints: evidence } : {}) };
}
