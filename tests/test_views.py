"""What templates get: a brief's items, badges and marked-up sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.link import link_site
from briefing.model import BriefMeta
from briefing.pipeline import build_from_files
from briefing.views import BriefPage

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
