#!/usr/bin/env bash
# Summarises N generated annotated documents (JSON Lines, 500 distinct sources) with
# `news-annotate report` and prints the time and peak memory, to show that memory does not
# grow with the number of documents: run it with 10000 and with 100000 and compare.
# Usage: bash Scripts/report-memory.sh [N=10000] [BUILD=debug|release]
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-10000}"
configuration="${2:-debug}"
swift build -c "$configuration" --product news-annotate >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 - "$count" > "$work/corpus.jsonl" <<'PY'
import json, sys
for i in range(int(sys.argv[1])):
    name = "Person %d" % (i % 500)
    text = "“We are ready for the storm of %d,” %s said on Tuesday. “Nobody warned us,” a resident said." % (i, name)
    def span(s):
        start = text.index(s)
        return {"start": start, "end": start + len(s)}
    first, second = "We are ready for the storm of %d," % i, "Nobody warned us,"
    print(json.dumps({"format": "news-annotation/1", "id": "d%d" % i, "text": text,
        "metadata": {"publisher": "Publisher %d" % (i % 7), "published": "20%02d-%02d-01" % (10 + i % 10, 1 + i % 12)},
        "layers": {"entities": [dict(span(name), type="PER")],
                   "quotes": [dict(span(first), id="q1", kind="direct", parts=[span(first)], speaker=dict(span(name), text=name),
                                   speakerName=name, attribution="name", source="s1"),
                              dict(span(second), id="q2", kind="direct", parts=[span(second)], attribution="none")],
                   "sources": [dict(span(name), id="s1", kind="person", name=name, mentions=[span(name)], quotes=["q1"],
                                    role={"text": "role %d" % i})]}}, ensure_ascii=False))
PY
/usr/bin/time -f "%e %M" -o "$work/time" ".build/$configuration/news-annotate" report "$work/corpus.jsonl" -o "$work/report" --quiet
read -r seconds peak < "$work/time"
documents=$(python3 -c "import json; print(json.load(open('$work/report/report.json'))['totals']['documents'])")
echo "report-memory: $documents documents in ${seconds}s, peak memory $((peak / 1024)) MB ($configuration build)"
