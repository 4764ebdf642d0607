"""header.py: the optional ``Key: value`` lines on top of a source, and
the errors that name a bad line."""

from __future__ import annotations

import pytest

from briefing.header import parse_header
from briefing.model import SourceError, SourceHeader


def test_header_fields_and_text_start():
    raw = "Outlet: The Courier\nurl: https://example.org/a:b\nDATE: 2024-05-01\n\nBody text here.\n"
    header = parse_header(raw, "x.txt")
    assert header.outlet == "The Courier"
    assert header.url == "https://example.org/a:b"
    assert header.date == "2024-05-01"
    assert raw[header.end :].startswith("Body text")


def test_first_line_with_unknown_key_is_text_not_header():
    raw = "Analysis: why the river dried up\nThe river dried up.\n"
    assert parse_header(raw, "x.txt") == SourceHeader()


@pytest.mark.parametrize(
    "raw, line, words",
    [
        ("Outlet: X\nFoo bar\n\nText.", 2, 'header line "Foo bar" is not "Key: value"'),
        ("Outlet: X\nSection: World\n\nText.", 2, 'unknown header key "Section"'),
        ("Outlet: X\nDate: 1 May 2024\n\nText.", 2, "YYYY-MM-DD"),
        ("Outlet: X\nDate: 2024-02-30\n\nText.", 2, "YYYY-MM-DD"),
        ("Outlet: X\nOutlet: Y\n\nText.", 2, "given twice"),
    ],
)
def test_bad_header_lines_name_the_line(raw, line, words):
    with pytest.raises(SourceError) as caught:
        parse_header(raw, "brief/x.txt")
    assert caught.value.line == line
    assert words in str(caught.value)
    assert str(caught.value).startswith(f"brief/x.txt:{line}: ")
