#!/usr/bin/env bash
# Streams N generated JSON Lines requests through `news-annotate annotate --stream` and
# reports documents/s and peak memory, to show that memory stays flat however long the
# stream is. Usage: bash Scripts/stream-memory.sh [N=100000] [JOBS=all cores]
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-100000}"
jobs="${2:-$(nproc)}"
swift build -c release --product news-annotate >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 - "$count" > "$work/requests.jsonl" <<'PY'
import json, sys
texts = ["Il governo ha detto la scorsa settimana che la riforma del %d è pronta. Lo ha ripetuto ieri a Roma.",
         "The council said on Tuesday that %d homes were flooded last week, and will meet again next month."]
for i in range(int(sys.argv[1])):
    print(json.dumps({"id": "d%d" % i, "text": texts[i % 2] % i, "published": "2024-03-03", "language": ["it", "en"][i % 2]}))
PY
/usr/bin/time -f "%e %M" -o "$work/time" .build/release/news-annotate annotate --stream --quiet --jobs "$jobs" \
    < "$work/requests.jsonl" > "$work/replies.jsonl"
read -r seconds peak < "$work/time"
lines=$(wc -l < "$work/replies.jsonl")
echo "stream-memory: $lines replies for $count requests in ${seconds}s ($(python3 -c "print(round($count/$seconds))") documents/s), peak memory $((peak / 1024)) MB, jobs $jobs"
