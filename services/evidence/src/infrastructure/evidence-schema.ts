export const EVIDENCE_SCHEMA = 'evidence';
