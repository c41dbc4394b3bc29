-- Which score event a row reflects, by its position in the assessment's scorecard stream (the
-- integration envelope's streamVersion). "Newer" used to mean a later calculatedAt, a timestamp
-- from whichever scoring instance ran: with clock skew between instances an older score could
-- overwrite a newer one. Stream versions are assigned by one compare-and-set per stream, so they
-- order the scores of an assessment whatever the clocks say.
-- Rows written before this migration start at 0: the next score event of their assessment (version
-- 1 or more) replaces them, which is the same outcome the timestamp rule gave for live traffic.
ALTER TABLE practice_scores ADD COLUMN stream_version integer NOT NULL DEFAULT 0;
ALTER TABLE scorecards ADD COLUMN stream_version integer NOT NULL DEFAULT 0;
