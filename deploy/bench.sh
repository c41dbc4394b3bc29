#!/usr/bin/env bash
# npm run bench: install, infrastructure, then the throughput benchmarks and the answer-latency run (not part of the tests).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
bash "$ASSAY_ROOT/deploy/install.sh"
bash "$ASSAY_ROOT/deploy/infra-up.sh"
source "$ASSAY_ROOT/deploy/ensure-node.sh"
node --enable-source-maps "$ASSAY_ROOT/dist/bench/run-benchmarks.js"
node --enable-source-maps "$ASSAY_ROOT/dist/bench/answer-latency.js"
