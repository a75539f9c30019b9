#!/usr/bin/env bash
# Scale of a generated population (BENCHMARKS.md, "Scale: a synthetic population"). For a store of N
# certificates it measures, each against a baseline taken in the same run:
#   - generation rate on 1 and on 2 workers ($RATE_RESIDENTS residents each, default 4000; 0 skips it), and of the whole store;
#   - store bytes per certificate, H2 (the embedded file as found, and after `shomei store compact`, done
#     at the end) and PostgreSQL (pg_total_relation_size of its schema), less the store of a one-resident
#     population (schema, municipalities, CAs);
#   - the server started over the store: time to "shomei ready", the OCSP responder's own load time,
#     and the time until every complete CRL of the first full round is published;
#   - heap after a full GC (jcmd GC.run, then /metrics), less the same on the one-resident store:
#     memory per certificate, before and after the OCSP load (pre-signed responses are made on first request);
#     from 100,000 certificates only: below that the heap of the one-resident server varies by more from
#     one start to the next than the population adds;
#   - OCSP latency with wrk over loopback: POST requests for 1,000 random stored serials of both CAs,
#     against the constant /health handler of the same server as baseline;
#   - `shomei audit verify` on the result (the concurrently written hash chain): entries per certificate.
# Unless $RESULTS already has one (a suite run's), it also writes machine.json: when, which commit, the
# load average, so that a results directory kept under benchmarks/scale/ says where its figures came from
# (BenchmarksReport renders those directories as the scale table).
# Usage: population-scale.sh RESIDENTS [DATA] [PG_RESIDENTS]
#   DATA: a data directory to (re)use; a population already generated there with the same RESIDENTS
#   is resumed, so the script can be re-run on a large store without generating it again. RESIDENTS 0
#   measures DATA as it is (for instance a large generation stopped part way).
#   PG_RESIDENTS (default 1000): the PostgreSQL population, generated into a schema of its own that is
#   dropped afterwards (SHOMEI_TEST_POSTGRES_URL, _USER, _PASSWORD: source /tmp/shomei-pg.env); 0 skips it.
# Writes one JSON object per figure into $RESULTS (default: a new directory, printed at the end).
# Needs java, jcmd, wrk, openssl, curl, psql and a built shomei-app/target/shomei.jar
# (mvn -pl shomei-app -am package -DskipTests). Run it under flock /tmp/shomei-bench.lock.
set -euo pipefail
residents=${1:?usage: population-scale.sh RESIDENTS [DATA] [PG_RESIDENTS]}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
app=${SHOMEI_APP:-$root/shomei-app/target}  # shomei.jar and lib/: a copy keeps a long run safe from rebuilds
jar="$app/shomei.jar"
lib="$app/lib"
work=$(mktemp -d /tmp/shomei-population-scale.XXXXXX)
data=${2:-$work/h2}
pg_residents=${3:-1000}
results=${RESULTS:-$work/results}
port=${PORT:-18090}
duration=${DURATION:-20s}
connections=${CONNECTIONS:-16}
schema="population_$(date +%s)"
mkdir -p "$results"
export LC_ALL=C.UTF-8
server_pid=
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  if [[ "$pg_residents" != 0 ]]; then pg "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1 || true; fi
  [[ -n "${RESULTS:-}" ]] || echo "results kept in $results"
  find "$work" -mindepth 1 -maxdepth 1 ! -name results ! -path "$data" -exec rm -rf {} +
}
trap cleanup EXIT
pg() {
  PGPASSWORD=$SHOMEI_TEST_POSTGRES_PASSWORD psql "${SHOMEI_TEST_POSTGRES_URL#jdbc:}" \
    -U "$SHOMEI_TEST_POSTGRES_USER" -qtAc "$1"
}
load() { cut -d' ' -f1-3 /proc/loadavg; }
# result NAME UNIT VALUE [extra JSON members]
result() {
  local extra=${4:+, $4}
  printf '{"name": "%s", "unit": "%s", "value": %s%s, "command": "benchmarks/scripts/population-scale.sh %s"}\n' \
    "$1" "$2" "$3" "$extra" "$residents" >"$results/$1.json"
}
generate() { # generate DATA RESIDENTS WORKERS [OPTION...] -> prints the command's stdout
  java -jar "$jar" population generate --residents "$2" --workers "$3" --data "$1" "${@:4}" 2>"$1.progress"
}
rate() { sed -n 's/.* \([0-9.,]*\) certificates\/s.*/\1/p' | tr -d ,; }  # the summary's rate
certificates_in() { # certificates in an H2 store, read with H2's shell while no server has it open
  java -cp "$lib/$(ls "$lib" | grep '^h2-')" org.h2.tools.Shell -url "jdbc:h2:$1/db/shomei;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE" \
    -user shomei -password "" -sql "$2"
}
div() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }
heap_measurable() { (( certs >= 100000 )); }  # see the heading

echo "machine: $(nproc) cores, load average $(load) at start, $(date -u +%FT%TZ)"
started=$(date -u +%FT%TZ)
load_at_start=$(load)

rate_residents=${RATE_RESIDENTS:-4000}
if [[ "$rate_residents" != 0 ]]; then
  echo "== generation rate: 1 worker, then 2 workers, $rate_residents residents each (same run)"
  # Batches of a twentieth: enough for two workers to share (a batch is one worker's transaction), each
  # long enough that its numbering and commit, where workers wait on each other, is a small part of it.
  batch=$(( rate_residents / 20 > 0 ? rate_residents / 20 : 1 ))
  # Each summary is written to a file and then shown: `tee /dev/stderr` would reopen the log file at
  # offset 0 and write over it.
  for workers in 1 2; do
    generate "$work/rate$workers" "$rate_residents" "$workers" --batch "$batch" >"$work/rate$workers.out"
    cat "$work/rate$workers.out"
  done
  one=$(rate <"$work/rate1.out")
  two=$(rate <"$work/rate2.out")
  echo "2 workers / 1 worker: $(div "$two" "$one")"
  result population-generation-2-workers certificates/s "$two" \
    "\"baseline\": {\"name\": \"population-generation-1-worker\", \"value\": $one}, \"ratio\": $(div "$two" "$one")"
fi

echo "== baseline store: one resident"
generate "$work/empty" 1 1 >/dev/null

if [[ "$residents" != 0 ]]; then
  echo "== the population: $residents residents into $data (resumed if begun), 2 workers; load $(load)"
  generate "$data" "$residents" 2 | tee "$work/generate.out"
fi
certs=$(certificates_in "$data" "SELECT count(*) FROM certificate" | sed -n '2p' | tr -dc 0-9)
empty_certs=$(certificates_in "$work/empty" "SELECT count(*) FROM certificate" | sed -n '2p' | tr -dc 0-9)
h2_bytes=$(stat -c %s "$data/db/shomei.mv.db")
empty_bytes=$(stat -c %s "$work/empty/db/shomei.mv.db")
h2_per=$(( (h2_bytes - empty_bytes) / (certs - empty_certs) ))
echo "store: $certs certificates, $h2_bytes bytes (one-resident store $empty_bytes): $h2_per bytes per certificate"
result population-h2-bytes-per-certificate bytes "$h2_per" "\"requests\": $certs"

echo "== 1,000 random serials of both CAs, as OCSP requests"
# Serials are random, so the 1,000 that follow a random one (wrapping round) are a random sample: a walk
# along the primary key instead of ORDER BY RAND(), which sorts the whole table (over 5 minutes at 10 M).
from=$(openssl rand -hex 2)
certificates_in "$data" "(SELECT ca_kind, serial FROM certificate WHERE serial >= '$from' ORDER BY serial LIMIT 1000)
  UNION ALL (SELECT ca_kind, serial FROM certificate WHERE serial < '$from' ORDER BY serial LIMIT 1000)" \
  | awk -F'|' 'NR > 1 && NF == 2 && n < 1000 { gsub(/ /, ""); print; n++ }' >"$work/serials.txt"
mkdir -p "$work/requests"
for ca in sign auth; do java -jar "$jar" ca cert "$ca" --data "$data" >"$work/$ca.pem"; done
n=0
while IFS='|' read -r kind serial; do
  ca=$([[ $kind == SIGNING ]] && echo sign || echo auth)
  openssl ocsp -issuer "$work/$ca.pem" -serial "0x$serial" -no_nonce -reqout "$work/requests/$n.$ca.der" >/dev/null
  n=$((n + 1))
done <"$work/serials.txt"
(cd "$work/requests" && ls) >"$work/requests.txt"

start_server() { # start_server DATA: waits for "shomei ready", sets server_pid and started_ms
  printf 'validation.port=%s\nmunicipal.port=0\nverifier.port=0\ncrl.base-url=http://127.0.0.1:%s\n' "$port" "$port" \
    >>"$1/shomei.properties"
  local t0; t0=$(date +%s%N)
  java -Xmx3g -jar "$jar" start --data "$1" >"$1.server.log" 2>&1 &
  server_pid=$!
  # No fixed wait: start and the first CRL round grow with the population (minutes at 10 M certificates).
  until grep -q "shomei ready" "$1.server.log"; do server_alive "$1" "$t0" "became ready"; sleep 0.1; done
  started_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  # the first full round: every municipality's signing CRL and every authentication bucket
  until [[ $(ls "$1/crl/sign" 2>/dev/null | grep -c '^[0-9]*\.crl$') -ge 1741 && \
           $(ls "$1/crl/auth" 2>/dev/null | grep -c '^b[0-9]*\.crl$') -ge 64 ]]; do
    server_alive "$1" "$t0" "published its first full CRL round"; sleep 0.1
  done
  crl_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
}
server_alive() { # server_alive DATA STARTED_NS WHAT: fails the run if the server has exited, or an hour after its start
  if ! kill -0 "$server_pid" 2>/dev/null || (( $(date +%s%N) - $2 > 3600000000000 )); then
    tail -30 "$1.server.log"
    echo "the server on $1 exited or took over an hour before it $3" >&2
    exit 1
  fi
}
stop_server() { kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=; }
heap_after_gc() {
  jcmd "$server_pid" GC.run >/dev/null
  curl -s "http://127.0.0.1:$port/metrics" | awk '$1 ~ /^jvm_memory_used_bytes/ && $1 ~ /area="heap"/ { sum += $NF } END { printf "%d", sum }'
}

echo "== server on the one-resident store (baseline); load $(load)"
start_server "$work/empty"
empty_heap=$(heap_after_gc)
echo "ready after $started_ms ms, heap after GC $empty_heap bytes"
stop_server

echo "== server on the population; load $(load)"
start_server "$data"
ocsp_ms=$(sed -n 's/.*OCSP responder ready with \([0-9]*\) certificates in \([0-9]*\) ms.*/\2/p' "$data.server.log" | head -1)
echo "ready after $started_ms ms (OCSP status load ${ocsp_ms:-?} ms), first full CRL round done after $crl_ms ms"
heap=$(heap_after_gc)
heap_per=$(div "$((heap - empty_heap))" "$((certs - empty_certs))")
echo "heap after GC: $heap bytes (baseline $empty_heap): $heap_per bytes per certificate"
result population-server-start ms "$started_ms" "\"requests\": $certs"
[[ -n "$ocsp_ms" ]] && result population-ocsp-status-load ms "$ocsp_ms" "\"requests\": $certs"
result population-first-full-crl-round ms "$crl_ms" "\"requests\": $certs"
heap_measurable && result population-heap-per-certificate bytes "$heap_per" "\"requests\": $certs"
du -sb "$data/crl" | awk '{ print "CRLs on disk (all generations): " $1 " bytes" }'

cat >"$work/ocsp.lua" <<'LUA'
local bodies, paths = {}, {}
local dir = os.getenv("REQUESTS")
for name in io.lines(dir .. "/../requests.txt") do
  local f = io.open(dir .. "/" .. name, "rb"); bodies[#bodies + 1] = f:read("*a"); f:close()
  paths[#paths + 1] = name:match("%.(%a+)%.der$") == "sign" and "/ocsp/sign" or "/ocsp/auth"
end
local headers = { ["Content-Type"] = "application/ocsp-request" }
request = function()
  local i = math.random(#bodies)
  return wrk.format("POST", paths[i], headers, bodies[i])
end
LUA
base="http://127.0.0.1:$port"
echo "== OCSP over loopback, $connections connections, $duration; load $(load)"
REQUESTS="$work/requests" wrk -t2 -c"$connections" -d5s -s "$work/ocsp.lua" "$base" >/dev/null  # warm-up
wrk -t2 -c"$connections" -d"$duration" --latency "$base/health" | tee "$work/health.wrk"
REQUESTS="$work/requests" wrk -t2 -c"$connections" -d"$duration" --latency -s "$work/ocsp.lua" "$base" | tee "$work/ocsp.wrk"
p99() { awk '$1 == "99%" { v = $2; if (v ~ /us$/) { sub(/us/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms/, "", v) } else { sub(/s/, "", v); v *= 1000 } print v }' "$1"; }
rps() { awk '/^Requests\/sec/ { print $2 }' "$1"; }
result population-ocsp-random-serials requests/s "$(rps "$work/ocsp.wrk")" \
  "\"baseline\": {\"name\": \"population-health\", \"value\": $(rps "$work/health.wrk")}, \"ratio\": $(div "$(rps "$work/ocsp.wrk")" "$(rps "$work/health.wrk")"), \"latencyMs\": {\"p99\": $(p99 "$work/ocsp.wrk")}, \"seconds\": ${duration%s}"
echo "OCSP p99 $(p99 "$work/ocsp.wrk") ms (health p99 $(p99 "$work/health.wrk") ms)"
heap_loaded=$(heap_after_gc)
heap_loaded_per=$(div "$((heap_loaded - empty_heap))" "$((certs - empty_certs))")
echo "heap after GC after the OCSP load: $heap_loaded bytes: $heap_loaded_per bytes per certificate"
heap_measurable && result population-heap-per-certificate-after-ocsp bytes "$heap_loaded_per" "\"requests\": $certs"
stop_server

echo "== audit hash chain of the population"
java -jar "$jar" audit verify --data "$data" | tee "$work/audit.out"
entries=$(sed -n 's/^audit log intact: \([0-9]*\) entries.*/\1/p' "$work/audit.out")
result population-audit-entries-per-certificate entries "$(div "$entries" "$certs")" "\"requests\": $certs"

echo "== the H2 file compacted (shomei store compact), and the one-resident store's; load $(load)"
for store in "$work/empty" "$data"; do java -jar "$jar" store compact --data "$store"; done
compacted_per=$(( ($(stat -c %s "$data/db/shomei.mv.db") - $(stat -c %s "$work/empty/db/shomei.mv.db")) / (certs - empty_certs) ))
echo "compacted: $compacted_per bytes per certificate"
result population-h2-compacted-bytes-per-certificate bytes "$compacted_per" "\"requests\": $certs"

if [[ "$pg_residents" != 0 ]]; then
  echo "== PostgreSQL ($(pg 'SHOW server_version')): $pg_residents residents and one resident, schemas of their own; load $(load)"
  pg_size() { pg "SELECT coalesce(sum(pg_total_relation_size(format('%I.%I', schemaname, tablename))), 0) FROM pg_tables WHERE schemaname = '$1'"; }
  pg_count() { pg "SELECT count(*) FROM $1.certificate"; }
  for s in "$schema" "${schema}_empty"; do
    pg "CREATE SCHEMA $s"
    mkdir -p "$work/$s"
    printf 'database.url=%s?currentSchema=%s\ndatabase.user=%s\n' "$SHOMEI_TEST_POSTGRES_URL" "$s" \
      "$SHOMEI_TEST_POSTGRES_USER" >"$work/$s/shomei.properties"
  done
  SHOMEI_DATABASE_PASSWORD=$SHOMEI_TEST_POSTGRES_PASSWORD generate "$work/${schema}_empty" 1 1 >/dev/null
  SHOMEI_DATABASE_PASSWORD=$SHOMEI_TEST_POSTGRES_PASSWORD generate "$work/$schema" "$pg_residents" 2 | tee "$work/pg.out"
  pg_bytes=$(pg_size "$schema"); pg_empty=$(pg_size "${schema}_empty")
  pg_per=$(( (pg_bytes - pg_empty) / ($(pg_count "$schema") - $(pg_count "${schema}_empty")) ))
  echo "store: $pg_bytes bytes for $(pg_count "$schema") certificates (one-resident schema $pg_empty): $pg_per bytes per certificate"
  result population-postgresql-bytes-per-certificate bytes "$pg_per" "\"requests\": $(pg_count "$schema")"
  pg "DROP SCHEMA IF EXISTS ${schema}_empty CASCADE" >/dev/null
fi
echo "machine: load average $(load) at end, $(date -u +%FT%TZ)"
if [[ ! -e "$results/machine.json" ]]; then
  printf '{"command": "benchmarks/scripts/population-scale.sh %s", "started": "%s", "finished": "%s", "commit": "%s", "cores": %s, "loadAverage": "%s at start, %s at end"}\n' \
    "$(printf '%q ' "$@" | sed 's/ $//')" "$started" "$(date -u +%FT%TZ)" "$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)" \
    "$(nproc)" "$load_at_start" "$(load)" >"$results/machine.json"
fi
