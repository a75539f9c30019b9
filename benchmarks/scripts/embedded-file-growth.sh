#!/usr/bin/env bash
# The embedded H2 file under bulk generation (BENCHMARKS.md, "The embedded file under bulk generation"):
# generates RESIDENTS residents on two workers into a new embedded store, samples the file's size every
# 2 s, and prints its peak and final size as written, its size after `shomei store compact`, and the
# generation rate. Legs of compaction are switched off (--compact-growth beyond any file), so the figure
# is what the running store's own compaction keeps.
# Usage: embedded-file-growth.sh RESIDENTS [LABEL]
# Needs java and a built shomei-app/target/shomei.jar (SHOMEI_APP: a directory holding shomei.jar and
# lib/, so that a rebuild does not change a running measurement). Run it under flock /tmp/shomei-bench.lock.
set -euo pipefail
residents=${1:?usage: embedded-file-growth.sh RESIDENTS [LABEL]}
label=${2:-$(git -C "$(dirname "${BASH_SOURCE[0]}")" rev-parse --short HEAD)}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
jar="${SHOMEI_APP:-$root/shomei-app/target}/shomei.jar"
work=$(mktemp -d /tmp/shomei-file-growth.XXXXXX)
trap 'rm -rf "$work"' EXIT
file="$work/data/db/shomei.mv.db"
shomei() { java -Dstdout.encoding=UTF-8 -Dstderr.encoding=UTF-8 -jar "$jar" "$@"; }

started=$(date +%s)
shomei population generate --residents "$residents" --workers 2 --compact-growth 100000000 --data "$work/data" \
  > "$work/out" 2> "$work/err" &
generator=$!
peak=0
while kill -0 "$generator" 2>/dev/null; do
  size=$(stat -c %s "$file" 2>/dev/null || echo 0)
  (( size > peak )) && peak=$size
  sleep 2
done
wait "$generator" || { cat "$work/err" >&2; exit 1; }
seconds=$(( $(date +%s) - started ))
final=$(stat -c %s "$file")
shomei store compact --data "$work/data" > /dev/null
compacted=$(stat -c %s "$file")
certificates=$(grep -oE '[0-9,]+ certificates \(' "$work/out" | head -1 | tr -d ',(' | cut -d' ' -f1)
rate=$(grep -oE '[0-9.,]+ certificates/s' "$work/out" | head -1)
echo "$label: $residents residents, $certificates certificates in ${seconds} s ($rate); file peak $((peak >> 20)) MB," \
  "final $((final >> 20)) MB, compacted $((compacted >> 20)) MB: peak $(( peak / certificates )) bytes per certificate," \
  "$(awk -v p="$peak" -v c="$compacted" 'BEGIN { printf "%.1f", p / c }') times the compacted size"
