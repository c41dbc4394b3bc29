#!/usr/bin/env bash
# The whole test suite on a fresh machine: install, infrastructure, then every tier in order.
# Unit specs need nothing; integration specs use the real PostgreSQL, Redis and Kafka; e2e and
# fault specs start the built services as processes (they stop any demo services first).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
bash "$ASSAY_ROOT/deploy/install.sh"
bash "$ASSAY_ROOT/deploy/infra-up.sh"
bash "$ASSAY_ROOT/deploy/services.sh" stop
source "$ASSAY_ROOT/deploy/ensure-node.sh"
cd "$ASSAY_ROOT"
echo "[test] typecheck and module boundaries" >&2
npm run -s typecheck
npm run -s lint
# docker-compose.yml must stay valid; checked where a compose client is installed (no engine needed).
if docker compose version >/dev/null 2>&1; then ASSAY_JWT_SECRET=check docker compose config -q
elif command -v docker-compose >/dev/null; then ASSAY_JWT_SECRET=check docker-compose config -q
fi
echo "[test] unit, integration, end-to-end and fault specs" >&2
npx jest --ci --runInBand "$@"
