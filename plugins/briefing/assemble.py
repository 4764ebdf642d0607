"""Assemble one brief from its parsed sources.

    align sentences -> detect rewrites -> merge entities -> key points,
    quotes, background, timeline -> attribute sources -> Brief

Everything is a pure function of ``(meta, sources, registry)``; sources are
taken in id order whatever order they come in, so the brief is the same
byte for byte however the files were listed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Mapping, Sequence

from rapidfuzz import fuzz

from .align import align_sentences
from .attribution import attribute_sources, detect_rewrites
from .background import select_background
from .disagreements import find_disagreements
from .keypoints import rank_key_points
from .quotes import headline_quotes
from .model import (
    ENTITY_KINDS,
    ORGANISATION,
    PERSON,
    PLACE,
    Brief,
    BriefMeta,
    Entity,
    Evidence,
    ParsedSource,
    Quote,
    QuoteMention,
    Registry,
    Speaker,
)
from .sharing import share_equal_parts
from .slug import unique_slug
from .timeline import build_timeline
from .wordlists import word_list, word_set

URL_PREFIX = {PERSON: "people", PLACE: "places", ORGANISATION: "organisations"}
QUOTE_SIMILAR = 95  # rapidfuzz ratio of normalised quote words: same quote


# --------------------------------------------------------------------------
# entities: one Entity per real-world person, place or organisation
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Record:
    """One way one source (or the registry) names something."""

    kind: str
    name: str
    role: str | None
    aliases: tuple[str, ...]
    names_by_user: tuple[tuple[str, str], ...]
    source: str | None  # None: the registry

    @property
    def forms(self) -> set[str]:
        return {self.name, *self.aliases, *(n for n, _ in self.names_by_user)}


def _records(sources: Sequence[ParsedSource], registry: Registry | None) -> list[_Record]:
    records = []
    for s in sources:
        for e in s.entities:
            records.append(_Record(e.kind, e.name, e.role, e.aliases, e.names_by_user, s.id))
        named = {f.casefold() for e in s.entities for f in (e.name, *e.aliases)}
        # A speaker the parser did not list as an entity still needs a page.
        for q in s.quotes:
            if q.speaker and q.speaker.casefold() not in named:
                named.add(q.speaker.casefold())
                records.append(_Record(PERSON, q.speaker, None, (), (), s.id))
    for r in registry.entries if registry else ():
        records.append(_Record(r.kind, r.name, r.role, r.aliases, r.names_by_user, None))
    return records


class _Groups:
    """Union-find over record indexes."""

    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _form_key(form: str) -> str:
    """A name form as compared across sources: case and full stops aside,
    since outlets differ in both ("U.S." and "US", "Foreign Ministry" and
    "foreign ministry")."""
    return form.casefold().replace(".", "")


def _join_shared_forms(records: list[_Record], groups: _Groups) -> None:
    first_with: dict[tuple[str, str], int] = {}
    for i, r in enumerate(records):
        for form in sorted(r.forms):
            key = (r.kind, _form_key(form))
            if key in first_with:
                groups.union(first_with[key], i)
            else:
                first_with[key] = i


def _join_surnames(records: list[_Record], groups: _Groups) -> None:
    """A one-word person name joins the one full name it begins or ends.

    ("Okafor" -> "Ada Okafor"; family-name-first names work too.) When two
    different full names share the word, it is ambiguous and left alone.
    """
    full = [(i, r.name.split()) for i, r in enumerate(records) if r.kind == PERSON and len(r.name.split()) > 1]
    for i, r in enumerate(records):
        if r.kind != PERSON or len(r.name.split()) != 1:
            continue
        word = r.name.casefold()
        matches = [j for j, parts in full if word in (parts[0].casefold(), parts[-1].casefold())]
        if len({groups.find(j) for j in matches}) == 1:
            groups.union(matches[0], i)


def _join_middle_names(records: list[_Record], groups: _Groups) -> None:
    """A two-word person name joins the one longer name with the same first
    and last words: one outlet gives a middle name that another leaves out
    ("Ada Obi" -> "Ada Nkem Obi"). Two such longer names left apart keep it
    alone, as it is ambiguous."""
    longer: dict[tuple[str, str], list[int]] = {}
    for i, r in enumerate(records):
        parts = r.name.casefold().split()
        if r.kind == PERSON and len(parts) > 2:
            longer.setdefault((parts[0], parts[-1]), []).append(i)
    for i, r in enumerate(records):
        parts = r.name.casefold().split()
        if r.kind != PERSON or len(parts) != 2:
            continue
        matches = longer.get((parts[0], parts[1]), [])
        if len({groups.find(j) for j in matches}) == 1:
            groups.union(matches[0], i)


def _fullest(names: list[str]) -> str:
    """The name with most words; ties: the one most records use, then the first.

    (Records come in source-id order, so "first" is stable; length in letters
    says nothing about which of two place names is the right one.)
    """
    return min(names, key=lambda n: (-len(n.split()), -names.count(n), names.index(n)))


def _entity_fields(members: list[_Record]) -> dict:
    registry = [r for r in members if r.source is None]
    name = registry[0].name if registry else _fullest([r.name for r in members])
    roles = [r.role for r in registry if r.role] or [r.role for r in members if r.role]
    # Sources describe one person in more or fewer words; keep the fullest.
    role = min(roles, key=lambda t: (-len(t), t)) if roles else None
    forms = set().union(*(r.forms for r in members))
    return {
        "kind": members[0].kind,
        "name": name,
        "role": role,
        "aliases": tuple(sorted(f for f in forms if f != name)),
        "names_by_user": tuple(sorted({p for r in members for p in r.names_by_user}, key=lambda p: (p[1], p[0]))),
    }


class EntityIndex:
    """The merged entities, and which one a source's name stands for.

    ``entities`` are those the sources name (the brief's); registry entries
    no source names are in ``registry_only``: the registry is site-wide, so
    they are not this brief's, but their names still help find a topic.
    """

    def __init__(self, sources: Sequence[ParsedSource], registry: Registry | None):
        records = _records(sources, registry)
        groups = _Groups(len(records))
        _join_shared_forms(records, groups)
        _join_surnames(records, groups)
        _join_middle_names(records, groups)
        by_root: dict[int, list[int]] = {}
        for i in range(len(records)):
            by_root.setdefault(groups.find(i), []).append(i)
        fields = [(_entity_fields([records[i] for i in members]), members) for members in by_root.values()]
        # Mentioned entities take their slugs first, so an unrelated registry
        # entry never changes a brief's ids.
        fields.sort(key=lambda f: (
            all(records[i].source is None for i in f[1]),
            ENTITY_KINDS.index(f[0]["kind"]), f[0]["name"].casefold(), f[0]["name"]))
        taken: set[str] = set()
        self.entities: list[Entity] = []
        self.registry_only: list[Entity] = []
        self._by_form: dict[tuple[str | None, str], Entity] = {}
        for f, members in fields:
            slug = unique_slug(f["name"], taken)
            entity = Entity(id=slug, url=f"{URL_PREFIX[f['kind']]}/{slug}/", **f)
            mentioned = any(records[i].source is not None for i in members)
            (self.entities if mentioned else self.registry_only).append(entity)
            for i in members:
                for form in records[i].forms:
                    self._by_form.setdefault((records[i].source, form.casefold()), entity)

    def resolve(self, source_id: str, name: str) -> Entity | None:
        """The entity ``name`` stands for in ``source_id``."""
        return self._by_form.get((source_id, name.casefold()))


# --------------------------------------------------------------------------
# quotes: the same words in several sources are one quote
# --------------------------------------------------------------------------


def _quote_key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _group_quotes(sources: Sequence[ParsedSource]) -> list[list[tuple[str, QuoteMention]]]:
    groups: list[tuple[str, list[tuple[str, QuoteMention]]]] = []
    for s in sources:
        for q in sorted(s.quotes, key=lambda q: q.start):
            key = _quote_key(q.text)
            for gkey, members in groups:
                if key == gkey or fuzz.ratio(key, gkey) >= QUOTE_SIMILAR:
                    members.append((s.id, q))
                    break
            else:
                groups.append((key, [(s.id, q)]))
    return _join_echoes(groups, sources)


_ECHO_WORDS = 2  # one quoted word is a term ("truce"); a phrase is someone's words


def _join_echoes(groups, sources: Sequence[ParsedSource]) -> list[list[tuple[str, QuoteMention]]]:
    """A phrase no one is said to say, or a headline's quoted words, that a
    speaker of the same source says within a longer quote is that speaker's
    (``- 'Time is running out' -`` over a paragraph where a hydrologist says
    "Time is running out to build…"): it joins that quote. A headline's
    quote that matches nothing stays on its own (and, short and
    unattributed, is dropped like any term); ``merge_quotes`` keeps only
    story paragraphs as evidence."""
    for s in sources:
        for q in headline_quotes(s.raw, s.blocks):
            q = _headline_speaker(s, q)
            key = _quote_key(q.text)
            same = next((members for gkey, members in groups if gkey == key), None)
            if same is not None and any(sid == s.id for sid, _ in same):
                same.append((s.id, q))
            else:
                groups.append((key, [(s.id, q)]))
    joined: list[list[tuple[str, QuoteMention]]] = []
    for key, members in groups:
        host = _echo_host(key, members, groups)
        if host is None:
            joined.append(members)
        else:
            host.extend(members)
    return joined


_SAYER_WORDS = 4  # words around a headline quote's colon that may name its speaker


def _headline_speaker(source: ParsedSource, quote: QuoteMention) -> QuoteMention:
    """A headline that names who says its quote beside a colon, ``'We will
    rebuild': Mayor Ana Ruiz vows…`` or ``Ana Ruiz: 'We will rebuild'``,
    gives it that person of the story as speaker."""
    line_start = source.raw.rfind("\n", 0, quote.start) + 1
    line_end = source.raw.find("\n", quote.end)
    line_end = len(source.raw) if line_end < 0 else line_end
    after = source.raw[quote.end + 1 : line_end].lstrip()
    before = source.raw[line_start : max(line_start, quote.start - 1)].rstrip()
    if after.startswith(":"):
        words = after[1:].split()[:_SAYER_WORDS]
    elif before.endswith(":"):
        words = before[:-1].split()[-_SAYER_WORDS:]
    else:
        return quote
    near = " " + " ".join(words) + " "
    for entity in source.entities:
        if entity.kind == PERSON and any(f" {form} " in near for form in (entity.name, *entity.aliases)):
            return replace(quote, speaker=entity.name)
    return quote


def _echo_host(key, members, groups):
    """The group of a longer quote with a speaker, in the same source,
    whose words contain ``key``; None when ``members`` are speech of their own."""
    if len(key.split()) < _ECHO_WORDS or any(q.speaker or q.cue for _, q in members):
        return None
    sources = {sid for sid, _ in members}
    padded = f" {key} "
    for gkey, others in groups:
        if others is members or padded not in f" {gkey} ":
            continue
        if any(q.speaker and sid in sources and q.paragraph for sid, q in others):
            return others
    return None


def _speaker(members, entities: EntityIndex) -> Speaker | None:
    for source_id, q in members:
        if q.speaker:
            entity = entities.resolve(source_id, q.speaker)
            if entity:
                return Speaker(entity.id, entity.name, entity.role, entity.kind)
    return None


_FRAGMENT_WORDS = 6  # about five words: a term, a nickname, a slogan
_INTRO_WORDS = 8  # words before a fragment read for a reporting word


def _unattributed_fragment(source: ParsedSource, quote: QuoteMention) -> bool:
    """A short fragment with neither speaker nor reporting cue (``the
    "tortoise line"``, a placard's slogan). Kept when another source of the
    brief gives the same words a speaker, and when a reporting word just
    before it says someone unnamed said it (``officers recommended it,
    saying it would make a "major contribution"``, ``in the words of one
    guide, "the best-kept secret"``), and an exclamation or question in its
    own marks is someone's words."""
    return (
        quote.speaker is None
        and quote.cue is None
        and quote.partial
        and len(quote.text.split()) <= _FRAGMENT_WORDS
        and not _exclaimed(quote)
        and not _reported(source, quote)
    )


def _exclaimed(quote: QuoteMention) -> bool:
    """Words that end in their own "!" or "?" are called out or asked
    (shouts of "Point of order!"): an utterance, not a term. (A title that
    exclaims is Title-Case, and titles were dropped before.)"""
    return quote.text.rstrip().endswith(("!", "?"))


def _reported(source: ParsedSource, quote: QuoteMention) -> bool:
    sentence = next((s for s in source.sentences if s.start <= quote.start < s.end), None)
    if sentence is None:
        return False
    before = sentence.text[: quote.start - sentence.start].casefold()
    words = [w.strip(",:;") for w in before.split()][-_INTRO_WORDS:]
    joined = " " + " ".join(words) + " "
    # "calls it a "miracle cure"" names a term: a verb of calling is no report here
    reporting = word_set("reporting_verbs.txt") - word_set("title_cues.txt")
    return any(w in reporting for w in words) or any(
        f" {phrase} " in joined for phrase in word_list("reporting_phrases.txt")
    )


def merge_quotes(
    sources: Sequence[ParsedSource], derived: Mapping[str, str | None], entities: EntityIndex
) -> tuple[Quote, ...]:
    """One Quote per distinct quote; ``q1``... originals' quotes first, in text order."""
    merged = []
    by_id = {s.id: s for s in sources}
    for members in _group_quotes(sources):
        if all(_unattributed_fragment(by_id[sid], q) for sid, q in members):
            continue  # a scare quote, slogan or term: no one says it
        speaker = _speaker(members, entities)
        # a headline (paragraph 0) may tell who speaks, but evidence must be
        # a story paragraph: the #pN anchor a reader is sent to (DESIGN §5)
        members = [m for m in members if m[1].paragraph]
        if not members:
            continue  # a headline's words no paragraph of the story carries
        in_group = {sid for sid, _ in members}

        longest = max(len(q.text) for _, q in members)

        def preference(m):  # the original's wording (not a short echo of it), then the first in id order
            return (derived.get(m[0]) in in_group, len(m[1].text) * 2 < longest, m[0], m[1].start)

        members = sorted(members, key=preference)
        shown_id, shown = members[0]
        merged.append(
            (
                (derived.get(shown_id) is not None, shown_id, shown.start),
                shown,
                speaker,
                tuple(sorted(in_group)),
                tuple(Evidence(sid, q.paragraph, q.start, q.end) for sid, q in sorted(members, key=lambda m: (m[0], m[1].start))),
            )
        )
    merged.sort(key=lambda m: m[0])
    return tuple(
        Quote(f"q{n}", shown.text, shown.partial, speaker, ids, evidence)
        for n, (_order, shown, speaker, ids, evidence) in enumerate(merged, 1)
    )


# --------------------------------------------------------------------------
# summary
# --------------------------------------------------------------------------

_DATELINE_DASH = re.compile(r"\s[-–—]\s")


def lead_source(sources: Sequence[ParsedSource], derived: Mapping[str, str | None]) -> ParsedSource | None:
    """The source others derive from most; else an original, the earliest, by id."""
    if not sources:
        return None
    rewrites = {s.id: sum(1 for d in derived.values() if d == s.id) for s in sources}
    return min(
        sources,
        key=lambda s: (-rewrites[s.id], derived.get(s.id) is not None, s.date or "9999", s.id),
    )


def extractive_summary(source: ParsedSource | None) -> str | None:
    """The first sentence of the first story paragraph, without a wire dateline."""
    if source is None or not source.paragraphs or not source.sentences:
        return None
    first = source.paragraphs[0].number
    sentence = min((s for s in source.sentences if s.paragraph == first), key=lambda s: s.index, default=None)
    if sentence is None:
        return None
    text = sentence.text
    # "CITY (Agency) - Text": the dateline says where, the summary says what.
    if source.dateline and text.startswith(source.dateline):
        dash = _DATELINE_DASH.search(text, 0, 80)
        if dash:
            text = text[dash.end() :]
    return text


# --------------------------------------------------------------------------
# the brief
# --------------------------------------------------------------------------


def assemble_brief(
    meta: BriefMeta,
    sources: Sequence[ParsedSource],
    *,
    registry: Registry | None = None,
    max_key_points: int = 8,
) -> Brief:
    ordered = sorted(sources, key=lambda s: s.id)
    ids = [s.id for s in ordered]
    if len(set(ids)) != len(ids):
        raise ValueError(f"brief {meta.slug}: two sources share an id: {ids}")
    facts = align_sentences(ordered)
    derived = detect_rewrites(ordered, facts)
    entities = EntityIndex(ordered, registry)
    key_points = rank_key_points(
        ordered, facts, derived, max_key_points=max_key_points, reference_date=meta.date
    )
    background = select_background(
        meta.background_topic, ordered, facts, derived,
        entities=[*entities.entities, *entities.registry_only], reference_date=meta.date
    )
    if meta.summary:
        summary, editorial = meta.summary, True
    else:
        summary, editorial = extractive_summary(lead_source(ordered, derived)), False
    # Items cite the same sentences, sources and names over and over: equal parts made
    # one object, a brief takes ~30% less memory, and its cached copy loads twice as fast.
    return share_equal_parts(Brief(
        slug=meta.slug,
        title=meta.title,
        date=meta.date,
        url=meta.url,
        summary=summary,
        key_points=key_points,
        quotes=merge_quotes(ordered, derived, entities),
        background=background,
        timeline=build_timeline(ordered, facts, derived),
        entities=tuple(entities.entities),
        sources=attribute_sources(meta.slug, ordered, derived, key_points),
        summary_editorial=editorial,
        disagreements=find_disagreements(ordered, facts, key_points, _person_id(entities)),
    ))


def _person_id(entities: EntityIndex):
    """``(source id, name) -> entity id``, so name forms of one person agree."""

    def resolve(source_id: str, name: str) -> str | None:
        entity = entities.resolve(source_id, name)
        return entity.id if entity else None

    return resolve
