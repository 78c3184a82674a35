"""The explorer at a glance, before and after: nodes drawn, label size on screen and time to a settled layout.

A script, not a test. For each code tree given (``name=PATH``, e.g. ``before=/work/main after=.``) it starts
that tree's ``sendkg serve`` on a free loopback port over one builds folder, opens ``/explore`` around Bury in
Debian's chromium (Playwright, 1280x900) a few times, and prints a Markdown table of medians:

- nodes drawn: visible nodes in the drawing once it has settled;
- label px: the smallest node label as drawn on screen (font size times the zoom after the fit), and the focus's;
- settled ms: from the vis-network ``Network`` being made to its ``stabilized`` event (the layout at rest).

``--shots DIR`` saves a screenshot of each tree's first run there (never into the repository).

    python -m bench.explorer --var /work/main/var before=/work/main after=. --shots /tmp/explorer-shots
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench.harness.processes import ServerProcess
from graph.terms import ID

CHROMIUM = "/usr/bin/chromium"
BURY = str(ID["council/bury"])
# Wraps vis.Network as the page's script makes it, to time construction -> 'stabilized' whatever the page's code.
HOOK = """(() => {
  let vis, Network, Wrapped;
  Object.defineProperty(window, "vis", { configurable: true, get() { return vis; }, set(value) {
    vis = value;
    Object.defineProperty(value, "Network", { configurable: true, enumerable: true, get() { return Wrapped; }, set(real) {
      Network = real;
      Wrapped = function (container, data, options) {
        const started = performance.now();
        const network = new Network(container, data, options);
        network.once("stabilized", () => { window.__settledMs = performance.now() - started; });
        return network;
      };
      Wrapped.prototype = Network.prototype;
    } });
  } });
})();"""
MEASURE = """() => {
  const g = document.querySelector("#graph").sendkgGraph, scale = g.network.getScale();
  const shown = g.nodes.get().filter((n) => !n.hidden);
  const px = shown.map((n) => g.network.body.nodes[n.id].options.font.size * scale);
  const focus = shown.find((n) => n.focus);
  return { nodes: shown.length, minPx: Math.min(...px),
           focusPx: focus ? g.network.body.nodes[focus.id].options.font.size * scale : null };
}"""


def measure(browser, url: str, shot: Path | None) -> dict:
    """One visit: wait for the settled layout, then read what is drawn."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.add_init_script(HOOK)
    page.goto(url)
    page.wait_for_function("() => window.__settledMs !== undefined", timeout=60000)
    page.wait_for_selector('#graph[data-ready="true"]', timeout=60000)
    found = page.evaluate(MEASURE) | {"settledMs": page.evaluate("() => window.__settledMs")}
    if shot:
        page.screenshot(path=str(shot))
    page.close()
    return found


def run_tree(name: str, tree: Path, var: Path, paths: list[str], runs: int, shots: Path | None) -> list[dict]:
    """Serve ``tree``'s code over ``var`` and measure each path ``runs`` times; medians per path. (``python -P``:
    the code comes from PYTHONPATH, the tree, not from the working folder.)"""
    argv = [sys.executable, "-P", "-m", "web.cli", "serve", "--var", str(var), "--host", "127.0.0.1", "--port", "{port}"]
    server = ServerProcess(f"{name} serve", argv, "/static/favicon.svg", {"SENDKG_STORE_IN_MEMORY": "0", "PYTHONPATH": str(tree)})
    server.start()
    rows = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
            for path in paths:
                slug = path.split("depth=")[-1][:1]
                found = [measure(browser, server.base + path, shots / f"{name}-depth{slug}.png" if shots and i == 0 else None)
                         for i in range(runs)]
                rows.append({"tree": name, "path": path,
                             **{k: statistics.median(f[k] for f in found) for k in ("nodes", "minPx", "focusPx", "settledMs")}})
            browser.close()
    finally:
        server.stop()
    return rows


def main(argv=None) -> None:
    """Measure each ``name=PATH`` tree and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("trees", nargs="+", help="name=PATH of a code tree to serve (e.g. before=/work/main after=.)")
    parser.add_argument("--var", type=Path, required=True, help="the builds folder both trees serve")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--shots", type=Path, help="folder for a screenshot per tree and depth (outside the repository)")
    parser.add_argument("--depths", default="2,1")
    args = parser.parse_args(argv)
    if args.shots:
        args.shots.mkdir(parents=True, exist_ok=True)
    paths = [f"/explore?focus={BURY}&depth={d}" for d in args.depths.split(",")]
    rows = []
    for spec in args.trees:
        name, _, tree = spec.partition("=")
        rows += run_tree(name, Path(tree).resolve(), args.var.resolve(), paths, args.runs, args.shots)
    print(f"Explorer around Bury, medians of {args.runs} runs, chromium 1280x900, {os.cpu_count()} cores\n")
    print("| code | depth | nodes drawn | smallest label px | focus label px | ms to stabilized |")
    print("| --- | --- | --- | --- | --- | --- |")
    for r in rows:
        depth = r["path"].split("depth=")[-1]
        print(f"| {r['tree']} | {depth} | {r['nodes']:.0f} | {r['minPx']:.1f} | {r['focusPx']:.1f} | {r['settledMs']:.0f} |")


if __name__ == "__main__":
    main()
