from briefing.align import align_sentences
from briefing.attribution import detect_rewrites
from briefing.background import expand_names, select_background, topic_names
from briefing.model import PLACE, Entity
from sourcefactory import make_source, rewrite, wire

HARBOUR = make_source(
    "gazette",
    "\n".join(
        [
            "Fishermen from both shores returned to the bay on Monday after a week of storms.",
            "Lindholm says the waters it calls Grey Bay are its own; Osterby calls them Saltmere Bay.",
            "Lindholm points to a treaty signed in 1820. Osterby says its boats have fished there since the 1890s. "
            "The bay was split by a line drawn in 1952 that neither side now accepts.",
            "A court in 1999 ruled on a different case about river tolls.",
            "Talks between the two are due to resume in June.",
        ]
    ),
    date="2024-05-06",
    dates=[("on Monday", "2024-05-06"), ("1820", "1820"), ("1890s", "1890s"), ("1952", "1952"),
           ("1999", "1999"), ("in June", "2024-06")],
)


def _select(topic, *sources, entities=(), date="2024-05-06"):
    facts = align_sentences(sources)
    return select_background(topic, sources, facts, detect_rewrites(sources, facts),
                             entities=entities, reference_date=date)


def test_topic_names_split_on_slash_and_share_a_trailing_word():
    assert set(topic_names("Grey/Saltmere Bay")) == {"Grey", "Saltmere", "Grey Bay", "Saltmere Bay"}
    assert topic_names("Harbour dispute") == ("Harbour dispute",)


def test_place_entities_add_their_other_names():
    bay = Entity("grey-bay", PLACE, "Grey Bay", ("Mistwater",), None, "places/grey-bay/",
                 (("Saltmere Bay", "Osterby"),))
    river = Entity("lune", PLACE, "Lune", (), None, "places/lune/")
    assert set(expand_names(["Grey Bay"], [bay, river])) == {"Grey Bay", "Mistwater", "Saltmere Bay"}


def test_topic_sentences_and_the_history_around_them():
    background = _select("Grey/Saltmere Bay", HARBOUR)
    texts = [item.text for item in background.items]
    assert background.topic == "Grey/Saltmere Bay"
    assert texts == [
        "Lindholm says the waters it calls Grey Bay are its own; Osterby calls them Saltmere Bay.",
        "Lindholm points to a treaty signed in 1820.",
        "Osterby says its boats have fished there since the 1890s.",
        "The bay was split by a line drawn in 1952 that neither side now accepts.",
    ]  # 1999 is history but two paragraphs away; June is not history


def test_alias_of_a_matching_place_finds_sentences():
    s = make_source("s", "Boats crowded Mistwater on Monday.\nNothing else happened.")
    bay = Entity("grey-bay", PLACE, "Grey Bay", ("Mistwater",), None, "places/grey-bay/")
    assert [i.text for i in _select("Grey Bay", s, entities=[bay]).items] == ["Boats crowded Mistwater on Monday."]


def test_without_topic_historical_dates_pick_the_background_in_date_order():
    background = _select(None, HARBOUR)
    assert background.topic is None
    assert [i.text[:20] for i in background.items] == [
        "Lindholm points to a",
        "Osterby says its boa",
        "The bay was split by",
        "A court in 1999 rule",
    ]


def test_items_merge_across_sources_with_evidence_from_each():
    a, b = wire(dates=[("1911", "1911")]), rewrite(dates=[])
    twin = make_source("twin", "The Old Quay of Valmora was built in 1911.", outlet="T", dates=[("1911", "1911")])
    background = _select("Old Quay", a, b, twin)
    item = next(i for i in background.items if "1911" in i.text)
    assert item.sources == ("northwire", "twin")
    assert [e.source for e in item.evidence] == ["northwire", "twin"]
    raws = {"northwire": a.raw, "twin": twin.raw}
    assert all(raws[e.source][e.start:e.end] == "The Old Quay of Valmora was built in 1911." for e in item.evidence)


def test_no_matches_gives_an_empty_section_with_its_topic():
    assert _select("Nowhere Sound", wire()).items == ()


def test_history_told_over_several_paragraphs_is_followed_to_its_end():
    s = make_source("s", "\n".join([
        "Fishermen of Lindholm and Osterby both claim Grey Bay.",
        "Lindholm points to a treaty signed in 1820.",
        "Osterby says its boats have fished there since the 1890s.",
        "A line drawn in 1952 split the bay.",
        "Boats from both towns went out on Monday.",
        "A court in 1999 ruled on a different case about river tolls."]),
        date="2024-05-06",
        dates=[("1820", "1820"), ("1890s", "1890s"), ("1952", "1952"), ("on Monday", "2024-05-06"), ("1999", "1999")])
    texts = [i.text[:12] for i in _select("Grey Bay", s).items]
    assert texts == ["Fishermen of", "Lindholm poi", "Osterby says", "A line drawn"]


def test_a_disputed_place_gives_both_names_and_the_sentence_naming_both_first():
    s = make_source("s", "Boats crowded Grey Bay on Monday.\n"
                         "The waters are called Grey Bay in Lindholm and Saltmere Bay in Osterby.",
                    date="2024-05-06")
    bay = Entity("grey-bay", PLACE, "Grey Bay", ("Saltmere Bay",), None, "places/grey-bay/",
                 (("Grey Bay", "Lindholm"), ("Saltmere Bay", "Osterby")))
    background = _select("Grey Bay", s, entities=[bay])
    assert background.names_by_user == (("Grey Bay", "Lindholm"), ("Saltmere Bay", "Osterby"))
    assert background.items[0].text.startswith("The waters are called")
