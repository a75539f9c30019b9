#!/usr/bin/env bash
# OCSP load benchmark, one run, one load tool (wrk), loopback only, bounded in time:
#   1. constant 1.5 KB Vert.x handler (baseline)     GET  /constant
#   2. Shomei pre-signed response                   GET  /ocsp/sign/<base64>
#   3. Shomei, the same request without nonce       POST /ocsp/sign       (baseline: 5, same request bytes)
#   4. Shomei nonce request (signed per request)    POST /ocsp/sign       (baseline: raw signing rate, JMH)
#   5. OpenSSL's own responder (openssl ocsp -index -port -multi 2) serving the same CA and certificate,
#      nonce-less POST of the same request
# Run from the repository root after `mvn -B -o -q -pl benchmarks -am package -DskipTests`, under the
# machine-wide lock:  flock /tmp/shomei-bench.lock benchmarks/scripts/ocsp-load.sh
# RESULTS=FILE appends one JSON figure per measured run (benchmarks/scripts/suite.sh sets it); the raw
# signing baseline of 4 is the figure OcspSigningBenchmark.rawSignature (2 threads) of the same suite run.
set -euo pipefail
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-5}
CONNECTIONS=${CONNECTIONS:-32}
PORT=${PORT:-18080}
OPENSSL_PORT=${OPENSSL_PORT:-18081}
work=$(mktemp -d /tmp/shomei-ocsp-bench.XXXXXX)
cleanup() {
  [[ -n "${target_pid:-}" ]] && kill "$target_pid" 2>/dev/null || true
  # openssl -multi forks workers and outlives a SIGTERM: end its workers, then it, by process id
  if [[ -n "${openssl_pid:-}" ]]; then
    for worker in $(pgrep -P "$openssl_pid"); do kill -KILL "$worker" 2>/dev/null || true; done
    kill -KILL "$openssl_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

java -Xmx1g -cp "benchmarks/target/benchmarks.jar:benchmarks/target/lib/*" jp.shomei.benchmarks.ocsp.OcspLoadTarget \
  "$work" "$PORT" >"$work/target.log" 2>&1 &
target_pid=$!
for _ in $(seq 1 120); do grep -q READY "$work/target.log" 2>/dev/null && break; sleep 0.5; done
grep -q READY "$work/target.log" || { cat "$work/target.log"; exit 1; }

# One wrk script for every run: POSTs the file named by BODY if set, and on completion appends the run's figure
# (requests/s, latency percentiles, requests, errors) to RESULTS, named by FIGURE, compared with BASELINE.
cat >"$work/ocsp.lua" <<'LUA'
local body = os.getenv("BODY")
if body ~= nil and body ~= "" then
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/ocsp-request"
  local f = io.open(body, "rb"); wrk.body = f:read("*a"); f:close()
end
local function quoted(text) return '"' .. text:gsub('\\', '\\\\'):gsub('"', '\\"') .. '"' end
done = function(summary, latency, requests)
  local results = os.getenv("RESULTS")
  if results == nil or results == "" then return end
  local e = summary.errors
  local seconds = summary.duration / 1e6
  local figure = '{"name": ' .. quoted(os.getenv("FIGURE")) .. ', "unit": "requests/s", "value": '
    .. string.format("%.1f", summary.requests / seconds)
  local baseline = os.getenv("BASELINE")
  if baseline ~= nil and baseline ~= "" then figure = figure .. ', "baseline": {"name": ' .. quoted(baseline) .. '}' end
  figure = figure .. string.format(', "latencyMs": {"p50": %.3f, "p90": %.3f, "p99": %.3f, "p999": %.3f, "max": %.3f}',
    latency:percentile(50) / 1e3, latency:percentile(90) / 1e3, latency:percentile(99) / 1e3,
    latency:percentile(99.9) / 1e3, latency.max / 1e3)
  figure = figure .. string.format(', "requests": %d, "errors": %d, "seconds": %.1f, "command": %s}\n', summary.requests,
    e.connect + e.read + e.write + e.status + e.timeout, seconds, quoted(os.getenv("COMMAND")))
  local out = io.open(results, "a"); out:write(figure); out:close()
end
LUA
# measure FIGURE BASELINE URL [BODY]: one measured wrk run
measure() {
  local command="wrk -t2 -c$CONNECTIONS -d$DURATION --latency -s ocsp.lua $3"
  echo "== $1"
  FIGURE=$1 BASELINE=$2 BODY=${4:-} COMMAND="$command${4:+ (body ${4##*/})}, in benchmarks/scripts/ocsp-load.sh" \
    wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$work/ocsp.lua" "$3"
}
warm() { RESULTS= BODY=${2:-} wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" -s "$work/ocsp.lua" "$1" >/dev/null; }
constant="GET /constant, constant 1.5 KB body, Vert.x handler on the same server"
openssl_plain="openssl ocsp -index -port -multi 2, POST of the same request without nonce"

get_path=$(cat "$work/get-path.txt")
base="http://127.0.0.1:$PORT"
echo "== warm-up (every path once, the signing path twice as long, so the JIT has compiled each)"
warm "$base/constant"; warm "$base$get_path"; warm "$base/ocsp/sign" "$work/request.der"
warm "$base/ocsp/sign" "$work/nonce-request.der"; warm "$base/ocsp/sign" "$work/nonce-request.der"
measure "$constant" "" "$base/constant"
measure "GET /ocsp/sign/<request>, pre-signed response" "$constant" "$base$get_path"
measure "POST /ocsp/sign, the same request without nonce" "$openssl_plain" "$base/ocsp/sign" "$work/request.der"
measure "POST /ocsp/sign, nonce request, signed per request" "OcspSigningBenchmark.rawSignature (2 threads)" \
  "$base/ocsp/sign" "$work/nonce-request.der"

cd "$work"
openssl ocsp -index index.txt -port "$OPENSSL_PORT" -multi 2 -rsigner signer.pem \
   -rkey keys/openssl-baseline.key.pem -passin file:passphrase.txt -CA ca.pem -ignore_err >openssl.log 2>&1 &
openssl_pid=$!
cd - >/dev/null
# it decrypts its key first (a deliberately slow KDF): wait until it accepts connections
for _ in $(seq 1 60); do grep -q ACCEPT "$work/openssl.log" 2>/dev/null && break; sleep 0.5; done
echo "== openssl ocsp responder check (its workers may need a moment after ACCEPT)"
for attempt in $(seq 1 20); do
  if (cd "$work" && openssl ocsp -issuer ca.pem -cert cert.pem -CAfile ca.pem -url "http://127.0.0.1:$OPENSSL_PORT" \
        -no_nonce >check.txt 2>&1); then cat "$work/check.txt" | head -3; break; fi
  ((attempt == 20)) && { cat "$work/check.txt" "$work/openssl.log"; exit 1; }
  sleep 0.5
done
# no warm-up: native code, and its one-request-per-connection workers can be left waiting on a warm-up's connections
measure "$openssl_plain" "" "http://127.0.0.1:$OPENSSL_PORT/" "$work/request.der"
