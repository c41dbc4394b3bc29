-- Wakes the schema's relays right after a commit that appended events (issue "Spine throughput and
-- latency", point 4): NOTIFY is delivered on commit, so a relay publishes at once instead of on its
-- next poll; polling stays as the fallback. One notification per statement, and PostgreSQL folds
-- identical notifications of one transaction into one.
CREATE FUNCTION notify_events_appended() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify(TG_TABLE_SCHEMA || '_events_appended', '');
  RETURN NULL;
END $$;
CREATE TRIGGER events_appended AFTER INSERT ON events
  FOR EACH STATEMENT EXECUTE FUNCTION notify_events_appended();
