#!/usr/bin/env python3
"""Loads one news-annotate view page in headless Chromium and checks it from inside the page.

usage: browser_check.py CHROMIUM PAGE.html [--static] [--screenshot OUT.png] [--min NAME=N ...]

The page is copied with two small scripts added (the page itself is not changed): one at the
top of <head> that records uncaught errors and console.error calls, and one at the end of
<body> that counts the highlighted spans in the DOM, clicks the first speaker button and
presses Enter on the first speaker in the text (each must highlight that speaker's quotes),
and writes the results as JSON into <pre id="browser-test-result">. Chromium prints the DOM
(--dump-dom), which this script reads back. Console messages that Chromium logs to stderr
(CSP violations, for example: the pages allow no network request) are failures too.

With --static (pages whose Content Security Policy allows no script at all, such as the index
page) nothing is added: the DOM Chromium prints is read as it is, counting `links` to pages and
table `rows`.

Prints one line per check and 'N passed, N failed'; exits 1 on any failure.
"""
import argparse
import html
import json
import os
import re
import subprocess
import sys
import tempfile

HEAD_PROBE = """<script>
window.__errors = [];
window.addEventListener("error", function (e) { window.__errors.push("error: " + e.message); });
(function () { var original = console.error; console.error = function () {
  window.__errors.push("console.error: " + Array.prototype.join.call(arguments, " ")); original.apply(console, arguments); }; })();
</script>"""

# The end of every body probe: the errors seen and the result, written where --dump-dom reads it.
PROBE_TAIL = """  result.errors = window.__errors;
  var pre = document.createElement("pre");
  pre.id = "browser-test-result";
  pre.textContent = JSON.stringify(result);
  document.body.appendChild(pre);
})();
</script>"""

BODY_PROBE = """<script>
(function () {
  function count(selector) { return document.querySelectorAll(selector).length; }
  var result = {
    entities: count("mark.ent[data-type]"), dates: count(".timex[data-value]"), quotes: count(".quote[data-quote]"),
    speakers: count(".speaker[role=button]"), sources: count("aside li.source"), focusable_dates: count(".timex[tabindex='0']"),
    text_length: Array.from(document.querySelector(".text").textContent).length, interactions: []
  };
  function highlighted(key) {
    var quotes = document.querySelectorAll(".quote[data-speaker]"), on = 0, wrong = 0;
    quotes.forEach(function (q) { if (q.classList.contains("hl")) { if (q.getAttribute("data-speaker") === key) { on++; } else { wrong++; } } });
    return {on: on, wrong: wrong};
  }
  var button = document.querySelector("button.speaker-button");
  if (button) {
    button.click();
    var state = highlighted(button.getAttribute("data-speaker"));
    result.interactions.push({what: "click " + button.textContent, highlighted: state.on, wrong: state.wrong,
      pressed: button.getAttribute("aria-pressed"), status: (document.getElementById("status") || {}).textContent});
    button.click();
    result.interactions.push({what: "click again clears", highlighted: document.querySelectorAll(".quote.hl").length, wrong: 0, pressed: button.getAttribute("aria-pressed")});
  }
  var span = document.querySelector(".speaker[role=button]");
  if (span) {
    span.focus();
    span.dispatchEvent(new KeyboardEvent("keydown", {key: "Enter", bubbles: true}));
    var after = highlighted(span.getAttribute("data-speaker"));
    result.interactions.push({what: "Enter on " + span.textContent, highlighted: after.on, wrong: after.wrong, pressed: span.getAttribute("aria-pressed"),
      focused: document.activeElement === span});
  }
""" + PROBE_TAIL


def chromium(binary, profile, *arguments):
    command = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
               "--hide-scrollbars", "--enable-logging=stderr", "--v=0", f"--user-data-dir={profile}", *arguments]
    return subprocess.run(command, capture_output=True, text=True, timeout=180)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("chromium")
    parser.add_argument("page")
    parser.add_argument("--screenshot")
    parser.add_argument("--height", type=int, default=900, help="screenshot height in pixels (the width is 1280)")
    parser.add_argument("--static", action="store_true", help="no probe scripts: count links and rows in the printed DOM")
    parser.add_argument("--min", action="append", default=[], help="NAME=N: at least N elements of that kind")
    args = parser.parse_args()
    with open(args.page, encoding="utf-8") as f:
        page = f.read()
    probed = page if args.static else page.replace("<head>", "<head>\n" + HEAD_PROBE, 1).replace("</body>", BODY_PROBE + "\n</body>", 1)
    checks = []
    with tempfile.TemporaryDirectory() as work:
        # Next to the original, so that relative links resolve the same way.
        probe_path = os.path.join(os.path.dirname(os.path.abspath(args.page)), ".browser-test-" + os.path.basename(args.page))
        with open(probe_path, "w", encoding="utf-8") as f:
            f.write(probed)
        try:
            run = chromium(args.chromium, os.path.join(work, "profile"), "--virtual-time-budget=3000", "--dump-dom", "file://" + probe_path)
        finally:
            os.remove(probe_path)
        if args.static:
            loaded = "</html>" in run.stdout
            checks.append(("page loaded", loaded, run.stderr[-800:] if not loaded else ""))
            result = {"links": len(re.findall(r'<a href="[^"]+\.html">', run.stdout)), "rows": len(re.findall(r"<tr>", run.stdout))}
        else:
            match = re.search(r'<pre id="browser-test-result">(.*?)</pre>', run.stdout, re.S)
            checks.append(("page loaded and the probe ran", match is not None, run.stderr[-800:] if not match else ""))
            result = json.loads(html.unescape(match.group(1))) if match else {}
        console = [line for line in run.stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line or "Refused to" in line]
        checks.append(("no console errors, no blocked requests", not console and not result.get("errors"), "; ".join(console + result.get("errors", []))))
        for requirement in args.min:
            name, minimum = requirement.split("=")
            checks.append((f"{name} >= {minimum}", result.get(name, 0) >= int(minimum), f"found {result.get(name)}"))
        for interaction in result.get("interactions", []):
            good = interaction["highlighted"] > 0 and interaction["wrong"] == 0 and interaction["pressed"] == "true"
            if interaction["what"] == "click again clears":
                good = interaction["highlighted"] == 0 and interaction["pressed"] == "false"
            checks.append((interaction["what"], good, json.dumps(interaction, ensure_ascii=False)))
        if args.screenshot:
            checks.append(screenshot_check(args.chromium, work, args.height, args.screenshot, args.page))
    return summarize(checks, os.path.basename(args.page), "browser_check")


def screenshot_check(binary, work, height, screenshot, page):
    """Writes a screenshot of `page` and checks it is a PNG of a page with content."""
    shot = chromium(binary, os.path.join(work, "profile2"), f"--window-size=1280,{height}", f"--screenshot={screenshot}",
                    "file://" + os.path.abspath(page))
    # A blank white page compresses to a few kilobytes; a page of highlighted text does not.
    ok = os.path.exists(screenshot) and open(screenshot, "rb").read(8) == b"\x89PNG\r\n\x1a\n" and os.path.getsize(screenshot) > 30000
    return ("screenshot written", ok, shot.stderr[-400:] if not ok else screenshot)


def summarize(checks, page, tool):
    """Prints one line per check and a total; the exit status: 0 when all passed."""
    passed = sum(1 for _, ok, _ in checks if ok)
    for name, ok, detail in checks:
        print(f"{'ok  ' if ok else 'FAIL'} {page}: {name}" + (f" ({detail})" if detail else ""))
    print(f"{tool}: {passed} passed, {len(checks) - passed} failed")
    return 0 if passed == len(checks) else 1


if __name__ == "__main__":
    sys.exit(main())
