"""The visitor's pages in Debian's chromium: the council timeline, the programme overview's charts, compare, result
tables that read as names, and axe-core over every page kind (no serious or critical violation). The ``watched``
fixture checks every page logged no error and made no request off the app's origin."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.server]

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
BURY = "https://w3id.org/sendkg/id/council/bury"


def twin(page, url: str):
    """The JSON twin at ``url``, fetched by the page itself (same origin)."""
    return page.evaluate("(u) => fetch(u, {headers: {Accept: 'application/json'}}).then(r => r.json())", url)


@pytest.mark.parametrize("slug", ["bexley", "bury"])
def test_timeline_draws_every_dated_event_in_the_datas_order(watched, live_server, slug):
    page = watched.page
    page.goto(f"{live_server.url}/timeline/{slug}")
    data = twin(page, f"/timeline/{slug}.json")
    order = [e["node"]["iri"] for e in data["events"]]
    assert order, "the council has dated events"
    assert page.locator("#timeline-chart .mark").evaluate_all("ms => ms.map(m => m.dataset.iri)") == order
    assert page.locator("#timeline-list > li.event").evaluate_all("ls => ls.map(l => l.dataset.iri)") == order
    starts = [e["when"]["start"] for e in data["events"]]
    assert starts == sorted(starts)
    undated = page.locator("#undated-list > li.event")
    expect(undated).to_have_count(len(data["undated"]))


def test_bexley_timeline_says_what_happened_and_who_says_so(watched, live_server):
    page = watched.page
    page.goto(live_server.url + "/timeline/bexley")
    first = page.locator("#timeline-list > li.event").first
    expect(first).to_contain_text("3 October 2016 to 13 December 2016")  # its 2016-framework inspection, visit to report
    agreement = page.locator("#timeline-list > li.event", has_text="safety valve agreement")
    expect(agreement).to_contain_text("financial year 2022-23")
    notice = page.locator("#timeline-list > li.event", has_text="improvement notice")
    expect(notice.locator("ul.claims li").first).to_contain_text("confidence:")
    assert page.locator("#timeline-chart .mark rect[rx]").count() >= 1  # the financial year is a bar, not a day


CHARTS = {"waves-chart": lambda d: len(d["waves"]), "funding-chart": lambda d: len(d["funding"]),
          "outcomes-chart": lambda d: len([o for o in d["outcomes"] if o["date"]]),
          "interventions-chart": lambda d: len([i for i in d["interventions"] if i["date"]])}


def test_each_overview_chart_has_a_mark_per_row_of_its_data(watched, live_server):
    page = watched.page
    page.goto(live_server.url + "/programme")
    data = twin(page, "/programme.json")
    for chart, rows in CHARTS.items():
        assert rows(data) > 0, chart
        expect(page.locator(f"#{chart} .mark")).to_have_count(rows(data))
    expect(page.locator("#funding-table tbody tr")).to_have_count(len(data["funding"]))
    expect(page.locator("#unfunded-count")).to_have_text(str(len(data["unfunded"])))


def test_funding_bars_are_sorted_and_the_csv_matches_the_table(watched, live_server):
    page = watched.page
    page.goto(live_server.url + "/programme")
    widths = page.locator("#funding-chart .mark rect").evaluate_all("rs => rs.map(r => Number(r.getAttribute('width')))")
    assert widths == sorted(widths, reverse=True)
    section = page.locator("section", has=page.locator("#funding-h"))
    with page.expect_download() as info:
        section.get_by_role("link", name="download CSV").click()
    lines = Path(info.value.path()).read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("council,label,wave,dfe_funding_gbp")
    assert len(lines) - 1 == page.locator("#funding-table tbody tr").count()
    section.get_by_role("link", name="22-funding-by-council").click()
    page.wait_for_url(re.compile(r"/query\?name=22-funding-by-council$"))
    assert "skg:Bailout" in page.evaluate("() => window.sendkgQuery.editor.getValue()")


def test_compare_by_keyboard(watched, live_server):
    page = watched.page
    page.goto(live_server.url + "/compare")
    for slug in ("bury", "bexley"):
        page.locator(f"#pick-{slug}").focus()
        page.keyboard.press("Space")
    page.get_by_role("button", name="Compare").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/compare\?.*council=b"))
    heads = page.locator("#compare-table thead th").all_inner_texts()
    assert heads[1:] == ["Bexley", "Bury"]
    expect(page.locator("#compare-table")).to_contain_text("widespread and/or systemic failings")


def test_query_results_read_as_names_with_the_iri_on_hover(watched, live_server):
    page = watched.page
    page.goto(live_server.url + "/query?name=10-council-summary&run=1")
    page.wait_for_selector(".results-table[data-labelled=true]")
    link = page.locator(f".results-table a[title='{BURY}']").first
    expect(link).to_have_text("Bury")
    assert link.get_attribute("href") == "/id/council/bury"


def test_construct_table_and_drawing_read_as_names(watched, live_server):
    page = watched.page
    page.goto(live_server.url + "/query")
    page.evaluate("(q) => window.sendkgQuery.editor.setValue(q)", f"CONSTRUCT {{ <{BURY}> ?p ?o }} WHERE {{ <{BURY}> ?p ?o }}")
    page.locator("#run").click()
    page.wait_for_selector(".results-table[data-labelled=true]")
    subjects = page.locator(".results-table tbody tr td:first-child a").all_inner_texts()
    assert subjects and set(subjects) == {"Bury"}
    page.wait_for_selector('#result-graph[data-ready="true"]', timeout=20000)
    labels = page.evaluate("() => document.querySelector('#result-graph').sendkgGraph.nodes.get().map(n => n.label)")
    assert "Bury" in labels and not any(label.startswith("id:") for label in labels)


def test_visitor_pages_show_hostile_text_as_text(watched, xss_server):
    page = watched.page
    watched.expected.append("status of 400")  # the second council is no council: the form says so
    hostile = "%3Cscript%3Ewindow.__xss=1%3C/script%3E"
    for path in ("/timeline/evil", "/programme", f"/compare?council=evil&council={hostile}", "/compare"):
        page.goto(xss_server.url + path)
        assert page.evaluate("() => window.__xss") is None, path
    page.goto(f"{xss_server.url}/compare?council=evil&council={hostile}")
    expect(page.locator("#compare-error")).to_contain_text("<script>window.__xss=1</script>")


# Every kind of page, with what to wait for before the check (a drawing, a result table).
PAGE_KINDS = [
    ("/", None), ("/id/council/bury", '#graph[data-ready="true"]'), ("/id/source/schoolsweek-bury-failing-send", None),
    (f"/explore?focus={BURY}", '#graph[data-ready="true"]'), ("/mandates", None), ("/mandates/bury", None),
    ("/search?q=Bury", None), ("/ontology", None), ("/query?name=21-councils-by-wave&run=1", ".results-table[data-labelled=true]"),
    ("/timeline/bury", None), ("/programme", None), ("/compare", None), ("/compare?council=bury&council=bexley", None),
    ("/id/council/no-such-council", None),
]


@pytest.fixture
def axe_page(browser, live_server):
    """A page whose context lets Playwright inject axe-core (its script tag is inline, which the CSP forbids)."""
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20000)
    errors, foreign = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"uncaught: {e}"))
    page.on("request", lambda r: foreign.append(r.url) if urlsplit(r.url).scheme in ("http", "https")
            and not r.url.startswith(live_server.url + "/") else None)
    yield page
    context.close()
    assert foreign == [], f"requests left the machine: {foreign}"
    assert [e for e in errors if "status of 404" not in e] == [], f"the page logged errors: {errors}"


@pytest.mark.parametrize("path,ready", PAGE_KINDS, ids=[p for p, _ in PAGE_KINDS])
def test_page_has_no_serious_accessibility_violation(axe_page, live_server, path, ready):
    page = axe_page
    page.goto(live_server.url + path)
    if ready:
        page.wait_for_selector(ready)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    bad = [{"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
           for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == [], json.dumps(bad, indent=1)


def test_the_accessibility_check_catches_a_planted_violation(axe_page):
    axe_page.set_content('<!doctype html><html lang="en"><title>planted</title><main><img src="data:,"></main></html>')
    axe_page.add_script_tag(path=str(AXE))
    result = axe_page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    assert {v["id"]: v["impact"] for v in result["violations"]}.get("image-alt") == "critical"
