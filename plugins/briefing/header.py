"""The optional ``Key: value`` header lines on top of a source file.

A source may open with ``Outlet:``, ``URL:``, ``Date:``, ``Author:``,
``Title:`` and ``Lang:`` lines, ended by a blank line. A mistake in them is a
``SourceError`` naming the line and saying how to fix it, because a silently
ignored header would give the brief a wrong outlet or date.
"""

from __future__ import annotations

import datetime as _dt
import re

from .lines import BOM, split_lines
from .model import SourceError, SourceHeader

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
    first = raw[lines[0].start : lines[0].end].lstrip(BOM)
    if _header_key(first) not in HEADER_KEYS:
        return SourceHeader()
    values: dict[str, str | None] = {}
    end = len(raw)
    for line in lines:
        text = raw[line.start : line.end].lstrip(BOM)
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
