"""speakers.py and cues.py: which cue a quote has and who speaks it (made-up text)."""

from __future__ import annotations

from briefing.model import PERSON
from parsing import only, parse, role_of




# -- cues and speakers -------------------------------------------------------


def test_cue_before_with_comma():
    parsed = parse('Kenyan Water Minister Ada Obi said, "We will finish the dam."\n')
    q = parsed.quotes[0]
    assert (q.speaker, q.cue, q.partial) == ("Ada Obi", "said", False)
    assert role_of(parsed, "Ada Obi") == "Kenyan Water Minister"


def test_cue_after_and_surname_resolution():
    parsed = parse(
        "Kenyan Water Minister Ada Obi met Nigerian Energy Minister Tunde Bello.\n"
        '"We have many issues," Obi told Bello.\n'
    )
    q = parsed.quotes[0]
    assert (q.speaker, q.cue, q.partial) == ("Ada Obi", "told", False)
    obi = next(e for e in parsed.entities if e.name == "Ada Obi")
    assert "Obi" in obi.aliases


def test_inverted_cue_names_a_new_speaker():
    parsed = parse('"We have waited since 1998," said Peter Omondi, a farmer.\n')
    q = parsed.quotes[0]
    assert (q.speaker, q.cue, q.partial) == ("Peter Omondi", "said", False)


def test_cue_after_with_role_before_name():
    parsed = parse('"The river is dry," Kenyan Water Minister Ada Obi said at the dam.\n')
    q = parsed.quotes[0]
    assert (q.speaker, q.partial) == ("Ada Obi", False)


def test_colon_introduction():
    parsed = parse('Water Minister Ada Obi told the crowd: "The dam is ours."\n')
    assert parsed.quotes[0].speaker == "Ada Obi"
    assert parsed.quotes[0].partial is False


def test_according_to():
    parsed = parse('Water Minister Ada Obi visited.\n"It is finished," according to Obi.\n')
    q = parsed.quotes[0]
    assert (q.speaker, q.cue) == ("Ada Obi", "according to")


def test_partial_quote_with_pronoun_speaker():
    parsed = parse(
        'Water Minister Ada Obi said, "The dam is ready."\n'
        'She also warned against the "reckless plans" of rivals.\n'
    )
    q = only(parsed.quotes, "reckless")
    assert (q.speaker, q.cue, q.partial) == ("Ada Obi", "warned", True)


def test_it_refers_to_the_organisation():
    parsed = parse(
        "Kenya's water ministry issued a statement.\n"
        'The two sides agreed to meet "before the rains", it added.\n'
    )
    q = parsed.quotes[0]
    assert (q.speaker, q.cue, q.partial) == ("Kenya's water ministry", "added", True)


def test_definite_description_refers_to_the_organisation():
    parsed = parse(
        "Kenya's Water Ministry issued a statement.\n"
        'It called the delay "regrettable", the ministry said.\n'
    )
    assert parsed.quotes[0].speaker == "Kenya's Water Ministry"


def test_scare_quotes_without_cue_have_no_speaker():
    parsed = parse('Water Minister Ada Obi spoke.\nThe two sides will set up a hotline "around spring".\n')
    q = parsed.quotes[0]
    assert (q.speaker, q.cue, q.partial) == (None, None, True)


def test_noun_that_looks_like_a_verb_is_no_cue():
    parsed = parse('Water Minister Ada Obi spoke.\nThe territorial claims of "historic rights" are old.\n')
    assert parsed.quotes[0].speaker is None


def test_quoted_sentence_on_its_own_continues_the_speaker():
    parsed = parse('"The dam is ready," Water Minister Ada Obi said.\n"We are proud of it."\n')
    second = parsed.quotes[1]
    assert (second.speaker, second.partial) == ("Ada Obi", False)


def test_quote_mention_points_at_sentence_and_paragraph():
    parsed = parse('First sentence here. Water Minister Ada Obi said, "Go."\n')
    q = parsed.quotes[0]
    assert q.paragraph == 1
    assert parsed.sentences[q.sentence].start <= q.start < parsed.sentences[q.sentence].end


def test_split_quote_goes_on_with_its_speaker():
    parsed = parse('"We are ready," Water Minister Ada Obi said, "but not yet."\n')
    assert [(q.text, q.speaker, q.partial) for q in parsed.quotes] == [
        ("We are ready", "Ada Obi", False), ("but not yet", "Ada Obi", False)]


def test_inverted_cue_with_a_role_before_the_name():
    parsed = parse(
        "Tunde Bello, the coach, arrived.\n"
        '"It was a penalty," said Corbridge coach Tunde Bello.\n'
        '"We lost," said committee chair Cllr Ada Obi.\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Tunde Bello", "Ada Obi"]


def test_inverted_cue_with_the_minister():
    parsed = parse('Water Minister Ada Obi toured.\n"It is late," said the minister.\n')
    assert parsed.quotes[0].speaker == "Ada Obi"


def test_cue_after_a_statement_and_colon_introductions():
    parsed = parse(
        "Kenya's Water Ministry said in a statement: \"The dam is safe.\"\n"
        'Ada Obi, a farmer in Kisumu, said on Monday in a radio interview, "We are afraid."\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Kenya's Water Ministry", "Ada Obi"]
    assert not any(q.partial for q in parsed.quotes)


def test_appositive_subject_is_the_first_name_before_the_commas():
    parsed = parse(
        "Ada Obi, a spokeswoman for Lakeside Terminals, which runs the port, said the firm "
        'had paid "every shilling it owes".\n'
    )
    assert parsed.quotes[0].speaker == "Ada Obi"


def test_pronoun_goes_to_the_person_who_fits():
    parsed = parse(
        "Mr Tunde Bello, the mayor, said the town was ready.\n"
        "Ada Obi, 54, a baker, said her shop was lost. \"I have nothing left,\" she said.\n"
        '"We will rebuild," he said.\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Ada Obi", "Tunde Bello"]


def test_pronoun_after_a_role_named_person():
    parsed = parse(
        "Lakeland's chief negotiator, Tunde Bello, was cautious. He said the deal was weak.\n"
        '"Data is welcome," he said.\n'
    )
    assert parsed.quotes[0].speaker == "Tunde Bello"
    assert role_of(parsed, "Tunde Bello") == "Lakeland's chief negotiator"


def test_surname_goes_to_the_nearest_full_name_before_it():
    parsed = parse(
        "Nadia Obi won the final. Her mother, Elena Obi, watched.\n"
        '"I am proud," said the elder Obi.\n'
    )
    assert parsed.quotes[0].speaker == "Elena Obi"


def test_person_named_in_full_once_then_by_surname():
    parsed = parse(
        "Tomas Berg retired in January after 31 years.\n"
        "Berg laughs at that. \"Of course it has.\"\n"
    )
    assert parsed.quotes[0].speaker == "Tomas Berg"


def test_lone_quote_after_a_cue_in_its_paragraph():
    parsed = parse(
        '"We are serious," Water Minister Ada Obi said.\n'
        "Tunde Bello, the envoy, was cautious. Any deal, he said, must guarantee water. \"Water is better.\"\n"
    )
    assert parsed.quotes[1].speaker == "Tunde Bello"


def test_shared_subject_after_and():
    parsed = parse(
        "Ada Obi, the mayor, lost. She thanked her supporters and said the party "
        'would "rebuild from the ground up".\n'
    )
    assert parsed.quotes[0].speaker == "Ada Obi"


def test_organisation_without_head_word_speaks_and_is_it():
    parsed = parse(
        "Lakeside Power said it had cut power to 9,000 homes.\n"
        'It said in a statement that power would return "as soon as it is safe".\n'
    )
    assert parsed.quotes[0].speaker == "Lakeside Power"


def test_the_company_is_the_organisation_last_named():
    parsed = parse(
        "Quillo, the payments start-up, said on Thursday that it was hacked. Shares in Quillo fell.\n"
        'The company said the attackers used "a compromised account".\n'
    )
    assert parsed.quotes[0].speaker == "Quillo"


def test_place_after_a_preposition_is_not_a_speaker():
    parsed = parse('Some reviewers in Kenya have accused the author of "appropriating" a war.\n')
    assert parsed.quotes[0].speaker is None


def test_fragment_before_an_inverted_cue_takes_that_speaker():
    parsed = parse(
        'Lakeside Terminals insists it has paid "every shilling it owes", its spokesman Ada Obi told reporters.\n'
    )
    assert parsed.quotes[0].speaker == "Ada Obi"
    assert parsed.quotes[0].partial


def test_outlet_relaying_a_person_is_not_the_speaker():
    parsed = parse('Judge Ada Obi said he had shown "not a flicker of remorse", the Courier said.\n')
    assert parsed.quotes[0].speaker == "Ada Obi"


def test_unattributed_fragment_keeps_the_reporting_verb_of_its_sentence():
    parsed = parse('One critic called the plan "a gift to landlords". The press calls it a "quiet revolution".\n')
    assert only(parsed.quotes, "gift").cue == "called"
    assert only(parsed.quotes, "quiet revolution").cue is None  # after "a": a label


def test_colon_hands_the_quote_to_the_subject_before_it():
    parsed = parse(
        'Dr Ada Obi, head of the clinic board, welcomed the plan: "No mother should wait."\n'
        'We met engineer Tunde Bello at the dam. He was blunt: "The wall will not hold."\n'
    )
    assert [(q.speaker, q.partial) for q in parsed.quotes] == [("Ada Obi", False), ("Tunde Bello", False)]


# -- pronouns ------------------------------------------------------------------


def test_pronoun_goes_to_a_subject_the_text_names_without_a_role():
    parsed = parse('Ada Obi met Tunde Bello at the port. "It is over," she said.\n')
    assert [q.speaker for q in parsed.quotes] == ["Ada Obi"]


def test_person_after_a_preposition_is_no_subject_for_a_pronoun():
    parsed = parse(
        'Dr Ada Obi defended the plan. "It works," Dr Obi said.\n\n'
        'Sen. Tunde Bello asked about costs. "Who pays?" Bello said.\n\n'
        'Obi said the state would pay. Asked by Bello whether that was fair, she said it was "only right".\n'
    )
    assert only(parsed.quotes, "only right").speaker == "Ada Obi"


# -- descriptions --------------------------------------------------------------


def test_description_far_back_goes_to_the_one_entity_with_that_role():
    parsed = parse(
        "Fire Service Chief Ada Obi told senators the agency was short of crews.\n\n"
        "Sen. Tunde Bello said that was not good enough.\n\n"
        "Sen. Mary Cole raised pay.\n\n"
        "Sen. Lars Berg raised housing.\n\n"
        '"Is it fixed?" Bello asked.\n\n'
        '"No, senator, it is not," the chief replied.\n'
    )
    assert only(parsed.quotes, "it is not").speaker == "Ada Obi"


def test_description_with_two_fitting_entities_far_back_has_no_speaker():
    parsed = parse(
        "Fire Chief Ada Obi and Police Chief Tunde Bello met.\n\n"
        "Sen. Mary Cole spoke.\n\nSen. Lars Berg spoke.\n\nSen. Jon Dahl spoke.\n\n"
        '"No, it is not," the chief replied.\n'
    )
    assert parsed.quotes[0].speaker is None


# -- names and titles ------------------------------------------------------------


def test_us_local_titles_are_roles_not_part_of_the_name():
    parsed = parse(
        'The council voted 4-3.\n\n"We are responding to a body count," said Councilmember Lucía Ortega de León.\n\n'
        '"That is geography," Assemblywoman Jo Park said. "It is not anti-bike," she added.\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Lucía Ortega de León", "Jo Park", "Jo Park"]
    assert role_of(parsed, "Lucía Ortega de León") == "Councilmember"


def test_surname_speaker_takes_the_full_name_written_earlier():
    parsed = parse(
        "The debate was secured by Liberal Democrat MP Olivia Penrose on Tuesday.\n\n"
        'Opening the debate, Ms Penrose said villages had one bus a week. "It is not enough," she said.\n\n'
        '"We are stranded," said Mr Halloran, who spoke next.\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Olivia Penrose", "Halloran"]


def test_compound_surname_speaker_merges_into_the_full_name():
    parsed = parse(
        "The fourth panellist, Luís Carvalho da Silva, a Lisbon city councillor, spoke last.\n\n"
        '"It was not enough," Carvalho da Silva said.\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Luís Carvalho da Silva"]
    assert [e.name for e in parsed.entities if e.kind == "person"] == ["Luís Carvalho da Silva"]


def test_a_verb_in_ing_after_a_preposition_has_no_subject_before_it():
    parsed = parse(
        "Judge Ada Obi heard the case of Tom Hale.\n\n"
        '"You lied," the judge told Hale before announcing the sentence. "You took their savings."\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Ada Obi", "Ada Obi"]


def test_a_possessive_name_is_not_the_subject_a_pronoun_goes_back_to():
    parsed = parse(
        "Gregory Tillman, 56, pleaded guilty.\n\n"
        '"He built it," prosecutor Nathan Greer said.\n\n'
        "Tillman's attorney, Laura Brennan-Cole, asked for eight years. She said he had been \"in a hole\".\n"
    )
    assert only(parsed.quotes, "in a hole").speaker == "Laura Brennan-Cole"


# -- unnamed speakers ----------------------------------------------------------


def test_pronoun_after_an_unnamed_subject_is_nobody():
    parsed = parse(
        '"We will win," said Governor Dana Whitlock.\n\n'
        "One man, a retired welder from Ashland, said he had known her father. "
        '"Her old man could fix anything. She\'s the same," he said.\n\n'
        'His son, who did not give his name, spoke briefly. "We did not come for revenge," he said. "We came for him."\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Dana Whitlock", None, None, None]


def test_unnamed_opening_with_a_name_in_apposition_is_that_person():
    parsed = parse(
        "Samuel Okeke, a teacher, died in May.\n\n"
        'His daughter, Amara, said he had trusted the adviser. "My father apologised to everyone," she said.\n\n'
        'She told the judge he sold his car. "He taught chemistry," she said.\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Amara", "Amara"]


def test_kin_word_before_a_name_in_apposition_makes_a_person():
    parsed = parse(
        "Daniel Marsh, 41, fell from a scaffold run by Hallam Construction.\n\n"
        "Mr Marsh's widow, Linda Marsh, did not give evidence. In a statement she described him as 'the careful one'.\n"
    )
    assert [q.speaker for q in parsed.quotes] == ["Linda Marsh"]
    assert role_of(parsed, "Linda Marsh") == "Marsh's widow"


def test_they_goes_to_the_one_organisation_of_its_paragraph():
    parsed = parse(
        "A spokesperson for Hallam Construction said the company had reviewed its procedures. "
        '"Our thoughts remain with his family," they said.\n\n'
        "Residents met the Harbour Authority and the Port Board. "
        '"We are angry," they said.\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Hallam Construction", None]


def test_letters_after_a_name_are_no_part_of_it():
    parsed = parse(
        'For the company, Helena Lindqvist KC said the firm was sorry. "There is no excuse," she said.\n\n'
        'Tom Baker MP told the hearing it was "a disgrace".\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Helena Lindqvist", "Tom Baker"]


def test_role_phrase_with_a_place_before_the_name_in_apposition():
    parsed = parse(
        "The Environment Agency said the fine was large. Its area director for the West Midlands, "
        'Rosalind Heaton, said: "It is a warning."\n\n"We will follow the evidence," she said.\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Rosalind Heaton", "Rosalind Heaton"]
    assert "West Midlands" not in [e.name for e in parsed.entities if e.kind == "person"]


def test_an_organisations_unnamed_spokesman_speaks_for_it():
    parsed = parse(
        'An Acme Corp spokesman said the plant was "fully safe".\n\n'
        '"We will appeal," a Northway Ferries spokesperson said.\n\n'
        'Acme Corp chief executive Ada Obi said it was "a good year".\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Acme Corp", "Northway Ferries", "Ada Obi"]


# -- debates and turns -----------------------------------------------------------


def test_question_then_cue_in_the_next_sentence_binds_its_own_speaker():
    parsed = parse(
        "Forest Service Chief Renata Okafor-Lyons testified.\n\n"
        '"Is it fixed?" Sen. Dale Hendricks asked.\n\n'
        '"No!" the chief replied. "It is not."\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Dale Hendricks", "Renata Okafor-Lyons", "Renata Okafor-Lyons"]


def test_joined_initials_are_part_of_a_name():
    parsed = parse('"We will appeal," said J.R. Okafor.\n\n"It is fine," the U.S. envoy said.\n')
    assert [q.speaker for q in parsed.quotes] == ["J.R. Okafor", None]


def test_colon_after_a_sentence_opened_by_an_unmarked_full_name():
    parsed = parse('The hearing ended.\n\nAda Obi was blunt: "The wall will not hold."\n')
    assert [q.speaker for q in parsed.quotes] == ["Ada Obi"]


def test_pronoun_reaches_back_to_a_sentence_opening_name_paragraphs_earlier():
    parsed = parse(
        "Kang Soon-ja has been diving since she was 13.\n\nShe is 84.\n\n"
        "The divers were added to a heritage list in 2016.\n\nThe village gets busloads of visitors.\n\n"
        "'People come here with cameras,' she says.\n"
    )
    assert [q.speaker for q in parsed.quotes] == ["Kang Soon-ja"]


def test_colon_after_his_or_her_hands_the_quote_to_that_person():
    parsed = parse(
        "The panel met.\n\nHousing secretary Markus Leitgeb was asked why. "
        'His answer: "Because it takes a hundred years."\n\n'
        'His son was blunt: "It never works."\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Markus Leitgeb", None]


def test_an_epithet_goes_to_the_one_person_its_paragraph_names():
    parsed = parse(
        "The cup tie ended 2-1.\n\n"
        'Kofi Ansah, 25, who joined Millbrook last summer, was gracious. "I did not believe him," the 25-year-old said.\n\n'
        'Ada Obi, 40, and Tom Hale, 41, lost their homes. "It is over," the 41-year-old said.\n\n'
        '"We lost," the families said.\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Kofi Ansah", None, None]


def test_a_directive_verb_is_a_cue_so_a_relaying_outlet_is_not_the_speaker():
    parsed = parse(
        'The State Council, China\'s cabinet, ordered "all-out efforts" to rescue the miners, state broadcaster CCTV said.\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["State Council"]


def test_the_spokesperson_is_the_organisation_its_paragraph_names():
    parsed = parse(
        "Rescue teams worked through the night.\n\n"
        "A spokesperson for the National Mine Safety Administration said experts had been sent. "
        '"Mines that cannot prove it will be shut," the spokesperson said.\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["National Mine Safety Administration"]


def test_inverted_cue_whose_honorific_ends_the_sentence():
    parsed = parse('Lede.\n\n"The bill is dead," said Rep. Tom Hale, R-Texas. "Dead."\n')
    assert [q.speaker for q in parsed.quotes] == ["Tom Hale", "Tom Hale"]


def test_a_description_two_people_fit_is_nobodys():
    parsed = parse(
        'Lede.\n\nFinance Minister Ada Obi and Health Minister Tom Hale met.\n\n"We agree," the minister said.\n\n'
        'Judge Mary Cole heard the case. "You lied," the judge said.\n'
    )
    assert [q.speaker for q in parsed.quotes] == [None, "Mary Cole"]


def test_a_description_given_in_apposition_is_that_entity_far_on():
    parsed = parse(
        "Lede.\n\nNorthway Rail, the rail operator, cancelled 40 trains.\n\nTom Hale, a commuter, was angry.\n\n"
        'Mary Cole, a nurse, was late.\n\nAda Obi, a teacher, walked.\n\n"We are sorry," the rail operator said.\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Northway Rail"]


# -- continuation ----------------------------------------------------------------


def test_uncued_quote_after_a_paragraph_opened_by_a_new_person_is_theirs():
    parsed = parse(
        'Lede.\n\n"We are ready," said Ada Obi.\n\nTunde Bello disagreed with her.\n\n"We are not."\n\n'
        '"We have trained for years."\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Ada Obi", "Tunde Bello", "Tunde Bello"]


def test_uncued_quote_paragraph_goes_on_with_the_previous_speaker():
    parsed = parse('Lede.\n\n"We are ready," said Ada Obi.\n\n"We have trained for years."\n')
    assert [q.speaker for q in parsed.quotes] == ["Ada Obi", "Ada Obi"]


def test_he_goes_to_the_one_name_in_its_paragraph_the_gender_fits():
    parsed = parse('Lede.\n\nMs Ada Obi met Tom Hale, her lawyer. "We will appeal," he said.\n')
    assert [q.speaker for q in parsed.quotes] == ["Tom Hale"]


def test_organisation_nouns_and_unmarked_spokesperson_organisations():
    parsed = parse(
        "Lede.\n\nSchiphol update: 412 flights were cancelled.\n\n"
        '"Do not come to the airport," a Schiphol spokesperson said.\n\n'
        "Dutch Railways (NS) has now confirmed the shutdown.\n\n"
        '"No trains will run," the rail operator said in a statement.\n\n'
        "Northway Ferries and Kestrel Railways cut services.\n\n"
        '"It is unsafe," the operator said.\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Schiphol", "Dutch Railways", None]


def test_a_place_after_the_speakers_role_is_not_the_speaker():
    parsed = parse('"The tide takes the road," said a fisherman from Vila do Porto.\n')
    assert parsed.quotes[0].speaker is None
    assert "Vila do Porto" not in {e.name for e in parsed.entities if e.kind == PERSON}


def test_a_short_scene_line_between_quotes_keeps_the_speaker():
    parsed = parse(
        '"We froze," said Elin Marsk.\n\n"The first goal hurt."\n\n'
        "Snow fell through the second half.\n\n\"We never got going again.\"\n"
    )
    assert only(parsed.quotes, "never got going").speaker == "Elin Marsk"


def test_a_name_apposed_to_the_role_after_an_inverted_cue_is_the_speaker():
    parsed = parse(
        "Lede.\n\n"
        '"We lost our shape," said the Athletic manager, Colm Ferris. "They were better."\n\n'
        '"We lost," said the minister, Rovers being Rovers.\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Colm Ferris", "Colm Ferris", None]


def test_an_inverted_cue_takes_a_surname_with_its_particle():
    parsed = parse(
        "Lede.\n\nFor Rovers manager Tadhg Ó Breasail, the win was a relief.\n\n"
        '"He needed four minutes," said Ó Breasail. "He was patient."\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Tadhg Ó Breasail", "Tadhg Ó Breasail"]


def test_a_description_before_a_name_in_apposition_points_to_that_person():
    parsed = parse(
        "Lede.\n\nIn her ruling, the trial judge, Justice Mirela Dostan, refused bail.\n\n"
        "The defence will appeal, the lawyer Tomas Vrell said.\n\n"
        '"The court cannot ignore his travels," the judge said. "He may flee."\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Mirela Dostan", "Mirela Dostan"]



def test_a_description_after_a_quote_goes_to_the_one_person_its_paragraph_is_about():
    parsed = parse(
        "Lede.\n\nKofa Dembe, 25, who joined Oldfield last summer, was gracious. "
        '"He told me for a month," the defender said.\n\n'
        'Marek Sova said the room was "very quiet". "We were sloppy," the Swedish midfielder said.\n\n'
        'Tomas Vrell\'s lawyer argued for bail. "He will stay," the judge said.\n\n'
        'Lena Hart spoke first. The minister said she would "look again".\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Kofa Dembe", "Marek Sova", "Marek Sova", None, None]


def test_a_relative_pronoun_cue_speaks_for_the_name_before_its_comma():
    parsed = parse(
        "Lede about Norvale Mining Corporation.\n\n"
        'The pit is run by Norvale Mining Corporation, which said it had "acted without delay".\n\n'
        'A ranger in the Dalby National Forest, who said she had spent "nine nights in a tent", wrote in.\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Norvale Mining Corporation", None]


def test_lone_quote_after_an_unnamed_subject_is_nobodys():
    parsed = parse(
        "Halvard Rusk, 70, waited at the depot in Vossgard. \"They are right to strike,\" he said.\n\n"
        "Another commuter, a clerk who did not want to be named, said he would walk. \"It is only two miles.\"\n"
    )
    assert [q.speaker for q in parsed.quotes] == ["Halvard Rusk", None]


def test_fragment_whose_nearest_cue_has_an_unnamed_subject_is_nobodys():
    parsed = parse(
        "Tomasz Wielgosz, who worked on the site at Brenmoor, said a foreman had told the crew "
        "they were \"easy to replace\".\n"
    )
    assert [q.speaker for q in parsed.quotes] == [None]


def test_fragment_after_who_of_an_unnamed_person_is_nobodys():
    parsed = parse(
        "Senator Odile Marchetti read from a letter she said had come from a ranger in the Calder Hills, "
        "who described \"forty nights without sleep\".\n"
    )
    assert [q.speaker for q in parsed.quotes] == [None]


def test_pronoun_opening_a_paragraph_goes_back_to_an_unnamed_subject():
    parsed = parse(
        "Ingrid Solvang, head of Marrow Haulage, said the new routes saved fuel. \"It works,\" she said.\n\n"
        "One Marrow driver who asked not to be named said the routes kept him away from home.\n\n"
        "\"I miss my son's games,\" he said.\n"
    )
    assert [q.speaker for q in parsed.quotes] == ["Ingrid Solvang", None]


def test_description_in_a_cue_opening_its_paragraph_is_the_person_the_paragraph_before_opens_with():
    parsed = parse(
        "Ilse Varga still walks to her studio in Pecsvar. She could drive, but she says the walk gives her ideas.\n\n"
        '"You see the same faces every day," the 52-year-old painter says, stopping at a bakery.\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Ilse Varga"]


def test_lone_quote_after_a_paragraph_that_opens_with_a_surname_is_that_persons():
    parsed = parse(
        'Ilse Varga still walks to her studio. "It keeps me honest," she says.\n\n'
        "The studio sits above a shoe shop on a quiet street near the river and the old mill.\n\n"
        "Varga grew up in Mohacsfalva, the younger of two sisters. Her father died when she was nine.\n\n"
        '"My mother told stories about everyone who walked past our window."\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Ilse Varga", "Ilse Varga"]


def test_one_name_apposed_to_an_unnamed_phrase_is_that_person():
    parsed = parse(
        'The principal, Walter Kimani, said the school would stay open. "We are ready," he said.\n\n'
        "Otieno, a student in Eldama who asked that his surname not be used, said his friends had stopped revising. "
        '"Nobody opens a book now," he said.\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Walter Kimani", "Otieno"]


def test_description_before_an_apposed_name_after_a_is_learned():
    parsed = parse(
        "A 68-year-old retired nurse in the village, Agnes Wanjiru Kamau, has opened her kitchen to the pupils. "
        '"They need somewhere warm," the retired nurse said.\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Agnes Wanjiru Kamau"]


def test_a_day_between_subject_and_verb_is_no_speaker():
    parsed = parse(
        'The Lakeshore Tenants\' Union on Friday urged the council to "listen before it builds".\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Lakeshore Tenants' Union"]


def test_a_descriptive_phrase_names_the_organisation_whose_name_holds_it():
    parsed = parse(
        "The Reserve Bank of Tirania held rates on Monday. The World Bank cut its forecast for the region.\n\n"
        'The reserve bank, in its statement, said further moves would be "data-led".\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Reserve Bank of Tirania"]


def test_a_gendered_honorific_rules_out_the_other_spouse():
    parsed = parse(
        'Lajos Ferenczy, 51, picked apples near Dunmere. "They paid us for half the hours," he said.\n\n'
        "Mr Ferenczy's wife, Ilona, worked on the same crew.\n\n"
        '"I came here to save money," said Mrs Ferenczy.\n'
    )
    assert [q.speaker for q in parsed.quotes][0] == "Lajos Ferenczy"
    assert [q.speaker for q in parsed.quotes][1] != "Lajos Ferenczy"


def test_inverted_cue_with_an_epithet_after_a_paragraph_about_one_person():
    parsed = parse(
        "Rovers won 2-1 at Linmouth on Saturday.\n\n"
        "Keld Aasgaard, the visitors' captain, was gracious in defeat.\n\n"
        '"They deserved it," said the 31-year-old.\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Keld Aasgaard"]


def test_a_listener_named_with_where_she_is_from_speaks_the_words_read_out():
    parsed = parse(
        'MARTA OKONJO: Councillor Teodor Brandt joins us. "We will fix the drains," he said last week.\n\n'
        'MARTA OKONJO: A listener, Dora from Eastfield, emailed this morning. She writes: "Why does my street still flood?"\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Teodor Brandt", "Dora"]


def test_a_bracketed_constituency_after_the_name_is_no_speaker():
    parsed = parse(
        'Senator Obiora Nwachukwu-Ide (Enugu West) said the clause left "a hole in the law".\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Obiora Nwachukwu-Ide"]


def test_pronoun_opening_a_paragraph_goes_to_the_person_the_paragraph_before_opens_with():
    parsed = parse(
        '"It is there," said study leader Dr Ilse Brandvold.\n\n'
        '"It is not proof of life," said Dr Tomas Reyne, who was not involved.\n\n'
        "But the study leader stressed that no ocean had been found.\n\n"
        '"We must be careful," she said.\n\n'
        "Halima Sule, a nurse in Garko, has treated more than 900 children this year.\n\n"
        '"Last season I buried no child," she said.\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Ilse Brandvold", "Tomas Reyne", "Ilse Brandvold", "Halima Sule"]


def test_the_statement_said_speaks_for_who_made_the_statement():
    parsed = parse(
        "Talks between the nurses and the Coastal Health Board stalled on Monday.\n\n"
        'In a statement on Tuesday, the Coastal Health Board said it had made "a fair offer".\n\n'
        '"We cannot spend money we do not have," the statement said.\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Coastal Health Board", "Coastal Health Board"]


def test_pronoun_after_an_unnamed_person_in_its_paragraph_is_nobody():
    parsed = parse(
        'Prosecutor Elin Haugland said the verdict "should worry every promoter".\n\n'
        "Among the investors at the trial was a retired teacher from Dorrow who said she had lost her savings. "
        '"I feel tired," she told reporters.\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Elin Haugland", None]


def test_pronoun_after_a_name_with_an_apposed_unnamed_phrase_is_that_name():
    parsed = parse(
        'Ossian Vik, 24, a student, said he had found the coins. "I thought it was a bottle cap," he said.\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Ossian Vik"]


def test_words_a_named_person_relays_from_an_unnamed_one_are_nobodys():
    parsed = parse(
        "Councillor Maren Tveit described waiting with a pensioner at a stop in Lysvik. "
        'The woman had told her, she said: "I cannot reach the clinic any more."\n'
    )
    assert [q.speaker for q in parsed.quotes] == [None]


def test_pronoun_opening_a_paragraph_goes_to_the_surname_the_paragraph_before_opens_with():
    parsed = parse(
        'Yoon Hae-sook has fished off Vedholm since 1961. "The sea pays badly," she says.\n\n'
        '"We came for the tourists," said Mira Halonen, who runs the cafe.\n\n'
        "Yoon is unmoved by the visitors but glad of the money it brings.\n\n"
        '"Let them come," she says.\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Yoon Hae-sook", "Mira Halonen", "Yoon Hae-sook"]


def test_an_age_after_a_quote_goes_to_the_person_named_after_her_own_role():
    parsed = parse(
        "The river burst its banks at dawn.\n\n"
        'Her cousin, Talvi Renko, said she had heard "a roar like a train."\n\n'
        '"I ran to the roof. The barn was gone," the 58-year-old said. "I waited there until noon."\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Talvi Renko"] * 3


def test_an_age_after_a_paragraph_opened_by_a_pronoun_goes_to_whom_the_pronoun_means():
    parsed = parse(
        "Coach Orrin Velasquez Tamm defended his team.\n\n"
        '"We played well," Velasquez Tamm said.\n\n'
        "He also praised the fans after a flat start.\n\n"
        '"At the break I kept calm. I had to," the 47-year-old said. "They knew it."\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Orrin Velasquez Tamm"] * 3


def test_a_pronoun_after_a_paragraph_that_moved_on_to_a_later_speaker_is_that_speaker():
    parsed = parse(
        "Traders said both sides were nervous. Ines Marlowe-Akande, a grain analyst at Tessel Partners, "
        'said the harvest had "some slack, but little".\n\n'
        '"The stores are full," she said.\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Ines Marlowe-Akande"] * 2


def test_a_quote_after_a_participle_and_colon_goes_on_with_the_cue_before():
    parsed = parse(
        'Chief executive Pieter Vos pointed to the fall in prices. "I understand the anger," he said, '
        'adding: "If we agree, I will close two shafts."\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Pieter Vos"] * 2


def test_a_reporting_participle_after_a_comma_shares_the_subject_its_sentence_opens_with():
    parsed = parse(
        "Judge Orla Nevin ruled on Monday.\n\n"
        'The judge rejected that argument, describing the walkover as "a single visit in the wrong season".\n\n'
        'Pell Harmon declined to comment on the call, saying only that he would "look at the video".\n\n'
        'The district\'s engineers had backed the plan, saying it would make a "real difference".\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Orla Nevin", "Pell Harmon", None]


def test_a_reporting_participle_after_a_year_and_a_comma_shares_the_sentence_subject():
    # ``in 1994, telling``: the preposition governs the year, not the participle
    parsed = parse(
        "Orla Venn grew barley near Cragmoor for forty years.\n\n"
        'Orla Venn turned down an offer from a dairy in Kestow in 1994, telling neighbours she '
        '"could not leave the barley to strangers".\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Orla Venn"]


def test_a_verb_of_manner_right_after_a_whole_quote_is_its_cue():
    parsed = parse(
        "Tavi Omundsen scored the winning try.\n\n"
        '"I saw the gap and ran. My legs were gone," Omundsen laughed.\n\n'
        'Asked about the name fans gave the stand, "the Cauldron", the coach Ivo Brandt laughed.\n'
    )
    assert [(q.speaker, q.cue) for q in parsed.quotes] == [("Tavi Omundsen", "laughed"), (None, None)]


def test_a_full_name_before_of_and_an_organisation_speaks_for_it():
    parsed = parse(
        "Traders sold the peso on Monday.\n\n"
        '"It is not March yet, but it rhymes," Arif Wibowo of Selat Harbour Capital said.\n\n'
        '"Rates will rise," the Governor of the Bank of Selat said.\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Arif Wibowo", "Bank of Selat"]


def test_the_subject_of_was_quoted_as_saying_speaks():
    parsed = parse(
        'Orla Vance has been quoted as saying the bank was "behind the curve".\n\n'
        '"It is not June yet," Arif Wibowo was quoted as saying.\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Orla Vance", "Arif Wibowo"]


def test_a_later_sentence_reporting_speech_decides_who_the_next_paragraphs_pronoun_is():
    parsed = parse(
        'Her brother, Lamine Diop, said officers took her phone. "She has never thrown a stone," he said.\n\n'
        "Bus drivers in Thiadiaye staged a strike last week. One driver, who gave only his first name, "
        "Ousseynou, said he would attend the march.\n\n"
        '"I work 12 hours and I have nothing," he said.\n\n'
        "Traders in Thiadiaye closed early. One trader said he would march too.\n\n"
        '"We have nothing left," he said.\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Lamine Diop", "Ousseynou", None]


def test_a_name_written_after_the_is_no_person_a_pronoun_can_fall_back_on():
    parsed = parse(
        "The bench stands on Vellai Street.\n\n"
        'P. Ilakkiya, a student preparing for the Malabar Coast entrance exam, comes every evening. '
        '"The books cost too much," she said.\n'
    )
    # "she" is the student named by her initial, never the coast
    assert [q.speaker for q in parsed.quotes] == ["P. Ilakkiya"]


def test_a_fragment_after_believes_is_the_subjects_view():
    parsed = parse(
        'Mining analyst Ruta Okonkwo-Blair of Harrow Capital believes the company has "some room, but not a lot".\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Ruta Okonkwo-Blair"]


def test_a_party_and_state_in_brackets_before_an_apposition_is_no_speaker():
    parsed = parse(
        "Sen. Orvell Quint (R-Kan.), the ranking member of the Budget Committee, called the package "
        '"a handout for cities".\n\n'
        'Rep. Ida Fenwick (R-Ala.), who chairs the Rules Committee, said she would not bring it "as written".\n\n'
        'Gov. Amos Pell of Vermont, whose state faces a deficit, said the vote was "a good night".\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Orvell Quint", "Ida Fenwick", "Amos Pell"]


def test_a_pronoun_after_a_paragraph_whose_last_sentence_names_a_speaker_is_that_speaker():
    parsed = parse(
        'Senate Democrats urged speed. Rep. Lorna Bexley-Tate (D-Vt.) said the deadline was real.\n\n'
        '"The calendar does not care," she said.\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Lorna Bexley-Tate"]


def test_the_father_of_four_after_a_quote_is_the_one_person_the_paragraph_names():
    parsed = parse(
        "The strike is in its second week.\n\n"
        'Kgosi Maluleke, a winch operator, has spent two decades underground. "My back is finished," '
        'the father of four said. "For what?"\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Kgosi Maluleke"] * 2


def test_a_description_after_a_quote_fits_the_one_written_name_that_is_no_organisation():
    parsed = parse(
        "Bonds fell.\n\n"
        'Tan Wei Ling of Orchard Lane Research said exporters were most exposed. '
        '"A stronger peso is a straight hit," the analyst said.\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Tan Wei Ling"]


def test_his_son_in_a_cue_is_the_one_person_given_that_role():
    parsed = parse(
        "Femi Alabi, the drummer who led the Ilesa Stars, has died aged 80.\n\n"
        'His son, Kayode Alabi, said his father died in his sleep. "He played until Friday," he said.\n\n'
        "Alabi recorded 30 albums and toured Ghana and Britain in the 1970s with the band.\n\n"
        '"He always said a song ends when someone else sings it," his son said.\n\n'
        '"He was never late," his daughter said.\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Kayode Alabi", "Kayode Alabi", None]


def test_a_message_signed_after_a_dash_is_the_signers():
    parsed = parse(
        '"Crews are at the ridge," said Commissioner Hale Brenner.\n\n'
        "Readers are getting in touch:\n\n"
        '"We can see the glow from our deck in Wentworth. Car is packed." — Kirsty, Wentworth\n\n'
        '"We are fine." — The Mayor\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Hale Brenner", "Kirsty", None]


def test_quoted_by_an_outlet_as_saying_is_the_subjects_speech():
    parsed = parse(
        "The Velder Mine Safety Administration has sent experts. A spokesperson for the administration "
        'was quoted by Reuters as saying unsafe mines "will be shut".\n\n'
        'Orla Vance was quoted by the Courier as saying the plan was "a mess".\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Velder Mine Safety Administration", "Orla Vance"]


def test_a_name_after_a_preposition_ends_a_description_and_the_apposition_speaks():
    parsed = parse(
        "Jurors deliberated for two days.\n\n"
        "The United States attorney in Brooklyn, Idalia Worthe-Banks, said in a statement that the verdict "
        '"should be a warning".\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Idalia Worthe-Banks"]


def test_a_known_body_before_a_role_and_a_name_qualifies_the_role():
    parsed = parse(
        "Linmouth Town lost.\n\n"
        '"It was a penalty," said Linmouth coach Bram Oosterhuis, who was booked.\n\n'
        '"We won," said Linmouth Town.\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Bram Oosterhuis", "Linmouth Town"]


def test_a_known_name_before_a_noun_for_a_person_qualifies_an_unnamed_speaker():
    parsed = parse(
        'Velder Freight runs 400 trucks. "We are growing," said Velder Freight.\n\n'
        "One Velder driver who has worked for the company for 11 years, and who asked not to be named, "
        "said the system had helped.\n\n"
        '"It is good at finding loads," he said.\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Velder Freight", None]


def test_a_person_after_a_preposition_before_the_verb_is_no_speaker():
    parsed = parse('Tom Hale was charged. A lawyer for Tom Hale said the case was "weak".\n')
    assert [q.speaker for q in parsed.quotes] == [None]


def test_a_pronoun_prefers_a_name_opening_its_own_paragraph_to_a_known_person_before_it():
    parsed = parse(
        "Then came the backbenchers.\n\n"
        'Tomas Berg, the Green member for Orsk, rose. "We want more," he said.\n\n'
        "The Alliance’s Ewan Dalgleish, whose country has water to spare, took the chance to offer some. "
        '"We have plenty," he said, to groans.\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Tomas Berg", "Ewan Dalgleish"]


def test_the_judge_is_the_person_titled_justice():
    parsed = parse(
        'Ms Justice Orla Nevin said the survey was "out of date".\n\n'
        'The judge rejected that argument, describing the walkover as "a single visit in the wrong season".\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Orla Nevin", "Orla Nevin"]


def test_a_description_after_a_quote_fits_the_one_subject_among_the_paragraphs_people():
    parsed = parse(
        'Rovers beat Linmouth 2-1. "We deserved it," said Tomas Berg.\n\n'
        "Kofa Dembe, 25, who replaced Tomas Berg at half-time, was gracious in defeat. "
        '"I did not believe him," the defender said.\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Tomas Berg", "Kofa Dembe"]


def test_only_the_first_person_of_a_sentence_may_be_the_subject_a_description_fits():
    parsed = parse(
        'Rovers beat Linmouth 2-1. "We deserved it," said Tomas Berg. "Well played," said Keld Aasgaard.\n\n'
        "Keld Aasgaard, the captain Tomas Berg once coached, was gracious in defeat.\n\n"
        '"He has been texting me all week," said the 29-year-old.\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Tomas Berg", "Keld Aasgaard", "Keld Aasgaard"]


def test_a_known_person_before_of_and_a_place_the_table_does_not_hold_speaks():
    parsed = parse('Gov. Amos Pell of Vermont said the vote was "a good night".\n')
    assert [q.speaker for q in parsed.quotes] == ["Amos Pell"]
    assert "Vermont" not in [e.name for e in parsed.entities if e.kind == "person"]


def test_a_lone_name_after_a_preposition_before_the_verb_is_where_speakers_are():
    parsed = parse(
        "The novelist Ada Obi spoke to us.\n\n"
        'Some critics in Tarsk have described the book as "a kind of homesickness". Does that hurt?\n'
    )
    assert [q.speaker for q in parsed.quotes] == [None]
    assert "Tarsk" not in [e.name for e in parsed.entities if e.kind == PERSON]


def test_a_name_before_a_role_and_a_person_qualifies_the_role_in_a_paragraph_opener():
    parsed = parse(
        "Rovers drew 1-1 with Eastfield Town.\n\n"
        "Eastfield boss Maren Holt, the youngest manager in the league, felt her side should have won.\n\n"
        '"We had chances and we did not take them," she said.\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Maren Holt"]


def test_a_person_before_of_speaks_though_the_body_after_it_was_taken_for_a_person():
    parsed = parse(
        "Stocks fell on Monday, Reuters reported.\n\n"
        "Not everyone expects the rally to last. Oslo-based Piet van der Berg of Harrow Lane Asset Management "
        "pointed to the central bank's habit of waiting.\n\n"
        '"The bank always waits. I would be careful," he said.\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Piet van der Berg"]


def test_a_hyphenated_given_name_is_no_adjective_of_place():
    parsed = parse(
        'Seo Min-ji won the vote. "I accept the choice of the voters," Seo Min-ji said.\n\n'
        '"We will work together," said Cho Ha-eun, who came second.\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Seo Min-ji", "Cho Ha-eun"]


def test_it_after_a_sentence_opening_with_an_unknown_named_body_is_that_body():
    parsed = parse(
        "Trains were halted, the rail operator Norlink said in a statement.\n\n"
        "The Westmark Safety Region has asked residents not to go outside after 17:00.\n\n"
        '"Stay inside," it said in a post on X.\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Westmark Safety Region"]


def test_it_after_a_sentence_opening_with_a_title_is_nobody():
    parsed = parse(
        "Trains were halted, the rail operator Norlink said in a statement.\n\n"
        "The Deputy Prime Minister has asked residents not to go outside after 17:00.\n\n"
        '"Stay inside," it said in a post on X.\n'
    )
    assert [q.speaker for q in parsed.quotes] == [None]


def test_a_body_named_with_of_and_the_before_the_verb_speaks():
    parsed = parse('In a statement, the Ministry of the Interior said Ada Obi had been held "for questioning".\n')
    assert [q.speaker for q in parsed.quotes] == ["Ministry of the Interior"]


def test_a_person_of_a_body_named_with_of_and_the_speaks_for_it():
    parsed = parse('Tom Hale of the Ministry of the Interior said the arrest was "lawful".\n')
    assert [q.speaker for q in parsed.quotes] == ["Tom Hale"]


def test_a_known_body_whose_name_ends_in_a_sham_person_speaks():
    parsed = parse(
        "Civic groups were angry. The Coalition for Fair Votes (CFV) said in a statement that the Senate "
        'had "let voters down".\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Coalition for Fair Votes"]


def test_the_singer_is_the_person_written_after_that_word():
    parsed = parse(
        "The singer Mara Lind said on Monday she had cancelled her tour.\n\n"
        'In a post on Instagram, the singer wrote: "I am so sorry to every fan."\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Mara Lind"]


def test_an_unnamed_singer_is_nobody():
    parsed = parse('The band cancelled its tour.\n\nIn a post on Instagram, the singer wrote: "I am so sorry."\n')
    assert [q.speaker for q in parsed.quotes] == [None]


def test_a_pronoun_after_two_people_joined_by_and_is_nobody():
    parsed = parse(
        "Ken Doyle and Marcus Reyes were both at the meeting.\n\n"
        '"It was a shambles," he told the Guardian.\n'
    )
    assert [q.speaker for q in parsed.quotes] == [None]


def test_a_pronoun_after_a_later_mention_of_one_of_two_people_is_that_one():
    parsed = parse(
        "Ken Doyle and Ada Obi were both at the meeting, said Mr Doyle.\n\n"
        '"It was a shambles," he told the Guardian.\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Ken Doyle"]


def test_that_was_how_a_person_put_it_gives_the_speaker():
    parsed = parse(
        "The mood in the room was grim.\n\n"
        '"We have been abandoned" — that was how Ada Obi put it.\n\n'
        '"A betrayal," was how one resident described it.\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Ada Obi", None]


def test_a_pronoun_goes_to_the_name_apposed_to_a_possessor_not_the_possessor():
    parsed = parse(
        "Tomasz Wilk praised his players.\n\n"
        "Wilk's opposite number, Ada Obi, was less impressed. \"We were second best,\" she said.\n"
    )
    assert [q.speaker for q in parsed.quotes] == ["Ada Obi"]


def test_a_possessor_stays_the_pronouns_person_when_the_other_name_is_an_object():
    parsed = parse("Tom Hale won the seat.\n\nHale's win over Ken Doyle was narrow. \"It was close,\" he said.\n")
    assert [q.speaker for q in parsed.quotes] == ["Tom Hale"]


def test_the_lawyer_apposed_to_a_possessor_speaks_after_the_possessor():
    parsed = parse(
        "Ada Obi was charged on Monday.\n\n"
        "Obi's lawyer, Sam Reid, said his client would plead not guilty.\n\n"
        '"We will fight this," he said.\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Sam Reid"]


def test_an_outlet_quoting_a_person_as_saying_gives_the_person():
    parsed = parse(
        "The deal was signed.\n\n"
        '"It is a good day," the Courier quoted Tom Hale as saying.\n\n'
        '"We waited long enough," Ada Obi was quoted by the Courier as saying.\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Tom Hale", "Ada Obi"]


def test_an_inverted_cue_with_a_police_rank_and_force():
    parsed = parse(
        "Two men were arrested in Clevedon on Tuesday.\n\n"
        '"We will not tolerate this," said Det. Insp. Ruth Calloway of Avon and Somerset Police.\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Ruth Calloway"]


def test_a_councillor_with_a_party_tag_in_brackets():
    parsed = parse('Councillors voted to close the library.\n\nCllr Amir Shah (Lab) said it was "a betrayal of the town".\n')
    assert [q.speaker for q in parsed.quotes] == ["Amir Shah"]


def test_an_apposed_coach_and_his_surname_with_added():
    parsed = parse(
        "Harbourside lost 2-0.\n\n"
        'The coach, Tomasz Wilk, said: "We were poor in the first half."\n\n'
        '"The second half was better," Wilk added.\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Tomasz Wilk", "Tomasz Wilk"]


def test_asked_whether_opens_a_cue_with_honorific_and_surname():
    parsed = parse(
        "Ada Obi resigned as minister on Friday.\n\n"
        'Asked whether she would stand again, Ms Obi said: "Not this time."\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Ada Obi"]


def test_other_outlet_styles_keep_their_speakers():
    parsed = parse(
        "Ada Obi won the seat. Water bills will rise.\n\n"
        '"It is a great day," Ms Obi, 52, told the BBC\'s Today programme.\n\n'
        '"We understand this is hard," said a spokesperson for Tarsk Water.\n\n'
        '"Nobody listened to us," one woman, who did not want to be named, said.\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Ada Obi", "Tarsk Water", None]


def test_a_name_the_table_does_not_hold_before_which_said_is_a_speaking_body():
    parsed = parse(
        "Nine miners were trapped on Monday. The mine is run by Merrow Dunlin Coal Industry, "
        'which said it had "acted without delay".\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Merrow Dunlin Coal Industry"]


def test_a_spokesperson_for_the_regulator_speaks_for_the_one_body_of_its_paragraph():
    parsed = parse(
        'The Tarsk Council called for "calm", according to state radio.\n\n'
        "The National Rail Safety Administration has sent experts to Tarsk. A spokesperson for the regulator "
        'was quoted by Reuters as saying that lines without drainage "will be shut".\n'
    )
    assert only(parsed.quotes, "will be shut").speaker == "National Rail Safety Administration"


def test_a_description_with_a_after_a_name_is_learned_for_that_person():
    parsed = parse(
        'Ada Obi, a glaciologist at the University of Tarsk, said the ice was "going fast".\n\n'
        'The glaciologist stressed, however, that the glaciers were "doomed".\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Ada Obi", "Ada Obi"]


def test_an_age_after_a_quote_in_a_profile_of_one_person_is_that_person():
    parsed = parse(
        'Every morning, K. R. Velan unlocks his roadside library. "It is my temple," Mr. Velan says.\n\n'
        "The retired postman has done this almost every day for 25 years.\n\n"
        'There is no fee. "If a book does not come back, somebody needed it," says the 74-year-old.\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["K. R. Velan", "K. R. Velan"]


def test_an_age_after_a_quote_with_two_people_named_before_is_nobody():
    parsed = parse(
        'Every morning, K. R. Velan unlocks his library. "It is my temple," Mr. Velan says. '
        '"He is stubborn," said his neighbour Tom Hale.\n\n'
        "The library has grown for 25 years.\n\n"
        'There is no fee. "If a book does not come back, somebody needed it," says the 74-year-old.\n'
    )
    assert only(parsed.quotes, "somebody needed it").speaker is None


def test_name_apposed_to_a_role_ending_in_a_body_after_a_preposition_speaks():
    parsed = parse(
        "The Kessby State Pensions Board said it would pay.\n"
        '"Our people are waiting," the union\'s chairman in the state, Arvid Tolleson, said.\n'
        '"We expect results," the chief executive of the Kessby State Pensions Board, Ilse Margrave, said.\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Arvid Tolleson", "Ilse Margrave"]


def test_body_after_a_preposition_speaks_when_no_name_is_apposed():
    parsed = parse(
        "The Kessby State Pensions Board said it would pay.\n"
        '"We pay," the board of the Kessby State Pensions Board, which met on Monday, said.\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Kessby State Pensions Board"]


def test_quote_after_a_cue_with_an_unnamed_subject_goes_on_with_nobody():
    parsed = parse(
        "Council member Paul Hartig said the plan was sound.\n"
        "Another speaker, who identified himself only as a retired welder, said he was tired of fees.\n"
        '"Every year it is a new line," he said. "Somebody has to say enough."\n'
    )
    assert [q.speaker for q in parsed.quotes] == [None, None]


def test_quote_after_a_cue_goes_on_with_its_named_speaker():
    parsed = parse(
        "Council member Paul Hartig said the plan was sound.\n"
        '"It is sound," Hartig said. "We checked it twice."\n'
    )
    assert [q.speaker for q in parsed.quotes] == ["Paul Hartig", "Paul Hartig"]


def test_present_tense_joking_cue_after_a_quote():
    parsed = parse('"We are not a bank," jokes Ilse Margrave, who runs the stall.\n')
    assert [q.speaker for q in parsed.quotes] == ["Ilse Margrave"]


def test_fragment_goes_to_the_subject_of_the_nearer_cue_after_at_first():
    parsed = parse(
        "Prosecutor Ilse Margrave said Tomas Ek had at first told the board the ledgers were 'at the printer', "
        "and later that they were lost.\n"
    )
    assert [q.speaker for q in parsed.quotes] == ["Tomas Ek"]


def test_official_of_a_body_whose_name_is_withheld_is_nobody_not_the_body():
    parsed = parse(
        "The Kessby Roads and Water Ministry said it would act.\n"
        "A senior official of the Kessby Roads and Water Ministry, who did not wish to be named, "
        'said the plan was "under review" and would be decided soon.\n'
    )
    assert [q.speaker for q in parsed.quotes] == [None]


def test_cue_after_an_aspect_verb_finds_its_subject():
    parsed = parse(
        "On the radio, the guide at the upper camp, Tomas Ek, kept telling me, \u201cThe fog is coming.\u201d\n"
    )
    assert [q.speaker for q in parsed.quotes] == ["Tomas Ek"]
