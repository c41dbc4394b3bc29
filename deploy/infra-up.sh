#!/usr/bin/env bash
# Brings up the local infrastructure on loopback: PostgreSQL and Redis (the machine's own, started
# if stopped), the `assay` database, and a single-node Kafka broker. Idempotent.
# Service schemas and roles are provisioned by each service at start (libs/postgres).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

log() { echo "[infra] $*" >&2; }

ensure_postgres() {
  if ! pg_isready -q -h "$PGHOST" -p "$PGPORT"; then
    log "starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n1)" main start
    for _ in $(seq 1 60); do pg_isready -q -h "$PGHOST" -p "$PGPORT" && break; sleep 0.5; done
  fi
  pg_isready -q -h "$PGHOST" -p "$PGPORT" || { log "PostgreSQL is not reachable"; exit 1; }
  if ! psql -tAq -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$ASSAY_DB'" | grep -q 1; then
    log "creating database $ASSAY_DB"
    createdb "$ASSAY_DB"
  fi
  # A fault spec makes the cluster read-only for a while (as after a failover); if it was killed
  # in that window, the setting would outlive it. Writable is how this machine's cluster should be.
  if [ "$(psql -tAq -d postgres -c "SELECT setting FROM pg_settings WHERE name = 'default_transaction_read_only'")" = "on" ]; then
    log "PostgreSQL was left read-only; resetting"
    psql -q -d postgres -c "ALTER SYSTEM RESET default_transaction_read_only" -c "SELECT pg_reload_conf()" >/dev/null
  fi
  log "PostgreSQL ready ($PGHOST:$PGPORT/$ASSAY_DB)"
}

ensure_redis() {
  if ! redis-cli -u "$REDIS_URL" ping >/dev/null 2>&1; then
    log "starting Redis"
    mkdir -p /var/lib/redis /var/log/redis
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
      --dir /var/lib/redis --logfile /var/log/redis/ci.log
    for _ in $(seq 1 40); do redis-cli -u "$REDIS_URL" ping >/dev/null 2>&1 && break; sleep 0.25; done
  fi
  redis-cli -u "$REDIS_URL" ping >/dev/null || { log "Redis is not reachable"; exit 1; }
  log "Redis ready ($REDIS_URL)"
}

ensure_postgres
ensure_redis
bash "$ASSAY_ROOT/deploy/kafka/kafka.sh" start
bash "$ASSAY_ROOT/deploy/s3/s3proxy.sh" start

# Schemas, roles, migrations and topics, once the project is built (deploy/install.sh).
if [ -d "$ASSAY_ROOT/dist/services" ]; then
  source "$ASSAY_ROOT/deploy/ensure-node.sh"
  for svc in assessment scoring reporting evidence; do node "$ASSAY_ROOT/dist/services/$svc/src/provision.js"; done
fi
