"""Surname-only mentions of two people who share a surname.

``Jan Nowak`` and ``Dr Ewa Nowak`` in one story: a later ``Nowak``, ``Mr
Nowak`` or ``Dr Nowak`` is the person named in full with that surname most
recently before it, unless the honorific disagrees — ``Mr`` cannot be a
woman the text calls ``Ms`` or ``she``, and a ``Dr`` goes to the one the text
called ``Dr``. A particle that opens a sentence (``Van der Weele said``) is
still the surname ``van der Weele``.
"""

from __future__ import annotations

from .coref import gender_of
from .model import PERSON, Span
from .table import EntityTable, Entry
from .text import word_set


def _particle(word: str) -> bool:
    return word.casefold() in word_set("name_particles.txt")


def surname_forms(name: str) -> list[str]:
    """The casefolded endings of a full name a story may use alone:
    ``Hendrik van der Weele`` → ``weele``, ``der weele``, ``van der weele``."""
    words = name.split()
    forms = []
    for i in range(len(words) - 1, 0, -1):
        forms.append(" ".join(words[i:]).casefold())
    if len(words) >= 3 and not _particle(words[-2]):
        # "Ana María Soto Ruiz", "Lucía Soto Ruiz": the first of two surnames alone
        forms.append(words[-2].casefold())
    return forms


def is_short_form(name: str) -> bool:
    """A surname written alone: one word, or one opening with a particle."""
    words = name.split()
    return len(words) == 1 or _particle(words[0])


def _honorific_before(raw: str, start: int) -> str | None:
    head = raw[max(0, start - 12) : start].rstrip()
    word = head.split()[-1] if head.split() else ""
    return word if word and raw[start - 1 : start] == " " and word in word_set("honorifics.txt") else None


def assign_surnames(raw: str, table: EntityTable) -> None:
    """Move each surname-only mention to the right one of the people whose
    full name ends in it (see the module docstring), and fold a person known
    only by that surname into them."""
    full: dict[str, list[Entry]] = {}
    for entry in table.entries:
        if entry.kind == PERSON and not is_short_form(entry.name):
            for form in surname_forms(entry.name):
                full.setdefault(form, []).append(entry)
    if not full:
        return
    named_at: dict[int, list[int]] = {}  # id(entry) → starts of its full-name mentions
    honorifics: dict[int, set[str]] = {}
    moves: list[tuple[Entry, Entry, int, int]] = []
    mentions = sorted(
        ((m.start, m.end, e) for e in table.entries if e.kind == PERSON for m in e.mentions),
        key=lambda t: (t[0], t[1]),
    )
    for start, end, entry in mentions:
        text = raw[start:end]
        honorific = _honorific_before(raw, start)
        if text == entry.name and not is_short_form(entry.name):
            named_at.setdefault(id(entry), []).append(start)
            if honorific:
                honorifics.setdefault(id(entry), set()).add(honorific.rstrip("."))
            continue
        people = full.get(text.casefold(), [])
        if not people:
            continue
        best = _best(people, start, honorific, named_at, honorifics)
        if best is not None and best is not entry:
            moves.append((entry, best, start, end))
        if best is not None and honorific:
            honorifics.setdefault(id(best), set()).add(honorific.rstrip("."))
            if best.gender is None:
                best.gender = gender_of(honorific)
    for old, new, start, end in moves:
        old.mentions = [m for m in old.mentions if (m.start, m.end) != (start, end)]
        new.mentions.append(Span(start, end))
        for offset in range(start, end):
            table.positions[offset] = new
        new.add_alias(raw[start:end])
        moved = gender_of(_honorific_before(raw, start) or "")
        if moved is not None and old.gender == moved:
            # the honorific that gave the old entry its gender was the other person's
            kept = {gender_of(_honorific_before(raw, m.start) or "") for m in old.mentions} - {None}
            old.gender = kept.pop() if len(kept) == 1 else None
    table.entries[:] = [e for e in table.entries if e.mentions or not is_short_form(e.name)]


def _best(people: list[Entry], at: int, honorific: str | None, named_at, honorifics) -> Entry | None:
    gender = gender_of(honorific) if honorific else None
    fitting = [p for p in people if gender is None or p.gender in (None, gender)]
    if honorific:
        same = [p for p in fitting if honorific.rstrip(".") in honorifics.get(id(p), ())]
        if same:
            fitting = same
        if gender is not None:
            fitting = [p for p in fitting if not (honorifics.get(id(p), set()) - {honorific.rstrip(".")}
                                                  and _gendered(honorifics.get(id(p), set())) not in (None, gender))]
    before = [(max(s for s in named_at.get(id(p), [-1]) if s < at), i, p)
              for i, p in enumerate(fitting) if any(s < at for s in named_at.get(id(p), []))]
    if before:
        return max(before, key=lambda t: (t[0], -t[1]))[2]
    return fitting[0] if len(fitting) == 1 else None


def _gendered(words: set[str]) -> str | None:
    found = {gender_of(w) for w in words} - {None}
    return found.pop() if len(found) == 1 else None
