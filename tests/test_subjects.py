"""subjects.py: who a sentence is about, for the pronoun of a later cue (made-up text)."""

from __future__ import annotations

from parsing import parse


def test_name_after_a_fronted_phrase_is_the_subject_a_pronoun_goes_back_to():
    parsed = parse(
        "At dawn, before the ferry leaves the pier at Kessby, Ilse Margrave is already mending nets.\n"
        '"The sea gives and the sea takes," she said.\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Ilse Margrave"]


def test_name_inside_a_fronted_phrase_is_not_the_subject():
    parsed = parse(
        "In a letter to Ilse Margrave, the harbour board refused the plan.\n"
        '"We cannot pay for it," it said.\n'
    )
    assert [q.speaker for q in parsed.quotes] != ["Ilse Margrave"]


def test_fronted_phrase_after_a_dateline():
    parsed = parse(
        "KESSBY: At dawn, before the ferry leaves, Ilse Margrave is already mending nets.\n"
        '"The sea gives and the sea takes," she said.\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Ilse Margrave"]
