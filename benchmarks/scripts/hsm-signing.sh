#!/usr/bin/env bash
# Signatures per second on one SoftHSM RSA-2048 key: the raw ipkcs11wrapper C_SignInit/C_Sign
# baseline, the Pkcs11KeySource pool, and signing certificates issued through the lifecycle with
# that key as the signing CA key; all in one JMH run. Extra arguments go to JMH (e.g. -t 2);
# BENCHMARKS=regex runs only some of them.
# Usage: flock /tmp/shomei-bench.lock benchmarks/scripts/hsm-signing.sh [JMH OPTIONS]
# Build first: mvn -B -ntp -q -pl benchmarks -am package -DskipTests
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
module=/usr/lib/softhsm/libsofthsm2.so
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/tokens"
printf 'directories.tokendir = %s\nobjectstore.backend = file\nlog.level = ERROR\n' "$work/tokens" > "$work/softhsm2.conf"
export SOFTHSM2_CONF="$work/softhsm2.conf"
label="bench-$(openssl rand -hex 4)"
(umask 077; openssl rand -hex 12 > "$work/pin")
softhsm2-util --init-token --free --label "$label" --so-pin "$(openssl rand -hex 12)" --pin "$(cat "$work/pin")" >/dev/null
# The one key of the run, made before any fork so that every benchmark signs with it.
pkcs11-tool --module "$module" --token-label "$label" --login --pin "$(cat "$work/pin")" \
  --keypairgen --key-type rsa:2048 --label ca-sign-1 --id 01 --usage-sign >/dev/null

export SHOMEI_BENCH_PKCS11_MODULE=$module SHOMEI_BENCH_PKCS11_TOKEN=$label SHOMEI_BENCH_PKCS11_PIN_FILE=$work/pin
java -cp "$root/benchmarks/target/benchmarks.jar:$root/benchmarks/target/lib/*" org.openjdk.jmh.Main \
  "${BENCHMARKS:-HsmSigningBenchmark}" "$@"
