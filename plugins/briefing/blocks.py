"""The layout of scraped text: title, blocks, story paragraphs and dateline.

Scraped articles arrive as they were published: paragraphs separated by blank
lines or one per line, the headline repeated, a lone ``-``, photo captions
with a trailing credit, a wire dateline. This module cuts the text after the
header into candidates and sorts each into a ``Block`` (title, separator,
caption, credit, label, furniture) or a story ``Paragraph``, keeping every
piece as character offsets into the raw text. Captions and credit lines are
recognised in ``captions``, page furniture in ``furniture``.

Everything here is linear in the length of the text: the regular expressions
have no nested quantifiers, and scans go forward only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .captions import caption_credit, credit_line_start, credit_parts, is_wire_agency, strip_parens
from .furniture import FURNITURE_KINDS, furniture_kind, is_end_marker, is_label
from .lines import TERMINAL, split_lines, trim, trim_end
from .model import Block, Paragraph, SourceHeader
from .tokens import usual_place_names

_HAS_WORD = re.compile(r"\w")
_SPACE = re.compile(r"\s+")

# Wire datelines: "LAGOS (AP) -", "WASHINGTON, March 3 (AP) —",
# "LIMA/QUITO, Feb 22 (AFP) -", and the US style with the state or country
# after the city: "DAYTON, Ohio —", "MOLINE, Ill. (AP) —". Place words are
# upper-case.
_DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z.'’-]+(?:[ /][A-Z][A-Z.'’-]*){0,4})"
    r"(?:,[ ]?(?P<region>[A-Z][A-Za-z.'’-]*(?:[ ][A-Z][A-Za-z.'’-]*){0,2}))?"
    r"(?:,[ ]?(?P<date>[A-Z][a-z]{2,8}\.?[ ]\d{1,2}))?"
    r"[ ]?(?:\((?P<credit>[^()\r\n]{1,40})\)[ ]?)?"
    r"[-–—]{1,2}[ ]*"
)
# "Hanoi (AFP) -": a place written in title case counts before a wire agency's name.
_AGENCY_DATELINE = re.compile(
    r"(?P<place>[A-Z][\w.'’-]+(?:[ /][A-Z][\w.'’-]*){0,3})"
    r"(?:,[ ]?(?P<date>[A-Z][a-z]{2,8}\.?[ ]\d{1,2}))?"
    r"[ ]?\((?P<credit>[^()\r\n]{1,40})\)[ ]?[-–—]{1,2}[ ]*"
)


@dataclass(frozen=True)
class Dateline:
    place: str  # "LAGOS"
    credit: str | None  # "AP"
    start: int  # offsets of the place words in raw
    end: int
    body: int  # where the story text after the dateline starts
    region: tuple[int, int] | None = None  # offsets of "Ohio" in "DAYTON, Ohio —"


@dataclass(frozen=True)
class Layout:
    """What the article text is made of, in text order."""

    title: str | None
    blocks: tuple[Block, ...]
    paragraphs: tuple[Paragraph, ...]
    dateline: Dateline | None
    credits: tuple[tuple[int, str], ...]  # (offset, credit) from captions and credit lines


def split_layout(raw: str, header: SourceHeader) -> Layout:
    """Sort the text after the header into title, blocks and story paragraphs."""
    title = header.title
    title_key = _title_key(title) if title else None
    blocks: list[Block] = []
    story: list[tuple[int, int]] = []
    credits: list[tuple[int, str]] = []
    may_be_title = title is None
    ended = False  # past an "Ends" / "Notes to editors" line
    for start, end in _candidates(raw, header.end):
        text = raw[start:end]
        if _is_separator(text):
            blocks.append(Block("separator", start, end, text))
            continue
        if ended or is_end_marker(text):
            ended = True
            blocks.append(Block("boilerplate", start, end, text))
            continue
        if title_key is not None and _title_key(text) == title_key:
            blocks.append(Block("title", start, end, text))
            continue
        credit_start = credit_line_start(text)
        caption = caption_credit(text) if credit_start is None else None
        if caption is not None:
            blocks.append(Block("caption", start, end, text, credit=caption))
            credits.append((start, caption))
            may_be_title = False
            continue
        if credit_start is None and may_be_title and is_label(text):
            blocks.append(Block("label", start, end, text))  # "ANALYSIS", a masthead
            continue
        if credit_start is None and may_be_title and _looks_like_headline(text):
            title, title_key = text, _title_key(text)
            blocks.append(Block("title", start, end, text))
            may_be_title = False
            continue
        may_be_title = False
        kind = furniture_kind(text, before_story=not story) if credit_start is None else None
        if kind is not None:
            blocks.append(Block(kind, start, end, text))
            continue
        if credit_start is not None:
            block_start = start + credit_start
            inner = strip_parens(raw[block_start:end])
            blocks.append(Block("credit", block_start, end, raw[block_start:end], credit=inner))
            credits.extend((block_start, part) for part in credit_parts(inner))
            end = trim_end(raw, start, block_start)
            if end <= start:
                continue
        story.append((start, end))
    if not story and blocks:
        # Everything looked like furniture: keep the text readable as story.
        furniture = [b for b in blocks if b.kind in FURNITURE_KINDS]
        story = [(b.start, b.end) for b in furniture]
        blocks = [b for b in blocks if b.kind not in FURNITURE_KINDS]
    paragraphs = tuple(
        Paragraph(number, start, end, raw[start:end])
        for number, (start, end) in enumerate(story, 1)
    )
    dateline = find_dateline(raw, paragraphs[0]) if paragraphs else None
    blocks.sort(key=lambda b: b.start)
    return Layout(title, tuple(blocks), paragraphs, dateline, tuple(credits))


def _candidates(raw: str, start: int) -> list[tuple[int, int]]:
    """Trimmed spans of paragraph candidates after ``start``.

    A blank line always ends a candidate. Inside a run of lines each line is
    its own candidate (scraped text often has one paragraph per line), unless
    the line was evidently hard-wrapped: it does not end a sentence and the
    next line goes on in lower case or after a comma.
    """
    spans: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None
    for line in split_lines(raw[start:]):
        s, e = trim(raw, start + line.start, start + line.end)
        if s == e:
            if current:
                spans.append(current)
            current = None
            continue
        if current and _continues(raw[current[0] : current[1]], raw[s:e]):
            current = (current[0], e)
            continue
        if current:
            spans.append(current)
        current = (s, e)
    if current:
        spans.append(current)
    return spans


def _continues(previous: str, line: str) -> bool:
    if previous.endswith(TERMINAL) or len(previous) < 2:
        return False
    return line[0].islower() or previous.endswith((",", "-", "–", "—"))


def _title_key(text: str) -> str:
    return _SPACE.sub(" ", text).strip().strip(".:;-–— ").casefold()


def _is_separator(text: str) -> bool:
    """A line with no letters or digits at all: ``-``, ``***``, ``•``."""
    return not _HAS_WORD.search(text)


def _looks_like_headline(text: str) -> bool:
    """The first line of a text without a header Title is its headline,
    unless it is evidently story text (a dateline, or a finished sentence)."""
    return len(text) <= 200 and not text.endswith(".") and not _DATELINE.match(text)


def _has_region(match: re.Match[str]) -> bool:
    """A state or country after a city of more than one capital letter and
    no stop (``DAYTON, Ohio``), not an acronym (``U.S., Canada``)."""
    place = match.group("place")
    return match.groupdict().get("region") is not None and "." not in place and len(place) > 2


def find_dateline(raw: str, paragraph: Paragraph) -> Dateline | None:
    """The wire dateline that opens ``paragraph``, if any.

    With an agency credit in parentheses any upper-case place counts; a bare
    ``PLACE —`` counts only for a place known from the data files, since an
    upper-case acronym can open an ordinary sentence; a city in capitals with
    its state or country after a comma (``DAYTON, Ohio —``) is the US form of
    a dateline and counts too.
    """
    match = _DATELINE.match(raw, paragraph.start, paragraph.end)
    if not match:
        match = _AGENCY_DATELINE.match(raw, paragraph.start, paragraph.end)
        if not match or not is_wire_agency(match.group("credit")):
            return None
    place = match.group("place").strip()
    credit = match.group("credit")
    credit = credit.strip() if credit else None
    if credit is None and not _has_region(match) and place.casefold() not in usual_place_names():
        return None
    if match.end() >= paragraph.end:
        return None
    return Dateline(
        place=place,
        credit=credit,
        start=match.start("place"),
        end=match.start("place") + len(place),
        body=match.end(),
        region=match.span("region") if _has_region(match) else None,
    )
