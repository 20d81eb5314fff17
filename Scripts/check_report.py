#!/usr/bin/env python3
"""Checks the files of `news-annotate report` independently, in Python.

usage: check_report.py REPORT_DIR ANNOTATED.json ...

Recounts documents, words (runs between whitespace holding a letter or a digit), entity
mentions by type, quotes by kind and the unresolved quotes from the annotated JSON given (the
same documents the report was made from), compares them with report.json, and reads both CSV
files with Python's csv module: every number of report.csv must equal report.json's, and
report-sources.csv must list report.json's sources in the same order.
Prints one line per check and 'N passed, N failed'; exits 1 on any failure.
"""
import collections
import csv
import json
import os
import sys


def words(text):
    return sum(1 for word in text.split() if any(c.isalnum() for c in word))


def main():
    directory, inputs = sys.argv[1], sys.argv[2:]
    summary = json.load(open(os.path.join(directory, "report.json"), encoding="utf-8"))
    documents = [json.load(open(path, encoding="utf-8")) for path in inputs]
    checks = []
    entities, kinds = collections.Counter(), collections.Counter()
    unresolved = 0
    for document in documents:
        layers = document.get("layers", {})
        entities.update(e["type"] for e in layers.get("entities", []))
        quoted = {q for s in layers.get("sources", []) for q in s.get("quotes", [])}
        for quote in layers.get("quotes", []):
            kinds[quote["kind"]] += 1
            if quote["kind"] != "scare" and quote["id"] not in quoted and "source" not in quote and "speakerName" not in quote:
                unresolved += 1
    totals = summary["totals"]
    checks.append(("documents", totals["documents"] == len(documents), f"{totals['documents']} vs {len(documents)}"))
    total_words = sum(words(d["text"]) for d in documents)
    checks.append(("words", totals["words"] == total_words, f"{totals['words']} vs {total_words}"))
    checks.append(("entities by type", summary["entitiesByType"] == dict(entities), json.dumps(summary["entitiesByType"])))
    checks.append(("quotes by kind", summary["quotesByKind"] == dict(kinds), json.dumps(summary["quotesByKind"])))
    checks.append(("unresolved quotes", summary["quoteShares"]["unresolved"]["quotes"] == unresolved, f"{unresolved}"))

    with open(os.path.join(directory, "report.csv"), newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    values = {(r["section"], r["key"], r["measure"]): float(r["value"]) for r in rows}
    expected = {("totals", "", "documents"): totals["documents"], ("totals", "", "words"): totals["words"],
                ("quote_shares", "unresolved", "quotes"): summary["quoteShares"]["unresolved"]["quotes"],
                ("quote_shares", "unresolved", "share"): summary["quoteShares"]["unresolved"]["share"]}
    expected.update({("entities_by_type", k, "mentions"): v for k, v in summary["entitiesByType"].items()})
    expected.update({("quotes_by_source_kind", s["kind"], "quotes"): s["quotes"] for s in summary["quoteShares"]["bySourceKind"]})
    for group, label in (("publishers", "publisher"), ("months", "month")):
        for item in summary[group]:
            for measure in ("documents", "words", "quotes"):
                expected[(label, item[label], measure)] = item[measure]
    wrong = {k: (values.get(k), v) for k, v in expected.items() if values.get(k) != v}
    checks.append((f"report.csv has report.json's numbers ({len(expected)} compared)", not wrong, json.dumps({"|".join(k): v for k, v in wrong.items()})))

    with open(os.path.join(directory, "report-sources.csv"), newline="", encoding="utf-8") as f:
        sources = list(csv.DictReader(f))
    same = [(r["name"], int(r["quotes"]), int(r["words_quoted"])) for r in sources] == \
        [(s["name"], s["quotes"], s["wordsQuoted"]) for s in summary["sources"]]
    checks.append(("report-sources.csv lists report.json's sources in order", same, f"{len(sources)} rows"))
    passed = sum(1 for _, ok, _ in checks if ok)
    for name, ok, detail in checks:
        print(f"{'ok  ' if ok else 'FAIL'} report: {name}" + (f" ({detail})" if detail and not ok else ""))
    print(f"check_report: {passed} passed, {len(checks) - passed} failed")
    return 0 if passed == len(checks) else 1


if __name__ == "__main__":
    sys.exit(main())
