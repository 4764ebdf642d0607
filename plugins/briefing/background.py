"""The background section: the history the story needs.

With a topic (``Background:`` in brief.md, e.g. ``Old Name/New Name Bay``):

1. The topic's names: the parts between ``/``; when the last part has a
   trailing word the others lack (``Bay``), it is shared, so every part is
   tried with and without it. Any place entity named by one of those names
   adds all its other names (aliases, and names by user from the registry).
2. Sentences naming any of them (whole words, any case) are background.
3. So are the sentences *around* them that carry history - with a date at
   least ``HISTORY_YEARS`` before the brief (``1895``, ``the 1970s``,
   ``2012`` for a 2023 brief) - in the paragraph that names the topic and
   in the paragraphs that follow it as long as each of them tells history
   and shares a content word with the run so far: a topic's history is
   told next to where it is named, and often runs over several paragraphs;
   the first paragraph without history, or about something else (no word
   in common: "a court ruled on river tolls in 1999"), ends it.

Without a topic, every sentence with a historical date is background.

Selected sentences are merged across sources through alignment (one item
per fact, worded as the original, with every source's evidence). Items that
name the topic without a date come first (they say what it is): one giving
the place's names as both sides use them first of all, then in text order
(originals' text before rewrites'); then dated items chronologically by
their earliest historical date.

A disputed place (a place entity with ``names_by_user``) gives the section
its names as each side uses them (``Background.names_by_user``), so the
brief names it both ways.
"""

from __future__ import annotations

import re
from typing import Iterable, Mapping, Sequence

from .align import (
    Fact,
    content_stems,
    evidence_for,
    fact_of,
    preferred_member,
    sentence_index,
    whole_word,
)
from .keypoints import is_history, reference_year, year_of
from .model import PLACE, Background, BackgroundItem, Entity, ParsedSource


def topic_names(topic: str) -> tuple[str, ...]:
    """``"Old Name/New Name Bay"`` -> the names that stand for it."""
    parts = [p.strip() for p in topic.split("/") if p.strip()]
    names = set(parts)
    if len(parts) > 1:
        last = parts[-1].split()
        shortest = min(len(p.split()) for p in parts[:-1])
        shared = last[shortest:] if len(last) > shortest else []
        suffix = " ".join(shared)
        for part in parts:
            bare = part[: -len(suffix)].strip() if suffix and part.endswith(suffix) else part
            names.add(bare)
            if suffix:
                names.add(f"{bare} {suffix}")
    return tuple(sorted(n for n in names if n))


def _entity_forms(entity: Entity) -> set[str]:
    return {entity.name, *entity.aliases, *(name for name, _user in entity.names_by_user)}


def expand_names(names: Iterable[str], entities: Iterable[Entity]) -> tuple[str, ...]:
    """The topic's names plus every name of a place entity that matches one."""
    wanted = {n.casefold() for n in names}
    found = set(names)
    for entity in entities:
        if entity.kind != PLACE:
            continue
        forms = _entity_forms(entity)
        if wanted & {f.casefold() for f in forms}:
            found |= forms
    return tuple(sorted(found))


def _names_pattern(names: Sequence[str]) -> re.Pattern | None:
    if not names:
        return None
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def _history_by_sentence(source: ParsedSource, ref_year: int | None) -> dict[int, list[int]]:
    years: dict[int, list[int]] = {}
    for date in source.dates:
        if is_history(date.value, ref_year):
            years.setdefault(date.sentence, []).append(year_of(date.value))
    return years


def _history_runs(source: ParsedSource, start: int, history) -> set[int]:
    """Paragraph ``start`` and those after it, while each tells history of it."""
    with_history = {s.paragraph for s in source.sentences if s.index in history}
    text = {p.number: p.text for p in source.paragraphs}
    numbers = [p.number for p in source.paragraphs]
    run, words = {start}, set(content_stems(text.get(start, "")))
    for number in numbers[numbers.index(start) + 1 :] if start in numbers else ():
        stems = set(content_stems(text[number]))
        if number not in with_history or not stems & words:
            break
        run.add(number)
        words |= stems
    return run


def _select(source: ParsedSource, pattern, ref_year) -> set[int]:
    history = _history_by_sentence(source, ref_year)
    if pattern is None:
        return set(history)
    named = {s.index for s in source.sentences if pattern.search(s.text)}
    near: set[int] = set()
    for paragraph in sorted({s.paragraph for s in source.sentences if s.index in named}):
        near |= _history_runs(source, paragraph, history)
    around = {s.index for s in source.sentences if s.paragraph in near and s.index in history}
    return named | around


def disputed_names(names: Iterable[str], entities: Iterable[Entity]) -> tuple[tuple[str, str], ...]:
    """``(name, who uses it)`` of the place entities the topic names."""
    wanted = {n.casefold() for n in names}
    found = set()
    for entity in entities:
        if entity.kind == PLACE and wanted & {f.casefold() for f in _entity_forms(entity)}:
            found |= set(entity.names_by_user)
    return tuple(sorted(found, key=lambda p: (p[1], p[0])))


def _names_both(text: str, pairs: Sequence[tuple[str, str]]) -> bool:
    """The sentence gives two or more of the disputed names."""
    return sum(1 for name in {n for n, _ in pairs} if whole_word(name).search(text)) >= 2


def select_background(
    topic: str | None,
    sources: Sequence[ParsedSource],
    facts: Sequence[Fact],
    derived: Mapping[str, str | None],
    *,
    entities: Sequence[Entity] = (),
    reference_date: str | None = None,
) -> Background:
    ref_year = reference_year(reference_date, sources)
    names = expand_names(topic_names(topic), entities) if topic else ()
    pattern = _names_pattern(names) if topic else None
    disputed = disputed_names(names, entities)
    selected = {(s.id, i) for s in sources for i in _select(s, pattern, ref_year)}
    by_member = fact_of(facts)
    chosen = sorted({by_member[m] for m in selected if m in by_member})
    index = sentence_index(sources)
    history = {(s.id, i): ys for s in sources for i, ys in _history_by_sentence(s, ref_year).items()}
    order = {s.id: n for n, s in enumerate(sorted(sources, key=lambda s: s.id))}

    def sort_key(fact: Fact):
        years = [y for m in fact for y in history.get(m, [])]
        member = preferred_member(fact, derived)
        # Undated items keep text order, originals' text before rewrites',
        # after the one that names the place both ways (it introduces it).
        introduces = not years and any(_names_both(index[m].text, disputed) for m in fact)
        return (min(years) if years else -1, not introduces,
                derived.get(member[0]) is not None, order[member[0]], member[1])

    items = []
    for fact in sorted(chosen, key=sort_key):
        member = preferred_member(fact, derived)
        items.append(
            BackgroundItem(
                text=index[member].text,
                sources=tuple(sorted({m[0] for m in fact})),
                evidence=tuple(evidence_for(m[0], index[m]) for m in fact),
            )
        )
    return Background(topic=topic, items=tuple(items), names_by_user=disputed)
