"""sentences.py: sentences of the story paragraphs with exact offsets."""

from __future__ import annotations

from briefing.sentences import split_sentences
from parsing import layout_of, parse


def test_sentences_keep_offsets_and_paragraph_numbers():
    raw = "Dam opens\n\nMr. Roe came. He left.\n\n\"It works,\" she said. Then rain.\n"
    _, layout = layout_of(raw)
    sentences = split_sentences(raw, layout.paragraphs, layout.dateline)
    assert [s.text for s in sentences] == ["Mr. Roe came.", "He left.", '"It works," she said.', "Then rain."]
    assert [s.paragraph for s in sentences] == [1, 1, 2, 2]
    assert [s.index for s in sentences] == [0, 1, 2, 3]
    for s in sentences:
        assert raw[s.start : s.end] == s.text


def test_an_abbreviated_first_name_ends_no_sentence():
    raw = 'Flood\n\n"We lost the cows," said Md. Karim Uddin, a farmer. Wm. Hale agreed.\nHe moved to Bethesda, Md. The house was sold.\n'
    _, layout = layout_of(raw)
    texts = [s.text for s in split_sentences(raw, layout.paragraphs, layout.dateline)]
    assert texts[0] == '"We lost the cows," said Md. Karim Uddin, a farmer.'
    assert "Bethesda, Md." in texts[-2]  # a state after a comma still ends one


def test_an_honorific_with_a_stop_ends_no_sentence():
    raw = "Vote\n\nRep. Noor Vasquel (D-Ore.) agreed. The bill was led by Gov. Ansel Tripp. He spoke.\n"
    _, layout = layout_of(raw)
    texts = [s.text for s in split_sentences(raw, layout.paragraphs, layout.dateline)]
    assert texts == ["Rep. Noor Vasquel (D-Ore.) agreed.", "The bill was led by Gov. Ansel Tripp.", "He spoke."]


def test_a_capital_letter_with_a_stop_is_an_initial_only_before_a_name():
    raw = (
        "Tonic\n\nNurses gave out vitamin D. Researchers said the dose was low. The board chose Plan B. "
        "The mayor approved. Her side is in Group C. It plays on Friday. The tonic was made by T. Velumani "
        "and sold by P. R. Anbalagan, U.S. Attorney Ilse Marrow said.\n"
    )
    _, layout = layout_of(raw)
    texts = [s.text for s in split_sentences(raw, layout.paragraphs, layout.dateline)]
    assert texts == [
        "Nurses gave out vitamin D.",
        "Researchers said the dose was low.",
        "The board chose Plan B.",
        "The mayor approved.",
        "Her side is in Group C.",
        "It plays on Friday.",
        "The tonic was made by T. Velumani and sold by P. R. Anbalagan, U.S. Attorney Ilse Marrow said.",
    ]


def test_no_person_is_made_of_a_letter_before_a_group():
    parsed = parse('Nurses gave out vitamin D. Researchers said it helped. "It works," said K. Tamilselvi, a nurse.\n')
    assert [e.name for e in parsed.entities if e.kind == "person"] == ["K. Tamilselvi"]
