#!/usr/bin/env bash
# The region benchmark: five large counties' volume over three years (over a million referrals) on PostgreSQL, served
# by several instances behind HAProxy, under simulated users. Not part of ./test.sh.
#   bench/region.sh setup            the cluster in $REGION_DIR and the region demo (once: about 2 to 3 hours here)
#   bench/region.sh load [USERS] [SECONDS]   200 users for 600 s by default, through the load balancer
#   bench/region.sh cld              Client Level Data over the region's rolling year, timed (3 runs)
#   bench/region.sh stop             stops the instances, HAProxy and the cluster
# The drills are bench/drills.sh. Results worth keeping go in bench/results/ with the machine and date.
source "$(dirname "$0")/cluster.sh"
what=${1:-load}; shift || true
need
dotnet build -c Release "$REPO/bench/Homeward.Bench" -v quiet -nologo >/dev/null
case "$what" in
  setup)
    pg_up; publish
    if [[ $(psql_region -d postgres -c "select count(*) from pg_database where datname='$DBNAME'") == 0 ]] \
       || [[ $(psql_region -c 'select count(*) from "Referrals"' 2>/dev/null || echo 0) == 0 ]]; then
      log "building the region demo (five large counties over three years)"
      cli demo --provider Postgres --database "$CONN" --size Region
    fi
    psql_region -c 'select count(*) || '"' referrals, '"' || pg_size_pretty(pg_database_size(current_database())) from "Referrals"' ;;
  load)
    pg_up; [[ -f $APP/Homeward.Web.dll ]] || publish
    trap cluster_down EXIT
    cluster_up
    load "${1:-200}" "${2:-600}" "$REGION_DIR/acks.txt" ;;
  cld)
    pg_up; [[ -f $CLI/Homeward.Cli.dll ]] || publish
    echo "# Client Level Data over the rolling year: $(psql_region -c 'select count(*) from "Referrals"') referrals in the database"
    for i in 1 2 3; do
      start=$(date +%s.%N)
      cli returns cld --from "$(date -u -d '-364 days' +%F)" --to "$(date -u +%F)" --provider Postgres --database "$CONN" --out "$REGION_DIR/cld-$i.csv" >/dev/null
      end=$(date +%s.%N)
      echo "run $i: $(echo "$end - $start" | bc) s, $(($(wc -l <"$REGION_DIR/cld-$i.csv") - 1)) rows"
    done ;;
  stop) cluster_down; pg_down ;;
  *) sed -n 2,9p "$0" >&2; exit 2 ;;
esac
