#!/usr/bin/env python3
"""An external entity stage for tests: it marks two people in the `entities` layer as plain
JSON, with only the fields an outside program knows (id, start, end, text, type). With the
argument `untyped` it leaves out "type"; with `twice` it gives two mentions the same id."""
import json
import re
import sys

mode = sys.argv[1] if len(sys.argv) > 1 else ""
print(json.dumps({"id": "people", "version": "1", "requires": ["tokens"], "produces": ["entities"]}), flush=True)
for line in sys.stdin:
    document = json.loads(line)
    # Python's str indexes code points, as the annotated JSON's offsets do.
    text = document["text"]
    entities = []
    for match in re.finditer(r"\b(?:Richard Reeve|Reeve|Margot Light|Light)\b", text):
        entity = {"id": "e%d" % (len(entities) + 1), "start": match.start(), "end": match.end(), "text": match.group(0), "type": "PER"}
        if mode == "untyped":
            del entity["type"]
        if mode == "twice":
            entity["id"] = "e1"
        entities.append(entity)
    print(json.dumps({"id": document["id"], "layers": {"entities": entities}}), flush=True)
