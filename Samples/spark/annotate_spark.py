#!/usr/bin/env python3
"""Runs news-annotate over a JSON Lines dataset on Apache Spark, one long-lived process per
partition, with the same bytes out as a single process.

Input: JSON Lines requests ({"id", "text" or "html", optional "published", "url", "language"}),
anything `SparkContext.textFile` reads (local paths, hdfs://, s3a://…). Output: one annotated
JSON line per input line, written with `saveAsTextFile`, so the part files in name order are
the input order.

Each partition pipes its lines through `news-annotate annotate --stream`: a separate thread feeds
stdin (so neither pipe can fill up and deadlock), stderr goes to a file whose tail is attached to
any error, and the partition is checked before it is accepted: one reply per request, each
carrying its request's id, in order, and exit status 0. Anything else raises, so Spark retries
the partition (RDD.pipe would ignore a crashed process and hide its stderr). A bad document is
not a failure: news-annotate answers it with {"id": …, "error": …}.

Usage:
  python3 annotate_spark.py INPUT OUTPUT --binary /path/to/news-annotate
         [--partitions 8] [--threads 2] [--config pipeline.json] [--compress]
         [--master local[4,3]] [--cli-arg=--published=2017-04-12 …]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading


class PartitionFailure(RuntimeError):
    """A partition whose output cannot be trusted; Spark retries it."""


def request_id(line, number):
    try:
        value = json.loads(line)
        if isinstance(value, dict) and isinstance(value.get("id"), str):
            return value["id"]
    except ValueError:
        pass
    return None


def annotate_partition(lines, command, fail_attempt_of=None):
    """Pipes one partition's lines through one news-annotate process and checks the replies."""
    from pyspark import TaskContext

    context = TaskContext.get()
    # news-annotate answers every non-blank line; blank lines carry no request.
    lines = [line for line in lines if line.strip()]
    expected = [request_id(line, number) for number, line in enumerate(lines, 1)]
    with tempfile.NamedTemporaryFile(prefix="news-annotate-stderr-", suffix=".log", delete=False) as stderr_file:
        stderr_path = stderr_file.name
    with open(stderr_path, "wb") as stderr:
        process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr)

        def feed():
            try:
                for line in lines:
                    process.stdin.write(line.encode("utf-8") + b"\n")
                process.stdin.close()
            except BrokenPipeError:
                pass  # the process died; the checks below say why

        feeder = threading.Thread(target=feed, daemon=True)
        feeder.start()
        replies = [raw.rstrip(b"\n").decode("utf-8") for raw in process.stdout]
        feeder.join()
        status = process.wait()

    def fail(reason):
        with open(stderr_path, encoding="utf-8", errors="replace") as handle:
            tail = handle.read()[-2000:]
        os.unlink(stderr_path)
        raise PartitionFailure(f"partition {context.partitionId() if context else '?'}: {reason}; stderr: {tail}")

    if status != 0 and status != 1:  # 1 means some documents failed, each with an error line
        fail(f"news-annotate exited with status {status}")
    if len(replies) != len(lines):
        fail(f"{len(lines)} requests but {len(replies)} replies")
    for number, (reply, want) in enumerate(zip(replies, expected), 1):
        try:
            got = json.loads(reply).get("id")
        except ValueError:
            fail(f"reply {number} is not JSON")
        if want is not None and got != want:
            fail(f"reply {number} carries id {got!r}, expected {want!r}")
    os.unlink(stderr_path)
    if fail_attempt_of is not None and context is not None and context.partitionId() == fail_attempt_of and context.attemptNumber() == 0:
        markers = os.environ.get("NEWS_ANNOTATE_SPARK_MARKERS")
        if markers:  # evidence for the test that the retry really happened
            open(os.path.join(markers, f"partition-{fail_attempt_of}-attempt-0"), "w").close()
        raise PartitionFailure(f"forced failure of the first attempt of partition {fail_attempt_of} (--fail-first-attempt)")
    return replies


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("input")
    parser.add_argument("output")
    parser.add_argument("--binary", required=True, help="news-annotate on every executor")
    parser.add_argument("--partitions", type=int, default=8)
    parser.add_argument("--threads", type=int, default=1, help="--jobs for each news-annotate process")
    parser.add_argument("--config", help="pipeline configuration file, passed through")
    parser.add_argument("--cli-arg", action="append", default=[], help="extra news-annotate flag, repeatable")
    parser.add_argument("--compress", action="store_true", help="gzip the part files")
    parser.add_argument("--master", help="Spark master, such as local[2,3] (local[N,F] retries F times); default: spark-submit's")
    parser.add_argument("--fail-first-attempt", type=int, help="testing: fail the first attempt of this partition")
    arguments = parser.parse_args(argv)

    from pyspark import SparkConf, SparkContext

    command = [arguments.binary, "annotate", "--stream", "--quiet", "--jobs", str(arguments.threads)]
    if arguments.config:
        command += ["--config", arguments.config]
    command += arguments.cli_arg
    conf = SparkConf().setAppName("news-annotate").set("spark.ui.enabled", "false")
    if arguments.master:
        conf = conf.setMaster(arguments.master)
    elif not conf.contains("spark.master"):
        conf = conf.setMaster("local[2,3]")
    context = SparkContext(conf=conf)
    context.setLogLevel("ERROR")
    try:
        lines = context.textFile(arguments.input, minPartitions=arguments.partitions)
        fail_of = arguments.fail_first_attempt
        replies = lines.mapPartitions(lambda part: annotate_partition(part, command, fail_of))
        codec = "org.apache.hadoop.io.compress.GzipCodec" if arguments.compress else None
        replies.saveAsTextFile(arguments.output, compressionCodecClass=codec)
    finally:
        context.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
