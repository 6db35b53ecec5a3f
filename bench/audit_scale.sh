#!/usr/bin/env bash
# The audit benchmark: builds scale archives from ../shared/corpora (make_scale_archive.sh) and
# times `factdiff audit` on each with 1 and 2 jobs, printing one Markdown table row a run:
# archive size, records, jobs, seconds, MB/s of archive, peak memory.
# Usage: bench/audit_scale.sh [BUILD_DIR] [SIZES_MB...]   (default: build 10 100 300 1000)
# Archives are kept in ${SCALE_DIR:-/tmp} and reused; JOBS="1 2" by default.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-build}
shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10 100 300 1000)
dir=${SCALE_DIR:-/tmp}
echo "| archive | records | jobs | time | MB/s | peak memory |"
echo "| --- | --- | --- | --- | --- | --- |"
for mb in "${sizes[@]}"; do
  archive="$dir/scale$mb.jsonl"
  [ -s "$archive" ] || "$here/make_scale_archive.sh" "$mb" "$archive" >/dev/null
  bytes=$(stat -c %s "$archive")
  records=$(wc -l < "$archive")
  for jobs in ${JOBS:-1 2}; do
    out=$(mktemp -d)
    /usr/bin/time -f "%e %M" -o "$out/time" "$build/factdiff" audit -q --jobs "$jobs" "$archive" \
      --out "$out/audit" 2>/dev/null || [ $? -le 1 ]
    read -r seconds kb < <(tail -n 1 "$out/time")
    rm -rf "$out"
    awk -v b="$bytes" -v r="$records" -v j="$jobs" -v s="$seconds" -v k="$kb" 'BEGIN {
      printf "| %.0f MB | %d | %d | %.1f s | %.1f | %.0f MB |\n", b / 1e6, r, j, s, b / 1e6 / s, k / 1024 }'
  done
done
