#!/usr/bin/env bash
# Runs every benchmark once, in Release, one after another (never in parallel: they would measure each other), and
# prints each result file. Run it on a quiet machine from the repository root, with ../shared beside the checkout for
# the peer comparisons. Usage: bash bench/run-all.sh [--quick]   (--quick: 200k posts instead of 1M)
set -euo pipefail
cd "$(dirname "$0")/.."
n=1000000
if [[ "${1:-}" == "--quick" ]]; then n=200000; fi
dotnet build -c Release bench/Bench -v q --nologo >/dev/null
run() { echo "== mkt-bench $*" >&2; dotnet run -c Release --no-build --project bench/Bench -- "$@"; }
run store --posts "$n"
run ingest --posts "$n"
run kafka --posts "$((n / 5))"
run synth --posts "$n"
run sentiment --shared ../shared
if dotnet run -c Release --no-build --project bench/Bench -- --help | grep -q '^ *pipeline'; then run pipeline; fi
run trends --posts "$n" --days 30
run report --posts "$n"
run web --connections 16
echo "results: bench/results/*.json" >&2
