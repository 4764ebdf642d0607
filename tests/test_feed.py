"""The Atom feed (/feeds/all.atom.xml): one entry per brief, links that reach the built pages.

Built twice with the real pelican command: for publishing (publish.conf.py,
SITEURL from the environment) and for development (pelican.conf.py, no
SITEURL: briefing.feeds makes the links relative to the feed file).
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from briefing.feeds import relative_feed, stable_id
from conftest import run_pelican

ATOM = {"a": "http://www.w3.org/2005/Atom"}
PUBLISHED = "https://example.org/sub"
FEED = "feeds/all.atom.xml"

# an editor's note with every kind of raw HTML Markdown lets through
NOTE = """An editor's note <script>alert(1)</script> with <img src=x onerror=alert(1)>
and a [link](javascript:alert(1)) <b onclick="alert(1)">bold</b>.
"""
WIRE = """Outlet: Coastline News
Date: {date}

{title}

VALPORT (Reuters) - The Valport council said on Tuesday it will close the harbour bridge.
"""
BRIEFS = {
    "bridge": ("Harbour bridge to close", "2024-03-05"),
    "ferry": ("Ferries to run every 20 minutes", "2024-03-06"),
}


@pytest.fixture(scope="module")
def content(tmp_path_factory) -> Path:
    content = tmp_path_factory.mktemp("feed") / "content"
    for slug, (title, date) in BRIEFS.items():
        folder = content / "briefs" / slug
        (folder / "sources").mkdir(parents=True)
        (folder / "brief.md").write_text(f"Title: {title}\nDate: {date}\n\n{NOTE}", encoding="utf-8")
        (folder / "sources" / "wire.txt").write_text(WIRE.format(title=title, date=date), encoding="utf-8")
    return content


def build(content: Path, settings: str) -> Path:
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SITEURL", PUBLISHED)
        result = run_pelican(content, content.parent / settings.replace(".", "-"), settings)
    assert result.returncode == 0, result.log
    assert "WARNING" not in result.log, result.log
    return result.output


@pytest.fixture(scope="module")
def published(content) -> Path:
    return build(content, "publish.conf.py")


@pytest.fixture(scope="module")
def dev(content) -> Path:
    return build(content, "pelican.conf.py")


def feed_entries(out: Path) -> list[ET.Element]:
    root = ET.parse(out / FEED).getroot()  # well-formed XML, or this raises
    assert root.tag == "{%s}feed" % ATOM["a"]
    return root.findall("a:entry", ATOM)


def link_of(entry: ET.Element) -> str:
    [link] = entry.findall("a:link[@rel='alternate']", ATOM)
    return link.get("href")


def page_file(out: Path, site_path: str) -> Path:
    return out / (site_path + "index.html" if site_path.endswith("/") or not site_path else site_path)


# --------------------------------------------------------------------------
# the publishing build
# --------------------------------------------------------------------------


def test_one_entry_per_brief_with_its_title_and_absolute_link_to_its_page(published):
    entries = feed_entries(published)
    found = {entry.findtext("a:title", namespaces=ATOM): link_of(entry) for entry in entries}
    assert len(entries) == len(BRIEFS)
    assert found == {title: f"{PUBLISHED}/briefs/{slug}/" for slug, (title, _) in BRIEFS.items()}
    for link in found.values():
        assert page_file(published, link[len(PUBLISHED) + 1:]).is_file(), link


def test_the_editors_note_reaches_the_feed_without_its_raw_html(published):
    for entry in feed_entries(published):
        html = entry.findtext("a:content", namespaces=ATOM)
        assert "editor's note" in html  # not vacuous: the note is there, as HTML text
        doc = BeautifulSoup(html, "html.parser")
        assert not doc.find(["script", "img"]), html
        assert not [el for el in doc.find_all(True) if any(a.startswith("on") for a in el.attrs)], html
        assert "javascript:" not in " ".join(a.get("href", "") for a in doc.find_all("a")), html


def test_the_feed_is_the_same_bytes_every_build(published, content, tmp_path):
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SITEURL", PUBLISHED)
        again = run_pelican(content, tmp_path / "again", "publish.conf.py")
    assert (again.output / FEED).read_bytes() == (published / FEED).read_bytes()


# --------------------------------------------------------------------------
# the development build: no domain, links relative to the feed file
# --------------------------------------------------------------------------


def test_dev_feed_links_resolve_from_the_feed_to_the_built_pages(dev):
    entries = feed_entries(dev)
    assert len(entries) == len(BRIEFS)
    feed_url = "file:///site/" + FEED  # any absolute URL of the feed: links are relative to it
    for entry in entries:
        link = link_of(entry)
        assert not link.startswith(("http", "/")), link
        resolved = urljoin(feed_url, link)
        assert page_file(dev, resolved[len("file:///site/"):]).is_file(), link
        assert entry.findtext("a:id", namespaces=ATOM).startswith("urn:uuid:")
    root = ET.parse(dev / FEED).getroot()
    self_link = root.find("a:link[@rel='self']", ATOM).get("href")
    assert urljoin(feed_url, self_link) == feed_url
    assert urljoin(feed_url, root.find("a:link[@rel='alternate']", ATOM).get("href")) == "file:///site/"
    assert root.findtext("a:id", namespaces=ATOM).startswith("urn:uuid:")


class FakeFeed:
    """What briefing.feeds edits of a feedgenerator feed: ``feed`` and ``items``."""

    def __init__(self, feed_url: str, links: list[str]):
        self.feed = {"feed_url": feed_url, "link": "/", "id": "/"}
        self.items = [{"link": link, "unique_id": None} for link in links]


def test_relative_feed_only_touches_builds_without_an_absolute_siteurl():
    published = FakeFeed("https://e.org/feeds/all.atom.xml", ["https://e.org/briefs/a/"])
    relative_feed({"SITEURL": "https://e.org", "RELATIVE_URLS": False}, published)
    assert published.items[0]["link"] == "https://e.org/briefs/a/" and published.items[0]["unique_id"] is None

    dev = FakeFeed("feeds/deep/all.atom.xml", ["briefs/a/"])
    relative_feed({"SITEURL": "", "RELATIVE_URLS": True, "SITENAME": "S"}, dev)
    assert dev.items[0]["link"] == "../../briefs/a/"
    assert dev.feed["feed_url"] == "../../feeds/deep/all.atom.xml" and dev.feed["link"] == "../../"
    assert dev.items[0]["unique_id"] == stable_id("S", "briefs/a/") != stable_id("S", "briefs/b/")
    assert posixpath.normpath("feeds/deep/" + dev.items[0]["link"]) == "briefs/a"
