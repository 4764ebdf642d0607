"""URL slugs for briefs, sources and entities.

Kept here rather than taken from Pelican so that the NLP modules stay free of
Pelican; the rules match Pelican's default closely enough for readable URLs.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from unidecode import unidecode

_NOT_WORD = re.compile(r"[^a-z0-9]+")


def slugify(text: str, fallback: str = "item") -> str:
    """Lower-case ASCII words joined by hyphens: ``"Ilse Marten" -> "ilse-marten"``."""
    slug = _NOT_WORD.sub("-", unidecode(text).lower()).strip("-")
    return slug or fallback


def unique_slug(text: str, taken: set[str], fallback: str = "item") -> str:
    """``slugify(text)``, suffixed ``-2``, ``-3``… until not in ``taken``; adds it."""
    base = slugify(text, fallback)
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    taken.add(slug)
    return slug


def source_id_for(path: str | os.PathLike) -> str:
    """The id of a source within its brief: the slug of its file name."""
    return slugify(Path(path).stem, fallback="source")
