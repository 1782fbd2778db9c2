#!/usr/bin/env bash
# The training run of the profile-guided build: runs an instrumented lockvm
# (LOCKVM_PGO=generate) over bench/pgo/train.py and the differential test
# scripts, under every policy built into it. scripts/setup.sh --pgo calls it
# between the instrumented and the optimized build.
#
#   bench/pgo/train.sh path/to/lockvm
#
# The scripts' output is discarded and their exit status ignored: some test
# scripts end in an exception on purpose. Only the branch counts matter.
set -uo pipefail
lockvm="$1"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root" || exit 1
for policy in $("$lockvm" --list-policies); do
  echo "   training: $policy"
  "$lockvm" --policy="$policy" bench/pgo/train.py 5 >/dev/null ||
    { echo "train.sh: bench/pgo/train.py failed under $policy" >&2; exit 1; }
  for script in tests/scripts/*.py; do
    timeout 30 "$lockvm" --policy="$policy" "$script" >/dev/null 2>&1 </dev/null
  done
done
