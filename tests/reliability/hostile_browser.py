"""Drive Debian's chromium over every page of a server holding ``hostile.ttl``; print what each page did as JSON.

    python tests/reliability/hostile_browser.py http://127.0.0.1:PORT

Runs in its own process (Playwright's sync API allows one instance per thread, and the browser suite in
tests/browser holds one for the whole session). For each page: whether any script from the data ran
(``window.__xss``), dialogs, elements or attributes the data could only have made by being parsed as HTML,
links and sources with javascript:/data: URLs, requests off the origin, console errors, and the h1 text.
"""

from __future__ import annotations

import json
import sys
from urllib.parse import quote, urlsplit

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]
ID = "https://w3id.org/sendkg/id/"
ENTITIES = ("council/hostileshire", "agreement/hostileshire", "improvement-area/hostileshire", "inspection/hostileshire",
            "finding/hostileshire", "quote/hostileshire", "source/hostile-1", "source/hostile-2")
PAGES = ["/", "/mandates", "/mandates/hostileshire", "/search?q=hostileshire", "/search?q=script", "/search?q=window.__xss",
         "/explore", *(f"/id/{e}" for e in ENTITIES),
         *(f"/explore?focus={quote(ID + e, safe='')}&depth=2" for e in ("council/hostileshire", "finding/hostileshire")),
         "/query?query=" + quote("SELECT ?s ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label }"),
         "/query?query=" + quote(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), \"{ID}\")) }}")]

INSPECT = """() => {
    const bad = [];
    for (const el of document.querySelectorAll('*')) {
        for (const attr of el.attributes) {
            const value = attr.value.trim().toLowerCase();
            if (attr.name.startsWith('on')) bad.push(`${el.tagName} ${attr.name}`);
            if (['href', 'src', 'action', 'formaction', 'data', 'srcdoc', 'xlink:href'].includes(attr.name)
                && (value.startsWith('javascript:') || value.startsWith('data:text/html') || attr.name === 'srcdoc'))
                bad.push(`${el.tagName} ${attr.name}=${attr.value}`);
        }
        if (['IFRAME', 'OBJECT', 'EMBED', 'BASE', 'MATH', 'MGLYPH'].includes(el.tagName.toUpperCase())) bad.push(el.tagName);
        if (el.tagName === 'SCRIPT' && !el.src) {
            if (el.type !== 'application/json') bad.push('inline script');
            else try { JSON.parse(el.textContent); } catch (e) { bad.push('a JSON data block that does not parse'); }
        }
    }
    const h1 = document.querySelector('h1');
    return {xss: window.__xss === undefined ? null : String(window.__xss), bad, h1: h1 ? h1.textContent.trim() : null,
            text: document.body.innerText};
}"""
NODES = """(sel) => { const el = document.querySelector(sel); if (!el || !el.sendkgGraph) return [];
    el.scrollIntoView({block: 'center'});
    const g = el.sendkgGraph, box = el.getBoundingClientRect();
    return g.nodes.getIds().map(id => { const p = g.network.canvasToDOM(g.network.getPositions([id])[id]);
        return {x: box.left + p.x, y: box.top + p.y}; }); }"""


def settle(page) -> None:
    """Wait for the page, its queries and any drawing to finish."""
    page.wait_for_load_state("networkidle")
    if page.locator("#run").count() and page.url.find("query=") >= 0:
        page.locator("#run").click()
        page.wait_for_selector(".results-table tbody tr, #result-graph[data-ready='true'], #error:not([hidden])", timeout=20000)
    for selector in ("#graph", "#result-graph"):
        if page.locator(f"{selector}").count() and page.locator(selector).is_visible():
            page.wait_for_selector(f"{selector}[data-ready='true']", timeout=20000)


def poke(page) -> int:
    """Hover and click every drawn node (tooltips, selection panel); how many were touched."""
    touched = 0
    for selector in ("#graph", "#result-graph"):
        for point in page.evaluate(NODES, selector)[:40]:
            if 0 <= point["x"] <= 1280 and 0 <= point["y"] <= 900:
                page.mouse.move(point["x"], point["y"])
                page.wait_for_timeout(60)
                page.mouse.click(point["x"], point["y"])
                touched += 1
    return touched


def visit(context, base: str, path: str) -> dict:
    """Open ``path`` in a fresh page and report what happened."""
    page = context.new_page()
    page.set_default_timeout(20000)
    seen = {"dialogs": [], "errors": [], "foreign": []}
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("console", lambda m: seen["errors"].append(m.text) if m.type == "error" else None)
    page.on("request", lambda r: seen["foreign"].append(r.url)
            if urlsplit(r.url).scheme not in ("data", "blob", "about") and not r.url.startswith(base) else None)
    page.goto(base + path)
    settle(page)
    touched = poke(page)
    page.wait_for_timeout(200)
    result = {"path": path, "touched": touched, **page.evaluate(INSPECT), **seen}
    page.close()
    return result


def main(base: str) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        print(json.dumps([visit(context, base, path) for path in PAGES]))
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/"))
