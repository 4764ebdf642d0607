"""Quotes: the words a source puts inside quote marks, with cue and speaker.

Quote marks are double marks only (straight ``"``, curly ``“ ”``, ``« »``),
paired by position: a straight mark opens after a space and closes before
one, so a curly opening mark closed by a straight one works too. Apostrophes
(``Kenya's``, ``didn't``) are never quote marks. A quote left open at the end
of a paragraph goes on in the next paragraph when that one opens with a mark
(the newspaper convention); each paragraph's part is its own QuoteMention,
and all parts share one speaker.

Cues and speakers are found by ``speakers.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Paragraph, QuoteMention, Sentence
from .speakers import attribute
from .table import EntityTable, Entry
from .text import sentence_locator

_OPENERS = "“«"
_CLOSERS = "”»"
_STRAIGHT = '"'
_OPEN_CONTEXT = " \t\r\n([{—–-/"  # what may stand before an opening straight mark


@dataclass(frozen=True)
class Piece:
    """The words between marks within one paragraph."""

    paragraph: int
    mark: int  # offset of the opening mark (or paragraph start for a continuation)
    start: int
    end: int
    close: int | None  # offset of the closing mark; None if it goes on


@dataclass
class Utterance:
    pieces: list[Piece]
    speaker: Entry | None = None
    cue: str | None = None
    partial: bool = True


# ---------------------------------------------------------------------------
# finding the marks
# ---------------------------------------------------------------------------


def _can_open(raw: str, i: int, para: Paragraph) -> bool:
    char = raw[i]
    if char in _OPENERS:
        return True
    if char != _STRAIGHT:
        return False
    before = raw[i - 1] if i > para.start else " "
    after = raw[i + 1] if i + 1 < para.end else " "
    return (before in _OPEN_CONTEXT or before in _OPENERS) and not after.isspace()


def _can_close(raw: str, i: int, para: Paragraph) -> bool:
    char = raw[i]
    if char in _CLOSERS:
        return True
    if char != _STRAIGHT:
        return False
    before = raw[i - 1] if i > para.start else " "
    after = raw[i + 1] if i + 1 < para.end else " "
    return not before.isspace() and (after.isspace() or not after.isalnum())


def find_utterances(raw: str, paragraphs: tuple[Paragraph, ...]) -> list[Utterance]:
    """Quoted words, grouped into utterances that may run over paragraphs."""
    utterances: list[Utterance] = []
    carried: list[Piece] = []  # parts of a quote still open at a paragraph's end
    for number, para in enumerate(paragraphs):
        open_at: int | None = None
        if carried:
            first = _first_mark(raw, para)
            if first is not None and raw[first] in _OPENERS + _STRAIGHT and _can_open(raw, first, para):
                open_at = first
            else:
                carried = []  # a stray mark: no quote goes on here
        for i in range(para.start, para.end):
            char = raw[i]
            if char not in _OPENERS and char not in _CLOSERS and char != _STRAIGHT:
                continue
            if open_at is None or i == open_at:
                if open_at is None and _can_open(raw, i, para):
                    open_at = i
                continue
            if _can_close(raw, i, para):
                piece = _piece(raw, para.number, open_at, i)
                if piece is not None:
                    utterances.append(Utterance(carried + [piece]))
                carried, open_at = [], None
            elif raw[i] in _OPENERS:
                open_at = i  # the previous mark was never closed: start again here
        if open_at is not None:
            piece = _piece(raw, para.number, open_at, None, para.end)
            carried = carried + [piece] if piece is not None else []
            if number + 1 == len(paragraphs):
                carried = []
        else:
            carried = []
    return utterances


def _first_mark(raw: str, para: Paragraph) -> int | None:
    i = para.start
    return i if raw[i] in _OPENERS or raw[i] == _STRAIGHT else None


def _piece(raw: str, paragraph: int, mark: int, close: int | None, end: int | None = None) -> Piece | None:
    start, stop = mark + 1, close if close is not None else end
    while start < stop and raw[start].isspace():
        start += 1
    while stop > start and (raw[stop - 1].isspace() or raw[stop - 1] in ",;"):
        stop -= 1  # the comma before a closing mark belongs to the attribution
    if close is not None and stop - start > 1 and raw[stop - 1] == "." and raw[stop - 2] != ".":
        # A closing full stop is punctuation of the sentence around the quote
        # as much as of the quote: outlets write `mentality."` and
        # `mentality," he said` for the same words. Dropping it at the closing
        # mark (but not an ellipsis, "?" or "!") gives both the same span text.
        stop -= 1
    if stop <= start:
        return None
    return Piece(paragraph, mark, start, stop, close)


# ---------------------------------------------------------------------------
# QuoteMentions
# ---------------------------------------------------------------------------


def find_quotes(
    raw: str,
    paragraphs: tuple[Paragraph, ...],
    sentences: tuple[Sentence, ...],
    table: EntityTable,
) -> list[Utterance]:
    """Quotes with cue and speaker; speakers new to ``table`` are added to it."""
    utterances = find_utterances(raw, paragraphs)
    attribute(raw, utterances, paragraphs, sentences, table)
    return utterances


def quote_mentions(raw: str, utterances: list[Utterance], sentences: tuple[Sentence, ...]) -> tuple[QuoteMention, ...]:
    """One QuoteMention per paragraph part of every utterance, in text order.

    Called after every entity is known, so a speaker's name is its final,
    fullest form.
    """
    mentions = []
    sentence_at = sentence_locator(sentences)
    for utterance in utterances:
        for piece in utterance.pieces:
            sentence = sentence_at(piece.start)
            mentions.append(
                QuoteMention(
                    text=raw[piece.start : piece.end],
                    start=piece.start,
                    end=piece.end,
                    paragraph=piece.paragraph,
                    sentence=sentence.index if sentence is not None else 0,
                    partial=utterance.partial,
                    speaker=utterance.speaker.name if utterance.speaker is not None else None,
                    cue=utterance.cue,
                )
            )
    mentions.sort(key=lambda q: q.start)
    return tuple(mentions)

