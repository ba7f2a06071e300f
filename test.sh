#!/usr/bin/env bash
# Runs every test on SQLite and on PostgreSQL, against a throwaway PostgreSQL cluster on loopback.
# Installs what it needs. Ends with one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log() { echo "test.sh: $*" >&2; }

# Root (CI, a fresh machine) installs what is missing and runs PostgreSQL as its own user; a developer without root
# needs PostgreSQL, pgRouting, osm2pgrouting and Chromium installed already, and runs the throwaway cluster as themself.
is_root() { [ "$(id -u)" = 0 ]; }
as_pg() { if is_root; then runuser -u postgres -- "$@"; else "$@"; fi; }
install() {
  if ! is_root; then log "missing: $* (install them, or run as root to have them installed)"; return 1; fi
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null) >&2
}

# PostgreSQL server binaries (Debian's package); install them if this machine lacks them.
pg_bin() {
  if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return; fi
  local found; found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$found" ]; then
    log "installing PostgreSQL"
    install postgresql
    found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  fi
  echo "$found"
}

# Debian's Chromium for the browser tests (Playwright drives it; it never downloads a browser).
ensure_chromium() {
  command -v chromium >/dev/null 2>&1 && return 0
  log "installing Chromium"
  install chromium
  command -v chromium >/dev/null 2>&1
}

# pgRouting and osm2pgrouting for the road network tests (Debian's packages for this PostgreSQL's major version).
ensure_pgrouting() {
  local major; major=$("$PGBIN/postgres" --version | grep -oE '[0-9]+' | head -n 1)
  if command -v osm2pgrouting >/dev/null 2>&1 && [ -f "/usr/share/postgresql/$major/extension/pgrouting.control" ]; then return 0; fi
  log "installing pgRouting and osm2pgrouting"
  install "postgresql-$major-pgrouting" osm2pgrouting
  command -v osm2pgrouting >/dev/null 2>&1 && [ -f "/usr/share/postgresql/$major/extension/pgrouting.control" ]
}

PG_DIR=""
stop_pg() {
  if [ -n "$PG_DIR" ] && [ -f "$PG_DIR/data/postmaster.pid" ]; then
    as_pg "$PGBIN/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1 || true
  fi
  [ -n "$PG_DIR" ] && rm -rf "$PG_DIR"
}
trap stop_pg EXIT

start_pg() {
  PGBIN=$(pg_bin)
  if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then log "PostgreSQL is not available"; return 1; fi
  PG_DIR=$(mktemp -d /tmp/homeward-pg.XXXXXX)
  if is_root; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres "$PG_DIR"
  fi
  as_pg "$PGBIN/initdb" -D "$PG_DIR/data" -A trust -U homeward >"$PG_DIR/initdb.log" 2>&1 || { cat "$PG_DIR/initdb.log" >&2; return 1; }
  # A random port can be in use (the tests' own client sockets take ports in this range): try a few.
  local attempt
  for attempt in 1 2 3 4 5; do
    PG_PORT=$(( 54000 + RANDOM % 1000 ))
    if as_pg "$PGBIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
      -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null; then
      break
    fi
    if [ "$attempt" = 5 ]; then cat "$PG_DIR/log" >&2; return 1; fi
    log "PostgreSQL could not start on port $PG_PORT; trying another"
  done
  export HOMEWARD_TEST_PG="Host=127.0.0.1;Port=$PG_PORT;Username=homeward;Database=postgres;Pooling=true;Maximum Pool Size=50"
  # The throwaway cluster runs with fsync off for speed; the app refuses that unless told it is a test database.
  export Database__AllowUnsafeDurability=true
}

log "building"
build_log=$(mktemp)
if ! dotnet build Homeward.slnx -nologo -v quiet >"$build_log" 2>&1; then
  grep -E "error|Error" "$build_log" | sort -u | head -n 30 >&2
  log "the build failed"; echo "0 passed, 1 failed"; exit 1
fi
rm -f "$build_log"

passed=0; failed=0; skipped=0; status=0
run_suite() { # name, project, then environment assignments
  local name=$1 project=$2; shift 2
  local out; out=$(mktemp)
  log "running $project on $name"
  env "$@" dotnet test --project "tests/$project" --no-build 2>&1 | tee "$out" | grep -E "^(failed|  Assert|  Xunit|  Expected|    at Homeward)" >&2
  local total f s k
  total=$(grep -E '^\s+total: [0-9]+' "$out" | tail -n 1 | grep -oE '[0-9]+')
  f=$(grep -E '^\s+failed: [0-9]+' "$out" | tail -n 1 | grep -oE '[0-9]+')
  s=$(grep -E '^\s+succeeded: [0-9]+' "$out" | tail -n 1 | grep -oE '[0-9]+')
  k=$(grep -E '^\s+skipped: [0-9]+' "$out" | tail -n 1 | grep -oE '[0-9]+')
  if [ -z "$total" ]; then
    log "the $name run ended without a summary:"; tail -n 40 "$out" >&2
    failed=$((failed + 1)); status=1
  else
    log "$name: $s passed, $f failed, ${k:-0} skipped of $total"
    passed=$((passed + s)); failed=$((failed + f)); skipped=$((skipped + ${k:-0}))
    [ "$f" -eq 0 ] || status=1
  fi
  rm -f "$out"
}

ensure_chromium || { log "Chromium is not available"; failed=$((failed + 1)); status=1; }
# The rota optimiser and the simulator are pure (no database): their tests run once.
run_suite "no database" Homeward.Scheduling.Tests
run_suite "no database" Homeward.Simulation.Tests
for project in Homeward.Tests Homeward.Browser.Tests; do
  run_suite SQLite $project HOMEWARD_TEST_DB=sqlite
done
if start_pg; then
  ensure_pgrouting || { log "pgRouting is not available"; failed=$((failed + 1)); status=1; }
  for project in Homeward.Tests Homeward.Browser.Tests; do
    run_suite PostgreSQL $project HOMEWARD_TEST_DB=postgres HOMEWARD_TEST_PG="$HOMEWARD_TEST_PG"
  done
else
  log "could not start PostgreSQL"; failed=$((failed + 1)); status=1
fi

echo "$passed passed, $failed failed, $skipped skipped"
exit $status
