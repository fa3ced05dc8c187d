#!/usr/bin/env bash
# `make fuzz` (and, with FUZZ_RUNS small, a short pass in `make test`): every fuzz target of
# fuzz/ (cargo-fuzz on the nightly toolchain, debug assertions on, so an overflow is a crash) for
# FUZZ_RUNS executions each (default 1,000,000), starting from the committed seeds (the fixtures,
# and fuzz/seeds/<target>) plus what earlier runs found (build/fuzz/corpus/<target>). Prints
# executions and coverage per target and writes them to build/fuzz.json; a crash fails the run and
# leaves its input in fuzz/artifacts/<target>/ (turn it into a regression test, then delete it).
set -uo pipefail
cd "$(dirname "$0")/.."
RUNS=${FUZZ_RUNS:-1000000}
TARGETS=(parse_page parse_image error_body query_roundtrip time_filter retry_after endpoint_url sign_canonical input_json client_loop bindings_json cli_plan credential_chain)
mkdir -p build/fuzz
(cd fuzz && cargo +nightly fuzz build -O -a) || exit 1
printf '%-16s %12s %8s %7s %7s %9s\n' target executions seconds cov ft corpus | tee build/fuzz/summary.txt
json='['
failed=0
for t in "${TARGETS[@]}"; do
  corpus=build/fuzz/corpus/$t
  mkdir -p "$corpus"
  seeds=()
  [ -d "fuzz/seeds/$t" ] && seeds+=("fuzz/seeds/$t")
  case $t in parse_page|parse_image|error_body) seeds+=(tests/fixtures) ;; esac
  # The client loop's inputs are event scripts: a few hundred bytes say all they can.
  maxlen=4096; [ "$t" = client_loop ] && maxlen=384; [ "$t" = bindings_json ] && maxlen=2048
  log=build/fuzz/$t.log
  start=$(date +%s)
  (cd fuzz && cargo +nightly fuzz run -O -a "$t" "../$corpus" "${seeds[@]/#/../}" -- -runs="$RUNS" -max_len=$maxlen -print_final_stats=1) > "$log" 2>&1
  rc=$?
  secs=$(( $(date +%s) - start ))
  line=$(grep -E '^#[0-9]+.*(DONE|cov:)' "$log" | tail -1)
  execs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' || echo 0)
  cov=$(grep -oE 'cov: [0-9]+' <<<"$line" | grep -oE '[0-9]+' || echo 0)
  ft=$(grep -oE 'ft: [0-9]+' <<<"$line" | grep -oE '[0-9]+' || echo 0)
  corp=$(ls "$corpus" | wc -l)
  printf '%-16s %12s %8s %7s %7s %9s\n' "$t" "$execs" "$secs" "$cov" "$ft" "$corp" | tee -a build/fuzz/summary.txt
  json+="{\"target\":\"$t\",\"executions\":${execs:-0},\"seconds\":$secs,\"cov\":${cov:-0},\"ft\":${ft:-0},\"corpus\":$corp,\"ok\":$([ $rc -eq 0 ] && echo true || echo false)},"
  if [ $rc -ne 0 ]; then
    failed=1
    echo "fuzz: $t failed (exit $rc); its log: $log" >&2
    grep -E 'panicked|SUMMARY|Test unit written|ERROR' "$log" | head -5 >&2
  fi
done
echo "${json%,}]" > build/fuzz.json
exit $failed
