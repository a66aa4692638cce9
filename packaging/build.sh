#!/usr/bin/env bash
# Builds cnscd's packages into target/dist/, the version from Cargo.toml in their names:
#   cnscd_<version>_amd64.deb                    Debian/Ubuntu (dpkg-deb)
#   cnscd-<version>-windows-x64-setup.exe        Windows installer (mingw-w64 + NSIS)
# Usage: packaging/build.sh [deb|windows|all]   (default: all)
# CNSCD_BINARY=PATH packages that Linux binary instead of building one (CI gives the
# binary its tests ran against, built by `cargo test --release`).
# Needs: cargo; for Windows the rustup target x86_64-pc-windows-gnu and Debian's
# gcc-mingw-w64-x86-64 and nsis (this script installs what is missing when run as root).
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"
version="$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)"
target_dir="${CARGO_TARGET_DIR:-target}"
dist="target/dist"
mkdir -p "$dist"

need_apt() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
    else
      echo "missing packages: ${missing[*]} (sudo apt-get install ${missing[*]})" >&2
      exit 1
    fi
  fi
}

build_deb() {
  local bin="${CNSCD_BINARY:-}"
  if [ -z "$bin" ]; then
    cargo build --release --locked
    bin="$target_dir/release/cnscd"
  fi
  [ -x "$bin" ] || { echo "no binary at $bin" >&2; exit 1; }
  local root
  root="$(mktemp -d)"
  local pkg="$root/cnscd"
  install -Dm755 "$bin" "$pkg/usr/bin/cnscd"
  strip "$pkg/usr/bin/cnscd"
  install -Dm644 packaging/debian/cnscd.desktop "$pkg/usr/share/applications/cnscd.desktop"
  for size in 16 24 32 48 64 128 256; do
    install -Dm644 "assets/icons/cnscd-$size.png" \
      "$pkg/usr/share/icons/hicolor/${size}x${size}/apps/cnscd.png"
  done
  install -Dm644 assets/icons/cnscd.svg "$pkg/usr/share/icons/hicolor/scalable/apps/cnscd.svg"
  install -Dm644 packaging/debian/copyright "$pkg/usr/share/doc/cnscd/copyright"
  install -Dm644 assets/fonts/LICENSE-LiberationSerif.txt "$pkg/usr/share/doc/cnscd/LICENSE-LiberationSerif.txt"
  # The oldest C library the binary asks for.
  local glibc
  glibc="$(objdump -T "$pkg/usr/bin/cnscd" | sed -n 's/.*GLIBC_\([0-9.]*\).*/\1/p' | sort -uV | tail -n1)"
  local size
  size="$(du -sk "$pkg/usr" | cut -f1)"
  mkdir -p "$pkg/DEBIAN"
  sed -e "s/@VERSION@/$version/" -e "s/@GLIBC@/$glibc/" -e "s/@SIZE@/$size/" \
    packaging/debian/control > "$pkg/DEBIAN/control"
  local out="$dist/cnscd_${version}_amd64.deb"
  dpkg-deb --root-owner-group --build "$pkg" "$out" >/dev/null
  rm -rf "$root"
  echo "$out"
}

build_windows() {
  need_apt gcc-mingw-w64-x86-64 nsis
  rustup target add x86_64-pc-windows-gnu >/dev/null 2>&1 || true
  cargo build --release --locked --target x86_64-pc-windows-gnu
  local exe="$target_dir/x86_64-pc-windows-gnu/release/cnscd.exe"
  local stage
  stage="$(mktemp -d)"
  cp "$exe" "$stage/cnscd.exe"
  x86_64-w64-mingw32-strip "$stage/cnscd.exe"
  cp assets/icons/cnscd.ico "$stage/cnscd.ico"
  cp assets/fonts/LICENSE-LiberationSerif.txt "$stage/LICENSE-LiberationSerif.txt"
  cp assets/fonts/ui/README.md "$stage/LICENSE-CNSCDSans.txt"
  # Windows Notepad reads CRLF.
  sed 's/$/\r/' packaging/windows/README.txt > "$stage/README.txt"
  local out="$dist/cnscd-${version}-windows-x64-setup.exe"
  makensis -V2 -INPUTCHARSET UTF8 \
    -DVERSION="$version" -DSRC="$stage" -DOUTFILE="$PWD/$out" \
    packaging/windows/installer.nsi
  rm -rf "$stage"
  echo "$out"
}

case "$what" in
  deb) build_deb ;;
  windows) build_windows ;;
  all) build_deb; build_windows ;;
  *) echo "usage: $0 [deb|windows|all]" >&2; exit 2 ;;
esac
