"""``sendkg ingest`` (a document to a draft of candidate claims) and ``sendkg review`` (a draft to a source file).

The review is a terminal flow, not a web page: the curator is at the terminal already (``ingest`` just ran
there), it opens no port and needs no login or CSRF guard for a page that writes into ``data/``, and a script
can drive it through standard input, which is how the tests drive it.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from graph.build import BuildFailed, check_graph, compile_graph
from graph.ingest import Ingester
from graph.ingest.draft import dump, draft_document, read_draft, slug_of, write_draft
from graph.ingest.gazetteer import names_from_data
from graph.ingest.publish import Publisher

DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
FIXED = {"kind", "start", "end", "text", "sentence", "confidence"}


def ingest(args) -> int:
    """Write a draft source file of the document's candidate claims (or print them as JSON)."""
    try:
        text = Path(args.file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"sendkg: error: cannot read {args.file} as UTF-8 text: {exc}", file=sys.stderr)
        return 2
    if args.published and not DATE.match(args.published):
        print(f"sendkg: error: --published {args.published!r}: write YYYY-MM-DD, YYYY-MM or YYYY", file=sys.stderr)
        return 2
    candidates = Ingester.for_data(args.data).candidates(text)
    if args.format == "json":
        print(json.dumps([c.as_json(text) for c in candidates], ensure_ascii=False, indent=1))
        return 0
    slug = slug_of(args.title or Path(args.file).stem)
    meta = {"id": slug, "title": args.title or Path(args.file).stem, "publisher": args.publisher, "url": args.url,
            "kind": args.kind, "published": args.published}
    path = write_draft(draft_document(candidates, text, meta), text, str(args.file), args.data / "drafts" / f"{slug}.yaml")
    print(f"wrote {len(candidates)} candidate(s) to {path}; review them with: sendkg review {path}", file=sys.stderr)
    return 0


def review(args, ask=input) -> int:
    """Show each candidate with its sentence; accept, edit or reject it; write and validate the source file."""
    try:
        source, candidates = read_draft(Path(args.draft))
    except (OSError, ValueError) as exc:
        print(f"sendkg: error: {exc}", file=sys.stderr)
        return 2
    accepted = []
    for number, candidate in enumerate(candidates, 1):
        show(candidate, number, len(candidates))
        answer = _choice(ask, "accept, edit, reject or quit? [a/e/r/q] ", "aerq")
        if answer == "q":
            break
        if answer == "e":
            candidate = edit(candidate, ask)
        if answer in "ae":
            accepted.append(candidate)
    for key in ("url", "title", "publisher"):
        if not source.get(key):
            source[key] = ask(f"source {key}: ").strip() or None
    source = {k: v for k, v in source.items() if v}
    target = args.data / "sources" / f"{source['id']}.yaml"
    if target.exists():
        print(f"sendkg: error: {target} exists already; nothing written", file=sys.stderr)
        return 2
    names = names_from_data(args.data)
    try:
        document = Publisher({n.id: n.label for n in names}).document(source, accepted)
    except ValueError as exc:
        print(f"sendkg: error: {exc}", file=sys.stderr)
        return 2
    target.write_text(f"# Written by `sendkg review` from {args.draft}: {len(accepted)} accepted claim(s).\n" + dump(document),
                      encoding="utf-8")
    print(f"wrote {target} ({len(accepted)} of {len(candidates)} candidates accepted); validating ...", file=sys.stderr)
    return _validate(args.data, target)


def show(candidate: dict, number: int, total: int) -> None:
    """Print one candidate: kind, confidence, its sentence with the span in [[ ]], and its fields."""
    sentence = candidate.get("sentence", candidate["text"])
    marked = sentence.replace(candidate["text"], f"[[{candidate['text']}]]", 1) if candidate["text"] in sentence else sentence
    print(f"\n[{number}/{total}] {candidate['kind']} (confidence {candidate['confidence']}), "
          f"characters {candidate['start']}-{candidate['end']}\n  {marked}")
    for key, value in candidate.items():
        if key not in FIXED:
            print(f"    {key}: {value}")


def edit(candidate: dict, ask) -> dict:
    """Ask for each field in turn: Enter keeps it, '-' clears it, anything else replaces it."""
    edited = dict(candidate)
    for key in [k for k in candidate if k not in FIXED - {"confidence"}]:
        answer = ask(f"    {key} [{candidate[key]}]: ").strip()
        if answer == "-":
            edited.pop(key)
        elif answer:
            edited[key] = _typed(answer, candidate[key])
    return edited


def _typed(answer: str, old):
    if isinstance(old, bool):
        return answer.lower() in {"y", "yes", "true", "1"}
    if isinstance(old, (int, float)):
        return float(answer) if "." in answer else int(answer)
    return answer


def _choice(ask, prompt: str, letters: str) -> str:
    while True:
        answer = ask(prompt).strip().lower()[:1]
        if answer and answer in letters:
            return answer
        print(f"  please answer one of {', '.join(letters)}")


def _validate(data: Path, target: Path) -> int:
    try:
        problems = check_graph(compile_graph(data))
    except BuildFailed as exc:
        problems = exc.problems
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{target}: {'valid' if not problems else f'{len(problems)} problem(s): fix the file, then sendkg validate'}",
          file=sys.stderr)
    return 1 if problems else 0
