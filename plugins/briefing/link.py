"""Step 4, "link": what the briefs of a site have in common.

Given every assembled brief, this gathers each person, place, organisation and
outlet across briefs, works out which source of a brief was first to report
each key point (``first_reports``, shown on the outlets' pages), and merges
every brief's timeline into the site-wide one. (Related briefs are worked out
by ``views.related_briefs`` from the entities gathered here.) The result is a
``SiteIndex`` that the Pelican glue renders as ``/people/<slug>/``,
``/places/<slug>/``, ``/organisations/<slug>/``, ``/outlets/<slug>/`` and
``/timeline/``.

Pure and deterministic: no Pelican, no I/O; every list is sorted, so the same
briefs give the same index whatever order they come in.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property, lru_cache
from operator import attrgetter
from typing import Iterable, Sequence

from .model import (
    ORGANISATION,
    PERSON,
    PLACE,
    Brief,
    Entity,
    Evidence,
    KeyPoint,
    Quote,
    SourceAttribution,
    TimelineEvent,
)
from .slug import slugify

#: URL folder of each entity kind (DESIGN.md section 4).
KIND_FOLDERS = {PERSON: "people", PLACE: "places", ORGANISATION: "organisations"}


def entity_url(kind: str, entity_id: str) -> str:
    """``people/<id>/``, ``places/<id>/`` or ``organisations/<id>/``."""
    return f"{KIND_FOLDERS.get(kind, KIND_FOLDERS[ORGANISATION])}/{entity_id}/"


def source_url(brief_url: str, source_id: str) -> str:
    """URL of a source page: ``briefs/<brief>/sources/<id>/``."""
    return f"{brief_url}sources/{source_id}/"


def outlet_url(outlet_id: str) -> str:
    return f"outlets/{outlet_id}/"


# --------------------------------------------------------------------------
# the index
#
# Slotted: the index lives all build long and has an object per timeline event
# and quote of the site (tens of thousands at 5,000 sources); without a
# __dict__ each costs about half. SiteIndex itself keeps one, for its
# cached_property lookups.
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BriefRef:
    """Enough of a brief to link to it."""

    slug: str
    title: str
    date: str | None
    url: str


@dataclass(frozen=True, slots=True)
class EntityRole:
    """A role an entity is given in one brief (roles change over time)."""

    role: str
    brief: str  # brief slug


@dataclass(frozen=True, slots=True)
class EntityQuote:
    brief: str  # brief slug
    quote: Quote


@dataclass(frozen=True, slots=True)
class SiteEntity:
    """One person, place or organisation across all briefs."""

    id: str
    kind: str
    name: str
    url: str
    role: str | None  # the role in the newest brief that gives one
    roles: tuple[EntityRole, ...]  # every distinct role, newest brief first
    aliases: tuple[str, ...]
    names_by_user: tuple[tuple[str, str], ...]  # (name, who uses it)
    briefs: tuple[str, ...]  # brief slugs, newest first
    quotes: tuple[EntityQuote, ...]  # quotes this entity speaks, newest brief first


@dataclass(frozen=True, slots=True)
class OutletSource:
    brief: str  # brief slug
    source: SourceAttribution


@dataclass(frozen=True, slots=True)
class Reporter:
    """A source that was first to report a key point, and where it says it."""

    source: str  # source id
    paragraph: int | None  # its first evidence paragraph; None when none was located


@dataclass(frozen=True, slots=True)
class FirstReport:
    """A key point of a brief, and the source(s) that reported it first.

    The rule (also on the methodology page): among the sources that carry the
    point, the earliest publication date wins; a rewrite never comes first
    when a source it rewrites (directly or further up) carries the point too;
    a source with no date cannot be first; two or more on the earliest date
    are joint first. A point only one source carries is that source's
    exclusive (the brief page lists it), not a "first".
    """

    brief: str  # brief slug
    brief_url: str
    key_point: str  # key-point id: its anchor on the brief page
    number: int  # the key point's number on the brief page
    text: str
    date: str  # the first reporters' publication date
    first: tuple[Reporter, ...]  # by source id
    undated: tuple[str, ...]  # ids of sources that carry the point but give no date

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(r.source for r in self.first)

    @property
    def key_point_target(self) -> str:
        return f"{self.brief_url}#{self.key_point}"

    def paragraph(self, source_id: str) -> int | None:
        """The paragraph of first reporter ``source_id`` that says it, if located."""
        return next((r.paragraph for r in self.first if r.source == source_id), None)

    def evidence_target(self, source_id: str) -> str:
        """That paragraph on the source page (``#pN``), or the source page."""
        page = source_url(self.brief_url, source_id)
        paragraph = self.paragraph(source_id)
        return f"{page}#p{paragraph}" if paragraph else page

    def joint_with(self, source_id: str) -> tuple[str, ...]:
        """The other first reporters: a joint first when not empty."""
        return tuple(s for s in self.sources if s != source_id)


@dataclass(frozen=True, slots=True)
class OutletFirst:
    """A key point an outlet's source was first (or joint first) to report."""

    source: str  # id of the outlet's source, in the brief of ``report``
    report: FirstReport


@dataclass(frozen=True, slots=True)
class SiteOutlet:
    id: str
    name: str
    url: str
    sources: tuple[OutletSource, ...]  # newest brief first
    first_reports: tuple[OutletFirst, ...] = ()  # newest brief first, key-point order within

    @property
    def undated(self) -> tuple[OutletSource, ...]:
        """Sources with no publication date: they cannot be first to report anything."""
        return tuple(s for s in self.sources if not s.source.date)

    @property
    def rewrites(self) -> tuple[OutletSource, ...]:
        return tuple(s for s in self.sources if s.source.derived_from)


@dataclass(frozen=True, slots=True)
class SiteEvent:
    """A timeline event of one brief, placed on the site-wide timeline."""

    date: str
    text: str
    brief: str  # brief slug
    sources: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    approximate: bool = False


@dataclass(frozen=True)
class SiteIndex:
    briefs: tuple[BriefRef, ...]  # newest first
    entities: tuple[SiteEntity, ...]  # by kind, then name
    outlets: tuple[SiteOutlet, ...]  # by name
    timeline: tuple[SiteEvent, ...]  # oldest first

    # Lookups by dict, made on first use: every brief page asks for each of its
    # entities and outlets, and a scan of the site's lists made that quadratic
    # in the size of the site (a no-change rebuild grew 6.7x from 1,000 to 5,000 sources).
    @cached_property
    def _briefs_by_slug(self) -> dict[str, BriefRef]:
        return _first_by(self.briefs, lambda b: b.slug)

    @cached_property
    def _entities_by_key(self) -> dict[tuple[str, str], SiteEntity]:
        return _first_by(self.entities, lambda e: (e.kind, e.id))

    @cached_property
    def _outlets_by_id(self) -> dict[str, SiteOutlet]:
        return _first_by(self.outlets, lambda o: o.id)

    def brief(self, slug: str) -> BriefRef | None:
        return self._briefs_by_slug.get(slug)

    def entity(self, kind: str, entity_id: str) -> SiteEntity | None:
        return self._entities_by_key.get((kind, entity_id))

    def of_kind(self, kind: str) -> tuple[SiteEntity, ...]:
        return tuple(e for e in self.entities if e.kind == kind)

    @property
    def people(self) -> tuple[SiteEntity, ...]:
        return self.of_kind(PERSON)

    @property
    def places(self) -> tuple[SiteEntity, ...]:
        return self.of_kind(PLACE)

    @property
    def organisations(self) -> tuple[SiteEntity, ...]:
        return self.of_kind(ORGANISATION)

    def outlet_named(self, name: str | None) -> SiteOutlet | None:
        if not name:
            return None
        return self._outlets_by_id.get(_outlet_id(name))


def _first_by(items, key) -> dict:
    """``items`` by ``key``, the first of each key kept (as a scan in order would find)."""
    found: dict = {}
    for item in items:
        found.setdefault(key(item), item)
    return found


@lru_cache(maxsize=4096)
def _outlet_id(name: str) -> str:
    """An outlet's id (its page's slug), from its name: one rule for making and looking up."""
    return slugify(name, "outlet")


# --------------------------------------------------------------------------
# building it
# --------------------------------------------------------------------------


def newest_first(briefs: Iterable[Brief]) -> list[Brief]:
    """Briefs newest first; undated last; ties by slug, so the order is stable."""
    ordered = sorted(briefs, key=lambda b: b.slug)
    ordered.sort(key=lambda b: b.date or "", reverse=True)
    ordered.sort(key=lambda b: b.date is None)
    return ordered


def entity_key(kind: str, entity_id: str) -> str:
    return f"{kind}:{entity_id}"


def link_site(briefs: Sequence[Brief]) -> SiteIndex:
    """The SiteIndex of ``briefs`` (step 4 of the pipeline)."""
    ordered = newest_first(briefs)
    seen: set[str] = set()
    for brief in ordered:
        if brief.slug in seen:
            raise ValueError(f"two briefs share the slug {brief.slug!r}")
        seen.add(brief.slug)
    return SiteIndex(
        briefs=tuple(BriefRef(b.slug, b.title, b.date, b.url) for b in ordered),
        entities=_entities(ordered),
        outlets=_outlets(ordered),
        timeline=_timeline(ordered),
    )


def brief_entities(brief: Brief) -> dict[str, Entity]:
    """The brief's entities by key, speakers without an entity record included.

    A quote's speaker always gets a page, so the speaker link on the brief page
    always resolves, even when the assemble stage left the speaker out of the
    brief's entity list.
    """
    found: dict[str, Entity] = {}
    for entity in brief.entities:
        found.setdefault(entity_key(entity.kind, entity.id), entity)
    for quote in brief.quotes:
        speaker = quote.speaker
        if speaker is None:
            continue
        key = entity_key(speaker.kind, speaker.id)
        if key not in found:
            found[key] = Entity(
                id=speaker.id,
                kind=speaker.kind,
                name=speaker.name,
                aliases=(),
                role=speaker.role,
                url=entity_url(speaker.kind, speaker.id),
            )
    return found


def _entities(ordered: list[Brief]) -> tuple[SiteEntity, ...]:
    records: dict[str, list[tuple[Brief, Entity]]] = defaultdict(list)
    quotes: dict[str, list[EntityQuote]] = defaultdict(list)
    for brief in ordered:
        for key, entity in brief_entities(brief).items():
            records[key].append((brief, entity))
        for quote in brief.quotes:
            if quote.speaker is not None:
                key = entity_key(quote.speaker.kind, quote.speaker.id)
                quotes[key].append(EntityQuote(brief.slug, quote))

    result = []
    for key in sorted(records):
        seen_in = records[key]  # newest brief first
        newest = seen_in[0][1]
        roles: list[EntityRole] = []
        for brief, entity in seen_in:
            role = entity.role
            if not role:
                speaker_roles = [
                    q.speaker.role
                    for q in brief.quotes
                    if q.speaker and entity_key(q.speaker.kind, q.speaker.id) == key and q.speaker.role
                ]
                role = speaker_roles[0] if speaker_roles else None
            if role and role not in {r.role for r in roles}:
                roles.append(EntityRole(role, brief.slug))
        names = {newest.name}
        aliases = sorted(
            ({a for _, e in seen_in for a in e.aliases} | {e.name for _, e in seen_in}) - names
        )
        names_by_user = sorted({pair for _, e in seen_in for pair in e.names_by_user})
        result.append(
            SiteEntity(
                id=newest.id,
                kind=newest.kind,
                name=newest.name,
                url=entity_url(newest.kind, newest.id),
                role=roles[0].role if roles else None,
                roles=tuple(roles),
                aliases=tuple(aliases),
                names_by_user=tuple(names_by_user),
                briefs=tuple(dict.fromkeys(b.slug for b, _ in seen_in)),
                quotes=tuple(quotes.get(key, ())),
            )
        )
    kind_order = {PERSON: 0, PLACE: 1, ORGANISATION: 2}
    result.sort(key=lambda e: (kind_order.get(e.kind, 3), e.name.casefold(), e.id))
    return tuple(result)


def _outlets(ordered: list[Brief]) -> tuple[SiteOutlet, ...]:
    by_id: dict[str, list[OutletSource]] = defaultdict(list)
    firsts: dict[str, list[OutletFirst]] = defaultdict(list)
    names: dict[str, str] = {}
    for brief in ordered:
        outlet_of: dict[str, str] = {}  # source id -> outlet id
        for source in sorted(brief.sources, key=lambda s: s.id):
            if not source.outlet:
                continue  # shown as "outlet unknown", never guessed
            outlet_id = _outlet_id(source.outlet)
            names.setdefault(outlet_id, source.outlet)
            by_id[outlet_id].append(OutletSource(brief.slug, source))
            outlet_of[source.id] = outlet_id
        for report in first_reports(brief):  # key-point order
            for source_id in report.sources:
                if source_id in outlet_of:
                    firsts[outlet_of[source_id]].append(OutletFirst(source_id, report))
    outlets = [
        SiteOutlet(
            id=i, name=names[i], url=outlet_url(i), sources=tuple(by_id[i]), first_reports=tuple(firsts[i])
        )
        for i in by_id
    ]
    outlets.sort(key=lambda o: (o.name.casefold(), o.id))
    return tuple(outlets)


# --------------------------------------------------------------------------
# first to report
# --------------------------------------------------------------------------


def first_reports(brief: Brief) -> tuple[FirstReport, ...]:
    """For each key point of ``brief`` that has a first reporter: who, when, where it says so.

    Editorial points have no source, and commentary is an outlet's own view,
    not news anyone can be first with: both are left out. The rule is
    ``FirstReport``'s.
    """
    sources = {s.id: s for s in brief.sources}
    found = []
    for number, kp in enumerate(brief.key_points, start=1):
        if kp.editorial or kp.commentary:
            continue
        carriers = _carriers(kp, sources)
        if len(carriers) < 2:
            continue  # an exclusive, not a first
        report = _first_of(brief, number, kp, carriers, sources)
        if report is not None:
            found.append(report)
    return tuple(found)


def _carriers(kp: KeyPoint, sources: dict[str, SourceAttribution]) -> list[str]:
    """Ids of the brief's sources that carry ``kp`` (named, or with evidence), sorted."""
    named = set(kp.sources) | {ev.source for ev in kp.evidence}
    return sorted(s for s in named if s in sources)


def _rewrites_a_carrier(source_id: str, carriers: set[str], sources: dict[str, SourceAttribution]) -> bool:
    """``source_id`` is a rewrite of a source (or of a rewritten one's original) that carries the point."""
    seen = {source_id}
    original = sources[source_id].derived_from
    while original and original not in seen and original in sources:
        if original in carriers:
            return True
        seen.add(original)
        original = sources[original].derived_from
    return False


def _first_of(
    brief: Brief, number: int, kp: KeyPoint, carriers: list[str], sources: dict[str, SourceAttribution]
) -> FirstReport | None:
    undated = tuple(s for s in carriers if not sources[s].date)
    candidates = [
        s for s in carriers if sources[s].date and not _rewrites_a_carrier(s, set(carriers), sources)
    ]
    if not candidates:
        return None  # nobody that may be first has a date: not guessed
    earliest = min(sources[s].date for s in candidates)
    first = tuple(_reporter(kp, s) for s in candidates if sources[s].date == earliest)
    return FirstReport(
        brief=brief.slug,
        brief_url=brief.url,
        key_point=kp.id,
        number=number,
        text=kp.text,
        date=earliest,
        first=first,
        undated=undated,
    )


def _reporter(kp: KeyPoint, source_id: str) -> Reporter:
    """The source with the paragraph of its evidence that comes first in its text."""
    paragraphs = sorted(ev.paragraph for ev in kp.evidence if ev.source == source_id and ev.paragraph)
    return Reporter(source_id, paragraphs[0] if paragraphs else None)


_DATE = re.compile(r"^(\d{1,4})(s)?(?:-(\d{1,2}))?(?:-(\d{1,2}))?")


def date_sort_key(value: str) -> tuple:
    """Order "1783" < "1970s" < "1970" < "1972" < "2022-12" < "2022-12-16".

    The less precise date comes first: a decade before its first year, a year
    before its months, a month before its days. Unreadable dates go last.
    """
    match = _DATE.match(value or "")
    if not match:
        return (1, 0, 0, 0, 0, value or "")
    year, decade, month, day = match.groups()
    return (0, int(year), 0 if decade else 1, int(month or 0), int(day or 0), value)


def _timeline(ordered: list[Brief]) -> tuple[SiteEvent, ...]:
    events = [
        SiteEvent(
            date=event.date,
            text=event.text,
            brief=brief.slug,
            sources=event.sources,
            evidence=event.evidence,
            approximate=event.approximate,
        )
        for brief in ordered
        for event in brief.timeline
    ]
    # by (date, brief, text): three stable sorts, the last on the most significant key, and
    # one date key per distinct date. A key tuple per event was the linking step's memory
    # peak (+10 MB for the ~54,000 events of 5,000 sources), held until the sort was done.
    date_keys = {date: date_sort_key(date) for date in {e.date for e in events}}
    events.sort(key=attrgetter("text"))
    events.sort(key=attrgetter("brief"))
    events.sort(key=lambda e: date_keys[e.date])
    return tuple(events)


def sorted_timeline(events: Iterable[TimelineEvent]) -> list[TimelineEvent]:
    """One brief's timeline, oldest first (stable for equal dates)."""
    return sorted(events, key=lambda e: date_sort_key(e.date))
