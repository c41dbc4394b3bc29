#!/usr/bin/env bash
# What the scripts of background servers (Kafka, S3Proxy) share. Source it after setting PIDFILE
# and defining log().

running() { [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# SIGTERM, up to 30 s for a clean stop, then SIGKILL.
stop() {
  running || { log "not running"; rm -f "$PIDFILE"; return 0; }
  local pid; pid="$(cat "$PIDFILE")"
  log "stopping pid $pid"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  rm -f "$PIDFILE"
}
