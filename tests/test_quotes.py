"""quotes.py: quote marks, multi-paragraph quotes, cues, speakers, partial."""

from __future__ import annotations


import pytest

from briefing.parse import parse_source

from seeds import seed_path


def parse(text: str, **kw):
    return parse_source("Dam story\n\n" + text, source_id="s", path="s.txt", **kw)


def only(quotes, words):
    found = [q for q in quotes if words in q.text]
    assert len(found) == 1, [q.text for q in quotes]
    return found[0]


def role_of(parsed, name):
    return next(e.role for e in parsed.entities if e.name == name)


def assert_offsets(parsed):
    for q in parsed.quotes:
        assert parsed.raw[q.start : q.end] == q.text


# -- marks -------------------------------------------------------------------


def test_straight_curly_and_mixed_marks():
    parsed = parse(
        'Water Minister Ada Obi said, "The dam is ready."\n'
        "“We are proud,” Obi said.\n"
        "“It took years,\" Obi added.\n"
    )
    assert [q.text for q in parsed.quotes] == ["The dam is ready", "We are proud", "It took years"]
    assert_offsets(parsed)


def test_apostrophes_are_not_quote_marks():
    parsed = parse("Kenya's dam didn't open. The farmers' union waited.\n")
    assert parsed.quotes == ()


def test_quote_left_open_goes_on_in_next_paragraph():
    parsed = parse(
        'Water Minister Ada Obi told reporters: "The dam will open in May.\n\n'
        '"It will feed two million people," she said.\n\n'
        "The next paragraph.\n"
    )
    first, second = parsed.quotes
    assert first.paragraph == 1 and second.paragraph == 2
    assert first.text == "The dam will open in May."
    assert second.text == "It will feed two million people"
    assert first.speaker == second.speaker == "Ada Obi"
    assert not first.partial and not second.partial
    assert_offsets(parsed)


def test_stray_mark_that_never_closes_is_dropped():
    parsed = parse('The report "was late.\n\nNobody knew why.\n')
    assert parsed.quotes == ()


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


# -- the seeds ---------------------------------------------------------------


def parse_seed(name_start: str):
    path = seed_path(name_start)
    return parse_source(path.read_bytes().decode("utf-8"), source_id="seed", path=str(path),
                        reference_date="2023-02-22")


@pytest.mark.parametrize("name", ["000", "002"])
def test_seed_sun_weidong_quote(name):
    parsed = parse_seed(name)
    q = only(parsed.quotes, "The international security situation")
    assert q.speaker == "Sun Weidong" and q.partial is False and q.cue == "said"
    assert role_of(parsed, "Sun Weidong") == "Chinese Vice Foreign Minister"
    assert_offsets(parsed)


def test_seed_yamada_quote_with_mixed_marks():
    parsed = parse_seed("002")
    q = only(parsed.quotes, "While relations between Japan and China")
    assert q.speaker == "Shigeo Yamada" and q.partial is False and q.cue == "told"
    assert role_of(parsed, "Shigeo Yamada") == "Japanese Deputy Minister of Foreign Affairs"


def test_seed_negative_moves_is_partial_by_sun_weidong():
    parsed = parse_seed("000")
    q = only(parsed.quotes, "negative moves")
    assert q.text == "negative moves"
    assert q.partial is True and q.speaker == "Sun Weidong"


def test_seed_around_spring():
    reuters, other = parse_seed("002"), parse_seed("000")
    q = only(reuters.quotes, "around spring")
    assert q.partial and q.speaker == "Japan's foreign ministry" and q.cue == "added"
    q = only(other.quotes, "around spring")
    assert q.partial and q.speaker is None


def test_closing_punctuation_is_left_out_so_outlets_quote_the_same_words():
    first = parse('Port chief Lena Abt said, "The cranes are back."\n')
    second = parse('"The cranes are back," port chief Lena Abt said.\n')
    kept = parse('Lena Abt, the port chief, asked: "Who pays?" She said, "We wait..."\n')
    assert [q.text for q in first.quotes] == [q.text for q in second.quotes] == ["The cranes are back"]
    assert [q.text for q in kept.quotes] == ["Who pays?", "We wait..."]


# -- more marks, cues and speakers (made-up text) -----------------------------


def test_single_marks_and_apostrophes():
    parsed = parse(
        "Council leader Ada Obi spoke.\n"
        "'We cannot pay twice for the workers' union,' she said.\n"
        "Obi’s plan, the farmers’ view.\n"
    )
    assert [q.text for q in parsed.quotes] == ["We cannot pay twice for the workers' union"]
    assert parsed.quotes[0].speaker == "Ada Obi"
    assert_offsets(parsed)


def test_quote_inside_a_quote_is_part_of_it():
    parsed = parse("'He called it \"rubbish\",' Water Minister Ada Obi said.\n")
    assert [q.text for q in parsed.quotes] == ['He called it "rubbish"']


def test_quote_over_three_paragraphs_has_one_speaker():
    parsed = parse(
        "Water Minister Ada Obi was asked about the dam. She did not hesitate.\n\n"
        '"It was close. We had a text.\n\n'
        '"Then came the election.\n\n'
        '"Politics failed."\n'
    )
    assert [q.paragraph for q in parsed.quotes] == [2, 3, 4]
    assert {q.speaker for q in parsed.quotes} == {"Ada Obi"}
    assert_offsets(parsed)


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


# -- names and titles are not quotes -----------------------------------------


@pytest.mark.parametrize("text", [
    'The so-called "peace dividend" has not come.',
    'It is what critics dubbed "Plan B" last year.',
    'Her book "The Long Night" is out.',
    'They saw the film "Dune" twice.',
    'The town sits on the Pacific "Ring of Fire" and shakes often.',
    'Protesters held placards reading "Books not bailiffs" and "Save the Lane".',
    'A new group called "Friends of the River" met.',
    'Her new novel, "The Long Night", opens in a cellar.',
])
def test_names_and_titles_are_not_quotes(text):
    assert parse("Water Minister Ada Obi spoke.\n" + text + "\n").quotes == ()


def test_short_attributed_fragment_stays_a_quote():
    parsed = parse("Kenya's water ministry met them.\n"
                   'The sides agreed to set up a hotline "around spring", it added.\n')
    assert [q.text for q in parsed.quotes] == ["around spring"]


def test_outlet_relaying_a_person_is_not_the_speaker():
    parsed = parse('Judge Ada Obi said he had shown "not a flicker of remorse", the Courier said.\n')
    assert parsed.quotes[0].speaker == "Ada Obi"


def test_unattributed_fragment_keeps_the_reporting_verb_of_its_sentence():
    parsed = parse('One critic called the plan "a gift to landlords". The press calls it a "quiet revolution".\n')
    assert only(parsed.quotes, "gift").cue == "called"
    assert only(parsed.quotes, "quiet revolution").cue is None  # after "a": a label


def test_seed_around_spring_is_one_quote_of_both_sources():
    import dataclasses

    from briefing.assemble import assemble_brief
    from briefing.model import BriefMeta

    one, two = (dataclasses.replace(parse_seed(n), id=n) for n in ("000", "002"))
    brief = assemble_brief(BriefMeta(slug="s", title="t", date="2023-01-01"), [one, two])
    found = [q for q in brief.quotes if "around spring" in q.text]
    assert len(found) == 1 and len(found[0].sources) == 2


def test_colon_hands_the_quote_to_the_subject_before_it():
    parsed = parse(
        'Dr Ada Obi, head of the clinic board, welcomed the plan: "No mother should wait."\n'
        'We met engineer Tunde Bello at the dam. He was blunt: "The wall will not hold."\n'
    )
    assert [(q.speaker, q.partial) for q in parsed.quotes] == [("Ada Obi", False), ("Tunde Bello", False)]
