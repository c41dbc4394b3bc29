-- Even a misused relay session cannot delete a recent inbox row (which would let a redelivery
-- apply twice): retention pruning only ever needs rows older than a day.
DROP POLICY inbox_retention_deletes ON inbox;
CREATE POLICY inbox_retention_deletes ON inbox FOR DELETE TO ${relay} USING (processed_at < now() - interval '1 day');
