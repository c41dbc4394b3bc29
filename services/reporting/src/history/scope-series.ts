import { ScorePoint } from './trend';

/**
 * One scope's score over time across its assessments (last year's, this year's re-assessment…):
 * at each instant, the score of the most recently started assessment that has a score by then.
 * A new assessment takes over from its first score, so a fresh re-assessment with nothing answered
 * yet does not drop the scope to nothing. Pure.
 */
export interface AssessmentSeries {
  assessmentId: string;
  startedAt: Date;
  /** In time order. */
  points: ScorePoint[];
}

export function scopeSeries(assessments: AssessmentSeries[]): ScorePoint[] {
  const ordered = [...assessments].sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime() || a.assessmentId.localeCompare(b.assessmentId));
  const instants = [...new Set(ordered.flatMap((a) => a.points.map((p) => p.at.getTime())))].sort((a, b) => a - b);
  const out: ScorePoint[] = [];
  for (const instant of instants) {
    let score: number | null | undefined;
    for (let i = ordered.length - 1; i >= 0 && score === undefined; i--) {
      const seen = ordered[i].points.filter((p) => p.at.getTime() <= instant);
      if (seen.length) score = seen[seen.length - 1].score;
    }
    if (score !== undefined && out[out.length - 1]?.score !== score) out.push({ at: new Date(instant), score });
  }
  return out;
}
