#!/usr/bin/env bash
# Install, build and run every test: the normal build, then the ASan+UBSan
# build, then the TSan build (threaded tests).  This is what CI runs (.ci/run)
# and the README's second command.
#
#   scripts/test.sh
#
# Exit status 0 iff every stage built and every test passed.  The last line is
# a summary over all stages: "total: N passed, M failed".
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT" || exit 1

JOBS="${LOCKVM_TEST_JOBS:-2}"
total_passed=0
total_failed=0
stage_report=()

# run_stage NAME BUILD_DIR [setup.sh options...]
run_stage() {
  local name="$1" dir="$2"
  shift 2
  echo
  echo "==================== $name: build ($dir) ===================="
  if ! bash "$ROOT/scripts/setup.sh" "$@"; then
    echo "test.sh: $name: setup/build FAILED"
    total_failed=$((total_failed + 1))
    stage_report+=("$name: build FAILED")
    return
  fi

  echo
  echo "==================== $name: ctest ($dir) ===================="
  local log="$dir/ctest-output.log"
  ctest --test-dir "$dir" --output-on-failure -j"$JOBS" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}

  # ctest's closing line: "100% tests passed, 0 tests failed out of 146"
  local line failed total
  line="$(grep -E '^[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$log" | tail -n 1)"
  if [[ -n "$line" ]]; then
    failed="$(sed -E 's/^[0-9]+% tests passed, ([0-9]+) tests? failed out of ([0-9]+).*/\1/' <<<"$line")"
    total="$(sed -E 's/^[0-9]+% tests passed, ([0-9]+) tests? failed out of ([0-9]+).*/\2/' <<<"$line")"
  else
    # No summary (no tests, or ctest itself failed): count the stage as one failure.
    failed=1
    total=1
  fi
  if [[ $rc -ne 0 && $failed -eq 0 ]]; then
    failed=1  # ctest failed without counting a test failure (e.g. a test not run)
  fi
  total_passed=$((total_passed + total - failed))
  total_failed=$((total_failed + failed))
  stage_report+=("$name: $((total - failed)) passed, $failed failed (ctest exit $rc)")
}

run_stage "default" build
run_stage "asan+ubsan" build-asan --asan

# ThreadSanitizer on the threaded scripts under the thread-safe policies
# (gil, objlocks, brc; see tests/scripts.cmake).
run_stage "tsan" build-tsan --tsan
echo
echo "==================== summary ===================="
for line in "${stage_report[@]}"; do
  echo "  $line"
done
echo "total: $total_passed passed, $total_failed failed"
[[ $total_failed -eq 0 ]]
