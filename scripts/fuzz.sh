#!/usr/bin/env bash
# A short, bounded fuzzing run of every cargo-fuzz target (libFuzzer), for CI and by hand:
#   scripts/fuzz.sh [SECONDS_PER_TARGET]     (default 20)
# Each input has a time limit (-timeout), so an input that makes a reader or the extractor slow fails the
# run like a crash does; crashes and slow inputs are saved under fuzz/artifacts/<target>/.
# cargo-fuzz needs a nightly toolchain: installed through rustup if missing. Where it cannot be had (no
# rustup, no network), the run says so and stops without failing; the committed crash inputs are replayed
# by `cargo test` (tests/robustness.rs) on stable Rust in any case. Leak detection is off: memory held until
# exit by statics (compiled regexes) lives in pages the leak checker does not scan, and is no fault.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds="${1:-20}"
if ! cargo +nightly --version >/dev/null 2>&1; then
    if ! rustup toolchain install nightly --profile minimal; then
        echo "fuzz: no nightly toolchain could be installed; the bounded fuzzing run is skipped"
        exit 0
    fi
fi
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
cargo +nightly fuzz build
for target in $(cargo +nightly fuzz list); do
    mkdir -p "corpus/$target"
    echo "fuzz: $target for ${seconds} s"
    ASAN_OPTIONS=detect_leaks=0 cargo +nightly fuzz run "$target" "corpus/$target" "seeds/$target" -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=3072 -max_len=65536 -print_final_stats=1 \
        -detect_leaks=0 2>&1 |
        grep -E "^(stat::number_of_executed_units|==|SUMMARY|Running|artifact_prefix)|Done|ERROR|timeout" || true
    # A crash or a slow input leaves its input under artifacts/: that is what fails the run.
    if compgen -G "artifacts/$target/*" >/dev/null; then
        echo "fuzz: $target failed; inputs in fuzz/artifacts/$target/"
        exit 1
    fi
done
echo "fuzz: every target ran ${seconds} s without a crash or a slow input"
