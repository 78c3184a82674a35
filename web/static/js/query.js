// The query page: runs the editor's query against /sparql (SPARQL 1.1 Protocol, POST form), shows SELECT/ASK
// results as a table whose IRIs show as labels and link to entity pages, draws CONSTRUCT/DESCRIBE results, offers downloads and
// a permalink, and shows parser errors with line and column. Graph text is only ever set with textContent.
(function () {
  "use strict";
  const state = JSON.parse(document.getElementById("query-state").textContent);
  const el = SendkgGraph.el;
  const $ = (id) => document.getElementById(id);
  const MEDIA = {
    select: { json: "application/sparql-results+json", csv: "text/csv", tsv: "text/tab-separated-values" },
    graph: { turtle: "text/turtle", json: "application/ld+json", ntriples: "application/n-triples" },
  };
  const EXT = { json: "json", csv: "csv", tsv: "tsv", turtle: "ttl", jsonld: "jsonld" };
  let last = null;

  function form(query) {
    const bare = query.replace(/<[^>\s]*>/g, " ").replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g, " ").replace(/#[^\n]*/g, " ");
    const match = bare.match(/\b(SELECT|CONSTRUCT|DESCRIBE|ASK)\b/i);
    return match ? match[1].toUpperCase() : "SELECT";
  }
  const isGraph = (f) => f === "CONSTRUCT" || f === "DESCRIBE";

  function pathOf(iri) {
    for (const [base, path] of state.links) {
      if (iri.startsWith(base) && iri.length > base.length) return path + encodeURI(iri.slice(base.length)).replace(/#/g, "%23");
    }
    return null;
  }
  function curie(iri) {
    let best = null;
    for (const [p, ns] of Object.entries(state.prefixes)) {
      if (iri.startsWith(ns) && (!best || ns.length > best[1].length)) best = [p, ns];
    }
    return best ? best[0] + ":" + iri.slice(best[1].length) : iri;
  }

  function permalink(query) {
    return window.location.pathname + "?query=" + encodeURIComponent(query);
  }
  function updatePermalink() {
    const link = permalink(editor.getValue());
    $("permalink").href = link;
    return link;
  }

  function send(query, accept) {
    return fetch(state.endpoint, {
      method: "POST",
      headers: { Accept: accept, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ query }),
    });
  }

  function showError(status, text) {
    const box = $("error");
    box.replaceChildren();
    box.hidden = false;
    const timeout = status === 504 || status === 408 || /time ?limit|timed? ?out/i.test(text);
    const headline = timeout ? "The query took too long and was stopped. Try a LIMIT, or fewer or more specific patterns."
      : status === 400 ? "The query has a mistake."
      : status === 503 ? "The server is busy: try again in a moment."
      : status === 403 ? "This endpoint only reads: the query was refused."
      : "The query failed (" + (status || "no answer") + ").";
    box.append(el("strong", headline));
    box.append(el("pre", text));
    const where = text.match(/(?:line|at)\s*(\d+)[:,]\s*(?:column\s*)?(\d+)/i);
    if (where) {
      const go = el("button", "Go to line " + where[1] + ", column " + where[2]);
      go.type = "button";
      go.addEventListener("click", () => editor.goTo(Number(where[1]), Number(where[2])));
      box.append(go);
    }
  }

  function cell(term) {
    const td = el("td");
    if (!term) return td;
    if (term.type === "uri") {
      const path = pathOf(term.value);
      const outside = !path && /^https?:\/\/[^\s]+$/i.test(term.value);
      const node = el(path || outside ? "a" : "span", curie(term.value));
      if (path) node.href = path;
      if (outside) { node.href = term.value; node.rel = "external noopener noreferrer nofollow"; }
      node.title = term.value;
      node.setAttribute("data-iri", term.value);
      td.append(node);
    } else if (term.type === "bnode") {
      td.append(el("span", "_:" + term.value, "bnode"));
    } else {
      td.append(el("span", term.value, "lit"));
      if (term["xml:lang"]) td.append(el("span", " @" + term["xml:lang"], "lang"));
      else if (term.datatype) td.title = curie(term.datatype);
    }
    return td;
  }

  function table(vars, rows) {
    const t = el("table", null, "results-table");
    const head = el("tr");
    vars.forEach((v) => { const th = el("th", "?" + v); th.scope = "col"; head.append(th); });
    const thead = el("thead"); thead.append(head);
    const tbody = el("tbody");
    rows.forEach((row) => { const tr = el("tr"); vars.forEach((v) => tr.append(cell(row[v]))); tbody.append(tr); });
    t.append(thead, tbody);
    return t;
  }

  // Wikidata-style: a result table shows each IRI by its label (the IRI on hover and as the link), named in one request.
  function nameCells(t) {
    const named = [...t.querySelectorAll("[data-iri]")];
    const iris = [...new Set(named.map((n) => n.getAttribute("data-iri")))].slice(0, 5000);
    const done = () => { t.setAttribute("data-labelled", "true"); };
    if (!iris.length) { done(); return; }
    fetch(state.labels, { method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" }, body: JSON.stringify(iris) })
      .then((r) => (r.ok ? r.json() : {}))
      .then((names) => named.forEach((n) => { const name = names[n.getAttribute("data-iri")]; if (name) n.textContent = name; }))
      .catch(() => {})
      .then(done);
  }

  function ntriplesRows(text) {
    const term = /<([^>]*)>|_:(\S+)|"((?:[^"\\]|\\.)*)"(?:@[\w-]+|\^\^<[^>]*>)?/g;
    return text.split("\n").filter((l) => l.trim()).map((line) => {
      const parts = [...line.matchAll(term)].slice(0, 3).map((m) => (m[1] !== undefined ? { type: "uri", value: m[1] }
        : m[2] !== undefined ? { type: "bnode", value: m[2] } : { type: "literal", value: JSON.parse('"' + m[3] + '"') }));
      return { subject: parts[0], predicate: parts[1], object: parts[2] };
    });
  }

  let truncated = false;

  function showSelect(data, elapsed) {
    const results = $("results");
    if (data.boolean !== undefined) {
      results.append(el("p", "Answer: " + (data.boolean ? "yes (true)" : "no (false)"), "answer"));
    } else {
      const rows = data.results.bindings;
      $("status").textContent = rows.length + " result" + (rows.length === 1 ? "" : "s") + " in " + elapsed + " ms."
        + (truncated ? " Only the first " + rows.length + " rows are shown: the endpoint caps results." : "");
      const t = table(data.head.vars, rows);
      results.append(t);
      nameCells(t);
    }
  }

  function showGraph(text, elapsed) {
    const rows = ntriplesRows(text);
    $("status").textContent = rows.length + " triple" + (rows.length === 1 ? "" : "s") + " in " + elapsed + " ms.";
    const t = table(["subject", "predicate", "object"], rows.slice(0, 1000));
    $("results").append(t);
    nameCells(t);
    if (!rows.length) return;
    fetch(state.draw, { method: "POST", headers: { "Content-Type": "application/n-triples", Accept: "application/json" }, body: text })
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(r.status))))
      .then((data) => {
        $("result-graph-frame").hidden = false;
        $("result-legend").replaceChildren();
        SendkgGraph.draw($("result-graph"), data, { legend: $("result-legend"), expandOnClick: false });
      })
      .catch(() => {});
  }

  function run() {
    const query = editor.getValue();
    const kind = form(query);
    const accept = isGraph(kind) ? MEDIA.graph.ntriples : MEDIA.select.json;
    $("error").hidden = true;
    $("results").replaceChildren();
    $("result-graph-frame").hidden = true;
    $("status").textContent = "Running…";
    history.replaceState(null, "", updatePermalink());
    const started = performance.now();
    return send(query, accept).then((response) => response.text().then((text) => {
      const elapsed = Math.round(performance.now() - started);
      truncated = response.headers.get("X-SPARQL-Truncated") === "true";
      if (!response.ok) { $("status").textContent = ""; showError(response.status, text); return; }
      last = { query, kind };
      $("downloads").hidden = false;
      document.querySelectorAll("#downloads button").forEach((b) => {
        const fmt = b.getAttribute("data-format");
        b.hidden = isGraph(kind) ? !MEDIA.graph[fmt] : !MEDIA.select[fmt];
      });
      if (isGraph(kind)) showGraph(text, elapsed); else showSelect(JSON.parse(text), elapsed);
    })).catch((error) => { $("status").textContent = ""; showError(0, String(error)); });
  }

  function download(fmt) {
    if (!last) return;
    const media = (isGraph(last.kind) ? MEDIA.graph : MEDIA.select)[fmt];
    send(last.query, media).then((r) => r.blob().then((blob) => {
      if (!r.ok) { blob.text().then((t) => showError(r.status, t)); return; }
      const link = el("a");
      link.href = URL.createObjectURL(blob);
      link.download = "query-result." + (isGraph(last.kind) && fmt === "json" ? "jsonld" : EXT[fmt]);
      document.body.append(link);
      link.click();
      setTimeout(() => { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
    }));
  }

  const editor = SendkgEditor.createEditor($("editor"), { doc: state.query, prefixes: state.prefixes, onRun: run });
  editor.view.dom.addEventListener("keyup", updatePermalink);
  updatePermalink();
  fetch(state.terms, { headers: { Accept: "application/json" } }).then((r) => r.json()).then(editor.setTerms).catch(() => {});
  $("run").addEventListener("click", run);
  document.querySelectorAll("#downloads button").forEach((b) => b.addEventListener("click", () => download(b.getAttribute("data-format"))));
  document.querySelectorAll("#canned a[data-name]").forEach((a) => a.addEventListener("click", (event) => {
    const canned = state.queries.find((q) => q.name === a.getAttribute("data-name"));
    if (!canned) return;
    event.preventDefault();
    editor.setValue(canned.query);
    history.replaceState(null, "", canned.url);
    updatePermalink();
    run();
  }));
  window.sendkgQuery = { run, editor };
  if (state.autorun) run();
})();
