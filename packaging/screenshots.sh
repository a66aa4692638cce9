#!/usr/bin/env bash
# Takes the screenshots in docs/screenshots: the release binary (or CNSCD_BINARY) on
# the demo database under Xvfb, on a 1366×768 screen (a clerk's laptop) with the window
# filling it, each screen chosen by clicking its entry in the side bar.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" != "--inside" ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  if [ -z "${CNSCD_BINARY:-}" ]; then
    cargo build --release --locked
    export CNSCD_BINARY=target/release/cnscd
  fi
  "$CNSCD_BINARY" --db "$work/demo.db" demo >/dev/null
  xvfb-run -a -s "-screen 0 1366x768x24" "$0" --inside "$work"
  exit $?
fi
work=$2
bin=$CNSCD_BINARY
shot() { sleep 1.5; xwd -root -silent | convert xwd:- "docs/screenshots/$1.png"; }
# No window manager under Xvfb to maximise it: the window is sized to the screen.
fill() {
  xdotool search --sync --onlyvisible --name cnscd >/dev/null
  xdotool search --onlyvisible --name cnscd windowmove 0 0 windowsize 1366 768 || true
  sleep 2
}
# First run: an empty database opens the setup.
"$bin" --db "$work/empty.db" &
pid=$!
fill
shot setup
xdotool search --name cnscd windowfocus --sync 2>/dev/null || true; xdotool key ctrl+q || true
wait "$pid" || true
"$bin" --db "$work/demo.db" &
pid=$!
fill
shot overview
# The side bar's entries, 44.5 px apart from the first at y = 91.
go() { xdotool mousemove 100 "$1" click 1; }
go 136; shot teams
go 181; shot roster
go 225; shot decision
# The preview's "Vừa trang" (fit page), at the top of the preview column.
xdotool mousemove 998 31 click 1; shot decision-fit-page
go 270; shot activities
go 314; shot indicators
go 359; sleep 1; shot report
go 403; shot settings
xdotool search --name cnscd windowfocus --sync 2>/dev/null || true; xdotool key ctrl+q || true
wait "$pid" || true
