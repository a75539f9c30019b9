#!/usr/bin/env bash
# Time from a revocation through the municipal API returning to the revoked serial appearing in the
# published delta CRL of its municipality, against a running `./shomei start`.
# Usage: benchmarks/scripts/revocation-to-delta.sh [ROUNDS]   (default 20; data directory from SHOMEI_DATA or ./data)
set -euo pipefail
rounds=${1:-20}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
data=${SHOMEI_DATA:-data}
shomei="$root/shomei"
delta_url=http://127.0.0.1:8080/crl/sign/131016.delta.crl
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

resident="9$(date +%s | tail -c 11 | head -c 10)"
SHOMEI_DATA=$data "$shomei" client register --resident "$resident" --name "計測　太郎" --dob 1980-01-01 --sex male \
  --address "東京都千代田区千代田１－１" >/dev/null 2>&1
samples=()
for ((i = 1; i <= rounds; i++)); do
  openssl req -newkey rsa:2048 -nodes -keyout "$work/card.key" -subj /CN=card -out "$work/card.csr" 2>/dev/null
  SHOMEI_DATA=$data "$shomei" client enroll --resident "$resident" --ca sign --csr "$work/card.csr" \
    --card-expires 2035-01-01 --out "$work/sign.pem" >/dev/null 2>&1
  serial=$(openssl x509 -in "$work/sign.pem" -noout -serial | cut -d= -f2 | sed 's/^0*//')
  # curl, not the client command, so that the clock starts the moment the API call returns.
  curl -sf --cacert "$data/credentials/operations-ca.pem" --cert "$data/credentials/clients/131016.pem" \
    --key "$data/credentials/clients/131016.key.pem" -H 'Content-Type: application/json' \
    -d '{"reason":"keyCompromise"}' "https://127.0.0.1:8443/v1/certificates/$serial/revoke" >/dev/null
  start=$(date +%s%N)
  until curl -sf "$delta_url" -o "$work/delta.crl" && openssl crl -inform DER -in "$work/delta.crl" -noout -text \
      | tr -d ' ' | grep -qiE "SerialNumber:0*$serial\$"; do
    sleep 0.02
    if (( ($(date +%s%N) - start) > 30000000000 )); then echo "serial $serial not in the delta after 30 s" >&2; exit 1; fi
  done
  samples+=($(( ($(date +%s%N) - start) / 1000000 )))
done
sorted=$(printf '%s\n' "${samples[@]}" | sort -n)
count=${#samples[@]}
pick() { printf '%s\n' "$sorted" | sed -n "$(( ($1 * count + 99) / 100 ))p"; }
echo "rounds=$count median_ms=$(pick 50) p90_ms=$(pick 90) max_ms=$(printf '%s\n' "$sorted" | tail -1)"
