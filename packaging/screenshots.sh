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
target/release/cnscd --db "$work/demo.db" &
pid=$!
xdotool search --sync --onlyvisible --name cnscd >/dev/null
sleep 2
shot() { sleep 1.5; xwd -root -silent | convert xwd:- "docs/screenshots/$1.png"; }
shot overview
xdotool mousemove 100 136 click 1; shot roster
xdotool mousemove 600 20 click 1; sleep 0.3
xdotool mousemove 100 181 click 1; shot decision
xdotool mousemove 100 225 click 1; shot settings
xdotool key ctrl+q || true
wait "$pid" || true
