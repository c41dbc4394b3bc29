import { AI_RESOURCE_GUIDE, walkNodes } from '@assay/frameworks';

/** The date a document's validity runs from: a report's period end or as-of date, a certificate's issue date. */
export type EffectiveFrom = 'periodEnd' | 'reportDate' | 'issuedOn' | 'completedOn' | 'effectiveOn';

export interface EvidenceTypeRules {
  id: string;
  name: string;
  /** Metadata the uploader must give, beyond the effective date. */
  requires: readonly ('issuer' | 'scope' | 'standardVersion')[];
  effectiveFrom: EffectiveFrom;
  /** A reporting period the document covers (SOC 2 Type 2 observes 6–12 months). */
  period?: { minMonths: number; maxMonths: number };
  /** Standard versions a certificate may name. */
  standardVersions?: readonly string[];
  /** Longest validity, in months from the effective date; undefined: valid until revised. From the catalogue. */
  validityMonths?: number;
}

type Rules = Omit<EvidenceTypeRules, 'id' | 'name' | 'validityMonths'>;

/**
 * What each evidence type of the resource guide's catalogue needs. Names and validity periods come
 * from the catalogue itself (libs/frameworks, the evidence-type nodes), so the two cannot disagree.
 */
const RULES: Record<string, Rules> = {
  'model-card': { requires: ['issuer', 'scope'], effectiveFrom: 'issuedOn' },
  'system-card': { requires: ['issuer', 'scope'], effectiveFrom: 'issuedOn' },
  'card-addendum': { requires: ['issuer', 'scope'], effectiveFrom: 'issuedOn' },
  'sig-lite': { requires: ['issuer'], effectiveFrom: 'completedOn' },
  'caiq-lite': { requires: ['issuer'], effectiveFrom: 'completedOn' },
  'vsa-core': { requires: ['issuer'], effectiveFrom: 'completedOn' },
  'soc2-type1': { requires: ['issuer', 'scope'], effectiveFrom: 'reportDate' },
  'soc2-type2': { requires: ['issuer', 'scope'], effectiveFrom: 'periodEnd', period: { minMonths: 6, maxMonths: 12 } },
  'csa-star': { requires: ['issuer', 'scope'], effectiveFrom: 'reportDate' },
  'iso27001-soa': { requires: ['issuer', 'scope', 'standardVersion'], effectiveFrom: 'issuedOn', standardVersions: ['2013', '2022'] },
  'iso27001-certificate': { requires: ['issuer', 'scope', 'standardVersion'], effectiveFrom: 'issuedOn', standardVersions: ['2013', '2022'] },
  'iso42001-certificate': { requires: ['issuer', 'scope', 'standardVersion'], effectiveFrom: 'issuedOn', standardVersions: ['2023'] },
  'hipaa-report': { requires: ['issuer', 'scope'], effectiveFrom: 'reportDate' },
  'financial-model-risk': { requires: ['issuer', 'scope'], effectiveFrom: 'effectiveOn' },
  'medical-validation': { requires: ['issuer', 'scope'], effectiveFrom: 'effectiveOn' },
  'critical-infrastructure': { requires: ['issuer', 'scope'], effectiveFrom: 'effectiveOn' },
};

export const EVIDENCE_TYPES: ReadonlyMap<string, EvidenceTypeRules> = new Map(
  [...walkNodes(AI_RESOURCE_GUIDE.nodes)]
    .filter(({ node }) => node.kind === 'evidence-type')
    .map(({ node }) => {
      const rules = RULES[node.id];
      if (!rules) throw new Error(`evidence type ${node.id} of the catalogue has no metadata rules`);
      const months = node.attributes?.validityMonths;
      return [node.id, { id: node.id, name: node.name, ...rules, ...(typeof months === 'number' ? { validityMonths: months } : {}) }] as const;
    }),
);
