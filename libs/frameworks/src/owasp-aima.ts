/**
 * OWASP AI Maturity Assessment 1.0 structure (CC BY-SA 4.0): 8 domains × 3 practices, streams A and
 * B, maturity levels 1–3, one question per stream-level → 144 questions. Names and structure are
 * public facts of the framework; stream names and question texts are written by Assay (catalogue/owasp-aima-1.0.ts).
 * Question ids read `<practice>-<stream><level>`, e.g. GOV-SM-A1.
 */
export const OWASP_AIMA = { id: 'owasp-aima', version: '1.0' } as const;

export interface AimaPractice {
  id: string;
  name: string;
  domainId: string;
  /** Names of streams A and B, in our words. */
  streams: [string, string];
}

export interface AimaDomain {
  id: string;
  name: string;
  practices: AimaPractice[];
}

const domain = (id: string, name: string, practices: [string, string, string, string][]): AimaDomain => ({
  id,
  name,
  practices: practices.map(([code, practiceName, a, b]) => ({ id: `${id}-${code}`, name: practiceName, domainId: id, streams: [a, b] })),
});

export const AIMA_DOMAINS: readonly AimaDomain[] = [
  domain('RA', 'Responsible AI', [
    ['ESI', 'Ethical & Societal Impact', 'Impact assessment', 'Ethical decision-making'],
    ['TE', 'Transparency & Explainability', 'Explainability methods', 'Transparency communication'],
    ['FB', 'Fairness & Bias', 'Bias identification', 'Bias mitigation'],
  ]),
  domain('GOV', 'Governance', [
    ['SM', 'Strategy & Metrics', 'AI strategy', 'Metrics and measurement'],
    ['PC', 'Policy & Compliance', 'Policy management', 'Compliance management'],
    ['EA', 'Education & Awareness', 'Training', 'Awareness and culture'],
  ]),
  domain('DM', 'Data Management', [
    ['DQI', 'Data Quality & Integrity', 'Data quality controls', 'Data integrity and lineage'],
    ['DGA', 'Data Governance & Accountability', 'Data ownership', 'Data accountability and oversight'],
    ['DT', 'Data Training', 'Training data sourcing', 'Training data management'],
  ]),
  domain('PRIV', 'Privacy', [
    ['DMPL', 'Data Minimization & Purpose Limitation', 'Data minimisation', 'Purpose limitation'],
    ['PBD', 'Privacy by Design & Default', 'Privacy engineering', 'Privacy-protective defaults'],
    ['UCT', 'User Control & Transparency', 'Individual rights and control', 'Privacy transparency'],
  ]),
  domain('DES', 'Design', [
    ['TA', 'Threat Assessment', 'Threat modelling', 'Risk profiling'],
    ['SA', 'Security Architecture', 'Architecture design', 'Technology management'],
    ['SR', 'Security Requirements', 'Requirements definition', 'Supplier security'],
  ]),
  domain('IMP', 'Implementation', [
    ['SB', 'Secure Build', 'Build process', 'Software and model dependencies'],
    ['SD', 'Secure Deployment', 'Deployment process', 'Secret and configuration management'],
    ['DM', 'Defect Management', 'Defect tracking', 'Metrics and feedback'],
  ]),
  domain('VER', 'Verification', [
    ['ST', 'Security Testing', 'Automated security testing', 'Adversarial and manual testing'],
    ['RT', 'Requirement-based Testing', 'Control verification', 'Misuse and abuse testing'],
    ['AA', 'Architecture Assessment', 'Architecture validation', 'Architecture compliance'],
  ]),
  domain('OPS', 'Operations', [
    ['IM', 'Incident Management', 'Incident detection', 'Incident response'],
    ['EM', 'Event Management', 'Monitoring and logging', 'Event analysis'],
    ['OM', 'Operational Management', 'Model operations', 'Lifecycle and retirement'],
  ]),
];

export const AIMA_PRACTICES: readonly AimaPractice[] = AIMA_DOMAINS.flatMap((d) => d.practices);

export const AIMA_STREAMS = ['A', 'B'] as const;
export const AIMA_LEVELS = [1, 2, 3] as const;

/** A practice's six questions in the toolkit's row order: A1, B1, A2, B2, A3, B3. */
export function aimaQuestionIdsOf(practiceId: string): string[] {
  return AIMA_LEVELS.flatMap((level) => AIMA_STREAMS.map((stream) => `${practiceId}-${stream}${level}`));
}

export const AIMA_QUESTION_IDS: readonly string[] = AIMA_PRACTICES.flatMap((p) =>
  AIMA_STREAMS.flatMap((s) => AIMA_LEVELS.map((l) => `${p.id}-${s}${l}`)),
);

const QUESTION_ID = /^([A-Z]+-[A-Z]+)-([AB])([123])$/;
const PRACTICE_IDS = new Set(AIMA_PRACTICES.map((p) => p.id));

/** The practice a question belongs to, or undefined when the id is not an AIMA 1.0 question. */
export function aimaPracticeOf(questionId: string): string | undefined {
  const match = QUESTION_ID.exec(questionId);
  return match && PRACTICE_IDS.has(match[1]) ? match[1] : undefined;
}
