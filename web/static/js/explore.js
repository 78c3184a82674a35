// The explorer page: draws the embedded neighbourhood, shows the selected node with Unfold / Open page actions.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("graph-data").textContent);
  const container = document.getElementById("graph");
  const panel = document.getElementById("selection");
  const status = document.getElementById("graph-status");
  const el = SendkgGraph.el;
  let graph = null;

  function show(node) {
    panel.replaceChildren();
    if (!node) return;
    panel.append(el("h2", node.moreOf ? node.label : node.name || node.label));
    panel.append(el("p", node.clsLabel || "", "kind"));
    const actions = el("p", null, "actions");
    const unfold = el("button", node.moreOf ? "Draw the rest" : "Unfold its connections");
    unfold.type = "button";
    unfold.addEventListener("click", () => graph.expand(node.id).then((n) => { status.textContent = (n || 0) + " nodes added."; }));
    actions.append(unfold);
    if (node.path) {
      const link = el("a", "Open its page");
      link.href = node.path;
      link.className = "button";
      actions.append(link);
    }
    panel.append(actions);
  }

  graph = SendkgGraph.draw(container, data, {
    legend: document.getElementById("legend"),
    expandUrl: SendkgGraph.expandUrlFor(container.getAttribute("data-expand")),
    onSelect: show,
    onError: (error) => { status.textContent = "Could not unfold: " + error.message; },
  });
  container.addEventListener("graph-ready", () => {
    status.textContent = graph.nodes.length + " nodes drawn. Click one to unfold it, double-click to open its page.";
  });
  show(data.nodes.find((n) => n.focus));
})();
