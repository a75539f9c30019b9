#!/usr/bin/env bash
# Time from a revocation through the municipal API returning to the revoked serial appearing in the
# published delta CRL of its municipality, against a running `./shomei start`.
# Needs a built shomei-app/target/shomei.jar (mvn -B -ntp -q -pl shomei-app -am package -DskipTests).
# Usage: benchmarks/scripts/revocation-to-delta.sh [ROUNDS]   (default 20; data directory from SHOMEI_DATA or ./data)
# MUNICIPAL_URL and VALIDATION_URL name the listeners (default https://127.0.0.1:8443, http://127.0.0.1:8080).
# RESULTS=FILE appends the figure as JSON (benchmarks/scripts/suite.sh sets it); its baseline, measured in the
# same run, is one poll (a curl download of the delta and an openssl parse), the resolution of the clock.
set -euo pipefail
rounds=${1:-20}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
data=${SHOMEI_DATA:-data}
shomei() { java -Dstdout.encoding=UTF-8 -Dstderr.encoding=UTF-8 -jar "$root/shomei-app/target/shomei.jar" "$@"; }
export LC_ALL=C.UTF-8
municipal_url=${MUNICIPAL_URL:-https://127.0.0.1:8443}
delta_url=${VALIDATION_URL:-http://127.0.0.1:8080}/crl/sign/131016.delta.crl
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

resident="9$(date +%s | tail -c 11 | head -c 10)"
SHOMEI_DATA=$data shomei client register --url "$municipal_url" --resident "$resident" --name "計測　太郎" --dob 1980-01-01 --sex male \
  --address "東京都千代田区千代田１－１" >/dev/null 2>&1
listed() {
  curl -sf "$delta_url" -o "$work/delta.crl" && openssl crl -inform DER -in "$work/delta.crl" -noout -text \
    | tr -d ' ' | grep -iE "SerialNumber:0*$1\$" >/dev/null  # not grep -q: its early exit would be a SIGPIPE failure under pipefail
}
samples=()
for ((i = 1; i <= rounds; i++)); do
  openssl req -newkey rsa:2048 -nodes -keyout "$work/card.key" -subj /CN=card -out "$work/card.csr" 2>/dev/null
  SHOMEI_DATA=$data shomei client enroll --url "$municipal_url" --resident "$resident" --ca sign --csr "$work/card.csr" \
    --card-expires 2035-01-01 --out "$work/sign.pem" >/dev/null 2>&1
  serial=$(openssl x509 -in "$work/sign.pem" -noout -serial | cut -d= -f2 | sed 's/^0*//')
  # curl, not the client command, so that the clock starts the moment the API call returns.
  curl -sf --cacert "$data/credentials/operations-ca.pem" --cert "$data/credentials/clients/131016.pem" \
    --key "$data/credentials/clients/131016.key.pem" -H 'Content-Type: application/json' \
    -d '{"reason":"keyCompromise"}' "$municipal_url/v1/certificates/$serial/revoke" >/dev/null
  start=$(date +%s%N)
  until listed "$serial"; do
    sleep 0.02
    if (( ($(date +%s%N) - start) > 30000000000 )); then echo "serial $serial not in the delta after 30 s" >&2; exit 1; fi
  done
  samples+=($(( ($(date +%s%N) - start) / 1000000 )))
done
sorted=$(printf '%s\n' "${samples[@]}" | sort -n)
count=${#samples[@]}
pick() { printf '%s\n' "$sorted" | sed -n "$(( ($1 * count + 99) / 100 ))p"; }
max=$(printf '%s\n' "$sorted" | tail -1)
echo "rounds=$count median_ms=$(pick 50) p90_ms=$(pick 90) max_ms=$max"
if [[ -n "${RESULTS:-}" ]]; then
  poll_start=$(date +%s%N)
  for _ in 1 2 3 4 5 6 7 8 9 10; do listed "$serial"; done
  poll_ms=$(( ($(date +%s%N) - poll_start) / 10000000 ))
  jq -nc --argjson p50 "$(pick 50)" --argjson p90 "$(pick 90)" --argjson max "$max" --argjson rounds "$count" \
    --argjson poll "$poll_ms" --arg command "benchmarks/scripts/revocation-to-delta.sh $rounds" \
    '{name: "revocation returned to serial listed in the published delta CRL, median", unit: "ms", value: $p50,
      baseline: {name: "one poll: curl download and openssl parse of the delta", value: $poll},
      latencyMs: {p50: $p50, p90: $p90, max: $max}, requests: $rounds, errors: 0, command: $command}' >>"$RESULTS"
fi
