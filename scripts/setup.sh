#!/usr/bin/env bash
# Installs every tool the project needs on a fresh machine of this kind, skipping what is there.
# Idempotent: a second run takes seconds. Versions and pitfalls: ../shared/TOOLCHAIN.md.
set -euo pipefail
cd "$(dirname "$0")/.."

TOOLS="$PWD/build/tools"
mkdir -p "$TOOLS"
say() { printf '[setup] %s\n' "$*"; }

# wasm32 target for the wasm build.
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# wasm-bindgen-cli must equal the pinned wasm-bindgen crate version exactly; wasm-pack then uses it
# from PATH and downloads nothing. Its lock file pins a crate this registry lacks: no --locked.
WB_VERSION=0.2.130
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WB_VERSION" ]; then
  say "installing wasm-bindgen-cli $WB_VERSION (3 to 10 minutes on 2 cores)"
  cargo install wasm-bindgen-cli --version "$WB_VERSION" --force
fi

WP_VERSION=0.15.1
if [ "$(wasm-pack --version 2>/dev/null | awk '{print $2}')" != "$WP_VERSION" ]; then
  say "installing wasm-pack $WP_VERSION (2.5 to 5.5 minutes)"
  cargo install wasm-pack --version "$WP_VERSION" --locked --force
fi

# wasm-opt from npm's binaryen, kept in build/tools; the Makefile puts it first on PATH.
# Debian's binaryen (108) writes broken modules: refuse to run with it ahead of ours.
if [ ! -x "$TOOLS/node_modules/.bin/wasm-opt" ]; then
  say "installing binaryen@132.0.0 (wasm-opt) from npm into build/tools"
  (cd "$TOOLS" && { [ -f package.json ] || echo '{"private":true}' > package.json; } \
     && npm install --no-audit --no-fund --silent binaryen@132.0.0)
fi
if dpkg -s binaryen >/dev/null 2>&1; then
  say "WARNING: Debian's binaryen package is installed; the build uses build/tools' wasm-opt first on PATH"
fi

# cargo-fuzz on the nightly toolchain the machine image carries (fuzz/, `make fuzz`, and a short
# pass in `make test`).
if ! rustc +nightly --version >/dev/null 2>&1; then
  say "ERROR: the nightly toolchain is missing (rustup toolchain list); the fuzz targets need it"
  exit 1
fi
if ! command -v cargo-fuzz >/dev/null; then
  say "installing cargo-fuzz (about 30 s)"
  cargo install cargo-fuzz --version 0.13.2 --locked
fi

# Debian's Chromium and ChromeDriver, for the headless browser tests.
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  say "installing chromium and chromium-driver (about 80 s)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# The JS test tools (TypeScript, playwright-core, Vite), from package-lock.json.
if [ ! -d node_modules/.bin ] || ! cmp -s package-lock.json node_modules/.package-lock-installed; then
  say "installing the JS test tools (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.package-lock-installed
fi

# A real OpenStack Glance (pip, in build/glance-venv, reused when present) for the /v2/images tests.
scripts/glance.sh install

say "tools ready: $(rustc --version | cut -d' ' -f2) rustc, wasm-bindgen $(wasm-bindgen --version | awk '{print $2}'), wasm-pack $(wasm-pack --version | awk '{print $2}'), wasm-opt $("$TOOLS/node_modules/.bin/wasm-opt" --version | awk '{print $3}'), node $(node --version), $(chromium --version 2>/dev/null | head -c 40)"
