"""The UI in Debian's chromium: a visitor's journey, the query page, downloads, permalinks, keyboard use, and
hostile graph text that must run no script. Every test also checks (in the ``watched`` fixture) that the
page logged no error and made no request off the app's origin."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.server]

BURY = "https://w3id.org/sendkg/id/council/bury"


def wait_for_drawing(page, selector="#graph"):
    """Wait until the drawing at ``selector`` has stabilised and been frozen."""
    page.wait_for_selector(f'{selector}[data-ready="true"]', timeout=20000)


def node_labels(page, selector="#graph") -> list[str]:
    return page.evaluate(f"() => document.querySelector('{selector}').sendkgGraph.nodes.get().map(n => n.label)")


def click_node(page, iri: str, selector="#graph", double=False) -> None:
    """Click the drawn node ``iri`` where it is on the canvas."""
    point = page.evaluate("""([sel, id]) => {
        const g = document.querySelector(sel).sendkgGraph;
        const p = g.network.canvasToDOM(g.network.getPositions([id])[id]);
        const box = document.querySelector(sel).getBoundingClientRect();
        return {x: box.left + p.x, y: box.top + p.y};
    }""", [selector, iri])
    (page.mouse.dblclick if double else page.mouse.click)(point["x"], point["y"])


def test_visitor_goes_from_home_to_bury_to_the_explorer(watched, live_server):
    page = watched.page
    page.goto(live_server.url + "/")
    page.get_by_label("Search councils, findings, quotes and sources").fill("Bury")
    page.keyboard.press("Enter")
    expect(page.locator("ol.results li").first).to_contain_text("Bury")
    page.locator("ol.results a.result-title", has_text=re.compile(r"^Bury$")).click()
    expect(page.locator("h1")).to_have_text("Bury")
    expect(page.get_by_role("link", name="See mandates vs findings for Bury")).to_be_visible()
    wait_for_drawing(page)
    page.get_by_role("link", name="Open in the graph explorer").click()
    wait_for_drawing(page)
    labels = node_labels(page)
    assert "Bury" in labels and "Bury safety valve agreement" in labels
    before = len(labels)
    click_node(page, "https://w3id.org/sendkg/id/agreement/bury")
    page.wait_for_function(f"() => document.querySelector('#graph').sendkgGraph.nodes.length > {before}")
    expect(page.locator("#selection h2")).to_contain_text("Bury safety valve agreement")
    page.get_by_role("link", name="Open its page").click()
    expect(page.locator("h1")).to_have_text("Bury safety valve agreement")


def test_double_click_opens_the_node_page(watched, live_server):
    page = watched.page
    page.goto(f"{live_server.url}/explore?focus={BURY}")
    wait_for_drawing(page)
    click_node(page, "https://w3id.org/sendkg/id/inspection/bury-2024", double=True)
    page.wait_for_url(re.compile(r"/id/inspection/bury-2024$"))


def test_mandates_view_shows_findings_beside_areas(watched, live_server):
    page = watched.page
    page.goto(live_server.url + "/mandates/bury")
    rows = page.locator("table.mandates tbody tr")
    expect(rows.first).to_be_visible()
    expect(page.locator(".outcomes")).to_contain_text("widespread and/or systemic failings")
    assert page.locator("table.mandates .finding").count() >= 3


def run_canned(page, live_server, name="21-councils-by-wave"):
    """Run the canned query ``name`` from the query page's list (21: one every store answers; Virtuoso cannot compile 01)."""
    page.goto(live_server.url + "/query")
    page.locator(f"#canned a[data-name='{name}']").click()
    page.wait_for_selector(".results-table tbody tr, .answer, #error:not([hidden])")


def test_canned_query_runs_and_its_table_links_to_an_entity(watched, live_server):
    page = watched.page
    run_canned(page, live_server)
    expect(page.locator("#error")).to_be_hidden()
    link = page.locator(".results-table a[href^='/id/']").first
    target = link.get_attribute("href")
    link.click()
    page.wait_for_url(re.compile(re.escape(target) + "$"))
    expect(page.locator("h1")).to_be_visible()


def test_csv_download(watched, live_server):
    page = watched.page
    run_canned(page, live_server)
    with page.expect_download() as info:
        page.locator("#downloads button[data-format=csv]").click()
    text = open(info.value.path(), encoding="utf-8").read()
    header = page.locator(".results-table thead th").all_inner_texts()
    assert text.splitlines()[0].split(",") == [h.lstrip("?") for h in header]
    assert len(text.splitlines()) == page.locator(".results-table tbody tr").count() + 1


def set_query(page, text: str) -> None:
    page.evaluate("(text) => window.sendkgQuery.editor.setValue(text)", text)


def test_permalink_reload_reproduces_the_query(watched, live_server):
    page = watched.page
    page.goto(live_server.url + "/query")
    query = 'PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\nSELECT ?s WHERE { ?s rdfs:label "Bury" }'
    set_query(page, query)
    page.locator("#run").click()
    expect(page.locator(".results-table tbody tr")).to_have_count(1)
    page.reload()
    assert page.evaluate("() => window.sendkgQuery.editor.getValue()") == query
    page.goto(live_server.url + page.locator("#permalink").get_attribute("href"))
    assert page.evaluate("() => window.sendkgQuery.editor.getValue()") == query


def test_syntax_error_shows_line_and_column(watched, live_server):
    page = watched.page
    watched.expected.append("status of 400 (BAD REQUEST)")  # the endpoint's answer to the bad query
    page.goto(live_server.url + "/query")
    set_query(page, "SELECT ?s WHERE {\n  ?s ?p\n}")
    page.locator("#run").click()
    error = page.locator("#error")
    expect(error).to_contain_text("The query has a mistake")
    expect(error.get_by_role("button", name=re.compile(r"Go to line 3, column \d+"))).to_be_visible()


@pytest.mark.embedded_only  # a remote store enforces its own time limit, not the app's QUERY_TIMEOUT
def test_time_limit_is_shown_plainly(watched, slow_server):
    page = watched.page
    watched.expected.append("status of 503")  # the endpoint's answer when the time limit is hit
    page.goto(slow_server.url + "/query")
    set_query(page, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
    page.locator("#run").click()
    expect(page.locator("#error")).to_contain_text("The query took too long and was stopped", timeout=30000)


def test_construct_result_is_drawn(watched, live_server):
    page = watched.page
    page.goto(live_server.url + "/query")
    set_query(page, f"CONSTRUCT {{ <{BURY}> ?p ?o }} WHERE {{ <{BURY}> ?p ?o }}")
    page.keyboard.press("Tab")
    page.locator("#run").click()
    wait_for_drawing(page, "#result-graph")
    assert "Bury" in node_labels(page, "#result-graph")


def test_keyboard_reaches_search_and_runs_a_query(watched, live_server):
    page = watched.page
    page.goto(live_server.url + "/ontology")
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == "site-q":
            break
    page.keyboard.type("Bury")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search\?q=Bury"))
    page.goto(live_server.url + "/query")
    page.locator(".cm-content").focus()
    page.keyboard.press("Control+Enter")
    expect(page.locator(".results-table tbody tr").first).to_be_visible()


def test_completion_offers_graph_terms(watched, live_server):
    page = watched.page
    page.goto(live_server.url + "/query")
    page.wait_for_load_state("networkidle")
    page.locator(".cm-content").focus()
    page.keyboard.press("Control+End")
    page.keyboard.type("\nskg:Coun")
    expect(page.locator(".cm-tooltip-autocomplete")).to_contain_text("skg:Council")
    page.keyboard.press("Escape")
    page.keyboard.type(" Bur")
    expect(page.locator(".cm-tooltip-autocomplete")).to_contain_text("Bury")


XSS_PATHS = ["/", "/id/council/evil", "/id/finding/evil", "/id/quote/evil", "/id/source/evil", "/mandates/evil",
             "/search?q=evil", "/explore?focus=https://w3id.org/sendkg/id/council/evil&depth=2"]


def test_hostile_graph_text_runs_no_script(watched, xss_server):
    page = watched.page
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for path in XSS_PATHS:
        page.goto(xss_server.url + path)
        page.wait_for_load_state("networkidle")
        if "explore" in path or path.startswith("/id/"):
            wait_for_drawing(page)
            page.mouse.move(400, 500)
        assert page.evaluate("() => window.__xss") is None, path
    page.goto(xss_server.url + "/id/council/evil")
    expect(page.locator("h1")).to_have_text("Evilshire <script>window.__xss=1</script>")
    assert dialogs == []
