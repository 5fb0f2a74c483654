#!/usr/bin/env bash
# Build the web app (release) and serve it on http://127.0.0.1:PORT/ (PORT defaults to 8080).
#
#   ./scripts/serve.sh            build, then serve until Ctrl-C
#   PORT=9000 ./scripts/serve.sh
#
# The site in dist/ is plain static files with relative URLs: any static file server, from any
# folder, serves it the same way.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

PORT="${PORT:-8080}"

"$ROOT/scripts/install.sh"

echo "[serve] fetching crates (cargo fetch --locked)"
cargo fetch --locked
echo "[serve] building (trunk build --release --offline)"
trunk build --release --offline

echo
echo "[serve] SecretPath is at http://127.0.0.1:$PORT/   (Ctrl-C stops)"
echo
exec python3 -m http.server "$PORT" --bind 127.0.0.1 --directory "$ROOT/dist"
