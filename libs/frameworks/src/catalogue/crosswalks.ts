import { Crosswalk, CrosswalkMapping, OlirRelationship } from '../definition/framework-definition';

// Assay's analyst mappings (strength 1–10, NIST OLIR relationship types). `from R to` reads
// "the source node is R the target node": subset-of = the source covers only part of the target.
type Row = [from: string, to: string, relationship: OlirRelationship, strength: number, rationale: string];

const crosswalk = (id: string, source: [string, string], target: [string, string], rows: Row[], description: string): Crosswalk => ({
  id,
  version: '1.0',
  description,
  source: { frameworkId: source[0], version: source[1] },
  target: { frameworkId: target[0], version: target[1] },
  mappings: rows.map(([from, to, relationship, strength, rationale]): CrosswalkMapping => ({ from, to, relationship, strength, rationale })),
});

const AIMA: [string, string] = ['owasp-aima', '1.0'];
const ISO: [string, string] = ['iso-iec-42001', '2023'];
const AISMM: [string, string] = ['csa-aismm', '1.0'];
const AIX: [string, string] = ['owasp-ai-exchange', '2025.1'];
const RG: [string, string] = ['ai-security-resource-guide', '1.0'];

export const SHIPPED_CROSSWALKS: readonly Crosswalk[] = [
  crosswalk('aima-to-iso42001', AIMA, ISO, [
    ['RA-ESI', 'A.5', 'equal', 8, 'Both require assessing the effects of AI systems on individuals, groups and society.'],
    ['RA-FB', 'A.5', 'subset-of', 5, 'Bias assessment is one of the impacts A.5 asks to assess.'],
    ['RA-TE', 'A.8', 'intersects-with', 6, 'Explaining AI behaviour overlaps with informing interested parties; each has parts the other lacks.'],
    ['GOV-SM', '6', 'intersects-with', 6, 'AI strategy and metrics feed management-system planning, which also covers risk treatment.'],
    ['GOV-PC', 'A.2', 'superset-of', 7, 'Policy & Compliance covers AI policy (A.2) and compliance checking beyond it.'],
    ['GOV-EA', '7', 'intersects-with', 6, 'Training and awareness are part of clause 7 support, which also covers resources and documentation.'],
    ['DM-DQI', 'A.7', 'subset-of', 7, 'Data quality is one concern of data for AI systems.'],
    ['DM-DGA', 'A.7', 'subset-of', 6, 'Data accountability is one concern of data for AI systems.'],
    ['DM-DT', 'A.7', 'subset-of', 6, 'Training data handling is one concern of data for AI systems.'],
    ['DES-TA', '6', 'subset-of', 5, 'Threat assessment is part of AI risk assessment in planning.'],
    ['DES-SR', 'A.10', 'intersects-with', 4, 'Supplier security requirements overlap with third-party relationships.'],
    ['IMP-SB', 'A.6', 'subset-of', 6, 'Secure build is one stage of the AI system life cycle.'],
    ['IMP-SD', 'A.6', 'subset-of', 6, 'Secure deployment is one stage of the AI system life cycle.'],
    ['VER-ST', 'A.6', 'subset-of', 5, 'Security testing is one verification activity of the life cycle.'],
    ['PRIV-UCT', 'A.8', 'intersects-with', 5, 'User transparency overlaps with information for interested parties.'],
    ['OPS-EM', '9', 'intersects-with', 5, 'Event monitoring supplies performance evaluation but is narrower in purpose.'],
    ['OPS-IM', '10', 'intersects-with', 5, 'Incident handling feeds nonconformity and corrective action.'],
    ['OPS-OM', '8', 'intersects-with', 5, 'Operational management of models overlaps with operational planning and control.'],
    ['GOV-EA', 'A.10', 'not-related', 9, 'Staff education says nothing about third-party and customer relationships.'],
  ], 'OWASP AIMA 1.0 practices to ISO/IEC 42001:2023 clauses and Annex A objectives.'),
  crosswalk('aismm-to-iso42001', AISMM, ISO, [
    ['AISMM-FND-GOV', '5', 'intersects-with', 6, 'AI governance overlaps with leadership commitment and AI policy direction.'],
    ['AISMM-FND-ORG', 'A.3', 'equal', 7, 'Both define roles, responsibilities and reporting for AI.'],
    ['AISMM-FND-MON', '9', 'intersects-with', 5, 'Security monitoring supplies performance evaluation evidence.'],
    ['AISMM-STR-DAT', 'A.7', 'intersects-with', 6, 'Data security overlaps with data for AI systems, which also covers quality and provenance.'],
    ['AISMM-PRC-RSK', '6', 'intersects-with', 6, 'AI risk management overlaps with management-system planning.'],
    ['AISMM-PRC-RSK', 'A.10', 'intersects-with', 5, 'Provider management overlaps with third-party relationships.'],
    ['AISMM-PRC-DEV', 'A.6', 'intersects-with', 6, 'Secure AI development overlaps with the AI system life cycle.'],
    ['AISMM-PRC-PRV', 'A.8', 'intersects-with', 4, 'Privacy transparency overlaps with information for interested parties.'],
    ['AISMM-PRC-IR', '10', 'intersects-with', 5, 'AI incident learning feeds improvement.'],
  ], 'CSA AISMM 1.0 categories to ISO/IEC 42001:2023.'),
  crosswalk('ai-exchange-to-iso42001', AIX, ISO, [
    ['AIPROGRAM', 'A.2', 'superset-of', 6, 'An AI programme includes AI policy and goes beyond it.'],
    ['CHECKCOMPLIANCE', '9', 'subset-of', 5, 'Compliance checking is one part of performance evaluation.'],
    ['SECEDUCATE', '7', 'subset-of', 5, 'Security education is one part of competence and awareness.'],
    ['SUPPLYCHAINMANAGE', 'A.10', 'intersects-with', 6, 'AI supply-chain management overlaps with third-party relationships.'],
    ['DATAMINIMIZE', 'A.7', 'subset-of', 5, 'Minimisation is one aspect of data for AI systems.'],
    ['DEVDATAPROTECT', 'A.7', 'subset-of', 5, 'Protecting training data is one aspect of data for AI systems.'],
    ['AITRANSPARENCY', 'A.8', 'equal', 8, 'Both require telling interested parties about AI use and limits.'],
    ['EXPLAINABILITY', 'A.8', 'subset-of', 5, 'Explanations are one kind of information for interested parties.'],
    ['OVERSIGHT', 'A.9', 'subset-of', 6, 'Human oversight is one condition of responsible AI use.'],
  ], 'OWASP AI Exchange controls to ISO/IEC 42001:2023.'),
  crosswalk('aima-to-aismm', AIMA, AISMM, [
    ['GOV-SM', 'AISMM-FND-GOV', 'intersects-with', 6, 'AI strategy overlaps with programme governance.'],
    ['GOV-EA', 'AISMM-FND-ORG', 'intersects-with', 5, 'Education overlaps with organisation management of skills.'],
    ['DES-TA', 'AISMM-PRC-RSK', 'equal', 7, 'Both assess threats and risk to AI systems.'],
    ['DES-SA', 'AISMM-STR-INF', 'intersects-with', 5, 'Security architecture overlaps with infrastructure hardening.'],
    ['DM-DGA', 'AISMM-STR-DAT', 'intersects-with', 5, 'Data accountability overlaps with data security.'],
    ['IMP-SB', 'AISMM-PRC-DEV', 'intersects-with', 6, 'Secure build overlaps with secure AI development and supply chain.'],
    ['OPS-EM', 'AISMM-FND-MON', 'equal', 7, 'Both monitor AI activity and act on events.'],
    ['OPS-IM', 'AISMM-PRC-IR', 'equal', 8, 'Both cover detecting and responding to AI incidents.'],
    ['PRIV-DMPL', 'AISMM-PRC-PRV', 'subset-of', 5, 'Minimisation and purpose limitation are part of privacy & compliance.'],
  ], 'OWASP AIMA 1.0 practices to CSA AISMM 1.0 categories.'),
  crosswalk('resource-guide-to-ai-exchange', RG, AIX, [
    ['S5', 'SUPPLYCHAINMANAGE', 'equal', 7, 'Both ask how the security of dependencies is managed.'],
    ['P3', 'DATAMINIMIZE', 'equal', 8, 'Both limit collection to what the purpose needs.'],
    ['S2.b', 'SECEDUCATE', 'superset-of', 6, 'Organisational security includes security education.'],
    ['P1', 'AITRANSPARENCY', 'intersects-with', 5, 'Notice overlaps with transparency about AI use.'],
    ['S2.g', 'EVASIONROBUSTMODEL', 'intersects-with', 4, 'Model security overlaps with robustness to evasion.'],
  ], 'Resource guide checklist to OWASP AI Exchange controls.'),
];
