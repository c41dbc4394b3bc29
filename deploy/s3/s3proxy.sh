#!/usr/bin/env bash
# S3-compatible object store on loopback for the S3 blob store's tests: S3Proxy from Maven Central,
# jclouds' filesystem provider underneath, AWS v2/v4 signatures with a fixed local identity.
#   s3proxy.sh start   resolve the jar (once), start, wait until it accepts connections
#   s3proxy.sh stop    stop it and wait until the process is gone
#   s3proxy.sh status  exit 0 when it is running
# Every command is idempotent. Objects live in .infra/s3/data (git-ignored); no bucket is created
# here, tests create the ones they use.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../env.sh"
S3PROXY_VERSION=4.1.0 # class files target Java 17, so the system java runs it
S3_HOME="$ASSAY_INFRA_DIR/s3"
JAR="$S3_HOME/libs/s3proxy-$S3PROXY_VERSION-jar-with-dependencies.jar"
PIDFILE="$S3_HOME/s3proxy.pid"
CONF="$S3_HOME/s3proxy.properties"
# Loopback only, so a well-known pair is fine; blobStoreFromEnv reads it via AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY.
IDENTITY=assay-local
CREDENTIAL=assay-local-secret

log() { echo "[s3proxy] $*" >&2; }

source "$ASSAY_ROOT/deploy/lib/daemon.sh"

resolve_jar() {
  [ -f "$JAR" ] && return 0
  log "resolving S3Proxy $S3PROXY_VERSION from Maven Central"
  mkdir -p "$(dirname "$JAR")"
  mvn -q -B dependency:copy -Dartifact="org.gaul:s3proxy:$S3PROXY_VERSION:jar:jar-with-dependencies" \
    -DoutputDirectory="$(dirname "$JAR")"
}

write_config() {
  mkdir -p "$S3_HOME/data" "$S3_HOME/logs"
  cat >"$CONF" <<CONF
s3proxy.endpoint=http://127.0.0.1:$ASSAY_S3_PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$IDENTITY
s3proxy.credential=$CREDENTIAL
jclouds.provider=filesystem
jclouds.filesystem.basedir=$S3_HOME/data
CONF
}

start() {
  if running && port_open "$ASSAY_S3_PORT"; then log "already running (pid $(cat "$PIDFILE"))"; return 0; fi
  if port_open "$ASSAY_S3_PORT"; then
    log "port $ASSAY_S3_PORT is taken by a process this checkout did not start; stop it first or set ASSAY_S3_PORT"
    return 1
  fi
  resolve_jar
  write_config
  log "starting on 127.0.0.1:$ASSAY_S3_PORT"
  nohup java -Xms64m -Xmx256m -Djava.awt.headless=true -jar "$JAR" --properties "$CONF" \
    >"$S3_HOME/logs/stdout.log" 2>&1 &
  echo $! >"$PIDFILE"
  for _ in $(seq 1 120); do
    if port_open "$ASSAY_S3_PORT"; then log "ready"; return 0; fi
    running || { log "S3Proxy exited; see $S3_HOME/logs"; tail -n 30 "$S3_HOME/logs/stdout.log" >&2; return 1; }
    sleep 0.25
  done
  log "not ready after 30 s"; return 1
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) running ;;
  *) echo "usage: s3proxy.sh start|stop|status" >&2; exit 2 ;;
esac
