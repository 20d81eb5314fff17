#!/usr/bin/env python3
"""Learns the words that start and end organisation names from the entity training files and
writes them into Sources/NewsAnnotators/Entities/Resources/organisation-words-<lang>.json,
keeping the file's hand-written lists.

Only the training part of each file is read (all but the last 10 % of its sentences, the dev
split `train-entities` holds out), so the dev figures stay honest. A word is kept when it is the
first (or last) word of at least MIN multi-word ORG spans, in at least 30 % of its occurrences,
and the training text also writes it in lowercase at least once: a common noun or adjective
("party", "consiglio", "europea"), not a proper name, which is the gazetteer's job.

    python3 Scripts/organisation-words.py            # both languages
    python3 Scripts/organisation-words.py en
"""
import collections, json, os, sys

DATA = os.environ.get("NER_DATA", os.path.join(os.path.dirname(__file__), "..", "..", "shared", "datasets", "ner"))
RESOURCES = os.path.join(os.path.dirname(__file__), "..", "Sources", "NewsAnnotators", "Entities", "Resources")
FILES = {"en": ["gum-wikinews.en.tsv", "wikigold.en.tsv"], "it": ["kind-wikinews.train.it.tsv"]}
MINIMUM = {"en": 2, "it": 3}
SHARE = 0.3


def sentences(path):
    current = []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip():
            if current:
                yield current
            current = []
            continue
        columns = line.split("\t")
        current.append((columns[0], columns[-1]))
    if current:
        yield current


def learn(language):
    train = []
    for name in FILES[language]:
        whole = list(sentences(os.path.join(DATA, name)))
        train += whole[: len(whole) - int(len(whole) * 0.1)]
    first, last, seen, lowercase = (collections.Counter() for _ in range(4))
    for sentence in train:
        for word, _ in sentence:
            seen[word.lower()] += 1
            if word == word.lower():
                lowercase[word.lower()] += 1
        start, kind = None, None
        for index, (_, tag) in enumerate(sentence + [("", "O")]):
            if tag.startswith("I-") and start is not None and tag[2:] == kind:
                continue
            if start is not None and kind == "ORG" and index - start >= 2:
                first[sentence[start][0].lower()] += 1
                last[sentence[index - 1][0].lower()] += 1
            start, kind = (None, None) if tag == "O" else (index, tag[2:])

    def keep(counts):
        words = [w for w, n in counts.items() if n >= MINIMUM[language] and n >= SHARE * seen[w] and w.isalpha() and lowercase[w] > 0]
        return sorted(words)

    return keep(first), keep(last)


def main():
    for language in sys.argv[1:] or ["en", "it"]:
        path = os.path.join(RESOURCES, f"organisation-words-{language}.json")
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
        first, last = learn(language)
        data["learned"] = {"from": ", ".join(FILES[language]) + " (training part: all but the last 10 % of each file's sentences)",
                           "minimumCount": MINIMUM[language], "minimumShare": SHARE, "first": first, "last": last}
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, indent=2)
            handle.write("\n")
        print(f"{path}: {len(first)} first words, {len(last)} last words learned")


if __name__ == "__main__":
    main()
