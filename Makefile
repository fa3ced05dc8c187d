# ims-client. `make demo` and `make test` install what is missing first (scripts/setup.sh).
SHELL := /bin/bash
PORT ?= 8080
export PATH := $(CURDIR)/build/tools/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

.PHONY: setup build test demo site bench fuzz vectors regions clean

setup:
	@scripts/setup.sh

# The finished npm package in pkg/ (what `npm pack` there would publish).
build: setup
	node scripts/build-pkg.mjs $(if $(FORCE),--force)

test: setup
	@scripts/test.sh

# The demo page on PORT and the IMS emulator on PORT+1, until interrupted; ARGS: emulator flags (--error-rate 0.2).
demo: build
	@PORT=$(PORT) node www/serve.mjs $(ARGS)

# The demo as a static site in build/site/, the emulator in the page (no server); ARGS: emulator flags.
site: build
	@node scripts/build-site.mjs $(ARGS)

bench: build
	node scripts/bench.mjs
	cargo run --release --example bench_parse

# Every fuzz target for FUZZ_RUNS executions (default 1,000,000): executions and coverage per target.
fuzz: setup
	@scripts/fuzz.sh

# Recomputes tests/fixtures/sign_vectors.json with the official Python SDK core, in a throwaway venv.
vectors:
	@tmp=$$(mktemp -d) && python3 -m venv "$$tmp/venv" && "$$tmp/venv/bin/pip" install -q huaweicloudsdkcore \
	  && "$$tmp/venv/bin/python" scripts/sign_vectors.py > tests/fixtures/sign_vectors.json; rc=$$?; rm -rf "$$tmp"; exit $$rc

# Recomputes tests/fixtures/regions.json from the official Python SDK's IMS region list, in a throwaway venv.
regions:
	@tmp=$$(mktemp -d) && python3 -m venv "$$tmp/venv" && "$$tmp/venv/bin/pip" install -q huaweicloudsdkims \
	  && "$$tmp/venv/bin/python" scripts/regions.py > tests/fixtures/regions.json; rc=$$?; rm -rf "$$tmp"; exit $$rc

clean:
	cargo clean
	rm -rf build pkg
