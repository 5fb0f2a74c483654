# Sourced by the other scripts: the environment every build step uses.
# shellcheck shell=bash
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}"
# node_modules/.bin first: Trunk must find binaryen 132's wasm-opt, never Debian's (it breaks the wasm).
export PATH="$ROOT/node_modules/.bin:$CARGO_HOME/bin:$PATH"
# Trunk's update check calls a web API.
export TRUNK_SKIP_VERSION_CHECK=true
