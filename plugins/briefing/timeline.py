"""The timeline: every dated event the sources mention, with its evidence.

An event is a date value and the sentence that mentions it. Aligned
sentences (one fact) that mention the same date value are one event with
every source's evidence, worded as the original; the same fact with two
dates gives two events. An event is approximate (resolved from "last week",
"around spring" and the like) only when every mention of it is: one exact
mention is enough to trust the date. Its ``qualifier`` (``"since"``, a
season) comes from the mentions, exact ones first.

Dates in passing: a sentence with several dates is listed under each of
them, except a date that sits in an aside - between two commas, dashes or
brackets, with at least ``ASIDE_WORDS`` other words in it - while another
date of the sentence does not. "The talks, the first since 2019, began on
Wednesday." is an event of Wednesday; 2019 is only how it is described. A
lone date is never dropped, however it is written, and a list of dates
("in 1990, 1995 and 2001") is no aside.

Events are sorted by date value (ISO-like strings sort chronologically,
``"1970s"`` before ``"1972"``), then by text and sources.
"""

from __future__ import annotations

import re
from typing import Mapping, Sequence

from .align import Fact, Member, evidence_for, fact_of, preferred_member, sentence_index
from .model import DateMention, ParsedSource, Sentence, TimelineEvent

ASIDE_WORDS = 2
_ASIDE = re.compile(r"(?:,|\s[-–—]|\()\s([^,()–—]*?)(?:,|\s[-–—]\s|\))")
_WORD = re.compile(r"[^\W\d_]+")


def _asides(sentence: Sentence) -> list[tuple[int, int]]:
    """Spans (raw offsets) of the sentence's asides that read as asides."""
    spans = []
    for m in _ASIDE.finditer(sentence.text):
        words = [w for w in _WORD.findall(m.group(1)) if w.casefold() not in {"and", "or", "to"}]
        if len(words) > ASIDE_WORDS:
            spans.append((sentence.start + m.start(1), sentence.start + m.end(1)))
    return spans


def in_passing(sentence: Sentence, dates: Sequence[DateMention]) -> set[int]:
    """Offsets of the dates of ``sentence`` mentioned only in passing."""
    if len({d.value for d in dates}) < 2:
        return set()
    asides = _asides(sentence)
    inside = {d.start for d in dates if any(a <= d.start and d.end <= b for a, b in asides)}
    return inside if len(inside) < len(dates) else set()


def _mentions(source: ParsedSource, sentences: Mapping[Member, Sentence]):
    by_sentence: dict[int, list[DateMention]] = {}
    for date in source.dates:
        if date.value:
            by_sentence.setdefault(date.sentence, []).append(date)
    for index, dates in sorted(by_sentence.items()):
        sentence = sentences.get((source.id, index))
        if sentence is None:
            continue  # a date outside the story's sentences (e.g. a caption)
        passing = in_passing(sentence, dates)
        yield (source.id, index), [d for d in dates if d.start not in passing]


def build_timeline(
    sources: Sequence[ParsedSource],
    facts: Sequence[Fact],
    derived: Mapping[str, str | None],
) -> tuple[TimelineEvent, ...]:
    by_member = fact_of(facts)
    index = sentence_index(sources)
    events: dict[tuple[Fact, str], dict[Member, list[DateMention]]] = {}
    for source in sources:
        for member, dates in _mentions(source, index):
            if member not in by_member:
                continue
            for date in dates:
                events.setdefault((by_member[member], date.value), {}).setdefault(member, []).append(date)
    out = []
    for (_fact, value), mentions in events.items():
        members = tuple(sorted(mentions))
        shown = preferred_member(members, derived)
        every = [d for m in members for d in mentions[m]]
        qualifiers = [d.qualifier for d in sorted(every, key=lambda d: (d.approximate, d.start)) if d.qualifier]
        out.append(
            TimelineEvent(
                date=value,
                text=index[shown].text,
                sources=tuple(sorted({m[0] for m in members})),
                evidence=tuple(evidence_for(m[0], index[m]) for m in members),
                approximate=all(d.approximate for d in every),
                qualifier=qualifiers[0] if qualifiers else None,
            )
        )
    out.sort(key=lambda e: (e.date, e.text, e.sources))
    return tuple(out)

