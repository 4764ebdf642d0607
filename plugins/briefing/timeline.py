"""The timeline: every date a source mentions, as an event.

An event is a date value and the sentence that mentions it. Aligned
sentences (one fact) that mention the same date value are one event with
every source's evidence; the same fact with two dates gives two events. An
event is approximate (resolved from "last week" and the like) only when
every mention of it is: one exact mention is enough to trust the date.
Events are sorted by date value (ISO-like strings sort chronologically,
``"1970s"`` before ``"1972"``), then by text.
"""

from __future__ import annotations

from typing import Mapping, Sequence

from .align import Fact, Member, evidence_for, fact_of, preferred_member, sentence_index
from .model import ParsedSource, TimelineEvent


def build_timeline(
    sources: Sequence[ParsedSource],
    facts: Sequence[Fact],
    derived: Mapping[str, str | None],
) -> tuple[TimelineEvent, ...]:
    by_member = fact_of(facts)
    index = sentence_index(sources)
    events: dict[tuple[Fact, str], dict[Member, bool]] = {}
    for source in sources:
        for date in source.dates:
            if not date.value:
                continue
            member = (source.id, date.sentence)
            if member not in by_member:
                continue  # a date outside the story's sentences (e.g. a caption)
            mentions = events.setdefault((by_member[member], date.value), {})
            mentions[member] = mentions.get(member, True) and date.approximate
    out = []
    for (_fact, value), mentions in events.items():
        members = tuple(sorted(mentions))
        shown = preferred_member(members, derived)
        out.append(
            TimelineEvent(
                date=value,
                text=index[shown].text,
                sources=tuple(sorted({m[0] for m in members})),
                evidence=tuple(evidence_for(m[0], index[m]) for m in members),
                approximate=all(mentions.values()),
            )
        )
    out.sort(key=lambda e: (e.date, e.text, e.sources))
    return tuple(out)
