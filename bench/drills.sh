#!/usr/bin/env bash
# Failure drills on the region cluster (bench/region.sh setup first). Not part of ./test.sh.
#   bench/drills.sh kill      an instance killed (SIGKILL) under load, then started again
#   bench/drills.sh postgres  PostgreSQL restarted under load; the instances are not restarted
#   bench/drills.sh backup    a backup of the region database and its restore into a new one, timed, rows compared
#   bench/drills.sh all       the three in turn
# Under load: USERS (default 100) simulated users for 150 s, through HAProxy. Each drill ends with a check that every
# write the server acknowledged (a referral or a booking answered 2xx) is in the database.
source "$(dirname "$0")/cluster.sh"
USERS=${USERS:-100}
what=${1:-all}
need
dotnet build -c Release "$REPO/bench/Homeward.Bench" -v quiet -nologo >/dev/null
pg_up; [[ -f $APP/Homeward.Web.dll && -f $CLI/Homeward.Cli.dll ]] || publish

# Every acknowledged write is in the database.
check_acks() {
  local file=$1 referrals bookings missing
  referrals=$(awk '$1=="referral"{print "\x27"$2"\x27"}' "$file" | paste -sd, -)
  bookings=$(awk '$1=="booking"{print "\x27"$2"\x27"}' "$file" | paste -sd, -)
  missing=0
  if [[ -n $referrals ]]; then
    missing=$((missing + $(grep -c '^referral ' "$file") - $(psql_region -c "select count(*) from \"Referrals\" where \"Id\" in ($referrals)")))
  fi
  if [[ -n $bookings ]]; then
    missing=$((missing + $(grep -c '^booking ' "$file") - $(psql_region -c "select count(*) from \"Bookings\" where \"Id\" in ($bookings)")))
  fi
  echo "acknowledged writes: $(grep -c '^referral ' "$file") referrals and $(grep -c '^booking ' "$file") bookings; missing from the database: $missing"
  [[ $missing == 0 ]]
}

under_load() { # NAME ACTION-AT-40s [ACTION-AT-80s]
  local acks="$REGION_DIR/acks-$1.txt"; rm -f "$acks"
  trap cluster_down EXIT
  cluster_up
  load "$USERS" 150 "$acks" >"$REGION_DIR/load-$1.txt" &
  local pid=$!
  sleep 40; log "$1: $2"; eval "$2"
  if [[ -n ${3:-} ]]; then sleep 40; log "$1: $3"; eval "$3"; fi
  wait "$pid"
  cat "$REGION_DIR/load-$1.txt"
  cluster_down; trap - EXIT
  check_acks "$acks"
}

drill_kill() {
  echo "# Drill: an instance killed under load ($USERS users; SIGKILL to web2 at 40 s, started again at 80 s)"
  under_load kill 'kill -9 $(cat $REGION_DIR/web2.pid)' 'start_instance 2; wait_healthy 2; log "web2 is back"'
}

drill_postgres() {
  echo "# Drill: PostgreSQL restarted under load ($USERS users; restart at 40 s, down about 10 s; the instances are left alone)"
  under_load postgres 'pg pg_ctl -D $REGION_DIR/data -m fast stop >/dev/null; sleep 10; pg_up; log "PostgreSQL is back"'
  # The 503s the clients saw carry Retry-After (checked on one request while it is down).
}

drill_backup() {
  echo "# Drill: backup and restore at region size"
  local file="$REGION_DIR/region-$(date -u +%Y%m%d%H%M%S).dump" start end
  rm -f "$REGION_DIR"/region-*.dump
  echo "database: $(psql_region -c 'select pg_size_pretty(pg_database_size(current_database()))'), $(psql_region -c 'select count(*) from "Referrals"') referrals"
  start=$(date +%s); cli backup --provider Postgres --database "$CONN" --out "$file" >"$REGION_DIR/backup.txt"; end=$(date +%s)
  echo "backup: $((end - start)) s, $(du -h "$file" | cut -f1)"
  psql_region -d postgres -c "drop database if exists homeward_restored" ; psql_region -d postgres -c "create database homeward_restored"
  start=$(date +%s); cli restore "$file" --provider Postgres --database "${CONN/$DBNAME/homeward_restored}" >"$REGION_DIR/restore.txt"; end=$(date +%s)
  echo "restore into a new database: $((end - start)) s"
  local a b
  a=$(psql_region -c 'select count(*) from "Referrals"')-$(psql_region -c 'select count(*) from "EpisodeEvents"')-$(psql_region -c 'select count(*) from "AuditEntries"')
  b=$(DB=homeward_restored psql_region -c 'select count(*) from "Referrals"')-$(DB=homeward_restored psql_region -c 'select count(*) from "EpisodeEvents"')-$(DB=homeward_restored psql_region -c 'select count(*) from "AuditEntries"')
  echo "referrals-timeline-audit rows: original $a, restored $b: $([[ $a == "$b" ]] && echo same || echo DIFFERENT)"
  cli audit verify --provider Postgres --database "${CONN/$DBNAME/homeward_restored}" | tail -n 3
  psql_region -d postgres -c "drop database homeward_restored"; rm -f "$file"
}

case "$what" in
  kill) drill_kill ;;
  postgres) drill_postgres ;;
  backup) drill_backup ;;
  all) drill_kill; drill_postgres; drill_backup ;;
  *) sed -n 2,8p "$0" >&2; exit 2 ;;
esac
