"""Raw text as lines and trimmed spans, kept as character offsets.

Every stage points into the raw text by offsets, so that ``raw[start:end]`` is
always the thing pointed at: this module finds the line breaks (``\r\n``,
``\r`` and ``\n`` alike) and trims a span's whitespace by moving its ends,
never by copying the text. Everything here is linear in the length of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NEWLINE = re.compile(r"\r\n|\r|\n")
BOM = "\ufeff"  # some scrapers leave a byte-order mark at the start of the text
# What a finished sentence ends with (":" and ";" lead into what follows):
# story text ends in one; hard-wrapped lines, headings and captions do not.
TERMINAL = ('.', '!', '?', '"', "”", "’", ":", ";")


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


def trim(raw: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` moved past leading whitespace (and a BOM) and trailing whitespace."""
    while start < end and (raw[start].isspace() or raw[start] == BOM):
        start += 1
    return start, trim_end(raw, start, end)


def trim_end(raw: str, start: int, end: int) -> int:
    """``end`` moved back past trailing whitespace, not before ``start``."""
    while end > start and raw[end - 1].isspace():
        end -= 1
    return end
