# The differential script suite (tests/scripts/*.py, run by tests/run_scripts.py),
# the REPL test (tests/repl/test_repl.py) and the counters test (tests/cli).  Included from tests/CMakeLists.txt;
# needs the `lockvm` target.
#
#   ctest -L scripts             all scripts, each under every policy lockvm lists
#   ctest -R script/str_methods  the scripts whose name matches
#   ctest -L repl                the REPL through a pseudo-terminal
#   ctest -L cli                 the counters of --stats-json and compare
#
# One ctest test per script, so that a failure names the script.  The runner
# asks `lockvm --list-policies` for the policies, so new policies are picked up
# without editing this file.  Adding a script only needs a re-run of cmake,
# which the build does by itself (CONFIGURE_DEPENDS).

find_package(Python3 3.9 REQUIRED COMPONENTS Interpreter)

set(LOCKVM_TESTS_DIR ${CMAKE_CURRENT_LIST_DIR})
set(LOCKVM_RUN_SCRIPTS ${LOCKVM_TESTS_DIR}/run_scripts.py)

file(GLOB LOCKVM_SCRIPT_FILES CONFIGURE_DEPENDS ${LOCKVM_TESTS_DIR}/scripts/*.py)
list(FILTER LOCKVM_SCRIPT_FILES EXCLUDE REGEX "_helper\\.py$")
list(SORT LOCKVM_SCRIPT_FILES)
# Under ThreadSanitizer only the scripts that run threads (or fork beside
# them, or run isolated interpreters on worker threads) run: the stage exists
# for data races; the full suite runs in the other builds.
if(LOCKVM_SANITIZE STREQUAL "thread")
  list(FILTER LOCKVM_SCRIPT_FILES INCLUDE REGEX "/(threading_|seed_threading|socket_|mp_|futures_|interp_|asyncio_threads)[^/]*\\.py$")
endif()

foreach(script IN LISTS LOCKVM_SCRIPT_FILES)
  get_filename_component(name ${script} NAME_WE)
  add_test(NAME script/${name}
    COMMAND ${Python3_EXECUTABLE} ${LOCKVM_RUN_SCRIPTS}
            --lockvm $<TARGET_FILE:lockvm> --python ${Python3_EXECUTABLE}
            -j 1 ${name}.py)
  # The runner's own limit is 60 s per run (CPython once + lockvm per policy).
  set_tests_properties(script/${name} PROPERTIES LABELS "scripts" TIMEOUT 400)
  if(LOCKVM_SANITIZE STREQUAL "thread")
    # A child forked from a process with threads starts threads of its own
    # (mp_fork_with_threads, futures_hybrid), which TSan refuses unless told
    # otherwise; races it finds there are still reported (exit status 66).
    set_tests_properties(script/${name} PROPERTIES ENVIRONMENT "TSAN_OPTIONS=die_after_fork=0")
  endif()
endforeach()

# The runner checked against stand-ins for lockvm (no lockvm needed).
add_test(NAME scripts-runner-selftest
  COMMAND ${Python3_EXECUTABLE} ${LOCKVM_RUN_SCRIPTS} --self-test)
set_tests_properties(scripts-runner-selftest PROPERTIES LABELS "scripts" TIMEOUT 120)

# The REPL, driven through a pseudo-terminal as a person would.
if(NOT LOCKVM_SANITIZE STREQUAL "thread")
add_test(NAME repl
  COMMAND ${Python3_EXECUTABLE} ${LOCKVM_TESTS_DIR}/repl/test_repl.py $<TARGET_FILE:lockvm>)
set_tests_properties(repl PROPERTIES LABELS "repl" TIMEOUT 180)
endif()

# The counters of --stats-json and of `lockvm compare --json`, per policy.
if(NOT LOCKVM_SANITIZE STREQUAL "thread")
add_test(NAME cli-stats
  COMMAND ${Python3_EXECUTABLE} ${LOCKVM_TESTS_DIR}/cli/test_stats.py $<TARGET_FILE:lockvm>)
set_tests_properties(cli-stats PROPERTIES LABELS "cli" TIMEOUT 300)
endif()

# The Python samples, small, under every policy: they run and leak nothing.
add_test(NAME samples
  COMMAND ${Python3_EXECUTABLE} ${LOCKVM_TESTS_DIR}/cli/test_samples.py $<TARGET_FILE:lockvm>
          ${CMAKE_SOURCE_DIR}/samples)
set_tests_properties(samples PROPERTIES LABELS "cli" TIMEOUT 600)

# The benchmark harness in its CI mode: every program (and the threaded ones
# at 1 and 2 threads) at a small size under every policy, python3 and Lua,
# checksums compared; nothing is timed. Not under the sanitizers (their
# builds are too slow for it and the script suite covers the same code).
if(NOT LOCKVM_SANITIZE)
add_test(NAME bench-quick
  COMMAND ${Python3_EXECUTABLE} ${CMAKE_SOURCE_DIR}/bench/run --quick
          --lockvm $<TARGET_FILE:lockvm> --python ${Python3_EXECUTABLE})
set_tests_properties(bench-quick PROPERTIES LABELS "bench" TIMEOUT 600)
# The per-policy instruction table (--icount-policies) on one small program:
# it must finish with a geometric-mean row of percentages. valgrind is one of
# setup.sh's packages; a sanitizer build cannot run under it.
add_test(NAME bench-icount-policies
  COMMAND ${Python3_EXECUTABLE} ${CMAKE_SOURCE_DIR}/bench/run --icount-policies
          --lockvm $<TARGET_FILE:lockvm> fib)
set_tests_properties(bench-icount-policies PROPERTIES LABELS "bench" TIMEOUT 600
  PASS_REGULAR_EXPRESSION "geomean( +[-+][0-9]+\\.[0-9] %)+")
endif()
