"""parse.py: read_source / parse_source as the rest of the pipeline uses them."""

from __future__ import annotations


import pytest

from briefing.model import ParsedSource, SourceError
from briefing.parse import parse_source, read_source, source_id_for

from seeds import seed_paths

STORY = """\
Outlet: Daily Planet
Date: 2021-06-10
Title: Ministers clash over river dam

Ministers clash over river dam

NAIROBI, June 9 (AP) — Kenyan Water Minister Alice Wanjiru said on Tuesday that the dam would "change everything".

A farmer walks along the dry bed of the river near the town. (AP Photo/Jane Doe)

"We have waited for this since 1998," said Peter Omondi, a farmer.

(Reporting by John Kamau; Editing by Mary Smith)
"""


def assert_offsets(parsed: ParsedSource) -> None:
    raw = parsed.raw
    for item in (*parsed.paragraphs, *parsed.sentences, *parsed.quotes, *parsed.blocks, *parsed.dates):
        assert raw[item.start : item.end] == item.text
    for entity in parsed.entities:
        for m in entity.mentions:
            assert 0 <= m.start < m.end <= len(raw)


def test_source_id_is_slug_of_file_stem():
    assert source_id_for("briefs/x/sources/Al Mayadeen English.txt") == "al-mayadeen-english"


def test_parse_source_puts_it_together():
    parsed = parse_source(STORY, source_id="planet", path="planet.txt")
    assert parsed.id == "planet" and parsed.path == "planet.txt"
    assert parsed.title == "Ministers clash over river dam"
    assert parsed.outlet == "Daily Planet"
    assert parsed.dateline == "NAIROBI"
    assert parsed.date == "2021-06-10"
    # the dateline's agency is not the outlet here, so it is a credit, in text order
    assert parsed.credits == ("AP", "AP Photo/Jane Doe", "Reporting by John Kamau", "Editing by Mary Smith")
    assert [b.kind for b in parsed.blocks] == ["title", "caption", "credit"]
    assert [p.number for p in parsed.paragraphs] == [1, 2]
    assert [(q.text, q.speaker, q.partial) for q in parsed.quotes] == [
        ("change everything", "Alice Wanjiru", True),
        ("We have waited for this since 1998", "Peter Omondi", False),
    ]
    # header Date is the reference for "on Tuesday"
    assert ("on Tuesday", "2021-06-08") in [(d.text, d.value) for d in parsed.dates]
    assert_offsets(parsed)


def test_outlet_priority():
    text = "Dam opens\n\nLAGOS (Reuters) - The dam opened.\n"
    assert parse_source(text, source_id="a", path="a").outlet == "Reuters"
    chosen = parse_source(text, source_id="a", path="a", outlet="Lagos Times")
    assert chosen.outlet == "Lagos Times" and chosen.credits == ("Reuters",)
    header = parse_source("Outlet: Daily Planet\n\n" + text, source_id="a", path="a", outlet="Lagos Times")
    assert header.outlet == "Daily Planet"
    same = parse_source(text, source_id="a", path="a", outlet="reuters")
    assert same.credits == ()


def test_unknown_outlet_stays_unknown():
    assert parse_source("Dam opens\n\nThe dam opened.\n", source_id="a", path="a").outlet is None


def test_reference_date_argument_when_header_has_none():
    text = "Dam opens\n\nThe dam opened on Monday.\n"
    parsed = parse_source(text, source_id="a", path="a", reference_date="2024-05-01")
    assert [(d.text, d.value) for d in parsed.dates] == [("on Monday", "2024-04-29")]
    assert parse_source(text, source_id="a", path="a").dates == ()


def test_parse_source_is_deterministic():
    assert parse_source(STORY, source_id="a", path="a") == parse_source(STORY, source_id="a", path="a")


# -- read_source and its errors ----------------------------------------------


def test_read_source_keeps_crlf(tmp_path):
    path = tmp_path / "Daily Planet.txt"
    path.write_bytes(b"Dam opens\r\n\r\nThe dam opened.\r\nIt rained.\r\n")
    parsed = read_source(path)
    assert parsed.id == "daily-planet"
    assert "\r\n" in parsed.raw
    assert [p.text for p in parsed.paragraphs] == ["The dam opened.", "It rained."]
    assert_offsets(parsed)


def test_read_source_missing_file(tmp_path):
    with pytest.raises(SourceError) as caught:
        read_source(tmp_path / "missing.txt")
    assert "missing.txt" in str(caught.value) and "cannot read" in str(caught.value)


def test_read_source_non_utf8_names_the_line(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes(b"Dam opens\n\nThe caf\xe9 opened.\n")
    with pytest.raises(SourceError) as caught:
        read_source(path)
    assert caught.value.line == 3
    assert "UTF-8" in str(caught.value)
    assert str(caught.value).startswith(f"{path}:3: ")


@pytest.mark.parametrize("content", [b"", b"  \n\n\t \r\n"])
def test_read_source_empty(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    with pytest.raises(SourceError, match="empty"):
        read_source(path)


def test_header_without_text(tmp_path):
    path = tmp_path / "h.txt"
    path.write_bytes(b"Outlet: Daily Planet\nDate: 2021-06-10\n\n\n")
    with pytest.raises(SourceError, match="no article text"):
        read_source(path)


def test_bad_header_line(tmp_path):
    path = tmp_path / "h.txt"
    path.write_bytes(b"Outlet: Daily Planet\nFoo bar\n\nText.\n")
    with pytest.raises(SourceError) as caught:
        read_source(path)
    assert caught.value.line == 2
    assert 'header line "Foo bar" is not "Key: value"' in str(caught.value)


def test_long_odd_input_parses_with_valid_offsets():
    # Its speed is a figure in bench/parse_speed.py (adversarial inputs), not
    # a timed assert here: a time limit fails on a loaded machine, not on slow code.
    odd = ('"' * 5000 + " A" * 5000 + " Minister" * 3000 + " 1999" * 3000 + "(" * 2000 + "\n") * 3
    parsed = parse_source("Title\n\n" + odd, source_id="a", path="a")
    assert_offsets(parsed)
    assert len(parsed.paragraphs) == 3
    # Runs of marks around no words quote nobody; runs of "A" and "Minister" name nobody.
    assert not parsed.quotes and not parsed.entities


# -- the seeds ---------------------------------------------------------------


def test_seeds_offsets_and_basics():
    first, second = (read_source(p, reference_date="2023-02-22") for p in seed_paths())
    for parsed in (first, second):
        assert_offsets(parsed)
    assert second.dateline == "TOKYO" and second.outlet == "Reuters"
    assert second.title == "China, Japan square off at first security talks in four years"
    assert [b.kind for b in second.blocks] == ["title", "title", "title"]
    assert first.outlet is None and first.credits == ("Reuters",)
    caption = [b for b in first.blocks if b.kind == "caption"]
    assert caption and caption[0].credit == "Reuters"
    assert not first.paragraphs[0].text.startswith("Japanese Deputy Foreign Minister")


def test_seed_outlet_from_command_line():
    first = read_source(seed_paths()[0], outlet="Al Mayadeen English")
    assert first.outlet == "Al Mayadeen English"
