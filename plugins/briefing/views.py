"""What templates get: one brief as its pages show it, and the badges of its items.

``BriefPage`` wraps a ``BriefResult`` and the linked site (``SiteIndex``) with
what the brief page and its source pages need: items with their anchors,
source badges, entities, related briefs, and each source's text cut into
blocks with the marks that point back at the brief. Nothing here imports
Pelican; the glue (``generator.py``) attaches a ``BriefPage`` to each brief's
Article and passes it to the source pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Sequence

from .link import (
    BriefRef,
    SiteEntity,
    SiteIndex,
    brief_entities,
    entity_key,
    entity_url,
    sorted_timeline,
    source_url,
)
from .model import (
    PERSON,
    PLACE,
    Brief,
    BriefMeta,
    Evidence,
    KeyPoint,
    ParsedSource,
    SourceAttribution,
)
from .pipeline import BriefResult
from .templating import Mark


@dataclass(frozen=True, slots=True)
class Badge:
    """A link from a brief item to the paragraph of a source that says it."""

    source: str  # source id
    label: str  # outlet (or title, or file name)
    paragraph: int | None
    target: str  # site path: "briefs/x/sources/wire-copy/#p5"
    rewrite_of: str | None  # label of the source this one rewrites


@dataclass(frozen=True, slots=True)
class Item:
    """A background item or timeline event with the anchor it gets on the brief page."""

    anchor: str
    value: Any


# --------------------------------------------------------------------------
# coverage: which source reports which key point
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CoverageColumn:
    """One source of the brief, as a column of the coverage table."""

    source: str  # source id
    label: str  # outlet (or title, or file name); unique among the columns
    rewrite_of: str | None  # label of the source this one rewrites


@dataclass(frozen=True, slots=True)
class CoverageCell:
    source: str
    reported: bool
    paragraph: int | None  # first paragraph of the evidence, if any
    target: str | None  # the evidence paragraph on the source page (or the page)


@dataclass(frozen=True, slots=True)
class CoverageRow:
    number: int  # the key point's number on the brief page
    key_point: KeyPoint
    cells: tuple[CoverageCell, ...]  # in the order of the columns


@dataclass(frozen=True, slots=True)
class UniqueLine:
    """What one source alone reports: key points by number and anchor."""

    label: str
    points: tuple[tuple[int, str], ...]  # (number, key-point id)


@dataclass(frozen=True, slots=True)
class Coverage:
    columns: tuple[CoverageColumn, ...]
    rows: tuple[CoverageRow, ...]
    unique: tuple[UniqueLine, ...]
    rewrites: tuple[str, ...]  # "X rewrites Y: not counted as independent confirmation"


def source_label(source: SourceAttribution) -> str:
    return source.outlet or source.title or source.id


def originals_first(sources: Sequence[SourceAttribution]) -> list[SourceAttribution]:
    """Sources as the brief page lists them: originals, then rewrites; by id within each."""
    return sorted(sources, key=lambda s: (s.derived_from is not None, s.id))


def column_labels(sources: Sequence[SourceAttribution]) -> dict[str, str]:
    """A header per source; two sources of one outlet are told apart by their id."""
    labels = {s.id: source_label(s) for s in sources}
    counts: dict[str, int] = {}
    for label in labels.values():
        counts[label] = counts.get(label, 0) + 1
    return {sid: (f"{label} ({sid})" if counts[label] > 1 else label) for sid, label in labels.items()}


def coverage_table(brief: Brief) -> Coverage:
    """Key points (rows) against sources (columns): who reports what, and where."""
    sources = originals_first(brief.sources)
    labels = column_labels(sources)
    columns = tuple(
        CoverageColumn(s.id, labels[s.id], labels.get(s.derived_from) if s.derived_from else None)
        for s in sources
    )
    rows = tuple(
        CoverageRow(n, kp, tuple(_coverage_cell(brief.url, kp, s.id) for s in sources))
        for n, kp in enumerate(brief.key_points, start=1)
    )
    return Coverage(columns, rows, _unique_lines(brief, sources, labels), _rewrite_notices(sources, labels))


def _coverage_cell(brief_url: str, kp: KeyPoint, source_id: str) -> CoverageCell:
    paragraphs = sorted(ev.paragraph for ev in kp.evidence if ev.source == source_id and ev.paragraph)
    reported = bool(paragraphs) or source_id in kp.sources
    if not reported:
        return CoverageCell(source_id, False, None, None)
    page = source_url(brief_url, source_id)
    paragraph = paragraphs[0] if paragraphs else None
    return CoverageCell(source_id, True, paragraph, f"{page}#p{paragraph}" if paragraph else page)


def _unique_lines(brief: Brief, sources: Sequence[SourceAttribution], labels: dict[str, str]) -> tuple[UniqueLine, ...]:
    numbers = {kp.id: n for n, kp in enumerate(brief.key_points, start=1)}
    lines = []
    for source in sources:
        points = sorted((numbers[kp], kp) for kp in source.unique_points if kp in numbers)
        if points:
            lines.append(UniqueLine(labels[source.id], tuple(points)))
    return tuple(lines)


def _rewrite_notices(sources: Sequence[SourceAttribution], labels: dict[str, str]) -> tuple[str, ...]:
    return tuple(
        f"{labels[s.id]} rewrites {labels.get(s.derived_from, s.derived_from)}: "
        "not counted as independent confirmation"
        for s in sources
        if s.derived_from
    )


# --------------------------------------------------------------------------
# related briefs: the other briefs that name the same people and places
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RelatedBrief:
    brief: BriefRef
    shared: tuple[str, ...]  # names of the people and places both briefs name, sorted


def related_briefs(brief: Brief, site: SiteIndex) -> list[RelatedBrief]:
    """Briefs sharing people or places with ``brief``: most shared first, then by title.

    Organisations are left out on purpose: outlets, ministries and agencies turn up
    in unrelated stories, while the same people and places mean the same story.
    """
    shared: dict[str, dict[str, str]] = {}  # brief slug -> entity key -> name
    for key, entity in brief_entities(brief).items():
        if entity.kind not in (PERSON, PLACE):
            continue
        found = site.entity(entity.kind, entity.id)
        if found is None:
            continue
        for slug in found.briefs:
            if slug != brief.slug:
                shared.setdefault(slug, {})[key] = found.name
    related = []
    for slug, names in shared.items():
        ref = site.brief(slug)
        if ref is not None:
            ordered = sorted(names.values(), key=lambda n: (n.casefold(), n))
            related.append(RelatedBrief(ref, tuple(ordered)))
    related.sort(key=lambda r: (-len(r.shared), r.brief.title.casefold(), r.brief.slug))
    return related


class BriefPage:
    """One brief as its templates see it (brief page and its source pages)."""

    def __init__(self, result: BriefResult, site: SiteIndex,
                 parsed: Callable[[str], ParsedSource | None] | None = None):
        self.result = result
        #: a source's parse by id: the result's own, or (``parsecache.SourceShelf``)
        #: loaded again for its page when the build let the result's go
        self._parsed = parsed or result.source
        self.brief: Brief = result.brief
        self.meta: BriefMeta = result.meta
        self.site = site
        self.url = self.brief.url
        self._sources = {s.id: s for s in self.brief.sources}
        self.sources = originals_first(self.brief.sources)
        self.key_points = {kp.id: (n, kp) for n, kp in enumerate(self.brief.key_points, start=1)}
        # badges are asked for per item of every page that shows the brief's items
        # (brief, timeline, people): the order and each source's part of a badge are
        # worked out once. Not each badge: kept for every brief all build long, they
        # were ~35 MB at 5,000 sources, and one is quick to make from its source's part.
        self._source_order: dict[str, int] = {}
        for n, source in enumerate(self.sources):
            self._source_order.setdefault(source.id, n)
        self._badge_parts: dict[str, tuple[str, str, str | None]] = {}

    # -- items with their anchors ---------------------------------------------
    # Made when asked (by the brief page and its source pages only), not kept: a page
    # of every brief is held all build long, and at 5,000 sources its items and anchor
    # strings were ~10 MB of the build's memory.

    @property
    def background(self) -> list[Item]:
        return [Item(f"b{n}", item) for n, item in enumerate(self.brief.background.items, start=1)]

    @property
    def timeline(self) -> list[Item]:
        return [Item(f"t{n}", event) for n, event in enumerate(sorted_timeline(self.brief.timeline), start=1)]

    # -- sources -----------------------------------------------------------

    def source(self, source_id: str) -> SourceAttribution | None:
        return self._sources.get(source_id)

    def parsed(self, source_id: str) -> ParsedSource | None:
        return self._parsed(source_id)

    def source_label(self, source_id: str | None) -> str:
        if source_id is None:
            return ""
        source = self.source(source_id)
        if source is None:
            return source_id
        return source_label(source)

    def source_page(self, source_id: str) -> str:
        return source_url(self.url, source_id)

    def outlet_page(self, outlet: str | None) -> str | None:
        found = self.site.outlet_named(outlet)
        return found.url if found else None

    def badges(self, item: Any) -> list[Badge]:
        """A badge per piece of evidence, and one per source with no evidence given."""
        # asked for ~90,000 times a build at 1,000 sources: one pass with sets, not a search of
        # the badges so far per source, and no sorting of the single piece most items have
        badges: list[Badge] = []
        evidence: Sequence[Evidence] = getattr(item, "evidence", ())
        if len(evidence) > 1:
            order, unknown = self._source_order, len(self._source_order)
            evidence = sorted(evidence, key=lambda e: (order.get(e.source, unknown), e.paragraph, e.start))
        places: set[tuple[str, int | None]] = set()
        shown: set[str] = set()  # sources with a badge
        for ev in evidence:
            if (ev.source, ev.paragraph) not in places:
                places.add((ev.source, ev.paragraph))
                shown.add(ev.source)
                badges.append(self._badge(ev.source, ev.paragraph))
        for source_id in getattr(item, "sources", ()):
            if source_id not in shown:
                shown.add(source_id)
                badges.append(self._badge(source_id, None))
        return badges

    def _badge(self, source_id: str, paragraph: int | None) -> Badge:
        parts = self._badge_parts.get(source_id)
        if parts is None:
            parts = self._badge_parts[source_id] = self._badge_parts_of(source_id)
        label, page, rewrite_of = parts
        # (by position: keywords made each of the ~150,000 badges of a build 0.2 µs slower)
        return Badge(source_id, label, paragraph, f"{page}#p{paragraph}" if paragraph else page, rewrite_of)

    def _badge_parts_of(self, source_id: str) -> tuple[str, str, str | None]:
        """What every badge of a source shows: its label, its page, what it is a rewrite of."""
        source = self.source(source_id)
        rewrite_of = self.source_label(source.derived_from) if source and source.derived_from else None
        return self.source_label(source_id), self.source_page(source_id), rewrite_of

    def commentary_outlets(self, item: Any) -> str:
        return ", ".join(dict.fromkeys(self.source_label(s) for s in getattr(item, "sources", ())))

    def key_point_number(self, kp_id: str) -> int | None:
        found = self.key_points.get(kp_id)
        return found[0] if found else None

    # -- people, places, related briefs --------------------------------------

    def speaker_url(self, speaker) -> str | None:
        return entity_url(speaker.kind, speaker.id) if speaker is not None else None

    def entities(self, kind: str) -> list[SiteEntity]:
        keys = brief_entities(self.brief)
        found = [self.site.entity(e.kind, e.id) for e in keys.values() if e.kind == kind]
        return sorted((e for e in found if e is not None), key=lambda e: (e.name.casefold(), e.id))

    def brief_role(self, entity: SiteEntity) -> str | None:
        """The entity's role in this brief (roles change between briefs)."""
        mine = brief_entities(self.brief).get(entity_key(entity.kind, entity.id))
        return (mine.role if mine else None) or entity.role

    def related(self) -> list[RelatedBrief]:
        return related_briefs(self.brief, self.site)

    def coverage(self) -> Coverage:
        return coverage_table(self.brief)

    # -- source pages ----------------------------------------------------------

    def marks(self, source_id: str) -> list[Mark]:
        """Every range of this source the brief page points at, with the item it is."""
        marks: list[Mark] = []
        brief_url = self.url

        def add(kind, evidence, anchor, label, title):
            for ev in evidence:
                if ev.source == source_id and ev.end > ev.start:
                    marks.append(Mark(ev.start, ev.end, kind, f"{brief_url}#{anchor}", label, title))

        for n, kp in enumerate(self.brief.key_points, start=1):
            add("keypoint", kp.evidence, kp.id, f"K{n}", f"Key point {n} on the brief")
        for n, quote in enumerate(self.brief.quotes, start=1):
            add("quote", quote.evidence, quote.id, f"Q{n}", f"Quote {n} on the brief")
        for n, item in enumerate(self.background, start=1):
            add("background", item.value.evidence, item.anchor, f"B{n}", f"Background item {n}")
        for n, item in enumerate(self.timeline, start=1):
            add("timeline", item.value.evidence, item.anchor, f"T{n}", f"Timeline event {n}")
        marks.sort(key=lambda m: (m.start, -m.end, m.kind, m.target))
        return marks

    def blocks(self, source_id: str, parsed: ParsedSource | None = None) -> list[dict[str, Any]]:
        """The article text in order: titles, captions, separators and numbered paragraphs.

        Consecutive repeats of one title (scraped pages often repeat the
        headline) are shown once, with how many times the file has it.
        ``parsed``: the source's parse, if the caller has it (the page asks
        ``parsed`` first, and a shelved parse is loaded from disk each time).
        """
        if parsed is None:
            parsed = self.parsed(source_id)
        if parsed is None:
            return []
        marks = self.marks(source_id)
        items: list[tuple[int, dict[str, Any]]] = []
        for block in parsed.blocks:
            items.append(
                (block.start, {"kind": block.kind, "text": block.text, "credit": block.credit, "times": 1})
            )
        for para in parsed.paragraphs:
            inside = [m for m in marks if m.start < para.end and m.end > para.start]
            items.append(
                (para.start, {"kind": "paragraph", "number": para.number, "start": para.start,
                              "end": para.end, "marks": inside})
            )
        items.sort(key=lambda pair: pair[0])
        merged: list[dict[str, Any]] = []
        for _, item in items:
            last = merged[-1] if merged else None
            if (
                last is not None
                and item["kind"] == "title"
                and last["kind"] == "title"
                and last["text"].strip() == item["text"].strip()
            ):
                last["times"] += 1
                continue
            merged.append(item)
        return merged
