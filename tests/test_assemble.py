

from dataclasses import replace

from briefing.assemble import assemble_brief, extractive_summary
from briefing.model import PERSON, PLACE, BriefMeta, Registry, RegistryEntry, Speaker
from briefing.parse import parse_source
from seeds import seed_paths
from sourcefactory import make_source, organisation, person, place, rewrite, wire

META = BriefMeta(slug="port-strike", title="Valmora dockers end strike", date="2024-05-06")


def _brief(*sources, meta=META, **kwargs):
    return assemble_brief(meta, sources, **kwargs)


def _entity(brief, name):
    return next(e for e in brief.entities if e.name == name)


# --- entities -------------------------------------------------------------


def test_same_person_across_sources_and_surnames_is_one_entity():
    brief = _brief(wire(), rewrite())
    people = [e for e in brief.entities if e.kind == PERSON]
    assert [p.name for p in people] == ["Ada Okafor"]
    assert people[0].aliases == ("Okafor",)
    assert people[0].id == "ada-okafor" and people[0].url == "people/ada-okafor/"


def test_a_lone_surname_or_family_name_joins_the_full_name():
    a = make_source("a", "Okafor spoke. Wen spoke.", entities=[person("Ada Okafor"), person("Wen Lishan")])
    b = make_source("b", "Okafor spoke. Wen spoke.", entities=[person("Okafor"), person("Wen")])
    brief = _brief(a, b)
    assert [(e.name, e.aliases) for e in brief.entities] == [("Ada Okafor", ("Okafor",)), ("Wen Lishan", ("Wen",))]


def test_a_name_without_its_middle_name_joins_the_one_longer_name():
    a = make_source("a", "Tevita Moala Fifita spoke.", entities=[person("Tevita Moala Fifita")])
    b = make_source("b", "Tevita Fifita spoke.", entities=[person("Tevita Fifita")])
    (tevita,) = _brief(a, b).entities
    assert tevita.name == "Tevita Moala Fifita" and "Tevita Fifita" in tevita.aliases
    c = make_source("c", "Tevita Lui Fifita spoke.", entities=[person("Tevita Lui Fifita")])
    assert len(_brief(a, b, c).entities) == 3  # two longer names: which one is meant is unknown


def test_forms_differing_only_in_case_and_full_stops_are_one_entity():
    a = make_source("a", "The U.K. agreed.", entities=[place("United Kingdom", aliases=("U.K.",))])
    b = make_source("b", "The UK agreed.", entities=[place("UK")])
    (kingdom,) = _brief(a, b).entities
    assert kingdom.name == "United Kingdom" and set(kingdom.aliases) >= {"U.K.", "UK"}


def test_longest_role_seen_is_kept():
    assert _entity(_brief(wire(), rewrite()), "Ada Okafor").role == "union leader"


def test_ambiguous_surname_is_not_merged():
    s = make_source("s", "Okafor spoke first.", entities=[person("Ada Okafor"), person("Ben Okafor"), person("Okafor")])
    names = sorted(e.name for e in _brief(s).entities)
    assert names == ["Ada Okafor", "Ben Okafor", "Okafor"]


def test_registry_adds_aliases_and_role_and_merges_forms():
    s = make_source("s", "A. Okafor spoke first. The Union Chief spoke later.",
                    entities=[person("A. Okafor"), person("Union Chief")])
    registry = Registry((RegistryEntry(PERSON, "Ada Okafor", "Secretary of the union", ("A. Okafor", "Union Chief")),))
    brief = _brief(s, registry=registry)
    assert [(e.name, e.role, e.aliases) for e in brief.entities] == [
        ("Ada Okafor", "Secretary of the union", ("A. Okafor", "Union Chief"))]


def test_kinds_urls_and_unique_slugs():
    s = make_source("s", "Valmora is calm.", entities=[
        place("Valmora", names_by_user=(("Valmora", "Lindholm"),)),
        organisation("Valmora!"),
        place("Grey Bay", names_by_user=(("Saltmere Bay", "Osterby"),)),
        place("Saltmere Bay")])
    brief = _brief(s)
    assert [(e.kind, e.id, e.url) for e in brief.entities] == [
        ("place", "grey-bay", "places/grey-bay/"),
        ("place", "valmora", "places/valmora/"),
        ("organisation", "valmora-2", "organisations/valmora-2/"),
    ]
    assert _entity(brief, "Grey Bay").aliases == ("Saltmere Bay",)
    assert _entity(brief, "Grey Bay").names_by_user == (("Saltmere Bay", "Osterby"),)


def test_registry_place_names_reach_the_background():
    s = make_source("s", "Boats crowded Mistwater on Monday.\nNothing else happened today.")
    registry = Registry((RegistryEntry(PLACE, "Grey Bay", None, (), (("Mistwater", "Osterby"),)),))
    meta = BriefMeta("b", "B", "2024-05-06", background_topic="Grey Bay")
    assert [i.text for i in _brief(s, meta=meta, registry=registry).background.items] == [
        "Boats crowded Mistwater on Monday."]
    assert _brief(s, meta=meta).background.items == ()


def test_registry_entries_no_source_names_are_not_the_briefs_entities():
    registry = Registry((RegistryEntry(PERSON, "Ada Okafor", "Secretary", ("Okafor",)),
                         RegistryEntry(PERSON, "Zed Unmentioned", "Mayor")))
    brief = _brief(wire(), registry=registry)
    assert [e.name for e in brief.entities if e.kind == PERSON] == ["Ada Okafor"]
    assert _entity(brief, "Ada Okafor").role == "Secretary"  # the editor's role wins


# --- quotes ---------------------------------------------------------------


def test_same_quote_in_several_sources_is_one_quote_with_every_evidence():
    a = wire()
    b = rewrite(quotes=[("We have won what we came for!", "Okafor")])
    brief = _brief(a, b)
    assert len(brief.quotes) == 1
    quote = brief.quotes[0]
    assert quote.id == "q1"
    assert quote.text == "We have won what we came for"  # the original's words
    assert quote.sources == ("lantern", "northwire")
    raws = {"northwire": a.raw, "lantern": b.raw}
    assert [raws[e.source][e.start:e.end] for e in quote.evidence] == [
        "We have won what we came for!", "We have won what we came for"]
    assert quote.speaker == Speaker("ada-okafor", "Ada Okafor", "union leader", PERSON)


def test_different_quotes_stay_apart_and_are_numbered_in_order():
    a = wire(quotes=[("We have won what we came for", "Ada Okafor")])
    b = rewrite(quotes=[("We have won what we came for!", None), ("real losers", None, True)])
    b = make_source("lantern", b.raw.replace("Shipping firms are clearly the real losers",
                                             'Shipping firms are "the real losers"'),
                    outlet="Daily Lantern", credits=["Northwire"],
                    quotes=[("We have won what we came for!", None), ("the real losers", None, True)])
    brief = _brief(a, b)
    assert [(q.id, q.text, q.partial, q.sources) for q in brief.quotes] == [
        ("q1", "We have won what we came for", False, ("lantern", "northwire")),
        ("q2", "the real losers", True, ("lantern",)),
    ]
    assert brief.quotes[1].speaker is None
    assert brief.quotes[0].speaker.name == "Ada Okafor"  # from the mention that has one


def test_short_fragment_nobody_says_is_dropped_unless_another_source_attributes_it():
    text = 'Locals call it "the slow road". Okafor said the strike would end "by the weekend".\n'
    a = make_source("a", text, quotes=[("the slow road", None, True), ("by the weekend", "Ada Okafor", True)])
    b = make_source("b", 'The strike will end "by the weekend".\n', quotes=[("by the weekend", None, True)])
    a = replace(a, quotes=tuple(replace(q, cue=None) if q.speaker is None else q for q in a.quotes))
    b = replace(b, quotes=tuple(replace(q, cue=None) for q in b.quotes))
    brief = _brief(a, b)
    assert [(q.text, q.sources) for q in brief.quotes] == [("by the weekend", ("a", "b"))]


def test_short_fragment_after_a_reporting_word_is_a_quote_of_someone_unnamed():
    text = ('Planners backed the bridge, saying it would be "a lasting asset".\n'
            'It is, in the words of one ferryman, "the end of an era".\n'
            'Critics call it a "concrete folly".\n')
    a = make_source("a", text, quotes=[("a lasting asset", None, True), ("the end of an era", None, True),
                                       ("concrete folly", None, True)])
    a = replace(a, quotes=tuple(replace(q, cue=None) for q in a.quotes))
    assert [q.text for q in _brief(a).quotes] == ["a lasting asset", "the end of an era"]


def test_speaker_not_listed_as_entity_still_gets_one():
    s = make_source("s", '"All quiet," Bo Lind said.', quotes=[("All quiet,", "Bo Lind")])
    brief = _brief(s)
    assert brief.quotes[0].speaker == Speaker("bo-lind", "Bo Lind", None, PERSON)
    assert [e.url for e in brief.entities] == ["people/bo-lind/"]


# --- summary, sources, the whole ------------------------------------------


def test_editorial_summary_wins_and_is_marked():
    meta = BriefMeta("port-strike", "T", "2024-05-06", summary="Editors' words.")
    brief = _brief(wire(), rewrite(), meta=meta)
    assert (brief.summary, brief.summary_editorial) == ("Editors' words.", True)


def test_extractive_summary_comes_from_the_source_others_derive_from():
    brief = _brief(rewrite(), wire())
    assert brief.summary.startswith("Dock workers in Valmora voted")
    assert brief.summary_editorial is False


def test_extractive_summary_drops_a_wire_dateline():
    s = make_source("s", "VALMORA (Northwire) - Dock workers voted to end the strike. More later.", dateline="VALMORA")
    assert extractive_summary(s) == "Dock workers voted to end the strike."


def test_sources_sorted_by_id_with_rewrite_and_unique_points():
    brief = _brief(wire(), rewrite())
    assert [s.id for s in brief.sources] == ["lantern", "northwire"]
    lantern, northwire = brief.sources
    assert lantern.derived_from == "northwire"
    for source in brief.sources:
        only_here = {kp.id for kp in brief.key_points if kp.sources == (source.id,)}
        assert set(source.unique_points) == only_here


def test_everything_extracted_is_verbatim_from_its_evidence():
    a, b = wire(), rewrite()
    brief = _brief(a, b, meta=BriefMeta("p", "T", "2024-05-06", background_topic="Old Quay"))
    raws = {"northwire": a.raw, "lantern": b.raw}
    items = [*brief.key_points, *brief.background.items, *brief.timeline]
    assert brief.background.items and brief.timeline
    for item in items:
        assert item.text in [raws[e.source][e.start:e.end] for e in item.evidence]


def test_zero_sources_is_a_valid_empty_brief():
    brief = _brief()
    assert brief.key_points == brief.quotes == brief.timeline == brief.entities == brief.sources == ()
    assert brief.summary is None and brief.url == "briefs/port-strike/"
    assert brief.background.items == ()


def test_input_order_does_not_matter():
    assert _brief(wire(), rewrite()) == _brief(rewrite(), wire())


def test_max_key_points_is_passed_on():
    assert len(_brief(wire(), rewrite(), max_key_points=1).key_points) == 1


# --- the seed story, through the real parser --------------------------------

def test_seed_story_assembles_into_a_sourced_brief():
    files = seed_paths()
    assert len(files) == 2
    sources = [
        parse_source(f.read_bytes().decode("utf-8"), source_id=f.stem.replace("_", "-"), path=str(f),
                     reference_date="2023-02-22")
        for f in files
    ]
    rewrite_id, wire_id = sorted(s.id for s in sources)
    meta = BriefMeta("seed", "Seed", "2023-02-22", background_topic="Senkaku/Diaoyu Islands")
    brief = assemble_brief(meta, sources)

    assert [s.id for s in brief.sources] == [rewrite_id, wire_id]
    assert brief.sources[0].derived_from == wire_id and brief.sources[1].derived_from is None

    quote = next(q for q in brief.quotes if q.text.startswith("The international security situation"))
    assert quote.sources == (rewrite_id, wire_id)
    assert quote.speaker is not None and quote.speaker.name == "Sun Weidong"
    raws = {s.id: s.raw for s in sources}
    spans = [raws[e.source][e.start:e.end] for e in quote.evidence]
    assert quote.text in spans  # the original's words, verbatim
    assert {s.rstrip(".,") for s in spans} == {quote.text.rstrip(".,")}  # each source's own punctuation

    both = [kp for kp in brief.key_points if kp.sources == (rewrite_id, wire_id)]
    assert len(both) >= 3
    for kp in both:
        assert {e.source for e in kp.evidence} == {rewrite_id, wire_id}
        assert kp.text in [raws[e.source][e.start:e.end] for e in kp.evidence]

    background = " ".join(item.text for item in brief.background.items)
    assert "1895" in background and "1972" in background


def test_items_citing_the_same_sentence_share_one_evidence_object():
    # a brief is held in memory all build long: equal parts are made one object (briefing.sharing)
    files = seed_paths()
    sources = [parse_source(f.read_bytes().decode("utf-8"), source_id=f.stem.replace("_", "-"), path=str(f),
                            reference_date="2023-02-22") for f in files]
    brief = assemble_brief(BriefMeta("seed", "Seed", "2023-02-22"), sources)
    cited = [e for item in (*brief.key_points, *brief.quotes, *brief.timeline, *brief.background.items)
             for e in item.evidence]
    by_value = {}
    for evidence in cited:
        by_value.setdefault(evidence, set()).add(id(evidence))
    assert len(cited) > len(by_value)  # some sentences are cited by more than one item
    assert all(len(ids) == 1 for ids in by_value.values())


# --- quotes in a headline ---------------------------------------------------


def test_a_headlines_quoted_words_are_the_quote_of_whoever_says_them_in_the_story():
    text = ('The ferry to Oskarholm will stop in March, the operator said.\n'
            '"The boats are too old to keep running, and nobody will insure them," said captain Liv Brenner.\n')
    a = make_source("a", text, headline="'Too old to keep running': Oskarholm ferry to stop",
                    quotes=[("The boats are too old to keep running, and nobody will insure them", "Liv Brenner")],
                    entities=[person("Liv Brenner", "captain")])
    (quote,) = _brief(a).quotes
    assert quote.text.startswith("The boats are") and quote.speaker.name == "Liv Brenner"
    # evidence is a story paragraph a reader can be sent to (#pN), never the headline
    assert [(e.paragraph, e.start) for e in quote.evidence] == [(2, a.raw.index("The boats"))]


def test_a_headline_naming_its_speaker_by_the_colon_gives_the_story_quote_to_that_person():
    text = '"We open on Monday." The market hall burned down in May.\n'
    a = make_source("a", text, headline="'We open on Monday': Mayor Ines Calloway promises traders",
                    quotes=[("We open on Monday", None)],
                    entities=[person("Ines Calloway", "mayor")])
    (quote,) = _brief(a).quotes
    assert (quote.text, quote.speaker.name) == ("We open on Monday", "Ines Calloway")
    assert [e.paragraph for e in quote.evidence] == [1]


def test_a_headline_quote_no_story_paragraph_carries_is_left_out():
    text = "Ines Calloway said the market would reopen on Monday after repairs.\n"
    a = make_source("a", text, headline="'We open on Monday': Mayor Ines Calloway promises traders",
                    entities=[person("Ines Calloway", "mayor")])
    assert _brief(a).quotes == ()


def test_a_headlines_scare_quote_or_unmatched_phrase_is_no_quote():
    text = ('The two clubs agreed a "truce" on Friday.\n'
            '"This truce will hold," said chairman Edo Varga.\n')
    a = make_source("a", text, headline="'Truce' agreed as 'fragile calm' returns to Brennport derby",
                    quotes=[("This truce will hold", "Edo Varga")], entities=[person("Edo Varga", "chairman")])
    assert [q.text for q in _brief(a).quotes] == ["This truce will hold"]


def test_a_pulled_out_phrase_in_the_story_joins_the_speakers_longer_quote():
    text = ("- 'Seas are rising fast' -\n"
            '"Seas are rising fast along this coast, faster than the dikes," said engineer Pim Oudeland.\n')
    a = make_source("a", text, quotes=[("Seas are rising fast", None, True),
                                       ("Seas are rising fast along this coast, faster than the dikes", "Pim Oudeland")],
                    entities=[person("Pim Oudeland", "engineer")])
    a = replace(a, quotes=tuple(replace(q, cue=None) if q.speaker is None else q for q in a.quotes))
    (quote,) = _brief(a).quotes
    assert quote.speaker.name == "Pim Oudeland" and len(quote.evidence) == 2


def test_an_exclamation_in_its_own_marks_is_someones_words_not_a_term():
    text = 'The vote was met with cries of "Shame on you!" from the gallery and talk of a "fresh start".\n'
    a = make_source("a", text, quotes=[("Shame on you!", None, True), ("fresh start", None, True)])
    a = replace(a, quotes=tuple(replace(q, cue=None) for q in a.quotes))
    assert [q.text for q in _brief(a).quotes] == ["Shame on you!"]
