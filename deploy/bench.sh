#!/usr/bin/env bash
# npm run bench: install, infrastructure, then the throughput benchmarks, the answer-latency run and
# the side-by-side with Emmett (not part of the tests).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
bash "$ASSAY_ROOT/deploy/install.sh"
bash "$ASSAY_ROOT/deploy/infra-up.sh"
source "$ASSAY_ROOT/deploy/ensure-node.sh"
node --enable-source-maps "$ASSAY_ROOT/dist/bench/run-benchmarks.js"
# Rebuilding reporting's read models from a 1,000,000-event log, against reading the log raw.
node --enable-source-maps "$ASSAY_ROOT/dist/services/reporting/src/rebuild/read-model-rebuild.bench.js"
# The latency run reads commit times (pg_xact_commit_timestamp): PostgreSQL records them only with
# track_commit_timestamp on, a setting that takes a restart (no service is running yet here).
if [ "$(psql -tAq -d postgres -c 'SHOW track_commit_timestamp')" != "on" ]; then
  echo "[bench] turning on PostgreSQL's track_commit_timestamp (restarts PostgreSQL)" >&2
  psql -q -d postgres -c "ALTER SYSTEM SET track_commit_timestamp = on"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n1)" main restart
  bash "$ASSAY_ROOT/deploy/infra-up.sh"
fi
# Each Kafka client's run in turn (KAFKA_CLIENT picks one).
for client in ${KAFKA_CLIENT:-kafkajs platformatic}; do
  KAFKA_CLIENT="$client" node --enable-source-maps "$ASSAY_ROOT/dist/bench/answer-latency.js"
done
# Side by side with Emmett's PostgreSQL event store. The peer is pinned by bench/emmett's own
# package.json and lock file, never the product's, and installed from them into .tools/bench-emmett:
# a node_modules under bench/ would be copied into dist/ by the build.
emmett_dir="$ASSAY_ROOT/.tools/bench-emmett"
if ! cmp -s "$ASSAY_ROOT/bench/emmett/package-lock.json" "$emmett_dir/package-lock.json" \
  || ! cmp -s "$ASSAY_ROOT/bench/emmett/package.json" "$emmett_dir/package.json" \
  || [ ! -f "$emmett_dir/node_modules/.package-lock.json" ]; then
  echo "[bench] npm ci of bench/emmett into .tools/bench-emmett (Node $(node --version))" >&2
  rm -rf "$emmett_dir" && mkdir -p "$emmett_dir"
  cp "$ASSAY_ROOT/bench/emmett/package.json" "$ASSAY_ROOT/bench/emmett/package-lock.json" "$emmett_dir/"
  (cd "$emmett_dir" && npm ci --no-audit --no-fund --loglevel=error)
fi
node --enable-source-maps "$ASSAY_ROOT/dist/bench/emmett/side-by-side.js"
