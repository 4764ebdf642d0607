"""The design of the pages: colour schemes and contrast, print, small screens, CSP.

The first half reads theme/static/css/site.css: every colour is a custom
property of one of three palettes (light, dark, print), and the text colours
meet WCAG AA on the backgrounds they are used on, in every palette. The second
half opens the built site in Debian's chromium (as tests/test_browser.py does)
and checks what a reader gets: the coverage table's links, no sideways scroll
from 320 px phones to a wide screen, a dark scheme, a print layout without the
site's furniture, and a Content-Security-Policy that the pages do not break.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browsers import BROWSER_MARKS

ROOT = Path(__file__).resolve().parent.parent
CSS = (ROOT / "theme" / "static" / "css" / "site.css").read_text(encoding="utf-8")

# (text, background) custom properties as the stylesheet pairs them
TEXT_ON_BACKGROUND = [
    ("ink", "paper"), ("ink", "surface"), ("ink", "panel"), ("ink", "target"),
    ("ink", "kp"), ("ink", "quote"), ("ink", "warn"),
    ("muted", "paper"), ("muted", "surface"), ("muted", "panel"), ("muted", "target"),
    ("lede", "paper"), ("block-ink", "panel"),
    ("accent", "paper"), ("accent", "surface"), ("accent", "target"), ("accent-ink", "accent"),
    ("warn-ink", "warn"), ("warn-ink", "surface"), ("warn-ink", "panel"),
    ("editorial-ink", "editorial"), ("paper", "ink"),
    ("backref-ink", "backref"), ("backref-ink", "backref-background"),
    ("backref-ink", "backref-timeline"), ("backref-ink", "backref-quote"),
    ("backref-ink", "backref-keypoint"),
]
# a focus ring is not text: WCAG asks 3:1 against what it is drawn on
FOCUS_ON_BACKGROUND = [("focus", "paper"), ("focus", "surface"), ("focus", "panel")]


def without_comments(css: str) -> str:
    return re.sub(r"/\*.*?\*/", "", css, flags=re.S)


def palette_blocks(css: str) -> dict[str, str]:
    """The body of each palette's :root rule: light (top level), dark and print."""
    css = without_comments(css)
    dark = re.search(r"@media \(prefers-color-scheme: dark\) \{\s*:root \{(.*?)\}", css, re.S)
    printed = re.search(r"@media print \{\s*:root \{(.*?)\}", css, re.S)
    light = re.match(r"\s*:root \{(.*?)\}", css, re.S)
    assert light and dark and printed, "site.css lost one of its palettes"
    return {"light": light.group(1), "dark": dark.group(1), "print": printed.group(1)}


def colours(block: str) -> dict[str, str]:
    return dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})\s*;", block))


def palettes() -> dict[str, dict[str, str]]:
    blocks = {name: colours(block) for name, block in palette_blocks(CSS).items()}
    # print overrides the light palette; dark overrides it too
    return {name: {**blocks["light"], **found} for name, found in blocks.items()}


def luminance(hex_colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_formula_matches_wcag():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_every_colour_is_a_palette_property():
    """A literal colour outside the palettes would not change with the scheme."""
    rest = without_comments(CSS)
    for block in palette_blocks(CSS).values():
        rest = rest.replace(block, "")
    assert re.findall(r"#[0-9a-fA-F]{3,8}\b|\brgba?\(|\bhsla?\(", rest) == []


def test_dark_and_print_palettes_set_every_colour_of_the_light_one():
    blocks = {name: colours(block) for name, block in palette_blocks(CSS).items()}
    assert set(blocks["dark"]) == set(blocks["light"])
    assert set(blocks["print"]) == set(blocks["light"])
    assert blocks["dark"]["paper"] != blocks["light"]["paper"]


@pytest.mark.parametrize("scheme", ["light", "dark", "print"])
def test_text_meets_wcag_aa_contrast(scheme):
    colour = palettes()[scheme]
    low = {
        f"{fg} on {bg}": round(contrast(colour[fg], colour[bg]), 2)
        for fg, bg in TEXT_ON_BACKGROUND
        if contrast(colour[fg], colour[bg]) < 4.5
    }
    low.update({
        f"{fg} on {bg}": round(contrast(colour[fg], colour[bg]), 2)
        for fg, bg in FOCUS_ON_BACKGROUND
        if contrast(colour[fg], colour[bg]) < 3
    })
    assert low == {}


def test_print_sets_a4_and_hides_the_site_furniture():
    css = without_comments(CSS)
    assert re.search(r"@page \{[^}]*size: A4", css)
    printed = css[css.index("@media print") :]
    hidden = re.search(r"([^{}]*)\{\s*display: none", printed).group(1)
    for selector in (".site-header", ".site-footer", ".skip", ".toc"):
        assert selector in hidden


# --------------------------------------------------------------------------
# in a browser
# --------------------------------------------------------------------------

def in_browser(test):
    """Marks of a browser test, as tests/test_browser.py gives them."""
    for mark in BROWSER_MARKS:
        test = mark(test)
    return test


class Reader:
    """A browser tab that records the console, so a CSP violation fails the test."""

    def __init__(self, browser, **context):
        self.context = browser.new_context(**{"viewport": {"width": 1280, "height": 900}, **context})
        self.page = self.context.new_page()
        self.console: list[str] = []
        self.page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}"))
        self.page.on("pageerror", lambda e: self.console.append(f"pageerror: {e}"))

    def open(self, path: Path) -> None:
        self.page.goto(path.as_uri())
        self.page.wait_for_load_state()

    def sideways_overflow(self) -> int:
        return self.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")

    def background(self) -> str:
        return self.page.evaluate("getComputedStyle(document.body).backgroundColor")


@pytest.fixture
def reader(browser):
    readers: list[Reader] = []

    def make(**context) -> Reader:
        readers.append(Reader(browser, **context))
        return readers[-1]

    yield make
    for r in readers:
        r.context.close()


def brief_page(built_site) -> Path:
    (path,) = sorted((built_site.output / "briefs").glob("*/index.html"))[:1]
    return path


@in_browser
def test_coverage_cell_opens_the_evidence_paragraph(reader, built_site):
    tab = reader()
    tab.open(brief_page(built_site))
    table = tab.page.locator("#coverage table.coverage")
    assert table.locator("caption").inner_text().strip()
    assert table.locator("th[scope=col]").count() >= 2
    assert table.locator("th[scope=row]").count() == tab.page.locator("ol.key-points > li").count()
    # a cell says in words what its tick shows, for screen readers
    cell = table.locator("td.reported a").first
    assert "reported" in cell.inner_text() or "reported" in cell.text_content()
    href = cell.get_attribute("href")
    anchor = re.search(r"#(p\d+)$", href).group(1)
    cell.click()
    tab.page.wait_for_load_state()
    assert re.search(rf"/sources/[^/]+/index\.html#{anchor}$", tab.page.url), tab.page.url
    in_view = tab.page.eval_on_selector(
        f"#{anchor}", "el => { const r = el.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight; }"
    )
    assert in_view, "the source page is not scrolled to the evidence paragraph"
    # the row header links to the key point on the brief page
    tab.page.go_back()
    row = table.locator("th[scope=row] a").first
    kp = row.get_attribute("href")
    assert kp.startswith("#") and tab.page.locator(kp).count() == 1


@pytest.mark.parametrize("width", [320, 375, 1280])
@in_browser
def test_brief_page_has_no_sideways_scroll(reader, built_site, width):
    tab = reader(viewport={"width": width, "height": 800})
    tab.open(brief_page(built_site))
    overflow = tab.sideways_overflow()
    assert overflow <= 0, f"at {width}px the page is {overflow}px wider than the screen"
    # the coverage table stays inside its own box (which may scroll)
    box = tab.page.eval_on_selector(".table-scroll", "el => el.getBoundingClientRect().right")
    assert box <= width


@in_browser
def test_dark_scheme_changes_the_background(reader, built_site):
    light, dark = reader(color_scheme="light"), reader(color_scheme="dark")
    for tab in (light, dark):
        tab.open(brief_page(built_site))
    assert light.background() == "rgb(253, 252, 250)"
    assert dark.background() != light.background()


@in_browser
def test_print_hides_the_nav_footer_and_skip_link(reader, built_site):
    tab = reader()
    tab.open(brief_page(built_site))
    assert tab.page.locator(".site-nav").is_visible()
    tab.page.emulate_media(media="print")
    for selector in (".site-nav", ".site-footer", ".skip", ".toc", ".brief-footer"):
        assert not tab.page.locator(selector).is_visible(), selector
    assert tab.page.locator("#key-points").is_visible()
    pdf = tab.page.pdf(prefer_css_page_size=True)  # a brief prints (A4 from @page)
    assert pdf.startswith(b"%PDF")


@in_browser
def test_every_page_has_the_csp_and_breaks_none_of_it(reader, built_site):
    tab = reader()
    pages = [built_site.output / "index.html", brief_page(built_site)]
    pages += sorted((built_site.output / "briefs").glob("*/sources/*/index.html"))[:1]
    pages += sorted((built_site.output / "people").glob("*/index.html"))[:1]
    for path in pages:
        tab.open(path)
        policy = tab.page.get_attribute('meta[http-equiv="Content-Security-Policy"]', "content")
        assert "script-src 'self'" in policy and "style-src 'self'" in policy, path
        assert "'unsafe-inline'" not in policy
        # the stylesheet is allowed: the page is styled
        assert tab.background() == "rgb(253, 252, 250)", path
    assert [m for m in tab.console if "Content Security Policy" in m or "Refused" in m] == []
    # and the policy is enforced: an inline script is refused, with a console message
    tab.page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.ran = 1';"
        " document.body.appendChild(s); }"
    )
    assert tab.page.evaluate("window.ran") is None
    assert any("Content Security Policy" in m for m in tab.console), tab.console


def one_page_of_each_type(built_site) -> dict[str, Path]:
    """The first built page of every page type (tests/test_accessibility.py's list)."""
    from test_accessibility import PAGE_TYPES

    found = {kind: sorted(built_site.output.glob(glob)) for kind, glob in PAGE_TYPES.items()}
    assert all(found.values()), [kind for kind, pages in found.items() if not pages]
    return {kind: pages[0] for kind, pages in found.items()}


@pytest.mark.parametrize("width", [375, 1280])
@in_browser
def test_no_page_type_scrolls_sideways(reader, built_site, width):
    tab = reader(viewport={"width": width, "height": 800})
    wider = {}
    for kind, path in one_page_of_each_type(built_site).items():
        tab.open(path)
        if tab.sideways_overflow() > 0:
            wider[kind] = tab.sideways_overflow()
    assert wider == {}, f"at {width}px these page types are wider than the screen (px): {wider}"


@in_browser
def test_with_javascript_off_every_page_reads_and_links_work(reader, built_site):
    """The site works with JavaScript off, except search, which says so."""
    tab = reader(java_script_enabled=False)
    for kind, path in one_page_of_each_type(built_site).items():
        tab.open(path)
        assert tab.page.locator("main h1").count() == 1, kind
        assert tab.page.locator("main").inner_text().strip(), kind
    tab.open(built_site.output / "search" / "index.html")
    assert "needs JavaScript" in tab.page.locator("main").inner_text()
    # a reader follows a key point's badge to its evidence paragraph without any script
    tab.open(brief_page(built_site))
    badge = tab.page.locator("ol.key-points a[href*='#p']").first
    anchor = re.search(r"#(p\d+)$", badge.get_attribute("href")).group(1)
    badge.click()
    tab.page.wait_for_load_state()
    assert tab.page.url.endswith(f"#{anchor}")
    assert tab.page.locator(f"#{anchor}:target").count() == 1
