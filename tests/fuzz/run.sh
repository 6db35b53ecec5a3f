#!/usr/bin/env bash
# Runs each libFuzzer harness for SECONDS, from seed corpora made of the fixtures, and prints
# one line of figures per harness. Usage: tests/fuzz/run.sh BUILD_DIR SECONDS [HARNESS...]
# Corpora grow in BUILD_DIR/fuzz-corpus/NAME (kept between runs); crashes land in
# BUILD_DIR/fuzz-crashes/ and make the script fail.
set -euo pipefail
build=$1
seconds=$2
shift 2
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=(jsonl_fuzz segment_fuzz extract_fuzz rules_fuzz dates_fuzz)
root="$(cd "$(dirname "$0")/../.." && pwd)"

seed() {  # seed NAME: fills $build/fuzz-seeds/NAME from the fixtures
  local dir="$build/fuzz-seeds/$1" n=0
  rm -rf "$dir"
  mkdir -p "$dir"
  case "$1" in
    jsonl_fuzz)
      while IFS= read -r line; do
        n=$((n + 1))
        printf '%s\n' "$line" >"$dir/record-$n"
      done <"$root/fixtures/audit/archive.jsonl"
      cp "$root/fixtures/audit/archive.jsonl" "$dir/archive"
      ;;
    segment_fuzz)
      find "$root/fixtures" -name '*.txt' -exec cp -t "$dir" {} +
      ;;
    extract_fuzz | dates_fuzz)
      # Two bytes of document date (2024-03-23 from 1990-01-01: 0x3094), then the text.
      for f in $(find "$root/fixtures" -name '*.txt'); do
        n=$((n + 1))
        { printf '\x30\x94'; cat "$f"; } >"$dir/text-$n"
      done
      ;;
    rules_fuzz)
      local k=0
      for name in claims/killed dates segmentation people numbers events boilerplate macros; do
        { printf "\\x$(printf %02x $k)"; cat "$root/rules/$name.json"; } >"$dir/$(basename $name)"
        k=$((k + 1))
      done
      ;;
  esac
  # Inputs that once crashed a harness stay in its seeds.
  if [ -d "$root/tests/fuzz/regressions/$1" ]; then
    cp "$root/tests/fuzz/regressions/$1"/* "$dir/"
  fi
}

status=0
for h in "${harnesses[@]}"; do
  seed "$h"
  corpus="$build/fuzz-corpus/$h"
  crashes="$build/fuzz-crashes/$h/"
  mkdir -p "$corpus" "$crashes"
  log="$build/fuzz-$h.log"
  # -timeout: no single input may take 2 seconds (a rule file, which compiles patterns, 10);
  # -rss_limit_mb: nor 2 GB.
  timeout=2
  [ "$h" = rules_fuzz ] && timeout=10
  if ! "$build/tests/fuzz/$h" -max_total_time="$seconds" -timeout=$timeout -rss_limit_mb=2048 \
      -max_len=65536 -print_final_stats=1 -artifact_prefix="$crashes" \
      "$corpus" "$build/fuzz-seeds/$h" >"$log" 2>&1; then
    echo "$h: FAILED, see $log and $crashes" >&2
    status=1
  fi
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -1 || true)
  echo "$h: ${seconds} s, ${runs} runs, ${cov}, corpus $(ls "$corpus" | wc -l) inputs"
done
exit $status
