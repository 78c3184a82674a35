"""The explorer's reading aids on a drawn graph: values and facts folded into side panels, like links bundled.

- **Values** (vocabulary leaves: confidence levels, bases, ranks, fact types, inspection outcomes, and IRIs this
  app does not serve, such as ONS geographies) leave the drawing for the side panel of each node linking to them.
- **Facts** (claims that link one thing to nothing but their sources, e.g. "Bury: GSS code: E08000002") leave it
  for the panel of what they are about.
- **Bundles**: at least BUNDLE_MIN nodes of one kind with the very same links (e.g. the eleven findings "from" one
  inspection, each "derived from" one article) become one group node ("11 inspection findings") with one edge per
  shared link, carrying the count; the members travel with the data (``folded``) and the page unfolds them on click.

The visitor's toggle (``values=1``) keeps values and facts as nodes; bundling is then applied to them too.
"""

from __future__ import annotations

import hashlib
import math

import networkx as nx

from graph.terms import RDFS, SKG
from web.models.legend import VALUE_KINDS, plural
from web.models.nodes import fallback_label
from web.shared.formatting import format_literal
from web.shared.links import iri_to_path, known_label

BUNDLE_MIN = 3
PANEL_CHARS = 240
LABEL = str(RDFS.label)
SOURCE, FACT = str(SKG.SourceDocument), str(SKG.SourcedFact)
DASHES = [6, 4]


def name_of(node: str, labels: dict) -> str:
    """A node's full name: its label, else a readable stand-in."""
    return labels.get(node) or fallback_label(node)


def panel_of(node: str, folded: dict, literals: dict, labels: dict) -> dict:
    """The side panel of a drawn node: its literal values, the values and facts folded into it, as plain text."""
    def prop_name(p):
        return labels.get(p) or known_label(p)
    own = [[prop_name(p), cut(format_literal(v, dt, p)[0])] for p, v, dt in literals.get(node, []) if p != LABEL]
    values = [[prop_name(p), name_of(v, labels), iri_to_path(v) or ""] for p, v in folded.get("values", [])]
    facts = [[name_of(f, labels), iri_to_path(f) or ""] for f in folded.get("facts", [])]
    return {"literals": own, "values": values, "facts": facts}


def cut(text: str) -> str:
    """A panel value cut to PANEL_CHARS characters."""
    return text if len(text) <= PANEL_CHARS else text[: PANEL_CHARS - 1] + "…"


def size_for(degree: int) -> int:
    """A node's size from how much hangs off it (its degree in the whole graph): 8 for none, up to 30."""
    return min(30, round(8 + 3.5 * math.log2(1 + max(degree, 0))))


def linked(graph: nx.MultiDiGraph, node: str) -> set[str]:
    """The nodes ``node`` links to or is linked from, itself left out."""
    return (set(graph.successors(node)) | set(graph.predecessors(node))) - {node}


def is_value(node: str, types: dict[str, list[str]]) -> bool:
    """Whether ``node`` is a vocabulary value or a thing this app does not serve (shown in panels, not drawn)."""
    own = types.get(node, [])
    if any(t in VALUE_KINDS for t in own):
        return True
    return not own and not node.startswith("_:") and iri_to_path(node) is None


def fact_host(node: str, graph: nx.MultiDiGraph, types: dict) -> str | None:
    """For a claim linking one thing to nothing but its sources: that thing (or its only source), else None."""
    if FACT not in types.get(node, []):
        return None
    around = linked(graph, node)
    others = [n for n in around if SOURCE not in types.get(n, [])]
    if len(others) > 1:
        return None
    return others[0] if others else (min(around) if len(around) == 1 else None)


def fold(graph: nx.MultiDiGraph, types: dict, focus: str | None) -> dict[str, dict[str, list]]:
    """Take the values, then the facts, off ``graph`` (never the focus); what each kept node's panel lists."""
    panels: dict[str, dict[str, list]] = {n: {"values": [], "facts": []} for n in graph}
    values = [n for n in graph if n != focus and is_value(n, types)]
    for value in values:
        for u, v, p in list(graph.in_edges(value, keys=True)) + list(graph.out_edges(value, keys=True)):
            panels[u if v == value else v]["values"].append((p, value))
    graph.remove_nodes_from(values)
    hosts = {n: fact_host(n, graph, types) for n in graph if n != focus}
    facts = {n: h for n, h in hosts.items() if h is not None and hosts.get(h) is None}  # a host is never a fact
    for fact, host in sorted(facts.items()):
        panels[host]["facts"].append(fact)
    graph.remove_nodes_from(facts)
    return {n: panels[n] for n in graph}


def signature(graph: nx.MultiDiGraph, node: str) -> frozenset:
    """Every link of ``node``: (property, whether it points away from ``node``, the other end)."""
    return frozenset([(p, True, v) for _, v, p in graph.out_edges(node, keys=True)]
                     + [(p, False, u) for u, _, p in graph.in_edges(node, keys=True)])


def bundle(graph: nx.MultiDiGraph, focus: str | None, prop_labels: dict[str, str]) -> None:
    """Put each set of at least BUNDLE_MIN nodes of one kind with the very same links (same properties, same
    directions, same other ends) behind one group node, with one edge per link and its count, in place."""
    sets: dict[tuple, list[str]] = {}
    for node in list(graph):
        links = signature(graph, node)
        if node != focus and links and not any(n == node for _, _, n in links):
            sets.setdefault((graph.nodes[node].get("cls", ""), links), []).append(node)
    for (_, links), members in sets.items():
        if len(members) >= BUNDLE_MIN:
            add_group(graph, sorted(links), sorted(members), prop_labels)


def group_id(links: list[tuple], cls: str) -> str:
    """A stable id for the group of ``cls`` nodes with ``links`` (the same on every request, for links to a state)."""
    return "group:" + hashlib.sha1(repr((cls, links)).encode()).hexdigest()[:12]


def add_group(graph: nx.MultiDiGraph, links: list[tuple], members: list[str], prop_labels: dict[str, str]) -> None:
    """Add the group node standing for ``members`` (each marked ``inGroup``) and its edges, one per shared link."""
    first, count = graph.nodes[members[0]], len(members)
    group, words = group_id(links, first["cls"]), plural(first["clsLabel"], count)
    said = "; ".join(f"{prop_labels.get(p, p)} {graph.nodes[n]['name']}" if out else
                     f"{graph.nodes[n]['name']} {prop_labels.get(p, p)} them" for p, out, n in links)
    graph.add_node(group, label=words, name=f"{words} ({said})", title=f"{words}: {said}. Click to unfold them.",
                   shape="box", cls=first["cls"], clsLabel=first["clsLabel"], kindGroup=first["kindGroup"],
                   members=members, count=count, size=size_for(count), borderWidth=2,
                   shapeProperties={"borderDashes": DASHES}, color={"background": "#ffffff", "border": first["color"]},
                   panel={"literals": [], "values": [], "facts": []})
    for member in members:
        graph.nodes[member]["inGroup"] = group
    for p, out, other in links:
        ends = (group, other) if out else (other, group)
        graph.add_edge(*ends, key=p, label=f"{prop_labels.get(p, p)} ×{count}", title=f"{count} × {prop_labels.get(p, p)}",
                       prop=p, count=count, width=2)
