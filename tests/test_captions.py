"""captions.py: photo captions and reporting credit lines, as the layout
sorts them out of the story."""

from __future__ import annotations

import pytest

from briefing.captions import caption_credit
from parsing import layout_of


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
