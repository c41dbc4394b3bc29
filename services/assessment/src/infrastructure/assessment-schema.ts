/** The assessment service's PostgreSQL schema: its event store and its read models. */
export const ASSESSMENT_SCHEMA = 'assessment';
