#!/usr/bin/env python3
"""End-to-end test of annotate_spark.py on a local Spark: the output equals a single-process
run byte for byte, even when a partition's first attempt is forced to fail, and a poison
document becomes an error line without failing the job.

Usage: python3 Samples/spark/test_spark.py [--binary .build/debug/news-annotate]
Prints 'spark: N passed, N failed'.
"""
import argparse
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def make_requests(path):
    seed = open(os.path.join(ROOT, "Samples", "bbc-newsbeat-russia-syria.it.txt"), encoding="utf-8").read()
    # 2,000 requests, half Italian slices of the seed article, half short English reports.
    english = "The council said on Tuesday that %d homes were flooded last week, and will meet again next month."
    with open(path, "w", encoding="utf-8") as handle:
        for index in range(2000):
            if index == 37:
                handle.write('{"id": "poison", "text": 42}\n')  # no usable text: an error line, not a failure
                continue
            if index % 2:
                request = {"id": f"en-{index}", "text": english % index, "published": "2024-03-03", "language": "en"}
            else:
                request = {"id": f"it-{index}", "text": seed[: 300 + (20 * index) % 5000], "published": "2017-04-12", "language": "it"}
            handle.write(json.dumps(request, ensure_ascii=False) + "\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "debug", "news-annotate"))
    arguments = parser.parse_args()
    binary = os.path.abspath(arguments.binary)
    work = tempfile.mkdtemp(prefix="news-annotate-spark-")
    passed = failed = 0
    try:
        requests = os.path.join(work, "requests.jsonl")
        make_requests(requests)
        with open(requests, "rb") as source:
            single = subprocess.run([binary, "annotate", "--stream", "--quiet", "--jobs", "1"], stdin=source, capture_output=True)
        expected = single.stdout

        def spark_run(name, extra):
            output = os.path.join(work, name)
            started = time.time()
            environment = dict(os.environ, NEWS_ANNOTATE_SPARK_MARKERS=markers)
            result = subprocess.run([sys.executable, os.path.join(HERE, "annotate_spark.py"), requests, output,
                                     "--binary", binary, "--partitions", "4", "--threads", "1", "--master", "local[2,2]"] + extra,
                                    capture_output=True, text=True, env=environment)
            elapsed = time.time() - started
            parts = sorted(glob.glob(os.path.join(output, "part-*")))
            data = b"".join(open(part, "rb").read() for part in parts)
            return result, data, parts, elapsed

        markers = os.path.join(work, "markers")
        os.makedirs(markers)
        checks = []
        result, data, parts, elapsed = spark_run("plain", [])
        print(f"spark: plain run {elapsed:.1f} s, {len(parts)} part files")
        checks.append(("the job succeeds", result.returncode == 0, result.stderr[-1500:]))
        checks.append(("output equals the single-process run byte for byte", data == expected and len(expected) > 0,
                       f"{len(data)} bytes against {len(expected)}"))
        poison = [line for line in data.decode("utf-8").splitlines() if '"id":"poison"' in line]
        checks.append(("the poison document is an error line", len(poison) == 1 and '"error"' in poison[0], poison))

        result, data, parts, elapsed = spark_run("retried", ["--fail-first-attempt", "1"])
        print(f"spark: run with a forced retry {elapsed:.1f} s")
        checks.append(("the job survives a failed first attempt", result.returncode == 0, result.stderr[-1500:]))
        forced = os.listdir(markers)
        checks.append(("partition 1 really failed once and was retried", forced == ["partition-1-attempt-0"], forced))
        checks.append(("after the retry the output is still byte for byte the same", data == expected, f"{len(data)} bytes"))

        for name, ok, detail in checks:
            if ok:
                passed += 1
                print(f"ok   {name}")
            else:
                failed += 1
                print(f"FAIL {name}: {detail}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"spark: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
