"""What templates get: a brief's items, badges and marked-up sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.link import link_site
from briefing.model import ORGANISATION, BriefMeta, Entity, KeyPoint
from briefing.pipeline import build_from_files
from briefing.views import BriefPage, coverage_table, related_briefs
from conftest import ev, make_brief, person, place, source

WIRE = """Dockers walk out at Valmora port
Dockers walk out at Valmora port
VALMORA (Northwire) - Dock workers at Valmora port walked out on Monday over a pay offer of 3 percent.

"We will not load a single ship until the offer is fair," union leader Piet Hollander said.

The port handles 40 percent of the country's grain exports.
"""

REWRITE = """Strike at Valmora
Dock workers at the port of Valmora went on strike on Monday, rejecting a 3 percent pay offer.
Cranes stand idle at Valmora port on Monday (Northwire)
Union leader Piet Hollander said, "We will not load a single ship until the offer is fair."
"""

META = BriefMeta(slug="valmora-strike", title="Valmora dock strike", date="2024-05-06")


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> BriefPage:
    folder = tmp_path_factory.mktemp("sources")
    paths = []
    for name, text in (("northwire.txt", WIRE), ("lantern.txt", REWRITE)):
        path = Path(folder) / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    result = build_from_files(paths, META, outlet=None)
    assert not result.problems
    return BriefPage(result, link_site([result.brief]))


def test_originals_come_before_their_rewrites(page):
    assert [s.id for s in page.sources] == ["northwire", "lantern"]
    assert page.source("lantern").derived_from == "northwire"


def test_a_badge_per_source_paragraph_pointing_at_its_anchor(page):
    (quote,) = [q for q in page.brief.quotes if q.text.startswith("We will not load")]
    badges = page.badges(quote)
    assert [b.source for b in badges] == ["northwire", "lantern"]
    assert badges[0].target == "briefs/valmora-strike/sources/northwire/#p2"
    assert badges[0].rewrite_of is None
    assert badges[1].rewrite_of == "Northwire"


def test_marks_cover_the_evidence_and_point_back_at_the_item(page):
    (quote,) = [q for q in page.brief.quotes if q.text.startswith("We will not load")]
    raw = page.parsed("northwire").raw
    quote_marks = [m for m in page.marks("northwire") if m.kind == "quote"]
    (mark,) = [m for m in quote_marks if m.target == f"briefs/valmora-strike/#{quote.id}"]
    assert raw[mark.start : mark.end] == quote.text


def test_blocks_show_a_repeated_title_once_and_number_paragraphs(page):
    blocks = page.blocks("northwire")
    assert blocks[0]["kind"] == "title" and blocks[0]["times"] == 2
    assert [b["number"] for b in blocks if b["kind"] == "paragraph"] == [1, 2, 3]


def test_a_caption_is_a_block_with_its_credit_not_a_paragraph(page):
    (caption,) = [b for b in page.blocks("lantern") if b["kind"] == "caption"]
    assert caption["credit"] == "Northwire"
    assert [b["number"] for b in page.blocks("lantern") if b["kind"] == "paragraph"] == [1, 2]


# --------------------------------------------------------------------------
# the coverage table and related briefs, on hand-made briefs
# --------------------------------------------------------------------------


def coverage_brief():
    return make_brief(
        "ferry-fares",
        sources=[
            source("echo", "Harbour Echo", "ferry-fares", derived_from="wire", unique_points=("kp3",)),
            source("wire", "Wire Agency", "ferry-fares", unique_points=("kp2",)),
        ],
        key_points=[
            KeyPoint("kp1", "Fares rise by a tenth.", ("wire", "echo"), (ev("wire", 4), ev("wire", 2), ev("echo", 1))),
            KeyPoint("kp2", "The union objects.", ("wire",), (ev("wire", 6),)),
            KeyPoint("kp3", "Commuters queue.", ("echo",), ()),
        ],
    )


def test_coverage_has_a_column_per_source_originals_first_with_the_rewrite_named():
    table = coverage_table(coverage_brief())
    assert [(c.source, c.label, c.rewrite_of) for c in table.columns] == [
        ("wire", "Wire Agency", None),
        ("echo", "Harbour Echo", "Wire Agency"),
    ]


def test_a_coverage_cell_links_the_first_evidence_paragraph_or_says_not_reported():
    rows = coverage_table(coverage_brief()).rows
    assert [r.number for r in rows] == [1, 2, 3]
    assert [(c.reported, c.target) for c in rows[0].cells] == [
        (True, "briefs/ferry-fares/sources/wire/#p2"),
        (True, "briefs/ferry-fares/sources/echo/#p1"),
    ]
    assert [(c.reported, c.target) for c in rows[1].cells] == [
        (True, "briefs/ferry-fares/sources/wire/#p6"),
        (False, None),
    ]
    # a source that reports the point with no evidence located links to its page
    assert [(c.reported, c.paragraph, c.target) for c in rows[2].cells] == [
        (False, None, None),
        (True, None, "briefs/ferry-fares/sources/echo/"),
    ]


def test_coverage_says_what_each_source_alone_reports_and_which_is_a_rewrite():
    table = coverage_table(coverage_brief())
    assert [(u.label, u.points) for u in table.unique] == [
        ("Wire Agency", ((2, "kp2"),)),
        ("Harbour Echo", ((3, "kp3"),)),
    ]
    assert table.rewrites == ("Harbour Echo rewrites Wire Agency: not counted as independent confirmation",)


def test_two_sources_of_one_outlet_get_headers_told_apart():
    brief = make_brief("x", sources=[source("a1", "Same Desk", "x"), source("a2", "Same Desk", "x")])
    assert [c.label for c in coverage_table(brief).columns] == ["Same Desk (a1)", "Same Desk (a2)"]


def entity_briefs():
    moor = place("moor-bay", "Moor Bay")
    lena = person("lena-vos", "Lena Vos")
    ivo = person("ivo-kral", "Ivo Kral")
    guild = Entity("guild", ORGANISATION, "Harbour Guild", (), None, "organisations/guild/")
    return [
        make_brief("main", entities=[moor, lena, ivo, guild]),
        make_brief("zeta", entities=[moor]),  # one shared
        make_brief("alpha", entities=[moor]),  # one shared, earlier title
        make_brief("both", entities=[lena, ivo]),  # two shared
        make_brief("guild-only", entities=[guild]),  # an organisation only: not related
        make_brief("none", entities=[person("oda-lin", "Oda Lin")]),
    ]


def test_related_briefs_most_shared_people_and_places_first_then_by_title():
    briefs = entity_briefs()
    site = link_site(briefs)
    related = related_briefs(briefs[0], site)
    assert [(r.brief.slug, r.shared) for r in related] == [
        ("both", ("Ivo Kral", "Lena Vos")),
        ("alpha", ("Moor Bay",)),
        ("zeta", ("Moor Bay",)),
    ]
    # the same in whatever order the briefs come
    assert related_briefs(briefs[0], link_site(list(reversed(briefs)))) == related


def test_no_related_briefs_when_nothing_is_shared():
    briefs = entity_briefs()
    site = link_site(briefs)
    assert related_briefs(briefs[-1], site) == []
    assert related_briefs(briefs[-2], site) == []
