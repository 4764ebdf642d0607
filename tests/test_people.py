"""people.py: people marked by a title, an honorific, a role in apposition
before or after the name, a reporting verb, or a surname reused alone."""

from __future__ import annotations

from briefing.model import PERSON
from briefing.parse import parse_source


def parse(text: str):
    return parse_source("Dam story\n\n" + text, source_id="s", path="s.txt")


def people(parsed):
    return {e.name: e for e in parsed.entities if e.kind == PERSON}


def test_role_before_a_comma_and_the_name():
    found = people(parse("Kenya's chief negotiator, Ada Obi, was cautious.\n"))
    assert found["Ada Obi"].role == "Kenya's chief negotiator"


def test_unknown_portfolio_word_before_a_full_name():
    found = people(parse("It was announced by Minister of Infrastructure Ada Obi today.\n"))
    assert found["Ada Obi"].role == "Minister of Infrastructure"


def test_profession_words_and_honorifics_mark_people():
    found = people(parse("Glaciologist Ingrid Solberg met Cllr Tom Baker and lawyer Ana Ruiz.\n"))
    assert {"Ingrid Solberg", "Tom Baker", "Ana Ruiz"} <= set(found)
    assert found["Ingrid Solberg"].role == "Glaciologist"


def test_name_particles_are_part_of_a_name():
    found = people(parse("Pieter van Doorn said the deal was done.\n"))
    assert "Pieter van Doorn" in found


def test_place_word_as_first_name():
    found = people(parse("Sofia Marquez, an economist, said the cut was early.\n"))
    assert "Sofia Marquez" in found


def test_subject_of_a_reporting_verb_across_an_appositive():
    found = people(parse("Maria Lopes, a 54-year-old baker in Braga, said her shop was lost.\n"))
    assert "Maria Lopes" in found


def test_full_name_then_surname_alone_is_a_person():
    found = people(parse("Tomas Berg retired in January.\nBerg, 64, now teaches.\n"))
    assert "Berg" in found["Tomas Berg"].aliases


def test_capitalised_words_never_reused_alone_are_no_person():
    assert people(parse("Lake Mora Gardens opened in May.\nThe gardens are free.\n")) == {}


def test_two_particles_in_a_name():
    found = people(parse("Hendrika van der Molen said the deal was done.\n"))
    assert "Hendrika van der Molen" in found


def test_four_word_names_are_whole():
    found = people(parse('"We won," said Juan Carlos Pérez Gil, the captain.\n'))
    assert "Juan Carlos Pérez Gil" in found


def test_board_roles_before_a_name_are_roles():
    found = people(parse("Trustee Mara Quill, who voted no, said the branch should stay open.\n"))
    assert "Mara Quill" in found and found["Mara Quill"].role == "Trustee"


def test_hyphen_joined_and_capital_particles_stay_in_a_name():
    found = people(parse('"We wait," said Karim el-Haddad, a baker.\nNiamh Ó Dálaigh said the boats were in.\n'))
    assert {"Karim el-Haddad", "Niamh Ó Dálaigh"} <= set(found)


def test_a_name_never_ends_on_a_particle():
    found = people(parse("Renata Alves da said nothing.\n"))
    assert not any(name.endswith(" da") for name in found)


def test_west_african_honorifics_are_not_first_names():
    found = people(parse("Alhaji Sani Dogo met Pa Chidi Okolo in Enugu.\nDogo said the market would open.\n"))
    assert {"Sani Dogo", "Chidi Okolo"} <= set(found)


def test_a_post_nominal_after_a_comma_is_not_a_speaker():
    parsed = parse('"The appeal will fail," said Kunle Adeyemi, SAN.\n')
    assert parsed.quotes[0].speaker == "Kunle Adeyemi"
    assert "SAN" not in {e.name for e in parsed.entities}


def test_full_name_once_then_a_double_surname_is_one_person():
    found = people(parse('Renata Campos Meireles keeps the ferry.\n\n"The river is low," Campos Meireles said.\n'))
    assert "Campos Meireles" in found["Renata Campos Meireles"].aliases
    assert "Campos Meireles" not in found


def test_particle_inside_a_name_after_a_role_and_comma():
    found = people(parse("His niece, Tereza Moura dos Anjos, 27, keeps the books.\n"))
    assert "Tereza Moura dos Anjos" in found


def test_particle_inside_an_appositive_name():
    found = people(parse("Karim bin Salleh, the port manager, was cautious.\n"))
    assert "Karim bin Salleh" in found


def test_an_appositive_role_may_hold_a_party_or_company_name():
    found = people(parse("Oonagh Tierney, the Green Alliance spokesperson, was unmoved.\n"
                         "Kwame Asante, the Labour councillor for Dunmore Vale, rose.\n"))
    assert found["Oonagh Tierney"].role == "Green Alliance spokesperson"
    assert found["Kwame Asante"].role == "Labour councillor for Dunmore Vale"


def test_an_appositive_role_may_end_on_a_relative_clause():
    found = people(parse("Oriane Vasseur, a cellist whose recordings sold widely, died on Friday.\n"
                         "Bram Okkerse, a farmer who never left the delta, was 90.\n"))
    assert found["Oriane Vasseur"].role == "cellist"
    assert found["Bram Okkerse"].role == "farmer"


def test_portfolio_words_the_text_writes_in_lower_case_stay_in_the_role():
    found = people(parse("Minister for Health and Road Works K.R. Devika Nair said road works "
                         "would improve. Minister of Mines Rose Adeyemi Baker disagreed as prices rose.\n"))
    assert found["K.R. Devika Nair"].role == "Minister for Health and Road Works"
    assert "Rose Adeyemi Baker" in found


def test_a_party_label_before_a_name_is_no_part_of_it():
    found = people(parse("Republican Dolores Whitfield, who chairs the panel, accused the agency of delay.\n"
                         "Tory Ewan Caskie said little.\n"))
    assert {"Dolores Whitfield", "Ewan Caskie"} <= set(found)
    assert not [name for name in found if name.startswith(("Republican", "Tory"))]


def test_an_honorific_between_the_role_and_the_name():
    found = people(parse("Deputy Governor Dr. Leyla Demirtaş Korkmaz opened the bridge.\n"))
    assert found["Leyla Demirtaş Korkmaz"].role == "Deputy Governor"
    assert "Deputy Governor" not in {e.name for e in parse("Deputy Governor Dr. Leyla Korkmaz came. "
                                                           "It is safe, the Deputy Governor said.\n").entities}


def test_a_first_name_in_apposition_to_a_relative_takes_the_surname():
    parsed = parse("Tomas Novak, 50, lost his job. Mr Novak's wife, Lenka, 47, said the farm was harsh.\n")
    found = people(parsed)
    assert "Lenka Novak" in found and "Lenka" in found["Lenka Novak"].aliases
    assert "Tomas Novak" in found
    assert people(parse("His wife, Lenka, said the farm was harsh.\n")) == {}


def test_a_surname_opening_with_a_capital_particle_is_reused_alone():
    parsed = parse("Cathal Ó Broin scored twice in the final.\n"
                   "Ó Broin took the free himself. The coach, Máire Ní Dhuibhir, was pleased.\n"
                   "\u201cHe was patient,\u201d said Ní Dhuibhir.\n")
    found = people(parsed)
    assert "Ó Broin" in found["Cathal Ó Broin"].aliases
    assert "Ní Dhuibhir" in found["Máire Ní Dhuibhir"].aliases
    assert not [e for e in parsed.entities if e.kind != PERSON]


def test_an_abbreviated_first_name_keeps_its_stop():
    parsed = parse('"We lost the cows," said Md. Karim Uddin, a farmer from the delta.\n')
    assert "Md. Karim Uddin" in people(parsed)
    assert [q.speaker for q in parsed.quotes] == ["Md. Karim Uddin"]


def test_a_constituency_in_brackets_after_a_name_is_not_who_speaks():
    parsed = parse(
        'Halima Bature-Okon (Kwara Upper) said the bill was "a mistake".\n'
        "Senator Ekene Ofodile (Delta Coast) told reporters he would vote no.\n"
    )
    found = people(parsed)
    assert {"Halima Bature-Okon", "Ekene Ofodile"} <= set(found)
    assert not {"Kwara Upper", "Delta Coast"} & {e.name for e in parsed.entities if e.kind != "place"}
    assert [q.speaker for q in parsed.quotes] != ["Kwara Upper"]


def test_full_name_then_first_name_alone_is_a_person():
    parsed = parse(
        "At dawn Iracema Lobato dos Reis walks to the jetty with her nets.\n"
        "By noon, Iracema has sold most of the catch. "
        '"The river gives less every year," she said.\n'
    )
    found = people(parsed)
    assert "Iracema" in found["Iracema Lobato dos Reis"].aliases
    assert [q.speaker for q in parsed.quotes] == ["Iracema Lobato dos Reis"]



def test_a_name_before_who_is_a_person():
    found = people(parse("Margarethe Sommerfeld-Kray, who has died aged 90, was a cellist.\n"))
    assert "Margarethe Sommerfeld-Kray" in found


def test_a_name_after_a_preposition_before_who_is_no_person():
    # "who" is the ranger; the name after "in the" is where the ranger works
    found = people(parse("She read a letter from a ranger in the Calder Hills, who described the fires.\n"))
    assert "Calder Hills" not in found


def test_initials_are_part_of_a_name_and_the_surname_is_the_same_person():
    found = people(parse(
        "Each dawn V. S. Ramalingam opens the shelf. His wife, T. Meenal, helps.\n\n"
        "Mr. Ramalingam joined the railways in 1970.\n\n"
        'L. Pavithra, a 19-year-old student, comes daily. "It is quiet here," she said.\n'
    ))
    assert {"V. S. Ramalingam", "T. Meenal", "L. Pavithra"} <= set(found)
    assert "Ramalingam" in found["V. S. Ramalingam"].aliases


def test_a_party_and_state_tag_in_brackets_is_no_one():
    parsed = parse(
        'Sen. Orla Brannick (R-Wyo.), the ranking member, called it "a giveaway" and left.\n\n'
        'Rep. Teodor Vance (D-N.M.) said he would "fight on".\n\n'
        'Gov. Ines Halloran of New Carrick said it was "a fine day".\n'
    )
    names = {e.name for e in parsed.entities}
    assert {"Orla Brannick", "Teodor Vance", "Ines Halloran"} <= names
    assert not names & {"R-Wyo", "D-N.M", "Carrick", "New Carrick"}
    speakers = {q.text: q.speaker for q in parsed.quotes}
    assert speakers["a giveaway"] == "Orla Brannick" and speakers["fight on"] == "Teodor Vance"


def test_a_word_for_a_person_before_a_full_name_is_no_part_of_it():
    found = people(parse(
        'Neighbour Tamsin Rooke, a mother of two, said she was "worried".\n'
        'Later commuter Ivo Marsh said it was "a relief".\n'
    ))
    assert {"Tamsin Rooke", "Ivo Marsh"} <= set(found)
    assert found["Tamsin Rooke"].role == "Neighbour"


def test_an_honorific_before_a_surname_with_its_particle_is_the_full_name():
    parsed = parse(
        "The case was brought by Ruairí Ó Ceallaigh, a sheep farmer.\n\n"
        'Mr Ó Ceallaigh said he was "glad it is over".\n'
    )
    assert "Ó Ceallaigh" in people(parsed)["Ruairí Ó Ceallaigh"].aliases
    assert [e.name for e in parsed.entities] == ["Ruairí Ó Ceallaigh"]
    assert parsed.quotes[0].speaker == "Ruairí Ó Ceallaigh"


def test_the_plural_of_a_role_is_no_person():
    parsed = parse('Economists said the rise was early. "It is a gamble," one said.\n')
    assert "Economists" not in people(parsed)


def test_a_title_of_several_words_before_a_name_makes_no_person_of_its_middle():
    parsed = parse(
        "Chief Financial Officer Mirela Quispe Tarango said the smelter was safe. "
        '"We are ready," said Chief Human Resources Officer Ansel Grint.\n'
    )
    people = {e.name: e.role for e in parsed.entities if e.kind == "person"}
    assert people == {
        "Mirela Quispe Tarango": "Chief Financial Officer",
        "Ansel Grint": "Chief Human Resources Officer",
    }


def test_a_member_for_a_seat_in_apposition_is_a_person_role():
    parsed = parse(
        "Idris al-Mansouri, the Labour member for Holt Marsh, rose with a letter. "
        "Nia Threlkeld, the Green MP for Orrin Vale, agreed.\n"
    )
    people = {e.name: e.role for e in parsed.entities if e.kind == PERSON}
    assert people["Idris al-Mansouri"] == "Labour member for Holt Marsh"
    assert people["Nia Threlkeld"] == "Green MP for Orrin Vale"
    assert "Holt Marsh" not in people


def test_a_member_for_a_seat_before_the_name_is_a_person_role():
    parsed = parse("The Labour member for Holt Marsh, Idris al-Mansouri, rose with a letter.\n")
    people = {e.name: e.role for e in parsed.entities if e.kind == PERSON}
    assert people == {"Idris al-Mansouri": "Labour member for Holt Marsh"}


def test_a_capitalised_common_noun_or_a_rank_before_a_full_name_is_its_role():
    found = people(parse(
        'Flanker Tomasi Veikune Hale said the side was "ready".\n\n'
        'The flanker had missed two games.\n\n'
        'Det Insp Corin Mabry said officers were "keeping an open mind".\n\n'
        'Co-pilot Idris Nyambe Tull said it was "a rough landing".\n'
    ))
    assert {"Tomasi Veikune Hale", "Corin Mabry", "Idris Nyambe Tull"} <= set(found)
    assert found["Tomasi Veikune Hale"].role == "Flanker"
    assert found["Corin Mabry"].role == "Det Insp"


def test_he_inside_a_sentence_before_a_given_name_is_a_chinese_family_name():
    parsed = parse(
        '"The tunnel was the hardest part," said He Jianlin, the site manager.\n\n'
        "He said the work took six years.\n\n"
        'Commuter He Xiaowen said she had "waited a long time".\n\n'
        "Asked about the cost, the minister said He would not guess. Why He Left was his last film.\n"
    )
    found = people(parsed)
    assert set(found) == {"He Jianlin", "He Xiaowen"}
    assert found["He Jianlin"].role == "site manager"
    assert found["He Xiaowen"].role == "Commuter"
    assert [q.speaker for q in parsed.quotes] == ["He Jianlin", "He Xiaowen"]


def test_a_wife_named_twice_by_first_name_is_one_person():
    parsed = parse(
        "Mr Novak's wife, Lenka, said the farm was sold. Later, Mr Novak's wife, Lenka, said it again.\n"
    )
    assert [e.name for e in parsed.entities if e.kind == "person"].count("Lenka Novak") == 1


def test_an_initial_written_without_a_stop_is_part_of_the_name():
    parsed = parse(
        "Opposition leader R Thiruvenkadam Nallaiah on Monday accused the board of \"stalling\".\n\n"
        "P V Kuppusamy Raman, secretary of the Vellore Weavers' Union, said looms had been idle for a month.\n\n"
        '"We cannot wait," Raman said.\n\n'
        "A Kenyan farmer said he had \"lost everything\".\n"
    )
    found = people(parsed)
    assert {"R Thiruvenkadam Nallaiah", "P V Kuppusamy Raman"} <= set(found)
    speakers = {q.text: q.speaker for q in parsed.quotes}
    assert speakers["We cannot wait"] == "P V Kuppusamy Raman"
    assert speakers["stalling"] == "R Thiruvenkadam Nallaiah"


def test_a_description_glued_before_a_name_is_not_part_of_it():
    parsed = parse(
        "Sculptor Ilinca Maria Voss, who carved the doors, described the work as \"slow\".\n\n"
        "Organizer Bram Tolliver said the march would go ahead.\n\n"
        "Eleven-year-old Sunniva, who asked that her surname not be used, missed a week of lessons. "
        '"I want to go back," she said.\n'
    )
    found = people(parsed)
    assert {"Ilinca Maria Voss", "Bram Tolliver", "Sunniva"} <= set(found)
    assert found["Ilinca Maria Voss"].role == "Sculptor"
    assert {q.text: q.speaker for q in parsed.quotes}["I want to go back"] == "Sunniva"


def test_a_rank_word_before_a_full_name_without_a_title_is_a_first_name():
    parsed = parse(
        "The winner came from substitute winger Junior Faleolo Tuimavave in the last minute.\n\n"
        '"I just ran," Tuimavave said.\n\n'
        "The Minister for Education Ada Obi opened the school. Later, Chief Ekene Nwosu spoke.\n"
    )
    found = people(parsed)
    assert "Junior Faleolo Tuimavave" in found
    assert parsed.quotes[0].speaker == "Junior Faleolo Tuimavave"
    assert "Education Ada Obi" not in found


def test_a_title_word_ending_the_name_after_a_title_is_the_surname():
    parsed = parse(
        'Hollow Creek Band Chief Warren Bishop said the band was "never asked".\n\n'
        "Chief Financial Officer Ada Obi said costs had risen.\n"
    )
    found = people(parsed)
    assert {"Warren Bishop", "Ada Obi"} <= set(found)
    assert found["Ada Obi"].role == "Chief Financial Officer"
    assert parsed.quotes[0].speaker == "Warren Bishop"


def test_a_long_appositive_between_the_name_and_its_verb():
    parsed = parse(
        "Ilse Marit Vandenholt, a retired teacher who now grows beans with her two sons on a "
        "small plot just outside the village of Upper Marsh End, said the well was dry.\n\n"
        '"We have never seen it so low," she said.\n'
    )
    found = people(parsed)
    assert "Ilse Marit Vandenholt" in found
    assert "Upper Marsh End" not in found
    assert parsed.quotes[0].speaker == "Ilse Marit Vandenholt"


def test_a_run_after_an_indefinite_article_names_no_one():
    parsed = parse('"The harbour will not reopen soon," said a Varna-born crane operator.\n')
    assert "Varna-born" not in people(parsed)
    assert parsed.quotes[0].speaker is None


def test_the_name_after_told_is_the_listener_not_a_speaker():
    parsed = parse('"We will rebuild," the mayor, Ines Valdor, told Harbour Weekly.\n')
    assert "Harbour Weekly" not in people(parsed)
    assert "Ines Valdor" in people(parsed)


def test_a_storm_named_like_a_person_is_no_person():
    parsed = parse("Typhoon Marisol (Pedring) made landfall at 5 am.\n\n"
                   "The weather bureau says Marisol has weakened as it crosses the mountains.\n")
    assert not [name for name in people(parsed) if "Marisol" in name]


def test_the_cp_is_the_commissioner_of_police_named_before():
    parsed = parse("The state Commissioner of Police, Mr Ikenna Obiorah-Dike, met the traders.\n\n"
                   '"Nobody will be allowed to carry arms in the market," the CP said.\n')
    assert parsed.quotes[0].speaker == "Ikenna Obiorah-Dike"


def test_a_participle_opening_a_sentence_is_no_speaker():
    parsed = parse("The council debated the budget.\n\n"
                   'Responding, opposition member Teodora Ilesanmi, who sits for the east ward, said it was "a fudge".\n')
    assert "Responding" not in people(parsed)
    assert parsed.quotes[0].speaker == "Teodora Ilesanmi"
    fleming = parse("Tom Fleming chairs the board.\n\nFleming, asked about the vote, said it was \"a fudge\".\n")
    assert fleming.quotes[0].speaker == "Tom Fleming"


def test_critics_name_a_group_not_a_person():
    parsed = parse('Critics warn of "shrinkflation" in the shops.\n')
    assert "Critics" not in people(parsed)
