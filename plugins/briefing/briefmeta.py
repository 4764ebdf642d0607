"""What brief.md says about a brief, read without Pelican.

The site reads brief.md through Pelican (so the index, feeds and tags include
it); the ``briefing parse`` command reads the same metadata here, with the
Markdown ``meta`` extension that Pelican's own Markdown reader uses, so both
see the same Title, Date, Summary, Background and Tags.

``Checked: yes`` (optional) says an editor has checked the brief; a strict
build then fails on what a checked brief must not have, such as a quote
with no speaker (``checked_flag`` reads it, for both readers).
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import markdown

from .model import BriefMeta, SourceError

BRIEF_FILE = "brief.md"
CHECKED_FIELD = "checked"
YES = frozenset({"yes", "true", "on", "1"})
NO = frozenset({"no", "false", "off", "0", ""})


def read_brief_meta(path: str | Path, slug: str | None = None) -> BriefMeta:
    """BriefMeta from a brief.md file; ``slug`` defaults to its folder's name.

    Raises SourceError when the file cannot be read or has no Title.
    """
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as err:
        raise SourceError(str(path), f"cannot read the file ({err.strerror}); check it exists and is readable")
    except UnicodeDecodeError:
        raise SourceError(str(path), "is not UTF-8 text; save it as UTF-8")
    fields = _metadata(text)
    title = fields.get("title")
    if not title:
        raise SourceError(str(path), 'has no "Title:" line; add one at the top', line=1)
    checked_flag(fields.get(CHECKED_FIELD), path, line_of(text, CHECKED_FIELD))
    return BriefMeta(
        slug=slug or path.parent.name,
        title=title,
        date=_iso_date(fields.get("date"), path, line_of(text, "date")),
        summary=fields.get("summary") or None,
        background_topic=fields.get("background") or None,
        tags=tuple(t.strip() for t in fields.get("tags", "").split(",") if t.strip()),
    )


def checked_flag(value: str | None, path: str | Path, line: int | None = None) -> bool:
    """Whether ``Checked:`` says yes; no field is no. Raises SourceError for another word."""
    word = (value or "").strip().lower()
    if word in YES:
        return True
    if word in NO:
        return False
    raise SourceError(str(path), f'"Checked: {value}" is neither yes nor no; write "Checked: yes" or remove it', line=line)


def _metadata(text: str) -> dict[str, str]:
    md = markdown.Markdown(extensions=["meta"])
    md.convert(text)
    return {key: " ".join(values).strip() for key, values in md.Meta.items()}


def line_of(text: str, key: str) -> int | None:
    """1-based number of the metadata line that sets ``key``, for messages."""
    for number, line in enumerate(text.splitlines(), start=1):
        if line.split(":", 1)[0].strip().lower() == key:
            return number
    return None


def _iso_date(value: str | None, path: Path, line: int | None) -> str | None:
    """The YYYY-MM-DD part of a Pelican date (``2023-02-22`` or ``2023-02-22 10:00``)."""
    if not value:
        return None
    try:
        return _dt.date.fromisoformat(value.strip()[:10]).isoformat()
    except ValueError:
        raise SourceError(
            str(path), f'"Date: {value}" is not a date; write it as YYYY-MM-DD', line=line
        )
