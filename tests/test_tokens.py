"""tokens.py: words, titles and name runs."""

from __future__ import annotations

from briefing.tokens import (
    is_capital_title,
    is_person_noun,
    is_title,
    name_openers,
    name_run,
    next_opener,
    place_first_words,
    place_forms,
    tokenize,
)


def test_titles_from_the_list_and_profession_endings():
    assert is_title("minister") and is_title("Glaciologist") and is_title("physician")
    assert is_capital_title("Coach") and not is_capital_title("coach")
    assert not is_title("Lindqvist") and not is_title("river")


def test_person_nouns_are_titles_and_words_for_unnamed_people():
    assert is_person_noun("minister") and is_person_noun("Hydrologist")
    assert is_person_noun("widow") and is_person_noun("Neighbour")
    assert not is_person_noun("Vantorp") and not is_person_noun("bridge")


def run(text: str, k: int, backwards: bool = False):
    tokens = tokenize(text, 0, len(text))
    return [t.word for t in name_run(text, tokens, k, backwards)]


def test_name_runs_take_particles_and_stop_at_possessives():
    assert run("met Pieter van Doorn today", 1) == ["Pieter", "van", "Doorn"]
    assert run("met Pieter van Doorn today", 3, backwards=True) == ["Pieter", "van", "Doorn"]
    assert run("Ada Obi's plan", 0) == ["Ada", "Obi"]  # the word, without its 's
    assert run("the van Doorn", 1) == []


def test_combining_accents_stay_in_their_word():
    from briefing.tokens import tokenize

    text = "Ọ̀ṣúntókun said so"  # O + dot below + combining grave
    assert [t.word for t in tokenize(text, 0, len(text))] == ["Ọ̀ṣúntókun", "said", "so"]


def test_initials_keep_their_stop_and_are_no_full_words():
    assert run("the shelf of V. S. Ramalingam is full", 3) == ["V.", "S.", "Ramalingam"]
    assert run("said T. N. K. Selvan Murugesan today", 1) == ["T.", "N.", "K.", "Selvan", "Murugesan"]
    assert run("she met R. Pavithra", 3, backwards=True) == ["R.", "Pavithra"]


def test_kept_tokens_come_as_a_fresh_list_each_time():
    # tokens of a span are kept between calls; a caller changing its list
    # must not change what the next caller gets
    raw = "Ada Obi said."
    first = tokenize(raw, 0, len(raw))
    first.pop()
    first.append(first[0])
    assert [t.word for t in tokenize(raw, 0, len(raw))] == ["Ada", "Obi", "said"]


def test_place_first_words_open_every_known_form():
    # find_known_places only tries the positions whose word opens a form
    assert "New" in place_first_words()
    assert "York" not in place_first_words()
    assert all(form[0] in place_first_words() for form in place_forms())


def test_lower_case_words_open_names_only_as_joined_particles_or_listed_surnames():
    # a word without a capital opens no name, but for these two kinds
    assert run("said al-Sayed Hamdan today", 1) == ["al-Sayed", "Hamdan"]
    assert run("said He Zhiyong today", 1) == ["He", "Zhiyong"]
    assert run("said the Minister today", 1) == []
    assert run("said he left today", 1) == []


def test_tokens_know_whether_they_are_capitalised():
    assert [t.capitalised for t in tokenize("Ó Briain said Éire's", 0, 20)] == [True, True, False, True]


def test_name_openers_hold_every_word_a_name_may_open_on():
    # scans for names jump between these indexes: a word left out would lose a name
    text = ("officials said al-Sayed met said He Zhiyong and J.R. Okafor, then K Selvaraj "
            "Pandian and the minister Ana Ruiz left")
    tokens = tokenize(text, 0, len(text))
    openers = name_openers(tokens)
    opening = [k for k in range(len(tokens)) if name_run(text, tokens, k, False)]
    assert set(opening) <= set(openers)
    assert {tokens[k].word for k in opening} >= {"al-Sayed", "He", "J.R.", "K", "Ana"}
    assert [tokens[k].word for k in openers if not tokens[k].capitalised] == ["al-Sayed"]
    assert "officials" not in {tokens[k].word for k in openers}


def test_next_opener_is_the_first_at_or_after_an_index():
    assert next_opener([2, 5, 9], 0, 12) == 2
    assert next_opener([2, 5, 9], 5, 12) == 5
    assert next_opener([2, 5, 9], 6, 12) == 9
    assert next_opener([2, 5, 9], 10, 12) == 12
