#!/usr/bin/env bash
# Install every tool SecretPath's build and tests need, pinned, skipping what is already present.
#
# Safe to run again: each step checks for its pinned version first. Assumes the machine described
# in TOOLCHAIN facts (Debian 12, rustup-managed Rust, Node 20, root or sudo, only crates.io, npm
# and Debian's archive reachable). Tools go where cargo and npm normally put them:
# `$CARGO_HOME/bin` (trunk, wasm-bindgen) and `./node_modules` (wasm-opt, playwright-core).
set -euo pipefail

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130
# wasm-bindgen-cli 0.2.130's lockfile pins webpki-roots 1.0.11, which the registry does not serve.
WEBPKI_ROOTS_FALLBACK=1.0.10
BINARYEN_VERSION=132.0.0
PLAYWRIGHT_CORE_VERSION=1.65.1

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}"
export PATH="$CARGO_HOME/bin:$PATH"

log() { printf '[install] %s\n' "$*"; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# --- Rust target -----------------------------------------------------------------------------
if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    log "rust target wasm32-unknown-unknown: present"
else
    log "rust target wasm32-unknown-unknown: adding"
    rustup target add wasm32-unknown-unknown
fi

# --- trunk -----------------------------------------------------------------------------------
if [ "$(trunk --version 2>/dev/null || true)" = "trunk $TRUNK_VERSION" ]; then
    log "trunk $TRUNK_VERSION: present"
else
    log "trunk $TRUNK_VERSION: installing (about 7 minutes on 2 cores)"
    cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# --- wasm-bindgen-cli ------------------------------------------------------------------------
if [ "$(wasm-bindgen --version 2>/dev/null || true)" = "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
    log "wasm-bindgen $WASM_BINDGEN_VERSION: present"
else
    log "wasm-bindgen $WASM_BINDGEN_VERSION: installing"
    if ! cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --locked; then
        # The plain install downloads the crate and then fails on its lockfile. Repair the lockfile
        # in an unpacked copy of the downloaded crate and install from there.
        log "wasm-bindgen-cli: repairing its lockfile (webpki-roots -> $WEBPKI_ROOTS_FALLBACK)"
        crate_file="$(ls "$CARGO_HOME"/registry/cache/*/wasm-bindgen-cli-"$WASM_BINDGEN_VERSION".crate 2>/dev/null | head -n 1 || true)"
        if [ -z "$crate_file" ]; then
            log "error: wasm-bindgen-cli-$WASM_BINDGEN_VERSION.crate was not downloaded" >&2
            exit 1
        fi
        work="$(mktemp -d)"
        trap 'rm -rf "$work"' EXIT
        tar -xzf "$crate_file" -C "$work"
        src="$work/wasm-bindgen-cli-$WASM_BINDGEN_VERSION"
        (cd "$src" && cargo update -p webpki-roots --precise "$WEBPKI_ROOTS_FALLBACK")
        cargo install --path "$src" --locked
        rm -rf "$work"
        trap - EXIT
    fi
fi

# --- npm: wasm-opt (binaryen) and playwright-core ----------------------------------------------
npm_installed_version() {
    node -e 'try { process.stdout.write(require(process.argv[1] + "/package.json").version) } catch { }' \
        "$ROOT/node_modules/$1" 2>/dev/null || true
}
if [ "$(npm_installed_version binaryen)" = "$BINARYEN_VERSION" ] \
    && [ "$(npm_installed_version playwright-core)" = "$PLAYWRIGHT_CORE_VERSION" ]; then
    log "npm binaryen $BINARYEN_VERSION, playwright-core $PLAYWRIGHT_CORE_VERSION: present"
else
    log "npm binaryen $BINARYEN_VERSION, playwright-core $PLAYWRIGHT_CORE_VERSION: installing from package-lock.json"
    (cd "$ROOT" && npm ci --no-audit --no-fund)
fi

# --- Chromium and ChromeDriver (headless browser for the UI and end-to-end tests) ------------
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    log "chromium, chromedriver: present"
else
    log "chromium, chromedriver: installing from Debian"
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver
fi

log "done"
