#!/usr/bin/env python3
"""Loads a news-annotate report page in headless Chromium and reads its numbers back from the DOM.

usage: report_browser_check.py CHROMIUM REPORT_DIR [--screenshot OUT.png] [--height N]

REPORT_DIR holds report.html and report.json as `news-annotate report` writes them. The page is
copied with a probe script added at the end of <body> (the page itself is not changed) that
reads the totals, the unresolved share and the sources table from the DOM, counts the SVG
charts and their bars, clicks the "quotes" header of the sources table twice (ascending, then
descending) and reads the order back, and writes the results as JSON into
<pre id="browser-test-result">, which `chromium --dump-dom` prints. Every number is compared
with report.json. Console errors and blocked requests (the page allows no network) are failures.

Prints one line per check and 'N passed, N failed'; exits 1 on any failure.
"""
import argparse
import html
import json
import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from browser_check import HEAD_PROBE, PROBE_TAIL, chromium, screenshot_check, summarize  # noqa: E402

BODY_PROBE = """<script>
(function () {
  function number(id) { var e = document.getElementById(id); return e ? parseInt(e.textContent, 10) : null; }
  var table = document.getElementById("sources-table");
  function column(name) {
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    return headers.findIndex(function (h) { return h.textContent.replace(/[▲▼ ]+$/, "") === name; });
  }
  function values(index) { return Array.prototype.map.call(table.tBodies[0].rows, function (r) { return r.cells[index].textContent; }); }
  var result = {
    documents: number("total-documents"), words: number("total-words"), quotes: number("total-quotes"),
    quotedSources: number("total-quoted-sources"), unresolved: number("unresolved-quotes"), counted: number("counted-quotes"),
    unresolvedShare: (document.getElementById("unresolved-share") || {}).textContent,
    charts: document.querySelectorAll("figure.chart svg[role=img] > title").length,
    unresolvedBars: document.querySelectorAll("figure.chart g.bar.unresolved").length,
    sourceNames: values(column("source")).map(function (t) { return t.split("also:")[0].trim(); }),
    sourceQuotes: values(column("quotes")).map(Number)
  };
  var button = table.tHead.rows[0].cells[column("quotes")].querySelector("button");
  button.click();
  result.ascending = values(column("quotes")).map(Number);
  result.sortState = button.parentNode.getAttribute("aria-sort");
  button.click();
  result.descending = values(column("quotes")).map(Number);
""" + PROBE_TAIL


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("chromium")
    parser.add_argument("directory")
    parser.add_argument("--screenshot")
    parser.add_argument("--height", type=int, default=1600)
    args = parser.parse_args()
    page_path = os.path.join(args.directory, "report.html")
    with open(page_path, encoding="utf-8") as f:
        page = f.read()
    with open(os.path.join(args.directory, "report.json"), encoding="utf-8") as f:
        summary = json.load(f)
    probed = page.replace("<head>", "<head>\n" + HEAD_PROBE, 1).replace("</body>", BODY_PROBE + "\n</body>", 1)
    checks = []
    with tempfile.TemporaryDirectory() as work:
        probe_path = os.path.join(work, "report.html")
        with open(probe_path, "w", encoding="utf-8") as f:
            f.write(probed)
        run = chromium(args.chromium, os.path.join(work, "profile"), "--virtual-time-budget=3000", "--dump-dom", "file://" + probe_path)
        match = re.search(r'<pre id="browser-test-result">(.*?)</pre>', run.stdout, re.S)
        checks.append(("page loaded and the probe ran", match is not None, run.stderr[-800:] if not match else ""))
        result = json.loads(html.unescape(match.group(1))) if match else {}
        console = [line for line in run.stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line or "Refused to" in line]
        checks.append(("no console errors, no blocked requests", not console and not result.get("errors"), "; ".join(console + result.get("errors", []))))
        totals, shares = summary["totals"], summary["quoteShares"]
        expected = {"documents": totals["documents"], "words": totals["words"], "quotes": totals["quotes"],
                    "quotedSources": totals["quotedSources"], "unresolved": shares["unresolved"]["quotes"], "counted": shares["counted"]}
        for name, value in expected.items():
            checks.append((f"{name} in the DOM is {value} as in report.json", result.get(name) == value, f"found {result.get(name)}"))
        share = shares["unresolved"]["share"] * 100
        checks.append(("the unresolved share is shown", result.get("unresolvedShare") == f"{share:.1f}%", f"found {result.get('unresolvedShare')}"))
        checks.append(("the unresolved share has its own bar", result.get("unresolvedBars", 0) >= 1, f"found {result.get('unresolvedBars')}"))
        checks.append(("SVG charts are drawn", result.get("charts", 0) >= 5, f"found {result.get('charts')}"))
        top = summary["sources"][:len(result.get("sourceNames", []))]
        checks.append(("the sources table is report.json's ranking", result.get("sourceNames") == [s["name"] for s in top]
                       and result.get("sourceQuotes") == [s["quotes"] for s in top], json.dumps(result.get("sourceNames"), ensure_ascii=False)))
        quotes = result.get("sourceQuotes", [])
        checks.append(("a click sorts by quotes ascending", result.get("ascending") == sorted(quotes) and result.get("sortState") == "ascending",
                       json.dumps(result.get("ascending"))))
        checks.append(("a second click sorts descending", result.get("descending") == sorted(quotes, reverse=True), json.dumps(result.get("descending"))))
        if args.screenshot:
            checks.append(screenshot_check(args.chromium, work, args.height, args.screenshot, page_path))
    return summarize(checks, "report.html", "report_browser_check")


if __name__ == "__main__":
    sys.exit(main())
