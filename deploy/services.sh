#!/usr/bin/env bash
# Starts or stops the built services (dist/) as background processes, logs in .infra/logs.
#   services.sh start   start each service not yet running, wait until every one is ready
#   services.sh stop    SIGTERM (graceful: consumers commit, relays finish their batch), then wait
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
source "$ASSAY_ROOT/deploy/ensure-node.sh"
SERVICES=(assessment scoring reporting evidence)
RUN="$ASSAY_INFRA_DIR/run"; LOGS="$ASSAY_INFRA_DIR/logs"
mkdir -p "$RUN" "$LOGS"

port_of() { case "$1" in assessment) echo "$ASSESSMENT_PORT" ;; scoring) echo "$SCORING_PORT" ;; reporting) echo "$REPORTING_PORT" ;; evidence) echo "$EVIDENCE_PORT" ;; esac; }
running() { [ -f "$RUN/$1.pid" ] && kill -0 "$(cat "$RUN/$1.pid")" 2>/dev/null; }

start() {
  for svc in "${SERVICES[@]}"; do
    running "$svc" && continue
    nohup node --enable-source-maps "$ASSAY_ROOT/dist/services/$svc/src/main.js" >>"$LOGS/$svc.log" 2>&1 &
    echo $! >"$RUN/$svc.pid"
  done
  for svc in "${SERVICES[@]}"; do
    local port; port="$(port_of "$svc")"
    for _ in $(seq 1 120); do
      curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
      running "$svc" || { echo "[services] $svc exited; last log lines:" >&2; tail -n 20 "$LOGS/$svc.log" >&2; exit 1; }
      sleep 0.5
    done
    curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null || { echo "[services] $svc not ready" >&2; exit 1; }
    echo "[services] $svc ready on 127.0.0.1:$port (log: .infra/logs/$svc.log)" >&2
  done
}

stop() {
  for svc in "${SERVICES[@]}"; do
    running "$svc" || continue
    local pid; pid="$(cat "$RUN/$svc.pid")"
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -KILL "$pid" 2>/dev/null || true
    rm -f "$RUN/$svc.pid"
    echo "[services] $svc stopped" >&2
  done
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: services.sh start|stop" >&2; exit 2 ;;
esac
