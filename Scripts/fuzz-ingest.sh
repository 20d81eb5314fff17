#!/usr/bin/env bash
# Fuzzes ingest (text and HTML, through libxml2) with libFuzzer for a bounded time.
# Usage: bash Scripts/fuzz-ingest.sh [SECONDS=60]
# Builds into .build-fuzz with -sanitize=fuzzer, seeds the corpus with Samples/, and stops
# after SECONDS. A crash leaves crash-* files here: replay one with
#   swift run news-annotate-ingest-fuzzer crash-<hash>
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
bash Scripts/ensure-dependencies.sh
swift build --scratch-path .build-fuzz --product news-annotate-ingest-fuzzer \
    -Xswiftc -sanitize=fuzzer -Xswiftc -DFUZZING
corpus="$(mktemp -d)"
trap 'rm -rf "$corpus"' EXIT
cp Samples/*.txt Samples/*.html "$corpus"/
.build-fuzz/debug/news-annotate-ingest-fuzzer "$corpus" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=4096
echo "fuzz-ingest: no crash in ${seconds}s"
