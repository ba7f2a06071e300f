#!/usr/bin/env bash
# Runs the demo county benchmark on SQLite and on a throwaway PostgreSQL cluster; prints the figures.
# Usage: bench/run.sh [Small|Standard|Large]   (results to keep go in bench/results/)
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-Large}
dotnet build -c Release bench/Homeward.Bench -v quiet -nologo >/dev/null
dotnet bench/Homeward.Bench/bin/Release/net10.0/Homeward.Bench.dll "$size" Sqlite

PGBIN=$(dirname "$(command -v initdb || ls /usr/lib/postgresql/*/bin/initdb | tail -n 1)")
dir=$(mktemp -d /tmp/homeward-bench-pg.XXXXXX); chown postgres "$dir"
port=$(( 55000 + RANDOM % 1000 ))
runuser -u postgres -- "$PGBIN/initdb" -D "$dir/data" -A trust -U homeward >/dev/null
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/log" -w -o "-p $port -k $dir -c listen_addresses=127.0.0.1" start >/dev/null
trap 'runuser -u postgres -- "$PGBIN/pg_ctl" -D "$dir/data" -m fast stop >/dev/null; rm -rf "$dir"' EXIT
dotnet bench/Homeward.Bench/bin/Release/net10.0/Homeward.Bench.dll "$size" Postgres "Host=127.0.0.1;Port=$port;Username=homeward;Database=homeward_bench"
