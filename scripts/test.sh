#!/usr/bin/env bash
# `make test` after setup: every suite, then one closing line totalling them ("N passed, M failed").
#   native   cargo clippy (no unwrap/expect/indexing/panic in the library) + cargo test
#   package  make build (pkg/), then:
#   wasm     wasm-pack test --node, wasm-pack test --headless --chrome (the bindings in both engines)
#   node     the built package against a local server, as ESM and as CommonJS
#   browser  native ES module and a Vite build in headless Chromium
#   emulator the IMS emulator's filters against its catalogue; the client through its faults
#   native-list  /v2/images cases against a real Glance and against the emulator
#   types    tsc --strict: typed usage compiles, each misuse fails
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p build
log=build/test.log
: > "$log"
failed_steps=()

step() { # name, command...
  local name=$1; shift
  printf '\n==== %s: %s\n' "$name" "$*" | tee -a "$log"
  if ! "$@" 2>&1 | tee -a "$log"; then failed_steps+=("$name"); fi
}

step native-lint cargo clippy --lib -- -D warnings
step native cargo test --lib --tests
step package node scripts/build-pkg.mjs
mkdir -p node_modules && ln -sfn ../pkg node_modules/ims-client
# Built as the package is (simd128), so the same scanning code runs in both engines.
export RUSTFLAGS='-C target-feature=+simd128'
step wasm-node wasm-pack test --node -- --test wasm_node
step wasm-chrome wasm-pack test --headless --chrome -- --test wasm_browser
unset RUSTFLAGS
step node-esm env IMS_FORMAT=esm node --test tests/js/client.test.mjs
step node-cjs env IMS_FORMAT=cjs node --test tests/js/client.test.mjs
step browser node --test tests/js/browser.test.mjs
step emulator node --test tests/js/emulator.test.mjs

# A real Glance on a free loopback port, stopped by its pid whatever happens.
glance_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
trap 'scripts/glance.sh stop' EXIT
step glance-start scripts/glance.sh start "$glance_port"
step native-list env GLANCE_URL="http://127.0.0.1:$glance_port" node --test tests/js/native-list.test.mjs
scripts/glance.sh stop
step types node_modules/.bin/tsc -p tests/ts/tsconfig.json

# Totals: cargo/wasm-bindgen-test "test result: ... N passed; M failed", node:test "# pass N" / "# fail M".
read -r passed failed < <(awk '
  /^test result:/ { p += $4; f += $6 }
  /^# pass / { p += $3 } /^# fail / { f += $3 }
  END { print p + 0, f + 0 }' "$log")
if [ ${#failed_steps[@]} -eq 0 ]; then passed=$((passed + 2)); else failed=$((failed + ${#failed_steps[@]})); fi # lint and tsc
echo
if [ ${#failed_steps[@]} -gt 0 ]; then echo "failed steps: ${failed_steps[*]}"; fi
echo "all: ${passed} passed, ${failed} failed"
[ ${#failed_steps[@]} -eq 0 ] && [ "$failed" -eq 0 ]
