"""Build ``ParsedSource`` objects from small made-up texts, without the parser.

The assemble stage is tested on its own: a test writes a short story (one
paragraph per line), and says which quotes, entities and dates it has.
Sentences are split with a plain regex, which is all these texts need.
Offsets are real offsets into the text, so ``raw[start:end]`` checks work.
"""

from __future__ import annotations

import re
from typing import Iterable

from briefing.model import (
    ORGANISATION,
    PERSON,
    PLACE,
    Block,
    DateMention,
    NamedEntity,
    Paragraph,
    ParsedSource,
    QuoteMention,
    Sentence,
    SourceHeader,
)

_SENTENCE_END = re.compile(r"[.!?][\"”]?(?=\s+|$)")


def person(name, role=None, aliases=()):
    return NamedEntity(PERSON, name, role, tuple(aliases))


def place(name, aliases=(), names_by_user=()):
    return NamedEntity(PLACE, name, None, tuple(aliases), tuple(names_by_user))


def organisation(name, aliases=()):
    return NamedEntity(ORGANISATION, name, None, tuple(aliases))


def _paragraphs(raw: str, offset: int) -> list[Paragraph]:
    paragraphs, pos = [], offset
    for line in raw[offset:].split("\n"):
        if line.strip():
            paragraphs.append(Paragraph(len(paragraphs) + 1, pos, pos + len(line), line))
        pos += len(line) + 1
    return paragraphs


def _sentences(paragraphs: Iterable[Paragraph]) -> list[Sentence]:
    sentences = []
    for para in paragraphs:
        start = 0
        for match in _SENTENCE_END.finditer(para.text):
            text = para.text[start : match.end()]
            lead = len(text) - len(text.lstrip())
            s, e = para.start + start + lead, para.start + match.end()
            sentences.append(Sentence(len(sentences), para.number, s, e, text.strip()))
            start = match.end()
        if para.text[start:].strip():
            text = para.text[start:]
            lead = len(text) - len(text.lstrip())
            sentences.append(
                Sentence(len(sentences), para.number, para.start + start + lead, para.end, text.strip())
            )
    return sentences


def _sentence_at(sentences, pos):
    for sentence in sentences:
        if sentence.start <= pos < sentence.end:
            return sentence
    raise ValueError(f"offset {pos} is in no sentence")


def _find(raw, text, occurrence=1, after=0):
    pos = after - 1
    for _ in range(occurrence):
        pos = raw.find(text, pos + 1)
        if pos < 0:
            raise ValueError(f"{text!r} not in the text")
    return pos


def make_source(
    source_id: str,
    text: str,
    *,
    outlet: str | None = None,
    title: str | None = None,
    date: str | None = None,
    dateline: str | None = None,
    credits: Iterable[str] = (),
    quotes: Iterable[tuple] = (),
    entities: Iterable[NamedEntity] = (),
    dates: Iterable[tuple] = (),
    headline: str | None = None,
) -> ParsedSource:
    """A parsed source whose story paragraphs are the lines of ``text``.

    ``quotes``: ``(words, speaker)`` or ``(words, speaker, partial)``; the
    words are found in the text (first occurrence).
    ``dates``: ``(as written, value)`` or ``(as written, value, approximate)``
    or ``(as written, value, approximate, occurrence)``.
    ``headline``: an optional title line put on top as a ``title`` block.
    """
    blocks, offset = [], 0
    raw = text
    if headline:
        raw = headline + "\n" + text
        blocks.append(Block("title", 0, len(headline), headline))
        offset = len(headline) + 1
    paragraphs = _paragraphs(raw, offset)
    sentences = _sentences(paragraphs)

    quote_mentions = []
    for words, speaker, *rest in quotes:
        start = _find(raw, words, after=offset)
        sentence = _sentence_at(sentences, start)
        partial = rest[0] if rest else False
        quote_mentions.append(
            QuoteMention(words, start, start + len(words), sentence.paragraph, sentence.index, partial, speaker, "said")
        )

    date_mentions = []
    for written, value, *rest in dates:
        approximate = rest[0] if rest else False
        occurrence = rest[1] if len(rest) > 1 else 1
        start = _find(raw, written, occurrence, after=offset)
        sentence = _sentence_at(sentences, start)
        date_mentions.append(DateMention(written, start, start + len(written), sentence.index, value, approximate))

    return ParsedSource(
        id=source_id,
        path=f"sources/{source_id}.txt",
        raw=raw,
        header=SourceHeader(outlet=outlet, date=date, title=title),
        title=title or headline,
        outlet=outlet,
        dateline=dateline,
        credits=tuple(credits),
        blocks=tuple(blocks),
        paragraphs=tuple(paragraphs),
        sentences=tuple(sentences),
        quotes=tuple(quote_mentions),
        entities=tuple(entities),
        dates=tuple(date_mentions),
    )


# --------------------------------------------------------------------------
# a made-up story told twice: wire copy and a credited rewrite of it
# --------------------------------------------------------------------------

WIRE_TEXT = "\n".join(
    [
        "Dock workers in Valmora voted on Monday to end a nine-day strike after the port authority agreed to raise wages by 6%.",
        "The strike had halted shipments of grain and fertiliser through the country's largest port.",
        '"We have won what we came for," union leader Ada Okafor told reporters outside the terminal.',
        "Okafor said the deal also guarantees 40 new jobs at the container yard.",
        "The Old Quay of Valmora was built in 1911. Dockers last held a strike of this length there in 1987.",
    ]
)

REWRITE_TEXT = "\n".join(
    [
        "Valmora's dock workers ended their nine-day strike on Monday, voting to accept a 6% wage rise agreed by the port authority.",
        "The walkout had stopped grain and fertiliser shipments through the nation's biggest port.",
        'Union leader Ada Okafor, 52, told reporters: "We have won what we came for!"',
        "The deal also guarantees 40 new jobs at the container yard, Okafor said.",
        "Shipping firms are clearly the real losers of this dispute.",
    ]
)


def wire(**overrides) -> ParsedSource:
    kwargs = dict(
        outlet="Northwire",
        dateline="VALMORA",
        date="2024-05-06",
        quotes=[("We have won what we came for", "Ada Okafor")],
        entities=[person("Ada Okafor", "union leader", ["Okafor"]), place("Valmora")],
        dates=[("on Monday", "2024-05-06"), ("1911", "1911"), ("1987", "1987")],
    )
    kwargs.update(overrides)
    return make_source("northwire", WIRE_TEXT, **kwargs)


def rewrite(**overrides) -> ParsedSource:
    kwargs = dict(
        outlet="Daily Lantern",
        date="2024-05-06",
        credits=["Northwire"],
        quotes=[("We have won what we came for", "Okafor")],
        entities=[person("Okafor"), person("Ada Okafor", "leader"), place("Valmora")],
        dates=[("on Monday", "2024-05-06")],
    )
    kwargs.update(overrides)
    return make_source("lantern", REWRITE_TEXT, **kwargs)
