// Neighbourhood drawings with vis-network: labelled, class-coloured-and-shaped nodes, a legend that filters
// by class, click (or the Unfold button) to expand a node in place, double-click (or Open page) to navigate.
// All graph text arrives as JSON data and is shown with textContent / vis-network's canvas and innerText.
(function () {
  "use strict";

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function edgeId(e) {
    return e.from + "\u0001" + (e.prop || e.title || "") + "\u0001" + e.to;
  }

  const OPTIONS = {
    autoResize: true,
    nodes: { font: { size: 13, face: "system-ui, sans-serif", strokeWidth: 3, strokeColor: "#ffffff" },
             borderWidth: 1, color: { border: "#333333" } },
    edges: { font: { size: 10, align: "middle", color: "#444444", strokeWidth: 3, strokeColor: "#ffffff" },
             color: { color: "#8a8a8a", highlight: "#222222" }, smooth: false, arrows: { to: { scaleFactor: 0.6 } } },
    physics: { solver: "forceAtlas2Based",
               forceAtlas2Based: { gravitationalConstant: -90, springLength: 140, avoidOverlap: 0.4 },
               stabilization: { iterations: 300, fit: true } },
    interaction: { hover: true, tooltipDelay: 150, multiselect: false },
  };

  function draw(container, data, settings) {
    settings = settings || {};
    const nodes = new vis.DataSet();
    const edges = new vis.DataSet();
    const hiddenClasses = new Set();
    const expanded = new Set();
    const legendBox = settings.legend || null;
    const legendEntries = {};
    let network = null;
    container.setAttribute("data-ready", "false");

    function freeze() {
      network.setOptions({ physics: { enabled: false } });
      container.setAttribute("data-ready", "true");
      container.dispatchEvent(new CustomEvent("graph-ready", { bubbles: true }));
    }

    function addLegend(items) {
      if (!legendBox) return;
      items.forEach((item) => {
        const key = item.class || "";
        if (legendEntries[key]) return;
        const label = el("label", null, "legend-item");
        const box = el("input");
        box.type = "checkbox";
        box.checked = true;
        box.addEventListener("change", () => {
          if (box.checked) hiddenClasses.delete(key); else hiddenClasses.add(key);
          nodes.update(nodes.get().filter((n) => n.cls === key).map((n) => ({ id: n.id, hidden: !box.checked })));
        });
        const swatch = el("span", null, "swatch shape-" + item.shape);
        swatch.style.backgroundColor = item.color;
        label.append(box, swatch, el("span", item.label + " (" + item.shape + ")"));
        legendEntries[key] = label;
        legendBox.append(label);
      });
    }

    function merge(more, near) {
      const origin = near && network ? network.getPositions([near])[near] : null;
      const fresh = more.nodes.filter((n) => !nodes.get(n.id));
      fresh.forEach((n, i) => {
        n.hidden = hiddenClasses.has(n.cls || "");
        if (origin) {
          const angle = (2 * Math.PI * i) / Math.max(fresh.length, 1);
          n.x = origin.x + 150 * Math.cos(angle);
          n.y = origin.y + 150 * Math.sin(angle);
        }
      });
      nodes.add(fresh);
      edges.add(more.edges.map((e) => Object.assign({ id: edgeId(e) }, e)).filter((e) => !edges.get(e.id)));
      addLegend(more.legend || []);
      return fresh.length;
    }

    function relax() {
      container.setAttribute("data-ready", "false");
      network.setOptions({ physics: { enabled: true } });
      network.stabilize(120);
      network.once("stabilized", freeze);
    }

    function expand(id) {
      const node = nodes.get(id);
      if (!node || !settings.expandUrl) return Promise.resolve(0);
      const url = node.moreOf ? settings.expandUrl(node.moreOf, node.offset) : settings.expandUrl(node.iri, 0);
      if (!url || (!node.moreOf && expanded.has(id))) return Promise.resolve(0);
      return fetch(url, { headers: { Accept: "application/json" } })
        .then((r) => (r.ok ? r.json() : Promise.reject(new Error(r.status + " " + r.statusText))))
        .then((more) => {
          if (node.moreOf) nodes.remove(id); else expanded.add(id);
          const added = merge(more, node.moreOf || id);
          if (added) relax();
          return added;
        })
        .catch((error) => { if (settings.onError) settings.onError(error); });
    }

    function open(id) {
      const node = nodes.get(id);
      if (node && node.path) window.location.assign(node.path);
    }

    merge(data, null);
    (data.nodes || []).filter((n) => n.focus).forEach((n) => expanded.add(n.id));
    network = new vis.Network(container, { nodes, edges }, OPTIONS);
    network.once("stabilizationIterationsDone", freeze);
    network.on("click", (params) => {
      if (!params.nodes.length) return;
      const id = params.nodes[0];
      if (settings.onSelect) settings.onSelect(nodes.get(id));
      if (settings.expandOnClick !== false) expand(id);
    });
    network.on("doubleClick", (params) => { if (params.nodes.length) open(params.nodes[0]); });
    const graph = { network, nodes, edges, expand, open, isExpanded: (id) => expanded.has(id) };
    container.sendkgGraph = graph;
    return graph;
  }

  function expandUrlFor(base) {
    return (iri, offset) => base + "?focus=" + encodeURIComponent(iri) + "&depth=1" + (offset ? "&offset=" + offset : "");
  }

  // Entity pages: <div class="graph" data-source="/explore.json?..."> with a sibling legend.
  function autoInit() {
    document.querySelectorAll(".graph[data-source]").forEach((container) => {
      const legend = container.parentElement.querySelector(".legend");
      fetch(container.getAttribute("data-source"), { headers: { Accept: "application/json" } })
        .then((r) => (r.ok ? r.json() : Promise.reject(new Error(r.status))))
        .then((data) => {
          const base = container.getAttribute("data-source").split("?")[0];
          draw(container, data, { legend, expandUrl: expandUrlFor(base) });
        })
        .catch(() => { container.textContent = "The drawing could not be loaded."; });
    });
  }

  window.SendkgGraph = { draw, expandUrlFor, el };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", autoInit); else autoInit();
})();
