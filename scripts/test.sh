#!/usr/bin/env bash
# Install, build and run every test: the normal build, then the ASan+UBSan
# build, then the TSan build (threaded tests), then the profile-guided build
# (one policy, its benchmark checksums).  This is what CI runs (.ci/run)
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
  local name="$1" dir="$2" t0=$SECONDS
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
  echo "==================== $name: ctest ($dir), built in $((SECONDS - t0)) s ===================="
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
  stage_report+=("$name: $((total - failed)) passed, $failed failed (ctest exit $rc), $((SECONDS - t0)) s")
}

run_stage "default" build

# The embedding package: install a build into a temporary prefix, then build
# samples/embed as an outside project against it (find_package) and run the
# samples; one sample is also built with pkg-config.
#   embed_stage NAME BUILD_DIR [sanitizer flags for the samples]
embed_stage() {
  local name="$1" dir="$2" flags="${3:-}"
  echo
  echo "==================== $name: install + samples/embed ($dir) ===================="
  if [[ ! -f "$dir/CMakeCache.txt" ]]; then
    total_failed=$((total_failed + 1))
    stage_report+=("$name: no build in $dir")
    return
  fi
  local prefix work rc=0
  prefix="$(mktemp -d)"
  work="$(mktemp -d)"
  cmake --install "$dir" --prefix "$prefix" >"$work/install.log" 2>&1 || { cat "$work/install.log"; rc=1; }
  if ((rc == 0)); then
    local cxx
    cxx="$(sed -n 's/^CMAKE_CXX_COMPILER:[A-Z]*=//p' "$dir/CMakeCache.txt")"
    cmake -S samples/embed -B "$work/build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
      -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="$flags" \
      -DCMAKE_PREFIX_PATH="$prefix" >"$work/configure.log" 2>&1 &&
      cmake --build "$work/build" -j"$JOBS" || { cat "$work/configure.log"; rc=1; }
  fi
  if ((rc == 0)); then
    for sample in rules_host inventory_host threads_host; do
      echo "---- $sample"
      "$work/build/$sample" || { echo "test.sh: $sample FAILED"; rc=1; }
    done
    echo "---- rules_host built with pkg-config"
    # shellcheck disable=SC2046
    # shellcheck disable=SC2086
    "${cxx:-c++}" -O1 $flags -DSAMPLES_DIR="\"$ROOT/samples/embed\"" samples/embed/rules_host.cpp -o "$work/rules_pc" \
      $(PKG_CONFIG_PATH="$prefix/lib/pkgconfig:$prefix/lib64/pkgconfig" pkg-config --cflags --libs lockvm) &&
      "$work/rules_pc" >/dev/null || { echo "test.sh: pkg-config build FAILED"; rc=1; }
  fi
  rm -rf "$prefix" "$work"
  if ((rc == 0)); then
    total_passed=$((total_passed + 1))
    stage_report+=("$name: install + samples passed")
  else
    total_failed=$((total_failed + 1))
    stage_report+=("$name: install + samples FAILED")
  fi
}
embed_stage "embed" build
run_stage "asan+ubsan" build-asan --asan
embed_stage "embed asan+ubsan" build-asan "-fsanitize=address,undefined -fno-sanitize-recover=undefined"

# ThreadSanitizer on the threaded scripts under the thread-safe policies
# (gil, objlocks, brc; see tests/scripts.cmake).
run_stage "tsan" build-tsan --tsan
embed_stage "embed tsan" build-tsan "-fsanitize=thread"  # the samples use gil and brc only

# The profile-guided build that bench/run times (scripts/setup.sh --pgo), with
# one policy to keep CI short: instrumented build, training run, optimized
# rebuild; then the training workload's output against CPython's and every
# benchmark program's checksum, on the optimized binary.
pgo_stage() {
  local t0=$SECONDS
  echo
  echo "==================== pgo: setup.sh --pgo --policies=nolock (build-pgo-ci) ===================="
  if bash "$ROOT/scripts/setup.sh" --pgo --policies=nolock --build-dir=build-pgo-ci &&
     build-pgo-ci/lockvm --version | grep -q "profile-guided build" &&
     diff <(python3 bench/pgo/train.py) <(build-pgo-ci/lockvm bench/pgo/train.py) &&
     python3 bench/run --quick --lockvm build-pgo-ci/lockvm; then
    total_passed=$((total_passed + 1))
    stage_report+=("pgo: build, training, bench --quick passed, $((SECONDS - t0)) s")
  else
    total_failed=$((total_failed + 1))
    stage_report+=("pgo: FAILED, $((SECONDS - t0)) s")
  fi
}
pgo_stage
echo
echo "==================== summary ===================="
for line in "${stage_report[@]}"; do
  echo "  $line"
done
echo "total: $total_passed passed, $total_failed failed, $SECONDS s"
[[ $total_failed -eq 0 ]]
