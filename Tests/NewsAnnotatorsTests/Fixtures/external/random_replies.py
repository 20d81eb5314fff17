#!/usr/bin/env python3
"""An external entity stage for tests that answers each document with the kind of reply its
text asks for ("KIND 3"): a good one, or one of many bad ones. The kinds are listed in
ExtensionTests.randomReplies; kind 0 is good."""
import json
import random
import re
import sys

out = sys.stdout.buffer
out.write((json.dumps({"id": "random", "version": "1", "requires": ["tokens"], "produces": ["entities"]}) + "\n").encode())
out.flush()
for line in sys.stdin:
    document = json.loads(line)
    text = document["text"]
    kind = int(re.search(r"KIND (\d+)", text).group(1))
    rng = random.Random(kind)
    match = re.search(r"Margot Light", text)
    good = {"id": "e1", "start": match.start(), "end": match.end(), "text": match.group(0), "type": "PER"}
    def reply(entities, **extra):
        body = {"id": document["id"], "layers": {"entities": entities}}
        body.update(extra)
        return json.dumps(body).encode()
    replies = {
        0: lambda: reply([good]),
        1: lambda: b"garbage that is not json",
        2: lambda: json.dumps({"id": document["id"], "layers": [1, 2]}).encode(),
        3: lambda: reply([dict(good, start=-5)]),
        4: lambda: reply([dict(good, start=10**12, end=10**12 + 3)]),
        5: lambda: reply([dict(good, start=str(good["start"]))]),
        6: lambda: reply([{k: v for k, v in good.items() if k != "type"}]),
        7: lambda: json.dumps({"id": "someone-else", "layers": {"entities": [good]}}).encode(),
        8: lambda: b"x" * (2 * 1024 * 1024),
        9: lambda: reply([dict(good, start=good["end"], end=good["start"])]),
        10: lambda: reply("not a list"),
        11: lambda: reply([good, dict(good)]),
        12: lambda: reply([dict(good, start=good["start"] + 0.5)]),
        13: lambda: b"[" * 100000 + b"]" * 100000,
        14: lambda: b"{\"id\": \"\xff\xfe\", \"layers\": {}}",
        15: lambda: b"",
        16: lambda: reply([dict(good, end=rng.choice([10**30, -(10**30)]))]),
        17: lambda: reply([good], diagnostics=[{"id": "d", "message": "m", "start": 3, "end": 10**15}]),
        18: lambda: json.dumps({"id": document["id"], "layers": {"entities": [good], "undeclared": []}}).encode(),
        19: lambda: json.dumps({"id": document["id"]}).encode(),
    }
    out.write(replies[kind]() + b"\n")
    out.flush()
