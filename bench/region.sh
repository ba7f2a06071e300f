#!/usr/bin/env bash
# The region benchmark: five large counties' volume over three years (over a million referrals) on PostgreSQL, served
# by several instances behind HAProxy, under simulated users. Not part of ./test.sh.
#   bench/region.sh setup            the cluster in $REGION_DIR and the region demo (once: about 2 to 3 hours here)
#   bench/region.sh load [USERS] [SECONDS]   200 users for 600 s by default, through the load balancer
#   bench/region.sh cld              Client Level Data over the region's rolling year, timed (3 runs)
#   bench/region.sh pages            single requests through the balancer (board, Needs attention, Your day, search),
#                                    and Client Level Data made as a job, asked for and downloaded as a user would
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
  pages)
    pg_up; [[ -f $APP/Homeward.Web.dll ]] || publish
    trap cluster_down EXIT
    cluster_up
    base="http://127.0.0.1:$LB_PORT"
    token() { curl -fsS "$base/api/auth/tokens" -H 'Content-Type: application/json' \
      -d "{\"userName\":\"$1\",\"password\":\"$DEMO_PASSWORD\",\"name\":\"pages\",\"days\":1}" | jq -r .token; }
    hub=$(token hub@demo.homeward); discharge=$(token discharge@demo.homeward); manager=$(token manager@demo.homeward)
    timed() { # NAME TOKEN URL: five requests after one warm-up, each whole response read
      local name=$1 tok=$2 url=$3 times=()
      curl -fsS -o /dev/null -H "Authorization: Bearer $tok" "$base$url"
      for _ in 1 2 3 4 5; do times+=("$(curl -fsS -o /dev/null -w '%{time_total} %{size_download}' -H "Authorization: Bearer $tok" "$base$url")"); done
      printf '%s\n' "${times[@]}" | sort -n | awk -v n="$name" 'NR==3 {m=$1; b=$2} END {printf "%s: median %.3f s, max %.3f s, %d KiB\n", n, m, $1, b/1024}'
    }
    echo "# Single requests through HAProxy, $(psql_region -c 'select count(*) from "Referrals"') referrals"
    timed "board, first page" "$hub" "/api/board"
    timed "board, hospital discharges by delay" "$hub" "/api/board?route=HospitalDischarge&sort=Delay"
    timed "Needs attention" "$hub" "/api/attention"
    timed "Your day, hospital discharge team" "$discharge" "/api/home"
    timed "person search, a family name" "$hub" "/api/people?name=smith"
    echo "# Client Level Data over the rolling year, made as a job (asked, followed, done)"
    for i in 1 2 3; do
      start=$(date +%s.%N)
      job=$(curl -fsS -X POST -H "Authorization: Bearer $manager" "$base/api/returns/cld/jobs" | jq -r .id)
      while :; do
        state=$(curl -fsS -H "Authorization: Bearer $manager" "$base/api/jobs/$job")
        [[ $(jq -r .status <<<"$state") =~ ^(Queued|Running)$ ]] || break
        sleep 0.25
      done
      done_at=$(date +%s.%N)
      url=$(jq -r .resultUrl <<<"$state")
      size=$(curl -fsS -o "$REGION_DIR/made-cld.json" -w '%{size_download}' -H "Authorization: Bearer $manager" "$base$url")
      got=$(date +%s.%N)
      echo "run $i: $(jq -r .status <<<"$state") in $(echo "$done_at - $start" | bc) s ($(jq -r .message <<<"$state")); the made return read back in $(echo "$got - $done_at" | bc) s, $((size / 1024 / 1024)) MiB of JSON"
    done ;;
  stop) cluster_down; pg_down ;;
  *) sed -n 2,9p "$0" >&2; exit 2 ;;
esac
