# Sourced: ensure_debian_packages <command> <package>... installs Debian packages when <command> is
# missing. Idempotent; runs `apt-get update` only when the package lists do not offer a package
# (or the install fails on a stale list).
ensure_debian_packages() {
  local probe="$1"; shift
  if command -v "$probe" >/dev/null 2>&1; then return 0; fi
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  _apt_install() { DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "$@" >&2; }
  echo "[apt] installing $*" >&2
  local offered=1
  for pkg in "$@"; do apt-cache policy "$pkg" 2>/dev/null | grep -q 'Candidate: [0-9]' || offered=0; done
  if [ "$offered" -eq 0 ] || ! _apt_install "$@"; then
    echo "[apt] apt-get update, then installing again" >&2
    $sudo apt-get update -q >&2
    _apt_install "$@"
  fi
  command -v "$probe" >/dev/null 2>&1 || { echo "[apt] $probe still missing after installing $*" >&2; return 1; }
}
