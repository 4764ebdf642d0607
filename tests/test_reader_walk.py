"""The reader's walk through a built site, by clicks in a real browser (Debian's chromium).

A small made-up site with two briefs that quote the same person is built for
this module: the reader goes from the index to a brief, from a quote to its
speaker, from the person page to every brief that person is in and to the
quote in each, and from a key point's source badge to the evidence paragraph
and back. Every step is a click on a link the page shows, never a typed URL,
so a missing or wrong link fails the walk. The real site is checked too:
every speaker link of its brief pages leads to the speaker's page, which lists that brief.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from browsers import BROWSER_MARKS
from conftest import ROOT, run_pelican

pytestmark = BROWSER_MARKS

SPEAKER = "Ada Quist"
BRIDGE = "Harbour bridge in Brellin to close for repairs"
STORM = "Brellin harbour reopens after the storm"

BRIDGE_SOURCE = """Outlet: Coastline Courier
Date: 2024-03-05
Title: Harbour bridge to close for repairs

BRELLIN (Coastline Courier) - The harbour bridge in Brellin will close for six weeks from April for repairs to its rusted cables, the town council said on Tuesday.

"The cables have reached the end of their safe life," harbour master Ada Quist told reporters at the quay.

Ferries will run every twenty minutes while the bridge is closed, the council said.

The bridge was opened in 1931 and was last repaired in 1988.
"""

STORM_SOURCE = """Outlet: Northgate Ledger
Date: 2024-06-10
Title: Harbour reopens after storm

BRELLIN (Northgate Ledger) - The harbour of Brellin reopened to shipping on Monday after a storm closed it for four days, the port office said.

"Every berth has been checked and the channel is clear," harbour master Ada Quist said on Monday.

Fishing boats returned to the quay within hours of the reopening.

Storm damage to the sea wall will be repaired over the summer, the port office said.
"""

QUOTES = {
    BRIDGE: "The cables have reached the end of their safe life",
    STORM: "Every berth has been checked and the channel is clear",
}


def write_brief(briefs: Path, slug: str, title: str, date: str, source_name: str, text: str) -> None:
    folder = briefs / slug
    (folder / "sources").mkdir(parents=True)
    (folder / "brief.md").write_text(f"Title: {title}\nDate: {date}\n", encoding="utf-8")
    (folder / "sources" / source_name).write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def two_briefs(tmp_path_factory) -> Path:
    """A site of two made-up briefs that both quote the same person; its output folder."""
    content = tmp_path_factory.mktemp("walk") / "content"
    shutil.copytree(ROOT / "content" / "pages", content / "pages")
    write_brief(content / "briefs", "bridge-repairs", BRIDGE, "2024-03-05", "coastline-courier.txt", BRIDGE_SOURCE)
    write_brief(content / "briefs", "harbour-storm", STORM, "2024-06-10", "northgate-ledger.txt", STORM_SOURCE)
    # no search index: this walk is about links, and Pagefind is tested in test_search
    build = run_pelican(content, content.parent / "output", "pelican.conf.py", "-e", "BRIEFING_SEARCH=false")
    assert build.returncode == 0, build.log
    return build.output


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    # the site must not need the network: any non-file request fails the test
    requests: list[str] = []
    context.on("request", lambda r: None if r.url.startswith("file://") else requests.append(r.url))
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    context.close()
    assert requests == [], f"network requests: {requests}"
    assert errors == [], errors


def click(page, locator) -> None:
    """Click a link and wait for the page it opens."""
    assert locator.count() == 1, f"expected one link, found {locator.count()}: {locator}"
    locator.click()
    page.wait_for_load_state()


def target_id(page) -> str | None:
    """The id of the element the URL's fragment points at (CSS :target), if any."""
    return page.evaluate("() => document.querySelector(':target')?.id ?? null")


def in_viewport(page, selector: str) -> bool:
    return page.eval_on_selector(
        selector,
        "el => { const r = el.getBoundingClientRect();"
        " return r.bottom > 0 && r.top < window.innerHeight; }",
    )


def quote_by(page, speaker: str):
    """The quote figures of a brief page whose speaker link names ``speaker``."""
    speaker_link = page.locator(".speaker a", has_text=re.compile(rf"^\s*{re.escape(speaker)}\s*$"))
    return page.locator("#quotes figure.quote", has=speaker_link)


def open_from_index(page, output: Path, title: str) -> str:
    page.goto((output / "index.html").as_uri())
    click(page, page.locator(".brief-list h2 a", has_text=title))
    assert page.locator("h1").inner_text().strip() == title
    return page.url


def test_index_to_brief_to_speaker_to_each_of_the_speakers_briefs(page, two_briefs):
    open_from_index(page, two_briefs, BRIDGE)
    quote = quote_by(page, SPEAKER)
    assert QUOTES[BRIDGE] in quote.inner_text()
    click(page, quote.locator(".speaker a"))

    assert "/people/" in page.url
    assert page.locator("h1").inner_text().strip() == SPEAKER
    person_url = page.url
    listed = page.locator("ul.brief-links a").all_inner_texts()
    assert sorted(t.strip() for t in listed) == sorted(QUOTES)
    for title, words in QUOTES.items():
        page.goto(person_url)
        click(page, page.locator("ul.brief-links a", has_text=title))
        assert page.locator("h1").inner_text().strip() == title
        assert words in quote_by(page, SPEAKER).inner_text()


def test_a_quote_on_the_person_page_links_to_that_quote_in_its_brief(page, two_briefs):
    open_from_index(page, two_briefs, STORM)
    click(page, quote_by(page, SPEAKER).locator(".speaker a"))
    person_url = page.url
    for title, words in QUOTES.items():
        page.goto(person_url)
        figure = page.locator("figure.quote", has_text=words)
        click(page, figure.locator("figcaption a", has_text=title))
        assert page.locator("h1").inner_text().strip() == title
        quote_id = target_id(page)
        assert quote_id, f"{page.url} points at no element"
        assert words in page.locator(f"#{quote_id}").inner_text()
        assert in_viewport(page, f"#{quote_id}")


def test_key_point_badge_to_its_evidence_paragraph_and_back(page, two_briefs):
    brief_url = open_from_index(page, two_briefs, BRIDGE)
    point = page.locator("ol.key-points > li").first
    point_id = point.get_attribute("id")
    point_text = point.locator(".item-text").inner_text().strip()
    click(page, point.locator("a.badge").first)

    assert "/sources/" in page.url
    paragraph_id = target_id(page)
    assert paragraph_id and re.fullmatch(r"p\d+", paragraph_id), page.url
    assert in_viewport(page, f"#{paragraph_id}")
    paragraph = page.locator(f"#{paragraph_id}")
    # the evidence is in that paragraph, whatever markup highlights it
    assert point_text[:40] in " ".join(paragraph.inner_text().split())

    click(page, paragraph.locator(f"a.backref[href$='#{point_id}']"))
    assert page.url == f"{brief_url}#{point_id}"
    assert target_id(page) == point_id
    assert in_viewport(page, f"#{point_id}")


def test_every_speaker_link_of_the_real_briefs_leads_to_a_page_listing_the_brief(page, built_site):
    briefs = sorted((built_site.output / "briefs").glob("*/index.html"))
    assert briefs, "the real site has no brief pages"
    checked = 0
    for brief_page in briefs:
        brief_url = brief_page.as_uri()
        page.goto(brief_url)
        title = page.locator("h1").inner_text().strip()
        count = page.locator("#quotes figure.quote .speaker a").count()
        for index in range(count):
            page.goto(brief_url)
            speaker = page.locator("#quotes figure.quote .speaker a").nth(index)
            name = speaker.inner_text().strip()
            click(page, speaker)
            # a speaker is a person, or an organisation that speaks (a ministry's statement)
            assert re.search(r"/(people|organisations)/[^/]+/index\.html$", page.url), (title, name, page.url)
            assert page.locator("h1").inner_text().strip() == name
            listed = page.locator("ul.brief-links a").evaluate_all("links => links.map(a => a.href)")
            assert brief_url in listed, f"{page.url} does not list {title} ({brief_url}): {listed}"
            checked += 1
    assert checked > 0, "no quote of the real site has a speaker link"
