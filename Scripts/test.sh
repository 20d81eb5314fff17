#!/usr/bin/env bash
# Runs the whole test suite: the Swift tests, then an independent check in Python that the
# golden files and fresh output validate against the JSON Schema and that every span's
# code point offsets slice the text as Python's text[start:end] does.
set -euo pipefail
cd "$(dirname "$0")/.."

bash Scripts/ensure-dependencies.sh
python3 -c 'import jsonschema' 2>/dev/null || python3 -m pip install --quiet jsonschema

swift build --build-tests
swift test

# The sample package that extends the pipeline through the public API only.
swift test --package-path Samples/CustomAnnotator

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
.build/debug/news-annotate annotate Samples --output-dir "$out" --quiet
python3 Scripts/validate_annotations.py Samples/*.expected.json "$out"/*.json

# Exports of the view fixtures (accents, typographic quotes, an emoji; every layer) and of the
# golden files, checked in Python: a brat parser, the Web Annotation fields, the spaCy format
# (loaded with spaCy when it is installed), CoNLL tags, and every offset against the JSON.
for format in brat conll w3c spacy; do
    .build/debug/news-annotate export --format "$format" Tests/NewsReadingTests/Fixtures/view Samples/*.expected.json --output-dir "$out/exports" --quiet
done
python3 Scripts/check_exports.py --exports "$out/exports" Tests/NewsReadingTests/Fixtures/view/*.json Samples/*.expected.json

# The corpus report of the golden files and fixtures (one unresolved quote, accents, an emoji),
# recounted in Python from the same JSON, and its CSV files read with Python's csv module.
report_inputs=(Samples/*.expected.json Tests/NewsReadingTests/Fixtures/report/*.json Tests/NewsReadingTests/Fixtures/view/*.json)
.build/debug/news-annotate report "${report_inputs[@]}" --output-dir "$out/report" --gender-from-text --quiet
python3 Scripts/check_report.py "$out/report" "${report_inputs[@]}"
