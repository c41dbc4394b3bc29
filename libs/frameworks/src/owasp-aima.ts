/**
 * OWASP AI Maturity Assessment 1.0 structure (CC BY-SA 4.0): 8 domains × 3 practices, streams A and
 * B, maturity levels 1–3, one question per stream-level → 144 questions. Names and structure are
 * public facts of the framework; question text arrives with the framework catalogue (issue 3).
 * Question ids read `<practice>-<stream><level>`, e.g. GOV-SM-A1.
 */
export const OWASP_AIMA = { id: 'owasp-aima', version: '1.0' } as const;

export interface AimaPractice {
  id: string;
  name: string;
  domainId: string;
}

export interface AimaDomain {
  id: string;
  name: string;
  practices: AimaPractice[];
}

const domain = (id: string, name: string, practices: [string, string][]): AimaDomain => ({
  id,
  name,
  practices: practices.map(([code, practiceName]) => ({ id: `${id}-${code}`, name: practiceName, domainId: id })),
});

export const AIMA_DOMAINS: readonly AimaDomain[] = [
  domain('RA', 'Responsible AI', [['ESI', 'Ethical & Societal Impact'], ['TE', 'Transparency & Explainability'], ['FB', 'Fairness & Bias']]),
  domain('GOV', 'Governance', [['SM', 'Strategy & Metrics'], ['PC', 'Policy & Compliance'], ['EA', 'Education & Awareness']]),
  domain('DM', 'Data Management', [['DQI', 'Data Quality & Integrity'], ['DGA', 'Data Governance & Accountability'], ['DT', 'Data Training']]),
  domain('PRIV', 'Privacy', [['DMPL', 'Data Minimization & Purpose Limitation'], ['PBD', 'Privacy by Design & Default'], ['UCT', 'User Control & Transparency']]),
  domain('DES', 'Design', [['TA', 'Threat Assessment'], ['SA', 'Security Architecture'], ['SR', 'Security Requirements']]),
  domain('IMP', 'Implementation', [['SB', 'Secure Build'], ['SD', 'Secure Deployment'], ['DM', 'Defect Management']]),
  domain('VER', 'Verification', [['ST', 'Security Testing'], ['RT', 'Requirement-based Testing'], ['AA', 'Architecture Assessment']]),
  domain('OPS', 'Operations', [['IM', 'Incident Management'], ['EM', 'Event Management'], ['OM', 'Operational Management']]),
];

export const AIMA_PRACTICES: readonly AimaPractice[] = AIMA_DOMAINS.flatMap((d) => d.practices);

export const AIMA_STREAMS = ['A', 'B'] as const;
export const AIMA_LEVELS = [1, 2, 3] as const;

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
