#!/usr/bin/env bash
# Everything CI checks, in order, then a summary. Exits non-zero when any step fails.
#
#   ./scripts/test.sh
#
# Steps: install tools, cargo fetch, rustfmt, clippy (native), cargo test (native), clippy
# (wasm32, the UI), UI component tests (wasm-bindgen-test in headless Chromium), trunk build
# --release, its size (scripts/size.sh, informational), end-to-end journeys (node --test
# tests/e2e/, playwright-core, headless Chromium).
# A failing step does not stop the later ones unless they depend on it, so one run shows every
# problem.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

mkdir -p "$ROOT/target"
E2E_TAP="$ROOT/target/e2e.tap"

declare -a STEP_NAMES=() STEP_RESULTS=() STEP_SECONDS=()
FAILED=0

# run NAME COMMAND...: run a step, record PASS/FAIL and its duration.
run() {
    local name="$1"
    shift
    printf '\n\033[1m=== %s\033[0m\n$ %s\n' "$name" "$*"
    local start=$SECONDS
    if "$@"; then
        STEP_RESULTS+=("PASS")
    else
        STEP_RESULTS+=("FAIL")
        FAILED=1
    fi
    STEP_NAMES+=("$name")
    STEP_SECONDS+=($((SECONDS - start)))
}

# skip NAME REASON: record a step that could not run.
skip() {
    printf '\n\033[1m=== %s\033[0m\nskipped: %s\n' "$1" "$2"
    STEP_NAMES+=("$1")
    STEP_RESULTS+=("SKIP ($2)")
    STEP_SECONDS+=(0)
    FAILED=1
}

last_passed() { [ "${STEP_RESULTS[-1]}" = "PASS" ]; }

run "install tools" "$ROOT/scripts/install.sh"
if ! last_passed; then
    echo "tool installation failed; nothing else can run" >&2
    exit 1
fi

run "cargo fetch" cargo fetch --locked
# Everything after the fetch builds from the local cache only.
export CARGO_NET_OFFLINE=true

run "rustfmt" cargo fmt --check
run "clippy (native, all targets)" cargo clippy --locked --all-targets -- -D warnings
run "cargo test (native)" cargo test --locked
# The UI only compiles for wasm32. Targets are named: the CLI and native-only tests/benches are
# not meant to build for the browser.
run "clippy (wasm32: library, app, UI tests)" \
    cargo clippy --locked --target wasm32-unknown-unknown --lib --bin app --test ui_components -- -D warnings
run "UI component tests (wasm32, headless Chromium)" \
    cargo test --locked --target wasm32-unknown-unknown --test ui_components

run "trunk build --release" trunk build --release --offline
if last_passed; then
    # Informational: the figure docs/benchmarks.md reports (measured, never asserted).
    run "app size (wasm + JS, gzip -9)" "$ROOT/scripts/size.sh"
    rm -f "$E2E_TAP"
    run "end-to-end (headless Chromium)" node --test \
        --test-reporter=spec --test-reporter-destination=stdout \
        --test-reporter=tap --test-reporter-destination="$E2E_TAP" \
        tests/e2e/
else
    skip "end-to-end (headless Chromium)" "no build"
fi

# --- summary ---------------------------------------------------------------------------------
printf '\n\033[1m=== Summary\033[0m\n'
for i in "${!STEP_NAMES[@]}"; do
    printf '  %-6s %-48s %4ss\n' "${STEP_RESULTS[$i]%% *}" "${STEP_NAMES[$i]}" "${STEP_SECONDS[$i]}"
    case "${STEP_RESULTS[$i]}" in SKIP*) printf '         %s\n' "${STEP_RESULTS[$i]}" ;; esac
done
if ! cargo fmt --check >/dev/null 2>&1; then
    echo
    echo "  files that need \`cargo fmt\`:"
    cargo fmt --check -- -l 2>/dev/null | sed "s|^$ROOT/|    - |" | sort -u
fi
if [ -f "$E2E_TAP" ] && grep -q '^ *not ok' "$E2E_TAP"; then
    echo
    echo "  failing end-to-end tests:"
    # TAP lines look like `    not ok 3 - name`; file-level lines carry the path.
    grep '^ *not ok' "$E2E_TAP" | sed -E 's/^ *not ok [0-9]+ - /    - /'
fi
echo
if [ "$FAILED" -ne 0 ]; then
    printf '\033[1;31mFAILED\033[0m\n'
    exit 1
fi
printf '\033[1;32mALL PASSED\033[0m\n'
