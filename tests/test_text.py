"""text.py: header, layout of scraped text (title, separators, captions,
credits, dateline, paragraphs) and sentences with exact offsets."""

from __future__ import annotations


import pytest

from briefing.model import SourceError, SourceHeader
from briefing.text import caption_credit, parse_header, split_layout, split_sentences, word_list

from seeds import seed_text


def layout_of(raw: str):
    header = parse_header(raw, "x.txt")
    return header, split_layout(raw, header)


# -- word lists --------------------------------------------------------------


def test_word_lists_skip_comments_and_blank_lines():
    months = word_list("months.txt")
    assert months[0].startswith("January") and len(months) == 12
    assert not any(entry.startswith("#") for entry in word_list("reporting_verbs.txt"))


# -- header ------------------------------------------------------------------


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


# -- captions and credits ----------------------------------------------------


@pytest.mark.parametrize(
    "text, credit",
    [
        ("Minister Jane Roe speaks during a visit to the dam in Lagos (Reuters)", "Reuters"),
        ("A farmer walks on the dry riverbed near the town. (AP Photo/Jane Doe)", "AP Photo/Jane Doe"),
        ("A farmer walks on the dry riverbed, June 2, 2021. REUTERS/Jane Doe", "REUTERS/Jane Doe"),
        ("He said the plan would go ahead. (Reuters)", None),  # a finished sentence
        ("The country joined the North Atlantic Treaty Organization (NATO)", None),
        ("Prices rose again (see chart)", None),
        ("The plan was approved by the council (2019).", None),
    ],
)
def test_caption_credit(text, credit):
    assert caption_credit(text) == credit


def test_caption_is_a_block_not_a_paragraph():
    raw = "Dam opens\nOfficials at the dam gate in Lagos (AP Photo/Jane Doe)\nThe dam opened.\n"
    _, layout = layout_of(raw)
    caption = [b for b in layout.blocks if b.kind == "caption"]
    assert caption and caption[0].credit == "AP Photo/Jane Doe"
    assert [p.text for p in layout.paragraphs] == ["The dam opened."]
    assert [c for _, c in layout.credits] == ["AP Photo/Jane Doe"]


def test_reporting_credit_line_goes_to_credits():
    raw = "Dam opens\n\nThe dam opened.\n\n(Reporting by Ann Lee; Editing by Bo Park)\n"
    _, layout = layout_of(raw)
    assert [p.text for p in layout.paragraphs] == ["The dam opened."]
    assert [c for _, c in layout.credits] == ["Reporting by Ann Lee", "Editing by Bo Park"]
    assert layout.blocks[-1].kind == "credit"


def test_reporting_credit_at_end_of_last_paragraph_is_cut_off():
    raw = "Dam opens\n\nThe dam opened. (Reporting by Ann Lee)\n"
    _, layout = layout_of(raw)
    assert layout.paragraphs[-1].text == "The dam opened."
    assert [c for _, c in layout.credits] == ["Reporting by Ann Lee"]


# -- dateline ----------------------------------------------------------------


@pytest.mark.parametrize(
    "first, place, credit, body",
    [
        ("LAGOS (Reuters) - The dam opened.", "LAGOS", "Reuters", "The dam opened."),
        ("WASHINGTON, March 3 (AP) — The dam opened.", "WASHINGTON", "AP", "The dam opened."),
        ("NEW YORK (AP) – The dam opened.", "NEW YORK", "AP", "The dam opened."),
        ("NAIROBI — The dam opened.", "NAIROBI", None, "The dam opened."),
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


# -- sentences ---------------------------------------------------------------


def test_sentences_keep_offsets_and_paragraph_numbers():
    raw = "Dam opens\n\nMr. Roe came. He left.\n\n\"It works,\" she said. Then rain.\n"
    _, layout = layout_of(raw)
    sentences = split_sentences(raw, layout.paragraphs, layout.dateline)
    assert [s.text for s in sentences] == ["Mr. Roe came.", "He left.", '"It works," she said.', "Then rain."]
    assert [s.paragraph for s in sentences] == [1, 1, 2, 2]
    assert [s.index for s in sentences] == [0, 1, 2, 3]
    for s in sentences:
        assert raw[s.start : s.end] == s.text


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


# -- page furniture ------------------------------------------------------------


def test_top_furniture_is_not_story():
    raw = (
        "GRANTHAM GAZETTE\n\nBakery fire closes high street\n\nThe blaze started in an oven, owners say\n\n"
        "By Ann Pole, Local Reporter\n\nMonday 3 March 2025\n\n"
        "A fire closed Grantham high street on Monday.\n\nNobody was hurt.\n"
    )
    _, layout = layout_of(raw)
    kinds = [(b.kind, b.text[:12]) for b in layout.blocks]
    assert kinds == [
        ("label", "GRANTHAM GAZ"),
        ("title", "Bakery fire "),
        ("standfirst", "The blaze st"),
        ("byline", "By Ann Pole,"),
        ("standfirst", "Monday 3 Mar"),
    ]
    assert layout.title == "Bakery fire closes high street"
    assert [p.number for p in layout.paragraphs] == [1, 2]
    assert layout.paragraphs[0].text.startswith("A fire closed")


def test_live_blog_and_link_furniture_are_boilerplate():
    raw = (
        "Flood live: river bursts banks\n\nLive · Last updated 09:10\n\n"
        "Welcome to our live coverage of the floods.\n\n09:10\n\n"
        "The river burst its banks at dawn, police said.\n\n"
        "Related: Town braces for more rain\n\nSign up to our morning newsletter\n\n"
        "The interview has been edited for length and clarity.\n\n"
        "Reporter Tim Cole contributed to this report.\n"
    )
    _, layout = layout_of(raw)
    assert [p.text[:9] for p in layout.paragraphs] == ["The river"]
    assert [b.kind for b in layout.blocks][1:] == ["boilerplate"] * 7


def test_notes_to_editors_end_the_story():
    raw = "The agency fined Brix Ltd £2m.\n\nEnds\n\nNotes to editors\n\n1. Brix Ltd is registered in Leeds.\n"
    _, layout = layout_of(raw)
    assert [p.text for p in layout.paragraphs] == ["The agency fined Brix Ltd £2m."]
    assert [b.kind for b in layout.blocks] == ["boilerplate"] * 3


def test_headings_inside_the_story_are_not_paragraphs():
    raw = "The storm hit at noon.\n\nKey events\n\nPort closes until Friday\n\nThe port closed.\n"
    _, layout = layout_of(raw)
    assert [p.text for p in layout.paragraphs] == ["The storm hit at noon.", "The port closed."]
    assert [b.kind for b in layout.blocks] == ["boilerplate", "heading"]


@pytest.mark.parametrize(
    "text, credit",
    [
        ("Boats wait at the quay in Hull on Monday. (Reuters)", "Reuters"),
        ("The quay in Hull after the storm. Photograph: Jo Hale/AFP", "Jo Hale/AFP"),
        ("Crowds on the pier at dawn (Photo: Jo Hale)", "Jo Hale"),
        ("Pictured: the new bridge over the Aske", "Pictured"),
        ("He said the plan would go ahead. (Reuters)", None),
    ],
)
def test_more_caption_forms(text, credit):
    assert caption_credit(text) == credit


def test_a_text_of_furniture_alone_stays_readable():
    _, layout = layout_of("Bakery fire closes high street\n\nBy Ann Pole\n")
    assert [p.text for p in layout.paragraphs] == ["By Ann Pole"]


def test_a_title_case_place_before_a_wire_agency_is_a_dateline():
    raw = "Hanoi (AFP) - The metro opened on Monday.\n"
    header, layout = layout_of(raw)
    assert layout.dateline is not None and layout.dateline.credit == "AFP"
    sentences = split_sentences(raw, layout.paragraphs, layout.dateline)
    assert sentences[0].text == "The metro opened on Monday."
    _, plain = layout_of("Hanoi (Vietnam) - a city of eight million.\n")
    assert plain.dateline is None
