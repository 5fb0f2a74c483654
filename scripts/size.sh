#!/usr/bin/env bash
# Prints the size of the built web app: every wasm and JS file of dist/ (after
# `trunk build --release`), raw and gzip -9, and the total a browser downloads for them gzipped.
# A measurement, not a check: it fails only when there is no build.
#
#   ./scripts/size.sh [DIST_DIR]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIST="${1:-$ROOT/dist}"

shopt -s nullglob
files=("$DIST"/*.wasm "$DIST"/*.js)
if [ "${#files[@]}" -eq 0 ]; then
    echo "no wasm or JS in $DIST: run trunk build --release first" >&2
    exit 1
fi

total_raw=0
total_gzip=0
printf '%-40s %12s %12s\n' "file" "raw" "gzip -9"
for file in "${files[@]}"; do
    raw=$(wc -c <"$file")
    gz=$(gzip -9 -c "$file" | wc -c)
    total_raw=$((total_raw + raw))
    total_gzip=$((total_gzip + gz))
    printf '%-40s %12d %12d\n' "$(basename "$file")" "$raw" "$gz"
done
printf '%-40s %12d %12d\n' "total (wasm + JS)" "$total_raw" "$total_gzip"
