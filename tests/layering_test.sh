#!/usr/bin/env bash
# Checks that each stage of lib/ includes only the public headers of itself, earlier stages,
# and base. Stage order: base < ingest < segment < extract < resolve < compare < report.
set -euo pipefail
root="${1:-$(dirname "$0")/..}"
cd "$root/lib"
declare -A rank=([base]=0 [ingest]=1 [segment]=2 [extract]=3 [resolve]=4 [compare]=5 [report]=6)
# The stage each public header belongs to.
declare -A owner=(
  [status.h]=base [atomic_file.h]=base [diagnostic.h]=base [embedded.h]=base [span.h]=base [strings.h]=base [atom.h]=base [rule_files.h]=base [version.h]=base
  [ingest.h]=ingest [segment.h]=segment [claim.h]=extract [extract.h]=extract [rules.h]=extract
  [numbers.h]=extract [dates.h]=extract [people.h]=extract [resolve.h]=resolve [compare.h]=compare [report.h]=report [claims_io.h]=report
)
fail=0
for stage in "${!rank[@]}"; do
  [ -d "$stage" ] || continue
  while IFS= read -r line; do
    file=${line%%:*}
    header=$(sed -E 's/.*#include "(factdiff|[a-z]+)\/([a-z_0-9]+\.h)".*/\1 \2/' <<<"$line")
    dir=${header%% *}
    name=${header##* }
    if [ "$dir" = factdiff ]; then
      dep=${owner[$name]:-}
      if [ -z "$dep" ]; then echo "$file: header factdiff/$name has no stage in tests/layering_test.sh"; fail=1; continue; fi
    else
      dep=$dir
    fi
    if [ "${rank[$dep]}" -gt "${rank[$stage]}" ]; then
      echo "$file: stage '$stage' includes $dir/$name from the later stage '$dep'"
      fail=1
    fi
  done < <(grep -rHn '#include "' "$stage" | sed 's/:[0-9]*:/:/')
done
# Public headers may only include headers of their own or earlier stages, too.
for h in include/factdiff/*.h; do
  name=$(basename "$h")
  stage=${owner[$name]:-}
  [ -n "$stage" ] || { echo "$h: no stage in tests/layering_test.sh"; fail=1; continue; }
  for inc in $(grep -oE '#include "factdiff/[a-z_0-9]+\.h"' "$h" | sed -E 's/.*factdiff\/(.*)"/\1/'); do
    dep=${owner[$inc]:-}
    if [ -n "$dep" ] && [ "${rank[$dep]}" -gt "${rank[$stage]}" ]; then
      echo "$h: includes factdiff/$inc from the later stage '$dep'"
      fail=1
    fi
  done
done
exit $fail
