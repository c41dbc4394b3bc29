#!/usr/bin/env bash
# Single-node Apache Kafka (KRaft) on loopback, from the official jars on Maven Central.
#   kafka.sh start   resolve jars (once), format storage (once), start, wait until it accepts clients
#   kafka.sh stop    stop it and wait until the process is gone
#   kafka.sh status  exit 0 when it is running
# Every command is idempotent. Data lives in .infra/kafka (git-ignored).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../env.sh"
KAFKA_HOME="$ASSAY_INFRA_DIR/kafka"
LIBS="$KAFKA_HOME/libs"
PIDFILE="$KAFKA_HOME/kafka.pid"
CONF="$KAFKA_HOME/server.properties"
BROKER_PORT="${KAFKA_BROKERS##*:}"

log() { echo "[kafka] $*" >&2; }

source "$ASSAY_ROOT/deploy/lib/daemon.sh"

resolve_jars() {
  [ -f "$LIBS/.complete" ] && return 0
  log "resolving broker jars from Maven Central"
  mkdir -p "$LIBS"
  mvn -q -B -f "$ASSAY_ROOT/deploy/kafka/pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$LIBS"
  touch "$LIBS/.complete"
}

write_config() {
  mkdir -p "$KAFKA_HOME/data" "$KAFKA_HOME/logs"
  cat >"$CONF" <<CONF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$BROKER_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$BROKER_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$KAFKA_HOME/data
num.partitions=6
auto.create.topics.enable=false
offsets.topic.replication.factor=1
offsets.topic.num.partitions=6
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
log.retention.hours=168
CONF
}

format_storage() {
  [ -f "$KAFKA_HOME/data/meta.properties" ] && return 0
  local cluster_id
  cluster_id="$(java -cp "$LIBS/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n1)"
  log "formatting storage (cluster $cluster_id)"
  java -Dlog4j.configuration="file:$ASSAY_ROOT/deploy/kafka/log4j.properties" -Dkafka.logs.dir="$KAFKA_HOME/logs" \
    -cp "$LIBS/*" kafka.tools.StorageTool format -t "$cluster_id" -c "$CONF" >/dev/null
}

start() {
  if running && port_open "$BROKER_PORT"; then log "already running (pid $(cat "$PIDFILE"))"; return 0; fi
  if port_open "$BROKER_PORT"; then
    log "port $BROKER_PORT is taken by a process this checkout did not start; stop it first (another checkout's deploy/kafka/kafka.sh stop)"
    return 1
  fi
  resolve_jars
  write_config
  format_storage
  log "starting broker on 127.0.0.1:$BROKER_PORT"
  nohup java -Xms256m -Xmx768m -XX:+UseG1GC -Djava.awt.headless=true \
    -Dlog4j.configuration="file:$ASSAY_ROOT/deploy/kafka/log4j.properties" -Dkafka.logs.dir="$KAFKA_HOME/logs" \
    -cp "$LIBS/*" kafka.Kafka "$CONF" >"$KAFKA_HOME/logs/stdout.log" 2>&1 &
  echo $! >"$PIDFILE"
  for _ in $(seq 1 120); do
    if port_open "$BROKER_PORT" && grep -q "Kafka Server started" "$KAFKA_HOME/logs/server.log" 2>/dev/null; then
      log "ready"; return 0
    fi
    running || { log "broker exited; see $KAFKA_HOME/logs"; tail -n 30 "$KAFKA_HOME/logs/stdout.log" >&2; return 1; }
    sleep 0.5
  done
  log "not ready after 60 s"; return 1
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) running ;;
  *) echo "usage: kafka.sh start|stop|status" >&2; exit 2 ;;
esac
