/// The stylesheet and script inlined into every page, so a page needs no network and no
/// other file.
///
/// Colours come from the Okabe–Ito palette, which stays distinguishable with the common
/// colour-vision deficiencies, and every colour has a second cue: entity types differ in
/// their underline style and carry a type label, dates have a wavy underline, quotes are
/// italic with a speaker label, speakers a double underline.
enum ViewAssets {
    static let stylesheet = """
    :root { --ink: #1b1b1b; --muted: #555; --rule: #d0d0d0; --paper: #fff; --panel: #f6f6f4;
      --orange: #E69F00; --sky: #56B4E9; --green: #009E73; --yellow: #F0E442; --blue: #0072B2;
      --vermillion: #D55E00; --purple: #CC79A7; }
    * { box-sizing: border-box; }
    body { margin: 0; color: var(--ink); background: var(--paper); font: 17px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
    .skip { position: absolute; left: -999px; top: 0; background: #000; color: #fff; padding: .5em 1em; z-index: 10; }
    .skip:focus { left: 0; }
    header.meta, .layout, section.extra, footer { max-width: 78rem; margin: 0 auto; padding: 0 1.25rem; }
    header.meta { padding-top: 1rem; border-bottom: 1px solid var(--rule); }
    header.meta h1 { font-size: 1.6rem; line-height: 1.25; margin: .3rem 0 .6rem; }
    nav a { font-size: .9rem; }
    dl.metadata { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; margin: 0 0 .8rem; font-size: .9rem; }
    dl.metadata dt { color: var(--muted); }
    dl.metadata dd { margin: 0; overflow-wrap: anywhere; }
    ul.counts, ul.legend { list-style: none; padding: 0; margin: .4rem 0 .8rem; display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; font-size: .9rem; }
    ul.counts b { font-variant-numeric: tabular-nums; }
    .layout { display: grid; grid-template-columns: minmax(0, 1fr) 20rem; gap: 2rem; margin-top: 1rem; }
    .text { white-space: pre-wrap; overflow-wrap: break-word; max-width: 46rem; }
    aside { background: var(--panel); border: 1px solid var(--rule); border-radius: 6px; padding: .5rem 1rem 1rem; align-self: start; position: sticky; top: 1rem; max-height: calc(100vh - 2rem); overflow: auto; }
    aside h2, section.extra h2 { font-size: 1.15rem; margin: .6rem 0; }
    aside ul { list-style: none; padding: 0; margin: 0; }
    aside li.source { border-top: 1px solid var(--rule); padding: .5rem 0; font-size: .92rem; }
    aside dl { display: grid; grid-template-columns: max-content 1fr; gap: 0 .6rem; margin: .3rem 0 0; }
    aside dt { color: var(--muted); }
    aside dd { margin: 0; }
    button.speaker-button { font: inherit; font-weight: 700; color: var(--ink); background: #fff; border: 2px solid var(--vermillion); border-radius: 4px; padding: .1rem .5rem; cursor: pointer; }
    button.speaker-button[aria-pressed="true"] { background: var(--vermillion); color: #fff; }
    :focus-visible { outline: 3px solid #000; outline-offset: 2px; box-shadow: 0 0 0 5px #fff; }
    .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    .blk-heading { font-weight: 700; font-size: 1.15em; }
    .blk-footer, .blk-boilerplate, .blk-caption { color: var(--muted); font-size: .92em; }
    mark.ent { color: inherit; background: rgba(240, 228, 66, .35); border-bottom: 2px solid #8a7f00; padding: 0 .1em; border-radius: 2px; }
    mark.ent:not(.cont)::after { content: attr(data-type); font: 700 .62em/1 system-ui, "DejaVu Sans", sans-serif; font-style: normal; letter-spacing: .04em; margin-left: .25em; padding: .1em .25em; vertical-align: .2em; border: 1px solid currentColor; border-radius: 3px; background: #fff; }
    mark.t-PER { background: rgba(230, 159, 0, .28); border-bottom: 2px solid var(--orange); }
    mark.t-ORG { background: rgba(86, 180, 233, .28); border-bottom: 3px double var(--blue); }
    mark.t-LOC, mark.t-GPE { background: rgba(0, 158, 115, .2); border-bottom: 2px dashed var(--green); }
    mark.t-MISC { background: rgba(204, 121, 167, .25); border-bottom: 2px dotted #8f3f6c; }
    .timex { text-decoration: underline wavy var(--blue); text-decoration-thickness: 1.5px; text-underline-offset: .25em; position: relative; }
    .timex:not(.cont):hover::after, .timex:not(.cont):focus::after { content: attr(data-tip); position: absolute; left: 0; bottom: 100%; z-index: 5; white-space: nowrap; font: 600 .78rem/1.3 ui-monospace, "DejaVu Sans Mono", monospace; font-style: normal; color: #fff; background: #111; padding: .2em .45em; border-radius: 3px; }
    .quote { font-style: italic; background: rgba(0, 114, 178, .07); box-shadow: inset 0 -1px 0 rgba(0, 114, 178, .45); }
    .quote.qfirst::before { content: attr(data-label); font: 700 .62em/1 system-ui, "DejaVu Sans", sans-serif; font-style: normal; color: #fff; background: var(--blue); padding: .15em .35em; margin-right: .3em; border-radius: 3px; vertical-align: .2em; }
    .quote.hl { background: rgba(213, 94, 0, .18); box-shadow: inset 0 -3px 0 var(--vermillion); }
    .speaker { border-bottom: 3px double var(--vermillion); font-weight: 600; cursor: pointer; }
    .speaker.hl, .speaker[aria-pressed="true"] { background: rgba(213, 94, 0, .22); }
    .cue { text-decoration: underline dotted var(--muted); text-underline-offset: .2em; }
    .source-mention { border-bottom: 1px solid var(--vermillion); }
    .swatch { display: inline-block; min-width: 2.2em; text-align: center; font-size: .8em; font-weight: 700; padding: 0 .3em; margin-right: .3em; }
    section.extra { margin-top: 2rem; }
    table { border-collapse: collapse; font-size: .9rem; width: 100%; }
    th, td { text-align: left; border-bottom: 1px solid var(--rule); padding: .25rem .5rem .25rem 0; vertical-align: top; }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
    footer { color: var(--muted); font-size: .8rem; padding: 2rem 1.25rem; }
    @media (max-width: 52rem) {
      body { font-size: 16px; }
      .layout { grid-template-columns: minmax(0, 1fr); }
      aside { position: static; max-height: none; }
      dl.metadata { grid-template-columns: 1fr; }
      dl.metadata dd { margin-bottom: .3rem; }
    }
    @media print {
      * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      body { font-size: 11pt; }
      .skip, nav, .status { display: none; }
      .layout { display: block; }
      aside { position: static; max-height: none; border: 0; padding: 0; margin-top: 1.5rem; background: none; }
      .timex:not(.cont)::after { content: " [" attr(data-value) "]"; font: 600 .8em ui-monospace, monospace; color: var(--blue); }
      button.speaker-button { border: 0; padding: 0; }
      a { color: inherit; }
    }
    """

    /// Click, Enter or Space on a speaker (in the text or in the sources panel) highlights
    /// every quote of that speaker; again clears it. A live region says what is highlighted.
    static let script = """
    (function () {
      "use strict";
      var active = null;
      var status = document.getElementById("status");
      function select(key, name) {
        active = active === key ? null : key;
        var quotes = {};
        document.querySelectorAll(".quote, .speaker").forEach(function (element) {
          var on = active !== null && element.getAttribute("data-speaker") === active;
          element.classList.toggle("hl", on);
          if (on && element.classList.contains("quote")) { quotes[element.getAttribute("data-quote")] = true; }
        });
        document.querySelectorAll("[data-speaker][aria-pressed]").forEach(function (element) {
          element.setAttribute("aria-pressed", String(active !== null && element.getAttribute("data-speaker") === active));
        });
        var count = Object.keys(quotes).length;
        if (status) {
          status.textContent = active === null ? "" : count + (count === 1 ? " quote" : " quotes") + " by " + name + " highlighted";
        }
      }
      function speakerOf(target) {
        return target && target.closest ? target.closest("[data-speaker][aria-pressed]") : null;
      }
      document.addEventListener("click", function (event) {
        var speaker = speakerOf(event.target);
        if (speaker) { select(speaker.getAttribute("data-speaker"), speaker.getAttribute("data-name")); }
      });
      document.addEventListener("keydown", function (event) {
        if (event.key !== "Enter" && event.key !== " ") { return; }
        var speaker = speakerOf(event.target);
        if (speaker && speaker.tagName !== "BUTTON") {
          event.preventDefault();
          select(speaker.getAttribute("data-speaker"), speaker.getAttribute("data-name"));
        }
      });
    })();
    """
}
