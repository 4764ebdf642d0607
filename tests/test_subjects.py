"""subjects.py: who a sentence is about, for the pronoun of a later cue (made-up text)."""

from __future__ import annotations

from briefing.subjects import unnamed_opening
from briefing.table import EntityTable
from briefing.tokens import tokenize
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


def test_a_subject_whose_name_is_withheld_is_nobody_not_the_last_named():
    parsed = parse(
        "Store manager Ada Varga said the shop would reopen on Friday.\n"
        "The cashier, who asked not to be named, said she was still shaking.\n"
        '"He pointed it at me," she said.\n'
    )
    assert [q.speaker for q in parsed.quotes] == [None]


def test_an_opener_whose_relative_clause_withholds_the_name_is_nobody():
    parsed = parse(
        "Council member Paul Hartig said the plan was sound.\n"
        "Another speaker, who identified himself only as a retired welder, said he was tired of fees.\n"
        '"Every year it is a new line," he said.\n'
    )
    assert [q.speaker for q in parsed.quotes] == [None]



def test_a_relative_clause_that_withholds_no_name_is_no_unnamed_opening():
    raw = "\nThe coach, who was named in March, said the team was ready."
    tokens = tokenize(raw, 0, len(raw))
    assert unnamed_opening(raw, EntityTable(), tokens) is None
    raw = "\nThe coach, who asked not to be named, said the team was ready."
    assert unnamed_opening(raw, EntityTable(), tokenize(raw, 0, len(raw))) == (None,)


def test_a_name_right_after_an_unnamed_noun_names_that_person():
    parsed = parse(
        "Council member Paul Hartig said the plan was sound.\n"
        "His daughter Marit Hartig-Lund said he had played on his last evening.\n"
        '"He was tired," she said.\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Marit Hartig-Lund"]


def test_a_name_apposed_after_an_age_names_the_unnamed_opener():
    parsed = parse(
        "Ada Varga, 60, stayed in her house.\n"
        "Her neighbour, 71-year-old Tomas Ek, said he refused to leave.\n"
        '"I told them I would stay," he said, laughing.\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Tomas Ek"]


def test_a_name_apposed_to_the_noun_phrase_opening_its_sentence_is_its_subject():
    parsed = parse(
        'Opposition leader Bram Teversham said the count was "rigged from the start".\n\n'
        "The head of the vote commission, Lieve Ostrander, rejected the claims. "
        '"Every table was counted in public," she told reporters.\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Bram Teversham", "Lieve Ostrander"]
