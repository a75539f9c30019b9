#!/usr/bin/env bash
# The whole benchmark suite in one command, then BENCHMARKS.md's generated part rewritten from its results.
#
# Usage (from anywhere):  benchmarks/scripts/suite.sh [--quick | --retry RESULTS_DIR [PIECE...]]
#   --quick   every piece, shortened, to see that each one works (16 minutes at a load average of 20, fewer on
#             an idle machine); its figures mean little
#   --retry   runs again only the named pieces, or without names those an earlier run recorded as failed, in
#             that run's mode and into its directory (their old results and log replaced), then rewrites the
#             report from the whole directory; machine.json keeps the earlier run's fields and records what
#             was run again, when and at which commit
#   (none)    the full run (bounded: under 30 minutes on an idle 2-core machine; PostgreSQL pieces included)
#
# Builds the benchmarks and the application when a source is newer than their jars (mvn package, never
# install), then takes /tmp/shomei-bench.lock (flock) so that no two benchmarks share the machine, and runs
# each piece in turn with its one-minute load average before and after. Everything goes to
# benchmarks/results/<UTC timestamp>/ (gitignored): machine.json, load-average.tsv, one results file
# per piece (JMH JSON, or JSON figures per the results contract), and each piece's log. A failing piece
# is recorded and the suite goes on; the exit status is then 1. PostgreSQL pieces need
# SHOMEI_TEST_POSTGRES_URL/_USER/_PASSWORD (read from /tmp/shomei-pg.env when it exists); SoftHSM pieces
# need softhsm2-util and pkcs11-tool; the OCSP piece needs wrk and openssl. A missing tool skips its piece,
# recorded as skipped.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
export LC_ALL=C.UTF-8

usage() { echo "usage: benchmarks/scripts/suite.sh [--quick | --retry RESULTS_DIR [PIECE...]]" >&2; exit 2; }
mode=full
retry_dir=
retrying=()
case "${1:-}" in
  --quick) mode=quick ;;
  --retry)
    retry_dir=$(cd "${2:?$(usage)}" && pwd)
    [[ -f "$retry_dir/machine.json" ]] || { echo "suite: $retry_dir has no machine.json: not a finished suite run" >&2; exit 2; }
    mode=$(jq -r .mode "$retry_dir/machine.json")
    retrying=("${@:3}")
    ((${#retrying[@]} > 0)) || read -ra retrying <<<"$(jq -r .failed "$retry_dir/machine.json")"
    ((${#retrying[@]} > 0)) || { echo "suite: no piece named and none failed in $retry_dir" >&2; exit 2; }
    ;;
  "") ;;
  *) usage ;;
esac
quick() { [[ $mode == quick ]]; }
command_line="benchmarks/scripts/suite.sh${1:+ $1}"
# Whether a piece runs: every piece, or on --retry only those that failed before.
wanted() { [[ -z "$retry_dir" ]] || [[ " ${retrying[*]} " == *" $1 "* ]]; }

# --- build when needed ------------------------------------------------------------------------------
stale() {
  [[ ! -f "$1" ]] && return 0
  [[ -n "$(find "$root" \( -path "$root/data" -o -path '*/target' -o -path "$root/benchmarks/results" \) -prune -o \
      \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -newer "$1" -print -quit)" ]]
}
if stale benchmarks/target/benchmarks.jar || stale shomei-app/target/shomei.jar; then
  echo "suite: building (mvn package, tests skipped)"
  mvn -B -ntp -q -pl benchmarks,shomei-app -am package -DskipTests
fi
classpath="benchmarks/target/benchmarks.jar:benchmarks/target/lib/*"

# --- results directory, machine, lock -----------------------------------------------------------------
if [[ -n "$retry_dir" ]]; then
  results=$retry_dir
else
  results="benchmarks/results/$(date -u +%Y%m%dT%H%M%SZ)"
  mkdir -p "$results"
  results=$(cd "$results" && pwd)
fi
if [[ -z "${SHOMEI_TEST_POSTGRES_URL:-}" && -f /tmp/shomei-pg.env ]]; then
  # shellcheck disable=SC1091
  source /tmp/shomei-pg.env
fi
exec 9>/tmp/shomei-bench.lock
echo "suite: waiting for /tmp/shomei-bench.lock"
flock 9
started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
if [[ -n "$retry_dir" ]]; then
  echo "suite: retrying ${retrying[*]} ($mode mode) into $results, load average $(cut -d' ' -f1-3 /proc/loadavg)"
else
  echo "suite: $mode run into $results, load average $(cut -d' ' -f1-3 /proc/loadavg)"
fi

failed=()
skipped=()
load() { cut -d' ' -f1 /proc/loadavg; }

# piece NAME COMMAND...: runs one piece with its log in NAME.log, its load average around it and its duration
piece() {
  local name=$1 before status=0 start=$SECONDS
  shift
  wanted "$name" || return 0
  if [[ -n "$retry_dir" ]]; then
    rm -f "$results/$name.json" "$results/$name.log"
    sed -i "/^$name\t/d" "$results/load-average.tsv"
  fi
  before=$(load)
  echo "== $name (load average $before)"
  ( "$@" ) >"$results/$name.log" 2>&1 || status=$?
  printf '%s\t%s\t%s\t%s\n' "$name" "$before" "$(load)" "$((SECONDS - start))" >>"$results/load-average.tsv"
  if ((status != 0)); then
    failed+=("$name")
    echo "   FAILED (exit $status): last lines of $results/$name.log"
    tail -5 "$results/$name.log" | sed 's/^/   /'
  fi
}
skip() { wanted "$1" || return 0; skipped+=("$1 ($2)"); echo "== $1 skipped: $2"; }
have() { command -v "$1" >/dev/null 2>&1; }
postgres() { [[ -n "${SHOMEI_TEST_POSTGRES_URL:-}" ]]; }

# jmh NAME OPTIONS...: a JMH run writing JMH's JSON to NAME.json, its command beside it
jmh_options=()
quick && jmh_options=(-wi 1 -w 1s -i 1 -r 2s -f 1)
jmh() {
  local name=$1
  shift
  echo "java -cp \"$classpath\" org.openjdk.jmh.Main $* ${jmh_options[*]}" >"$results/$name.json.command"
  piece "$name" java -cp "$classpath" org.openjdk.jmh.Main "$@" "${jmh_options[@]}" -rf json -rff "$results/$name.json"
}

# program NAME JAVA_OPTIONS... -- CLASS ARGS...: a main program writing its figures to NAME.json
program() {
  local name=$1
  shift
  piece "$name" java -Dshomei.bench.results="$results/$name.json" "$@"
}

# --- the pieces ---------------------------------------------------------------------------------------
# Raw key operations first: the signing rate is the baseline of the OCSP nonce figure below.
jmh signing-jmh OcspSigningBenchmark -t 2
jmh verifier-jmh-t1 ValidationBenchmark -t 1
jmh verifier-jmh-t2 ValidationBenchmark -t 2

if have softhsm2-util && have pkcs11-tool; then
  quick && hsm_options=(-wi 1 -w 1s -i 1 -r 2s) || hsm_options=()
  echo "benchmarks/scripts/hsm-signing.sh ${hsm_options[*]}" >"$results/hsm-jmh.json.command"
  piece hsm-jmh benchmarks/scripts/hsm-signing.sh "${hsm_options[@]}" -rf json -rff "$results/hsm-jmh.json"
else
  skip hsm-jmh "softhsm2-util or pkcs11-tool missing"
fi

if have wrk && have openssl; then
  if quick; then
    piece ocsp-http env RESULTS="$results/ocsp-http.json" DURATION=3s WARMUP=1 benchmarks/scripts/ocsp-load.sh
  else
    piece ocsp-http env RESULTS="$results/ocsp-http.json" benchmarks/scripts/ocsp-load.sh
  fi
else
  skip ocsp-http "wrk or openssl missing"
fi

work=$(mktemp -d /tmp/shomei-suite.XXXXXX)
trap 'rm -rf "$work"' EXIT
program ocsp-refresh -cp "$classpath" jp.shomei.benchmarks.ocsp.OcspRefreshLatencyProbe "$work/refresh" \
  "$(quick && echo 20 || echo 200)"
program crl-single -Xmx256m -cp "$classpath" jp.shomei.benchmarks.crl.CrlBenchmark \
  single "$(quick && echo 200000 || echo 10000000)" "$work/crl-single"
rm -rf "$work/crl-single"
if quick; then
  program crl-partitions -Xmx256m -cp "$classpath" jp.shomei.benchmarks.crl.CrlBenchmark partitions 100 400000 "$work/crl-partitions"
else
  program crl-partitions -Xmx256m -cp "$classpath" jp.shomei.benchmarks.crl.CrlBenchmark partitions 1741 20000000 "$work/crl-partitions"
fi
rm -rf "$work/crl-partitions"
if quick; then
  program cmp-issuance -cp "$classpath" jp.shomei.benchmarks.cmp.CmpIssuanceBenchmark 100 8 2 "$work/cmp" 50
else
  program cmp-issuance -cp "$classpath" jp.shomei.benchmarks.cmp.CmpIssuanceBenchmark 2000 8 2 "$work/cmp"
fi

# Revocation to published delta, against a real `shomei start` on ports of its own.
revocation() {
  local data="$work/revocation" pid status=0
  mkdir -p "$data"
  printf 'municipal.port=18543\nvalidation.port=18180\nverifier.port=18544\n' >"$data/shomei.properties"
  SHOMEI_DATA=$data java -jar shomei-app/target/shomei.jar start >"$work/shomei-start.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 240); do grep -q "shomei ready" "$work/shomei-start.log" && break; sleep 0.5; done
  if grep -q "shomei ready" "$work/shomei-start.log"; then
    SHOMEI_DATA=$data MUNICIPAL_URL=https://127.0.0.1:18543 VALIDATION_URL=http://127.0.0.1:18180 \
      RESULTS="$results/crl-revocation.json" benchmarks/scripts/revocation-to-delta.sh "$(quick && echo 3 || echo 20)" \
      || status=$?
  else
    cat "$work/shomei-start.log"; status=1
  fi
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  return "$status"
}
piece crl-revocation revocation

if postgres && have psql; then
  piece population env RESULTS="$results" benchmarks/scripts/population-scale.sh "$(quick && echo 10 || echo 1000)" "" "$(quick && echo 10 || echo 1000)"
  # OCSP responder start at scale, in a schema of its own, dropped afterwards.
  scale() {
    local schema status=0
    schema="ocsp_scale_$(date +%s)"
    export PGPASSWORD=$SHOMEI_TEST_POSTGRES_PASSWORD
    psql "${SHOMEI_TEST_POSTGRES_URL#jdbc:}" -U "$SHOMEI_TEST_POSTGRES_USER" -qc "CREATE SCHEMA $schema"
    java -Xmx3g -Dshomei.bench.results="$results/ocsp-scale.json" -cp "$classpath" jp.shomei.benchmarks.ocsp.OcspScaleProbe \
      "$SHOMEI_TEST_POSTGRES_URL?currentSchema=$schema" "$SHOMEI_TEST_POSTGRES_USER" "$SHOMEI_TEST_POSTGRES_PASSWORD" \
      "${SHOMEI_BENCH_SCALE_CERTIFICATES:-$(quick && echo 20000 || echo 10000000)}" || status=$?
    psql "${SHOMEI_TEST_POSTGRES_URL#jdbc:}" -U "$SHOMEI_TEST_POSTGRES_USER" -qc "DROP SCHEMA $schema CASCADE" || true
    return "$status"
  }
  piece ocsp-scale scale
else
  skip population "PostgreSQL (SHOMEI_TEST_POSTGRES_URL) or psql missing"
  skip ocsp-scale "PostgreSQL (SHOMEI_TEST_POSTGRES_URL) or psql missing"
fi

# --- mutual-TLS services: the verifier API over HTTPS and the mixed soak -------------------------------
piece verifier-http java -cp "$classpath" jp.shomei.benchmarks.verifier.VerifierHttpBenchmark \
  --work "$work/verifier-http" --results "$results" $(quick && echo --warmup-seconds 5)
piece soak-mixed benchmarks/scripts/mixed-soak.sh --minutes "$(quick && echo 1 || echo 10)" --results "$results"

# --- machine and report ------------------------------------------------------------------------------
commit=$(git rev-parse --short HEAD)
[[ -z "$(git status --porcelain --untracked-files=no)" ]] || commit="$commit (with uncommitted changes)"
if [[ -n "$retry_dir" ]]; then
  # Pieces that failed before and were not run again still count as failed.
  for earlier in $(jq -r .failed "$results/machine.json"); do
    wanted "$earlier" || failed=("$earlier" "${failed[@]}")
  done
  jq --arg failed "${failed[*]:-}" \
    --arg retried "${retrying[*]} from $started to $(date -u +%Y-%m-%dT%H:%M:%SZ) at commit $commit" \
    '.failed = $failed | .retried = ([.retried // empty, $retried] | join("; "))' "$results/machine.json" \
    >"$results/machine.json.new"
  mv "$results/machine.json.new" "$results/machine.json"
else
  jq -n --arg command "$command_line" --arg mode "$mode" --arg started "$started" \
    --arg finished "$(date -u +%Y-%m-%dT%H:%M:%SZ)" --arg commit "$commit" \
    --arg cpu "$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)" --arg cores "$(nproc)" \
    --arg memory "$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)" \
    --arg os "$(. /etc/os-release && echo "$PRETTY_NAME"), Linux $(uname -r)" \
    --arg jdk "$(java -version 2>&1 | head -1)" \
    --arg tools "$(have wrk && wrk -v 2>&1 | head -1 | cut -d' ' -f1-2), $(openssl version | cut -d' ' -f1-2)" \
    --arg failed "${failed[*]:-}" --arg skipped "$(IFS=';'; echo "${skipped[*]:-}")" \
    '{command: $command, mode: $mode, started: $started, finished: $finished, commit: $commit, cpu: $cpu,
      cores: $cores, memory: $memory, os: $os, jdk: $jdk, tools: $tools, failed: $failed, skipped: $skipped}' \
    >"$results/machine.json"
fi
flock -u 9
echo "suite: load average $(cut -d' ' -f1-3 /proc/loadavg) at end"
java -cp "$classpath" jp.shomei.benchmarks.report.ReportMain "$results" BENCHMARKS.md benchmarks/scale
((${#failed[@]} == 0)) || { echo "suite: failed pieces: ${failed[*]}" >&2; exit 1; }
