# Shared by the scripts in scripts/: package installation and the build.
# Sourced, not run.

REFCYCLE_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
REFCYCLE_SUPPORTED_LLVM="19 22"

# Debian packages every build needs, and those each LLVM version needs.
refcycle_base_packages() {
  echo cmake ninja-build g++ python3 ccache libgtest-dev libbenchmark-dev \
    python3-jsonschema libgrpc++-dev libprotobuf-dev libabsl-dev neovim \
    graphviz chromium pkg-config
}
# The frameworks whose real headers the lit tests of the framework models
# include (test/checker/lit.cfg.py).
refcycle_framework_packages() {
  echo qtbase5-dev libboost-dev libasio-dev libglibmm-2.4-dev libgtkmm-3.0-dev libevent-dev libuv1-dev
}
refcycle_llvm_packages() {
  local v=$1
  echo "clang-tidy-$v libclang-$v-dev llvm-$v-dev llvm-$v-tools clang-$v clang-tools-$v"
}

# Installs the packages that are not installed yet; touches apt only when
# something is missing, so a second run is quick and offline.
refcycle_install_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" ||
      missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "refcycle: missing Debian packages: ${missing[*]}" >&2
    echo "refcycle: run this script as root, or install them with: sudo apt-get install ${missing[*]}" >&2
    return 1
  fi
  echo "refcycle: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=900 update -qq
  apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# The newest supported LLVM version already installed, else the newest supported.
refcycle_default_llvm() {
  local v
  for v in 22 19; do
    [ -f "/usr/lib/llvm-$v/include/clang-tidy/ClangTidyModule.h" ] && { echo "$v"; return; }
  done
  echo 22
}

# refcycle_build VERSION BUILD_DIR [extra cmake args...]: configure once, then build.
refcycle_build() {
  local v=$1 dir=$2
  shift 2
  cmake -S "$REFCYCLE_ROOT" -B "$dir" -G Ninja -DREFCYCLE_LLVM_VERSION="$v" "$@" >/dev/null
  cmake --build "$dir" -j "$(nproc)"
}
