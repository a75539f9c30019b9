#!/usr/bin/env bash
# OCSP load benchmark, one run, one load tool (wrk), loopback only, bounded in time:
#   1. constant 1.5 KB Vert.x handler (baseline)     GET  /constant
#   2. Shomei pre-signed response                   GET  /ocsp/sign/<base64>
#   3. Shomei nonce request (signed per request)    POST /ocsp/sign
#   4. OpenSSL's own responder (openssl ocsp -index -port -multi 2), nonce-less POST
# Run from the repository root after `mvn -B -o -q -pl benchmarks -am package -DskipTests`, under the
# machine-wide lock:  flock /tmp/shomei-bench.lock benchmarks/scripts/ocsp-load.sh
set -euo pipefail
DURATION=${DURATION:-15s}
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

cat >"$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/ocsp-request"
local f = io.open(os.getenv("BODY"), "rb"); wrk.body = f:read("*a"); f:close()
LUA

get_path=$(cat "$work/get-path.txt")
base="http://127.0.0.1:$PORT"
echo "== warm-up (both GET paths, then the signing path, so the JIT has compiled each)"
wrk -t2 -c"$CONNECTIONS" -d5s "$base/constant" >/dev/null; wrk -t2 -c"$CONNECTIONS" -d5s "$base$get_path" >/dev/null
BODY="$work/nonce-request.der" wrk -t2 -c"$CONNECTIONS" -d10s -s "$work/post.lua" "$base/ocsp/sign" >/dev/null
echo "== constant 1.5 KB handler";    wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$base/constant"
echo "== pre-signed GET";             wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$base$get_path"
echo "== nonce POST (signed per request)"
BODY="$work/nonce-request.der" wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$work/post.lua" "$base/ocsp/sign"

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
echo "== openssl ocsp -index -port -multi 2, nonce-less POST"
BODY="$work/request.der" wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$work/post.lua" "http://127.0.0.1:$OPENSSL_PORT/"
