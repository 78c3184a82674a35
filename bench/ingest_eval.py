"""Precision and recall of ``sendkg ingest`` per kind on the hand-labelled set, and its speed on a ~1,000-word article.

    python -m bench.ingest_eval [--sources ../shared/sources] [--extra-councils CSV]

Matching rules (the labels and how they were made: ``tests/ingest/labels.yaml``):
- quote: a predicted ``quote`` matches an unmatched labelled one when the label's opening words occur in its
  ``quote`` (case, whitespace and quotation-mark style ignored) and the speakers agree (one name contains the other);
- money: amounts as a multiset per document (in pounds); inspection outcome: concepts as a multiset;
  duration: (quantity, unit) as a multiset; council: the set of council names per document (the graph's label);
  intervention: the set of (intervention, council) per document.
Precision = matched / predicted, recall = matched / labelled, summed over all documents.
``--extra-councils`` adds the ``name`` column of a CSV as councils the graph does not know (no IRI), to see what
a gazetteer of every English council would do.
"""

from __future__ import annotations

import argparse
import csv
import re
import statistics
import time
from collections import Counter
from pathlib import Path

import yaml

from graph.ingest import Ingester
from graph.ingest.gazetteer import Name, names_from_data, variants
from graph.paths import DATA_DIR, ROOT

LABELS = ROOT / "tests" / "ingest" / "labels.yaml"
KINDS = ("quote", "money", "council", "inspection_outcome", "duration", "intervention")


def norm(text: str) -> str:
    """Lower case, one space, one style of quotation mark and apostrophe, '&' as 'and', no commas."""
    text = text.lower().replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"').replace("&", "and")
    return re.sub(r"\s+", " ", text.replace(",", "")).strip()


def predicted(candidates) -> dict[str, list]:
    """The comparable values of a document's candidates, by kind."""
    out = {k: [] for k in KINDS}
    for c in candidates:
        f = c.fields
        if c.kind == "quote":
            out["quote"].append((norm(f["quote"]), norm(f.get("speaker", ""))))
        elif c.kind == "money":
            out["money"].append(round(f["amount"]))
        elif c.kind == "council":
            out["council"].append(norm(f["name"]))
        elif c.kind == "inspection_outcome":
            out["inspection_outcome"].append(f["outcome"])
        elif c.kind == "duration":
            out["duration"].append((float(f["quantity"]), f["unit"]))
        elif c.kind == "intervention":
            out["intervention"].append((f["intervention"], norm(f.get("council", ""))))
    out["council"], out["intervention"] = sorted(set(out["council"])), sorted(set(out["intervention"]))
    return out


def labelled(entry: dict) -> dict[str, list]:
    """A document's labels in the same shape."""
    return {"quote": [(norm(q["text"]), norm(q["speaker"])) for q in entry.get("quotes", [])],
            "money": [round(a) for a in entry.get("money", [])],
            "council": sorted({norm(c) for c in entry.get("councils", [])}),
            "inspection_outcome": list(entry.get("inspection_outcomes", [])),
            "duration": [(float(q), u) for q, u in entry.get("durations", [])],
            "intervention": sorted({(i, norm(c)) for i, c in entry.get("interventions", [])})}


def matched(kind: str, pred: list, gold: list) -> int:
    """How many predictions match a label, each label used once."""
    if kind != "quote":
        return sum((Counter(pred) & Counter(gold)).values())
    left, hits = list(gold), 0
    for text, speaker in pred:
        hit = next((g for g in left if g[0] in text and speaker and (g[1] in speaker or speaker in g[1])), None)
        if hit:
            left.remove(hit)
            hits += 1
    return hits


def evaluate(ingester: Ingester, sources: Path) -> tuple[dict, list[str]]:
    """Totals (predicted, labelled, matched) per kind over the labelled set, and each miss for reading."""
    labels = yaml.safe_load(LABELS.read_text(encoding="utf-8"))
    totals = {k: [0, 0, 0] for k in KINDS}
    misses = []
    for name, entry in labels.items():
        pred, gold = predicted(ingester.candidates((sources / name).read_text(encoding="utf-8"))), labelled(entry or {})
        for kind in KINDS:
            hits = matched(kind, pred[kind], gold[kind])
            totals[kind] = [totals[kind][0] + len(pred[kind]), totals[kind][1] + len(gold[kind]), totals[kind][2] + hits]
            if hits != len(pred[kind]) or hits != len(gold[kind]):
                misses.append(f"{name[:3]} {kind}: predicted {pred[kind]} labelled {gold[kind]}")
    return totals, misses


def timing(ingester: Ingester, path: Path, runs: int = 5) -> tuple[int, float]:
    """Words in ``path`` and the median seconds to ingest it, the pipeline already loaded."""
    text = path.read_text(encoding="utf-8")
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        ingester.candidates(text)
        seconds.append(time.perf_counter() - start)
    return len(text.split()), statistics.median(seconds)


def main() -> None:
    """Print the precision/recall table and the timing."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, default=ROOT.parent / "shared" / "sources")
    parser.add_argument("--extra-councils", type=Path, help="a CSV with a 'name' column of councils to add (no IRI)")
    parser.add_argument("--misses", action="store_true", help="also print each document's differences")
    args = parser.parse_args()
    if not args.sources.is_dir():
        args.sources = Path("/work/shared/sources")
    names = names_from_data(DATA_DIR)
    if args.extra_councils:
        with args.extra_councils.open(encoding="utf-8") as f:
            names += [Name(v, "council", "", row["name"]) for row in csv.DictReader(f) for v in variants(row["name"], "council")]
    started = time.perf_counter()
    ingester = Ingester(names)
    load = time.perf_counter() - started
    totals, misses = evaluate(ingester, args.sources)
    print("| kind | predicted | labelled | matched | precision | recall |\n| --- | --- | --- | --- | --- | --- |")
    for kind, (p, g, m) in totals.items():
        print(f"| {kind} | {p} | {g} | {m} | {m / p if p else 1:.2f} | {m / g if g else 1:.2f} |")
    words, seconds = timing(ingester, args.sources / "000_66504ac0bdbd554f.txt")
    print(f"\nload (spaCy pipeline + gazetteer of {len(names)} names): {load:.2f} s; "
          f"ingest of a {words}-word article after load: {seconds * 1000:.0f} ms (median of 5)")
    if args.misses:
        print("\n" + "\n".join(misses))


if __name__ == "__main__":
    main()
