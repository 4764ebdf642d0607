"""Step 4, link: entities, outlets (and what each was first to report) and the site timeline across briefs."""

from __future__ import annotations

import pytest

from briefing.link import (
    Reporter,
    date_sort_key,
    entity_url,
    first_reports,
    link_site,
    newest_first,
    sorted_timeline,
)
from briefing.model import ORGANISATION, PERSON, PLACE, KeyPoint, Speaker
from conftest import ev, event, item, key_point, make_brief, person, place, quote, source

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


def test_site_events_of_one_date_go_by_brief_then_text():
    first = make_brief("b-brief", "2024-01-01", timeline=[
        event("2023-05-01", "Zebra crossing opened.", "wire"), event("1990", "Founded.", "wire"),
        event("2023-05-01", "Airport closed.", "wire")])
    second = make_brief("a-brief", "2024-02-01", timeline=[
        event("2023-05-01", "Storm hit.", "wire"), event("2023-05", "Month began.", "wire")])
    site = link_site([first, second])
    assert [(e.date, e.brief, e.text) for e in site.timeline] == [
        ("1990", "b-brief", "Founded."),
        ("2023-05", "a-brief", "Month began."),  # the less precise date first
        ("2023-05-01", "a-brief", "Storm hit."),
        ("2023-05-01", "b-brief", "Airport closed."),
        ("2023-05-01", "b-brief", "Zebra crossing opened."),
    ]


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


# --------------------------------------------------------------------------
# first to report
# --------------------------------------------------------------------------


def kp(id: str, *evidence, commentary: bool = False) -> KeyPoint:
    """A key point carried by the sources of ``evidence`` (``ev(source, paragraph)``)."""
    sources = tuple(dict.fromkeys(e.source for e in evidence))
    return KeyPoint(id, f"Point {id}.", sources, tuple(evidence), commentary=commentary)


def dated(id: str, outlet: str | None, date: str | None, derived_from: str | None = None):
    return source(id, outlet, "ferry", derived_from=derived_from, date=date)


def firsts(brief) -> dict[str, tuple[str, ...]]:
    return {r.key_point: r.sources for r in first_reports(brief)}


def test_the_earliest_dated_source_is_first_and_the_report_links_point_and_paragraph():
    brief = make_brief(
        "ferry",
        sources=[dated("late", "Late Post", "2024-05-07"), dated("early", "Early Wire", "2024-05-06")],
        key_points=[kp("k1", ev("late", 2), ev("early", 5), ev("early", 3))],
    )
    (report,) = first_reports(brief)
    assert report.first == (Reporter("early", 3),)  # its first paragraph that says it
    assert (report.number, report.date, report.undated) == (1, "2024-05-06", ())
    assert report.key_point_target == "briefs/ferry/#k1"
    assert report.evidence_target("early") == "briefs/ferry/sources/early/#p3"


def test_sources_of_the_earliest_day_are_joint_first():
    brief = make_brief(
        "ferry",
        sources=[dated("b", "Bay Times", "2024-05-06"), dated("a", "Anchor", "2024-05-06"),
                 dated("c", "Coast FM", "2024-05-08")],
        key_points=[kp("k1", ev("c"), ev("b"), ev("a"))],
    )
    (report,) = first_reports(brief)
    assert report.sources == ("a", "b")
    assert report.joint_with("a") == ("b",)
    # both outlets list it, each with the other as joint first
    site = link_site([brief])
    for outlet, source_id in (("Anchor", "a"), ("Bay Times", "b")):
        (entry,) = site.outlet_named(outlet).first_reports
        assert (entry.source, entry.report.key_point) == (source_id, "k1")
    assert site.outlet_named("Coast FM").first_reports == ()


def test_a_source_with_no_date_is_never_first_and_is_named_as_undated():
    brief = make_brief(
        "ferry",
        sources=[dated("nodate", "Quiet Desk", None), dated("later", "Late Post", "2024-05-09"),
                 dated("other", "Other Desk", None), dated("rewrite", "Copy Desk", "2024-05-01", derived_from="other")],
        key_points=[kp("k1", ev("nodate"), ev("later")), kp("k2", ev("nodate"), ev("other")),
                    kp("k3", ev("other"), ev("rewrite"))],
    )
    # k2: nobody who carries it gives a date; k3: only a rewrite of the undated original
    # does; so nobody is first to report either
    (report,) = first_reports(brief)
    assert (report.key_point, report.sources, report.undated) == ("k1", ("later",), ("nodate",))
    site = link_site([brief])
    assert [s.source.id for s in site.outlet_named("Quiet Desk").undated] == ["nodate"]
    assert site.outlet_named("Late Post").undated == ()


def test_a_rewrite_is_never_first_ahead_of_its_original():
    brief = make_brief(
        "ferry",
        sources=[
            dated("wire", "Wire Agency", "2024-05-07"),
            # dated earlier (a wrong header, or a time zone), or on the same day: still not first
            dated("copy", "Copy Desk", "2024-05-06", derived_from="wire"),
            dated("copy2", "Copy of Copy", "2024-05-05", derived_from="copy"),
            dated("own", "Own Desk", "2024-05-08"),
        ],
        key_points=[kp("k1", ev("copy2"), ev("copy"), ev("wire")),
                    # a point the rewrite adds (its original does not carry it) is its own
                    kp("k2", ev("copy"), ev("own")),
                    # a rewrite of a rewrite is not first ahead of the rewrite it copies
                    kp("k3", ev("copy2"), ev("copy"))],
    )
    assert firsts(brief) == {"k1": ("wire",), "k2": ("copy",), "k3": ("copy",)}


def test_a_point_only_one_source_carries_is_not_a_first():
    one_source = make_brief("ferry", sources=[dated("wire", "Wire Agency", "2024-05-06")],
                            key_points=[kp("k1", ev("wire")), kp("k2", ev("wire", 4))])
    assert first_reports(one_source) == ()
    assert link_site([one_source]).outlet_named("Wire Agency").first_reports == ()
    two_sources = make_brief(
        "ferry",
        sources=[dated("wire", "Wire Agency", "2024-05-06"), dated("post", "Post", "2024-05-07")],
        key_points=[kp("k1", ev("wire")), kp("k2", ev("wire"), ev("post"))],
    )
    assert firsts(two_sources) == {"k2": ("wire",)}


def test_commentary_and_editorial_points_have_no_first_reporter():
    sources = [dated("wire", "Wire Agency", "2024-05-06"), dated("post", "Post", "2024-05-07")]
    editorial = KeyPoint("k2", "An editor's point.", ("wire", "post"), (), editorial=True)
    brief = make_brief("ferry", sources=sources,
                       key_points=[kp("k1", ev("wire"), ev("post"), commentary=True), editorial])
    assert first_reports(brief) == ()


def test_a_point_named_with_no_evidence_links_to_the_source_page():
    brief = make_brief(
        "ferry",
        sources=[dated("wire", "Wire Agency", "2024-05-06"), dated("post", "Post", "2024-05-07")],
        key_points=[KeyPoint("k1", "A point.", ("wire", "post"), (ev("post", 2),))],
    )
    (report,) = first_reports(brief)
    assert report.first == (Reporter("wire", None),)
    assert report.evidence_target("wire") == "briefs/ferry/sources/wire/"


def test_an_outlet_lists_its_firsts_newest_brief_first_in_key_point_order():
    def brief(slug, date):
        return make_brief(
            slug, date,
            sources=[source("w", "Wire Agency", slug, date=date), source("p", "Post", slug, date="2099-01-01")],
            key_points=[kp("k2", ev("w"), ev("p")), kp("k1", ev("p"), ev("w"))],
        )

    site = link_site([brief("old", "2023-01-01"), brief("new", "2024-01-01")])
    wire = site.outlet_named("Wire Agency")
    assert [(f.report.brief, f.report.number, f.report.key_point) for f in wire.first_reports] == [
        ("new", 1, "k2"), ("new", 2, "k1"), ("old", 1, "k2"), ("old", 2, "k1")]
