"""descriptions.py: the phrase a description heads."""

from __future__ import annotations

from briefing.descriptions import _the_before
from briefing.tokens import tokenize
from parsing import parse


def the_before(text: str, head: str, *, past_possessive: bool):
    tokens = tokenize(text, 0, len(text))
    j = next(n for n, t in enumerate(tokens) if t.word == head)
    return _the_before(tokens, j, past_possessive=past_possessive)


def test_the_opens_a_description_across_its_modifiers():
    assert the_before("said the retired Danish ferryman", "ferryman", past_possessive=False) == 1
    assert the_before("said the self-taught ferryman", "ferryman", past_possessive=False) == 1
    assert the_before("said a retired ferryman", "ferryman", past_possessive=False) is None


def test_a_possessive_ends_the_phrase_unless_walked_past():
    assert the_before("said the harbour's pilot", "pilot", past_possessive=False) is None
    assert the_before("said the harbour's pilot", "pilot", past_possessive=True) == 1


def test_a_definite_age_before_a_quote_is_the_last_speaker():
    parsed = parse(
        'Harbour pilot Ines Kovalde told the Tidewater Gazette: "I have not slept in a week."\n\n'
        'The 41-year-old added: "We are asking for one more pilot per shift."\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Ines Kovalde"] * 2
