#!/usr/bin/env bash
# Tries the Debian package: installs with apt, runs from the PATH, validates the
# desktop entry, makes a decision PDF, then removes the package and checks nothing of it
# is left. Needs root (apt).
# Usage: packaging/test/deb.sh [PACKAGE.deb]
set -euo pipefail
cd "$(dirname "$0")/../.."
deb="$(realpath "${1:-$(ls target/dist/cnscd_*_amd64.deb | tail -n1)}")"
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v desktop-file-validate >/dev/null || {
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends desktop-file-utils
}
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" >/dev/null
[ "$(command -v cnscd)" = /usr/bin/cnscd ] || fail "cnscd is not on the PATH"
cnscd --help | grep -q "Usage" || fail "cnscd --help"
desktop-file-validate /usr/share/applications/cnscd.desktop || fail "desktop entry"
for size in 16 32 48 256; do
  [ -f "/usr/share/icons/hicolor/${size}x${size}/apps/cnscd.png" ] || fail "icon ${size}px"
done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cnscd --db "$work/x.db" demo >/dev/null
cnscd --db "$work/x.db" print decision --team 1 --number 23 --date 2022-07-27 --out "$work/qd.pdf" >/dev/null
[ -s "$work/qd.pdf" ] || fail "no PDF"
echo "installed: $(dpkg -s cnscd | sed -n 's/^Version: //p'), $(du -h /usr/bin/cnscd | cut -f1) binary"
DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq cnscd >/dev/null
[ ! -e /usr/bin/cnscd ] || fail "the binary is still there"
[ ! -e /usr/share/applications/cnscd.desktop ] || fail "the desktop entry is still there"
dpkg -s cnscd >/dev/null 2>&1 && fail "the package is still registered"
echo "Debian package: OK"
