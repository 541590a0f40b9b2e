# Shared by start.sh and test.sh: install what is missing, configure and build.
# Idempotent: a second run installs nothing and rebuilds only what changed.
set -euo pipefail

JIAYI_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JIAYI_BUILD="${JIAYI_BUILD_DIR:-$JIAYI_ROOT/build}"

# Debian 12 / Ubuntu 22.04+ package names (shared/TOOLCHAIN.md).
# SQLite itself is built from SQLCipher's amalgamation (encryption at rest), fetched once with
# npm (cmake/SqlCipher.cmake); Debian's npm is installed only where no npm is found.
JIAYI_PACKAGES=(build-essential cmake g++ pkg-config ccache libwxgtk3.2-dev
  libpoco-dev libpq-dev libcurl4-openssl-dev libboost-test-dev libssl-dev zlib1g-dev
  gettext xvfb xauth x11-apps imagemagick fonts-wqy-microhei openssl python3 wx3.2-i18n
  libcairo2-dev libpango1.0-dev poppler-utils libxlsxwriter-dev python3-openpyxl postgresql)

jiayi_install_packages() {
  local missing=()
  command -v npm >/dev/null 2>&1 || missing+=(npm)
  for p in "${JIAYI_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "jiayi: installing ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}

jiayi_build() {
  local jobs
  jobs="$(nproc 2>/dev/null || echo 2)"
  if [ ! -f "$JIAYI_BUILD/CMakeCache.txt" ]; then
    cmake -S "$JIAYI_ROOT" -B "$JIAYI_BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
  fi
  cmake --build "$JIAYI_BUILD" -j "$jobs"
}
