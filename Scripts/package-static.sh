#!/usr/bin/env bash
# Builds news-annotate for shipping to cluster executors: a release binary with the Swift
# standard library and Foundation linked statically (no Swift runtime needed where it runs),
# packed with the resource bundles it reads next to itself, as
#   dist/news-annotate-linux-<arch>.tar.gz   (the binary and its *.resources at the top)
# Executors still need the system libxml2 (Debian/Ubuntu: apt-get install libxml2).
# Ship it with: spark-submit --archives dist/news-annotate-linux-<arch>.tar.gz#news-annotate …
set -euo pipefail
cd "$(dirname "$0")/.."
bash Scripts/ensure-dependencies.sh
swift build -c release --static-swift-stdlib --scratch-path .build-static --product news-annotate
bin="$(swift build -c release --static-swift-stdlib --scratch-path .build-static --show-bin-path)"
arch="$(uname -m)"
stage="$(mktemp -d)/news-annotate"
mkdir -p "$stage" dist
cp "$bin/news-annotate" "$stage/"
cp -R "$bin"/*.resources "$stage/"
tar -C "$stage" -czf "dist/news-annotate-linux-$arch.tar.gz" .
rm -rf "$(dirname "$stage")"
echo "wrote dist/news-annotate-linux-$arch.tar.gz"
"$bin/news-annotate" --version
