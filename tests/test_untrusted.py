"""Hostile article text and metadata are shown as text, never run (DESIGN.md section 7).

A copy of the site's content gets one more brief whose brief.md and sources
carry script tags, event handlers, javascript: links and an attribute
break-out in every field an editor or a scraper fills in. The site is built
twice with the real pelican command (development, and publishing for the Atom
feed); the written files are read with Beautiful Soup, and the two pages that
show most of it are opened in Debian's chromium, where a dialog fails the test.
"""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, run_pelican
from briefing.linkcheck import broken_links
from test_jsonld import is_jsonld_block

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
JS_URL = "javascript:alert(1)"
BREAKOUT = '"><svg onload=alert(1)>'
JS_LINK = f'<a href="{JS_URL}">the council site</a>'
PAYLOADS = (SCRIPT, IMG, JS_URL, BREAKOUT)

SLUG = "harbour-bridge-2024"
BRIEF_MD = f"""Title: Harbour bridge {SCRIPT} to close {BREAKOUT}
Date: 2024-03-05
Summary: The bridge {IMG} closes {SCRIPT} {BREAKOUT}
Tags: transport

An editor's note {SCRIPT} with {IMG} and a [link]({JS_URL}).

<a href="{JS_URL}">raw link</a> {BREAKOUT}
"""
# The wire copy: every header line and every kind of paragraph is hostile.
COASTLINE = f"""Outlet: Coastline {SCRIPT} News
URL: {JS_URL}
Date: 2024-03-05
Author: Ana {BREAKOUT} Ruiz {IMG}
Title: Harbour bridge {SCRIPT} to close for repairs
Lang: en

Harbour bridge {SCRIPT} to close for repairs

VALPORT (Reuters) - The Valport council said on Tuesday it will close the harbour bridge {SCRIPT} for six weeks of repairs from 1 April, cutting the main road into the old town.

The bridge, built in 1911, carries about 20,000 vehicles a day {IMG} and was last repaired in 1987.

"We cannot keep a bridge open that might fail {SCRIPT}," Mayor Ilse Marten told reporters at the town hall.

Details are at {JS_LINK} and {JS_URL} {BREAKOUT} according to the council.

Marten said ferries will run every 20 minutes while the bridge is shut.
"""
# A rewrite whose URL is a real http link that tries to break out of href="".
HARBOUR_DAILY = f"""Outlet: Harbour Daily
URL: https://example.org/bridge?q={BREAKOUT.replace(' ', '/')}
Date: 2024-03-06

Valport bridge to shut for repairs

The Valport council will close the harbour bridge {SCRIPT} for six weeks of repairs from 1 April, the council said on Tuesday.

"We cannot keep a bridge open that might fail {SCRIPT}," Mayor Ilse Marten said.

Ferries will run every 20 minutes while the bridge is shut, Marten said.
"""

ACTIVE_ELEMENTS = ("script", "img", "svg", "iframe", "object", "embed", "math")
JS_SCHEME = re.compile(r"^\s*javascript:", re.IGNORECASE)


@pytest.fixture(scope="module")
def hostile_content(tmp_path_factory) -> Path:
    content = tmp_path_factory.mktemp("hostile") / "content"
    shutil.copytree(ROOT / "content", content)
    brief = content / "briefs" / SLUG
    (brief / "sources").mkdir(parents=True)
    (brief / "brief.md").write_text(BRIEF_MD, encoding="utf-8")
    (brief / "sources" / "coastline.txt").write_text(COASTLINE, encoding="utf-8")
    (brief / "sources" / "harbour-daily.txt").write_text(HARBOUR_DAILY, encoding="utf-8")
    return content


def build(content: Path, settings: str) -> Path:
    result = run_pelican(content, content.parent / settings.replace(".", "-"), settings)
    assert result.returncode == 0, result.log
    return result.output


@pytest.fixture(scope="module")
def site(hostile_content) -> Path:
    return build(hostile_content, "pelican.conf.py")


@pytest.fixture(scope="module")
def published(hostile_content) -> Path:
    return build(hostile_content, "publish.conf.py")


# --------------------------------------------------------------------------
# the written files
# --------------------------------------------------------------------------


def markup_problems(html: str) -> list[str]:
    """Every element, handler or javascript: URL in ``html`` that could run something."""
    soup = BeautifulSoup(html, "html.parser")
    # JSON-LD data blocks are never run (their text cannot close them: test_jsonld.py)
    found = [f"<{el.name}> element" for el in soup.find_all(ACTIVE_ELEMENTS) if not is_jsonld_block(el)]
    for element in soup.find_all(True):
        for name, value in element.attrs.items():
            values = value if isinstance(value, list) else [value]
            if name.lower().startswith("on"):
                found.append(f"{name}= on <{element.name}>")
            if any(JS_SCHEME.match(v) for v in values):
                found.append(f"{name}={value!r} on <{element.name}>")
    return found


def test_markup_check_finds_each_payload_when_it_is_markup():
    # the check itself can fail: each payload written raw is caught
    for payload in (SCRIPT, IMG, BREAKOUT, JS_LINK):
        assert markup_problems(f'<p title="x{payload}">{payload}</p>'), payload
    assert markup_problems("<p>&lt;script&gt;alert(1)&lt;/script&gt; javascript:alert(1)</p>") == []


@pytest.mark.parametrize("fixture", ["site", "published"])
def test_no_page_has_untrusted_text_as_markup(fixture, request):
    root = request.getfixturevalue(fixture)
    # the search page holds no article text, only the site's own two script files
    # (checked in tests/test_search.py)
    pages = sorted(p for p in root.rglob("*.html") if p.relative_to(root).as_posix() != "search/index.html")
    brief_page = (root / "briefs" / SLUG / "index.html").read_text(encoding="utf-8")
    # not vacuous: the hostile text is on the page, escaped
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in brief_page
    problems = [
        f"{page.relative_to(root)}: {p}"
        for page in pages
        for p in markup_problems(page.read_text(encoding="utf-8"))
    ]
    assert problems == [], "untrusted text written as markup:\n" + "\n".join(problems)


def test_the_hostile_site_has_no_broken_or_stray_external_link(site):
    # the breakout URL stays one http link in the Original line and nowhere else
    assert broken_links(site) == []


def _strings(value, key=""):
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v, key)
    elif isinstance(value, str):
        yield key, value


def test_brief_json_keeps_the_text_as_data_and_has_no_javascript_url(site):
    data = json.loads((site / "briefs" / SLUG / "brief.json").read_text(encoding="utf-8"))
    strings = list(_strings(data))
    texts = " ".join(v for k, v in strings if k == "text")
    # extractive: the sources' words are kept, as data
    assert SCRIPT in texts and IMG in texts
    links = [(k, v) for k, v in strings if k in ("url", "page") and JS_SCHEME.match(v)]
    assert links == [], f"javascript: URLs in brief.json: {links}"


ATOM = "{http://www.w3.org/2005/Atom}"


def test_feed_has_no_untrusted_markup(published):
    feed = ET.parse(published / "feeds" / "all.atom.xml").getroot()
    entries = feed.findall(f"{ATOM}entry")
    hostile = [e for e in entries if SLUG in e.find(f"{ATOM}link").get("href")]
    assert len(hostile) == 1
    problems = []
    for entry in entries:
        for field in entry:
            if field.get("type") == "html":
                problems += [f"{field.tag}: {p}" for p in markup_problems(field.text or "")]
            elif field.text and re.search(r"<\s*(script|img|svg)", field.text):
                problems.append(f"{field.tag} (text) holds markup: {field.text!r}")
            if JS_SCHEME.match(field.get("href", "")):
                problems.append(f"{field.tag} href={field.get('href')!r}")
    assert problems == [], "untrusted markup in the Atom feed:\n" + "\n".join(problems)


# --------------------------------------------------------------------------
# a real browser: the text is shown as text and nothing runs
# --------------------------------------------------------------------------


def open_page(browser, path: Path):
    """The page at ``path``, and the list every dialog it opens is added to."""
    page = browser.new_page()
    dialogs: list[str] = []

    def on_dialog(dialog):
        dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)  # time for an onerror/onload handler to fire
    return page, dialogs


def assert_nothing_ran(page, dialogs) -> None:
    assert dialogs == [], f"dialogs opened: {dialogs}"
    # a JSON-LD data block is never run; any other script element counts
    selector = ", ".join(
        'script:not([type="application/ld+json"])' if el == "script" else el for el in ACTIVE_ELEMENTS
    )
    active = page.evaluate("sel => document.querySelectorAll(sel).length", selector)
    assert active == 0, f"{active} active elements in the DOM"


@pytest.mark.browser
def test_brief_page_shows_the_hostile_text_as_text(browser, site):
    page, dialogs = open_page(browser, site / "briefs" / SLUG / "index.html")
    assert page.locator("h1").inner_text() == f"Harbour bridge {SCRIPT} to close {BREAKOUT}"
    assert page.locator("#quotes blockquote").first.inner_text() == (
        f"We cannot keep a bridge open that might fail {SCRIPT}"
    )
    assert IMG in page.locator("#background").inner_text()
    assert f"Coastline {SCRIPT} News" in page.locator("#sources").inner_text()
    assert_nothing_ran(page, dialogs)
    page.close()


@pytest.mark.browser
def test_source_page_shows_the_hostile_text_as_text(browser, site):
    page, dialogs = open_page(browser, site / "briefs" / SLUG / "sources" / "coastline" / "index.html")
    assert page.locator("h1").inner_text() == f"Harbour bridge {SCRIPT} to close for repairs"
    meta = page.locator("dl.meta").inner_text()
    assert f"Coastline {SCRIPT} News" in meta
    assert f"Ana {BREAKOUT} Ruiz {IMG}" in meta
    assert JS_URL in meta and page.locator("dl.meta a.external").count() == 0
    assert f"Details are at {JS_LINK} and {JS_URL} {BREAKOUT}" in page.locator("#p4").inner_text()
    assert_nothing_ran(page, dialogs)
    page.close()
