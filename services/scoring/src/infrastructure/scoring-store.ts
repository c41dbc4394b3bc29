import { PostgresEventStore } from '@assay/event-store';

export const SCORING_SCHEMA = 'scoring';
export const scoringStore = new PostgresEventStore(SCORING_SCHEMA);
export const scorecardStreamId = (assessmentId: string) => `scorecard-${assessmentId}`;
