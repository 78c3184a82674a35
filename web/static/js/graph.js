// Neighbourhood drawings with vis-network: labelled nodes sized by degree, coloured by group and shaped by kind, a
// grouped legend that filters by kind, group nodes ("11 inspection findings") that unfold in place, click (or the
// Unfold button) to expand a node in place, double-click (or Open page) to navigate. The layout is deterministic
// (nodes start on rings around the focus, a fixed seed) and stable: when a node unfolds, the nodes already drawn
// are held where they are and only the new ones move. Labels are never drawn smaller than MIN_PX on screen.
// All graph text arrives as JSON data and is shown with textContent / vis-network's canvas and innerText.
(function () {
  "use strict";

  const NODE_PX = 16;
  const EDGE_PX = 15;
  const MIN_PX = 12;
  const MIN_SCALE = MIN_PX / EDGE_PX;
  const RING = 230;

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
    layout: { randomSeed: 7, improvedLayout: false },
    nodes: { font: { size: NODE_PX, face: "system-ui, sans-serif", color: "#1b1b1b", strokeWidth: 4, strokeColor: "#ffffff" },
             borderWidth: 1, color: { border: "#333333" } },
    edges: { font: { size: EDGE_PX, align: "middle", color: "#333333", strokeWidth: 4, strokeColor: "#ffffff" },
             color: { color: "#8a8a8a", highlight: "#222222" }, smooth: false, arrows: { to: { scaleFactor: 0.6 } } },
    physics: { solver: "forceAtlas2Based",
               forceAtlas2Based: { gravitationalConstant: -120, springLength: 170, avoidOverlap: 0.6 },
               stabilization: { iterations: 250, fit: true } },
    interaction: { hover: true, tooltipDelay: 150, multiselect: false, keyboard: { enabled: true, bindToWindow: false } },
  };

  // Breadth-first rings around the first focus node: a deterministic start that physics only has to relax.
  function placeOnRings(nodes, edges) {
    const start = nodes.find((n) => n.focus) || nodes[0];
    if (!start) return;
    const next = {};
    edges.forEach((e) => { (next[e.from] = next[e.from] || []).push(e.to); (next[e.to] = next[e.to] || []).push(e.from); });
    const level = { [start.id]: 0 };
    const queue = [start.id];
    while (queue.length) {
      const id = queue.shift();
      (next[id] || []).forEach((o) => { if (level[o] === undefined) { level[o] = level[id] + 1; queue.push(o); } });
    }
    const rings = {};
    nodes.forEach((n) => { const l = level[n.id] === undefined ? 3 : level[n.id]; (rings[l] = rings[l] || []).push(n); });
    Object.keys(rings).forEach((l) => rings[l].forEach((n, i) => {
      const angle = (2 * Math.PI * i) / rings[l].length + Number(l) * 0.4;
      n.x = Number(l) * RING * Math.cos(angle);
      n.y = Number(l) * RING * Math.sin(angle);
    }));
  }

  const SVG = "http://www.w3.org/2000/svg";
  const OUTLINES = {  // the legend's swatches, drawn as the network draws its shapes, in a 20x20 box
    square: "M4 4H16V16H4Z", diamond: "M10 2L18 10L10 18L2 10Z", triangle: "M10 3L18 17H2Z", triangleDown: "M2 3H18L10 17Z",
    star: "M10 2L12.4 7.6L18.5 8.1L13.8 12L15.3 18L10 14.8L4.7 18L6.2 12L1.5 8.1L7.6 7.6Z",
    hexagon: "M5.5 2.5H14.5L19 10L14.5 17.5H5.5L1 10Z", box: "M2 5H18V15H2Z", ellipse: "M1 10A9 6 0 1 0 19 10A9 6 0 1 0 1 10Z",
  };

  function swatch(shape, colour) {
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 20 20");
    svg.setAttribute("class", "swatch");
    svg.setAttribute("aria-hidden", "true");
    const mark = document.createElementNS(SVG, OUTLINES[shape] ? "path" : "circle");
    if (OUTLINES[shape]) mark.setAttribute("d", OUTLINES[shape]); else { mark.setAttribute("cx", 10); mark.setAttribute("cy", 10); mark.setAttribute("r", 8); }
    mark.setAttribute("fill", colour);
    mark.setAttribute("stroke", "#333333");
    svg.append(mark);
    return svg;
  }

  function panelSize(panel) {
    return panel ? ["literals", "values", "facts"].reduce((sum, key) => sum + (panel[key] || []).length, 0) : 0;
  }

  function draw(container, data, settings) {
    settings = settings || {};
    const nodes = new vis.DataSet();
    const edges = new vis.DataSet();
    const folded = { nodes: {}, edges: [] };
    const hiddenClasses = new Set();
    const expanded = new Set();
    const legendBox = settings.legend || null;
    const legendEntries = {};
    const legendGroups = {};
    let network = null;
    let settling = Promise.resolve();
    container.setAttribute("data-ready", "false");

    function readable() {
      // Labels at least MIN_PX on screen: if fitting everything made them smaller, zoom in on the focus instead.
      if (network.getScale() >= MIN_SCALE) return;
      const focus = nodes.get({ filter: (n) => n.focus })[0];
      const at = focus ? network.getPositions([focus.id])[focus.id] : network.getViewPosition();
      network.moveTo({ position: at, scale: MIN_SCALE });
    }

    function freeze(first) {
      network.setOptions({ physics: { enabled: false } });
      nodes.update(nodes.get({ filter: (n) => n.fixed }).map((n) => ({ id: n.id, fixed: false })));
      if (first) readable();
      container.setAttribute("data-ready", "true");
      container.dispatchEvent(new CustomEvent("graph-ready", { bubbles: true }));
      if (settings.onChange) settings.onChange();
    }

    function legendGroup(name) {
      if (legendGroups[name]) return legendGroups[name];
      const box = el("div", null, "legend-group");
      box.append(el("h3", name));
      legendGroups[name] = box;
      legendBox.append(box);
      return box;
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
        label.append(box, swatch(item.shape, item.color), el("span", item.label));
        legendEntries[key] = label;
        legendGroup(item.group || "Other").append(label);
      });
    }

    function addEdges(list) {
      edges.add(list.map((e) => Object.assign({ id: edgeId(e) }, e)).filter((e) => !edges.get(e.id) && nodes.get(e.from) && nodes.get(e.to)));
    }

    function place(fresh, near) {
      const origin = near && network ? network.getPositions([near])[near] : null;
      if (!origin) return;
      const centre = network.getViewPosition();
      const out = Math.atan2(origin.y - centre.y, origin.x - centre.x);
      fresh.forEach((n, i) => {  // a fan pointing away from the middle of the drawing, so new nodes land outside
        const angle = out + (fresh.length === 1 ? 0 : (i / (fresh.length - 1) - 0.5) * Math.PI * 1.2);
        const radius = 160 + 40 * (i % 3);
        n.x = origin.x + radius * Math.cos(angle);
        n.y = origin.y + radius * Math.sin(angle);
      });
    }

    // Add what ``more`` brings that is not drawn yet; members of its groups already drawn keep their own nodes.
    function merge(more, near) {
      ((more.folded || {}).nodes || []).forEach((n) => { if (!folded.nodes[n.id]) folded.nodes[n.id] = n; });
      folded.edges.push(...(((more.folded || {}).edges) || []));
      const fresh = [];
      (more.nodes || []).forEach((n) => {
        const known = nodes.get(n.id);
        if (known) {  // a node drawn from further out has no panel yet: take the one its own neighbourhood brings
          if (n.panel && panelSize(n.panel) > panelSize(known.panel)) nodes.update({ id: n.id, panel: n.panel, title: n.title });
          return;
        }
        if (n.members) {
          const missing = n.members.filter((m) => !nodes.get(m));
          if (missing.length < n.members.length) {  // some already drawn: draw the rest one by one
            missing.forEach((m) => fresh.push(Object.assign({}, folded.nodes[m])));
            return;
          }
        }
        fresh.push(n);
      });
      fresh.forEach((n) => { n.hidden = hiddenClasses.has(n.cls || ""); });
      if (!network) placeOnRings(fresh, more.edges || []); else place(fresh, near);
      nodes.add(fresh);
      addEdges((more.edges || []).concat(folded.edges));
      addLegend(more.legend || []);
      return fresh.length;
    }

    function relax() {
      // Hold every node already drawn in place; physics moves only the new ones, then stops.
      container.setAttribute("data-ready", "false");
      const added = new Set(nodes.getIds().filter((id) => !placed.has(id)));
      nodes.update(nodes.getIds().filter((id) => !added.has(id)).map((id) => ({ id, fixed: { x: true, y: true } })));
      added.forEach((id) => placed.add(id));
      return new Promise((resolve) => {
        network.once("stabilizationIterationsDone", () => { freeze(false); resolve(); });
        network.setOptions({ physics: { enabled: true, stabilization: { fit: false } } });
        network.stabilize(150);
      });
    }

    function unfoldGroup(node) {
      const members = (node.members || []).map((m) => folded.nodes[m]).filter((m) => m && !nodes.get(m.id));
      const at = network.getPositions([node.id])[node.id];
      nodes.remove(node.id);
      edges.remove(edges.get({ filter: (e) => e.from === node.id || e.to === node.id }).map((e) => e.id));
      const fresh = members.map((m) => Object.assign({}, m, { hidden: hiddenClasses.has(m.cls || "") }));
      fresh.forEach((n, i) => {
        const angle = (2 * Math.PI * i) / Math.max(fresh.length, 1);
        n.x = at.x + 90 * Math.cos(angle);
        n.y = at.y + 90 * Math.sin(angle);
      });
      nodes.add(fresh);
      addEdges(folded.edges);
      return fresh.length;
    }

    function expand(id) {
      const node = nodes.get(id);
      if (!node) return Promise.resolve(0);
      if (node.members) {
        const added = unfoldGroup(node);
        if (settings.onUnfold) settings.onUnfold(id);
        settling = relax();
        return settling.then(() => added);
      }
      if (!settings.expandUrl) return Promise.resolve(0);
      const url = node.moreOf ? settings.expandUrl(node.moreOf, node.offset) : settings.expandUrl(node.iri, 0);
      if (!url || (!node.moreOf && expanded.has(id))) return Promise.resolve(0);
      return fetch(url, { headers: { Accept: "application/json" } })
        .then((r) => (r.ok ? r.json() : Promise.reject(new Error(r.status + " " + r.statusText))))
        .then((more) => {
          if (node.moreOf) nodes.remove(id); else expanded.add(id);
          if (settings.onUnfold) settings.onUnfold(id);
          const added = merge(more, node.moreOf || id);
          if (settings.onUpdate && !node.moreOf) settings.onUpdate(nodes.get(id));
          settling = added ? relax() : Promise.resolve();
          if (!added && settings.onChange) settings.onChange();
          return settling.then(() => added);
        })
        .catch((error) => { if (settings.onError) settings.onError(error); return 0; });
    }

    function open(id) {
      const node = nodes.get(id);
      if (node && node.path) window.location.assign(node.path);
    }

    function select(id) {
      if (!nodes.get(id)) return;
      network.selectNodes([id]);
      network.focus(id, { scale: Math.max(network.getScale(), MIN_SCALE) });
      if (settings.onSelect) settings.onSelect(nodes.get(id));
    }

    merge(data, null);
    const placed = new Set(nodes.getIds());
    (data.nodes || []).filter((n) => n.focus).forEach((n) => expanded.add(n.id));
    network = new vis.Network(container, { nodes, edges }, OPTIONS);
    network.once("stabilizationIterationsDone", () => freeze(true));
    network.on("click", (params) => {
      if (!params.nodes.length) return;
      const id = params.nodes[0];
      if (settings.onSelect) settings.onSelect(nodes.get(id));
      if (settings.expandOnClick !== false) expand(id);
    });
    network.on("doubleClick", (params) => { if (params.nodes.length) open(params.nodes[0]); });
    const graph = { network, nodes, edges, expand, open, select, settled: () => settling,
                    isExpanded: (id) => expanded.has(id) };
    container.sendkgGraph = graph;
    return graph;
  }

  function expandUrlFor(base, extra) {
    return (iri, offset) => base + "?focus=" + encodeURIComponent(iri) + "&depth=1" + (offset ? "&offset=" + offset : "") + (extra || "");
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

  window.SendkgGraph = { draw, expandUrlFor, el, MIN_PX };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", autoInit); else autoInit();
})();
