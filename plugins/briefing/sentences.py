"""Sentences of the story paragraphs, split by syntok, as offsets into the raw text.

syntok knows that the full stop of "Mr. Roe" ends no sentence; this module
maps its tokens back to ``raw`` offsets, starts the dateline paragraph's first
sentence after the dateline, and finds the sentence that holds an offset.
"""

from __future__ import annotations

import bisect
import re

from syntok import segmenter
from syntok._segmentation_states import State
from syntok.tokenizer import Tokenizer

from .blocks import Dateline
from .lines import trim
from .model import Paragraph, Sentence
from .tokens import ends_on_letter
from .wordlists import word_set


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
            s, e = trim(raw, start + s, start + e)
            if s < e:
                sentences.append(Sentence(len(sentences), paragraph.number, s, e, raw[s:e]))
    return tuple(sentences)


# What syntok decides a sentence boundary by (its own sets, so an upgrade that changes them
# changes these too): a chunk of text with none of them but at its end is one sentence.
_TERMINAL_CHARS = frozenset("".join(State.terminals))
_BOUNDARY_CHARS = _TERMINAL_CHARS | State.opening_brackets
_CLOSING_CHARS = State.closing_quotes | State.closing_brackets
#: A stop syntok always ends a sentence at: after a plain word of two letters or more, lower
#: case or capitalised (``said.``, ``Valport.``), a quote closed after one (``overdue".``) or
#: a number of two digits or more, then a closing quote or not, a space, an opening quote or
#: not, and a capital. (Not after a word it may take for an abbreviation, or a number before a
#: month: ``_sure``.)
_SURE_STOP = re.compile(
    r"""(?:(?<=\s)|^)
    (?: (?P<word>[a-z]{2,}|[A-Z][a-z]+) | (?:[a-z]{2,}|[A-Z][a-z]+)["”’] | (?P<number>\d{2,}) )
    (?P<stop>\.(?(number)|["”’]?))
    \ (?=["“]?(?P<next>[A-Z][a-z]*)(?![^\W\d_]))""",
    re.VERBOSE,
)
#: words before a stop whose next token syntok looks at before it splits
_LOOKED_AT = State.abbreviations | State.months | {"no", "No"}
#: syntok's own paragraph break (its whitespace is Unicode's; this one is wider, so never misses one)
_BLANK_LINE = re.compile(r"\n\s*\n")
_NOT_SPACE = Tokenizer._spaces  # syntok's own runs between whitespace (and U+200B): tokens start there


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    spans = _spans_in_chunks(text)
    # syntok may leave a closing quote mark or bracket after the last token
    # outside the sentence: give it to the sentence it closes.
    fixed = []
    for i, (s, e) in enumerate(spans):
        limit = spans[i + 1][0] if i + 1 < len(spans) else len(text)
        while e < limit and text[e] in "\"”’')]":
            e += 1
        fixed.append((s, e))
    return _split_after_letters(text, _join_name_abbreviations(text, fixed))


def _spans_in_chunks(text: str) -> list[tuple[int, int]]:
    """``_syntok_spans(text)``, with syntok run only where its rules have something to decide.

    syntok was a third of parsing. It always ends a sentence at a ``_SURE_STOP``
    (``said. The``) and starts the next as it starts a text, so the text is
    cut there first. A chunk with no stop, question mark, semicolon or
    opening bracket but at its end is one sentence; only the others go to
    syntok. A text with a bracket or a blank line goes to syntok whole: it
    skips over bracketed text and splits paragraphs at blank lines.
    (tests/test_sentences.py checks this against syntok itself.)
    """
    if not text or State.opening_brackets.intersection(text) or _BLANK_LINE.search(text):
        return _syntok_spans(text)
    spans: list[tuple[int, int]] = []
    start = 0
    for stop in _SURE_STOP.finditer(text):
        if _sure(stop):
            spans += _chunk_spans(text, start, stop.end("stop"), body_end=stop.start("stop"))
            start = stop.end()
    return spans + _chunk_spans(text, start, len(text))


def _sure(stop: re.Match) -> bool:
    if stop.group("number"):  # "in 2019. May" may be a date
        return stop.group("next") not in State.months
    return stop.group("word") not in _LOOKED_AT


def _chunk_spans(text: str, start: int, end: int, body_end: int | None = None) -> list[tuple[int, int]]:
    """The sentences of ``text[start:end]``: one if it is plainly one, else syntok's. A chunk
    before a sure stop (``body_end``: where the stop starts) ends with it; the last one, if it
    ends with a terminal, has it in ``body``."""
    chunk = text[start:end]
    first = _NOT_SPACE.search(chunk)
    if first is None:
        return []
    last = body_end is None
    body = chunk.rstrip() if last else text[start:body_end]
    if last and len(body) < len(chunk):  # syntok's end of a text with a trailing space varies
        body = ""
    if body and _single_sentence(body, last):
        return [(start + first.start(), end)]
    return [(start + s, start + e) for s, e in _syntok_spans(chunk)]


def _single_sentence(body: str, last: bool) -> bool:
    """Whether syntok reads ``body`` as one sentence: no terminal or opening bracket in it, but
    (at the end of a text) terminals and one closing quote or bracket, which it takes in too."""
    if last:
        end = len(body)
        if body[-1] in _CLOSING_CHARS:
            end -= 1
        while end and body[end - 1] in _TERMINAL_CHARS:
            end -= 1
        body = body[:end]
    # (syntok's whitespace takes in U+200B, str.rstrip's does not: such a text's end is syntok's to say)
    return "\u200b" not in body and _BOUNDARY_CHARS.isdisjoint(body)


def _syntok_spans(text: str) -> list[tuple[int, int]]:
    """Each sentence syntok finds in ``text``, from its first token's start to its last's end."""
    spans = []
    for syntok_paragraph in segmenter.analyze(text):
        for sentence in syntok_paragraph:
            if not sentence:
                continue
            last = sentence[-1]
            spans.append((sentence[0].offset, last.offset + len(last.value)))
    return spans


def _split_after_letters(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``prescribed vitamin D. Researchers said``: syntok reads a capital
    letter with a stop as an initial and ends no sentence there; it is one
    only before a name (``by S. Kamala``), so before any other word the stop
    ends the sentence."""
    split: list[tuple[int, int]] = []
    for s, e in spans:
        start = s
        stop = text.find(". ", s + 1, e)
        while stop != -1:
            if ends_on_letter(text, stop, e):
                split.append((start, stop + 1))
                start = stop + 2
            stop = text.find(". ", stop + 1, e)
        split.append((start, e))
    return split


def _join_name_abbreviations(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``said Md. Karim Uddin``, ``Rep. Ada Holt``: the stop of an abbreviated
    first name or an honorific ends no sentence (syntok knows ``Mr.`` but
    not ``Md.``). After a comma the
    same letters are a state (``Bethesda, Md.``), which may end one."""
    joined: list[tuple[int, int]] = []
    for s, e in spans:
        if joined and _ends_on_name_abbreviation(text, *joined[-1]) and text[s : s + 1].isupper():
            joined[-1] = (joined[-1][0], e)
        else:
            joined.append((s, e))
    return joined


def _ends_on_name_abbreviation(text: str, s: int, e: int) -> bool:
    """Also an honorific with a stop (``Rep.``, ``Gov.``): syntok knows
    ``Mr.`` but ends a sentence on some others before the name."""
    head, _, last = text[s:e].rpartition(" ")
    if head.endswith(","):
        return False
    return last in word_set("name_abbreviations.txt") or (last.endswith(".") and last in word_set("honorifics.txt"))


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
