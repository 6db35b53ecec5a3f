#!/usr/bin/env bash
# Builds a scale archive for the audit benchmark: the real archives in ../shared/corpora repeated,
# each copy's records given fresh ids ("<id>-r<N>"), until the file holds at least SIZE_MB
# megabytes. Usage: bench/make_scale_archive.sh SIZE_MB OUT.jsonl [CORPORA_DIR]
set -euo pipefail
size_mb=${1:?size in MB}
out=${2:?output file}
corpora=${3:-$(dirname "$0")/../../shared/corpora}
inputs=("$corpora"/ecbplus.jsonl "$corpora"/fakes.jsonl)
: > "$out"
target=$((size_mb * 1000 * 1000))
round=0
while [ "$(stat -c %s "$out")" -lt "$target" ]; do
  round=$((round + 1))
  sed -E "s/^\\{\"id\": \"([^\"]*)\"/{\"id\": \"\\1-r$round\"/" "${inputs[@]}" >> "$out"
done
echo "$out: $(stat -c %s "$out") bytes, $(wc -l < "$out") records, $round rounds"
