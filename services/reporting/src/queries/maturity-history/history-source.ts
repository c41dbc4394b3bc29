import { HistoryAssessment, NodeChange, ScoreBasis, ScoreChange } from '../../read-models/history-entities';

/**
 * Where the maturity history is read from: the history tables (HistoryRepository, for the API) or
 * a report's own events up to its recorded stream positions (InMemoryHistory). The queries over it
 * are written once (maturity-history.queries.ts), so a report says what the API says.
 * "As of T": the last change, in scorecard-stream order, that took effect at or before T.
 */
export interface HistorySource {
  assessment(assessmentId: string): Promise<HistoryAssessment | null>;
  /** Every assessment of one scope and framework, oldest start first. */
  scopeAssessments(frameworkId: string, scopeKind: 'programme' | 'system', systemId: string | null): Promise<HistoryAssessment[]>;
  scoresAsOf(assessmentId: string, at: Date): Promise<Map<ScoreBasis, ScoreChange>>;
  nodesAsOf(assessmentId: string, at: Date): Promise<NodeChange[]>;
  /** The overall score's changes up to `until`, in stream order. */
  overallSeries(assessmentId: string, until: Date): Promise<ScoreChange[]>;
  nodeSeries(assessmentId: string, nodeId: string, until: Date): Promise<NodeChange[]>;
  targetsAsOf(assessmentId: string, at: Date): Promise<Map<string, number>>;
}
