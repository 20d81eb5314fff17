#!/usr/bin/env bash
# Browser test of `news-annotate view`: renders the seed article's page in headless Chromium
# (Debian's package, installed here when missing), checks that it loads without console errors
# and that the highlighted spans are in the DOM and respond to click and Enter, and takes a
# screenshot. It checks two pages: the seed article annotated now by the full pipeline, and
# a hand-made fixture of it with every layer (entities, quotes, sources); then the corpus
# report of `news-annotate report`, whose numbers are read back from the DOM.
#
# usage: bash Scripts/browser-test.sh [--update-screenshot] [ANNOTATED.json …]
#   --update-screenshot  copy the screenshots into Docs/images/view-seed.png and report.png (commit them)
#   ANNOTATED.json       check these annotated JSON files' pages too (entities, quotes and
#                        speakers must be present)
set -euo pipefail
cd "$(dirname "$0")/.."

update=0
extra=()
for argument in "$@"; do
    case "$argument" in
        --update-screenshot) update=1 ;;
        -*) echo "browser-test: unknown option '$argument'" >&2; exit 64 ;;
        *) extra+=("$argument") ;;
    esac
done

browser="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$browser" ] && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "browser-test: installing Debian's chromium"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core) >/dev/null \
        || echo "browser-test: apt-get could not install chromium" >&2
    browser="$(command -v chromium || true)"
fi
if [ -z "$browser" ]; then
    echo "browser-test: skipped: chromium is not installed and cannot be installed here (needs root and apt-get)"
    exit 0
fi

[ -x .build/debug/news-annotate ] || swift build --product news-annotate
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
fixture=Tests/NewsReadingTests/Fixtures/view/bbc-newsbeat-russia-syria.it.json
.build/debug/news-annotate view Samples/bbc-newsbeat-russia-syria.it.txt -o "$out/real" --quiet
.build/debug/news-annotate view "$fixture" -o "$out/fixture" --quiet

status=0
# The seed annotated now by the full pipeline: entities, dates, quotes with speakers, sources.
python3 Scripts/browser_check.py "$browser" "$out/real/bbc-newsbeat-russia-syria.it.html" \
    --min entities=70 --min dates=10 --min focusable_dates=10 --min quotes=16 --min speakers=5 --min sources=4 \
    --min text_length=5000 --screenshot "$out/view-seed.png" --height 1400 || status=1
# A hand-made fixture with every layer, so the page is checked independently of the stages' output.
python3 Scripts/browser_check.py "$browser" "$out/fixture/bbc-newsbeat-russia-syria.it.html" \
    --min entities=50 --min dates=10 --min quotes=16 --min speakers=5 --min sources=4 || status=1
python3 Scripts/browser_check.py "$browser" "$out/real/index.html" --static --min links=1 --min rows=1 || status=1
# The corpus report over the seed (annotated now) and the golden files: its numbers read back
# from the DOM and compared with report.json, the sources table sorted by a click.
.build/debug/news-annotate annotate Samples/bbc-newsbeat-russia-syria.it.txt -o "$out/annotated" --quiet
cp Samples/riverton-harbour-flood.en.expected.json Samples/bbc-newsbeat-russia-syria-page.it.expected.json \
    Tests/NewsReadingTests/Fixtures/report/unresolved.en.json "$out/annotated/"   # one quote with no speaker
.build/debug/news-annotate report "$out/annotated" -o "$out/report" --gender-from-text --quiet
python3 Scripts/report_browser_check.py "$browser" "$out/report" --screenshot "$out/report.png" --height 1500 || status=1
for file in "${extra[@]}"; do
    .build/debug/news-annotate view "$file" -o "$out/extra" --quiet
    name="$(basename "$file")"
    python3 Scripts/browser_check.py "$browser" "$out/extra/${name%.*}.html" --min entities=1 --min quotes=1 --min speakers=1 || status=1
done

if [ "$update" = "1" ] && [ "$status" = "0" ]; then
    mkdir -p Docs/images
    cp "$out/view-seed.png" "$out/report.png" Docs/images/
    echo "browser-test: updated Docs/images/view-seed.png ($(du -k Docs/images/view-seed.png | awk '{print $1}') KB) and Docs/images/report.png"
fi
exit "$status"
