"""Step 4, link: entities, outlets (and what each was first to report) and the site timeline across briefs."""

from __future__ import annotations

import pytest

from briefing.link import date_sort_key, entity_url, link_site, newest_first, sorted_timeline
from briefing.model import ORGANISATION, PERSON, PLACE, Speaker
from conftest import event, item, key_point, make_brief, person, place, quote, source

ANA = Speaker("ana-lima", "Ana Lima", "Minister of Ports")
BEN = Speaker("ben-okafor", "Ben Okafor", None)


def two_briefs():
    old = make_brief(
        "harbour-deal",
        "2023-05-01",
        entities=[person("ana-lima", "Ana Lima", "Minister of Ports", aliases=["Lima"]),
                  place("north-bay", "North Bay", names_by_user=[("North Bay", "Arland"), ("Bay of Tor", "Tormark")])],
        quotes=[quote("q1", "We will open the harbour.", ANA, "wire")],
        sources=[source("wire", "Wire Agency", "harbour-deal"),
                 source("daily", "The Daily", "harbour-deal", derived_from="wire")],
        timeline=[event("2023-04-30", "Talks began.", "wire"), event("1901", "The bay was charted.", "daily")],
    )
    new = make_brief(
        "harbour-opens",
        "2024-02-10",
        entities=[person("ana-lima", "Ana Lima", "Prime Minister"), person("cy-dunn", "Cy Dunn")],
        quotes=[quote("q1", "The harbour is open.", Speaker("ana-lima", "Ana Lima", "Prime Minister"), "wire"),
                quote("q2", "Finally.", BEN, "wire")],
        sources=[source("wire", "Wire Agency", "harbour-opens")],
        timeline=[event("1970s", "Oil was found.", "wire"), event("2024-02", "The harbour opened.", "wire")],
    )
    unrelated = make_brief("weather", "2024-03-01", entities=[person("dee-ray", "Dee Ray")],
                           sources=[source("met", None, "weather")])
    return old, new, unrelated


def test_an_entity_named_in_two_briefs_is_one_page_with_both():
    site = link_site(two_briefs())
    ana = site.entity(PERSON, "ana-lima")
    assert ana.url == "people/ana-lima/"
    assert ana.briefs == ("harbour-opens", "harbour-deal")  # newest first
    assert ana.role == "Prime Minister"  # the newest brief's role
    assert [(r.role, r.brief) for r in ana.roles] == [
        ("Prime Minister", "harbour-opens"), ("Minister of Ports", "harbour-deal")]
    assert ana.aliases == ("Lima",)
    assert [(q.brief, q.quote.text) for q in ana.quotes] == [
        ("harbour-opens", "The harbour is open."), ("harbour-deal", "We will open the harbour.")]


def test_a_speaker_missing_from_the_entity_list_still_gets_a_page():
    site = link_site(two_briefs())
    ben = site.entity(PERSON, "ben-okafor")
    assert ben is not None and ben.url == "people/ben-okafor/"
    assert [q.quote.id for q in ben.quotes] == ["q2"]


def test_disputed_place_keeps_both_names_and_who_uses_them():
    bay = link_site(two_briefs()).entity(PLACE, "north-bay")
    assert bay.url == "places/north-bay/"
    assert bay.names_by_user == (("Bay of Tor", "Tormark"), ("North Bay", "Arland"))


def test_outlets_gather_sources_across_briefs_and_mark_rewrites():
    site = link_site(two_briefs())
    assert [o.name for o in site.outlets] == ["The Daily", "Wire Agency"]
    wire = site.outlet_named("Wire Agency")
    assert wire.url == "outlets/wire-agency/"
    assert [(s.brief, s.source.id) for s in wire.sources] == [("harbour-opens", "wire"), ("harbour-deal", "wire")]
    daily = site.outlet_named("The Daily")
    assert [s.source.derived_from for s in daily.rewrites] == ["wire"]
    # a source whose outlet is unknown is not filed under a guessed outlet
    assert all(o.name for o in site.outlets)


def test_site_timeline_is_every_event_oldest_first():
    site = link_site(two_briefs())
    assert [(e.date, e.brief) for e in site.timeline] == [
        ("1901", "harbour-deal"), ("1970s", "harbour-opens"),
        ("2023-04-30", "harbour-deal"), ("2024-02", "harbour-opens")]


def test_the_index_does_not_depend_on_input_order():
    old, new, other = two_briefs()
    assert link_site([old, new, other]) == link_site([other, new, old])
    assert [b.slug for b in link_site([old, other, new]).briefs] == ["weather", "harbour-opens", "harbour-deal"]


def test_two_briefs_with_one_slug_are_refused():
    old, _, _ = two_briefs()
    with pytest.raises(ValueError, match="harbour-deal"):
        link_site([old, old])


def test_undated_briefs_go_last():
    dated = make_brief("a", "2020-01-01")
    undated = make_brief("b", None)
    assert [b.slug for b in newest_first([undated, dated])] == ["a", "b"]


@pytest.mark.parametrize(
    "earlier, later",
    [("1783", "1895"), ("1970s", "1970"), ("1970", "1972"), ("2022", "2022-12"),
     ("2022-12", "2022-12-01"), ("2022-12-09", "2022-12-10"), ("2023-02-22", "someday")],
)
def test_dates_sort_chronologically_less_precise_first(earlier, later):
    assert date_sort_key(earlier) < date_sort_key(later)


def test_one_briefs_timeline_sorted():
    events = [event("2023", "b", "s"), event("1895", "a", "s")]
    assert [e.text for e in sorted_timeline(events)] == ["a", "b"]


def test_entity_urls_by_kind():
    assert entity_url(PERSON, "x") == "people/x/"
    assert entity_url(PLACE, "x") == "places/x/"
    assert entity_url(ORGANISATION, "x") == "organisations/x/"


def test_background_and_key_points_do_not_make_entities():
    brief = make_brief("b", key_points=[key_point("k1", "A fact.", "s")], background=[item("History.", "s")],
                       sources=[source("s", "Wire", "b")])
    site = link_site([brief])
    assert site.entities == ()
    assert [o.name for o in site.outlets] == ["Wire"]
