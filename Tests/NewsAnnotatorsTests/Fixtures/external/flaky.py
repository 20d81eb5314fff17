#!/usr/bin/env python3
"""A misbehaving external stage for tests: it crashes, talks nonsense, stalls or writes a
layer it did not declare when the document text asks it to."""
import json
import os
import sys
import time

print(json.dumps({"id": "flaky", "version": "1", "requires": ["tokens"], "produces": ["flaky"]}), flush=True)
for line in sys.stdin:
    document = json.loads(line)
    text = document["text"]
    if "CRASH" in text:
        sys.stderr.write("flaky: giving up on this one\n")
        sys.stderr.flush()
        os._exit(3)
    if "GARBAGE" in text:
        print("this is not json", flush=True)
        continue
    if "STALL" in text:
        time.sleep(8)
    if "UNDECLARED" in text:
        print(json.dumps({"id": document["id"], "layers": {"flaky": [], "sneaky": []}}), flush=True)
        continue
    if "NEGATIVE" in text:
        print(json.dumps({"id": document["id"], "layers": {"flaky": []},
                          "diagnostics": [{"id": "odd", "message": "before the start", "start": -5, "end": 3}]}), flush=True)
        continue
    if "PASTEND" in text:
        print(json.dumps({"id": document["id"], "layers": {"flaky": [{"start": 0, "end": 999999, "parts": []}]}}), flush=True)
        continue
    if "BACKWARDS" in text:
        print(json.dumps({"id": document["id"], "layers": {"flaky": [{"note": {"start": 10, "end": 3}}]}}), flush=True)
        continue
    if "REFUSE" in text:
        print(json.dumps({"id": document["id"], "error": "flaky: I do not annotate refusals"}), flush=True)
        continue
    tokens = document["layers"].get("tokens", [])
    print(json.dumps({"id": document["id"], "layers": {"flaky": [{"start": 0, "end": len(text), "tokens": len(tokens)}]},
                      "diagnostics": [{"id": "flaky_note", "message": "counted", "severity": "info"}]}), flush=True)
