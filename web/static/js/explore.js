// The explorer page: draws the embedded neighbourhood (the focus and one step out by default), shows the selected
// node's facts in the side panel with Unfold / Open page actions, lists every drawn thing as a button (keyboard
// use), and keeps what was unfolded in the address bar (&open=...), replayed in order when the page loads.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("graph-data").textContent);
  const container = document.getElementById("graph");
  const panel = document.getElementById("selection");
  const status = document.getElementById("graph-status");
  const list = document.getElementById("drawn");
  const count = document.getElementById("drawn-count");
  const el = SendkgGraph.el;
  const url = new URL(window.location.href);
  const opened = url.searchParams.getAll("open");
  let graph = null;
  let selected = null;
  let replaying = false;

  function rows(title, items, render) {
    if (!items || !items.length) return;
    panel.append(el("h3", title));
    const dl = el("ul", null, "panel-list");
    items.forEach((item) => dl.append(render(item)));
    panel.append(dl);
  }

  function linkOrText(text, path) {
    if (!path) return el("span", text);
    const a = el("a", text);
    a.href = path;
    return a;
  }

  function pair(name, value) {
    const li = el("li");
    li.append(el("span", name + ": ", "prop"), value);
    return li;
  }

  function show(node) {
    selected = node ? node.id : null;
    panel.replaceChildren();
    if (!node) return;
    panel.append(el("h2", node.moreOf || node.members ? node.name || node.label : node.name || node.label));
    panel.append(el("p", node.clsLabel || "", "kind"));
    const info = node.panel || {};
    rows("Values", info.literals, (r) => pair(r[0], el("span", r[1])));
    rows("Linked values", info.values, (r) => pair(r[0], linkOrText(r[1], r[2])));
    rows("Facts from sources", info.facts, (r) => { const li = el("li"); li.append(linkOrText(r[0], r[1])); return li; });
    const listed = ["literals", "values", "facts"].some((key) => (info[key] || []).length);
    if (!node.members && !node.moreOf && !listed && !graph.isExpanded(node.id)) {
      panel.append(el("p", "Unfold it to list its values and facts here.", "hint"));
    }
    const actions = el("p", null, "actions");
    const unfold = el("button", node.moreOf ? "Draw the rest" : node.members ? "Unfold the group" : "Unfold its connections");
    unfold.type = "button";
    unfold.addEventListener("click", () => grow(node.id));
    actions.append(unfold);
    if (node.path) {
      const link = el("a", "Open its page");
      link.href = node.path;
      link.className = "button";
      actions.append(link);
    }
    panel.append(actions);
  }

  function remember(id) {
    if (replaying || opened.includes(id)) return;
    opened.push(id);
    const next = new URL(window.location.href);
    next.searchParams.delete("open");
    opened.forEach((o) => next.searchParams.append("open", o));
    window.history.replaceState(null, "", next);
  }

  function grow(id) {
    return graph.expand(id).then((n) => { status.textContent = (n || 0) + " things added."; });
  }

  function relist() {
    const shown = graph.nodes.get({ filter: (n) => !n.hidden });
    count.textContent = shown.length;
    list.replaceChildren(...shown.map((n) => {
      const li = el("li");
      const pick = el("button", n.name || n.label, "pick");
      pick.type = "button";
      pick.addEventListener("click", () => graph.select(n.id));
      li.append(pick, " ", el("span", n.clsLabel || "", "badge"));
      if (n.path) { const a = el("a", "page"); a.href = n.path; li.append(" ", a); }
      return li;
    }));
  }

  const values = container.getAttribute("data-values") === "1" ? "&values=1" : "";
  graph = SendkgGraph.draw(container, data, {
    legend: document.getElementById("legend"),
    expandUrl: SendkgGraph.expandUrlFor(container.getAttribute("data-expand"), values),
    onSelect: show,
    onUnfold: remember,
    onUpdate: (node) => { if (node && node.id === selected) show(node); },
    onChange: relist,
    onError: (error) => { status.textContent = "Could not unfold: " + error.message; },
  });
  container.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && selected) { event.preventDefault(); grow(selected); }
  });
  document.getElementById("values").addEventListener("change", (event) => event.target.form.submit());
  container.addEventListener("graph-ready", function replay() {
    container.removeEventListener("graph-ready", replay);
    replaying = true;
    opened.reduce((done, id) => done.then(() => graph.expand(id)), Promise.resolve()).then(() => {
      replaying = false;
      container.setAttribute("data-replayed", "true");
      status.textContent = graph.nodes.length + " things drawn. Click one to unfold it, double-click to open its page.";
    });
  });
  show(data.nodes.find((n) => n.focus));
})();
