"""The built site in a real browser (Debian's chromium through Playwright), opened from file://.

Walks what a reader does: index -> brief -> a key point's source badge -> the
paragraph on the source page -> back to the brief; and a quote's speaker ->
the person page with that quote. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browsers import BROWSER_MARKS

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"

pytestmark = BROWSER_MARKS


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


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


def in_viewport(page, selector: str) -> bool:
    return page.eval_on_selector(
        selector,
        "el => { const r = el.getBoundingClientRect();"
        " return r.bottom > 0 && r.top < window.innerHeight; }",
    )


def open_brief(page, built_site):
    page.goto((built_site.output / "index.html").as_uri())
    shot(page, "index")
    page.locator(".brief-list h2 a").first.click()
    page.wait_for_load_state()
    assert re.search(r"/briefs/[^/]+/index\.html$", page.url)
    assert page.locator("ol.key-points > li").count() > 0
    return page.url


def test_key_point_badge_opens_the_paragraph_and_links_back(page, built_site):
    brief_url = open_brief(page, built_site)
    shot(page, "brief")
    point = page.locator("ol.key-points > li").first
    point_id = point.get_attribute("id")
    badge = point.locator("a.badge").first
    badge.click()
    page.wait_for_load_state()
    match = re.search(r"/sources/[^/]+/index\.html#(p\d+)$", page.url)
    assert match, page.url
    anchor = match.group(1)
    assert in_viewport(page, f"#{anchor}"), "the source page is not scrolled to the paragraph"
    shot(page, "source-paragraph")
    # the highlight in that paragraph links back to the key point on the brief
    back = page.locator(f"#{anchor} a.backref[href$='#{point_id}']")
    assert back.count() >= 1
    back.first.click()
    page.wait_for_load_state()
    assert page.url == f"{brief_url}#{point_id}"
    assert in_viewport(page, f"#{point_id}")
    # and the breadcrumb of a source page goes back to the brief too
    page.go_back()
    page.locator(".crumbs a").click()
    page.wait_for_load_state()
    assert page.url == brief_url


def test_quote_speaker_opens_the_person_page_with_the_quote(page, built_site):
    open_brief(page, built_site)
    quote = page.locator("#quotes figure.quote").first
    text = quote.locator("blockquote p, q").first.inner_text().strip().strip("“”\"")
    speaker = quote.locator(".speaker a").first
    name = speaker.inner_text().strip()
    speaker.click()
    page.wait_for_load_state()
    assert "/people/" in page.url and page.url.endswith("/index.html")
    assert page.locator("h1").inner_text().strip() == name
    quotes = page.locator("figure.quote").all_inner_texts()
    assert any(text[:40] in q for q in quotes), (text, quotes)
    shot(page, "person")


def test_brief_page_on_a_phone_has_no_sideways_scroll(page, built_site):
    page.set_viewport_size({"width": 390, "height": 844})
    open_brief(page, built_site)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"page is {overflow}px wider than the screen"
    shot(page, "brief-phone")
