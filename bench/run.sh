#!/usr/bin/env bash
# Runs a benchmark on SQLite and on a throwaway PostgreSQL cluster; prints the figures.
# Usage: bench/run.sh county [Small|Standard|Large]  |  bench/run.sh board  |  bench/run.sh people  |  bench/run.sh booking  |  bench/run.sh figures
#        bench/run.sh delivered   (care planned against delivered, Large county)
#        bench/run.sh simulation [all|engine|planning|simpy|optimise [FILE]]   (no database; installs SimPy for the side-by-side run)
# Results worth keeping go in bench/results/, with the date and machine.
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-county}; shift || true
dotnet build -c Release bench/Homeward.Bench -v quiet -nologo >/dev/null
run() { dotnet bench/Homeward.Bench/bin/Release/net10.0/Homeward.Bench.dll "$what" "$@"; }
case "$what" in
  simulation)
    if ! /usr/bin/python3 -c "import simpy" 2>/dev/null; then
      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-simpy3 >/dev/null) >&2
    fi
    run "${1:-all}" "${@:2}"; exit 0 ;;
  county) size=${1:-Large}; run "$size" Sqlite ;;
  board|booking|figures|people|delivered) run Sqlite ;;
  fhir-validation) run "${1:-500}" ;;
  *) echo "usage: bench/run.sh county [size] | board | booking | figures" >&2; exit 2 ;;
esac

PGBIN=$(dirname "$(command -v initdb || ls /usr/lib/postgresql/*/bin/initdb | tail -n 1)")
dir=$(mktemp -d /tmp/homeward-bench-pg.XXXXXX); chown postgres "$dir"
port=$(( 55000 + RANDOM % 1000 ))
runuser -u postgres -- "$PGBIN/initdb" -D "$dir/data" -A trust -U homeward >/dev/null
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/log" -w -o "-p $port -k $dir -c listen_addresses=127.0.0.1" start >/dev/null
trap 'runuser -u postgres -- "$PGBIN/pg_ctl" -D "$dir/data" -m fast stop >/dev/null; rm -rf "$dir"' EXIT
conn="Host=127.0.0.1;Port=$port;Username=homeward;Database=homeward_bench"
case "$what" in
  county) run "$size" Postgres "$conn" ;;
  board|booking|figures|people|delivered) run Postgres "$conn" ;;
esac
