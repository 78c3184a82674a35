"""The explorer in Debian's chromium: the default view (focus + one step) reads at a glance — labels of at least
12 px on screen, the legend inside the window — unfolding holds the drawn nodes where they were, groups unfold on
click, the address keeps what was unfolded, and the keyboard reaches it all. The ``watched`` fixture also fails a
test on any console error or request off the app's origin."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from graph.terms import ID

pytestmark = [pytest.mark.browser, pytest.mark.server]

BURY, AGREEMENT, FUNDING = str(ID["council/bury"]), str(ID["agreement/bury"]), str(ID["funding/bury"])
GRAPH = "() => document.querySelector('#graph').sendkgGraph"


def open_explorer(page, base: str, query: str = "") -> None:
    page.goto(f"{base}/explore?focus={BURY}{query}")
    page.wait_for_selector('#graph[data-ready="true"][data-replayed="true"]', timeout=30000)


def positions(page) -> dict:
    return page.evaluate(f"() => {{ const g = ({GRAPH})(); return g.network.getPositions(g.nodes.getIds()); }}")


def drawn_ids(page) -> set[str]:
    return set(page.evaluate(f"() => ({GRAPH})().nodes.getIds()"))


def click_node(page, node_id: str) -> None:
    point = page.evaluate(f"""(id) => {{
        const g = ({GRAPH})(), p = g.network.canvasToDOM(g.network.getPositions([id])[id]);
        const box = document.querySelector('#graph').getBoundingClientRect();
        return {{x: box.left + p.x, y: box.top + p.y}};
    }}""", node_id)
    page.mouse.click(point["x"], point["y"])


def wait_settled(page, more_than: int) -> None:
    page.wait_for_function(f"() => ({GRAPH})().nodes.length > {more_than}")
    page.wait_for_selector('#graph[data-ready="true"]')


def test_default_view_is_one_step_with_readable_labels_and_a_legend_on_screen(watched, live_server):
    page = watched.page
    open_explorer(page, live_server.url)
    sizes = page.evaluate(f"""() => {{ const g = ({GRAPH})(), scale = g.network.getScale();
        return g.nodes.getIds().map((id) => g.network.body.nodes[id].options.font.size * scale); }}""")
    assert sizes and min(sizes) >= 12
    ids = drawn_ids(page)
    assert BURY in ids and AGREEMENT in ids and len(ids) < 30
    assert str(ID["fact/bury-gss-code"]) not in ids and "Bury: GSS code: E08000002" in page.locator("#selection").inner_text()
    box = page.locator("#legend").bounding_box()
    window = page.viewport_size
    assert box["y"] >= 0 and box["y"] + box["height"] <= window["height"] and box["x"] + box["width"] <= window["width"]
    assert page.locator("#legend h3").all_inner_texts()[0].lower() == "councils and agreements"


def test_unfolding_by_click_keeps_the_drawn_nodes_in_place_and_the_url_says_so(watched, live_server):
    page = watched.page
    open_explorer(page, live_server.url)
    before = positions(page)
    click_node(page, AGREEMENT)
    wait_settled(page, len(before))
    after = positions(page)
    assert set(after) > set(before)
    moved = {i: (before[i], after[i]) for i in before
             if abs(before[i]["x"] - after[i]["x"]) > 0.5 or abs(before[i]["y"] - after[i]["y"]) > 0.5}
    assert moved == {}
    assert parse_qs(urlsplit(page.url).query)["open"] == [AGREEMENT]
    page.goto(page.url)  # the link reproduces the drawing
    page.wait_for_selector('#graph[data-ready="true"][data-replayed="true"]', timeout=30000)
    assert drawn_ids(page) == set(after)


def test_a_group_unfolds_into_its_members_on_click(watched, live_server):
    page = watched.page
    open_explorer(page, live_server.url)
    group = page.evaluate(f"() => ({GRAPH})().nodes.get({{ filter: (n) => n.members }})[0]")
    assert re.fullmatch(r"\d+ quotes", group["label"])
    click_node(page, group["id"])
    page.wait_for_function(f"(id) => !({GRAPH})().nodes.get(id)", arg=group["id"])
    assert set(group["members"]) <= drawn_ids(page)
    assert group["id"] in parse_qs(urlsplit(page.url).query)["open"]


def test_keyboard_selects_a_thing_from_the_list_and_unfolds_it(watched, live_server):
    page = watched.page
    open_explorer(page, live_server.url)
    count = len(drawn_ids(page))
    page.locator("#drawn button.pick", has_text=re.compile(r"^Bury safety valve agreement$")).focus()
    page.keyboard.press("Enter")
    expect(page.locator("#selection h2")).to_have_text("Bury safety valve agreement")
    page.get_by_role("button", name="Unfold its connections").focus()
    page.keyboard.press("Enter")
    wait_settled(page, count)
    expect(page.locator("#graph-status")).to_contain_text("things added")


def test_unfolding_a_node_brings_its_own_values_into_the_panel(watched, live_server):
    page = watched.page
    open_explorer(page, live_server.url)
    count = len(drawn_ids(page))
    expect(page.locator("#selection")).not_to_contain_text("amount")
    click_node(page, FUNDING)
    wait_settled(page, count)
    expect(page.locator("#selection h2")).to_have_text("Bury safety valve funding")
    expect(page.locator("#selection .panel-list").first).to_contain_text("amount: £20.5m")


def test_the_first_layout_is_the_same_on_every_visit(watched, live_server):
    page = watched.page
    open_explorer(page, live_server.url)
    first = positions(page)
    open_explorer(page, live_server.url)
    assert positions(page) == first
