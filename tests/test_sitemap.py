"""briefing.sitemap: sitemap.xml lists every HTML page a build writes, and nothing else."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace
from datetime import datetime

import pytest

from briefing.sitemap import CONTEXT_KEY, Sitemap, lastmod, render
from conftest import run_pelican

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
PUBLISHED = "https://example.org/sub"


def entries(sitemap: Path) -> list[tuple[str, str | None]]:
    """(loc, lastmod) of every <url>, in file order; the file must be well-formed XML."""
    root = ET.parse(sitemap).getroot()
    assert root.tag == "{%s}urlset" % NS["sm"]
    return [
        (url.findtext("sm:loc", namespaces=NS), url.findtext("sm:lastmod", namespaces=NS))
        for url in root.findall("sm:url", NS)
    ]


def html_pages(out: Path) -> set[str]:
    """Every HTML page of a build, as a path from the site root (Pagefind's own files and
    the 404 error page aside)."""
    return {
        p.relative_to(out).as_posix()
        for p in out.rglob("*.html")
        if p.relative_to(out).parts[0] != "pagefind" and p.name != "404.html"
    }


# --------------------------------------------------------------------------
# the project's site, built for development: locations are paths from the root
# --------------------------------------------------------------------------


def test_dev_sitemap_lists_every_built_page_sorted_and_nothing_else(built_site):
    out = built_site.output
    found = entries(out / "sitemap.xml")
    locs = [loc for loc, _ in found]
    assert locs == sorted(locs) and len(set(locs)) == len(locs)
    assert all((out / loc).is_file() for loc in locs), [loc for loc in locs if not (out / loc).is_file()]
    assert set(locs) == html_pages(out)
    assert not [loc for loc in locs if loc.endswith(".json")]
    assert (out / "404.html").is_file() and "404.html" not in locs  # an error page is not content


def test_lastmod_is_the_content_date_of_briefs_and_their_sources(built_site):
    out = built_site.output
    found = dict(entries(out / "sitemap.xml"))
    brief_pages = [loc for loc in found if loc.startswith("briefs/")]
    assert brief_pages and all(found[loc] == "2023-02-22" for loc in brief_pages)
    # pages without a content date have none (never a file time)
    assert found["index.html"] is None and found["timeline/index.html"] is None


# --------------------------------------------------------------------------
# a small site built for publishing: absolute, clean URLs
# --------------------------------------------------------------------------

BRIEF_MD = "Title: {title}\nDate: {date}\n{extra}\nA note.\n"
WIRE = """Outlet: Coastline News
Date: 2024-03-05

Harbour bridge to close

VALPORT (Reuters) - The Valport council said on Tuesday it will close the harbour bridge.
"""


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    content = tmp_path_factory.mktemp("sitemap") / "content"
    for slug, extra in [("bridge", "Modified: 2024-04-01\n"), ("harbour", "")]:
        folder = content / "briefs" / slug
        (folder / "sources").mkdir(parents=True)
        (folder / "brief.md").write_text(BRIEF_MD.format(title=slug, date="2024-03-05", extra=extra))
        (folder / "sources" / "wire.txt").write_text(WIRE, encoding="utf-8")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SITEURL", PUBLISHED)
        build = run_pelican(content, content.parent / "output", "publish.conf.py")
    assert build.returncode == 0, build.log
    return build.output


def built_file(out: Path, loc: str) -> Path:
    assert loc.startswith(PUBLISHED + "/"), loc
    path = loc[len(PUBLISHED) + 1:]
    return out / (path + "index.html" if path == "" or path.endswith("/") else path)


def test_published_sitemap_has_absolute_clean_urls_of_every_page(published):
    found = dict(entries(published / "sitemap.xml"))
    assert all(built_file(published, loc).is_file() for loc in found)
    listed = {built_file(published, loc).relative_to(published).as_posix() for loc in found}
    assert listed == html_pages(published)
    assert found[f"{PUBLISHED}/briefs/bridge/"] == "2024-04-01"  # Modified wins over Date
    assert found[f"{PUBLISHED}/briefs/bridge/sources/wire/"] == "2024-03-05"


def test_the_same_content_gives_the_same_sitemap(published, tmp_path):
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SITEURL", PUBLISHED)
        again = run_pelican(published.parent / "content", tmp_path / "out", "publish.conf.py")
    assert (again.output / "sitemap.xml").read_bytes() == (published / "sitemap.xml").read_bytes()


# --------------------------------------------------------------------------
# the parts
# --------------------------------------------------------------------------


def test_locations_are_escaped_xml():
    xml = render({"a&b/": None, "x<y/": "2024-01-02"}, "https://e.org", index_html=False)
    assert "&amp;" in xml and "&lt;" in xml
    root = ET.fromstring(xml)
    assert [u.findtext("sm:loc", namespaces=NS) for u in root] == ["https://e.org/a&b/", "https://e.org/x<y/"]


def test_relative_locations_are_file_paths_from_the_root():
    xml = render({"": None, "people/a/": None, "about.html": None}, None, index_html=True)
    assert [u.findtext("sm:loc", namespaces=NS) for u in ET.fromstring(xml)] == [
        "about.html", "index.html", "people/a/index.html",
    ]


def test_lastmod_comes_from_content_never_from_elsewhere():
    article = SimpleNamespace(date=datetime(2024, 3, 5, 10, 0), status="published")
    assert lastmod({"article": article}) == "2024-03-05"
    assert lastmod({"article": SimpleNamespace(date=article.date, modified=datetime(2024, 4, 1))}) == "2024-04-01"
    assert lastmod({"briefing": SimpleNamespace(brief=SimpleNamespace(date="2024-03-06"))}) == "2024-03-06"
    assert lastmod({"entity": object()}) is None


def test_each_build_starts_a_fresh_list():
    context: dict = {CONTEXT_KEY: {"old/": None}}
    Sitemap(context=context, settings={}, output_path="out", path="content", theme="theme")
    assert context[CONTEXT_KEY] == {}
    Sitemap.page_written("out/a/index.html", context=dict(context, output_file="a/index.html"))
    Sitemap.page_written("out/a/brief.json", context=dict(context, output_file="a/brief.json"))
    draft = SimpleNamespace(status="draft", date=datetime(2024, 1, 1))
    Sitemap.page_written("out/d/index.html", context=dict(context, output_file="d/index.html", article=draft))
    assert context[CONTEXT_KEY] == {"a/": None}


def test_pages_a_writer_still_holds_are_listed(tmp_path):
    """The writer renders pages in batches and announces them when it flushes: the sitemap
    asks it to flush before it writes the list."""
    context: dict = {}
    sitemap = Sitemap(context=context, settings={}, output_path=str(tmp_path), path="content", theme="theme")

    class BatchingWriter:
        def flush(self):
            Sitemap.page_written(str(tmp_path / "late/index.html"), context=dict(context, output_file="late/index.html"))

    sitemap.generate_output(BatchingWriter())
    assert entries(tmp_path / "sitemap.xml") == [("late/index.html", None)]
