import { IntegrationEnvelope, IntegrationEventTypes as T } from '@assay/contracts';
import type { HistorySource } from '../queries/maturity-history/history-source';
import { HistoryAssessment, NodeChange, NodeTarget, ScoreBasis, ScoreChange } from '../read-models/history-entities';
import { assessmentRow, scoreRows, targetRow } from '../read-models/history-rows';

const latestFirst = <R extends { streamVersion: number }>(a: R, b: R) => b.streamVersion - a.streamVersion;

/**
 * The maturity history of a set of events, held in memory: what a report is built from, so that
 * it depends only on the events up to its recorded stream positions. Same reading of events as the
 * live tables (history-rows.ts), same "as of" rule as HistoryRepository.
 */
export class InMemoryHistory implements HistorySource {
  private readonly assessments = new Map<string, HistoryAssessment>();
  private readonly changes: ScoreChange[] = [];
  private readonly nodeChanges: NodeChange[] = [];
  private readonly targets: NodeTarget[] = [];

  /** `events` in log order (as the live tables applied them). */
  constructor(events: IntegrationEnvelope[]) {
    const seen = new Set<string>();
    for (const e of events) {
      if (e.type === T.assessmentStarted) this.assessments.set(assessmentRow(e).assessmentId, assessmentRow(e));
      else if (e.type === T.targetSet) this.targets.push(targetRow(e));
      else if ((e.type === T.practiceMaturityCalculated && e.schemaVersion === 2) || e.type === T.assuranceCalculated) {
        const { change, nodes } = scoreRows(e);
        const key = `${change.assessmentId}:${change.basis}:${change.streamVersion}`;
        if (seen.has(key)) continue;
        seen.add(key);
        this.changes.push(change);
        this.nodeChanges.push(...nodes);
      }
    }
  }

  async assessment(assessmentId: string): Promise<HistoryAssessment | null> {
    return this.assessments.get(assessmentId) ?? null;
  }

  async scopeAssessments(frameworkId: string, scopeKind: 'programme' | 'system', systemId: string | null): Promise<HistoryAssessment[]> {
    return [...this.assessments.values()]
      .filter((a) => a.frameworkId === frameworkId && a.scopeKind === scopeKind && (!systemId || a.systemId === systemId))
      .sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime() || (a.assessmentId < b.assessmentId ? -1 : 1));
  }

  async scoresAsOf(assessmentId: string, at: Date): Promise<Map<ScoreBasis, ScoreChange>> {
    const out = new Map<ScoreBasis, ScoreChange>();
    for (const c of this.changes.filter((c) => c.assessmentId === assessmentId && c.effectiveAt <= at).sort(latestFirst)) if (!out.has(c.basis)) out.set(c.basis, c);
    return out;
  }

  async nodesAsOf(assessmentId: string, at: Date): Promise<NodeChange[]> {
    const out = new Map<string, NodeChange>();
    for (const n of this.nodeChanges.filter((n) => n.assessmentId === assessmentId && n.effectiveAt <= at).sort(latestFirst)) {
      const key = `${n.basis}:${n.nodeId}`;
      if (!out.has(key)) out.set(key, n);
    }
    return [...out.values()];
  }

  async overallSeries(assessmentId: string, until: Date): Promise<ScoreChange[]> {
    return this.changes.filter((c) => c.assessmentId === assessmentId && c.effectiveAt <= until).sort((a, b) => a.streamVersion - b.streamVersion);
  }

  async nodeSeries(assessmentId: string, nodeId: string, until: Date): Promise<NodeChange[]> {
    return this.nodeChanges.filter((n) => n.assessmentId === assessmentId && n.nodeId === nodeId && n.effectiveAt <= until).sort((a, b) => a.streamVersion - b.streamVersion);
  }

  async targetsAsOf(assessmentId: string, at: Date): Promise<Map<string, number>> {
    const latest = new Map<string, NodeTarget>();
    for (const t of this.targets.filter((t) => t.assessmentId === assessmentId && t.setAt <= at).sort(latestFirst)) if (!latest.has(t.nodeId)) latest.set(t.nodeId, t);
    return new Map([...latest.values()].filter((t) => t.target !== null).map((t) => [t.nodeId, t.target!]));
  }
}
