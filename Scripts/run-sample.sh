#!/usr/bin/env bash
# Sets up a fresh clone and runs the main job on the bundled samples: every article in
# Samples/ is annotated into out/, one JSON file each.
set -euo pipefail
cd "$(dirname "$0")/.."

bash Scripts/ensure-dependencies.sh
swift build -c release --product news-annotate
.build/release/news-annotate annotate Samples --output-dir out
.build/release/news-annotate describe
echo "annotations written to out/:"
ls -1 out
