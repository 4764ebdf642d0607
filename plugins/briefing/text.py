"""Source text: header lines, scraped artefacts, paragraphs and sentences.

Scraped articles arrive as they were published: paragraphs separated by blank
lines or one per line, the headline repeated, a lone ``-``, photo captions
with a trailing credit, a wire dateline. This module tells those apart and
keeps every piece as character offsets into the raw text, so that
``raw[start:end]`` is always the thing pointed at.

Everything here is linear in the length of the text: the regular expressions
have no nested quantifiers, and scans go forward only.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from syntok import segmenter

from .model import Block, Paragraph, Sentence, SourceError, SourceHeader

# ---------------------------------------------------------------------------
# word lists (plugins/briefing/data/*.txt)
# ---------------------------------------------------------------------------


@lru_cache(maxsize=None)
def word_list(name: str) -> tuple[str, ...]:
    """The entries of ``data/<name>``: one per line, ``#`` starts a comment."""
    text = resources.files("briefing").joinpath("data", name).read_text(encoding="utf-8")
    entries = []
    for line in text.splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            entries.append(entry)
    return tuple(entries)


@lru_cache(maxsize=None)
def word_set(name: str, *, folded: bool = False) -> frozenset[str]:
    """``word_list(name)`` as a set; ``folded`` compares case-insensitively."""
    words = word_list(name)
    return frozenset(w.casefold() for w in words) if folded else frozenset(words)


@lru_cache(maxsize=None)
def alias_groups(name: str) -> tuple[tuple[str, ...], ...]:
    """Entries written ``Name | Other form | …`` as tuples, the name first."""
    return tuple(
        tuple(part.strip() for part in entry.split("|") if part.strip())
        for entry in word_list(name)
    )


@lru_cache(maxsize=None)
def key_values(name: str) -> tuple[tuple[str, str], ...]:
    """Entries written ``key = value`` as pairs."""
    pairs = []
    for entry in word_list(name):
        key, _, value = entry.partition("=")
        pairs.append((key.strip(), value.strip()))
    return tuple(pairs)


# ---------------------------------------------------------------------------
# lines
# ---------------------------------------------------------------------------

_NEWLINE = re.compile(r"\r\n|\r|\n")
_BOM = "\ufeff"


@dataclass(frozen=True)
class Line:
    """One line of the raw text: ``raw[start:end]`` without its line break."""

    number: int  # 1-based, for messages
    start: int
    end: int
    next: int  # where the next line starts


def split_lines(raw: str) -> list[Line]:
    """The lines of ``raw`` with offsets; ``\\r\\n``, ``\\r`` and ``\\n`` all end a line."""
    lines = []
    pos = 0
    number = 1
    for match in _NEWLINE.finditer(raw):
        lines.append(Line(number, pos, match.start(), match.end()))
        pos = match.end()
        number += 1
    if pos < len(raw):
        lines.append(Line(number, pos, len(raw), len(raw)))
    return lines


def line_number_at(raw: str, offset: int) -> int:
    """1-based number of the line that holds ``offset``."""
    return len(_NEWLINE.findall(raw, 0, offset)) + 1


# ---------------------------------------------------------------------------
# header
# ---------------------------------------------------------------------------

HEADER_KEYS = ("outlet", "url", "date", "author", "title", "lang")
_HEADER_LINE = re.compile(r"([A-Za-z][A-Za-z_-]*)[ \t]*:[ \t]*(.*)")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _header_key(text: str) -> str | None:
    match = _HEADER_LINE.fullmatch(text)
    return match.group(1).lower() if match else None


def parse_header(raw: str, path: str) -> SourceHeader:
    """The ``Key: value`` lines on top of ``raw``, or an empty header.

    It is a header only if the first line's key is a known one, so that an
    article opening with "Analysis: why…" is read as text. Inside a header
    every line must be a known ``Key: value`` up to the first blank line.
    """
    lines = split_lines(raw)
    if not lines:
        return SourceHeader()
    first = raw[lines[0].start : lines[0].end].lstrip(_BOM)
    if _header_key(first) not in HEADER_KEYS:
        return SourceHeader()
    values: dict[str, str | None] = {}
    end = len(raw)
    for line in lines:
        text = raw[line.start : line.end].lstrip(_BOM)
        if not text.strip():
            end = line.next
            break
        values.update(_header_field(text, line.number, values, path))
    return SourceHeader(
        outlet=values.get("outlet"),
        url=values.get("url"),
        date=values.get("date"),
        author=values.get("author"),
        title=values.get("title"),
        lang=values.get("lang"),
        end=end,
    )


def _header_field(text: str, number: int, seen: dict, path: str) -> dict[str, str | None]:
    match = _HEADER_LINE.fullmatch(text.strip())
    if not match:
        raise SourceError(
            path,
            f'header line "{text.strip()}" is not "Key: value"; '
            "fix it or put a blank line between the header and the text",
            number,
        )
    key, value = match.group(1).lower(), match.group(2).strip()
    if key not in HEADER_KEYS:
        raise SourceError(
            path,
            f'unknown header key "{match.group(1)}" (known: Outlet, URL, Date, Author, '
            "Title, Lang); fix it or put a blank line between the header and the text",
            number,
        )
    if key in seen:
        raise SourceError(
            path, f'header key "{match.group(1)}" is given twice; keep one of them', number
        )
    if key == "date" and value and not _is_iso_date(value):
        raise SourceError(
            path, f'header Date "{value}" is not a date written YYYY-MM-DD, e.g. 2023-02-22', number
        )
    return {key: value or None}


def _is_iso_date(value: str) -> bool:
    if not _ISO_DATE.fullmatch(value):
        return False
    try:
        _dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


# ---------------------------------------------------------------------------
# layout: title, separators, captions, credits, dateline, story paragraphs
# ---------------------------------------------------------------------------

_TERMINAL = ('.', '!', '?', '"', "”", "’", ":", ";")
_HAS_WORD = re.compile(r"\w")
_WORD = re.compile(r"[^\W\d_][\w'’.&-]*")
_SPACE = re.compile(r"\s+")

# Wire datelines: "LAGOS (AP) -", "WASHINGTON, March 3 (AP) —",
# "LIMA/QUITO, Feb 22 (AFP) -". Place words are upper-case.
_DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z.'’-]+(?:[ /][A-Z][A-Z.'’-]*){0,4})"
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
# "… Lagos, June 2, 2021. AGENCY/Jane Doe"
_SLASH_CREDIT = re.compile(
    r"(?:^|[.!?][ ]+)(?P<credit>[A-Z]{2,}(?:[ ][A-Z]{2,}){0,2}/[A-Z][\w.'’-]*(?:[ ][A-Z][\w.'’-]*){0,3})[ ]*$"
)


@dataclass(frozen=True)
class Dateline:
    place: str  # "LAGOS"
    credit: str | None  # "AP"
    start: int  # offsets of the place words in raw
    end: int
    body: int  # where the story text after the dateline starts


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
        credit_start = _credit_line_start(text)
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
            inner = _strip_parens(raw[block_start:end])
            blocks.append(Block("credit", block_start, end, raw[block_start:end], credit=inner))
            credits.extend((block_start, part) for part in _credit_parts(inner))
            end = _trim_end(raw, start, block_start)
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
        s, e = _trim(raw, start + line.start, start + line.end)
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
    if previous.endswith(_TERMINAL) or len(previous) < 2:
        return False
    return line[0].islower() or previous.endswith((",", "-", "–", "—"))


def _trim(raw: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (raw[start].isspace() or raw[start] == _BOM):
        start += 1
    return start, _trim_end(raw, start, end)


def _trim_end(raw: str, start: int, end: int) -> int:
    while end > start and raw[end - 1].isspace():
        end -= 1
    return end


def _title_key(text: str) -> str:
    return _SPACE.sub(" ", text).strip().strip(".:;-–— ").casefold()


def _is_separator(text: str) -> bool:
    """A line with no letters or digits at all: ``-``, ``***``, ``•``."""
    return not _HAS_WORD.search(text)


FURNITURE_KINDS = ("boilerplate", "byline", "standfirst", "heading")
_CONTRIBUTED = re.compile(r"\bcontributed (?:reporting|to (?:this|the) (?:report|story|article))\b")
_BYLINE = re.compile(r"(?:By|BY|by)[ ]+[A-Z]")
_CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}\b")
_PHOTO_LABEL = re.compile(r"(?:Photograph|Photo|Picture|Image)s?(?:[ ]by)?:[ ]*(?P<credit>[^()]+)$")
_PHOTO_TAIL = re.compile(
    r"(?:^|[.!?][ ]+)(?:Photograph|Photo|Picture|Image)s?(?:[ ]by)?:[ ]*(?P<credit>[^.!?]{2,60})$"
)


def is_end_marker(text: str) -> bool:
    """``Ends`` or ``Notes to editors`` on a line of its own: the story is over."""
    key = text.strip().rstrip(":").strip()
    return key.casefold() in word_set("end_markers.txt", folded=True)


def is_label(text: str) -> bool:
    """A short upper-case line above the headline: a kicker (``ANALYSIS``,
    ``PRESS RELEASE``) or the outlet's masthead."""
    words = text.split()
    return 0 < len(words) <= 4 and text.upper() == text and any(c.isalpha() for c in text) and not text.endswith(".")


def _ends_sentence(text: str) -> bool:
    return text.rstrip(" )]").endswith(_TERMINAL)


def furniture_kind(text: str, *, before_story: bool) -> str | None:
    """What a line the layout would keep as story is, if it is page furniture.

    * ``"byline"``: ``By Jane Doe`` (no sentence after it);
    * ``"boilerplate"``: a line opening with a cue of ``data/boilerplate_cues.txt``
      (``Related:``, ``Sign up``, ``Live · Last updated``, ``This interview has
      been edited…``), or a bare clock time (a live blog's entry stamp);
    * ``"standfirst"``: above the story, a line that does not end a sentence
      (a deck under the headline, a date line, ``Name in City``). In the
      story, a line that does not end a sentence and has no more than a
      headline's words is a ``"heading"`` (a live blog's "key events").
      An agency's "X contributed to this report" is boilerplate too.
    """
    stripped = text.strip()
    words = stripped.split()
    if len(words) <= 30 and (_opens_with_cue(stripped) or _CONTRIBUTED.search(stripped)):
        return "boilerplate"
    if _CLOCK.fullmatch(stripped) or _CLOCK.match(stripped) and len(words) <= 4 and not _ends_sentence(stripped):
        return "boilerplate"
    if _ends_sentence(stripped):
        return None
    if _BYLINE.match(stripped) and len(words) <= 12:
        return "byline"
    if before_story:
        return "standfirst"
    return "heading" if len(words) <= 20 and not stripped.endswith((",", "-", "–", "—")) else None


def opens_with_cue(text: str) -> bool:
    """``text`` opens with a page-furniture cue (``data/boilerplate_cues.txt``)."""
    return _opens_with_cue(text)


def _opens_with_cue(text: str) -> bool:
    folded = text.casefold()
    for cue in word_list("boilerplate_cues.txt"):
        c = cue.casefold()
        if folded.startswith(c) and (c[-1] in ":·-" or len(folded) == len(c) or not folded[len(c)].isalpha()):
            return True
    return False


def _looks_like_headline(text: str) -> bool:
    """The first line of a text without a header Title is its headline,
    unless it is evidently story text (a dateline, or a finished sentence)."""
    return len(text) <= 200 and not text.endswith(".") and not _DATELINE.match(text)


def caption_credit(text: str) -> str | None:
    """The credit of a photo caption, or None if ``text`` is not a caption.

    A caption ends in a short parenthesised credit: ``… in Lagos (AP)``.
    A story paragraph ends its last sentence with punctuation, so a credit
    after a finished sentence only counts when it names a photo
    (``… in Washington. (AP Photo/Jane Doe)``). An abbreviation of the words
    before it (``… Treaty Organization (NATO)``) is not a credit.
    """
    if text.endswith(")"):
        open_at = text.rfind("(")
        if open_at <= 0:
            return None
        credit = text[open_at + 1 : -1].strip()
        before = text[:open_at].rstrip()
        labelled = _PHOTO_LABEL.match(credit)
        if labelled and len(before.split()) >= 3 and len(credit) <= 70:
            return labelled.group("credit").strip()  # "(Photo: Jo Hale)"
        if not _is_short_credit(credit) or len(before.split()) < 3:
            return None
        if _is_photo_credit(credit):
            return credit
        if is_wire_agency(credit) and _describes_a_picture(before):
            return credit  # "… on Tuesday. (Reuters)": an agency photo's caption
        if before.endswith(_TERMINAL + (",",)) or _abbreviates(credit, before):
            return None
        return credit
    photo = _PHOTO_TAIL.search(text[-90:])
    if photo and len(text.split()) > 3:
        return photo.group("credit").strip()
    if text.startswith(("Pictured:", "Pictured ")) and len(text.split()) <= 40:
        return "Pictured"
    match = _SLASH_CREDIT.search(text[-80:])
    if match and len(text.split()) > 4:
        return match.group("credit")
    return None


def wire_agencies() -> dict[str, str]:
    """Casefolded form → usual name of the wire agencies in ``data/wire_agencies.txt``."""
    return _wire_agencies()


@lru_cache(maxsize=1)
def _wire_agencies() -> dict[str, str]:
    return {form.casefold(): group[0] for group in alias_groups("wire_agencies.txt") for form in group}


def is_wire_agency(text: str) -> bool:
    return text.strip().casefold() in _wire_agencies()


def _describes_a_picture(before: str) -> bool:
    """One short finished sentence reporting nobody's words: what a caption
    over an agency credit is (a story paragraph ending "(Reuters)" reports)."""
    words = {w.strip(".,;:\"“”'’").casefold() for w in before.split()}
    return (
        before.endswith(".")
        and len(before.split()) <= 40
        and before[:-1].count(". ") == 0
        and not words & word_set("reporting_verbs.txt", folded=True)
    )


def _is_short_credit(credit: str) -> bool:
    words = credit.split()
    return (
        0 < len(words) <= 6
        and len(credit) <= 60
        and credit[0].isupper()
        and not any(mark in credit for mark in "()!?;:\"“”")
    )


def _is_photo_credit(credit: str) -> bool:
    words = word_set("photo_credit_words.txt")
    return "/" in credit or any(w.strip(".,/") in words for w in credit.replace("/", " ").split())


def _abbreviates(credit: str, before: str) -> bool:
    """Whether ``credit`` is the initials of the capitalised words before it."""
    if not credit.isupper() or " " in credit:
        return False
    initials = ""
    connectors = word_set("role_connectors.txt")
    for word in reversed(before.split()[-(len(credit) * 2 + 2) :]):
        if word in connectors:
            continue
        if not word[0].isupper():
            break
        initials = word[0] + initials
        if initials == credit.replace(".", ""):
            return True
    return False


def _credit_line_start(text: str) -> int | None:
    """Where a reporting credit line ``(Reporting by X; Editing by Y)`` starts
    in ``text`` (0 for a block of its own, later if it ends a paragraph)."""
    if text.endswith(")"):
        open_at = text.rfind("(")
        if open_at >= 0 and _opens_credit_line(text[open_at + 1 :]):
            if open_at == 0 or text[:open_at].rstrip().endswith(_TERMINAL):
                return open_at
        return None
    if _opens_credit_line(text) and " by " in text and len(text) <= 300:
        return 0
    return None


def _opens_credit_line(text: str) -> bool:
    text = text.lstrip()
    for opener in word_list("credit_lines.txt"):
        if text.startswith(opener) and text[len(opener) : len(opener) + 1] in (" ", ":"):
            return True
    return False


def _strip_parens(text: str) -> str:
    text = text.strip()
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1]
    return text.strip()


def _credit_parts(inner: str) -> list[str]:
    return [part.strip() for part in inner.split(";") if part.strip()]


def find_dateline(raw: str, paragraph: Paragraph) -> Dateline | None:
    """The wire dateline that opens ``paragraph``, if any.

    With an agency credit in parentheses any upper-case place counts; a bare
    ``PLACE —`` counts only for a place known from the data files, since an
    upper-case acronym can open an ordinary sentence.
    """
    match = _DATELINE.match(raw, paragraph.start, paragraph.end)
    if not match:
        match = _AGENCY_DATELINE.match(raw, paragraph.start, paragraph.end)
        if not match or not is_wire_agency(match.group("credit")):
            return None
    place = match.group("place").strip()
    credit = match.group("credit")
    credit = credit.strip() if credit else None
    if credit is None and not is_known_place(place):
        return None
    if match.end() >= paragraph.end:
        return None
    return Dateline(
        place=place,
        credit=credit,
        start=match.start("place"),
        end=match.start("place") + len(place),
        body=match.end(),
    )


def known_places() -> dict[str, str]:
    """Casefolded form → usual name, for every country and city in the data files."""
    return _known_places()


@lru_cache(maxsize=1)
def _known_places() -> dict[str, str]:
    table: dict[str, str] = {}
    for name in ("countries.txt", "cities.txt"):
        for group in alias_groups(name):
            for form in group:
                table.setdefault(form.casefold(), group[0])
    return table


def is_known_place(text: str) -> bool:
    return text.casefold() in _known_places()


# ---------------------------------------------------------------------------
# sentences
# ---------------------------------------------------------------------------


def split_sentences(raw: str, paragraphs: tuple[Paragraph, ...], dateline: Dateline | None) -> tuple[Sentence, ...]:
    """Sentences of the story paragraphs (syntok), as offsets into ``raw``.

    The first sentence of the dateline paragraph starts after the dateline.
    """
    sentences: list[Sentence] = []
    for paragraph in paragraphs:
        start = paragraph.start
        if dateline is not None and paragraph.start <= dateline.start < paragraph.end:
            start = dateline.body
        for s, e in _sentence_spans(raw[start : paragraph.end]):
            s, e = _trim(raw, start + s, start + e)
            if s < e:
                sentences.append(Sentence(len(sentences), paragraph.number, s, e, raw[s:e]))
    return tuple(sentences)


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for syntok_paragraph in segmenter.analyze(text):
        for sentence in syntok_paragraph:
            if not sentence:
                continue
            last = sentence[-1]
            spans.append((sentence[0].offset, last.offset + len(last.value)))
    # syntok may leave a closing quote mark or bracket after the last token
    # outside the sentence: give it to the sentence it closes.
    fixed = []
    for i, (s, e) in enumerate(spans):
        limit = spans[i + 1][0] if i + 1 < len(spans) else len(text)
        while e < limit and text[e] in "\"”’')]":
            e += 1
        fixed.append((s, e))
    return fixed


def sentence_locator(sentences: tuple[Sentence, ...]):
    """A function from an offset to the sentence that holds it (or the last
    one starting before it), for many look-ups in one source."""
    starts = [s.start for s in sentences]

    def locate(offset: int) -> Sentence | None:
        index = bisect.bisect_right(starts, offset) - 1
        return sentences[index] if index >= 0 else None

    return locate


def sentence_at(sentences: tuple[Sentence, ...], offset: int) -> Sentence | None:
    """The sentence that holds ``offset`` (or the last one starting before it)."""
    return sentence_locator(sentences)(offset)
