#!/usr/bin/env bash
# `make test` after setup: every suite, then one closing line totalling them ("N passed, M failed").
#   format       cargo fmt --check (rustfmt.toml)
#   native-lint  cargo clippy on every crate's library, natively and (the web crates) for wasm32
#                (lints in Cargo.toml: no unwrap, expect, indexing or panic where input reaches)
#   native       cargo test: the core and the bindings crate, natively, doctests included
#   docs         cargo doc of the three crates with warnings denied (broken links, undocumented items)
#   crates       cargo package of the workspace: the core and the web crate as crates.io gets them
#   package      make build (pkg/), then the JS layer type-checked (tsc --checkJs, strict): the
#                browser-facing files with the DOM's types, the Node-only ones with Node's
#   size         the browser download of the default entry within its 67 KB gzip budget; nothing of
#                the Node entry in it; each entry reads its .wasm beside it in Node
#   wasm         the bindings in Node's and Chromium's engines (wasm-pack test)
#   web          the Rust web client's own wasm-pack suites, in Node and Chromium, against the
#                emulator and a scenario server (scripts/web-test.mjs starts them)
#   differential the package's JS parse path against the native core, on generated pages
#   node         the built package against a local server, as ESM and as CommonJS
#   credentials  ims-client/node's providers: environment, profile files, a fake metadata service,
#                the chain's order, driving the client against the emulator (ESM and CommonJS)
#   cli          the ims bin as a process: every output format read back, 10,000 images with a flat
#                peak RSS, Ctrl-C mid-walk, every exit code, the help's filters, curl run for real
#   hardening    security rules, odd inputs, secrets in every view of every error, load, faults
#   browser      the package as a native ES module in headless Chromium; the in-page emulator in a
#                page and a web worker
#   demo         the demo page in Chromium against the emulator (screenshots in build/demo/), and
#                its JS type-checked (tsc --checkJs, strict) against the package's declarations
#   bundlers     webpack 5, Rollup, esbuild and Vite bundles of an app, run in Chromium, listing from
#                the in-page emulator with no server and from the emulator's server
#   emulator     the IMS emulator's filters against its catalogue; the client through its faults;
#                in both forms: the HTTP server, and createEmulator's fetch in the page
#   site         make site: the demo as a static site with the emulator in the page, in Chromium
#   packed       npm pack of pkg/ installed in an empty project: emulator export and bin, the ims
#                bin, ims-client/node, require, types; are-the-types-wrong and publint clean
#   rust-example examples/list_images.rs drives the core's loop natively against the emulator
#   native-list  /v2/images cases against a real Glance and against the emulator
#   glanceclient python-glanceclient (the OpenStack reference client) against the emulator
#   readme       every code block of the three READMEs, run as written (Node, CommonJS, shell,
#                Chromium, Rust natively and for wasm32)
#   types        tsc --strict: typed usage compiles, each misuse fails
#   fuzz         every cargo-fuzz target, 20,000 executions each (make fuzz: a million)
set -uo pipefail
cd "$(dirname "$0")/.."
# Every JS suite: a test that hangs (an unbounded poll) fails after this long instead.
TIMEOUT=--test-timeout=300000
mkdir -p build
log=build/test.log
: > "$log"
failed_steps=()
checks=0 # steps that are one check each (no test counts of their own) and passed

step() { # name, command...
  local name=$1; shift
  printf '\n==== %s: %s\n' "$name" "$*" | tee -a "$log"
  if ! "$@" 2>&1 | tee -a "$log"; then failed_steps+=("$name"); return 1; fi
}
check() { if step "$@"; then checks=$((checks + 1)); fi; }

check format cargo fmt --all --check
check native-lint cargo clippy --workspace --lib -- -D warnings
check wasm-lint cargo clippy -p ims-client-web -p ims-client-web-bench --lib --target wasm32-unknown-unknown -- -D warnings
step native cargo test --workspace
check docs env RUSTDOCFLAGS='-D warnings' cargo doc --no-deps -p ims-client -p ims-client-wasm -p ims-client-web
check crates cargo package --workspace --allow-dirty
step package node scripts/build-pkg.mjs
mkdir -p node_modules && ln -sfn ../pkg node_modules/ims-client
check js-layer node_modules/.bin/tsc -p tests/ts/js-layer.json
check js-node node_modules/.bin/tsc -p tests/ts/js-node.json
step size node --test $TIMEOUT tests/js/size.test.mjs
step wasm-node bash -c 'cd wasm && wasm-pack test --node -- --test node'
step wasm-chrome bash -c 'cd wasm && wasm-pack test --headless --chrome -- --test browser'
step web-node node scripts/web-test.mjs --node
step web-chrome node scripts/web-test.mjs --chrome
step differential node --test $TIMEOUT tests/js/differential.test.mjs
step node-esm env IMS_FORMAT=esm node --test $TIMEOUT tests/js/client.test.mjs
step node-cjs env IMS_FORMAT=cjs node --test $TIMEOUT tests/js/client.test.mjs
step credentials-esm env IMS_FORMAT=esm node --test $TIMEOUT tests/js/credentials.test.mjs
step credentials-cjs env IMS_FORMAT=cjs node --test $TIMEOUT tests/js/credentials.test.mjs
step cli node --test $TIMEOUT tests/js/cli.test.mjs
step hardening node --expose-gc --test $TIMEOUT tests/js/hardening.test.mjs
step browser node --test $TIMEOUT tests/js/browser.test.mjs
check demo-types node_modules/.bin/tsc -p tests/ts/www.json
step demo node --test $TIMEOUT tests/js/demo.test.mjs
step bundlers node --test $TIMEOUT tests/js/bundlers.test.mjs
step emulator-server env IMS_EMULATOR=server node --test $TIMEOUT tests/js/emulator.test.mjs
step emulator-in-page env IMS_EMULATOR=in-page node --test $TIMEOUT tests/js/emulator.test.mjs
step site node --test $TIMEOUT tests/js/site.test.mjs
step packed node --test $TIMEOUT tests/js/packed.test.mjs
step rust-example node --test $TIMEOUT tests/js/rust-example.test.mjs

# A real Glance on a free loopback port, stopped by its pid whatever happens.
glance_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
trap 'scripts/glance.sh stop' EXIT
step glance-start scripts/glance.sh start "$glance_port"
step native-list env GLANCE_URL="http://127.0.0.1:$glance_port" node --test $TIMEOUT tests/js/native-list.test.mjs
scripts/glance.sh stop
step glanceclient node --test $TIMEOUT tests/js/glanceclient.test.mjs
step readme node --test $TIMEOUT tests/js/readme.test.mjs
check types node_modules/.bin/tsc -p tests/ts/tsconfig.json
# A short pass of every fuzz target (make fuzz runs a million executions each).
check fuzz env FUZZ_RUNS=20000 scripts/fuzz.sh

# Totals: cargo/wasm-bindgen-test "test result: ... N passed; M failed", node:test "# pass N" / "# fail M",
# plus one for each single-check step.
read -r passed failed < <(awk '
  /^test result:/ { p += $4; f += $6 }
  /^# pass / { p += $3 } /^# fail / { f += $3 }
  END { print p + 0, f + 0 }' "$log")
passed=$((passed + checks))
failed=$((failed + ${#failed_steps[@]}))
echo
if [ ${#failed_steps[@]} -gt 0 ]; then echo "failed steps: ${failed_steps[*]}"; fi
echo "all: ${passed} passed, ${failed} failed"
[ ${#failed_steps[@]} -eq 0 ] && [ "$failed" -eq 0 ]
