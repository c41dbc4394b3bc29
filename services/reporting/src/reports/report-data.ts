import type { components } from '@assay/api-types/reporting';
import { HistorySource } from '../queries/maturity-history/history-source';
import { DefinitionLookup, nodeHistory, roadmap, scorecardAsOf, trend } from '../queries/maturity-history/maturity-history.queries';

type Schemas = components['schemas'];

export interface Branding {
  name: string;
  /** A data: URI (PNG, JPEG or SVG), or none. */
  logo: string | null;
  colours: { primary: string; accent: string };
}

export const DEFAULT_BRANDING: Branding = { name: 'Assay', logo: null, colours: { primary: '#1f3a5f', accent: '#e07a1f' } };

/** What every format of a report shows; a pure function of its events, branding and instant. */
export interface ReportData {
  title: string;
  branding: Branding;
  asOf: string;
  /** The received-event streams and their versions the report was built from. */
  positions: Record<string, number>;
  scorecard: Schemas['ScorecardAsOf'];
  roadmap: Schemas['Roadmap'];
  history: Schemas['NodeHistory'];
  trend: Schemas['MaturityTrend'] | null;
}

export async function reportData(
  history: HistorySource,
  definitionOf: DefinitionLookup,
  input: { assessmentId: string; asOf: Date; branding: Branding; positions: Record<string, number> },
): Promise<ReportData> {
  const { assessmentId, asOf } = input;
  // In one key order whatever they came from (a first build has them fresh, a rebuild from jsonb,
  // which orders keys its own way), so the same inputs are the same bytes.
  const branding: Branding = { name: input.branding.name, logo: input.branding.logo, colours: { primary: input.branding.colours.primary, accent: input.branding.colours.accent } };
  const positions = Object.fromEntries(Object.entries(input.positions).sort(([a], [b]) => (a < b ? -1 : 1)));
  const scorecard = await scorecardAsOf(history, assessmentId, asOf);
  const assessment = await history.assessment(assessmentId);
  const scope = assessment ? { kind: assessment.scopeKind, systemId: assessment.systemId } : null;
  return {
    title: `${branding.name}: ${scorecard.frameworkId} ${scorecard.frameworkVersion} maturity report`,
    branding,
    asOf: asOf.toISOString(),
    positions,
    scorecard,
    roadmap: await roadmap(history, definitionOf, assessmentId, asOf),
    history: await nodeHistory(history, assessmentId, null, asOf),
    trend: scope
      ? await trend(history, { frameworkId: scorecard.frameworkId, scope: scope.kind, systemId: scope.systemId, nodeId: null, period: 'quarter', target: null, until: asOf })
      : null,
  };
}
