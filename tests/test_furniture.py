"""furniture.py: labels, bylines, standfirsts, headings and boilerplate
around a story are blocks, not story paragraphs."""

from __future__ import annotations

from parsing import layout_of


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


def test_a_readers_quoted_message_signed_with_a_dash_is_story_not_a_heading():
    raw = (
        "The storm hit at noon.\n\nReaders wrote in.\n\n"
        "\"Power is back on in Kelderby. Huge thanks to the crews.\" — Marit\n\n"
        "'Like a jet overhead'\n\nThe port closed.\n"
    )
    _, layout = layout_of(raw)
    assert [p.text[:12] for p in layout.paragraphs] == ["The storm hi", "Readers wrot", "\"Power is ba", "The port clo"]
    assert [b.kind for b in layout.blocks] == ["heading"]
