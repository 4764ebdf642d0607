"""Who said it first: rewrites between sources, and what only one source reports.

A rewrite (a site re-telling wire copy in other words) is not independent
confirmation, so the brief must know which source derives from which.

Rule (``detect_rewrites``), for each pair of sources:

* ``overlap`` = facts the two share / sentences of the *shorter* source. The
  shorter one is measured because a rewrite typically adds its own
  paragraphs (background, commentary) or drops some, which dilutes its own
  coverage; what shows copying is that most of one text is in the other.
* If ``overlap >= MOST`` (0.5) and exactly one of the two credits the
  other's outlet (a photo or reporting credit, a dateline credit, or the
  outlet named in its story: "Reuters reported", "told the AP", "the
  Leeds Courier reports" for an original under a ``LEEDS COURIER``
  masthead, "according to AFP" for Agence France-Presse copy), the
  crediting source is the rewrite: outlets credit what they take from, and
  a heavy paraphrase credits its original in prose. An original whose
  header does not name its outlet is known by its wire dateline
  (``CITY (Agency) -``).
* A story that credits the other outlet in its own prose ("told MedPost",
  "MedPost reported") says where its facts come from; a heavy paraphrase
  keeps few sentences alignable, so then ``overlap >= CREDITED`` (0.3) is
  enough. (A photo credit is weaker: an agency photo over a site's own copy.)
* Without a credit, copying is shown by ``overlap >= OVERWHELMING`` (0.8:
  the same copy), or by ``overlap >= MOST`` with at least
  ``SHARED_QUOTES`` (3) quotes of some length in both, word for word, the
  quotes of one (nearly) all the other's: a rewrite paraphrases the prose
  but copies the quotes. (Independent reports of one event may share an
  official's line or two, not most of their quotes.) Which is the original
  is then asked of the signals a wire editor reads (``_original_of``):

  - dates: both dated and different, the earlier is the original;
  - details: the original is the fuller telling. Each side's *own* details
    (its long quotes, numbers and people's names the other lacks) are
    counted; the rewrite drops many of the original's and adds few (an
    age, a line from elsewhere), so the original is the one with at least
    ``FULLER`` (2) more and at least twice as many. A difference by
    subset, not by size: a rewrite padded with commentary is longer in
    sentences, so sentence counts name no direction;
  - wire marks: a wire dateline crediting an agency (``CITY (Agency) -``)
    or a wire sign-off (``Reporting by …``) on one side only marks it the
    original (a plain ``CITY -`` dateline does not: sites write them too,
    nor does a site's own name in a dateline's brackets), also when that
    dateline is what gave the source its outlet.

  Every signal that speaks must name the same source; when none speaks or
  they disagree, neither derives from the other. Calling an original a
  rewrite of its copy is a worse error than missing a rewrite, and ids or
  file order never decide.
* A source derives from at most one other (its strongest pair), and never
  back: a pair that would close a cycle is skipped.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable, Iterable, Mapping, Sequence

from .align import Fact, whole_word
from .model import PERSON, KeyPoint, ParsedSource, SourceAttribution
from .wordlists import alias_groups

MOST = 0.5
OVERWHELMING = 0.8
CREDITED = 0.3  # overlap enough when a story credits the other in prose
SHARED_QUOTES = 3  # quotes in both that show one copied the other's
QUOTED_WORDS = 4  # a shorter quote ("disappointed") is a common word, not copying
ALL_BUT = 1  # quotes of the rewrite it may have found elsewhere
FULLER = 2  # details the original has beyond the rewrite's own, at the least
_MASTHEAD_WORDS = 3  # a part of "Outlet | Section" that can be an outlet name


def _shared_facts(facts: Iterable[Fact]) -> dict[tuple[str, str], int]:
    shared: dict[tuple[str, str], int] = {}
    for fact in facts:
        ids = sorted({source for source, _ in fact})
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                shared[(a, b)] = shared.get((a, b), 0) + 1
    return shared


def _dateline_credit(source: ParsedSource, outlet: str) -> bool:
    """The story opens with a wire dateline crediting ``outlet``: ``CITY (Outlet) -``."""
    if not source.paragraphs:
        return False
    opening = source.paragraphs[0].text[:120]
    return re.search(rf"\(\s*{re.escape(outlet)}\s*\)\s*[-–—]", opening, re.IGNORECASE) is not None


# "CITY (Agency) -" or "CITY, Country, June 12 (Agency) -" opening a paragraph
_WIRE_DATELINE = re.compile(r"[A-Z][^()\n]{0,60}?\(\s*([^()\n]{1,40}?)\s*\)\s*[-–—]")


def outlet_names(source: ParsedSource) -> tuple[str, ...]:
    """Names ``source``'s outlet goes by: its outlet, else its wire dateline's
    agency (a wire story pasted without a header)."""
    if source.outlet:
        return (source.outlet,)
    names = set()
    # The first few paragraphs: a caption the parser kept may come first.
    for paragraph in source.paragraphs[:3]:
        match = _WIRE_DATELINE.match(paragraph.text[:120])
        if match:
            names.add(match.group(1))
            break
    # (A photo credit is not: a site runs agency photos over its own copy.)
    return tuple(sorted(names))


def _named_in_story(source: ParsedSource, name: str) -> bool:
    """The story (not its headers) names ``name`` as a whole word, as written."""
    pattern = whole_word(name)
    # (``name in text`` first: cheap, and the pattern needs it)
    return any(name in p.text and pattern.search(p.text) for p in source.paragraphs)


_CREDIT_BEFORE = r"(?:according to|told|reported by|first reported by|reported in|reports? (?:by|from|in)|cited by|quoted by|(?:an )?interview with)"
_CREDIT_AFTER = r"(?:reports?|reported|reporting|says|said|writes|wrote|revealed)"


def known_as(source: ParsedSource) -> tuple[str, ...]:
    """Every name a crediting story may use for ``source``'s outlet: its
    outlet or wire dateline agency, the other forms of a wire agency
    (``AFP``/``Agence France-Presse``, ``data/wire_agencies.txt``), and a
    masthead printed above its headline (``LEEDS COURIER``)."""
    names = set(outlet_names(source))
    names.update(b.text.strip() for b in source.blocks if b.kind == "label")
    names.update(_masthead_parts(source.title))
    agencies = alias_groups("wire_agencies.txt")
    for name in list(names):
        for group in agencies:
            if name.casefold() in {form.casefold() for form in group}:
                names.update(group)
    return tuple(sorted(n for n in names if n))


def _masthead_parts(title: str | None) -> tuple[str, ...]:
    """The short parts of a header line written ``Outlet | Section`` or
    ``Headline | Outlet``: one of them is the outlet's name."""
    if not title or "|" not in title:
        return ()
    parts = (part.strip() for part in title.split("|"))
    return tuple(p for p in parts if p and len(p.split()) <= _MASTHEAD_WORDS)


def _credited_in_prose(source: ParsedSource, name: str) -> bool:
    """The story credits ``name`` as its source: "the Leeds Courier reports",
    "according to AFP", "told the Associated Press", "first reported by …".
    The name may be written in any case (a masthead is in capitals)."""
    name_alone, credit = _credit_patterns(name)
    # The name alone first: a tenth of the time, and most paragraphs lack it.
    return any(name_alone.search(p.text) and credit.search(p.text) for p in source.paragraphs)


@lru_cache(maxsize=1024)
def _credit_patterns(name: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """``name`` in any case, and ``name`` in a credit (which holds the first).

    Kept per name: a brief asks for each outlet's once per other source,
    a pool worker for the same outlets brief after brief, and compiling
    them was most of the cost (re's own cache of 512 patterns turns over).
    """
    name_alone = rf"(?i:{re.escape(name)})"
    named = rf"(?:the\s+)?{name_alone}(?!\w)"
    return re.compile(name_alone), re.compile(
        rf"(?<!\w)(?i:{_CREDIT_BEFORE})\s+{named}|(?<!\w){named}(?:['’]s)?\s+(?i:{_CREDIT_AFTER})(?!\w)"
    )


def credits_outlet(source: ParsedSource, other: ParsedSource) -> bool:
    """``source`` credits ``other``'s outlet (and is not that outlet itself).

    A credit is a photo or reporting credit, the outlet named in the
    story's dateline (a site running wire copy under its own name), or the
    outlet named in the story ("Reuters reported", "according to Reuters").
    """
    return _credits_outlet_by_name(source, other) or credits_in_prose(source, other)


def _credits_outlet_by_name(source: ParsedSource, other: ParsedSource) -> bool:
    """``credits_outlet`` leaving out a credit in the story's prose (``credits_in_prose``)."""
    own = {n.casefold() for n in outlet_names(source)}
    for outlet in outlet_names(other):
        if outlet.casefold() in own:
            continue
        if (
            any(credit.casefold() == outlet.casefold() for credit in source.credits)
            or _dateline_credit(source, outlet)
            or _named_in_story(source, outlet)
        ):
            return True
    return False


def credits_in_prose(source: ParsedSource, other: ParsedSource) -> bool:
    """``source``'s story names ``other``'s outlet as where it got its facts."""
    own = {n.casefold() for n in outlet_names(source)}
    return any(
        name.casefold() not in own and _credited_in_prose(source, name) for name in known_as(other)
    )


_WORDS = re.compile(r"[^\W_]+")
_NUMBER = re.compile(r"\d(?:[\d,.]*\d)?")
_SIGN_OFF = re.compile(r"(?:reporting|writing|additional reporting)\s+by\b", re.IGNORECASE)


def _quoted(source: ParsedSource) -> list[str]:
    """The source's quotes long enough to show copying, as plain lowercase words."""
    quoted = (" ".join(_WORDS.findall(q.text.casefold())) for q in source.quotes)
    return [q for q in quoted if q.count(" ") + 1 >= QUOTED_WORDS]


Quoted = Callable[[ParsedSource], list[str]]


class _QuotedOnce:
    """``_quoted`` of each source of one brief, worked out once: a source's
    quotes were read again for every pair of sources (0.8 ms of
    detect_rewrites' 3.3 a brief)."""

    def __init__(self) -> None:
        self._by_id: dict[str, list[str]] = {}

    def __call__(self, source: ParsedSource) -> list[str]:
        found = self._by_id.get(source.id)
        if found is None:
            found = self._by_id[source.id] = _quoted(source)
        return found


def _in(quote: str, quotes: Sequence[str]) -> bool:
    return any(quote in other or other in quote for other in quotes)


def _copies_quotes(qa: Sequence[str], qb: Sequence[str]) -> bool:
    """At least ``SHARED_QUOTES`` quotes are in both, word for word, and the
    quotes of one are (nearly) all the other's: one copied the other's
    (``qa`` and ``qb`` are two sources' ``_quoted``)."""
    shared = sum(1 for q in qa if _in(q, qb))
    return shared >= SHARED_QUOTES and shared >= min(len(qa), len(qb)) - ALL_BUT


def _details(source: ParsedSource, quoted: Quoted) -> tuple[list[str], set[str], set[str]]:
    """What a reader learns from ``source``: its quotes, its numbers, the
    (sur)names of its people."""
    numbers = {n.replace(",", "") for p in source.paragraphs for n in _NUMBER.findall(p.text)}
    people = {e.name.split()[-1].casefold() for e in source.entities if e.kind == PERSON}
    return quoted(source), numbers, people


def _own_details(source: ParsedSource, other: ParsedSource, quoted: Quoted) -> int:
    """How many of ``source``'s details ``other`` does not have."""
    quotes, numbers, people = _details(source, quoted)
    o_quotes, o_numbers, o_people = _details(other, quoted)
    return sum(1 for q in quotes if not _in(q, o_quotes)) + len(numbers - o_numbers) + len(people - o_people)


def _wire_marked(source: ParsedSource) -> bool:
    """A wire dateline crediting an agency (``CITY (Agency) -``) or a wire
    sign-off (``Reporting by …``)."""
    return (
        (not source.outlet and bool(outlet_names(source)))
        or _agency_dateline(source)
        or any(_SIGN_OFF.match(credit) for credit in source.credits)
    )


def _agency_dateline(source: ParsedSource) -> bool:
    """The story opens ``Paris (AFP) -`` and is that agency's own copy: the
    parser takes a dateline's credit for the outlet when no header names
    one, so the dateline still marks wire copy when it gave the outlet.
    Only a news agency's: a site that writes its own name in a dateline
    marks nothing a wire editor would go by."""
    agencies = {form.casefold() for group in alias_groups("wire_agencies.txt") for form in group}
    return any(
        name.casefold() in agencies and _dateline_credit(source, name) for name in known_as(source)
    )


def _original_of(a: ParsedSource, b: ParsedSource, quoted: Quoted) -> ParsedSource | None:
    """Which of two copies of one story is the original, when neither credits
    the other: every signal that speaks must name the same one, else none."""
    votes = set()  # True: a is the original; False: b is
    if a.date and b.date and a.date != b.date:
        votes.add(a.date < b.date)
    own_a, own_b = _own_details(a, b, quoted), _own_details(b, a, quoted)
    fuller, other = max(own_a, own_b), min(own_a, own_b)
    if fuller - other >= FULLER and fuller >= 2 * other:
        votes.add(own_a > own_b)
    if _wire_marked(a) != _wire_marked(b):
        votes.add(_wire_marked(a))
    if len(votes) != 1:
        return None
    return a if votes.pop() else b


def _rewrite_pair(a: ParsedSource, b: ParsedSource, overlap: float, quoted: Quoted):
    """``(rewrite, original)`` for a pair of sources, or ``None``; ``quoted``
    gives a source's ``_quoted``."""
    # credits_outlet, with the prose searched once for both questions
    a_prose, b_prose = credits_in_prose(a, b), credits_in_prose(b, a)
    a_credits = a_prose or _credits_outlet_by_name(a, b)
    b_credits = b_prose or _credits_outlet_by_name(b, a)
    if overlap >= MOST and a_credits != b_credits:
        return (a, b) if a_credits else (b, a)
    if overlap >= CREDITED and a_prose != b_prose:
        return (a, b) if a_prose else (b, a)
    copied = overlap >= OVERWHELMING or (overlap >= MOST and _copies_quotes(quoted(a), quoted(b)))
    original = _original_of(a, b, quoted) if copied else None
    if original is None:
        return None
    return (b, a) if original is a else (a, b)


def _leads_to(start: str, target: str, derived: Mapping[str, str | None]) -> bool:
    seen = set()
    while start is not None and start not in seen:
        if start == target:
            return True
        seen.add(start)
        start = derived.get(start)
    return False


def detect_rewrites(sources: Sequence[ParsedSource], facts: Sequence[Fact]) -> dict[str, str | None]:
    """``source id -> id of the source it rewrites`` (``None`` for originals)."""
    by_id = {s.id: s for s in sources}
    quoted = _QuotedOnce()
    candidates = []
    for (a, b), count in sorted(_shared_facts(facts).items()):
        shorter = min(len(by_id[a].sentences), len(by_id[b].sentences))
        overlap = count / shorter if shorter else 0.0
        pair = _rewrite_pair(by_id[a], by_id[b], overlap, quoted)
        if pair:
            candidates.append((overlap, pair[0].id, pair[1].id))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    derived: dict[str, str | None] = {s.id: None for s in sorted(sources, key=lambda s: s.id)}
    for _overlap, rewrite, original in candidates:
        if derived[rewrite] is None and not _leads_to(original, rewrite, derived):
            derived[rewrite] = original
    return derived


def independent_sources(sources: Iterable[str], derived: Mapping[str, str | None]) -> tuple[str, ...]:
    """The sources of an item minus those that merely rewrite another of them."""
    listed = set(sources)
    return tuple(sorted(s for s in listed if derived.get(s) not in listed))


def unique_points(source_id: str, key_points: Iterable[KeyPoint]) -> tuple[str, ...]:
    """Ids of the key points that no source but ``source_id`` reports.

    Literally "what only it reports" (brief.json contract): a point an original
    shares with its rewrite is in neither's list. That the rewrite is no
    independent confirmation is said by its ``derived_from``, not here.
    """
    return tuple(kp.id for kp in key_points if kp.sources == (source_id,))


def attribute_sources(
    brief_slug: str,
    sources: Sequence[ParsedSource],
    derived: Mapping[str, str | None],
    key_points: Sequence[KeyPoint],
) -> tuple[SourceAttribution, ...]:
    """One ``SourceAttribution`` per source, sorted by id."""
    return tuple(
        SourceAttribution(
            id=s.id,
            outlet=s.outlet,
            title=s.title,
            date=s.date,
            url=s.url,
            dateline=s.dateline,
            credits=s.credits,
            derived_from=derived.get(s.id),
            unique_points=unique_points(s.id, key_points),
            page=f"briefs/{brief_slug}/sources/{s.id}/",
        )
        for s in sorted(sources, key=lambda s: s.id)
    )
