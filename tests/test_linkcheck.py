"""linkcheck on publish builds: absolute links under SITEURL and clean folder URLs.

The development-build rules (relative links, index.html, anchors) are tested
on a tiny site in test_links.py; these are the rules a publish build adds.
"""

from __future__ import annotations

from pathlib import Path

from briefing.linkcheck import broken_links, site_path

SITEURL = "https://news.example.org/briefing"


def write(root: Path, path: str, body: str) -> None:
    page = root / path
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(f"<!DOCTYPE html><html><body>{body}</body></html>", encoding="utf-8")


def published_site(root: Path) -> None:
    write(root, "index.html", f"""
        <p id="top"><a href="{SITEURL}/">home</a> <a href="{SITEURL}">home without slash</a></p>
        <a href="{SITEURL}/briefs/a/#p1">a clean folder URL with an anchor</a>
        <a href="{SITEURL}/briefs/a/brief.json">data</a>
        <a href="{SITEURL}/#top">anchor on the home page</a>
        <a href="{SITEURL}/briefs/gone/">a folder that is not there</a>
        <a href="{SITEURL}/briefs/a/#p9">a missing anchor</a>
        <a href="{SITEURL}/briefs/empty/">a folder without index.html</a>
        <a href="https://other.example.org/briefing/briefs/a/">another host</a>
        <a href="https://news.example.org/briefingx/">a sibling path, not under SITEURL</a>
    """)
    write(root, "briefs/a/index.html", '<p id="p1">one</p>')
    (root / "briefs" / "a" / "brief.json").write_text("{}", encoding="utf-8")
    (root / "briefs" / "empty").mkdir()


def test_absolute_links_under_siteurl_are_checked_as_files_of_the_site(tmp_path):
    published_site(tmp_path)
    assert broken_links(tmp_path, siteurl=SITEURL, clean_urls=True) == [
        f"index.html → {SITEURL}/briefs/gone/: no such file",
        f"index.html → {SITEURL}/briefs/a/#p9: no element with id 'p9' on briefs/a/index.html",
        f"index.html → {SITEURL}/briefs/empty/: a folder, not a file",
        "index.html → https://other.example.org/briefing/briefs/a/: external link outside a source's Original line",
        "index.html → https://news.example.org/briefingx/: external link outside a source's Original line",
    ]


def test_without_siteurl_every_absolute_link_is_external(tmp_path):
    published_site(tmp_path)
    broken = broken_links(tmp_path, clean_urls=True)
    assert len(broken) == 10 and all("external link" in line for line in broken)


def test_folder_urls_are_pages_only_with_clean_urls(tmp_path):
    write(tmp_path, "index.html", '<a href="b/">b</a>')
    write(tmp_path, "b/index.html", "b")
    assert broken_links(tmp_path) == ["index.html → b/: a folder, not a file"]
    assert broken_links(tmp_path, clean_urls=True) == []


def test_site_path_matches_scheme_host_and_path_prefix():
    assert site_path(f"{SITEURL}/people/x/", SITEURL) == "people/x/"
    assert site_path(SITEURL, SITEURL + "/") == ""
    assert site_path("https://NEWS.example.org/briefing/a", SITEURL) == "a"
    assert site_path("http://news.example.org/briefing/a", SITEURL) is None
    assert site_path("https://news.example.org/other/a", SITEURL) is None
    assert site_path("https://news.example.org/a", "") is None
    assert site_path("https://news.example.org/a", "https://news.example.org") == "a"
