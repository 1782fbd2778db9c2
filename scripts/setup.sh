#!/usr/bin/env bash
# Install what lockvm needs on Debian 12 (only what is missing) and build it.
#
#   scripts/setup.sh              install + build in build/        (RelWithDebInfo)
#   scripts/setup.sh --asan       install + build in build-asan/   (ASan + UBSan)
#   scripts/setup.sh --tsan       install + build in build-tsan/   (TSan)
#   scripts/setup.sh --pgo        install + profile-guided build in build-pgo/
#                                 (instrumented build, training run, rebuild;
#                                 the lockvm binary only: what bench/run times)
#   scripts/setup.sh --no-build   install only
#   --policies=A;B                build only these policies (default: all four)
#   --build-dir=DIR               build in DIR instead (scripts/test.sh builds its
#                                 one-policy PGO check in build-pgo-ci/, so that
#                                 build-pgo/, which bench/run times, keeps all four)
#
# Safe to run again: packages already installed are left alone, `apt-get
# update` runs only when something is missing, and the build is incremental
# (ccache keeps object files across build directories and clean clones).
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config
  libboost1.81-dev libboost-context1.81-dev libboost-fiber1.81-dev libabsl-dev doctest-dev
  libedit-dev libmimalloc-dev python3 lua5.4 valgrind time
)

build_dir=build
sanitize=""
pgo=0
policies=""
dir_override=""
do_build=1
for arg in "$@"; do
  case "$arg" in
    --asan) build_dir=build-asan; sanitize=address ;;
    --tsan) build_dir=build-tsan; sanitize=thread ;;
    --pgo) build_dir=build-pgo; pgo=1 ;;
    --policies=*) policies="${arg#--policies=}" ;;
    --build-dir=*) dir_override="${arg#--build-dir=}" ;;
    --no-build) do_build=0 ;;
    -h|--help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "setup.sh: unknown option: $arg (try --help)" >&2; exit 2 ;;
  esac
done

[[ -n "$dir_override" ]] && build_dir="$dir_override"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

say() { printf '== setup: %s\n' "$*"; }

# ---- packages -------------------------------------------------------------
missing=()
for pkg in "${PACKAGES[@]}"; do
  status="$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)"
  [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done

if ((${#missing[@]})); then
  say "installing: ${missing[*]}"
  SUDO=()
  if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null; then
      SUDO=(sudo)
    else
      echo "setup.sh: missing packages (${missing[*]}) and not root; run as root or install sudo" >&2
      exit 1
    fi
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get update
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y --no-install-recommends "${missing[@]}"
else
  say "all ${#PACKAGES[@]} packages already installed"
fi

((do_build)) || exit 0

# ---- build ----------------------------------------------------------------
# A directory configured with another generator cannot be reused with Ninja.
if [[ -f "$build_dir/CMakeCache.txt" ]] &&
   ! grep -q '^CMAKE_GENERATOR:INTERNAL=Ninja$' "$build_dir/CMakeCache.txt"; then
  say "$build_dir was configured with another generator; starting it afresh"
  rm -rf "$build_dir"
fi

cmake_args=(-S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo)
if [[ -n "$sanitize" ]]; then
  cmake_args+=(-DLOCKVM_SANITIZE="$sanitize")
  # TSan cannot follow Boost.Fiber's stack switches: no nolock in that build.
  [[ "$sanitize" == thread ]] && cmake_args+=(-DLOCKVM_POLICIES="gil;objlocks;brc")
fi
[[ -n "$policies" ]] && cmake_args+=(-DLOCKVM_POLICIES="$policies")
if command -v ccache >/dev/null; then
  cmake_args+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi

if ((pgo)); then
  # Three steps in one directory (the profile names object files by path).
  profile="$ROOT/$build_dir/pgo-profile"
  say "pgo 1/3: instrumented build in $build_dir"
  cmake "${cmake_args[@]}" -DLOCKVM_PGO=generate -DLOCKVM_PGO_DIR="$profile"
  cmake --build "$build_dir" --target lockvm
  say "pgo 2/3: training run (bench/pgo/train.sh)"
  rm -rf "$profile"
  bench/pgo/train.sh "$build_dir/lockvm"
  say "pgo 3/3: optimized build"
  cmake "${cmake_args[@]}" -DLOCKVM_PGO=use -DLOCKVM_PGO_DIR="$profile"
  cmake --build "$build_dir" --target lockvm
else
  say "configuring $build_dir ${sanitize:+(sanitizer: $sanitize)}"
  cmake "${cmake_args[@]}"
  say "building $build_dir"
  cmake --build "$build_dir"
fi
if command -v ccache >/dev/null; then
  ccache --show-stats 2>/dev/null | grep -iE '^ *(cache hit|hits|misses|cache size)' | sed 's/^/   ccache: /' || true
fi
say "done: $build_dir/lockvm"
