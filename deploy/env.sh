#!/usr/bin/env bash
# Defaults shared by every script and service; any of them can be overridden from the environment.
ASSAY_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ASSAY_ROOT
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
export ASSAY_DB="${ASSAY_DB:-assay}"
# The services reach a PostgreSQL on this machine through its Unix socket when it has one: the same
# server and roles, without the TCP loopback stack. At 300 answers/s that stack cost the three
# services and PostgreSQL a large share of the two cores (see README, latency). Only when the socket
# leads to the same server (its data directory) and lets every role in as TCP does here (every
# `local` rule of pg_hba is trust; a `peer` rule would refuse the services' roles).
pg_socket_dir=/var/run/postgresql
pg_same_server_over_socket() {
  command -v psql >/dev/null && [ -S "$pg_socket_dir/.s.PGSQL.$PGPORT" ] || return 1
  local q="SELECT current_setting('data_directory') || ':' || count(*) FILTER (WHERE type = 'local' AND auth_method <> 'trust') FROM pg_hba_file_rules"
  local via_socket via_tcp
  via_socket="$(psql -h "$pg_socket_dir" -p "$PGPORT" -U "$PGUSER" -d postgres -tAXqc "$q" 2>/dev/null)" || return 1
  via_tcp="$(psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d postgres -tAXqc "$q" 2>/dev/null)" || return 1
  [ -n "$via_socket" ] && [ "$via_socket" = "$via_tcp" ] && [ "${via_socket##*:}" = 0 ]
}
if [ -z "${ASSAY_ADMIN_DATABASE_URL:-}" ] && [ "$PGHOST" = 127.0.0.1 ] && pg_same_server_over_socket; then
  export ASSAY_ADMIN_DATABASE_URL="postgres://postgres@localhost:$PGPORT/$ASSAY_DB?host=$pg_socket_dir"
fi
export ASSAY_ADMIN_DATABASE_URL="${ASSAY_ADMIN_DATABASE_URL:-postgres://postgres@127.0.0.1:$PGPORT/$ASSAY_DB}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:9092}"
export KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
export ASSAY_INFRA_DIR="${ASSAY_INFRA_DIR:-$ASSAY_ROOT/.infra}"
export ASSESSMENT_PORT="${ASSESSMENT_PORT:-3001}" SCORING_PORT="${SCORING_PORT:-3002}" REPORTING_PORT="${REPORTING_PORT:-3003}" EVIDENCE_PORT="${EVIDENCE_PORT:-3004}"
export ASSAY_S3_PORT="${ASSAY_S3_PORT:-9090}"
