"""blocks.py: the layout of scraped text (title, separators, repeated
titles, paragraphs, dateline) with exact offsets."""

from __future__ import annotations

import pytest

from briefing.sentences import split_sentences
from parsing import layout_of

from seeds import seed_text


# -- paragraphs --------------------------------------------------------------


def test_blank_line_paragraphs():
    raw = "Headline here\n\nFirst paragraph.\n\nSecond paragraph.\n"
    _, layout = layout_of(raw)
    assert layout.title == "Headline here"
    assert [p.text for p in layout.paragraphs] == ["First paragraph.", "Second paragraph."]
    assert [p.number for p in layout.paragraphs] == [1, 2]


def test_one_paragraph_per_line():
    raw = "Headline here\nFirst paragraph.\nSecond paragraph.\nThird."
    _, layout = layout_of(raw)
    assert [p.text for p in layout.paragraphs] == ["First paragraph.", "Second paragraph.", "Third."]


def test_hard_wrapped_lines_join_into_one_paragraph():
    raw = "Headline\n\nThe council met on a wet morning and\nagreed to rebuild the bridge.\n\nNext one.\n"
    _, layout = layout_of(raw)
    assert layout.paragraphs[0].text == "The council met on a wet morning and\nagreed to rebuild the bridge."


def test_crlf_offsets_point_into_raw():
    raw = "Headline\r\n\r\nFirst paragraph.\r\nSecond paragraph.\r\n"
    _, layout = layout_of(raw)
    assert [p.text for p in layout.paragraphs] == ["First paragraph.", "Second paragraph."]
    for p in layout.paragraphs:
        assert raw[p.start : p.end] == p.text


def test_repeated_title_and_separator_are_blocks():
    raw = "Dam opens\n\nDam opens\n-\nDam opens\n\nThe dam opened.\n"
    _, layout = layout_of(raw)
    assert [b.kind for b in layout.blocks] == ["title", "title", "separator", "title"]
    assert [p.text for p in layout.paragraphs] == ["The dam opened."]


def test_header_title_marks_repeats_and_first_line_is_story():
    raw = "Title: Dam opens\n\nDam opens\nThe dam opened on Monday.\n"
    _, layout = layout_of(raw)
    assert layout.title == "Dam opens"
    assert layout.paragraphs[0].text == "The dam opened on Monday."
    assert layout.paragraphs[0].start > 0


def test_first_line_that_is_a_sentence_is_not_a_title():
    _, layout = layout_of("The dam opened on Monday.\nIt holds water.\n")
    assert layout.title is None
    assert len(layout.paragraphs) == 2


def test_standfirst_under_title_is_a_story_paragraph():
    _, layout = layout_of("Dam opens\nA long-awaited dam opens in the north.\nThe dam opened.")
    assert layout.paragraphs[0].text == "A long-awaited dam opens in the north."


def test_a_text_of_furniture_alone_stays_readable():
    _, layout = layout_of("Bakery fire closes high street\n\nBy Ann Pole\n")
    assert [p.text for p in layout.paragraphs] == ["By Ann Pole"]


# -- dateline ----------------------------------------------------------------


@pytest.mark.parametrize(
    "first, place, credit, body",
    [
        ("LAGOS (Reuters) - The dam opened.", "LAGOS", "Reuters", "The dam opened."),
        ("WASHINGTON, March 3 (AP) — The dam opened.", "WASHINGTON", "AP", "The dam opened."),
        ("NEW YORK (AP) – The dam opened.", "NEW YORK", "AP", "The dam opened."),
        ("NAIROBI — The dam opened.", "NAIROBI", None, "The dam opened."),
        ("BRAMWELL, Ohio — The dam opened.", "BRAMWELL", None, "The dam opened."),
        ("CORLISS, Ill. (AP) — The dam opened.", "CORLISS", "AP", "The dam opened."),
        ("EAST HADLEY, N.J. — The dam opened.", "EAST HADLEY", None, "The dam opened."),
        ("TORVIK, Norway - The dam opened.", "TORVIK", None, "The dam opened."),
    ],
)
def test_datelines(first, place, credit, body):
    raw = f"Dam opens\n\n{first}\n"
    _, layout = layout_of(raw)
    assert layout.dateline.place == place
    assert layout.dateline.credit == credit
    sentences = split_sentences(raw, layout.paragraphs, layout.dateline)
    assert sentences[0].text == body


def test_upper_case_word_with_dash_is_not_a_dateline_unless_known_place():
    _, layout = layout_of("Dam opens\n\nNATO - the alliance - met today.\n")
    assert layout.dateline is None


def test_a_title_case_place_before_a_wire_agency_is_a_dateline():
    raw = "Hanoi (AFP) - The metro opened on Monday.\n"
    header, layout = layout_of(raw)
    assert layout.dateline is not None and layout.dateline.credit == "AFP"
    sentences = split_sentences(raw, layout.paragraphs, layout.dateline)
    assert sentences[0].text == "The metro opened on Monday."
    _, plain = layout_of("Hanoi (Vietnam) - a city of eight million.\n")
    assert plain.dateline is None


# -- the seeds ---------------------------------------------------------------


def seed(name_start: str) -> str:
    return seed_text(name_start)


def test_seed_with_one_paragraph_per_line_and_caption():
    raw = seed("000")
    _, layout = layout_of(raw)
    assert layout.title.startswith("Marking their first in four years")
    kinds = [b.kind for b in layout.blocks]
    assert kinds == ["title", "separator", "caption"]
    assert layout.blocks[2].credit == "Reuters"
    assert layout.paragraphs[0].text.startswith("Beijing and Tokyo tackle")
    assert len(layout.paragraphs) == 16


def test_seed_with_repeated_title_and_dateline():
    raw = seed("002")
    _, layout = layout_of(raw)
    assert [b.kind for b in layout.blocks] == ["title"] * 3
    assert layout.dateline.place == "TOKYO" and layout.dateline.credit == "Reuters"
    assert layout.paragraphs[0].text.startswith("TOKYO (Reuters) - China said")
    sentences = split_sentences(raw, layout.paragraphs, layout.dateline)
    assert sentences[0].text.startswith("China said it was troubled")
    for s in sentences:
        assert raw[s.start : s.end] == s.text
