#!/usr/bin/env bash
# The quality harness: builds the release CLI, runs it over the public development sets in
# ../shared/datasets (or $NEWS_ANNOTATE_DATASETS) and prints one table per layer, scored by
# the tool's own `eval` command. Docs/Quality.md explains the data and the metrics.
#   bash Scripts/quality.sh                    # everything (about 2 minutes on 2 cores)
#   bash Scripts/quality.sh --subset --check   # the CI subset against Scripts/quality-floors.json
#   bash Scripts/quality.sh --subset --record  # write today's subset figures as the floors
#   bash Scripts/quality.sh --layers dates     # one layer (ingest, entities, dates, quotes)
set -euo pipefail
cd "$(dirname "$0")/.."
bash Scripts/ensure-dependencies.sh
swift build -c release --product news-annotate >/dev/null
exec python3 Scripts/quality.py --bin .build/release/news-annotate "$@"
