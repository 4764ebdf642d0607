"""Sentences of the story paragraphs, split by syntok, as offsets into the raw text.

syntok knows that the full stop of "Mr. Roe" ends no sentence; this module
maps its tokens back to ``raw`` offsets, starts the dateline paragraph's first
sentence after the dateline, and finds the sentence that holds an offset.
"""

from __future__ import annotations

import bisect

from syntok import segmenter

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
    return _split_after_letters(text, _join_name_abbreviations(text, fixed))


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
