#!/usr/bin/env bash
# Takes the screenshots in docs/screenshots: the release binary on the demo database
# under Xvfb, each screen chosen by clicking its entry in the side bar.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" != "--inside" ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  cargo build --release --locked
  target/release/cnscd --db "$work/demo.db" demo >/dev/null
  xvfb-run -a -s "-screen 0 1200x780x24" "$0" --inside "$work"
  exit $?
fi
work=$2
shot() { sleep 1.5; xwd -root -silent | convert xwd:- "docs/screenshots/$1.png"; }
# First run: an empty database opens the setup.
target/release/cnscd --db "$work/empty.db" &
pid=$!
xdotool search --sync --onlyvisible --name cnscd >/dev/null
sleep 2
shot setup
xdotool search --name cnscd windowfocus --sync 2>/dev/null || true; xdotool key ctrl+q || true
wait "$pid" || true
target/release/cnscd --db "$work/demo.db" &
pid=$!
xdotool search --sync --onlyvisible --name cnscd >/dev/null
sleep 2
shot overview
# The side bar's entries, 44.5 px apart from the first at y = 91.
go() { xdotool mousemove 100 "$1" click 1; }
go 136; shot teams
go 181; shot roster
go 225; shot decision
go 270; shot activities
go 314; shot indicators
go 359; sleep 1; shot report
go 403; shot settings
xdotool search --name cnscd windowfocus --sync 2>/dev/null || true; xdotool key ctrl+q || true
wait "$pid" || true
