#!/usr/bin/env bash
# Renders assets/icons/cnscd.svg to the PNG sizes (Linux desktops) and a multi-size ICO
# (Windows). The results are committed, so building the program needs neither tool;
# run this after changing the SVG. Needs rsvg-convert (librsvg2-bin) and icotool
# (icoutils).
set -euo pipefail
cd "$(dirname "$0")/.."
out=assets/icons
for size in 16 24 32 48 64 128 256; do
  rsvg-convert -w "$size" -h "$size" "$out/cnscd.svg" -o "$out/cnscd-$size.png"
done
icotool -c -o "$out/cnscd.ico" "$out"/cnscd-{16,24,32,48,64,128}.png -r "$out/cnscd-256.png"
echo "icons written to $out"
