"""entities.py: people with roles from the text, organisations, places,
disputed names, aliases and mentions."""

from __future__ import annotations


import pytest

from briefing.model import ORGANISATION, PERSON, PLACE
from briefing.parse import parse_source

from seeds import seed_path


def parse(text: str):
    return parse_source("Dam story\n\n" + text, source_id="s", path="s.txt")


def entity(parsed, name, kind=None):
    found = [e for e in parsed.entities if e.name == name and (kind is None or e.kind == kind)]
    assert len(found) == 1, [(e.kind, e.name) for e in parsed.entities]
    return found[0]


def names(parsed, kind):
    return [e.name for e in parsed.entities if e.kind == kind]


def assert_mentions(parsed):
    for e in parsed.entities:
        assert e.mentions
        for m in e.mentions:
            written = parsed.raw[m.start : m.end]
            assert written.casefold() in {e.name.casefold(), *(a.casefold() for a in e.aliases)} or \
                e.kind == PLACE, (e.name, written)


# -- people ------------------------------------------------------------------


def test_role_words_before_a_name():
    parsed = parse("Kenyan Deputy Minister of Water Affairs Ada Obi opened the dam.\n")
    ada = entity(parsed, "Ada Obi", PERSON)
    assert ada.role == "Kenyan Deputy Minister of Water Affairs"


def test_possessive_country_opens_a_role():
    parsed = parse("Kenya's Deputy Energy Minister Ada Obi opened the dam.\n")
    assert entity(parsed, "Ada Obi").role == "Kenya's Deputy Energy Minister"


def test_lower_case_role_before_a_full_name():
    parsed = parse("Kenya's energy minister Ada Obi opened the dam.\n")
    assert entity(parsed, "Ada Obi").role == "Kenya's energy minister"


def test_appositive_role():
    parsed = parse("Tom Baker, Kenya's deputy water minister, was not there.\n")
    assert entity(parsed, "Tom Baker").role == "Kenya's deputy water minister"


def test_appositive_that_is_not_a_role_gives_no_person():
    parsed = parse("Tom Baker, second from left, and Ada Obi, in a red coat, stood there.\n")
    assert names(parsed, PERSON) == []


def test_honorific_marks_a_person_without_role():
    parsed = parse("Mr. Baker left early.\n")
    baker = entity(parsed, "Baker", PERSON)
    assert baker.role is None


def test_surname_and_full_name_are_one_person_with_mentions():
    raw_text = "Water Minister Ada Obi spoke. Later Obi left. Ada Obi came back. Obi's car waited.\n"
    parsed = parse(raw_text)
    ada = entity(parsed, "Ada Obi", PERSON)
    assert ada.aliases == ("Obi",)
    assert [parsed.raw[m.start : m.end] for m in ada.mentions] == ["Ada Obi", "Obi", "Ada Obi", "Obi"]


def test_first_role_seen_is_kept():
    parsed = parse("Energy Minister Ada Obi spoke.\nFormer Prime Minister Ada Obi left.\n")
    assert entity(parsed, "Ada Obi").role == "Energy Minister"


def test_capitalised_words_without_title_are_not_people():
    parsed = parse("Cold War rhetoric returned. World War II ended. Pacific Rim trade grew.\n")
    assert names(parsed, PERSON) == []


def test_country_is_not_a_person_name():
    parsed = parse("Prime Minister Jordan met President Kenya.\n")
    assert names(parsed, PERSON) == []


# -- organisations -----------------------------------------------------------


def test_capitalised_organisation_names():
    parsed = parse("The People's Liberation Army drilled. Kenya's Foreign Ministry protested.\n")
    assert names(parsed, ORGANISATION) == ["People's Liberation Army", "Kenya's Foreign Ministry"]


def test_lower_case_organisation_after_possessive_country():
    parsed = parse("Kenya's foreign ministry said so, as did the Kenyan government.\n")
    assert names(parsed, ORGANISATION) == ["Kenya's foreign ministry", "Kenyan government"]


# -- places ------------------------------------------------------------------


def test_dateline_place_and_known_places():
    parsed = parse_source("Dam story\n\nNAIROBI (AP) - Kenya and the United States met. The U.S. agreed.\n",
                          source_id="s", path="s.txt")
    nairobi = entity(parsed, "Nairobi", PLACE)
    assert parsed.raw[nairobi.mentions[0].start : nairobi.mentions[0].end] == "NAIROBI"
    us = entity(parsed, "United States", PLACE)
    assert us.aliases == ("U.S.",)
    assert "Kenya" in names(parsed, PLACE)


def test_geographic_names():
    parsed = parse("Ships crossed the Mozambique Channel into the Indian Ocean.\n")
    assert names(parsed, PLACE) == ["Mozambique Channel", "Indian Ocean"]


@pytest.mark.parametrize(
    "sentence",
    [
        "The islets, known as the Hanish in Yemen and the Zukur in Eritrea, are small.",
        "The islets, called Hanish by Yemen and Zukur by Eritrea, are small.",
        "The islets, known in Yemen as Hanish and in Eritrea as Zukur, are small.",
    ],
)
def test_disputed_names(sentence):
    parsed = parse(sentence + "\nThe Zukur Islands lie offshore.\n")
    place = entity(parsed, "Hanish/Zukur", PLACE)
    assert place.names_by_user == (("Hanish", "Yemen"), ("Zukur", "Eritrea"))
    assert {"Hanish", "Zukur", "Zukur Islands"} <= set(place.aliases)
    assert len(place.mentions) == 3


def test_mentions_point_into_raw():
    parsed = parse("Water Minister Ada Obi visited Kenya's Water Ministry in Nairobi. Obi left.\n")
    assert_mentions(parsed)


# -- the seeds ---------------------------------------------------------------


def parse_seed(name_start: str):
    path = seed_path(name_start)
    return parse_source(path.read_bytes().decode("utf-8"), source_id="seed", path=str(path))


@pytest.mark.parametrize("name", ["000", "002"])
def test_seed_people(name):
    parsed = parse_seed(name)
    assert names(parsed, PERSON) == ["Shigeo Yamada", "Sun Weidong"] if name == "000" else \
        names(parsed, PERSON) == ["Sun Weidong", "Shigeo Yamada"]
    assert entity(parsed, "Sun Weidong").role == "Chinese Vice Foreign Minister"
    assert entity(parsed, "Shigeo Yamada").role == "Japanese Deputy Minister of Foreign Affairs"
    assert "Sun" in entity(parsed, "Sun Weidong").aliases
    assert_mentions(parsed)


@pytest.mark.parametrize("name", ["000", "002"])
def test_seed_disputed_islands(name):
    parsed = parse_seed(name)
    islands = entity(parsed, "Senkaku/Diaoyu", PLACE)
    assert islands.names_by_user == (("Senkaku", "Japan"), ("Diaoyu", "China"))


def test_seed_organisation_and_dateline_place():
    parsed = parse_seed("002")
    assert "Japan's foreign ministry" in names(parsed, ORGANISATION)
    tokyo = entity(parsed, "Tokyo", PLACE)
    assert parsed.raw[tokyo.mentions[0].start : tokyo.mentions[0].end] == "TOKYO"


def test_a_birth_name_and_a_married_name_are_one_person():
    parsed = parse_source(
        "Obituary\n\nMarguerite Osei-Lindqvist, who has died aged 80, was a cellist.\n\n"
        "Marguerite Abena Osei was born in Kumasi in 1944. \"I wanted to play,\" she said.\n",
        source_id="s", path="s.txt",
    )
    people = [e for e in parsed.entities if e.kind == "person"]
    assert [p.name for p in people] == ["Marguerite Osei-Lindqvist"]
    assert parsed.quotes[0].speaker == "Marguerite Osei-Lindqvist"
