#!/usr/bin/env bash
# One command on a fresh machine: install, start infrastructure and services, run the seeded demo.
# Services keep running afterwards (stop them with deploy/services.sh stop; Kafka with deploy/infra-down.sh).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
bash "$ASSAY_ROOT/deploy/install.sh"
bash "$ASSAY_ROOT/deploy/infra-up.sh"
bash "$ASSAY_ROOT/deploy/services.sh" start
source "$ASSAY_ROOT/deploy/ensure-node.sh"
node --enable-source-maps "$ASSAY_ROOT/dist/deploy/tools/demo.js"
