import { AIMA_DOMAINS } from '@assay/frameworks';
import { ScorecardView } from './get-scorecard.query';

export interface ScorecardRow {
  assessment_id: string;
  framework_id: string;
  framework_version: string;
  scoring_model_id: string;
  scoring_model_version: string;
  answered_questions: number;
  answers_applied: number;
  score_events_applied: number;
  updated_at: Date;
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/**
 * Shapes the read model as the AIMA report does: every practice listed (unscored ones at 0, as in
 * the toolkit's Results sheet), domain maturity as the mean of its practices, overall as their mean.
 */
export function toScorecardView(row: ScorecardRow, maturities: Map<string, number>): ScorecardView {
  const domains = AIMA_DOMAINS.map((domain) => {
    const practices = domain.practices.map((p) => ({ practiceId: p.id, name: p.name, maturity: maturities.get(p.id) ?? 0 }));
    return { domainId: domain.id, name: domain.name, maturity: mean(practices.map((p) => p.maturity)), practices };
  });
  return {
    assessmentId: row.assessment_id,
    frameworkId: row.framework_id,
    frameworkVersion: row.framework_version,
    scoringModelId: row.scoring_model_id,
    scoringModelVersion: row.scoring_model_version,
    answeredQuestions: row.answered_questions,
    answersApplied: row.answers_applied,
    scoreEventsApplied: row.score_events_applied,
    updatedAt: row.updated_at.toISOString(),
    overallMaturity: mean(domains.flatMap((d) => d.practices.map((p) => p.maturity))),
    domains,
  };
}
