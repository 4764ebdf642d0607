"""organisations.py: headed names, lower-case organisations, and
organisations that speak without a head-word."""

from __future__ import annotations

from briefing.model import ORGANISATION, PERSON
from briefing.organisations import _occurrences
from briefing.parse import parse_source


def parse(text: str):
    return parse_source("Dam story\n\n" + text, source_id="s", path="s.txt")


def organisations(parsed):
    return [e.name for e in parsed.entities if e.kind == ORGANISATION]


def test_head_word_inside_a_longer_name_is_not_its_end():
    assert "Sierra Valley Power" in organisations(parse("Sierra Valley Power cut the lines.\n"))


def test_run_with_a_non_name_word_that_speaks_is_an_organisation():
    assert "Northshore Health" in organisations(parse("Northshore Health said it was sorry.\n"))


def test_single_word_that_speaks_and_is_written_inside_sentences():
    parsed = parse("Quillo said it was hacked. Shares in Quillo fell.\n")
    assert "Quillo" in organisations(parsed)


def test_sentence_opening_word_or_surname_is_no_organisation():
    parsed = parse("Officials said the road was shut.\nAda Obi arrived. Obi said she was tired.\n")
    assert organisations(parsed) == []


def test_company_words_make_an_organisation_only_when_capitalised():
    parsed = parse("Kestrel Capital bought the port. The talks began in Norway's capital.\n")
    assert organisations(parsed) == ["Kestrel Capital"]


def test_an_institution_word_makes_one_in_lower_case_after_a_country():
    assert organisations(parse("Norway's fisheries ministry said the quota stands.\n")) == [
        "Norway's fisheries ministry"
    ]


def test_acronym_defined_in_brackets_is_an_alias_of_the_name_before_it():
    parsed = parse(
        "Control passed to the Oficina Nacional de Puertos (ONP) in May.\n"
        'The ONP said it had "tightened inspections".\n'
    )
    found = {e.name: e for e in parsed.entities if e.kind == ORGANISATION}
    assert "ONP" in found["Oficina Nacional de Puertos"].aliases
    assert [q.speaker for q in parsed.quotes] == ["Oficina Nacional de Puertos"]


def test_brackets_whose_letters_do_not_match_are_no_alias():
    parsed = parse("The Harbour Board met the Port Trust (XY) today.\n")
    assert not any("XY" in e.aliases for e in parsed.entities)


def test_of_for_on_after_a_head_word_go_on_with_the_name():
    parsed = parse(
        "The Movement for Clean Rivers, a student group, said it would march.\n"
        "The Commission on Harbour Safety met the Court on Tuesday.\n"
    )
    found = organisations(parsed)
    assert "Movement for Clean Rivers" in found and "Commission on Harbour Safety" in found
    assert not any("Tuesday" in name for name in found)


def test_a_portfolio_name_goes_on_with_a_list_of_fields():
    parsed = parse_source(
        "Dam story\n\nA spokesperson for the Department for Environment, Food and Rural Affairs said it was "
        '"a warning".\n\nThe Ministry of Health, Tom Hale and Ada Obi met.\n',
        source_id="s",
        path="s.txt",
    )
    names = [e.name for e in parsed.entities]
    assert parsed.quotes[0].speaker == "Department for Environment, Food and Rural Affairs"
    assert "Ministry of Health" in names


def test_a_word_after_in_before_a_reporting_verb_is_where_not_who():
    parsed = parse("Some critics in Varnholm have described the plan as late. "
                   "Officials there said more. Varnholm voted.\n")
    assert "Varnholm" not in organisations(parsed)


def test_the_head_word_alone_is_the_one_organisation_it_heads():
    parsed = parse("The Ministry of Fisheries and Coasts opened the port. "
                   "The Ministry said the quota stands.\n")
    found = {e.name: e for e in parsed.entities if e.kind == ORGANISATION}
    assert list(found) == ["Ministry of Fisheries and Coasts"]
    assert len(found["Ministry of Fisheries and Coasts"].mentions) == 2


def test_a_proper_name_before_a_lower_case_head_word_names_an_institution():
    parsed = parse("A spokesperson for the Varnholm city council said the plan was late. "
                   "The Oskel water board agreed.\n")
    assert {"Varnholm city council", "Oskel water board"} <= set(organisations(parsed))


def test_a_description_in_apposition_to_a_named_organisation_is_that_organisation():
    parsed = parse("Norway's cabinet, the Royal Council, called for calm.\n")
    found = {e.name: e for e in parsed.entities if e.kind == ORGANISATION}
    assert list(found) == ["Royal Council"]
    assert "Norway's cabinet" in found["Royal Council"].aliases


def test_the_lower_case_words_of_a_named_institution_are_a_later_mention():
    parsed = parse("The Oskel water board will fit sensors. The water board said it was cheaper.\n")
    found = {e.name: e for e in parsed.entities if e.kind == ORGANISATION}
    assert len(found["Oskel water board"].mentions) == 2


def test_a_possessive_country_form_is_the_named_organisation():
    parsed = parse("When Norway's central bank cut rates, it surprised traders. "
                   "The Central Bank of Norway said inflation had slowed.\n")
    found = {e.name: e for e in parsed.entities if e.kind == ORGANISATION}
    assert list(found) == ["Central Bank of Norway"]
    assert "Norway's central bank" in found["Central Bank of Norway"].aliases
    assert [q.speaker for q in parse("When Norway's central bank cut rates, traders were surprised. "
                                     'The Central Bank of Norway acted. The central bank said it was "data-led".\n').quotes] == [
        "Central Bank of Norway"]


def test_directorates_and_municipalities_are_organisations_not_people():
    parsed = parse("Work is run by the General Directorate of Bridges and the mayor of Orlen Metropolitan Municipality.\n")
    assert {"General Directorate of Bridges", "Orlen Metropolitan Municipality"} <= set(organisations(parsed))
    assert not [e for e in parsed.entities if e.kind == "person"]


def test_a_legal_form_after_a_name_makes_it_a_company_and_its_short_form_an_alias():
    parsed = parse(
        "Dutch dredger Vossberg Marine NV said on Monday it had won the contract.\n"
        "Vossberg Marine said the work would start in June. "
        'A spokesperson for Vossberg Marine said the deal was "good news".\n'
        "Talks with Ostrava Kovo S.A. and Lindqvist Trä AB went on.\n"
    )
    found = {e.name: e for e in parsed.entities if e.kind == ORGANISATION}
    assert "Vossberg Marine" in found["Vossberg Marine NV"].aliases
    assert len(found["Vossberg Marine NV"].mentions) == 3
    assert {"Ostrava Kovo S.A.", "Lindqvist Trä AB"} <= set(found)
    assert not [e for e in parsed.entities if e.kind == PERSON]


def test_an_acronym_written_as_a_word_is_the_whole_organisation():
    parsed = parse(
        "Members of the Ferry and Tram Workers Union (Ftwu) walked out.\n\n"
        'Ftwu said the offer was "an insult".\n'
    )
    assert organisations(parsed) == ["Ferry and Tram Workers Union"]
    assert parsed.quotes[0].speaker == "Ferry and Tram Workers Union"


def test_the_first_word_of_a_company_alone_is_that_company():
    parsed = parse(
        "A buyer is circling Velmark Logistics, the Antwerp-listed freight firm. "
        'Velmark, which runs six depots, said it had "received an approach". '
        "Harlow Rail Group and the Harlow Water Board are both for sale. Harlow, which owns neither, said it would not bid.\n"
    )
    orgs = {e.name: e.aliases for e in parsed.entities if e.kind == "organisation"}
    assert "Velmark" in orgs["Velmark Logistics"] and "Velmark" not in orgs
    assert all("Harlow" not in aliases for aliases in orgs.values())  # two companies open with it


def test_a_name_the_text_treats_as_a_body_is_a_company():
    parsed = parse(
        "Talvik Minerals, which runs two pits, raised its offer to the miners. "
        'Talvik Minerals said the offer was "final". Shares in Orrin Haulage fell. '
        'Orrin Haulage said it would appeal. Ada Morrow praised its plan. Ada Morrow said she was "pleased".\n'
    )
    kinds = {e.name: e.kind for e in parsed.entities}
    assert kinds["Talvik Minerals"] == ORGANISATION
    assert kinds["Orrin Haulage"] == ORGANISATION
    assert kinds["Ada Morrow"] == PERSON


def test_occurrences_of_several_names_are_whole_words_found_in_one_pass():
    raw = "Brena Quay, Brena Quays and Brena Quay Holdings; XBrena Quay. Tomas Ilve."
    assert _occurrences(raw, {"Brena Quay", "Brena Quay Holdings", "Tomas Ilve"}) == {
        "Brena Quay": [0, 28],
        "Brena Quay Holdings": [28],
        "Tomas Ilve": [62],
    }
    assert _occurrences("a" * 500, {"Brena Quay"}) == {}


def test_an_acronym_of_syllables_is_the_organisation_before_it():
    parsed = parse(
        "Power is out, the Tarlow Valley Power Cooperative (TAVAPCO) says.\n\n"
        '"Crews will go out at first light," TAVAPCO said.\n'
    )
    assert "Tarlow Valley Power Cooperative" in organisations(parsed)
    assert "TAVAPCO" not in organisations(parsed)
    assert parsed.quotes[0].speaker == "Tarlow Valley Power Cooperative"


def test_a_mosque_or_a_theatre_is_an_organisation_not_a_person():
    parsed = parse(
        "The Chief Imam of Arwen Hill Mosque, Imam Tanko Idris Bello, said the city was \"one family\".\n\n"
        "She trained at the Varnholm Conservatory before joining the Kessel Theatre.\n"
    )
    people = {e.name for e in parsed.entities if e.kind == PERSON}
    assert not {"Mosque", "Varnholm Conservatory", "Kessel Theatre"} & people
    assert {"Arwen Hill Mosque", "Kessel Theatre"} <= set(organisations(parsed))
    assert "Tanko Idris Bello" in people


def test_plural_trade_nouns_end_a_company_name():
    parsed = parse("Silver Kite Ferry Services said the crossings were cancelled. "
                   "Marula Hill Estates and Tovano Securities declined to comment.\n")
    assert {"Silver Kite Ferry Services", "Marula Hill Estates", "Tovano Securities"} <= set(organisations(parsed))
    assert not [e for e in parsed.entities if e.kind == PERSON]


def test_a_forum_is_an_organisation_even_after_a_common_noun():
    parsed = parse("The Village Cocoa Growers' Forum said in a statement that the village harvest had failed.\n")
    assert "Village Cocoa Growers' Forum" in organisations(parsed)
    assert not [e for e in parsed.entities if e.kind == PERSON]


def test_a_name_after_a_noun_only_for_bodies_is_a_body():
    parsed = parse("Analyst Iker Zubiri of the consultancy Cumbre Norte said costs rose. "
                   "The charity Lantern Street helped. Ana Ruiz, a partner at the firm Kovac & Berg, said no.\n")
    assert {"Cumbre Norte", "Lantern Street"} <= set(organisations(parsed))
    assert "Kovac" not in organisations(parsed)
    assert {"Iker Zubiri", "Ana Ruiz"} <= {e.name for e in parsed.entities if e.kind == PERSON}
