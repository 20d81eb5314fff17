#!/usr/bin/env bash
# Runs the Spark test for real: a fresh virtual environment with pyspark from PyPI, the release
# binary, 2,000 documents in 4 partitions under local[2,2] with one partition failing once.
# Needs Java 17 and network access to PyPI. Usage: bash Samples/spark/run-test.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v java >/dev/null || { echo "error: the Spark test needs Java 17 (apt-get install openjdk-17-jre-headless)" >&2; exit 1; }
venv="$(mktemp -d)/venv"
started=$(date +%s)
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet pyspark
installed=$(date +%s)
swift build -c release --product news-annotate
"$venv/bin/python" Samples/spark/test_spark.py --binary .build/release/news-annotate
finished=$(date +%s)
echo "spark test: pyspark installed in $((installed - started)) s, build and job $((finished - installed)) s"
rm -rf "$(dirname "$venv")"
