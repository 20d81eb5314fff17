#!/usr/bin/env python3
"""Checks annotated JSON files independently of the Swift code.

For every file: it validates against Schemas/news-annotation-1.schema.json; every span of
every layer lies inside the text (code point offsets, end exclusive, as Python's
text[start:end]); blocks, tokens and sentences slice to non-empty text without surrounding
whitespace; tokens and sentences lie inside blocks. For the bundled samples it also checks
known slices, which only come out right when the offsets count code points (not UTF-16
units, bytes or graphemes): the text is full of accented letters and typographic quotes.

Prints one line per file and a closing 'N passed, N failed' line; exits 1 on any failure.
"""
import json
import os
import sys

import jsonschema

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCHEMA = json.load(open(os.path.join(ROOT, "Schemas", "news-annotation-1.schema.json"), encoding="utf-8"))

KNOWN = {
    "bbc-newsbeat-russia-syria.it": {
        "heading": ["Chi è coinvolto nel conflitto?", "Come è stata coinvolta la Russia in Siria?",
                    "Il ruolo della primavera araba", "Flettere i muscoli militari",
                    "Il ruolo della Russia sulla scena globale", "E il futuro?"],
        "footer": ["Trovaci su Instagram a BBCNewsbeat e seguici su Snapchat, cerca bbc_newsbeat"],
        "sentence": ["“Non credo che abbiano una vera fiducia in Assad.”", "E il futuro?"],
        "token": ["l’", "Oxford", "al-Assad", "’70", "Prof"],
        "date": ["la scorsa settimana", "anni ’70", "metà degli anni 2000", "a breve"],
    },
    "bbc-newsbeat-russia-syria-page.it": {
        "link": ["Oxford Research Group", "LSE", "BBCNewsbeat", "bbc_newsbeat"],
        "caption": ["Dal settembre 2015 i jet russi decollano dalla base aerea di Hmeimim per colpire obiettivi in territorio siriano. Getty Images"],
        "sentence": ["“Sono molto preoccupati che si infiltrino di nuovo in Russia”, dice il Prof Light."],
    },
    "riverton-harbour-flood.en": {
        "sentence": ["“We have never seen the sea come over the wall this quickly,” said Linda Marsh, a spokesperson for the Riverton Port Authority."],
        "token": ["U.S.", "Dr.", "3.5", "@RivertonGazette"],
    },
}


def check(path):
    document = json.load(open(path, encoding="utf-8"))
    jsonschema.validate(document, SCHEMA)
    text = document["text"]
    layers = document["layers"]
    problems = []
    for name, items in layers.items():
        if not isinstance(items, list):
            continue
        for item in items:
            if not isinstance(item, dict) or "start" not in item:
                continue
            start, end = item["start"], item["end"]
            if not (0 <= start <= end <= len(text)):
                problems.append(f"{name} {start}:{end} outside the text ({len(text)} code points)")
    for name in ("blocks", "tokens", "sentences"):
        for item in layers.get(name, []):
            piece = text[item["start"]:item["end"]]
            if not piece or piece != piece.strip():
                problems.append(f"{name} {item['start']}:{item['end']} slices to {piece!r}")
    blocks = layers.get("blocks", [])
    for name in ("tokens", "sentences"):
        for item in layers.get(name, []):
            if not any(b["start"] <= item["start"] and item["end"] <= b["end"] for b in blocks):
                problems.append(f"{name} {item['start']}:{item['end']} is outside every block")
    # Every object with offsets and a text, at any depth (entities, cues, speakers, roles…),
    # slices to that text; every object with offsets lies inside the text.
    def walk(name, value):
        if isinstance(value, dict):
            if isinstance(value.get("start"), int) and isinstance(value.get("end"), int):
                start, end = value["start"], value["end"]
                if not (0 <= start <= end <= len(text)):
                    problems.append(f"{name} {start}:{end} outside the text")
                elif isinstance(value.get("text"), str) and text[start:end] != value["text"]:
                    problems.append(f"{name} {value.get('id', '')} {start}:{end} slices to {text[start:end]!r}, not {value['text']!r}")
            for key, child in value.items():
                walk(f"{name}.{key}", child)
        elif isinstance(value, list):
            for child in value:
                walk(name, child)
    for name, items in layers.items():
        walk(name, items)
    # Cross-references: quotes and sources point at ids that exist.
    quote_ids = {q["id"] for q in layers.get("quotes", [])}
    clusters = {e.get("cluster") for e in layers.get("entities", [])}
    source_ids = {s["id"] for s in layers.get("sources", [])}
    for quote in layers.get("quotes", []):
        if "cluster" in quote and quote["cluster"] not in clusters:
            problems.append(f"quote {quote['id']} names cluster {quote['cluster']}, which no entity has")
    for source in layers.get("sources", []):
        for quote in source.get("quotes", []):
            if quote not in quote_ids:
                problems.append(f"source {source['id']} lists quote {quote}, which does not exist")
        if "publication" in source and source["publication"] not in source_ids:
            problems.append(f"source {source['id']} points at publication {source['publication']}, which does not exist")
    known = KNOWN.get(document["id"], {})
    slices = {
        "heading": [text[b["start"]:b["end"]] for b in blocks if b["kind"] == "heading"],
        "footer": [text[b["start"]:b["end"]] for b in blocks if b["kind"] == "footer"],
        "caption": [text[b["start"]:b["end"]] for b in blocks if b["kind"] == "caption"],
        "link": [text[m["start"]:m["end"]] for m in layers.get("markup", []) if m["kind"] == "link"],
        "sentence": [text[s["start"]:s["end"]] for s in layers.get("sentences", [])],
        "token": [text[t["start"]:t["end"]] for t in layers.get("tokens", [])],
        "date": [text[t["start"]:t["end"]] for t in layers.get("dates", [])],
    }
    for kind, expected in known.items():
        if kind in ("heading", "footer", "caption", "link"):
            if slices[kind] != expected:
                problems.append(f"{kind} slices {slices[kind]!r} != {expected!r}")
        else:
            for wanted in expected:
                if wanted not in slices[kind]:
                    problems.append(f"no {kind} slices to {wanted!r}")
    return problems


def main(paths):
    passed = failed = 0
    for path in paths:
        try:
            problems = check(path)
        except (jsonschema.ValidationError, ValueError, KeyError) as error:
            problems = [f"{type(error).__name__}: {str(error).splitlines()[0]}"]
        if problems:
            failed += 1
            print(f"FAIL {path}")
            for problem in problems[:20]:
                print(f"  - {problem}")
        else:
            passed += 1
            print(f"ok   {path}")
    print(f"validate_annotations: {passed} passed, {failed} failed")
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
