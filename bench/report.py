"""The benchmark's Markdown: latency tables per size, server summaries, and the issue's targets as ratios."""

from __future__ import annotations

from bench.synthetic import parse_size

OXIGRAPH = ("oxigraph server (disk)", "oxigraph server (memory)")
NAIVE = "flask + rdflib (memory)"
JOINS = ("findings-on-mandates", "funding-per-council", "latest-inspection", "systemic-failings-quotes", "high-confidence-facts")


def cell(m: dict | None) -> str:
    if m and "error" in m:
        return "error"
    return "-" if not m else f"{m['p50_ms']:.1f} / {m['p95_ms']:.1f}"


def latency_table(size: dict) -> list[str]:
    columns = [("in-process disk", size["in_process"]["disk"]), ("in-process memory", size["in_process"]["memory"])]
    columns += list(size["servers"].items())
    lines = ["| query (p50 / p95 ms) | " + " | ".join(name for name, _ in columns) + " |",
             "|---|" + "---|" * len(columns)]
    for query in columns[0][1]["queries"]:
        lines.append(f"| {query} | " + " | ".join(cell(c["queries"].get(query)) for _, c in columns) + " |")
    return lines


def server_table(size: dict) -> list[str]:
    lines = ["| server | cold start s | RSS settled s | peak RSS / PSS MiB | req/s 1 / 4 / 16 clients | entity page p50 / p95 ms | explorer p50 / p95 ms |",
             "|---|---|---|---|---|---|---|"]
    for name, s in size["servers"].items():
        rps = s.get("throughput_rps")
        pages = s.get("pages", {})
        lines.append(f"| {name} | {s['cold_start_s']} | {s.get('settled_s', '-')} | {s['peak_rss_mb']} / {s.get('peak_pss_mb', '-')} | "
                     f"{' / '.join(str(rps[c]) for c in ('1', '4', '16')) if rps else '- (query > 1 s)'} | "
                     f"{cell(pages.get('entity'))} | {cell(pages.get('explorer'))} |")
    builds = ", ".join(f"{k}: {v} s" for k, v in size["build_s"].items())
    floor = size["in_process"]
    opened = f"disk {floor['disk']['open_s']} s, memory (until its copy is loaded) {floor['memory']['open_s']} s"
    return lines + ["", f"Build: {builds}. Opening the build in-process: {opened}."]


def p50(m: dict, cap_ms: float) -> float:
    """A measurement's p50, or the cap when it failed (a lower bound on its real time)."""
    return m.get("p50_ms", cap_ms)


def verdict(value: float, limit: float, higher_is_better: bool = False) -> str:
    ok = value >= limit if higher_is_better else value <= limit
    if ok:
        return "met"
    factor = limit / value if higher_is_better else value / limit
    return f"**missed by {factor:.2f}x**"


def targets(results: dict, mode: str) -> list[str]:
    """The issue's targets for ``sendkg serve (<mode>)``, from the largest size measured (and 100k for the naive ratio)."""
    sizes = results["sizes"]
    label = max(sizes, key=parse_size)
    big, serve = sizes[label], f"sendkg serve ({mode})"
    s = big["servers"][serve]
    rows = []
    cap_ms = results["settings"]["cap"] * 1000
    for query in s["queries"]:
        ours = p50(s["queries"][query], cap_ms)
        fastest = min(p50(big["servers"][o]["queries"][query], cap_ms) for o in OXIGRAPH)
        name = f"/sparql p50 vs faster Oxigraph server, {query} ({label})"
        if ours >= cap_ms and fastest >= cap_ms:
            rows.append((name, "both over the cap", "n/a"))
            continue
        ratio = ours / max(fastest, 0.01)
        rows.append((name, f"{'>' if ours >= cap_ms else ''}{ratio:.2f}x", verdict(ratio, 1.25)))
    if "100k" in sizes and NAIVE in sizes["100k"]["servers"]:
        mid = sizes["100k"]["servers"]
        for query in JOINS:
            naive = p50(mid[NAIVE]["queries"][query], cap_ms)
            ratio = naive / p50(mid[serve]["queries"][query], cap_ms)
            rows.append((f"faster than Flask+rdflib, {query} (100k)", f"{'>' if naive >= cap_ms else ''}{ratio:.0f}x",
                         verdict(ratio, 100, True)))
    for page in ("entity", "explorer"):
        under = big["in_process"][mode]["pages"].get(page, {})
        if "p95_ms" in under and page in s.get("pages", {}):
            ratio = s["pages"][page]["p95_ms"] / under["p95_ms"]
            rows.append((f"{page} page p95 / its queries' p95 ({label})", f"{ratio:.2f}x", verdict(ratio, 3)))
    if "explorer" in s.get("pages", {}):
        ms = s["pages"]["explorer"]["p95_ms"]
        rows.append((f"explorer page p95, {s.get('explorer_nodes')} nodes ({label})", f"{ms:.0f} ms", verdict(ms, 150)))
    rows.append((f"serve peak RSS ({label})", f"{s['peak_rss_mb']:.0f} MiB", verdict(s["peak_rss_mb"], 1536)))
    if "peak_pss_mb" in s:  # what the workers' shared memory copy really costs: shared pages counted once
        rows.append((f"serve peak PSS ({label})", f"{s['peak_pss_mb']:.0f} MiB", verdict(s["peak_pss_mb"], 1536)))
    rows.append((f"serve ready, /sparql answers ({label})", f"{s['cold_start_s']:.2f} s", verdict(s["cold_start_s"], 2.0)))
    if s.get("throughput_rps"):
        ratio = s["throughput_rps"]["4"] / s["throughput_rps"]["1"]
        rows.append((f"4-client / 1-client throughput ({label})", f"{ratio:.2f}x", verdict(ratio, 1.6, True)))
    return [f"### Targets for `{serve}`", "", "| target | measured | verdict |", "|---|---|---|"] + \
        [f"| {a} | {b} | {c} |" for a, b, c in rows]


def markdown(results: dict) -> str:
    """The whole report."""
    lines = ["# sendkg benchmark", "", f"Run {results['date']} on {results['machine']}; wall time {results['wall_s']} s.",
             f"Settings: {results['settings']}. Data: SYNTHETIC graphs from `bench/synthetic/` (not facts).", "",
             "Cells are p50 / p95 in ms; \"error\" means the server failed the query or it ran past the cap. "
             "\"RSS settled\" is when the process tree stopped growing (the in-memory copies are loaded; "
             "measurements start then). How each number is taken, "
             "what it shows and the default chosen: bench/README.md.", ""]
    for label, size in results["sizes"].items():
        lines += [f"## {label} ({size['triples']} triples)", ""] + latency_table(size) + [""] + server_table(size) + [""]
    for mode in ("disk", "memory"):
        lines += targets(results, mode) + [""]
    return "\n".join(lines)
