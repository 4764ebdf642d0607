"""The parser and the assembler for the glue, their modules imported on first use.

``parse`` and ``assemble`` pull in most of the package, syntok, rapidfuzz and
the word lists: about a tenth of a second of imports (``python -X importtime``),
the largest part of the plugin's. A rebuild that keeps every brief (nothing
changed, or a template edited) parses and assembles nothing, so the build
reaches them through these functions, which import them when first called
(once per process: a pool worker that parses imports them itself).

The NLP modules do not use this: for them ``parse`` and ``assemble`` are plain imports.
"""

from __future__ import annotations

from typing import Any


def read_source(path, **options: Any):
    """``parse.read_source``."""
    from .parse import read_source as read

    return read(path, **options)


def parse_bytes(data: bytes, **options: Any):
    """``parse.parse_bytes``."""
    from .parse import parse_bytes as parse

    return parse(data, **options)


def assemble_brief(meta, sources, **options: Any):
    """``assemble.assemble_brief``."""
    from .assemble import assemble_brief as assemble

    return assemble(meta, sources, **options)
