"""surnames.py: a name written in full once and then alone, and the
surname-only mentions of people who share a surname."""

from __future__ import annotations

from parsing import parse


def test_two_people_with_one_family_name_written_first_are_kept_apart():
    parsed = parse(
        "Lee Min-jae of the Harbour Party won 48 percent of the vote in Gwangsan. "
        'Lee conceded an hour later. "I accept the result," Lee said. '
        'Harbour Party spokesperson Lee Ha-eun said: "We will reflect on it."\n'
    )
    people = {e.name: e for e in parsed.entities if e.kind == "person"}
    assert set(people) >= {"Lee Min-jae", "Lee Ha-eun"}
    assert "Lee" in people["Lee Min-jae"].aliases and "Lee" not in people["Lee Ha-eun"].aliases
    said = parsed.sentences[2]
    assert people["Lee Min-jae"].mentions[-1].start > said.start  # "Lee said" is the candidate named before


def test_a_double_surname_used_alone_is_the_person_named_in_full():
    parsed = parse(
        'Front-runner Lucía Ferrer Solano said the budget was "a fantasy".\n\n'
        '"That is not true," Ferrer Solano replied.\n\n'
        '"Where is the money?" asked Ferrer Solano.\n'
    )
    people = {e.name: e for e in parsed.entities if e.kind == "person"}
    assert set(people) == {"Lucía Ferrer Solano"}
    assert len(people["Lucía Ferrer Solano"].mentions) == 3
    assert [q.speaker for q in parsed.quotes] == ["Lucía Ferrer Solano"] * 3


def test_a_surname_with_its_particles_used_alone_is_the_person_named_in_full():
    parsed = parse(
        "The ferry is run by Annelies van der Zwaan, a former pilot.\n\n"
        '"We sail at dawn," said van der Zwaan.\n\n'
        'Van der Zwaan added: "The tide decides."\n'
    )
    people = {e.name: e for e in parsed.entities if e.kind == "person"}
    assert set(people) == {"Annelies van der Zwaan"}
    assert [q.speaker for q in parsed.quotes] == ["Annelies van der Zwaan"] * 2
