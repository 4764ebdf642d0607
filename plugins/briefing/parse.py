"""The parse stage: one source file → ``ParsedSource``.

    header → layout (title, blocks, paragraphs, dateline) → sentences
    → entities → quotes (adding their speakers) → dates

``parse_source`` is a pure function of its arguments; ``read_source`` reads
the file and turns every problem with it into a ``SourceError`` that names the
file and line and says what to do.
"""

from __future__ import annotations

import os
from pathlib import Path

from .blocks import Layout, split_layout
from .dates import find_dates
from .entities import find_entities
from .header import parse_header
from .lines import line_number_at
from .model import ParsedSource, SourceError, SourceHeader
from .people import add_later_mentions
from .quotes import find_quotes, quote_mentions
from .sentences import split_sentences
from .slug import source_id_for
from .tokens import tokenize


def read_source(
    path: str | os.PathLike,
    *,
    outlet: str | None = None,
    reference_date: str | None = None,
    source_id: str | None = None,
) -> ParsedSource:
    """Read and parse one source file (UTF-8, newlines kept as they are)."""
    where = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        reason = error.strerror or str(error)
        raise SourceError(where, f"cannot read the file ({reason}); check that it exists and is readable") from error
    return parse_bytes(data, path=where, source_id=source_id or source_id_for(path),
                       outlet=outlet, reference_date=reference_date)


def parse_bytes(
    data: bytes,
    *,
    path: str,
    source_id: str,
    outlet: str | None = None,
    reference_date: str | None = None,
) -> ParsedSource:
    """Parse a source file's bytes (UTF-8); ``path`` is only told in the result and errors."""
    where = path
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise SourceError(
            where,
            f"the text is not UTF-8 (byte 0x{data[error.start]:02x}); save the file as UTF-8",
            line,
        ) from error
    return parse_source(
        raw,
        source_id=source_id,
        path=where,
        outlet=outlet,
        reference_date=reference_date,
    )


def parse_source(
    raw: str,
    *,
    source_id: str,
    path: str,
    outlet: str | None = None,
    reference_date: str | None = None,
) -> ParsedSource:
    """Parse the text of one source.

    ``outlet`` is used when the header names none (before the dateline's
    credit); ``reference_date`` (YYYY-MM-DD) resolves relative dates when the
    header has no Date.
    """
    if not raw.strip(" \t\r\n\ufeff"):
        raise SourceError(path, "the file is empty; put the article's text in it")
    header = parse_header(raw, path)
    if not raw[header.end :].strip():
        line = line_number_at(raw, header.end) if header.end < len(raw) else None
        raise SourceError(
            path, "there is a header but no article text; add the text after a blank line", line
        )
    layout = split_layout(raw, header)
    if not layout.paragraphs:
        raise SourceError(path, "no story paragraph found (only a title, captions or separators); add the article's text")
    sentences = split_sentences(raw, layout.paragraphs, layout.dateline)
    table = find_entities(raw, sentences, layout.dateline)
    utterances = find_quotes(raw, layout.paragraphs, sentences, table)
    # speakers found through quotes may be named again later by surname
    add_later_mentions(raw, [tokenize(raw, s.start, s.end) for s in sentences], table)
    resolved_outlet, credits = _outlet_and_credits(header, outlet, layout)
    return ParsedSource(
        id=source_id,
        path=path,
        raw=raw,
        header=header,
        title=layout.title,
        outlet=resolved_outlet,
        dateline=layout.dateline.place if layout.dateline else None,
        credits=credits,
        blocks=layout.blocks,
        paragraphs=layout.paragraphs,
        sentences=sentences,
        quotes=quote_mentions(raw, utterances, sentences),
        entities=table.freeze(),
        dates=find_dates(raw, sentences, header.date or reference_date),
    )


def _outlet_and_credits(header: SourceHeader, outlet: str | None, layout: Layout) -> tuple[str | None, tuple[str, ...]]:
    """Outlet: header, else the caller's, else the dateline's credit. A
    dateline credit naming another outlet is a credit (wire copy reprinted)."""
    credits = list(layout.credits)
    chosen = header.outlet or outlet
    dateline_credit = layout.dateline.credit if layout.dateline else None
    if dateline_credit:
        if chosen is None:
            chosen = dateline_credit
        elif dateline_credit.casefold() != chosen.casefold():
            credits.append((layout.dateline.start, dateline_credit))
    ordered: list[str] = []
    for _, credit in sorted(credits, key=lambda c: c[0]):
        if credit not in ordered:
            ordered.append(credit)
    return chosen, tuple(ordered)
