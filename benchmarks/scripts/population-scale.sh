#!/usr/bin/env bash
# Generates the same synthetic population into a fresh H2 store and a fresh PostgreSQL schema and
# reports certificates per second (with the raw signing rate of the CA key measured in the same run)
# and the store's bytes per certificate.
# Usage: benchmarks/scripts/population-scale.sh [RESIDENTS]   (default 2000)
# PostgreSQL: the server named by SHOMEI_TEST_POSTGRES_URL, _USER, _PASSWORD (source /tmp/shomei-pg.env);
# a schema of its own is made for the run and dropped afterwards. Needs psql and a built
# shomei-app/target/shomei.jar (mvn -pl shomei-app -am package -DskipTests).
# RESULTS=FILE appends, per store, the generation rate against the raw signing rate of the same run and the
# store's bytes per certificate as JSON figures (benchmarks/scripts/suite.sh sets it).
set -euo pipefail
residents=${1:-2000}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
jar="$root/shomei-app/target/shomei.jar"
work=$(mktemp -d)
schema="population_$(date +%s)"
export LC_ALL=C.UTF-8
psql_url=${SHOMEI_TEST_POSTGRES_URL#jdbc:}
export PGPASSWORD=$SHOMEI_TEST_POSTGRES_PASSWORD
pg() { psql "$psql_url" -U "$SHOMEI_TEST_POSTGRES_USER" -qtAc "$1"; }
trap 'pg "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

certificates() { sed -n 's/^this run: [0-9,]* residents, \([0-9,]*\) certificates.*/\1/p' "$1" | tr -d ,; }
# figures STORE OUTPUT BYTES: the store's figures as JSON lines appended to RESULTS, when it is set
figures() {
  [[ -n "${RESULTS:-}" ]] || return 0
  local rate seconds baseline
  rate=$(sed -n 's/^this run: .* in \([0-9.]*\) s: \([0-9.,]*\) certificates\/s$/\2/p' "$2" | tr -d ,)
  seconds=$(sed -n 's/^this run: .* in \([0-9.]*\) s: .*/\1/p' "$2")
  baseline=$(sed -n 's/^signing baseline: \([0-9.,]*\) signatures\/s.*/\1/p' "$2" | tr -d ,)
  jq -nc --arg store "$1" --argjson rate "$rate" --argjson seconds "$seconds" --argjson baseline "$baseline" \
    --argjson certificates "$(certificates "$2")" --arg command "benchmarks/scripts/population-scale.sh $residents" \
    '{name: "population generate into \($store): certificates per second", unit: "certificates/s", value: $rate,
      baseline: {name: "raw signing, signing CA key, 1 thread, mean of before and after", value: $baseline},
      requests: $certificates, seconds: $seconds, command: $command}' >>"$RESULTS"
  jq -nc --arg store "$1" --argjson bytes "$3" --argjson certificates "$(certificates "$2")" \
    --arg command "benchmarks/scripts/population-scale.sh $residents" \
    '{name: "population store \($store): bytes per certificate, whole store", unit: "bytes",
      value: ($bytes / $certificates), command: $command}' >>"$RESULTS"
}

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start"
echo "== H2 (embedded default), $residents residents"
java -jar "$jar" population generate --residents "$residents" --data "$work/h2" 2>/dev/null | tee "$work/h2.out"
h2_bytes=$(stat -c %s "$work/h2/db/shomei.mv.db")
h2_certificates=$(certificates "$work/h2.out")
echo "store: $h2_bytes bytes for $h2_certificates certificates: $((h2_bytes / h2_certificates)) bytes per certificate"
figures "H2 (embedded, file)" "$work/h2.out" "$h2_bytes"

echo "== PostgreSQL ($(pg 'SHOW server_version')), $residents residents"
pg "CREATE SCHEMA $schema"
mkdir -p "$work/pg"
cat > "$work/pg/shomei.properties" <<PROPERTIES
database.url=$SHOMEI_TEST_POSTGRES_URL?currentSchema=$schema
database.user=$SHOMEI_TEST_POSTGRES_USER
PROPERTIES
SHOMEI_DATABASE_PASSWORD=$SHOMEI_TEST_POSTGRES_PASSWORD \
  java -jar "$jar" population generate --residents "$residents" --data "$work/pg" 2>/dev/null | tee "$work/pg.out"
pg_bytes=$(pg "SELECT sum(pg_total_relation_size(format('%I.%I', schemaname, tablename))) FROM pg_tables WHERE schemaname = '$schema'")
pg_certificates=$(certificates "$work/pg.out")
echo "store: $pg_bytes bytes for $pg_certificates certificates: $((pg_bytes / pg_certificates)) bytes per certificate"
figures "PostgreSQL $(pg 'SHOW server_version')" "$work/pg.out" "$pg_bytes"
echo "machine: load average $(cut -d' ' -f1-3 /proc/loadavg) at end"
