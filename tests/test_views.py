"""What templates get: a brief's items, badges and marked-up sources."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from briefing.link import link_site
from briefing.linkcheck import broken_links
from briefing.model import ORGANISATION, BriefMeta, Entity, KeyPoint
from briefing.pipeline import build_from_files
from briefing.views import BriefPage, coverage_table, related_briefs
from conftest import ev, make_brief, person, place, run_pelican, source

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


def test_badges_asked_for_again_are_the_same_and_the_page_keeps_one_entry_per_source(page):
    # a page is held all build long: it keeps each source's part of a badge, not every badge
    items = [*page.brief.key_points, *page.brief.quotes, *page.brief.timeline, *page.brief.background.items]
    first = [page.badges(item) for item in items]
    assert sum(map(len, first)) > len(page.sources)
    assert [page.badges(item) for item in items] == first
    assert len(page._badge_parts) <= len(page.sources)


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


# --------------------------------------------------------------------------
# an outlet page's "first to report", on a small built site
# --------------------------------------------------------------------------

FERRY_BRIEF = "Title: Ferry fares rise\nDate: 2024-05-08\n"

# Two outlets report the fare rise; Island Radio a day earlier, in its second paragraph.
FERRY_SOURCES = {
    "harbour-echo.txt": """Outlet: Harbour Echo
Date: 2024-05-07
Title: Ferry fares to rise by a tenth

The island ferry company will raise its fares by 10 percent from June, its chief executive Mara Quist said on Monday.

Commuters on the morning crossing said they were worried about the cost.
""",
    "island-radio.txt": """Outlet: Island Radio
Date: 2024-05-06
Title: Fare rise for island ferries

Island Radio visited the terminal on Tuesday, where the queue was long.

The island ferry company will raise its fares by 10 percent from June, chief executive Mara Quist said.

The ferry union said it would meet on Friday to discuss the change.
""",
}


@pytest.fixture(scope="module")
def ferry_site(tmp_path_factory) -> Path:
    content = tmp_path_factory.mktemp("ferry-content")
    folder = content / "briefs" / "ferry-fares"
    (folder / "sources").mkdir(parents=True)
    (folder / "brief.md").write_text(FERRY_BRIEF, encoding="utf-8")
    for name, text in FERRY_SOURCES.items():
        (folder / "sources" / name).write_text(text, encoding="utf-8")
    build = run_pelican(content, tmp_path_factory.mktemp("ferry") / "output", "pelican.conf.py",
                        "-e", "BRIEFING_SEARCH=false")
    assert build.returncode == 0, build.log
    return build.output


def first_reports_on(output: Path, outlet: str) -> list:
    doc = BeautifulSoup((output / "outlets" / outlet / "index.html").read_text(encoding="utf-8"), "html.parser")
    return doc.select(".first-reports li.first-report")


def test_the_outlet_first_to_report_a_key_point_lists_it_with_links_to_point_and_paragraph(ferry_site):
    data = json.loads((ferry_site / "briefs" / "ferry-fares" / "brief.json").read_text(encoding="utf-8"))
    (shared,) = [kp for kp in data["key_points"] if len(kp["sources"]) == 2]
    (entry,) = first_reports_on(ferry_site, "island-radio")
    hrefs = [a["href"] for a in entry.find_all("a")]
    assert f"../../briefs/ferry-fares/index.html#{shared['id']}" in hrefs
    (evidence,) = [e for e in shared["evidence"] if e["source"] == "island-radio"]
    assert f"../../briefs/ferry-fares/sources/island-radio/index.html#p{evidence['paragraph']}" in hrefs
    assert entry.find("q").get_text() == shared["text"]
    assert "6 May 2024" in entry.get_text() and "Joint first" not in entry.get_text()
    # the outlet that reported it a day later was first to report nothing
    assert first_reports_on(ferry_site, "harbour-echo") == []
    assert broken_links(ferry_site) == []


def test_a_source_parse_had_from_elsewhere_gives_the_same_page(page):
    """The build lets a result's parses go (pipeline.shelve_sources) and hands the page a loader."""
    from dataclasses import replace

    asked = []

    def load(source_id):
        asked.append(source_id)
        return page.result.source(source_id)

    slim = BriefPage(replace(page.result, sources=()), page.site, load)
    for source_id in ("northwire", "lantern"):
        assert slim.parsed(source_id) == page.parsed(source_id)
        assert slim.blocks(source_id) == page.blocks(source_id)
    assert "northwire" in asked and "lantern" in asked
    asked.clear()  # given the parse, blocks loads nothing more
    assert slim.blocks("lantern", slim.parsed("lantern")) == page.blocks("lantern")
    assert asked == ["lantern"]
    assert BriefPage(replace(page.result, sources=()), page.site).blocks("northwire") == []
