// TypeScript mirrors of contracts/events/*.schema.json. The schemas are the contract; these types
// only help producers and consumers write the same shape the validator will accept.

export interface IntegrationEnvelope<Type extends string = string, Data = unknown> {
  id: string;
  type: Type;
  schemaVersion: number;
  tenantId: string;
  streamId: string;
  streamVersion: number;
  occurredAt: string;
  correlationId: string;
  causationId: string;
  traceparent?: string;
  data: Data;
}

export interface AssessmentStartedV1 {
  assessmentId: string;
  frameworkId: string;
  frameworkVersion: string;
  startedAt: string;
}

/** v2: what is assessed and what is out of scope for it. */
export interface AssessmentStartedV2 {
  assessmentId: string;
  frameworkId: string;
  frameworkVersion: string;
  scope: { kind: 'programme' | 'system'; systemId?: string; systemVersion?: number };
  excludedNodes: string[];
  basedOn?: { assessmentId: string; kind: 'revision' | 'reassessment' };
  revision: number;
  startedAt: string;
}

export interface ScopeChangedV1 {
  assessmentId: string;
  frameworkId: string;
  frameworkVersion: string;
  systemVersion: number;
  excludedNodes: string[];
  changedAt: string;
}

export interface StatusChangedV1 {
  assessmentId: string;
  status: 'submitted' | 'in-review' | 'approved' | 'returned';
  changedAt: string;
}

export interface AnswerRecordedV1 {
  assessmentId: string;
  frameworkId: string;
  frameworkVersion: string;
  questionId: string;
  practiceId: string;
  value: number | null;
  recordedAt: string;
}

export interface TargetSetV1 {
  assessmentId: string;
  nodeId: string;
  target: number | null;
  setAt: string;
}

export interface PracticeMaturityCalculatedV1 {
  assessmentId: string;
  frameworkId: string;
  frameworkVersion: string;
  scoringModelId: string;
  scoringModelVersion: string;
  practiceId: string;
  maturity: number;
  answeredQuestions: number;
  answersApplied: number;
  sourceEventId: string;
  calculatedAt: string;
}

/** v2: any framework's answer on the node's own scale; no practice. */
export interface AnswerRecordedV2 {
  assessmentId: string;
  frameworkId: string;
  frameworkVersion: string;
  questionId: string;
  value: number | string | null;
  recordedAt: string;
}

/** A tenant's framework version, without node texts (they stay in the assessment service). */
export interface FrameworkImportedV1 {
  frameworkId: string;
  version: string;
  definition: unknown;
  importedAt: string;
}

export interface ScoreFigureV2 {
  score: number | null;
  min: number;
  max: number;
  answered: number;
  items: number;
}

export interface NodeScoreV2 extends ScoreFigureV2 {
  nodeId: string;
  parentId?: string;
  kind: string;
  name: string;
  position: number;
  outOfScope?: true;
}

/** v2: every changed node's score for any framework, each on its own scale, and the overall. */
export interface PracticeMaturityCalculatedV2 {
  assessmentId: string;
  frameworkId: string;
  frameworkVersion: string;
  scoringModelId: string;
  scoringModelVersion: string;
  nodes: NodeScoreV2[];
  overall: ScoreFigureV2;
  answeredQuestions: number;
  answersApplied: number;
  sourceEventId: string;
  calculatedAt: string;
}

/** The assured scores: the same model over only answers backed by verified, unexpired evidence. */
export interface AssuranceCalculatedV1 {
  assessmentId: string;
  frameworkId: string;
  frameworkVersion: string;
  scoringModelId: string;
  scoringModelVersion: string;
  cause: { kind: 'answer'; questionId: string } | { kind: 'scope' } | { kind: 'evidence'; evidenceId: string; change: string };
  backed: string[];
  nodes: NodeScoreV2[];
  overall: ScoreFigureV2;
  sourceEventId: string;
  calculatedAt: string;
}

export interface DerivationStepV1 {
  crosswalkId: string;
  from: string;
  to: string;
  relationship: 'equal' | 'subset-of' | 'superset-of' | 'intersects-with';
}

/** One value derived in another framework, with every path that reached it. */
export interface DerivedValueV1 {
  nodeId: string;
  attainment: number;
  status: 'implemented' | 'partial' | 'not-implemented';
  carriesMaturity: boolean;
  conflict: boolean;
  provenance: {
    source: { frameworkId: string; version: string; nodeId: string; attainment: number };
    path: DerivationStepV1[];
    relationship: DerivationStepV1['relationship'];
    full: boolean;
    attainment: number;
  }[];
}

/** Crosswalk-derived scores in other frameworks, from the claimed or the assured scores: derived, never entered. Per framework, only what changed. */
export interface DerivedScoresCalculatedV1 {
  assessmentId: string;
  frameworkId: string;
  frameworkVersion: string;
  basis: 'claimed' | 'assured';
  inference: { id: string; version: string };
  crosswalks: { id: string; version: string }[];
  frameworks: { frameworkId: string; frameworkVersion: string; changed: DerivedValueV1[]; removed: string[] }[];
  sourceEventId: string;
  calculatedAt: string;
}

/** Evidence contracts (contracts/events/evidence.*.v1): what scoring and reporting learn about evidence. */
export interface EvidenceValidityV1 {
  effectiveOn: string;
  expiresOn?: string;
  expiresAt?: string;
}
export interface EvidenceRecordedV1 {
  evidenceId: string;
  revision: number;
  typeId: string;
  validity: EvidenceValidityV1;
  sha256: string;
  contentType: string;
  recordedAt: string;
}
export interface EvidenceReviewedV1 {
  evidenceId: string;
  revision: number;
  outcome: 'verified' | 'rejected';
  reviewedAt: string;
}
export interface EvidenceValidityChangedV1 {
  evidenceId: string;
  revision: number;
  validity: EvidenceValidityV1;
  changedAt: string;
}
export interface EvidenceLinkV1 {
  evidenceId: string;
  assessmentId: string;
  nodeId: string;
  frameworkId: string;
  frameworkVersion: string;
}
export type EvidenceLinkedV1 = EvidenceLinkV1 & { linkedAt: string };
export type EvidenceUnlinkedV1 = EvidenceLinkV1 & { unlinkedAt: string };
export interface EvidenceExpiringV1 {
  evidenceId: string;
  revision: number;
  expiresAt: string;
  daysBefore: 30 | 7;
  remindedAt: string;
}
export interface EvidenceExpiredV1 {
  evidenceId: string;
  revision: number;
  expiresAt: string;
  expiredAt: string;
}

export const IntegrationEventTypes = {
  assessmentStarted: 'assessment.started',
  answerRecorded: 'assessment.answer-recorded',
  frameworkImported: 'assessment.framework-imported',
  scopeChanged: 'assessment.scope-changed',
  statusChanged: 'assessment.status-changed',
  targetSet: 'assessment.target-set',
  practiceMaturityCalculated: 'scoring.practice-maturity-calculated',
  assuranceCalculated: 'scoring.assurance-calculated',
  derivedScoresCalculated: 'scoring.derived-scores-calculated',
  evidenceRecorded: 'evidence.recorded',
  evidenceReviewed: 'evidence.reviewed',
  evidenceValidityChanged: 'evidence.validity-changed',
  evidenceLinked: 'evidence.linked',
  evidenceUnlinked: 'evidence.unlinked',
  evidenceExpiring: 'evidence.expiring',
  evidenceExpired: 'evidence.expired',
} as const;
