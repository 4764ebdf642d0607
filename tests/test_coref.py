"""coref.py: genders from the text, pronouns and surnames resolved to the
person who fits."""

from __future__ import annotations

from briefing.coref import gender_of
from briefing.parse import parse_source


def parse(text: str):
    return parse_source("Dam story\n\n" + text, source_id="s", path="s.txt")


def speakers(parsed):
    return [q.speaker for q in parsed.quotes]


def test_gendered_words_come_from_the_data_file():
    assert gender_of("she") == gender_of("Mrs") == "female"
    assert gender_of("Mr.") == gender_of("spokesman") == "male"
    assert gender_of("minister") is None


def test_pronoun_skips_a_person_of_the_other_gender():
    parsed = parse(
        "Ms Ada Obi met Mr Tunde Bello.\n"
        'Bello spoke first. Obi listened. "We will see," he said.\n'
    )
    assert speakers(parsed) == ["Tunde Bello"]


def test_pronoun_prefers_the_subject_over_a_later_mention():
    parsed = parse(
        '"The river is low," Water Minister Ada Obi said.\n'
        'Obi met farmers who had written to Tunde Bello. "We must act," she said.\n'
    )
    assert speakers(parsed) == ["Ada Obi", "Ada Obi"]


def test_pronoun_learns_a_gender_and_keeps_it():
    parsed = parse(
        "Envoy Ada Obi and envoy Tunde Bello met.\n"
        'Obi spoke. "It went well," she said.\n'
        'Bello spoke after Obi. "It did not," he said.\n'
    )
    assert speakers(parsed) == ["Ada Obi", "Tunde Bello"]


def test_surname_shared_by_two_people_goes_to_the_nearest():
    parsed = parse(
        "Nadia Obi won. Her coach, Elena Obi, cried.\n"
        '"I am proud," Obi said.\n'
    )
    assert speakers(parsed) == ["Elena Obi"]


def test_surname_shared_with_a_relative_named_after_a_preposition_is_the_subject():
    parsed = parse(
        "Teodor Vasko, who has died aged 80, was a clockmaker in Brindle.\n"
        "He was the eldest son of Pavel Vasko, a miller, and learned the trade young.\n"
        '"Every clock tells you how it was made," Vasko said in 1990.\n'
    )
    assert speakers(parsed) == ["Teodor Vasko"]


def test_pronoun_after_a_report_about_the_last_speaker_is_the_reporter():
    parsed = parse(
        '"I fly when the others will not," said pilot Tomas Ek.\n'
        "Ivo Margrave, head of the rescue service, said Ek now trains younger pilots. "
        '"He has a sense for the weather," he said.\n'
    )
    assert speakers(parsed) == ["Tomas Ek", "Ivo Margrave"]


def test_pronoun_with_nobody_named_has_no_speaker():
    assert speakers(parse('"It is late," she said.\n')) == [None]


def test_description_from_an_appositive_names_the_entity():
    parsed = parse(
        "The Harbour Conduct Office, the regulator, said it was investigating.\n"
        '"This case is not closed," a spokeswoman for the regulator said.\n'
    )
    assert speakers(parsed) == ["Harbour Conduct Office"]


def test_honorific_surname_goes_to_the_person_of_that_honorific():
    parsed = parse(
        "The inquiry's chair, Dr Lena Varga, spoke first. \"It was avoidable,\" said Dr Varga.\n"
        "Among the passengers was Tomas Varga, 52, a teacher.\n"
        '"The floor tilted," said Mr Varga.\n'
        'Dr Varga said the final report would follow. "We will look again," she said.\n'
    )
    assert speakers(parsed) == ["Lena Varga", "Tomas Varga", "Lena Varga"]


def test_surname_with_particles_opening_a_sentence():
    parsed = parse(
        "For years, Joris van der Berk has kept the lighthouse.\n"
        'Van der Berk, 70, is not worried. "The lamp still works," he says.\n'
    )
    assert speakers(parsed) == ["Joris van der Berk"]


def test_first_of_two_surnames_alone_is_the_full_name():
    parsed = parse(
        "Ana Lucía Soto Ruiz runs a bakery in Valparaíso.\n"
        '"Bread costs more every week," Soto says.\n'
        'Soto has stopped waiting. "Nobody listens," she says.\n'
    )
    assert speakers(parsed) == ["Ana Lucía Soto Ruiz", "Ana Lucía Soto Ruiz"]


def test_a_name_described_with_which_is_an_organisation_that_it_stands_for():
    parsed = parse(
        "An inquiry by the Harbour Commission found faults.\n"
        "Northway Ferries, which runs the route, said it accepted the findings. "
        '"We are sorry," it added.\n'
    )
    assert speakers(parsed) == ["Northway Ferries"]


def test_a_place_named_by_the_dateline_is_never_a_person_speaker():
    parsed = parse(
        "VILA SERENA (AP) — Mayor Tiago Ramos raised the bus fare on Monday.\n\n"
        "He said Vila Serena still spends millions on buses.\n\n"
        '"Nobody likes a higher fare," he said.\n'
    )
    assert speakers(parsed) == ["Tiago Ramos"]
    assert not [e for e in parsed.entities if e.name == "Vila Serena" and e.kind == "person"]


def _table_with(raw: str, names: list[str]):
    from briefing.coref import learn_descriptions
    from briefing.table import EntityTable
    from briefing.tokens import tokenize

    table = EntityTable()
    for name in names:
        start = raw.index(name)
        table.add("person", name, start, start + len(name))
    learn_descriptions(raw, [tokenize(raw, 0, len(raw))], table)
    return table


def test_a_description_before_an_apposed_name_is_learned():
    table = _table_with("Then the trial judge, Justice Mirela Dostan, refused bail.", ["Mirela Dostan"])
    assert table.find("Mirela Dostan", "person").descriptions == {"judge"}


def test_a_name_that_goes_on_with_a_verb_is_no_apposition():
    table = _table_with("The ruling, Tomas Vrell said, was fair.", ["Tomas Vrell"])
    assert table.find("Tomas Vrell", "person").descriptions == set()


def test_a_scientist_of_some_field_is_later_the_specialist():
    parsed = parse(
        '"The ice front is breaking up," said Norvik Institute hydrologist Lisbet Arndahl.\n\n'
        "Arndahl explained that the team placed two cameras on the moraine.\n\n"
        '"This is no reason for panic," the specialist stressed.\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Lisbet Arndahl"] * 2


def test_full_names_kept_between_callers_follow_the_tokens_and_come_fresh():
    from briefing.coref import full_names
    from briefing.tokens import tokenize

    raw = "Ada Obi came. Ivo Marsh left."
    tokenized = [tokenize(raw, 0, 13), tokenize(raw, 14, len(raw))]
    first = full_names(raw, tokenized)
    assert first == {"Ada": [(0, "Ada Obi")], "Obi": [(0, "Ada Obi")], "Ivo": [(14, "Ivo Marsh")],
                     "Marsh": [(14, "Ivo Marsh")]}
    first["Ada"].append((99, "changed by a caller"))
    del first["Obi"]
    assert full_names(raw, tokenized)["Ada"] == [(0, "Ada Obi")] and "Obi" in full_names(raw, tokenized)
    tokenized[1].clear()  # a caller's own list changed: the answer follows it
    assert sorted(full_names(raw, tokenized)) == ["Ada", "Obi"]
