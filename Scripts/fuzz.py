#!/usr/bin/env python3
"""Throws hostile inputs at news-annotate for a bounded time and checks it never crashes.

Each round writes a batch of generated files — random bytes, truncated and mutated HTML,
deep nesting, huge attributes and entities, mixed encodings, control characters, emoji,
stray BOMs, and the samples' text with quotation marks, dashes, cue verbs, names, titles,
pronouns, acronyms, handles and wire credits inserted and deleted at random — runs `news-annotate annotate DIR --output-dir OUT`, and checks that:
  * the exit code is 0 or 1 (never a signal, never a usage error),
  * every output file is complete JSON with "text" and "layers",
  * each input yields either an output or exactly one error line.
A failing round keeps its inputs in the work folder for a bug report.

Usage: python3 Scripts/fuzz.py [--seconds 60] [--binary .build/debug/news-annotate] [--seed N]
(build first; a release binary, --binary .build/release/news-annotate, runs more rounds.)
"""
import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def seeds():
    texts = []
    for name in sorted(os.listdir(os.path.join(ROOT, "Samples"))):
        if name.endswith((".txt", ".html")):
            with open(os.path.join(ROOT, "Samples", name), "rb") as handle:
                texts.append((name, handle.read()))
    return texts


def mutate(rng, data):
    data = bytearray(data)
    for _ in range(rng.randint(1, 30)):
        choice = rng.random()
        position = rng.randrange(len(data) + 1)
        if choice < 0.3 and data:
            del data[position:position + rng.randint(1, 200)]
        elif choice < 0.6:
            data[position:position] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 50)))
        elif choice < 0.8:
            data[position:position] = rng.choice([b"<", b">", b"</p>", b"<div>", b"&#x0;", b"&#xD800;", b"\xef\xbb\xbf",
                                                  b"<!--", b"<![CDATA[", b"<script>", b"\"", b"\x00", "“’…😀".encode()])
        else:
            data = data[:position]
    return bytes(data)


# Pieces that matter to the quotes, entities and sources stages: quotation marks of every
# convention, dashes, cue verbs, names, titles, pronouns, acronyms in parentheses, handles.
PIECES = ["“", "”", "«", "»", "„", "‚", "‘", "’", "‹", "›", "\"", "'", "—", "―", ":", ",", ".", "\n", "\n\n",
          " dice ", " said ", " ha detto ", " Richard Reeve ", " il signor ", " Mr ", " lei ", " she ", " secondo ",
          " according to ", " che ", " that ", " un portavoce ", " (IS) ", " anti-", " al-", " Instagram a ", " @x_y ",
          " (Reuters) - ", " — ANSA", " di Mario Rossi\n"]


def mutate_text(rng, data):
    text = list(data.decode("utf-8", errors="replace"))
    for _ in range(rng.randint(1, 200)):
        position = rng.randrange(len(text) + 1)
        choice = rng.random()
        if choice < 0.6:
            text[position:position] = list(rng.choice(PIECES))
        elif choice < 0.9 and text:
            del text[min(position, len(text) - 1)]
        elif text:
            start = rng.randrange(len(text))
            text[position:position] = text[start:start + rng.randint(1, 400)]
    return "".join(text).encode()


def generated(rng):
    kind = rng.randrange(8)
    if kind == 0:
        return "random.txt", bytes(rng.randrange(256) for _ in range(rng.randint(1, 4000)))
    if kind == 1:
        depth = rng.randint(200, 20000)
        return "deep.html", ("<html><body>" + "<div><span>" * depth + "testo profondo" + "</span></div>" * rng.randint(0, depth)).encode()
    if kind == 2:
        return "attr.html", ("<html><body><p title='" + "x" * rng.randint(1, 2_000_000) + "'>Ciao.</p></body></html>").encode()
    if kind == 3:
        entities = "<!DOCTYPE html [" + "".join(f'<!ENTITY e{i} "{"&e%d;" % (i - 1) * 10 if i else "lol"}">' for i in range(10)) + "]>"
        return "entities.html", (entities + "<html><body><p>&e9; &xxe;</p></body></html>").encode()
    if kind == 4:
        return "latin1.txt", "Perché l’esercito “dice” così: 5 € – già.".encode("cp1252", errors="replace") * rng.randint(1, 50)
    if kind == 5:
        return "controls.txt", bytes(rng.choice([9, 10, 13, 27, 11, 12]) if rng.random() < 0.3 else rng.randrange(32, 127) for _ in range(rng.randint(1, 3000)))
    if kind == 6:
        return "emoji.txt", ("👍🏽 e\u0301 🇮🇹 “Ciao”, dice. " * rng.randint(1, 300)).encode()
    return "empty.txt", b""


def run_round(binary, rng, work, round_number):
    inputs = os.path.join(work, "in")
    outputs = os.path.join(work, "out")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(inputs)
    base = seeds()
    names = []
    for index in range(rng.randint(5, 20)):
        draw = rng.random()
        if draw < 0.35:
            name, data = rng.choice(base)
            data = mutate(rng, data)
        elif draw < 0.6:
            name, data = rng.choice(base)
            data = mutate_text(rng, data)
        else:
            name, data = generated(rng)
        stem, dot, extension = name.rpartition(".")
        file_name = f"f{index:03d}-{stem}.{extension}"
        names.append(file_name)
        with open(os.path.join(inputs, file_name), "wb") as handle:
            handle.write(data)
    result = subprocess.run([binary, "annotate", inputs, "--output-dir", outputs, "--quiet", "--jobs", "2"],
                            capture_output=True, timeout=600)
    problems = []
    if result.returncode not in (0, 1):
        problems.append(f"exit code {result.returncode}: {result.stderr.decode(errors='replace')[-500:]}")
    errors = [line for line in result.stderr.decode(errors="replace").splitlines() if line.startswith("news-annotate: error:")]
    written = sorted(os.listdir(outputs)) if os.path.isdir(outputs) else []
    for name in written:
        try:
            with open(os.path.join(outputs, name), encoding="utf-8") as handle:
                document = json.load(handle)
            if "text" not in document or "layers" not in document:
                problems.append(f"{name}: incomplete document")
        except ValueError as error:
            problems.append(f"{name}: not JSON ({error})")
    if len(written) + len(errors) != len(names):
        problems.append(f"{len(names)} inputs but {len(written)} outputs and {len(errors)} error lines")
    return problems, len(names)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "debug", "news-annotate"))
    parser.add_argument("--seed", type=int, default=int(time.time()))
    arguments = parser.parse_args()
    rng = random.Random(arguments.seed)
    work = tempfile.mkdtemp(prefix="news-annotate-fuzz-")
    deadline = time.time() + arguments.seconds
    rounds = files = 0
    while time.time() < deadline:
        rounds += 1
        problems, count = run_round(arguments.binary, rng, work, rounds)
        files += count
        if problems:
            print(f"fuzz: round {rounds} (seed {arguments.seed}) failed; inputs kept in {work}/in")
            for problem in problems:
                print(f"  - {problem}")
            print(f"fuzz: {rounds - 1} passed, 1 failed")
            return 1
    shutil.rmtree(work, ignore_errors=True)
    print(f"fuzz: {files} inputs in {rounds} rounds, seed {arguments.seed}, no crash")
    print(f"fuzz: {rounds} passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
