"""Who an attribution names: speaker, role and organisation ("Cllr Paul May, children’s lead at Bath and ...").

The speaker is a comma-separated part that looks like a name (the first, else the last), else the run of
capitalised words that ends the attribution, after the last role word ("... Chief Executive of Kingston Council
Ian Thomas CBE"); a run of names joined by "and" ("Bury Council and NHS Greater Manchester") is one speaker.
The rest is the role, and what follows its "at" or "of" the organisation.
"""

from __future__ import annotations

import re

NAME = re.compile(r"^(?:(?:Cllr|Councillor|Dr|Sir|Dame|Mr|Mrs|Ms|Professor)\s+)?[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){0,3}$")
LEADING = re.compile(r"^(?:But|And|However|Meanwhile|In (?:a|the) [\w ]+,(?: [\w ]+,)?|It (?:also )?)\s+")
PERSON_ROLES = {"Chair", "Executive", "Leader", "Holder", "Member", "Minister", "Secretary", "Director", "Officer",
                "Manager", "Head", "Chief", "Councillor", "Cllr", "President", "Spokesperson", "Spokesman", "Spokeswoman"}
ORG_NAME = re.compile(r"^[A-Z][\w’'&-]*(?:\s+(?:and|of|for|the|on|[A-Z][\w’'&-]*))*$")
ROLE_WORDS = {"Council", "Councillor", "Cllr", "Leader", "Chair", "Executive", "Holder", "Member", "Minister", "Secretary",
              "Director", "Officer", "Manager", "Head", "Chief", "Education", "Services", "Board"}


def who(text: str) -> dict:
    """Speaker, role and organisation from an attribution ("Cllr Paul May, children’s lead at Bath ...")."""
    text = LEADING.sub("", text.strip().strip(",").strip())
    segments = [s.strip() for s in text.split(",") if s.strip()]
    if not segments:
        return {}
    named = [i for i, s in enumerate(segments) if NAME.match(s)]
    if named:
        i = named[-1] if not NAME.match(segments[0]) else 0
        rest = ", ".join(segments[:i] + segments[i + 1:])
        return {"speaker": _untitled(segments[i]), **_role(rest)}
    words = text.split()
    if ORG_NAME.match(text) and not PERSON_ROLES & {w.rstrip("’s'") for w in words}:
        return {"speaker": text}  # "Bury Council and NHS Greater Manchester"
    tail = len(words)
    while tail > 0 and words[tail - 1][:1].isupper():
        tail -= 1
    run = words[tail:]
    cut = max((j + 1 for j, w in enumerate(run) if w.rstrip("’s'") in ROLE_WORDS), default=0)
    if run[cut:] and tail + cut > 0:
        role = words[:tail + cut]
        while role and role[-1] in {"Councillor", "Cllr"}:
            role = role[:-1]
        return {"speaker": " ".join(run[cut:]), **_role(" ".join(role))}
    return {"speaker": text}


def _untitled(name: str) -> str:
    return re.sub(r"^(?:Cllr|Councillor|Dr|Sir|Dame|Mr|Mrs|Ms|Professor)\s+", "", name)


def _role(text: str) -> dict:
    text = text.strip(" ,")
    if not text:
        return {}
    role, _, org = _split_role(text)
    return {"role": role, **({"organisation": org} if org else {})}


def _split_role(text: str) -> tuple[str, str, str]:
    m = re.search(r"\s+(?:at|of)\s+(?:the\s+)?(?=[A-Z])", text)
    return (text[:m.start()], "at", text[m.end():]) if m else (text, "", "")
