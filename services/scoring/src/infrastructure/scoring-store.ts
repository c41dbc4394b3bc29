import { PostgresEventStore, StreamStateCache } from '@assay/event-store';
import { ScorecardState } from '../domain/scorecard.decider';

export const SCORING_SCHEMA = 'scoring';
export const scoringStore = new PostgresEventStore(SCORING_SCHEMA);
export const scorecardStreamId = (assessmentId: string) => `scorecard-${assessmentId}`;
/** Recently used scorecards' state, so applying an answer does not replay the stream (see StreamStateCache). */
export const scorecardStates = new StreamStateCache<ScorecardState>();
