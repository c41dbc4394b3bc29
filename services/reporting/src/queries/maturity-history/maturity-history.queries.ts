import { HttpStatus } from '@nestjs/common';
import type { components } from '@assay/api-types/reporting';
import { FrameworkDefinition, nodePlaces, walkNodes } from '@assay/frameworks';
import { NotFoundProblem, ProblemError } from '@assay/service-kit';
import { compare } from '../../history/comparison';
import { Threat, gapsAndRoadmap } from '../../history/gaps-and-roadmap';
import { scopeSeries } from '../../history/scope-series';
import { PeriodKind, ScorePoint, trendOf } from '../../history/trend';
import { NodeChange, ScoreBasis, ScoreChange } from '../../read-models/history-entities';
import { HistorySource } from './history-source';
import { ComparisonView, NodeHistoryView, ScorecardAsOfView, nodeHistoryView, overallHistoryView, scopeOf, scorecardAsOfView, scoredNodes } from './history-views';

type Schemas = components['schemas'];

/** The latest instant a Date holds: "every change so far". */
export const END_OF_TIME = new Date(8.64e15);

export interface KnownAssessment {
  frameworkId: string;
  frameworkVersion: string;
  scope: Schemas['Scope'] | null;
}

export interface TrendQuery {
  frameworkId: string;
  scope: 'programme' | 'system';
  systemId: string | null;
  nodeId: string | null;
  period: PeriodKind;
  target: number | null;
  until: Date;
}

/** The framework definition behind an assessment, for its threats; undefined when unknown. */
export type DefinitionLookup = (frameworkId: string, version: string) => Promise<FrameworkDefinition | undefined>;

// The sources run one query at a time (a transaction is one connection), so queries are awaited in turn.

/** The assessment as the history knows it; 404 if neither its start nor a score of it was seen. */
export async function knownAssessment(history: HistorySource, assessmentId: string): Promise<KnownAssessment> {
  const assessment = await history.assessment(assessmentId);
  if (assessment) return { frameworkId: assessment.frameworkId, frameworkVersion: assessment.frameworkVersion, scope: scopeOf(assessment) };
  // Scores can arrive before the start (they come on another topic).
  const first = await history.overallSeries(assessmentId, END_OF_TIME);
  if (first.length === 0) throw new NotFoundProblem(`assessment ${assessmentId}`);
  return { frameworkId: first[0].frameworkId, frameworkVersion: first[0].frameworkVersion, scope: null };
}

export async function scorecardAsOf(history: HistorySource, assessmentId: string, asOf: Date): Promise<ScorecardAsOfView> {
  const known = await knownAssessment(history, assessmentId);
  const scores = await history.scoresAsOf(assessmentId, asOf);
  const nodes = await history.nodesAsOf(assessmentId, asOf);
  return scorecardAsOfView(assessmentId, asOf, known, scores, nodes);
}

export async function nodeHistory(history: HistorySource, assessmentId: string, nodeId: string | null, until = END_OF_TIME): Promise<NodeHistoryView> {
  await knownAssessment(history, assessmentId);
  const overall = await history.overallSeries(assessmentId, until);
  if (nodeId === null) return overallHistoryView(assessmentId, overall);
  const changes = await history.nodeSeries(assessmentId, nodeId, until);
  if (changes.length === 0) throw new NotFoundProblem(`node ${nodeId} in the scores of assessment ${assessmentId}`);
  return nodeHistoryView(assessmentId, nodeId, changes, new Map(overall.map((c) => [`${c.basis}:${c.streamVersion}`, c.cause])));
}

export async function roadmap(history: HistorySource, definitionOf: DefinitionLookup, assessmentId: string, asOf: Date): Promise<Schemas['Roadmap']> {
  const card = await knownAssessment(history, assessmentId);
  const nodes = await history.nodesAsOf(assessmentId, asOf);
  const targets = await history.targetsAsOf(assessmentId, asOf);
  const scored = scoredNodes(nodes);
  const definition = await definitionOf(card.frameworkId, card.frameworkVersion);
  const result = gapsAndRoadmap(scored, targets, threatsOf(definition, new Set(scored.filter((n) => n.outOfScope).map((n) => n.nodeId))));
  return { assessmentId, asOf: asOf.toISOString(), frameworkId: card.frameworkId, frameworkVersion: card.frameworkVersion, ...result };
}

export async function comparison(history: HistorySource, assessmentId: string, baselineId: string, asOf: Date): Promise<ComparisonView> {
  const current = await history.assessment(assessmentId);
  const baseline = await history.assessment(baselineId);
  if (!current) throw new NotFoundProblem(`assessment ${assessmentId}`);
  if (!baseline) throw new NotFoundProblem(`assessment ${baselineId}`);
  if (current.frameworkId !== baseline.frameworkId || current.scopeKind !== baseline.scopeKind || current.systemId !== baseline.systemId) {
    throw new ProblemError(HttpStatus.UNPROCESSABLE_ENTITY, 'different-scope', 'Assessments of different scopes', 'only assessments of the same framework and the same scope (programme, or one AI system) compare');
  }
  const nodesNow = await history.nodesAsOf(assessmentId, asOf);
  const nodesBefore = await history.nodesAsOf(baselineId, asOf);
  const scoresNow = await history.scoresAsOf(assessmentId, asOf);
  const scoresBefore = await history.scoresAsOf(baselineId, asOf);
  const figures = (scores: typeof scoresNow) => ({ claimed: scores.get('claimed')?.overallScore ?? null, assured: scores.get('assured')?.overallScore ?? null });
  const result = compare(scoredNodes(nodesNow), scoredNodes(nodesBefore), { current: figures(scoresNow), baseline: figures(scoresBefore) });
  return { assessmentId, baselineAssessmentId: baselineId, frameworkId: current.frameworkId, asOf: asOf.toISOString(), ...result };
}

export async function trend(history: HistorySource, query: TrendQuery): Promise<Schemas['MaturityTrend']> {
  const assessments = await history.scopeAssessments(query.frameworkId, query.scope, query.systemId);
  if (assessments.length === 0) throw new NotFoundProblem(`an assessment of ${query.frameworkId} for this scope`);
  const series: { assessment: (typeof assessments)[number]; changes: (ScoreChange | NodeChange)[] }[] = [];
  for (const assessment of assessments) {
    const changes = query.nodeId ? await history.nodeSeries(assessment.assessmentId, query.nodeId, query.until) : await history.overallSeries(assessment.assessmentId, query.until);
    series.push({ assessment, changes });
  }
  const latest = assessments[assessments.length - 1];
  const target = query.target ?? (query.nodeId ? ((await history.targetsAsOf(latest.assessmentId, query.until)).get(query.nodeId) ?? null) : null);
  const trendOfBasis = (basis: ScoreBasis): Schemas['Trend'] => {
    const t = trendOf(scopeSeries(series.map((s) => ({ assessmentId: s.assessment.assessmentId, startedAt: s.assessment.startedAt, points: pointsOf(s.changes, basis) }))), {
      period: query.period,
      until: query.until,
      target,
    });
    return { ...t, periods: t.periods.map((p) => ({ ...p, start: p.start.toISOString(), end: p.end.toISOString() })) };
  };
  return { frameworkId: query.frameworkId, scope: scopeOf(latest), nodeId: query.nodeId, assessments: assessments.map((a) => a.assessmentId), claimed: trendOfBasis('claimed'), assured: trendOfBasis('assured') };
}

/** One basis of an overall or node series, in time order. */
function pointsOf(changes: (ScoreChange | NodeChange)[], basis: ScoreBasis): ScorePoint[] {
  return changes
    .filter((c) => c.basis === basis)
    .map((c) => ({ at: c.effectiveAt, score: 'overallScore' in c ? c.overallScore : c.score }))
    .sort((x, y) => x.at.getTime() - y.at.getTime());
}

/** A threat applies unless the assessed system's scope excluded it; it is mitigated under each of its controls' ancestors. */
function threatsOf(definition: FrameworkDefinition | undefined, outOfScope: Set<string>): Threat[] {
  if (!definition) return [];
  const places = nodePlaces(definition);
  const threats: Threat[] = [];
  for (const { node } of walkNodes(definition.nodes)) {
    if (node.kind !== 'threat') continue;
    const mitigatedUnder = new Set<string>();
    for (const control of (node.attributes?.controls as string[] | undefined) ?? []) {
      for (let at: string | undefined = control; at && !mitigatedUnder.has(at); at = places.get(at)?.parentId) mitigatedUnder.add(at);
    }
    threats.push({ threatId: node.id, mitigatedUnder, applicable: !outOfScope.has(node.id) });
  }
  return threats;
}
