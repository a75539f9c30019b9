#!/usr/bin/env bash
# Mixed soak (issue 9): the real server on embedded defaults (software keys, H2 in a fresh work
# directory, free ports, heap capped at 1 GB), then jp.shomei.benchmarks.soak.MixedSoak against it:
# issuance, renewal, revocation, OCSP, CRL downloads and verifier validations at once, each at 80 %
# of its measured peak divided by six, for --minutes (default 10). Loopback only.
#
# Run from the repository root after
#   mvn -B -o -q -pl shomei-app,benchmarks -am package -DskipTests
# under the machine-wide lock:
#   flock /tmp/shomei-bench.lock benchmarks/scripts/mixed-soak.sh [--minutes 10] [--peak-seconds 10] [--results DIR]
# Results: DIR (default benchmarks/results/soak-<UTC time>) holds soak-*.json and soak.md.
set -euo pipefail
minutes=10
peak_seconds=10
results="benchmarks/results/soak-$(date -u +%Y%m%dT%H%M%SZ)"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --minutes) minutes=$2; shift 2 ;;
    --peak-seconds) peak_seconds=$2; shift 2 ;;
    --results) results=$2; shift 2 ;;
    *) echo "usage: $0 [--minutes N] [--peak-seconds N] [--results DIR]" >&2; exit 2 ;;
  esac
done
jar=shomei-app/target/shomei.jar
[[ -f "$jar" && -f benchmarks/target/benchmarks.jar ]] || {
  echo "build first: mvn -B -o -q -pl shomei-app,benchmarks -am package -DskipTests" >&2; exit 1; }

work=$(mktemp -d /tmp/shomei-soak.XXXXXX)
data="$work/data"
mkdir -p "$data"
# The soak's one client certificate speaks for every municipality's traffic at once: lift the per-municipality
# rate limit (10/s by default) above anything this machine reaches, as the verifier's is below. OCSP responses
# are fresh for 2 minutes instead of an hour: the responder holds a response signed after each status change for
# half to three quarters of that, so its cache fills and levels off within the soak's first third, against
# which the retained heap at the end is judged.
printf '%s\n' municipal.port=0 validation.port=0 verifier.port=0 municipal.rate-limit.per-second=100000 \
  municipal.rate-limit.burst=100000 ocsp.response-validity=PT2M >"$data/shomei.properties"
cleanup() {
  [[ -n "${server_pid:-}" ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

start_server() {
  java -Xmx1g -jar "$jar" start --data "$data" >"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 360); do grep -q 'shomei ready' "$work/server.log" && return 0; sleep 0.5; done
  cat "$work/server.log" >&2; exit 1
}
stop_server() {
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=
}

uptime
# First start creates the CAs and the operations CA; the verifier is registered while the server is
# down (embedded H2 allows one process), with a rate no soak on this machine reaches.
start_server
stop_server
java -jar "$jar" verifier register soak --class signature --purpose "mixed soak" --rate 100000 --data "$data"
start_server
url() { sed -n "s#^$1[^:]*: \\([a-z]*://[0-9.]*:[0-9]*\\).*#\\1#p" "$work/server.log" | head -1; }
municipal=$(url 'Municipal API')
validation=$(url 'Validation')
verifier=$(url 'Verifier API')
echo "server: municipal $municipal, validation $validation, verifier $verifier"

java -cp "benchmarks/target/benchmarks.jar:benchmarks/target/lib/*" jp.shomei.benchmarks.soak.MixedSoak \
  --data "$data" --municipal "$municipal" --validation "$validation" --verifier "$verifier" \
  --minutes "$minutes" --peak-seconds "$peak_seconds" --results "$results" \
  --server-pid "$server_pid" \
  --command "benchmarks/scripts/mixed-soak.sh --minutes $minutes --peak-seconds $peak_seconds --results $results"
if grep -q ' ERROR ' "$work/server.log"; then
  echo "server log errors:"; grep ' ERROR ' "$work/server.log" | head -20
fi
uptime
