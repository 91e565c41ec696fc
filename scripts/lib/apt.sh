# Sourced by the test scripts: installs missing Debian packages, or fails loudly.
#   apt_install WHO PACKAGE...
# Needs root and apt-get. `apt-get update` runs once per test run (APT_UPDATED is exported
# so that scripts started by test-all do not update again).
apt_install() {
  local who=$1
  shift
  [ $# -gt 0 ] || return 0
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "error: $who needs $* and cannot apt-get install them (not root, or no apt-get); install them and rerun" >&2
    exit 1
  fi
  echo "installing $*"
  if [ -z "${APT_UPDATED:-}" ]; then
    apt-get update -qq
    export APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
