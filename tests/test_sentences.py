"""sentences.py: sentences of the story paragraphs with exact offsets."""

from __future__ import annotations

import random

import pytest

from briefing import sentences
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


# --- syntok is run only where its rules have something to decide (_spans_in_chunks) ---------

# tokens syntok decides about: abbreviations, initials, numbers, months, quotes around stops,
# brackets, semicolons, ellipses, other scripts' stops, odd spaces
_TRICKY = [
    "said", "the", "Mayor", "mr", "Mr.", "U.S.", "etc.", "no", "No.", "no.", "may", "May", "Mär", "MayBe",
    "Sept", "Jan.", "jan.", "it", "I", "A.", "D.", "II.", "Xi.", "Ab.", "3.5", "3.5.", "1,200", "1,200.",
    "12", "12.", "5.", "2019.", "A4", "B12", "rain.", "went.", "Then", "The", "end", "“Yes", "“No",
    "now,”", "said.”", "overdue\".", "trust”.", "year.’", "Valport.", "Valport\".", "Haravale.",
    "McDonald.", "February.", "Dr.", "Dr", "Inc.", "Co.", "Sen.", "Col.", "vs.", "St.", "st.", "ab.",
    "x.", "e.g.", "a.m.", "iPhone", "left;", "why?", "ok!", "\"Go", "home.\"", "...", "and", "—", "-",
    "'s", "players'", "\u200bword", "\x1cA", "(see", "this)", "left.)", "ok.\")", "[1]", "‼", "。", "‽",
]
_PLAIN = ["He", "left", "the", "council", "Valport", "said", "voted", "2019", "“It", "works,”", "she"]
_SEPARATORS = [" ", " ", " ", " ", "  ", "\n", "\n\n", " \u200b", "\t", "\xa0"]


def _texts(words, seed, count):
    rng = random.Random(seed)
    for _ in range(count):
        text = "".join(rng.choice(words) + rng.choice(_SEPARATORS) for _ in range(rng.randint(1, 30)))
        yield text.rstrip() if rng.random() < 0.5 else rng.choice(_SEPARATORS) + text


@pytest.mark.parametrize("words", [_TRICKY, [w for w in _TRICKY if not set(w) & set("([{")],
                                   _PLAIN + ["went.", "overdue\".", "said.”", "2019.", "Valport.", "Mr."]],
                         ids=["tricky", "tricky-without-brackets", "plain"])
def test_sentences_found_in_chunks_are_syntoks_own(words):
    for text in _texts(words, seed=len(words), count=3000):
        assert sentences._spans_in_chunks(text) == sentences._syntok_spans(text), repr(text)


def test_a_plain_paragraph_is_split_without_syntok(monkeypatch):
    text = 'Valport voted in 2019. The council said it was "long overdue". “It works,” she said. He left.'
    expected = sentences._syntok_spans(text)
    monkeypatch.setattr(sentences, "_syntok_spans", _no_syntok)
    assert sentences._spans_in_chunks(text) == expected
    assert [text[s:e] for s, e in expected] == [
        "Valport voted in 2019.", 'The council said it was "long overdue".', "“It works,” she said.", "He left."]


def test_syntok_decides_what_its_rules_are_for(monkeypatch):
    monkeypatch.setattr(sentences, "_syntok_spans", _no_syntok)
    for text in ["Mr. Roe came. He left.", "It rose in 2019. May was dry.", "It fell (by 5. Then) rose.",
                 "He left etc. Then rain.", "He paid 3.5. Then left."]:
        with pytest.raises(AssertionError, match="syntok asked"):
            sentences._spans_in_chunks(text)


def _no_syntok(text):
    raise AssertionError(f"syntok asked about {text!r}")
