from briefing.align import align_sentences
from briefing.attribution import (
    attribute_sources,
    credits_in_prose,
    credits_outlet,
    detect_rewrites,
    unique_points,
)
from briefing.model import KeyPoint
from sourcefactory import REWRITE_TEXT, WIRE_TEXT, make_source, person, rewrite, wire


def _derived(*sources):
    return detect_rewrites(sources, align_sentences(sources))


def test_the_source_crediting_the_other_is_the_rewrite():
    assert _derived(wire(), rewrite()) == {"lantern": "northwire", "northwire": None}


def test_credit_decides_direction_even_when_the_rewrite_is_older_or_shorter():
    derived = _derived(wire(credits=["Daily Lantern"], date="2024-05-07"), rewrite(credits=[]))
    assert derived == {"lantern": None, "northwire": "lantern"}


def test_no_rewrite_without_enough_overlap_even_with_a_credit():
    other = make_source("other", "Farmers in Osterby harvested a record wheat crop this summer.\n"
                                 "Prices fell by a third as a result.", outlet="Farm Post")
    assert _derived(other, rewrite(credits=["Farm Post"])) == {"lantern": None, "other": None}


def test_overwhelming_overlap_without_credit_is_a_rewrite_the_later_one():
    early = make_source("early", WIRE_TEXT, outlet="A", date="2024-05-06")
    late = make_source("late", WIRE_TEXT, outlet="B", date="2024-05-07")
    assert _derived(early, late) == {"early": None, "late": "early"}


def test_overwhelming_overlap_undated_says_nothing_of_direction_by_length():
    # A paraphrase that pads the wire copy is longer, but an original is
    # usually the longer one too: sentence counts name no direction.
    short = make_source("short", "\n".join(WIRE_TEXT.splitlines()[:4]), outlet="A")
    longer = make_source("longer", "\n".join(REWRITE_TEXT.splitlines()), outlet="B")
    assert _derived(short, longer) == {"longer": None, "short": None}


def test_partial_overlap_without_credit_is_independent():
    half = make_source("half", "\n".join(REWRITE_TEXT.splitlines()[:2]) + "\nThe mayor of Valmora welcomed the end of the dispute.\nShe promised a review of the port's finances.\nA new crane arrives next month.", outlet="B")
    assert _derived(wire(), half) == {"half": None, "northwire": None}


def test_never_both_directions():
    # Each credits the other and nothing else tells them apart: at most one
    # direction (here none, as nothing names the original).
    a = make_source("a", WIRE_TEXT, outlet="A", credits=["B"])
    b = make_source("b", WIRE_TEXT, outlet="B", credits=["A"])
    derived = _derived(a, b)
    assert sorted(v for v in derived.values() if v) in ([], ["a"], ["b"])


def test_crediting_ones_own_outlet_is_not_crediting_another():
    assert not credits_outlet(wire(credits=["Northwire"]), wire())
    assert credits_outlet(rewrite(), wire())


def test_a_dateline_naming_the_outlet_is_a_credit():
    copy = make_source("copy", "VALMORA (Northwire) - " + WIRE_TEXT, outlet="Daily Lantern")
    assert credits_outlet(copy, wire())
    assert not credits_outlet(make_source("own", "VALMORA (Daily Lantern) - Text.", outlet="X"), wire())


def _kp(id, *sources):
    return KeyPoint(id, "x", tuple(sources), ())


def test_unique_points_are_what_only_that_source_reports():
    points = [_kp("k1", "lantern", "northwire"), _kp("k2", "lantern"), _kp("k3", "northwire", "third")]
    assert unique_points("northwire", points) == ()
    assert unique_points("lantern", points) == ("k2",)
    assert unique_points("third", points) == ()


def test_attribution_lists_every_source_by_id_with_its_page():
    a, b = wire(), rewrite()
    derived = {"lantern": "northwire", "northwire": None}
    out = attribute_sources("port-strike", [a, b], derived, [_kp("k1", "lantern", "northwire")])
    assert [s.id for s in out] == ["lantern", "northwire"]
    lantern, northwire = out
    assert lantern.derived_from == "northwire" and northwire.derived_from is None
    assert lantern.page == "briefs/port-strike/sources/lantern/"
    assert northwire.unique_points == () and lantern.unique_points == ()
    assert (northwire.outlet, northwire.dateline, northwire.date) == ("Northwire", "VALMORA", "2024-05-06")
    assert lantern.credits == ("Northwire",)


def test_a_paraphrase_naming_the_original_outlet_in_its_story_is_the_rewrite():
    text = REWRITE_TEXT.replace("Shipping firms are clearly the real losers of this dispute.",
                                "Northwire reported that the vote was close.")
    named = make_source("named", text, outlet="Daily Lantern")
    assert credits_outlet(named, wire())
    assert _derived(wire(), named) == {"named": "northwire", "northwire": None}


def test_an_original_without_outlet_header_is_known_by_its_wire_dateline():
    original = make_source("orig", "VALMORA (Northwire) - " + WIRE_TEXT)
    named = make_source("named", REWRITE_TEXT + "\nNorthwire reported the vote.", outlet="Daily Lantern")
    assert credits_outlet(named, original)
    assert not credits_outlet(original, named)


def test_a_masthead_names_an_original_without_outlet_header():
    from dataclasses import replace
    from briefing.model import Block
    original = replace(make_source("orig", WIRE_TEXT), blocks=(Block("label", 0, 13, "VALMORA DAILY"),))
    named = make_source("named", REWRITE_TEXT + "\nThe vote was close, the Valmora Daily reports.", outlet="Daily Lantern")
    assert credits_outlet(named, original)
    assert not credits_outlet(original, named)
    assert _derived(original, named) == {"named": "orig", "orig": None}


def test_a_wire_agency_credited_by_its_short_form():
    original = make_source("orig", WIRE_TEXT, outlet="Agence France-Presse")
    named = make_source("named", REWRITE_TEXT + "\nThe vote was close, according to AFP.", outlet="Daily Lantern")
    assert credits_outlet(named, original)


def test_a_masthead_word_in_ordinary_prose_is_no_credit():
    from dataclasses import replace
    from briefing.model import Block
    original = replace(make_source("orig", WIRE_TEXT), blocks=(Block("label", 0, 8, "ANALYSIS"),))
    named = make_source("named", REWRITE_TEXT + "\nAn analysis of the vote shows it was close.", outlet="Daily Lantern")
    assert not credits_outlet(named, original)


def test_a_heavy_paraphrase_crediting_the_original_in_prose_is_the_rewrite():
    # Two of five sentences align: too little overlap alone, but the story
    # says where it got them.
    original = make_source("orig", WIRE_TEXT, title="Harbour Ledger | Business")
    text = "\n".join([
        "Dock workers in Valmora voted on Monday to end a nine-day strike after the port authority agreed to raise wages by 6%.",
        "Okafor said the deal also guarantees 40 new jobs at the container yard, the Harbour Ledger reported.",
        "Cafes near the gates reopened by lunchtime.",
        "Taxi drivers said trade was slow all week.",
        "A fishing festival is planned for the weekend.",
    ])
    named = make_source("named", text, outlet="Daily Lantern")
    assert credits_outlet(named, original)
    assert _derived(original, named) == {"named": "orig", "orig": None}


def test_a_photo_credit_alone_needs_most_of_the_story_shared():
    text = "\n".join([
        "Dock workers in Valmora voted on Monday to end a nine-day strike after the port authority agreed to raise wages by 6%.",
        "Okafor said the deal also guarantees 40 new jobs at the container yard.",
        "Cafes near the gates reopened by lunchtime.",
        "Taxi drivers said trade was slow all week.",
        "A fishing festival is planned for the weekend.",
    ])
    named = make_source("named", text, outlet="Daily Lantern", credits=["Northwire"])
    assert _derived(wire(), named) == {"named": None, "northwire": None}


_CANNERY = [
    "Workers at the Brindlewick fish cannery walked out on Tuesday after talks on night-shift pay broke down.",
    '"We have waited two years for a fair offer and we will not wait any longer," said union organiser Tessaly Marrow.',
    '"The machines can stop for a week, but our families cannot live on promises," Marrow added.',
    "The company said it had offered a rise of 3% and called the walkout premature.",
    '"Our door remains open and we expect the lines to restart by the weekend," said plant manager Oren Vashti.',
    '"Nobody wins when the boats land and there is nowhere to take the catch," said harbourmaster Ilse Danecroft.',
]


def test_a_paraphrase_copying_most_of_the_quotes_of_a_fuller_story_is_the_rewrite():
    # No outlet, no date, no credit: the rewrite words the prose its own way
    # but its quotes are the original's, word for word, and fewer.
    original = make_source("fuller", "\n".join(_CANNERY), quotes=[
        ("We have waited two years for a fair offer and we will not wait any longer", "Tessaly Marrow"),
        ("The machines can stop for a week, but our families cannot live on promises", "Tessaly Marrow"),
        ("Our door remains open and we expect the lines to restart by the weekend", "Oren Vashti"),
        ("Nobody wins when the boats land and there is nowhere to take the catch", "Ilse Danecroft"),
    ])
    text = "\n".join([
        "Night-shift staff at a cannery in Brindlewick have gone on strike over pay, with talks collapsing on Tuesday.",
        'Union organiser Tessaly Marrow said: "We have waited two years for a fair offer and we will not wait any longer."',
        '"The machines can stop for a week, but our families cannot live on promises," she said.',
        'Manager Oren Vashti said: "Our door remains open and we expect the lines to restart by the weekend."',
    ])
    rewrite_ = make_source("retold", text, quotes=[
        ("We have waited two years for a fair offer and we will not wait any longer", "Tessaly Marrow"),
        ("The machines can stop for a week, but our families cannot live on promises", "Tessaly Marrow"),
        ("Our door remains open and we expect the lines to restart by the weekend", "Oren Vashti"),
    ])
    assert _derived(original, rewrite_) == {"fuller": None, "retold": "fuller"}


def test_independent_reports_sharing_one_officials_quote_are_not_rewrites():
    statement = "Our door remains open and we expect the lines to restart by the weekend"
    first = make_source("first", "\n".join(_CANNERY), quotes=[
        ("We have waited two years for a fair offer and we will not wait any longer", "Tessaly Marrow"),
        (statement, "Oren Vashti"),
        ("Nobody wins when the boats land and there is nowhere to take the catch", "Ilse Danecroft"),
    ])
    text = "\n".join([
        "Night-shift staff at a cannery in Brindlewick have gone on strike over pay, with talks collapsing on Tuesday.",
        '"I have packed fish here for nineteen years and never seen the floor this angry," said packer Dunmore Quayle.',
        'Plant manager Oren Vashti said: "Our door remains open and we expect the lines to restart by the weekend."',
        "Trawler crews said they would sell their catch further up the coast.",
    ])
    second = make_source("second", text, quotes=[
        ("I have packed fish here for nineteen years and never seen the floor this angry", "Dunmore Quayle"),
        (statement, "Oren Vashti"),
    ])
    assert _derived(first, second) == {"first": None, "second": None}


# A ferry story told by a wire desk and re-told, uncredited, by a site.
_FERRY_QUOTES = [
    ("The fog came down in under a minute and we lost sight of the breakwater", "Benedek Arvane"),
    ("Everyone was on deck in life jackets before the engines had even stopped", "Sunniva Tolk"),
    ("I held my daughter and counted the lifeboats over and over again", "Maren Quist"),
    ("We will review every crossing made in poor visibility this winter", "Osric Fenwold"),
]
_FERRY = [
    "The Quillmere ferry Gannet ran aground at 6:40 on Thursday with 212 passengers aboard, 14 minutes after leaving the harbour.",
    '"The fog came down in under a minute and we lost sight of the breakwater," said pilot Benedek Arvane, 58.',
    '"Everyone was on deck in life jackets before the engines had even stopped," said purser Sunniva Tolk.',
    'Passenger Maren Quist said: "I held my daughter and counted the lifeboats over and over again."',
    "Three people were treated for minor injuries and the hull was holed 40 metres from the bow.",
    '"We will review every crossing made in poor visibility this winter," said harbour master Osric Fenwold.',
    "The Gannet entered service in 1998 and was last inspected in March.",
]
_FERRY_PEOPLE = [person("Benedek Arvane"), person("Sunniva Tolk"), person("Maren Quist"), person("Osric Fenwold")]


def _ferry_wire(source_id="tidewire", **kw):
    return make_source(source_id, "\n".join(_FERRY), quotes=_FERRY_QUOTES, entities=_FERRY_PEOPLE, **kw)


def _ferry_retold(source_id="digest", quotes=_FERRY_QUOTES[:3], extra=(), **kw):
    lines = [
        "A ferry carrying more than 200 people hit rocks outside Quillmere harbour on Thursday morning.",
        'Its pilot, Benedek Arvane, said: "The fog came down in under a minute and we lost sight of the breakwater."',
        '"Everyone was on deck in life jackets before the engines had even stopped," purser Sunniva Tolk said.',
        '"I held my daughter and counted the lifeboats over and over again," said Maren Quist, who was aboard.',
    ]
    if len(quotes) == 4:
        lines.append('Harbour master Osric Fenwold said: "We will review every crossing made in poor visibility this winter."')
    lines += [line for line, _ in extra]
    people = [p for p in _FERRY_PEOPLE if any(p.name == who for _, who in quotes)]
    return make_source(source_id, "\n".join(lines), quotes=[*quotes, *(q for _, q in extra)],
                       entities=people + [person(q[1]) for _, q in extra], **kw)


def test_an_uncredited_shorter_retelling_quoting_a_subset_is_the_rewrite():
    # No outlet, date or credit: the retelling has fewer facts (no times,
    # counts, ages) and only quotes the wire copy has.
    assert _derived(_ferry_wire(), _ferry_retold()) == {"digest": "tidewire", "tidewire": None}


def test_direction_does_not_depend_on_ids_or_order():
    for wire_id, retold_id in (("aaa", "zzz"), ("zzz", "aaa")):
        original, retold = _ferry_wire(wire_id), _ferry_retold(retold_id)
        expected = {retold_id: wire_id, wire_id: None}
        assert _derived(original, retold) == expected
        assert _derived(retold, original) == expected


def test_two_equal_copies_with_no_sign_of_direction_derive_from_nothing():
    # Same quotes, same facts, neither dated nor credited: either could
    # be the original, so neither is said to be.
    first = _ferry_retold("first", quotes=_FERRY_QUOTES)
    second = make_source("second", first.raw.replace("hit rocks", "ran onto rocks"),
                         quotes=_FERRY_QUOTES, entities=_FERRY_PEOPLE)
    assert _derived(first, second) == {"first": None, "second": None}
    assert _derived(second, first) == {"first": None, "second": None}


def test_a_retelling_adding_a_quote_of_its_own_is_still_the_rewrite():
    # It keeps every quote of the wire copy and adds a line from elsewhere:
    # its quotes are no longer a subset, but the wire copy's times, counts
    # and ages are still what it lacks.
    extra = [('"The beacon on the point had been dark for a week," said fisherman Torvald Brisk.',
              ("The beacon on the point had been dark for a week", "Torvald Brisk"))]
    retold = _ferry_retold(quotes=_FERRY_QUOTES, extra=extra)
    assert _derived(_ferry_wire(), retold) == {"digest": "tidewire", "tidewire": None}
    assert _derived(retold, _ferry_wire()) == {"digest": "tidewire", "tidewire": None}


def test_signals_of_direction_that_disagree_name_no_rewrite():
    # The fuller copy is dated a day after the other: no guess.
    original = _ferry_wire(date="2024-02-09")
    retold = _ferry_retold(date="2024-02-08")
    assert _derived(original, retold) == {"digest": None, "tidewire": None}


def test_a_wire_dateline_marks_the_original_of_two_equal_copies():
    retold = _ferry_retold(quotes=_FERRY_QUOTES)
    wire_copy = make_source("wirecopy", "QUILLMERE (Tidewire) - " + retold.raw.replace("hit rocks", "ran onto rocks"),
                            quotes=_FERRY_QUOTES, entities=_FERRY_PEOPLE)
    assert _derived(retold, wire_copy) == {"digest": "wirecopy", "wirecopy": None}


def test_an_agency_dateline_that_gave_the_outlet_still_marks_the_original():
    # With no header, the parser takes the dateline's agency for the outlet:
    # "QUILLMERE (Kyodo) -" is then both the outlet and the wire mark.
    retold = _ferry_retold(quotes=_FERRY_QUOTES)
    text = "QUILLMERE (Kyodo) - " + retold.raw.replace("hit rocks", "ran onto rocks")
    wire_copy = make_source("wirecopy", text, outlet="Kyodo", quotes=_FERRY_QUOTES, entities=_FERRY_PEOPLE)
    assert _derived(retold, wire_copy) == {"digest": "wirecopy", "wirecopy": None}
    assert _derived(wire_copy, retold) == {"digest": "wirecopy", "wirecopy": None}


def test_a_site_naming_itself_in_its_dateline_marks_no_wire_copy():
    retold = _ferry_retold(quotes=_FERRY_QUOTES)
    text = "QUILLMERE (Harbour Pages) - " + retold.raw.replace("hit rocks", "ran onto rocks")
    own = make_source("own", text, outlet="Harbour Pages", quotes=_FERRY_QUOTES, entities=_FERRY_PEOPLE)
    assert _derived(retold, own) == {"digest": None, "own": None}


def test_a_credit_in_prose_is_the_outlet_named_with_a_credit_in_one_paragraph():
    northwire = make_source("northwire", WIRE_TEXT, outlet="Northwire")
    in_prose = lambda text: credits_in_prose(make_source("named", text, outlet="Daily Lantern"), northwire)
    assert in_prose("The vote was close, according to NORTHWIRE.")
    assert in_prose("The vote was close.\n\nThe northwire reported it first.")
    assert not in_prose("Northwire staff walked out.")  # named, but not as a source
    assert not in_prose("The vote was close, according to officials.\n\nNorthwire staff walked out.")
    assert not in_prose("According to Northwires, it was close.")  # not the outlet's name
