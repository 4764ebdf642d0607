"""dates.py: exact and relative dates, resolved against a reference date."""

from __future__ import annotations


import pytest

from briefing.dates import find_dates
from briefing.model import Sentence

from briefing.parse import parse_source
from seeds import seed_path


def dates(text: str, reference: str | None = "2023-02-22"):
    found = find_dates(text, (Sentence(0, 1, 0, len(text), text),), reference)
    for d in found:
        assert text[d.start : d.end] == d.text
    return [(d.text, d.value, d.approximate) for d in found]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("It was signed on February 22, 2023.", [("February 22, 2023", "2023-02-22", False)]),
        ("It was signed on 22 February 2023.", [("22 February 2023", "2023-02-22", False)]),
        ("Signed Wednesday, February 22, 2023, in Rome.", [("Wednesday, February 22, 2023", "2023-02-22", False)]),
        ("Prices fell in December 2022.", [("December 2022", "2022-12", False)]),
        ("The treaty dates from 1895.", [("1895", "1895", False)]),
        ("Maps from 1783 and 1785 exist.", [("1783", "1783", False), ("1785", "1785", False)]),
        ("It has flown since 2019.", [("2019", "2019", False)]),
        ("Minerals found in the 1970s changed that.", [("1970s", "1970s", False)]),
    ],
)
def test_exact_dates(text, expected):
    assert dates(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Japan announced in December that it would spend more.", [("in December", "2022-12", True)]),
        ("It said in February that it agreed.", [("in February", "2023-02", True)]),
        ("The talks began on Wednesday.", [("on Wednesday", "2023-02-22", True)]),
        ("The talks began on Monday.", [("on Monday", "2023-02-20", True)]),
        ("They met last Wednesday.", [("last Wednesday", "2023-02-15", True)]),
        ("Japan said last week it would act.", [("last week", "2023-02", True)]),
        ("Spending rose 7.1% last year.", [("last year", "2022", True)]),
        ("The vote was held on March 3.", [("March 3", "2022-03-03", True)]),
        ("The vote was held on Feb 20.", [("Feb 20", "2023-02-20", True)]),
        ("Yesterday it rained.", [("Yesterday", "2023-02-21", True)]),
    ],
)
def test_relative_dates_resolve_on_or_before_the_reference(text, expected):
    assert dates(text) == expected


def test_relative_dates_are_skipped_without_reference():
    assert dates("Japan said last week, on Wednesday, in December, as it has since 1895.", None) == [
        ("1895", "1895", False)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Spending of $3200 million was agreed.",
        "Defence spending is 2% of GDP, or $320 billion.",
        "It increased spending by 7.1% last month.",
        "Some 1500 troops and 2000 tanks moved.",
        "The score was 1,999 to 2,001.",
        "Growth was 2023.5 points.",
        "Hot springs draw visitors.",
        "The winter of discontent.",
        "May we begin? March on.",
    ],
)
def test_numbers_and_words_that_are_not_dates(text):
    assert [d for d in dates(text) if d[0] != "last month"] == []


def test_date_mention_has_sentence_index():
    text = "First. Then in 2012 it grew."
    sentences = (Sentence(0, 1, 0, 6, "First."), Sentence(1, 1, 7, len(text), text[7:]))
    (found,) = find_dates(text, sentences, None)
    assert found.sentence == 1 and found.value == "2012"


def test_seed_dates():
    path = seed_path("000")
    parsed = parse_source(path.read_bytes().decode("utf-8"), source_id="s", path=str(path),
                          reference_date="2023-02-22")
    values = [(d.text, d.value) for d in parsed.dates]
    assert ("in December", "2022-12") in values
    assert ("1895", "1895") in values and ("1970s", "1970s") in values and ("2012", "2012") in values
    assert not any(d.value.startswith("320") for d in parsed.dates)


def qualified(text: str, reference: str | None = "2023-02-22"):
    found = find_dates(text, (Sentence(0, 1, 0, len(text), text),), reference)
    return [(d.text, d.value, d.approximate, d.qualifier) for d in found]


@pytest.mark.parametrize(
    "text, expected",
    [
        ('They will set up a hotline "around spring".', [("around spring", "2023", True, "spring")]),
        ("Prices rose last summer.", [("last summer", "2022", True, "summer")]),
        ("Work starts next winter.", [("next winter", "2024", True, "winter")]),
        ("It opened in spring 2021.", [("spring 2021", "2021", False, "spring")]),
        ("It opened in the autumn of 2021.", [("autumn of 2021", "2021", False, "autumn")]),
    ],
)
def test_seasons_resolve_to_their_year_with_the_season_kept(text, expected):
    assert qualified(text) == expected


def test_a_season_without_a_reference_date_is_skipped():
    assert qualified("They meet around spring.", None) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Balloons were seen three times since 2019.", [("2019", "2019", False, "since")]),
        ("Since the 1970s the field has grown.", [("1970s", "1970s", False, "since")]),
        ("Since March, prices rose.", [("Since March", "2022-03", True, "since")]),
        ("It was founded in 2019.", [("2019", "2019", False, None)]),
    ],
)
def test_since_marks_the_start_of_a_period(text, expected):
    assert qualified(text) == expected
