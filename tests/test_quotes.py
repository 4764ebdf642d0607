"""quotes.py: quote marks, multi-paragraph quotes, cues, speakers, partial."""

from __future__ import annotations

import pytest

from briefing.parse import parse_source
from briefing.quotes import headline_quotes
from parsing import only, parse, role_of
from seeds import seed_path




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
    'Farmers spoke of what growers now call the "dry spring" of 2019.',
    'He described what the union called a "paper shift", unpaid on Sundays.',
    'Marta Velk, known in the market as "the Hammer", sold fish.',
    'Obi said the ministry would keep its "Every Drop Counts" campaign.',
    'The report, "Salt and soil in the lower delta after a decade of drought", is long.',
    'The mill has marketed part of its flour as "storm wheat" since spring.',
    'Such reefs, sometimes called "twilight" reefs, lie deep.',
    'The chatbot can invent facts, which engineers call "drift", in long answers.',
    'Her first feature, "Paper Lanterns", premiered in Oslo.',
    'His best-known composition, "Harbour Lights", was recorded in 1971.',
    'The scheme paid early savers their "dividends" out of new deposits.',
    'The funds came from the hamlet\'s yearly "Harvest Lantern Night".',
    'Ada Obi said the board would open a new "Quick Berth" wharf by May.',
    'Obi thanked donors to a winter appeal, "Warm the Ward", which raised £9,000.',
    'A guard saw a man in a cap with "ROVERS" printed on the peak.',
    'Economists have begun to use the phrase "grey dividend" for it.',
    'Rain fell in a pattern forecasters call "stalling" for hours.',
])
def test_names_and_titles_are_not_quotes(text):
    assert parse("Water Minister Ada Obi spoke.\n" + text + "\n").quotes == ()


def test_a_term_labelled_once_is_a_label_wherever_it_is_quoted():
    parsed = parse("Pickers fined for 'late boxes'\n"
                   "Water Minister Ada Obi spoke.\n"
                   "Workers were docked pay for what the estate called 'late boxes', Obi said.\n")
    assert parsed.quotes == ()


@pytest.mark.parametrize("text, quoted", [
    ('Ada Obi called the plan "reckless" on Monday.', "reckless"),
    ('Ada Obi warned against "negative moves" by the board.', "negative moves"),
    ('Ada Obi said what mattered was "a fair wage for a day of work".', "a fair wage for a day of work"),
    ('Ada Obi described the reform as "a gift to landlords".', "a gift to landlords"),
    ('Ada Obi attacked what she called "a decade of cuts".', "a decade of cuts"),
    ('Ada Obi praised what one critic called its "quiet courage".', "quiet courage"),
    ('Ada Obi rejected what the mayor called a "betrayal of farmers".', "betrayal of farmers"),
    ('Ada Obi backed the dam, which she called "a lifeline".', "a lifeline"),
    ('The board backed the dam, which it called "the decision of a generation".', "the decision of a generation"),
    ('Ada Obi criticised their "arrogance" at the hearing.', "arrogance"),
    ('Ada Obi said, "Never Again Will We Wait", and left.', "Never Again Will We Wait"),
    ('Ada Obi gave one answer: "Build The Dam".', "Build The Dam"),
    ('Ada Obi had the last word: "Never again."', "Never again"),
    ('Ada Obi attacked the plan the minister called "a fair deal".', "a fair deal"),
    ('Ada Obi attacked the plan Tom Reyes called "a fair deal".', "a fair deal"),
])
def test_partial_quotes_near_naming_words_stay_quotes(text, quoted):
    parsed = parse("Water Minister Ada Obi spoke.\n" + text + "\n")
    assert [q.text for q in parsed.quotes] == [quoted]


def test_a_quote_ending_in_s_before_a_word_closes_when_nothing_else_does():
    parsed = parse("Water Minister Ada Obi spoke.\n"
                   "The ministry said it 'firmly denies' the claims and the farmers' union agreed.\n")
    assert [q.text for q in parsed.quotes] == ["firmly denies"]


def test_a_plural_possessive_inside_a_quote_is_an_apostrophe():
    parsed = parse("Water Minister Ada Obi spoke.\n"
                   "'The farmers' union will be heard,' Obi said.\n")
    assert [q.text for q in parsed.quotes] == ["The farmers' union will be heard"]


def test_a_sign_cue_further_back_does_not_make_a_later_quote_a_label():
    parsed = parse("Water Minister Ada Obi spoke.\n"
                   'The trouble, she was quoted as saying, was that "nobody checked the pumps".\n')
    assert [q.text for q in parsed.quotes] == ["nobody checked the pumps"]


def test_a_quote_after_a_sign_that_ends_a_sentence_is_speech():
    parsed = parse("Water Minister Ada Obi spoke.\n"
                   '"We listen," Obi said, under a banner that read "Water for All." "When a pipe leaks, we fix it."\n')
    assert "When a pipe leaks, we fix it" in [q.text for q in parsed.quotes]
    assert "Water for All" not in [q.text for q in parsed.quotes]


def test_short_attributed_fragment_stays_a_quote():
    parsed = parse("Kenya's water ministry met them.\n"
                   'The sides agreed to set up a hotline "around spring", it added.\n')
    assert [q.text for q in parsed.quotes] == ["around spring"]


def test_seed_around_spring_is_one_quote_of_both_sources():
    import dataclasses

    from briefing.assemble import assemble_brief
    from briefing.model import BriefMeta

    one, two = (dataclasses.replace(parse_seed(n), id=n) for n in ("000", "002"))
    brief = assemble_brief(BriefMeta(slug="s", title="t", date="2023-01-01"), [one, two])
    found = [q for q in brief.quotes if "around spring" in q.text]
    assert len(found) == 1 and len(found[0].sources) == 2


def test_headline_quotes_are_quoted_words_of_the_headline_and_headings_not_titles():
    raw = ("'Not one more delay': Harlow tram line to open in May\n\n"
           "The tram line will open in May, the council said.\n\n"
           "Director's film 'Salt Roads' opens festival\n\n"
           "The festival opened on Friday.\n")
    source = parse_source(raw, source_id="t", path="t.txt")
    assert [q.text for q in headline_quotes(source.raw, source.blocks)] == ["Not one more delay"]
