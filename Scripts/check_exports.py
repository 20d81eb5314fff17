#!/usr/bin/env python3
"""Checks news-annotate's exports independently of the Swift code.

usage: check_exports.py --exports DIR ANNOTATED.json...

For every annotated JSON file <stem>.json, reads the exports <stem>.txt/.ann (brat),
<stem>.conll, <stem>.jsonld (W3C) and <stem>.spacy.json from DIR, and checks that they point
at the same text as the JSON, slicing with Python's text[start:end] (code points):

- brat: a small parser of the standoff format; the .txt is the JSON text; every T line's
  fragments slice to its text field, none holds a line break; every entity and date of the
  JSON is a T line with the same offsets and type; R, A and # lines refer to T lines.
- CoNLL: the token column is the JSON's tokens in order; B-/I- tags cover exactly the tokens of
  the non-overlapping entities.
- W3C: the collection and every annotation have the Web Annotation fields (@context, id,
  type Annotation, TextualBody bodies with a purpose, target source and selectors); each
  TextPositionSelector slices to its TextQuoteSelector's exact text, prefix and suffix.
- spaCy: ents and spans slice to the JSON's entity and date texts; with spaCy installed,
  Doc.from_json(validate=True) loads the file and gives the same entities (otherwise that one
  check is skipped, with a note).

Prints one line per document and a closing 'N passed, N failed' line; exits 1 on a failure.
"""
import argparse
import json
import os
import sys

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
PURPOSES = {"tagging", "describing", "identifying", "classifying", "commenting", "linking"}


def parse_brat(ann):
    """Returns {id: (type, [(start, end)], text)} for T lines and the other lines, failing on malformed ones."""
    bounds, others = {}, []
    for number, line in enumerate(ann.split("\n"), 1):
        if not line:
            continue
        kind = line[0]
        columns = line.split("\t")
        if kind == "T":
            assert len(columns) == 3, f"line {number}: a T line has three tab-separated columns"
            label, offsets = columns[1].split(" ", 1)
            fragments = [tuple(int(x) for x in part.split(" ")) for part in offsets.split(";")]
            assert all(len(f) == 2 and f[0] < f[1] for f in fragments), f"line {number}: bad offsets {offsets}"
            bounds[columns[0]] = (label, fragments, columns[2])
        elif kind in "RA#":
            others.append((number, line))
        else:
            raise AssertionError(f"line {number}: unknown annotation kind {kind!r}")
    return bounds, others


def check_brat(doc, base):
    text = doc["text"]
    with open(base + ".txt", encoding="utf-8", newline="") as f:
        assert f.read() == text, ".txt differs from the JSON text"
    with open(base + ".ann", encoding="utf-8", newline="") as f:
        bounds, others = parse_brat(f.read())
    for tid, (label, fragments, shown) in bounds.items():
        pieces = [text[s:e] for s, e in fragments]
        assert " ".join(pieces) == shown, f"{tid}: {pieces} != {shown!r}"
        assert not any("\n" in p for p in pieces), f"{tid}: a fragment holds a line break"
    spans = {(label, tuple(fragments)) for label, fragments, _ in bounds.values()}
    for layer in ("entities", "dates"):
        for item in doc["layers"].get(layer, []):
            key = (item.get("type", "DATE"), ((item["start"], item["end"]),))
            assert key in spans, f"{layer} {item.get('id')}: no T line {key}"
    for number, line in others:
        refs = [part.split(":")[-1] for part in line.replace("\t", " ").split(" ") if part.split(":")[-1].startswith("T")]
        assert refs and all(r in bounds for r in refs), f"line {number}: refers to a missing T line: {line}"
    quotes = [b for b in bounds.values() if b[0] == "Quote"]
    assert len(quotes) == len(doc["layers"].get("quotes", [])), "one Quote T line per quote"
    return f"brat {len(bounds)} T"


def check_conll(doc, base):
    text = doc["text"]
    with open(base + ".conll", encoding="utf-8") as f:
        rows = [line.split("\t") for line in f.read().split("\n") if line and not line.startswith("-DOCSTART-")]
    tokens = doc["layers"]["tokens"]
    assert [r[0] for r in rows] == ["".join("_" if c.isspace() else c for c in text[t["start"]:t["end"]]) or "_" for t in tokens], "token column"
    tags = [r[1] for r in rows]
    expected = ["O"] * len(tokens)
    for e in sorted(doc["layers"].get("entities", []), key=lambda e: (-(e["end"] - e["start"]), e["start"])):
        covered = [i for i, t in enumerate(tokens) if t["start"] < e["end"] and e["start"] < t["end"]]
        if covered and all(expected[i] == "O" for i in covered):
            for i in covered:
                expected[i] = ("B-" if i == covered[0] else "I-") + e["type"]
    assert tags == expected, "BIO tags differ from the entities"
    return f"conll {sum(t.startswith('B-') for t in tags)} entities"


def check_w3c(doc, path):
    text = doc["text"]
    with open(path, encoding="utf-8") as f:
        collection = json.load(f)
    assert collection["@context"] == CONTEXT and collection["type"] == "AnnotationCollection" and "id" in collection
    items = collection["first"]["items"]
    assert collection["first"]["type"] == "AnnotationPage" and collection["total"] == len(items)
    for item in items:
        for key in ("@context", "id", "type", "body", "target"):
            assert key in item, f"annotation without {key}"
        assert item["@context"] == CONTEXT and item["type"] == "Annotation"
        for body in item["body"]:
            assert body["type"] == "TextualBody" and body["purpose"] in PURPOSES and isinstance(body["value"], str)
        for target in item["target"] if isinstance(item["target"], list) else [item["target"]]:
            assert isinstance(target["source"], str)
            selectors = {s["type"]: s for s in target["selector"]}
            position, quote = selectors["TextPositionSelector"], selectors["TextQuoteSelector"]
            start, end = position["start"], position["end"]
            assert text[start:end] == quote["exact"], f"{item['id']}: position and exact text differ"
            assert text[:start].endswith(quote.get("prefix", "")) and text[end:].startswith(quote.get("suffix", ""))
    expected = sum(len(doc["layers"].get(layer, [])) for layer in ("entities", "dates", "quotes"))
    assert len(items) >= expected, "an annotation per entity, date and quote"
    return f"w3c {len(items)} annotations"


def check_spacy(doc, path):
    text = doc["text"]
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    assert data["text"] == text
    entity_texts = {(e["start"], e["end"], e["type"]) for e in doc["layers"].get("entities", [])}
    for ent in data["ents"]:
        assert (ent["start"], ent["end"], ent["label"]) in entity_texts, f"ent {ent} is not a JSON entity"
    dates = [(d["start"], d["end"], d["type"], d.get("value", "")) for d in doc["layers"].get("dates", [])]
    assert [(s["start"], s["end"], s["label"], s["kb_id"]) for s in data.get("spans", {}).get("dates", [])] == dates
    try:
        import spacy
        from spacy.tokens import Doc
    except ImportError:
        return "spacy offsets (spaCy not installed: loading skipped)"
    loaded = Doc(spacy.blank("xx").vocab).from_json(data, validate=True)
    assert loaded.text == text
    assert [(e.start_char, e.end_char, e.label_) for e in loaded.ents] == [(e["start"], e["end"], e["label"]) for e in data["ents"]]
    assert [text[e.start_char:e.end_char] for e in loaded.ents] == [text[e["start"]:e["end"]] for e in data["ents"]]
    return f"spacy loaded ({len(loaded)} tokens, {len(loaded.ents)} ents)"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--exports", required=True)
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    passed = failed = 0
    for path in args.files:
        stem = os.path.basename(path)[: -len(".json")]
        base = os.path.join(args.exports, stem)
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        try:
            notes = [check_brat(doc, base), check_w3c(doc, base + ".jsonld"), check_spacy(doc, base + ".spacy.json")]
            if "tokens" in doc["layers"]:
                notes.append(check_conll(doc, base))
            print(f"ok   {path}: " + ", ".join(notes))
            passed += 1
        except (AssertionError, KeyError, ValueError, OSError) as error:
            print(f"FAIL {path}: {type(error).__name__}: {error}")
            failed += 1
    print(f"check_exports: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
