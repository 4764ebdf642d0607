"""wordlists.py: the entries of the data files."""

from __future__ import annotations

from briefing.wordlists import word_list


def test_word_lists_skip_comments_and_blank_lines():
    months = word_list("months.txt")
    assert months[0].startswith("January") and len(months) == 12
    assert not any(entry.startswith("#") for entry in word_list("reporting_verbs.txt"))


def test_prepositions_of_place_are_prepositions():
    assert set(word_list("place_prepositions.txt")) <= set(word_list("prepositions.txt"))
