"""organisations.py: headed names, lower-case organisations, and
organisations that speak without a head-word."""

from __future__ import annotations

from briefing.model import ORGANISATION
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
