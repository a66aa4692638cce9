#!/usr/bin/env bash
# Tries the Windows installer as a commune's PC would meet it, under wine: a silent
# per-user install, the program's files and shortcuts where they belong, `demo` and
# `print decision` on a fresh database in the user's application-data folder (the PDF
# checked as on Linux), the window under Xvfb with a screenshot, then a silent uninstall
# that removes the program and keeps the data.
# Usage: packaging/test/windows.sh [SETUP.exe] [SCREENSHOT.png]
set -euo pipefail
cd "$(dirname "$0")/../.."
setup="$(realpath "${1:-$(ls target/dist/cnscd-*-windows-x64-setup.exe | tail -n1)}")"
shot="$(realpath -m "${2:-target/dist/windows-window.png}")"
name="Quản lý Tổ công nghệ số cộng đồng"

for tool in wine xvfb-run xdotool xwd convert pdftotext pdffonts x86_64-w64-mingw32-gcc; do
  command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }
done

work="$(mktemp -d)"
cleanup() {
  wineserver -k >/dev/null 2>&1 || true
  [ -n "${xvfb:-}" ] && kill "$xvfb" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
export WINEPREFIX="$work/wine" WINEARCH=win64 WINEDEBUG=-all
# One X server for wine's own windows and the program's.
display=":$((90 + RANDOM % 100))"
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
export DISPLAY="$display"
sleep 1
# No Mono or Gecko download prompts: the program needs neither.
export WINEDLLOVERRIDES="mscoree,mshtml="
wineboot -i >/dev/null 2>&1
wineserver -w

# wine 8 has no ProcessPrng: a stand-in, in wine's system folder only.
x86_64-w64-mingw32-gcc -shared -O2 -o "$work/bcryptprimitives.dll" \
  packaging/test/ProcessPrng.c -ladvapi32 -Wl,--export-all-symbols
cp "$work/bcryptprimitives.dll" "$WINEPREFIX/drive_c/windows/system32/"
export WINEDLLOVERRIDES="bcryptprimitives=n,b;mscoree,mshtml="

echo "installing $setup silently"
# wine now and then fails a start of a fresh prefix (seen once in four CI runs, the
# installer never started): tried three times before it counts as a failure.
installed=
for attempt in 1 2 3; do
  if wine "$setup" /S && wineserver -w; then
    installed=yes
    break
  fi
  echo "the installer did not run (attempt $attempt); trying again" >&2
  wineserver -k >/dev/null 2>&1 || true
  sleep 2
done
[ -n "$installed" ] || { echo "FAIL: the installer did not run under wine" >&2; exit 1; }
# wine names the Windows user after the Unix one; asked, it says so itself.
user="$(wine cmd /c 'echo %USERNAME%' 2>/dev/null | tr -d '\r' || true)"
[ -n "$user" ] || user="$(id -un)"
home="$WINEPREFIX/drive_c/users/$user"
prog="$home/AppData/Local/Programs/cnscd"
data="$home/AppData/Roaming/cnscd/cnscd/data"
fail() { echo "FAIL: $*" >&2; exit 1; }
[ -f "$prog/cnscd.exe" ] || fail "cnscd.exe is not in the user's programs folder ($prog)"
[ -f "$prog/uninstall.exe" ] || fail "no uninstaller"
menu="$home/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/$name.lnk"
[ -f "$menu" ] || fail "no Start-menu shortcut named '$name'"
echo "installed in $prog, Start-menu shortcut '$name'"

exe='C:\users\'"$user"'\AppData\Local\Programs\cnscd\cnscd.exe'
wine "$exe" demo > "$work/demo.out" || fail "cnscd.exe demo: $(cat "$work/demo.out")"
[ -f "$data/cnscd.db" ] || fail "the database is not in the user's application-data folder"
pdf_win='C:\users\'"$user"'\qd-23.pdf'
wine "$exe" print decision --team 1 --number 23 --date 2022-07-27 --out "$pdf_win" > "$work/print.out" \
  || fail "print decision: $(cat "$work/print.out")"
pdf="$home/qd-23.pdf"
[ -f "$pdf" ] || fail "no PDF written"
text="$(pdftotext -layout "$pdf" -)"
for want in "QUYẾT ĐỊNH" "Số: 23/QĐ-UBND" "ngày 27 tháng 7 năm 2022" "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"; do
  grep -qF "$want" <<<"$text" || fail "the PDF lacks '$want'"
done
fonts="$(pdffonts "$pdf" | tail -n +3)"
grep -q "yes yes" <<<"$fonts" || fail "fonts are not embedded and subset: $fonts"
grep -Eq "Serif|Times" <<<"$fonts" || fail "not a Times-metric serif: $fonts"
pages="$(pdfinfo "$pdf" | sed -n 's/^Page size: *\([0-9.]*\) x \([0-9.]*\).*/\1x\2/p')"
[ "$pages" = "595.276x841.89" ] || [ "$pages" = "595.28x841.89" ] || fail "not A4: $pages"
echo "demo and print decision: $(pdfinfo "$pdf" | sed -n 's/^Pages: *//p') pages, fonts: $(awk '{print $1}' <<<"$fonts" | tr '\n' ' ')"

# The window, with the CPU renderer.
ICED_BACKEND=tiny-skia wine "$exe" &
pid=$!
for _ in $(seq 1 120); do
  xdotool search --onlyvisible --name "cnscd" >/dev/null 2>&1 && break
  sleep 0.5
done
xdotool search --onlyvisible --name "cnscd" >/dev/null 2>&1 || fail "no window appeared"
sleep 4
mkdir -p "$(dirname "$shot")"
xwd -root -silent | convert xwd:- "png:$shot"
colours="$(convert "$shot" -format %k info:)"
echo "window shown; screenshot $shot: $colours colours"
[ "$colours" -gt 40 ] || fail "the screenshot looks blank"
wineserver -k >/dev/null 2>&1 || true
wait "$pid" 2>/dev/null || true

echo "uninstalling silently"
wine "$prog/uninstall.exe" /S
wineserver -w
# NSIS's uninstaller runs a copy of itself from the temporary folder: wait for it.
for _ in $(seq 1 40); do [ -e "$prog/cnscd.exe" ] || break; sleep 0.5; done
[ ! -e "$prog/cnscd.exe" ] || fail "the program is still installed"
[ ! -e "$menu" ] || fail "the Start-menu shortcut is still there"
[ -f "$data/cnscd.db" ] || fail "the uninstaller removed the data"
echo "uninstalled; the data folder is kept ($(ls "$data" | tr '\n' ' '))"
echo "Windows package: OK"
