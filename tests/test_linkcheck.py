"""linkcheck: the rules a publish build adds, the page reader, and the incremental check.

The development-build rules (relative links, index.html, anchors) are tested
on a tiny site in test_links.py; here: absolute links under SITEURL and clean
folder URLs; the stdlib reader giving exactly what Beautiful Soup's tree gave
(the checker's first version, kept below as the reference); and a check from
stored page summaries giving exactly the answer of a fresh one.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from bs4 import BeautifulSoup

from briefing import linkcheck
from briefing.commands import build as build_command
from briefing.linkcheck import PageLinks, broken_links, page_links, site_path

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


# ==========================================================================
# the page reader gives what Beautiful Soup's tree gives
# ==========================================================================


def soup_reference(html: str) -> PageLinks:
    """The checker's first version: a whole Beautiful Soup tree per page."""
    soup = BeautifulSoup(html, "html.parser")
    links = []
    for element in soup.find_all(True):
        for attribute in ("href", "src"):
            if element.has_attr(attribute):
                links.append((element[attribute], soup_original_line(element)))
        if element.name in ("blockquote", "q") and element.has_attr("cite"):
            links.append((element["cite"], soup_original_line(element)))
    return PageLinks(tuple(links), frozenset(el["id"] for el in soup.find_all(id=True)))


def soup_original_line(element) -> bool:
    if element.name != "a" or "external" not in element.get("class", []):
        return False
    dd = element.parent
    if dd is None or dd.name != "dd":
        return False
    dt = dd.find_previous_sibling(["dt", "dd"])
    return dt is not None and dt.name == "dt" and dt.get_text(strip=True) == "Original"


ORIGINAL_LINE = '<a class="external" href="https://example.org/x">x</a>'
TRICKY_PAGES = [
    f"<dl><dt>Original</dt><dd>{ORIGINAL_LINE}</dd></dl>",
    f"<dl><dt> Orig<b>inal </b></dt><dd>{ORIGINAL_LINE}</dd></dl>",  # text of several strings, each stripped
    f"<dl><dt>Orig<!-- c -->inal</dt><dd>{ORIGINAL_LINE}</dd></dl>",  # a comment splits, is not text
    f"<dl><dt>Original<script>x</script></dt><dd>{ORIGINAL_LINE}</dd></dl>",  # script is not text
    f"<dl><dt>Origi<![CDATA[nal]]></dt><dd>{ORIGINAL_LINE}</dd></dl>",  # CDATA is text
    f"<dl><dt>&#79;riginal</dt><dd>{ORIGINAL_LINE}</dd></dl>",
    f"<dl><dt>Original</dt><dd>x</dd><dd>{ORIGINAL_LINE}</dd></dl>",  # the nearest dt/dd is a dd
    f"<dl><dt>Original</dt><p>between</p><dd>{ORIGINAL_LINE}</dd></dl>",  # other elements are skipped
    f"<dl><dt>Original<dd>{ORIGINAL_LINE}</dd></dl>",  # no implicit close: the dd is inside the dt
    f"<dl><dt>Original</dt><dd><span>{ORIGINAL_LINE}</span></dd></dl>",  # not the dd's child
    f"<dl><dt>Original</dt><dd>{ORIGINAL_LINE.replace('external', 'externals')}</dd></dl>",
    f"<dl><dt>Original</dt><dd>{ORIGINAL_LINE.replace('external', ' x  external ')}</dd></dl>",
    f"<dl><dt>Original</dt></dl><dd>{ORIGINAL_LINE}</dd>",  # siblings under another parent
    f"<dl><dt>Original</dt><dd><br>{ORIGINAL_LINE}</dd></dl>",  # a void element closes itself
    f"<dl><dt>Original</dt><dd><br/>{ORIGINAL_LINE}</dd></dl>",
    f"<dl><dt>Original</dt><dd><img src=a.png></img>{ORIGINAL_LINE}</dd></dl>",
    f"<dl><dt>Original</dt><dd><br></br></br>{ORIGINAL_LINE}</dd></dl>",
    f"<dl><dt>Orig<br>ina</br>l</dt><dd>{ORIGINAL_LINE}</dd></dl>",  # a stray </br> does not end a string
    f"<dl><dt>Origin </br> al</dt><dd>{ORIGINAL_LINE}</dd></dl>",
    f"<dl><dt>Origin<br>a </br> l</dt><dd>{ORIGINAL_LINE}</dd></dl>",  # "a  l": one string
    f"<dl><dt>Original</dt></span><dd>{ORIGINAL_LINE}</dd></dl>",  # a stray end tag is ignored
    f"<dl><dt>Original</dt><dd><p>{ORIGINAL_LINE}</dl></dd>",  # an end tag closes what is open inside it
    "<DL><DT>Original</DT><DD><A CLASS=external HREF=https://e.org>x</A></DD></DL>",
    '<a href="a" href="b" id="one" id="two">dup</a><a href>none</a><img src><q cite="#q"></q>',
    '<blockquote cite="x.html" href="y.html" src="z.png">q</blockquote><div cite="no.html" id="">d</div>',
    '<a href="x.html?a=1&amp;b=2#f&#111;o">refs in attributes</a><p id="caf&eacute;"></p>',
    '<script>var s = "<a href=\'in-script.html\'>";</script><style>a{}</style><a href="after.html">a</a>',
    '<a href="one.html"/><a href="two.html"><p id="x"><a href="three.html">',
]


def test_the_reader_gives_beautiful_soups_links_ids_and_original_lines_on_tricky_markup():
    for html in TRICKY_PAGES:
        assert page_links(html) == soup_reference(html), html


def test_the_reader_agrees_with_beautiful_soup_on_random_markup():
    pieces = [
        "<dl>", "</dl>", "<dt>", "</dt>", "<dd>", "</dd>", "Original", " Orig", "inal ", "<b>", "</b>",
        "<br>", "</br>", "<br/>", "<!-- c -->", "<p>", "</p>", "<span>", "</span>", ORIGINAL_LINE,
        '<a class="external" href="https://e.org/%d">', "</a>", '<img src="i%d.png">', '<p id="p%d">',
        '<q cite="#p%d">', "</q>", "<script>", "</script>", "&amp;", "&#79;", "<![CDATA[Original]]>", "\n",
    ]
    rng = random.Random(6)
    for number in range(400):
        html = "".join(rng.choice(pieces).replace("%d", str(rng.randint(0, 3))) for _ in range(rng.randint(1, 30)))
        assert page_links(html) == soup_reference(html), html


# ==========================================================================
# the incremental check: stored summaries give a fresh check's answer
# ==========================================================================


def small_site(root: Path) -> None:
    write(root, "index.html", """
        <p id="top"><a href="a/index.html#p1">a</a> <a href="b/index.html#q">b</a> <a href="#top">top</a></p>
        <a href="a/missing.html">missing</a> <a href="/a/index.html">root-relative</a>
        <dl><dt>Original</dt><dd><a class="external" href="https://example.org/x">x</a></dd></dl>
        <a href="https://example.org/y">stray</a>
    """)
    write(root, "a/index.html", '<p id="p1"><a href="#p1">one</a></p><a href="../b/index.html#q">b</a><a href="../index.html#none">x</a>')
    write(root, "a/other.html", '<a href="#p1">the same bare anchor, on a page without it</a>')
    write(root, "b/index.html", '<p id="q">q</p><a href="../a/">folder</a>')


def both_answers(root: Path, summaries: Path) -> tuple[list[str], list[str]]:
    return broken_links(root, summaries=summaries), broken_links(root)


def test_checks_from_stored_summaries_answer_as_a_fresh_check_through_edits(tmp_path):
    site, summaries = tmp_path / "site", tmp_path / "cache" / "pages.json"
    small_site(site)
    edits = [
        lambda: write(site, "b/index.html", '<p id="r">q moved</p>'),  # breaks two anchors on unchanged pages
        lambda: (site / "a" / "missing.html").write_text("<p>now here</p>", encoding="utf-8"),
        lambda: (site / "a" / "index.html").unlink(),
        lambda: write(site, "a/index.html", '<p id="p1">back</p>'),
        lambda: write(site, "c/index.html", '<a href="../index.html#top">new page</a><a href="../d.html">x</a>'),
    ]
    cached, fresh = both_answers(site, summaries)
    assert cached == fresh and len(fresh) == 6
    answers = [fresh]
    for edit in edits:
        edit()
        cached, fresh = both_answers(site, summaries)
        assert cached == fresh
        answers.append(fresh)
    assert all(before != after for before, after in zip(answers, answers[1:])), "every edit changes the answer"


def test_an_edit_that_breaks_an_anchor_on_an_unchanged_pages_target_is_found(tmp_path):
    site = tmp_path / "site"
    write(site, "index.html", '<a href="b/index.html#q">b</a>')
    write(site, "b/index.html", '<p id="q">q</p>')
    settings = {"CACHE_PATH": str(tmp_path / "cache")}
    assert build_command.checked_links(site, "", False, settings) == []
    write(site, "b/index.html", '<p id="r">q</p>')
    assert build_command.checked_links(site, "", False, settings) == [
        "index.html → b/index.html#q: no element with id 'q' on b/index.html"
    ]


def test_a_fixed_link_disappears_from_the_answer(tmp_path):
    site, summaries = tmp_path / "site", tmp_path / "pages.json"
    write(site, "index.html", '<a href="b.html">b</a><a href="c.html">c</a>')
    assert broken_links(site, summaries=summaries) == [
        "index.html → b.html: no such file", "index.html → c.html: no such file"
    ]
    write(site, "b.html", "b")  # the target appears
    assert broken_links(site, summaries=summaries) == ["index.html → c.html: no such file"]
    write(site, "index.html", '<a href="b.html">b</a>')  # the link is fixed on its page
    assert broken_links(site, summaries=summaries) == []


def test_only_pages_whose_bytes_changed_are_read_again(tmp_path, monkeypatch):
    site, summaries = tmp_path / "site", tmp_path / "pages.json"
    small_site(site)
    read = []
    real = linkcheck.page_links
    monkeypatch.setattr(linkcheck, "page_links", lambda html: read.append(html) or real(html))
    first = broken_links(site, summaries=summaries)
    assert len(read) == 4
    assert broken_links(site, summaries=summaries) == first and len(read) == 4
    write(site, "b/index.html", '<p id="q">q</p>')
    broken_links(site, summaries=summaries)
    assert len(read) == 5 and "q</p>" in read[-1]


def test_the_summaries_file_holds_only_the_sites_pages_and_is_rebuilt_when_damaged(tmp_path):
    site, summaries = tmp_path / "site", tmp_path / "pages.json"
    small_site(site)
    fresh = broken_links(site)
    broken_links(site, summaries=summaries)
    write(site, "b/index.html", '<p id="q">edited</p>')
    broken_links(site, summaries=summaries)
    stored = json.loads(summaries.read_text(encoding="utf-8"))
    assert len(stored["pages"]) == 4  # the old b/index.html is gone
    for damage in ("{not json", json.dumps({"version": "0", "pages": {}}),
                   json.dumps({**stored, "pages": {d: {"links": 5} for d in stored["pages"]}})):
        summaries.write_text(damage, encoding="utf-8")
        assert broken_links(site, summaries=summaries) == broken_links(site) != fresh
