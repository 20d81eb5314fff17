#!/usr/bin/env python3
"""An external annotator stage for news-annotate, in Python.

Protocol (JSON Lines on stdin/stdout; see Docs/WritingAStage.md):
  1. write one handshake line declaring the stage;
  2. for every document line read, write one reply line with the new layers.
This stage marks acronyms: tokens of two to six capital letters (IS, LSE, BBC, NATO).
"""
import json
import sys

HANDSHAKE = {
    "id": "acronyms",
    "version": "1",
    "summary": "Marks acronyms: tokens of two to six capital letters.",
    "requires": ["tokens"],
    "produces": ["acronyms"],
}


def annotate(document):
    text = document["text"]  # offsets are code points, so Python slicing is exact
    found = []
    for token in document["layers"].get("tokens", []):
        word = text[token["start"]:token["end"]]
        if 2 <= len(word) <= 6 and word.isalpha() and word.isupper():
            found.append({"start": token["start"], "end": token["end"], "text": word})
    return {"id": document["id"], "layers": {"acronyms": found}}


def main():
    print(json.dumps(HANDSHAKE), flush=True)
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            reply = annotate(json.loads(line))
        except Exception as error:  # one bad document must not end the stage
            reply = {"error": f"acronyms: {error}"}
        print(json.dumps(reply, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
