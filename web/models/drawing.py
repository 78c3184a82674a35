"""Drawings of RDF: triples -> one styled networkx graph -> pyvis node and edge data (vis-network JSON).

One graph is built from the triples; the neighbours to draw are chosen on it (at most ``cap`` per node, the
rest behind one "+N more" node), the others removed from it, and the kept nodes and edges styled in place:
labelled and coloured by class, with a shape per class too and its class named in the tooltip and the
legend, so colour is never the only carrier of meaning. Labels are worked out once: the triples' own
``rdfs:label``s, then one query (``describe``) for the nodes and properties still unnamed. The graph is
handed to pyvis once. All text is plain data: the browser draws labels on a canvas and shows tooltips with
``innerText``; the page escapes the JSON it embeds.
"""

from __future__ import annotations

import networkx as nx
import pyoxigraph as ox
from pyvis.network import Network

from graph.terms import RDF, RDFS, SKG
from web.models.nodes import fallback_label
from web.shared.links import curie, iri_to_path, known_label

CAP = 20
MAX_NODES = 250
LABEL_CHARS = 40
# Okabe-Ito and Tol colours (distinguishable with colour-blindness), paired with shapes so that no two
# classes share both: class i gets colour i % 10 and shape (i + i // 10) % 6.
COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#000000",
           "#882255", "#44AA99")
SHAPES = ("dot", "square", "diamond", "triangle", "star", "triangleDown")
CLASS_ORDER = (SKG.Council, SKG.SafetyValveAgreement, SKG.ImprovementArea, SKG.AreaSENDInspection,
               SKG.InspectionFinding, SKG.SourceDocument, SKG.SourcedFact, SKG.Quote, SKG.Measurement,
               SKG.FundingDecision)
MAIN = [str(c) for c in CLASS_ORDER]
# Every sendkg term that starts with a capital (the classes, and a few individuals), main classes first.
KNOWN = MAIN + sorted(str(SKG[name]) for name in SKG.__annotations__ if name[0].isupper() and SKG[name] not in CLASS_ORDER)
OTHER = ("#9E9E9E", "ellipse")
LABEL = str(RDFS.label)


def style_of(cls: str | None, seen: list[str]) -> tuple[str, str]:
    """The (colour, shape) of a class: fixed for sendkg classes, then in order of appearance for others."""
    if cls is None:
        return OTHER
    index = KNOWN.index(cls) if cls in KNOWN else len(KNOWN) + seen.index(cls)
    return COLOURS[index % len(COLOURS)], SHAPES[(index + index // len(COLOURS)) % len(SHAPES)]


def cut_label(text: str) -> str:
    """A label cut to LABEL_CHARS characters."""
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def term_id(term) -> str:
    """A stable node id for a pyoxigraph IRI or blank node."""
    return "_:" + term.value if isinstance(term, ox.BlankNode) else term.value


def graph_from_triples(triples) -> tuple[nx.MultiDiGraph, dict[str, list[tuple[str, str]]], dict[str, ox.NamedNode]]:
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
            literals.setdefault(s, []).append((p, t.object.value))
        elif p != str(RDF.type):
            graph.add_edge(s, term_id(t.object), key=p)
            if isinstance(t.object, ox.NamedNode):
                iris[term_id(t.object)] = t.object
    return graph, literals, iris


def neighbours(graph: nx.MultiDiGraph, node: str, labels: dict[str, str]) -> list[str]:
    """The neighbours of ``node`` in either direction, sorted by label."""
    found = (set(graph.successors(node)) | set(graph.predecessors(node))) - {node}
    return sorted(found, key=lambda n: (labels.get(n) or fallback_label(n)).lower())


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


def class_of(types: list[str]) -> str | None:
    """The class a node is drawn as: a main class if it has one, else its first sendkg class, else any."""
    return (next((t for t in types if t in MAIN), None) or next((t for t in types if t.startswith(str(SKG._NS))), None)
            or (types[0] if types else None))


def tooltip(label: str, cls_label: str, iri: str, values: list[tuple[str, str]], labels: dict) -> str:
    """Plain-text tooltip: label, class, CURIE and a few literal values."""
    lines = [label, f"({cls_label})", curie(iri)]
    lines += [f"{labels.get(p) or known_label(p)}: {cut_label(v)}" for p, v in values[:4] if p != LABEL]
    return "\n".join(lines)


def keep_only(graph: nx.MultiDiGraph, kept: list[str]) -> None:
    """Remove from ``graph`` every node not in ``kept`` (and so every edge not between kept nodes)."""
    graph.remove_nodes_from(set(graph) - set(kept))


def style(graph: nx.MultiDiGraph, literals: dict, focus: str | None, labels: dict, types: dict) -> list[dict]:
    """Give every node and edge of ``graph`` its label, tooltip, colour and shape; the legend, in order."""
    legend: dict[str, dict] = {}
    for n in list(graph.nodes):
        cls = class_of(types.get(n, []))
        seen = [c for c in legend if c not in KNOWN]
        if cls is not None and cls not in legend and cls not in KNOWN:
            seen.append(cls)
        colour, shape = style_of(cls, seen)
        cls_label = (labels.get(cls) or curie(cls)) if cls else "other"
        entry = legend.setdefault(cls or "", {"class": cls, "label": cls_label, "color": colour, "shape": shape, "count": 0})
        entry["count"] += 1
        name = labels.get(n) or fallback_label(n)
        graph.add_node(n, label=cut_label(name), name=name, title=tooltip(name, cls_label, n, literals.get(n, []), labels),
                       color=colour, shape=shape, iri=n, path=iri_to_path(n), cls=cls or "", clsLabel=cls_label,
                       focus=n == focus, size=22 if n == focus else 14, borderWidth=3 if n == focus else 1)
    for u, v, p, data in graph.edges(keys=True, data=True):
        name = labels.get(p) or known_label(p)
        data.update(label=cut_label(name), title=f"{name} ({curie(p)})", prop=p)
    return list(legend.values())


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
    return {s: v for s, values in literals.items() for p, v in values if p == LABEL}


def render(graph, literals: dict, iris: dict, own: dict, kept: list[str], more: dict, focus: str | None, describe) -> dict:
    """Cut ``graph`` to ``kept``, name and style it in place (one ``describe`` query), draw it with pyvis once."""
    keep_only(graph, kept)
    props = {p for _, _, p in graph.edges(keys=True)} | {p for n in kept for p, _ in literals.get(n, [])}
    fetched, types = describe({iris[i] for i in set(kept) | props if i in iris})
    labels = {**own, **fetched}
    legend = style(graph, literals, focus, labels, types)
    for n, (count, next_offset) in more.items():
        add_more(graph, n, count, next_offset)
    nodes, edges = to_pyvis(graph)
    order = {n: i for i, n in enumerate(kept)}
    nodes.sort(key=lambda item: order.get(item["id"], len(order)))  # focus first, then breadth-first, "+N more" last
    return {"nodes": nodes, "edges": edges, "legend": legend}


def drawing(triples, focus: str, depth: int, describe, cap: int = CAP, offset: int = 0) -> tuple[dict, dict]:
    """The vis-network data of ``focus``'s neighbourhood and its focus node; ``describe(iris) -> (labels, types)``."""
    graph, literals, iris = graph_from_triples(triples)
    graph.add_node(focus)
    own = own_labels(literals)
    kept, more = select(graph, focus, depth, own, cap, offset)
    data = {"focus": focus, "depth": depth, **render(graph, literals, iris, own, kept, more, focus, describe)}
    return data, next(n for n in data["nodes"] if n["id"] == focus)


def result_drawing(triples, describe) -> dict:
    """The vis-network data of a whole CONSTRUCT or DESCRIBE result (its first MAX_NODES nodes)."""
    graph, literals, iris = graph_from_triples(triples)
    truncated = graph.number_of_nodes() > MAX_NODES
    kept = list(graph.nodes)[:MAX_NODES]
    return {"focus": None, "truncated": truncated,
            **render(graph, literals, iris, own_labels(literals), kept, {}, None, describe)}
