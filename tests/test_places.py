"""places.py: disputed names and the countries and cities of the data files."""

from __future__ import annotations

from briefing.model import PLACE
from briefing.parse import parse_source
from briefing.places import usual_place_name


def places(text: str):
    parsed = parse_source("Border story\n\n" + text, source_id="s", path="s.txt")
    return {e.name: e for e in parsed.entities if e.kind == PLACE}


def test_known_as_x_in_a_and_y_in_b_is_one_place_with_each_sides_name():
    found = places("Boats circled the reef, known as the Hanish in Yemen and the Zukur in Eritrea.\n")
    (reef,) = [p for p in found.values() if p.names_by_user]
    assert reef.name == "Hanish/Zukur"
    assert set(reef.aliases) >= {"Hanish", "Zukur"}
    assert reef.names_by_user == (("Hanish", "Yemen"), ("Zukur", "Eritrea"))


def test_known_in_a_as_x_is_the_same_pattern_turned_round():
    found = places("The strait, known in Norland as Graa Sund and in Vesterland as Storsund, froze.\n")
    (strait,) = [p for p in found.values() if p.names_by_user]
    assert dict(strait.names_by_user) == {"Graa Sund": "Norland", "Storsund": "Vesterland"}


def test_a_country_written_two_ways_is_one_place_under_its_longest_form():
    found = places("The United States sent ships. US officials said little.\n")
    assert "United States" in found and "US" not in found
    assert "US" in found["United States"].aliases


def test_a_capitalised_word_that_is_no_known_place_is_not_made_one():
    assert "Brennvik" not in places("Brennvik said the vote was close.\n")


def test_usual_name_of_a_dateline_written_in_capitals():
    assert usual_place_name("NAIROBI") == "Nairobi"
    assert usual_place_name("PORT ALDER") == "Port Alder"


def test_a_name_opened_by_a_geographic_head_is_a_place_not_a_person():
    text = ("Fishers on Pulau Keramat Besar mend nets.\nLago di Vessina froze.\n"
            "Back on Keramat, Sari Wulandari, 44, said the catch was thin.\n")
    parsed = parse_source("Border story\n\n" + text, source_id="s", path="s.txt")
    kinds = {e.name: e.kind for e in parsed.entities}
    assert kinds.get("Pulau Keramat Besar") == PLACE
    assert kinds.get("Lago di Vessina") == PLACE
    assert kinds.get("Sari Wulandari") == "person"


def test_an_organisation_or_a_title_after_a_geographic_opener():
    text = "Staff at Mount Corvin Hospital were praised by Cape Lindell Mayor Ada Obi.\n"
    parsed = parse_source("Border story\n\n" + text, source_id="s", path="s.txt")
    kinds = {e.name: e.kind for e in parsed.entities}
    assert kinds.get("Mount Corvin Hospital") != PLACE
    assert kinds.get("Cape Lindell") == PLACE
    assert kinds.get("Ada Obi") == "person"


def test_a_name_before_a_word_for_residents_or_neighbourhoods_is_a_place():
    text = (
        "Grant Hollis resident Ada Obi said the pipes were \"older than the town\".\n\n"
        '"We were never told," she said.\n\n'
        "Most of the work is in the Grant Hollis, East Vale and Upper Marsh neighbourhoods.\n"
    )
    found = places(text)
    assert {"Grant Hollis", "East Vale", "Upper Marsh"} <= set(found)
    parsed = parse_source("Border story\n\n" + text, source_id="s", path="s.txt")
    assert "Grant Hollis" not in {e.name for e in parsed.entities if e.kind == "person"}
    assert {q.speaker for q in parsed.quotes} == {"Ada Obi"}
