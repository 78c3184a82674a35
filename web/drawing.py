"""Neighbourhood drawings: triples from a CONSTRUCT -> a networkx graph -> pyvis node and edge data as JSON.

Every node is labelled and coloured by class, with a shape per class too and its class named in the
tooltip and the legend, so colour is never the only carrier of meaning. At most ``cap`` neighbours of a
node are drawn; the rest stand behind one "+N more" node. All text is plain data: the browser draws
labels on a canvas and shows tooltips with ``innerText``; the page escapes the JSON it embeds.
"""

from __future__ import annotations

import networkx as nx
import pyoxigraph as ox
from pyvis.network import Network

from graph.terms import RDF, RDFS, SKG

from .links import curie, iri_to_path, known_label
from .model import fallback_label

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
# Every sendkg term that starts with a capital (the classes, and a few individuals), main classes first.
KNOWN = [str(c) for c in CLASS_ORDER] + sorted(
    str(SKG[name]) for name in SKG.__annotations__ if name[0].isupper() and SKG[name] not in CLASS_ORDER)
OTHER = ("#9E9E9E", "ellipse")


def style_of(cls: str | None, seen: list[str]) -> tuple[str, str]:
    """The (colour, shape) of a class: fixed for sendkg classes, then in order of appearance for others."""
    if cls is None:
        return OTHER
    index = KNOWN.index(cls) if cls in KNOWN else len(KNOWN) + seen.index(cls)
    return COLOURS[index % len(COLOURS)], SHAPES[(index + index // len(COLOURS)) % len(SHAPES)]


def short(text: str) -> str:
    """A label cut to LABEL_CHARS characters."""
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def term_id(term) -> str:
    """A stable node id for a pyoxigraph IRI or blank node."""
    return "_:" + term.value if isinstance(term, ox.BlankNode) else term.value


def graph_from_triples(triples) -> tuple[nx.MultiDiGraph, dict[str, list[tuple[str, str]]]]:
    """The resource-to-resource links as a multigraph (rdf:type left out) and each node's literal values."""
    graph, literals = nx.MultiDiGraph(), {}
    for t in triples:
        s, p = term_id(t.subject), t.predicate.value
        if isinstance(t.object, ox.Literal):
            literals.setdefault(s, []).append((p, t.object.value))
            graph.add_node(s)
        elif p != str(RDF.type):
            graph.add_edge(s, term_id(t.object), key=p)
        else:
            graph.add_node(s)
    return graph, literals


def neighbours(graph: nx.MultiDiGraph, node: str, labels: dict[str, str]) -> list[str]:
    """The neighbours of ``node`` in either direction, sorted by label."""
    found = set(graph.successors(node)) | set(graph.predecessors(node))
    found.discard(node)
    return sorted(found, key=lambda n: (labels.get(n) or fallback_label(n)).lower())


def select(graph: nx.MultiDiGraph, focus: str, depth: int, labels: dict, cap: int = CAP, offset: int = 0):
    """Breadth-first from ``focus`` to ``depth`` hops, at most ``cap`` new neighbours per node; returns (kept, more)."""
    kept, more, frontier = [focus], {}, [focus]
    for level in range(depth):
        following = []
        for node in frontier:
            fresh = [n for n in neighbours(graph, node, labels) if n not in kept] if node in graph else []
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
    main = [str(c) for c in CLASS_ORDER]
    return (next((t for t in types if t in main), None) or next((t for t in types if t.startswith(str(SKG._NS))), None)
            or (types[0] if types else None))


def tooltip(label: str, cls_label: str, iri: str, values: list[tuple[str, str]], labels: dict) -> str:
    """Plain-text tooltip: label, class, CURIE and a few literal values."""
    lines = [label, f"({cls_label})", curie(iri)]
    lines += [f"{labels.get(p) or known_label(p)}: {short(v)}" for p, v in values[:4] if p != str(RDFS.label)]
    return "\n".join(lines)


def to_pyvis(nxg: nx.MultiDiGraph) -> tuple[list[dict], list[dict]]:
    """The pyvis node and edge data of a networkx graph."""
    net = Network(directed=True)
    net.from_nx(nxg, default_node_size=14, show_edge_weights=False)
    nodes, edges, *_ = net.get_network_data()
    return nodes, edges


def drawing(triples, focus: str, depth: int, describe, cap: int = CAP, offset: int = 0) -> dict:
    """The vis-network data of ``focus``'s neighbourhood; ``describe(iris) -> (labels, types)`` names things."""
    graph, literals = graph_from_triples(triples)
    graph.add_node(focus)
    kept, more = select(graph, focus, depth, label_triples(literals), cap, offset)
    return {"focus": focus, "depth": depth, **render(graph, literals, kept, more, focus, describe)}


def result_drawing(triples, describe) -> dict:
    """The vis-network data of a whole CONSTRUCT or DESCRIBE result (its first MAX_NODES nodes)."""
    graph, literals = graph_from_triples(triples)
    kept = list(graph.nodes)[:MAX_NODES]
    return {"focus": None, "truncated": graph.number_of_nodes() > MAX_NODES,
            **render(graph, literals, kept, {}, None, describe)}


def label_triples(literals: dict) -> dict[str, str]:
    """The rdfs:label of each node that has one among its literals."""
    return {s: v for s, values in literals.items() for p, v in values if p == str(RDFS.label)}


def render(graph, literals: dict, kept: list[str], more: dict, focus: str | None, describe) -> dict:
    """Nodes, edges and legend for the ``kept`` nodes of ``graph``, with "+N more" nodes for ``more``."""
    keep = set(kept)
    edges = [(u, v, p) for u, v, p in graph.edges(keys=True) if u in keep and v in keep]
    props = {p for _, _, p in edges} | {p for n in kept for p, _ in literals.get(n, [])}
    labels, types = describe(keep | props)
    labels = {**label_triples(literals), **labels}
    nxg, legend = nx.MultiDiGraph(), {}
    for n in kept:
        add_node(nxg, n, n == focus, labels, types.get(n, []), literals.get(n, []), legend)
    for u, v, p in edges:
        name = labels.get(p) or known_label(p)
        nxg.add_edge(u, v, label=short(name), title=f"{name} ({curie(p)})", prop=p)
    for n, (count, next_offset) in more.items():
        add_more(nxg, n, count, next_offset, labels.get(n) or fallback_label(n))
    nodes, vis_edges = to_pyvis(nxg)
    return {"nodes": nodes, "edges": vis_edges, "legend": list(legend.values())}


def add_node(nxg, n: str, is_focus: bool, labels: dict, types: list[str], values: list, legend: dict) -> None:
    """Add one entity node, styled by its class, and count it in the legend."""
    cls = class_of(types)
    seen = [c for c in legend if c not in KNOWN]
    if cls is not None and cls not in legend and cls not in KNOWN:
        seen.append(cls)
    colour, shape = style_of(cls, seen)
    cls_label = (labels.get(cls) or curie(cls)) if cls else "other"
    entry = legend.setdefault(cls or "", {"class": cls, "label": cls_label, "color": colour, "shape": shape, "count": 0})
    entry["count"] += 1
    label = labels.get(n) or fallback_label(n)
    nxg.add_node(n, label=short(label), title=tooltip(label, cls_label, n, values, labels), color=colour, shape=shape,
                 iri=n, path=iri_to_path(n), cls=cls or "", clsLabel=cls_label, focus=is_focus,
                 size=22 if is_focus else 14, borderWidth=3 if is_focus else 1)


def add_more(nxg, node: str, count: int, next_offset: int, label: str) -> None:
    """Add the "+N more" node standing for the neighbours of ``node`` not drawn."""
    more_id = f"more:{next_offset}:{node}"
    nxg.add_node(more_id, label=f"+{count} more", title=f"{count} more connections of {label}: click to draw them",
                 shape="box", color="#FFFFFF", moreOf=node, offset=next_offset, cls="more", clsLabel="more", size=10)
    nxg.add_edge(node, more_id, dashes=True, label="", title="more")
