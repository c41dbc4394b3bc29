-- The relays are woken by the appending process after its commit (append-signal.ts), no longer by
-- a NOTIFY inside every appending transaction: PostgreSQL serialises the commits of transactions
-- that notified on one global lock, and concurrent appends lost a third of their rate to it.
DROP TRIGGER events_appended ON events;
DROP FUNCTION notify_events_appended();
