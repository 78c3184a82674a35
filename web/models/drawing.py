"""Drawings of RDF: triples -> one styled networkx graph -> pyvis node and edge data (vis-network JSON).

One graph is built from the triples; the neighbours to draw are chosen on it (at most ``cap`` per node, the
rest behind one "+N more" node), the others removed from it, and the kept nodes and edges styled in place:
labelled, sized by their degree in the whole graph, and coloured by their kind's group with a shape per kind
(``legend.py``), the kind named in the tooltip and the legend, so colour is never the only carrier of meaning.
The explorer then folds values and facts into side panels and bundles like links (``explorer.py``). Labels are
worked out once: the triples' own ``rdfs:label``s, then one query (``describe``) for the nodes and properties
still unnamed, with their types and degrees. The graph is handed to pyvis once. All text is plain data: the
browser draws labels on a canvas and shows tooltips and panels with ``textContent``; the page escapes the JSON.
"""

from __future__ import annotations

import networkx as nx
import pyoxigraph as ox
from pyvis.network import Network

from graph.terms import RDF, RDFS
from web.models.explorer import bundle, fold, name_of, panel_of, size_for
from web.models.legend import ORDER, kind_of, style_of
from web.models.nodes import fallback_label
from web.shared.links import curie, iri_to_path, known_label

CAP = 20
MAX_NODES = 250
LABEL_CHARS = 40
LABEL = str(RDFS.label)


def cut_label(text: str) -> str:
    """A label cut to LABEL_CHARS characters."""
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def term_id(term) -> str:
    """A stable node id for a pyoxigraph IRI or blank node."""
    return "_:" + term.value if isinstance(term, ox.BlankNode) else term.value


def graph_from_triples(triples) -> tuple[nx.MultiDiGraph, dict[str, list[tuple]], dict[str, ox.NamedNode]]:
    """The resource-to-resource links as a multigraph (rdf:type left out), each node's literal values, and the
    store's own IRI terms by id (named later without checking them again)."""
    graph, literals, iris = nx.MultiDiGraph(), {}, {}
    for t in triples:
        s, p = term_id(t.subject), t.predicate.value
        graph.add_node(s)
        iris[p] = t.predicate
        if isinstance(t.subject, ox.NamedNode):
            iris[s] = t.subject
        if isinstance(t.object, ox.Literal):
            datatype = t.object.datatype.value if t.object.datatype is not None else None
            literals.setdefault(s, []).append((p, t.object.value, datatype))
        elif p != str(RDF.type):
            graph.add_edge(s, term_id(t.object), key=p)
            if isinstance(t.object, ox.NamedNode):
                iris[term_id(t.object)] = t.object
    return graph, literals, iris


def neighbours(graph: nx.MultiDiGraph, node: str, labels: dict[str, str]) -> list[str]:
    """The neighbours of ``node`` in either direction, sorted by label, then IRI (the same order in every process)."""
    found = (set(graph.successors(node)) | set(graph.predecessors(node))) - {node}
    return sorted(found, key=lambda n: ((labels.get(n) or fallback_label(n)).lower(), n))


def select(graph: nx.MultiDiGraph, focus: str, depth: int, labels: dict, cap: int = CAP, offset: int = 0):
    """Breadth-first from ``focus`` to ``depth`` hops, at most ``cap`` new neighbours per node; (kept, more)."""
    kept, more, frontier = [focus], {}, [focus]
    for level in range(depth):
        following = []
        for node in frontier:
            fresh = [n for n in neighbours(graph, node, labels) if n not in kept]
            start = offset if (node == focus and level == 0) else 0
            take = fresh[start:start + cap][: max(0, MAX_NODES - len(kept))]
            kept.extend(take)
            following.extend(take)
            if len(fresh) - start - len(take) > 0:
                more[node] = (len(fresh) - start - len(take), start + len(take))
        frontier = following
    return kept, more


def tooltip(label: str, cls_label: str, iri: str, values: list[tuple], labels: dict) -> str:
    """Plain-text tooltip: label, class, CURIE and a few literal values."""
    lines = [label, f"({cls_label})", curie(iri)]
    lines += [f"{labels.get(p) or known_label(p)}: {cut_label(v)}" for p, v, _ in values[:4] if p != LABEL]
    return "\n".join(lines)


def keep_only(graph: nx.MultiDiGraph, kept: list[str]) -> None:
    """Remove from ``graph`` every node not in ``kept`` (and so every edge not between kept nodes)."""
    graph.remove_nodes_from(set(graph) - set(kept))


def style(graph: nx.MultiDiGraph, literals: dict, focus: str | None, labels: dict, types: dict, degrees: dict,
          panels: dict) -> list[dict]:
    """Give every node and edge of ``graph`` its label, tooltip, size, colour, shape and panel; the legend, in order."""
    legend: dict[str, dict] = {}
    for n in list(graph.nodes):
        kind = kind_of(types.get(n, []))
        group, colour, shape = style_of(kind)
        cls_label = (labels.get(kind) or curie(kind)) if kind else "other"
        own_label = next((labels[t] for t in types.get(n, []) if t in labels), cls_label)
        entry = legend.setdefault(kind or "", {"class": kind, "label": cls_label, "group": group, "color": colour,
                                               "shape": shape, "count": 0})
        entry["count"] += 1
        name = name_of(n, labels)
        degree = degrees.get(n, graph.degree(n))
        graph.add_node(n, label=cut_label(name), name=name, title=tooltip(name, own_label, n, literals.get(n, []), labels),
                       color=colour, shape=shape, iri=n, path=iri_to_path(n), cls=kind or "", clsLabel=cls_label,
                       kindGroup=group, degree=degree, focus=n == focus, size=size_for(degree),
                       borderWidth=4 if n == focus else 1, panel=panel_of(n, panels.get(n, {}), literals, labels))
    for u, v, p, data in graph.edges(keys=True, data=True):
        name = labels.get(p) or known_label(p)
        data.update(label=cut_label(name), title=f"{name} ({curie(p)})", prop=p)
    rank = {k: i for i, k in enumerate(ORDER)}
    return sorted(legend.values(), key=lambda e: rank.get(e["class"] or "", len(rank)))


def add_more(graph: nx.MultiDiGraph, node: str, count: int, next_offset: int) -> None:
    """Add the "+N more" node standing for the neighbours of ``node`` not drawn."""
    more_id = f"more:{next_offset}:{node}"
    of = graph.nodes[node]["name"]
    graph.add_node(more_id, label=f"+{count} more", name=f"{count} more connections of {of}",
                   title=f"{count} more connections of {of}: click to draw them", shape="box", color="#FFFFFF",
                   moreOf=node, offset=next_offset, cls="more", clsLabel="more", size=10)
    graph.add_edge(node, more_id, dashes=True, label="", title="more")


def to_pyvis(graph: nx.MultiDiGraph) -> tuple[list[dict], list[dict]]:
    """The pyvis node and edge data of the styled ``graph``."""
    net = Network(directed=True)
    net.from_nx(graph, default_node_size=14, show_edge_weights=False)
    nodes, edges, *_ = net.get_network_data()
    return nodes, edges


def own_labels(literals: dict) -> dict[str, str]:
    """The ``rdfs:label`` each node has among its own literal values."""
    return {s: v for s, values in literals.items() for p, v, _ in values if p == LABEL}


def join_parallel(edges: list[dict]) -> list[dict]:
    """One edge per (from, to) pair: parallel links (e.g. "said by" and "on behalf of") share one line and label."""
    joined: dict[tuple, dict] = {}
    for e in edges:
        key = (e["from"], e["to"])
        if key not in joined:
            joined[key] = dict(e)
            continue
        both = joined[key]
        both.update(label=f"{both['label']}, {e['label']}", title=f"{both['title']}\n{e['title']}",
                    prop=f"{both.get('prop', '')} {e.get('prop', '')}".strip())
    return list(joined.values())


def split_folded(nodes: list[dict], edges: list[dict]) -> dict:
    """The drawn nodes and edges, and (under ``folded``) those behind group nodes, which the page unfolds."""
    hidden = {n["id"] for n in nodes if n.get("inGroup")}
    inside = [e for e in edges if e["from"] in hidden or e["to"] in hidden]
    return {"nodes": [n for n in nodes if n["id"] not in hidden],
            "edges": [e for e in edges if e["from"] not in hidden and e["to"] not in hidden],
            "folded": {"nodes": [n for n in nodes if n["id"] in hidden], "edges": inside}}


def render(graph, literals: dict, iris: dict, own: dict, kept: list[str], more: dict, focus: str | None, describe,
           folding: bool = False, bundling: bool = False) -> dict:
    """Cut ``graph`` to ``kept``, name and style it in place (one ``describe`` query), draw it with pyvis once;
    ``folding``: values and facts into panels; ``bundling``: like links behind group nodes (the explorer's)."""
    keep_only(graph, kept)
    props = {p for _, _, p in graph.edges(keys=True)} | {p for n in kept for p, _, _ in literals.get(n, [])}
    fetched, types, degrees = describe({iris[i] for i in set(kept) | props if i in iris})
    labels = {**own, **fetched}
    panels = fold(graph, types, focus) if folding else {}
    legend = style(graph, literals, focus, labels, types, degrees, panels)
    if bundling:
        bundle(graph, focus, {p: labels.get(p) or known_label(p) for _, _, p in graph.edges(keys=True)})
    for n, (count, next_offset) in more.items():
        if n in graph and not graph.nodes[n].get("inGroup"):
            add_more(graph, n, count, next_offset)
    nodes, edges = to_pyvis(graph)
    edges = join_parallel(edges)
    order = {n: i for i, n in enumerate(kept)}
    nodes.sort(key=lambda item: order.get(item["id"], len(order)))  # focus first, then breadth-first, others last
    return {**split_folded(nodes, edges), "legend": legend}


def drawing(triples, focus: str, depth: int, describe, cap: int = CAP, offset: int = 0,
            values: bool = False) -> tuple[dict, dict]:
    """The vis-network data of ``focus``'s neighbourhood and its focus node; ``describe(iris) -> (labels, types,
    degrees)``; ``values``: draw values and facts as nodes instead of listing them in the side panels."""
    graph, literals, iris = graph_from_triples(triples)
    graph.add_node(focus)
    own = own_labels(literals)
    kept, more = select(graph, focus, depth, own, cap, offset)
    drawn = render(graph, literals, iris, own, kept, more, focus, describe, folding=not values, bundling=True)
    data = {"focus": focus, "depth": depth, "values": values, **drawn}
    return data, next(n for n in data["nodes"] if n["id"] == focus)


def result_drawing(triples, describe) -> dict:
    """The vis-network data of a whole CONSTRUCT or DESCRIBE result (its first MAX_NODES nodes), every node drawn."""
    graph, literals, iris = graph_from_triples(triples)
    truncated = graph.number_of_nodes() > MAX_NODES
    kept = list(graph.nodes)[:MAX_NODES]
    return {"focus": None, "truncated": truncated,
            **render(graph, literals, iris, own_labels(literals), kept, {}, None, describe)}
