#!/usr/bin/env bash
# Stops what infra-up.sh started for the project: the Kafka broker and the S3-compatible test server. PostgreSQL and Redis belong to
# the machine and stay up; pass --purge to also drop the assay database and Kafka's data.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
bash "$ASSAY_ROOT/deploy/kafka/kafka.sh" stop
bash "$ASSAY_ROOT/deploy/s3/s3proxy.sh" stop
if [ "${1:-}" = "--purge" ]; then
  dropdb --if-exists "$ASSAY_DB"
  rm -rf "$ASSAY_INFRA_DIR/kafka/data" "$ASSAY_INFRA_DIR/s3/data"
  echo "[infra] purged database $ASSAY_DB and Kafka data" >&2
fi
