"""Helpers for tests that parse short made-up articles."""

from __future__ import annotations

from briefing.blocks import split_layout
from briefing.header import parse_header
from briefing.parse import parse_source


def parse(text: str, **kw):
    """``text`` as the story of a source titled "Dam story"."""
    return parse_source("Dam story\n\n" + text, source_id="s", path="s.txt", **kw)


def only(quotes, words):
    """The one quote whose text contains ``words``."""
    found = [q for q in quotes if words in q.text]
    assert len(found) == 1, [q.text for q in quotes]
    return found[0]


def role_of(parsed, name):
    return next(e.role for e in parsed.entities if e.name == name)


def layout_of(raw: str):
    """The header and the layout (blocks, story paragraphs) of a raw article."""
    header = parse_header(raw, "x.txt")
    return header, split_layout(raw, header)
