#!/usr/bin/env bash
# Generates the same synthetic population into a fresh H2 store and a fresh PostgreSQL schema and
# reports certificates per second (with the raw signing rate of the CA key measured in the same run)
# and the store's bytes per certificate.
# Usage: benchmarks/scripts/population-scale.sh [RESIDENTS]   (default 2000)
# PostgreSQL: the server named by SHOMEI_TEST_POSTGRES_URL, _USER, _PASSWORD (source /tmp/shomei-pg.env);
# a schema of its own is made for the run and dropped afterwards. Needs psql and a built
# shomei-app/target/shomei.jar (mvn -pl shomei-app -am package -DskipTests).
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

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start"
echo "== H2 (embedded default), $residents residents"
java -jar "$jar" population generate --residents "$residents" --data "$work/h2" 2>/dev/null | tee "$work/h2.out"
h2_bytes=$(stat -c %s "$work/h2/db/shomei.mv.db")
h2_certificates=$(certificates "$work/h2.out")
echo "store: $h2_bytes bytes for $h2_certificates certificates: $((h2_bytes / h2_certificates)) bytes per certificate"

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
echo "machine: load average $(cut -d' ' -f1-3 /proc/loadavg) at end"
