#!/usr/bin/env python3
"""Writes the annotated-JSON fixtures for the view and export tests.

Offsets are found by searching the text, so they are right by construction (Python slices
code points, the unit of annotated JSON); every span is checked with text[start:end] before
writing. Run from anywhere: python3 Tests/NewsReadingTests/Fixtures/view/make_fixtures.py

- unicode.it.json: a short Italian text with accents, typographic quotes, an emoji outside
  the BMP (U+1F642) before and inside annotations, a quote in two parts, a quote running over
  two paragraphs, a date inside a quote, an entity inside a quote, and every layer.
- bbc-newsbeat-russia-syria.it.json: the seed article's golden file (blocks, tokens,
  sentences, dates from the real pipeline) with hand-made entities, quotes and sources, so
  the view shows every layer before those stages exist.
"""
import json
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", "..", ".."))


def find(text, needle, after=0, nth=0):
    start = after - 1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return {"start": start, "end": start + len(needle)}


def tokens_and_sentences(text):
    tokens = [{"start": m.start(), "end": m.end(), "kind": "word" if m.group()[0].isalnum() else "punctuation"}
              for m in re.finditer(r"[^\W\d_]+’|\w+|[^\w\s]", text)]
    sentences = []
    for block in re.finditer(r"[^\n]+", text):
        for m in re.finditer(r"\S.*?(?:[.!?]”?(?=\s|$)|$)", block.group()):
            sentences.append({"start": block.start() + m.start(), "end": block.start() + m.end()})
    blocks = [{"start": m.start(), "end": m.end(), "kind": "paragraph"} for m in re.finditer(r"[^\n]+", text)]
    return tokens, sentences, blocks


def check(doc):
    text = doc["text"]

    def walk(value, where):
        if isinstance(value, dict):
            if isinstance(value.get("start"), int) and isinstance(value.get("end"), int):
                assert 0 <= value["start"] <= value["end"] <= len(text), where
                if "text" in value:
                    assert text[value["start"]:value["end"]] == value["text"], (where, value)
            for key, item in value.items():
                walk(item, f"{where}/{key}")
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, f"{where}/{index}")
    walk(doc["layers"], "layers")


def write(name, doc):
    check(doc)
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=1)
        f.write("\n")


def unicode_fixture():
    text = ("Il ritorno di Zoë 🙂\n\n"
            "Zoë Bălan, portavoce dell’ONU, è arrivata lunedì a Città del Messico.\n\n"
            "“Non è finita”, dice la signora Bălan, “ma 🙂 domani si riparte con l’ONU.”\n\n"
            "“Prima parte del discorso.\n\n"
            "Seconda parte, con Città del Messico nel cuore”, ha aggiunto.\n\n"
            "Secondo l’ONU la crisi durerà sei mesi.\n")
    tokens, sentences, blocks = tokens_and_sentences(text)
    blocks[0]["kind"] = "heading"

    def span(needle, after=0, nth=0, **extra):
        s = find(text, needle, after, nth)
        s.update(extra)
        return s

    zoe = span("Zoë Bălan")
    balan = span("Bălan", text.index("signora"))
    onu = [span("ONU", nth=i) for i in range(3)]
    cdm = [span("Città del Messico", nth=i) for i in range(2)]
    entities = [
        dict(id="e1", **zoe, text="Zoë Bălan", type="PER", canonical="Zoë Bălan", cluster="c1"),
        dict(id="e2", **onu[0], text="ONU", type="ORG", canonical="Organizzazione delle Nazioni Unite", cluster="c2"),
        dict(id="e3", **cdm[0], text="Città del Messico", type="LOC", subtype="GPE", canonical="Città del Messico"),
        dict(id="e4", **balan, text="Bălan", type="PER", canonical="Zoë Bălan", cluster="c1",
             title=span("signora", text="signora")),
        dict(id="e5", **onu[1], text="ONU", type="ORG", canonical="Organizzazione delle Nazioni Unite", cluster="c2"),
        dict(id="e6", **cdm[1], text="Città del Messico", type="LOC", subtype="GPE", canonical="Città del Messico"),
        dict(id="e7", **onu[2], text="ONU", type="ORG", canonical="Organizzazione delle Nazioni Unite", cluster="c2"),
    ]
    for e in entities:
        e.pop("text_", None)
    dates = [
        dict(id="t1", **span("lunedì"), text="lunedì", type="DATE", value="2024-03-04", anchor="published"),
        dict(id="t2", **span("domani"), text="domani", type="DATE", value="2024-03-05", anchor="published"),
        dict(id="t3", **span("sei mesi"), text="sei mesi", type="DURATION", value="P6M"),
    ]
    q1a = span("“Non è finita”")
    q1b = span("“ma 🙂 domani si riparte con l’ONU.”")
    q2a = span("“Prima parte del discorso.")
    q2b = span("Seconda parte, con Città del Messico nel cuore”")
    q3 = span("la crisi durerà sei mesi")
    quotes = [
        {"id": "q1", "kind": "direct", "start": q1a["start"], "end": q1b["end"], "parts": [q1a, q1b],
         "cue": span("dice", text="dice"), "speaker": span("la signora Bălan", text="la signora Bălan"),
         "speakerName": "Zoë Bălan", "cluster": "c1", "attribution": "name", "confidence": 0.9},
        {"id": "q2", "kind": "direct", "start": q2a["start"], "end": q2b["end"], "parts": [q2a, q2b],
         "cue": span("ha aggiunto", text="ha aggiunto"), "speakerName": "Zoë Bălan", "cluster": "c1",
         "attribution": "subjectless", "confidence": 0.7},
        {"id": "q3", "kind": "indirect", "start": q3["start"], "end": q3["end"], "parts": [q3],
         "cue": span("Secondo", text="Secondo"), "speaker": dict(onu[2], text="ONU"), "speakerName": "ONU",
         "cluster": "c2", "attribution": "name", "confidence": 0.8},
    ]
    sources = [
        {"id": "s1", "kind": "person", "name": "Zoë Bălan", "relation": "quoted",
         "mentions": [zoe, {"start": balan["start"], "end": balan["end"]}], "quotes": ["q1", "q2"], "cluster": "c1",
         "role": span("portavoce", text="portavoce"), "affiliation": dict(onu[0], text="ONU")},
        {"id": "s2", "kind": "organisation", "name": "ONU", "relation": "according-to",
         "mentions": [onu[2]], "quotes": ["q3"], "cluster": "c2"},
    ]
    doc = {
        "format": "news-annotation/1",
        "id": "unicode.it",
        "metadata": {"title": "Il ritorno di Zoë 🙂", "authors": ["Redazione Esteri"], "published": "2024-03-04",
                     "language": "it", "url": "https://example.org/zoe", "siteName": "Esempio <Notizie> & co"},
        "text": text,
        "layers": {"blocks": blocks, "tokens": tokens, "sentences": sentences, "entities": entities,
                   "dates": dates, "quotes": quotes, "sources": sources},
        "pipeline": [{"stage": "ingest", "version": "1"}, {"stage": "fixture", "version": "1"}],
        "diagnostics": [
            {"id": "quote_speaker_inferred", "stage": "quotes", "severity": "info",
             "message": "speaker of a subject-less quote resolved to the last named source",
             "start": q2a["start"], "end": q2b["end"]},
            {"id": "html_escaping_check", "stage": "fixture", "severity": "warning", "message": "<script>alert(1)</script> & “quotes”"},
        ],
    }
    write("unicode.it.json", doc)


SEED_ENTITIES = [
    ("Bashar al-Assad", "PER", None, "Bashar al-Assad"), ("Assad", "PER", None, "Bashar al-Assad"),
    ("Vladimir Putin", "PER", None, "Vladimir Putin"), ("Putin", "PER", None, "Vladimir Putin"),
    ("Richard Reeve", "PER", None, "Richard Reeve"), ("Reeve", "PER", None, "Richard Reeve"),
    ("Margot Light", "PER", None, "Margot Light"), ("Light", "PER", None, "Margot Light"),
    ("Muammar Gheddafi", "PER", None, "Muammar Gheddafi"), ("Gheddafi", "PER", None, "Muammar Gheddafi"),
    ("Oxford Research Group", "ORG", None, "Oxford Research Group"), ("Stato Islamico", "ORG", None, "Stato Islamico"),
    ("IS", "ORG", None, "Stato Islamico"), ("al-Qaeda", "ORG", None, "al-Qaeda"), ("LSE", "ORG", None, "London School of Economics"),
    ("Russia", "LOC", "GPE", "Russia"), ("Siria", "LOC", "GPE", "Siria"), ("Libia", "LOC", "GPE", "Libia"),
    ("Unione Sovietica", "LOC", "GPE", "Unione Sovietica"), ("Egitto", "LOC", "GPE", "Egitto"), ("Iraq", "LOC", "GPE", "Iraq"),
    ("Stati Uniti", "LOC", "GPE", "Stati Uniti"), ("Medio Oriente", "LOC", None, "Medio Oriente"),
    ("Occidente", "LOC", None, "Occidente"), ("Guerra Fredda", "MISC", None, "Guerra fredda"),
    ("guerra fredda", "MISC", None, "Guerra fredda"), ("Instagram", "MISC", None, "Instagram"), ("Snapchat", "MISC", None, "Snapchat"),
]

# (line, speaker text or None, source id, attribution, cue, continues on the next line)
SEED_QUOTES = [
    (17, "Richard Reeve", "s1", "name", "dice", False), (21, "il signor Reeve", "s1", "name", "dice", False),
    (22, None, "s1", "subjectless", "aggiunge", False), (24, "Margot Light", "s2", "name", "dice", False),
    (25, None, "s2", "continuation", None, False), (28, "il signor Reeve", "s1", "name", "dice", False),
    (29, None, "s1", "continuation", None, True), (34, None, "s2", "subjectless", "dice", False),
    (35, None, "s2", "continuation", None, False), (36, None, "s2", "subjectless", "Dice", False),
    (39, "il Prof Light", "s2", "name", "dice", False), (40, None, "s2", "continuation", None, False),
    (43, None, "s1", "subjectless", "dice", False), (44, None, "s1", "continuation", None, False),
    (45, "Prof Light", "s2", "name", "dice", True), (48, None, "s2", "pronoun", None, False),
]


def seed_fixture():
    doc = json.load(open(os.path.join(ROOT, "Samples", "bbc-newsbeat-russia-syria.it.expected.json"), encoding="utf-8"))
    text = doc["text"]
    taken = []
    entities = []
    for name, kind, subtype, canonical in sorted(SEED_ENTITIES, key=lambda e: -len(e[0])):
        for m in re.finditer(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            entity = {"start": m.start(), "end": m.end(), "text": name, "type": kind}
            if subtype:
                entity["subtype"] = subtype
            entity["canonical"] = canonical
            entities.append(entity)
    entities.sort(key=lambda e: (e["start"], e["end"]))
    for i, e in enumerate(entities):
        e["id"] = f"e{i + 1}"
    entities = [{"id": e.pop("id"), **e} for e in entities]

    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line(n):
        start = line_starts[n - 1]
        return start, text.index("\n", start)

    quotes = []
    for number, (ln, speaker, source, attribution, cue, continues) in enumerate(SEED_QUOTES, 1):
        start, end = line(ln)
        body = text[start:end]
        open_at = start + body.index("“")
        parts = []
        if continues:
            parts.append({"start": open_at, "end": end})
            nstart, nend = line(ln + 1)
            parts.append({"start": nstart, "end": nstart + text[nstart:nend].index("”") + 1})
        else:
            parts.append({"start": open_at, "end": start + body.index("”", open_at - start) + 1})
        quote = {"id": f"q{number}", "kind": "mixed" if ln == 36 else "direct", "start": parts[0]["start"],
                 "end": parts[-1]["end"], "parts": parts}
        if cue:
            cue_at = text.index(cue, parts[-1]["end"] if ln != 45 and ln != 36 else start)
            quote["cue"] = {"start": cue_at, "end": cue_at + len(cue), "text": cue}
        if speaker:
            at = text.index(speaker, start)
            quote["speaker"] = {"start": at, "end": at + len(speaker), "text": speaker}
        quote["speakerName"] = "Richard Reeve" if source == "s1" else "Margot Light"
        quote["attribution"] = attribution
        quote["confidence"] = 0.9 if attribution == "name" else 0.6
        quotes.append(quote)

    def mentions(names):
        found = [e for e in entities if e["canonical"] in names and e["type"] == "PER"]
        return [{"start": e["start"], "end": e["end"]} for e in found]

    def labelled(needle):
        at = text.index(needle)
        return {"text": needle, "start": at, "end": at + len(needle)}

    handle = text.index("BBCNewsbeat")
    snap = text.index("bbc_newsbeat")
    sources = [
        {"id": "s1", "kind": "person", "name": "Richard Reeve", "relation": "quoted", "mentions": mentions({"Richard Reeve"}),
         "quotes": [q["id"] for q, spec in zip(quotes, SEED_QUOTES) if spec[2] == "s1"], "cluster": "c1",
         "role": labelled("direttore del programma di sicurezza sostenibile"), "affiliation": labelled("Oxford Research Group")},
        {"id": "s2", "kind": "person", "name": "Margot Light", "relation": "quoted", "mentions": mentions({"Margot Light"}),
         "quotes": [q["id"] for q, spec in zip(quotes, SEED_QUOTES) if spec[2] == "s2"], "cluster": "c2",
         "role": labelled("professore emerito di relazioni internazionali"), "affiliation": labelled("LSE")},
        {"id": "s3", "kind": "social", "name": "BBC Newsbeat", "relation": "promotion", "platform": "instagram",
         "handle": "BBCNewsbeat", "mentions": [{"start": handle, "end": handle + len("BBCNewsbeat")}], "quotes": []},
        {"id": "s4", "kind": "social", "name": "BBC Newsbeat", "relation": "promotion", "platform": "snapchat",
         "handle": "bbc_newsbeat", "mentions": [{"start": snap, "end": snap + len("bbc_newsbeat")}], "quotes": []},
    ]
    layers = doc["layers"]
    doc["layers"] = {key: layers[key] for key in ["blocks", "markup", "tokens", "sentences"]}
    doc["layers"]["entities"] = entities
    doc["layers"]["dates"] = layers["dates"]
    doc["layers"]["quotes"] = quotes
    doc["layers"]["sources"] = sources
    doc["pipeline"].append({"stage": "fixture-entities-quotes-sources", "version": "1"})
    doc["diagnostics"].append({"id": "quote_speaker_inferred", "stage": "quotes", "severity": "info",
                               "message": "speaker of a subject-less quote resolved to the last named source",
                               "start": quotes[2]["start"], "end": quotes[2]["end"]})
    write("bbc-newsbeat-russia-syria.it.json", doc)


if __name__ == "__main__":
    unicode_fixture()
    seed_fixture()
