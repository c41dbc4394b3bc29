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
if docker compose version >/dev/null 2>&1; then ASSAY_JWT_SECRET=check ASSAY_MASTER_KEY=check docker compose config -q
elif command -v docker-compose >/dev/null; then ASSAY_JWT_SECRET=check ASSAY_MASTER_KEY=check docker-compose config -q
fi
default_client="$(node -p "require('./dist/libs/messaging/src/kafka-client-choice.js').kafkaClientFromEnv()")"
echo "[test] unit, integration, end-to-end and fault specs (Kafka client: $default_client)" >&2
npx jest --ci --runInBand "$@"
# Both Kafka clients stand behind the messaging port, so the specs of the consuming and publishing
# runtime and every fault spec run on the other one too (a whole run when no specs were named).
if [ $# -eq 0 ]; then
  other_client="$(node -p "const c = require('./dist/libs/messaging/src/kafka-client-choice.js'); c.otherKafkaClient(c.kafkaClientFromEnv())")"
  echo "[test] messaging integration and fault specs again (Kafka client: $other_client)" >&2
  KAFKA_CLIENT="$other_client" npx jest --ci --runInBand --selectProjects int fault --testPathPatterns 'libs/messaging/src/' 'libs/service-kit/src/' 'test/fault/'
fi
