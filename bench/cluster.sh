# Helpers for bench/region.sh and bench/drills.sh: a PostgreSQL cluster that persists between runs, the published
# web app as several instances, and HAProxy (Debian's package) in front of them with no sticky sessions.
# Sourced, not run. Settings (environment): REGION_DIR (default /tmp/homeward-region), REGION_PORT (55500),
# REGION_DB (homeward_region), INSTANCES (3), LB_PORT (6000).
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SHARED=${SHARED:-$(cd "$REPO/../shared" 2>/dev/null && pwd || true)}
REGION_DIR=${REGION_DIR:-/tmp/homeward-region}
REGION_PORT=${REGION_PORT:-55500}
INSTANCES=${INSTANCES:-3}
LB_PORT=${LB_PORT:-6000}
DBNAME=${REGION_DB:-homeward_region}
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | tail -n 1)
CONN="Host=127.0.0.1;Port=$REGION_PORT;Username=homeward;Database=$DBNAME;Maximum Pool Size=60;Timeout=5"
APP="$REGION_DIR/app"
CLI="$REGION_DIR/cli"
DEMO_PASSWORD=${DEMO_PASSWORD:-Homeward-demo-2026}   # the demo accounts' published password

log() { echo "$(date -u +%H:%M:%S) $*" >&2; }

need() { # apt packages the scripts use
  local missing=()
  command -v haproxy >/dev/null || missing+=(haproxy)
  command -v curl >/dev/null || missing+=(curl)
  command -v jq >/dev/null || missing+=(jq)
  command -v bc >/dev/null || missing+=(bc)
  if ((${#missing[@]})); then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null) >&2
  fi
}

pg() { runuser -u postgres -- "$PGBIN/$1" "${@:2}"; }

pg_up() {
  if [[ ! -d $REGION_DIR/data ]]; then
    mkdir -p "$REGION_DIR"; chown postgres "$REGION_DIR"
    pg initdb -D "$REGION_DIR/data" -A trust -U homeward >/dev/null
  fi
  if ! pg pg_ctl -D "$REGION_DIR/data" status >/dev/null 2>&1; then
    pg pg_ctl -D "$REGION_DIR/data" -l "$REGION_DIR/pg.log" -w -o "-p $REGION_PORT -k $REGION_DIR -c listen_addresses=127.0.0.1 \
      -c max_connections=300 -c shared_buffers=2GB -c max_wal_size=8GB -c checkpoint_timeout=30min" start >/dev/null
  fi
}

pg_down() { pg pg_ctl -D "$REGION_DIR/data" -m fast stop >/dev/null 2>&1 || true; }

psql_region() { pg psql -h "$REGION_DIR" -p "$REGION_PORT" -U homeward -d "${DB:-$DBNAME}" -Atq "$@"; }

publish() { # Release builds of the web app and the command line, once per run
  log "publishing the web app and the command line"
  dotnet publish -c Release "$REPO/src/Homeward.Web" -o "$APP" -v quiet -nologo >/dev/null
  dotnet publish -c Release "$REPO/src/Homeward.Cli" -o "$CLI" -v quiet -nologo >/dev/null
}

cli() { dotnet "$CLI/Homeward.Cli.dll" "$@"; }

# One instance: the same settings on each, as docs/deploy.md says. The limits are raised because every simulated user
# comes from this one address (a real deployment's users come from theirs).
start_instance() {
  local n=$1 port=$((LB_PORT + $1))
  if curl -s -o /dev/null "http://127.0.0.1:$port/health"; then log "port $port is in use: stop what runs there first"; return 1; fi
  ( cd "$APP"
    Database__Provider=Postgres ConnectionStrings__Homeward="$CONN" Demo__County=false Demo__Seed=true \
      Network__BehindProxy=true Network__KnownProxies=127.0.0.1 Fhir__UkCorePackage="$SHARED/fhir/uk-core" Fhir__WarmUp=false \
      Security__SignInAttemptsPerMinute=100000 Security__ApiRequestsPerMinute=100000 ASPNETCORE_ENVIRONMENT=Production \
      Logging__LogLevel__Default=Warning \
      nohup dotnet Homeward.Web.dll --urls "http://127.0.0.1:$port" >"$REGION_DIR/web$n.log" 2>&1 & echo $! >"$REGION_DIR/web$n.pid" )
}

wait_healthy() {
  local port=$((LB_PORT + $1))
  for _ in $(seq 1 120); do
    curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && return 0
    sleep 1
  done
  log "instance $1 did not become healthy"; tail -n 30 "$REGION_DIR/web$1.log" >&2; return 1
}

stop_instance() { # SIGTERM: finishes requests under way and hands back its jobs
  [[ -f $REGION_DIR/web$1.pid ]] || return 0
  kill "$(cat "$REGION_DIR/web$1.pid")" 2>/dev/null || true
  for _ in $(seq 1 30); do kill -0 "$(cat "$REGION_DIR/web$1.pid")" 2>/dev/null || break; sleep 1; done
  rm -f "$REGION_DIR/web$1.pid"
}

haproxy_up() {
  # While no instance is healthy (the database away), the balancer's own 503 asks clients to come back, as the app's do.
  printf 'HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\nRetry-After: 5\r\nCache-Control: no-store\r\nConnection: close\r\n\r\nHomeward is briefly unavailable: try again in a few seconds.\n' >"$REGION_DIR/503.http"
  {
    cat <<CFG
global
  maxconn 4096
defaults
  mode http
  timeout connect 2s
  timeout client 60s
  timeout server 60s
  # A request that could not reach an instance (refused, reset before sending) goes to another: it never arrived, so
  # trying again is safe whatever its method.
  retries 2
  option redispatch
  retry-on conn-failure
  errorfile 503 $REGION_DIR/503.http
frontend homeward
  bind 127.0.0.1:$LB_PORT
  option forwardfor
  default_backend web
backend web
  balance roundrobin
  option httpchk GET /health
  http-check expect status 200
  default-server inter 1s fall 2 rise 2
CFG
    for n in $(seq 1 "$INSTANCES"); do echo "  server web$n 127.0.0.1:$((LB_PORT + n)) check"; done
  } >"$REGION_DIR/haproxy.cfg"
  haproxy -c -q -f "$REGION_DIR/haproxy.cfg"
  haproxy -D -f "$REGION_DIR/haproxy.cfg" -p "$REGION_DIR/haproxy.pid"
}

haproxy_down() { [[ -f $REGION_DIR/haproxy.pid ]] && kill "$(cat "$REGION_DIR/haproxy.pid")" 2>/dev/null; rm -f "$REGION_DIR/haproxy.pid"; }

cluster_up() {
  for n in $(seq 1 "$INSTANCES"); do start_instance "$n"; done
  for n in $(seq 1 "$INSTANCES"); do wait_healthy "$n"; done
  haproxy_up
  log "$INSTANCES instances behind HAProxy on http://127.0.0.1:$LB_PORT"
}

cluster_down() {
  haproxy_down
  for n in $(seq 1 "$INSTANCES"); do stop_instance "$n"; done
}

load() { # USERS SECONDS [ACKFILE]
  dotnet "$REPO/bench/Homeward.Bench/bin/Release/net10.0/Homeward.Bench.dll" load "http://127.0.0.1:$LB_PORT" "$@"
}
