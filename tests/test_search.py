"""Full-text search: the Pagefind index every build writes, and the /search/ page using it.

The browser test serves the built site over http (Pagefind fetches its index,
which a file:// page cannot), searches for a place of the seed brief and
follows the result to the brief page.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import http.server
import json
import re
import threading
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, run_pelican

from briefing import incremental, search
from briefing.linkcheck import broken_links

# what each indexed folder holds, as the pages' data-pagefind-meta names it
INDEXED_KINDS = {"briefs": "Brief", "people": "Person", "places": "Place", "organisations": "Organisation",
                 "outlets": "Outlet"}


def bundles(output: Path) -> list[Path]:
    """The index's bundles: the search page's own, then those it merges (briefing-shards.json)."""
    first = output / "pagefind"
    listed = json.loads((first / "briefing-shards.json").read_text(encoding="utf-8"))["merge"]
    return [first] + [first / folder for folder in listed]


def fragments(output: Path) -> list[dict]:
    """Pagefind's record of each indexed page, in every bundle: gzip of b"pagefind_dcd" + JSON."""
    records = []
    for bundle in bundles(output):
        for path in sorted((bundle / "fragment").glob("*.pf_fragment")):
            data = gzip.decompress(path.read_bytes())
            assert data.startswith(b"pagefind_dcd"), path
            records.append(json.loads(data[len(b"pagefind_dcd"):]))
    return records


def expected_kind(url: str) -> str:
    parts = url.strip("/").split("/")
    return "Source" if "sources" in parts else INDEXED_KINDS[parts[0]]


def seed_brief(output: Path) -> dict:
    """The built brief.json of the site's only story (the seed)."""
    (path,) = sorted(output.glob("briefs/*/brief.json"))
    return json.loads(path.read_text(encoding="utf-8"))


# --------------------------------------------------------------------------
# the index
# --------------------------------------------------------------------------


def test_the_build_indexes_briefs_sources_entity_and_outlet_pages_only(built_site):
    out = built_site.output
    assert (out / "pagefind" / "pagefind-entry.json").is_file()
    assert (out / "pagefind" / "pagefind-ui.js").is_file()
    indexed = {record["url"]: record for record in fragments(out)}
    pages = {
        "/" + str(p.relative_to(out))
        for pattern in ["briefs/*/index.html", "briefs/*/sources/*/index.html",
                        "people/*/index.html", "places/*/index.html", "organisations/*/index.html",
                        "outlets/*/index.html"]
        for p in out.glob(pattern)
    }
    # the dev build links to index.html, and so do the search results
    assert set(indexed) == pages
    for url, record in indexed.items():
        assert record["meta"]["kind"] == expected_kind(url), url
    brief = seed_brief(out)
    assert indexed[f"/{brief['url']}index.html"]["meta"]["title"] == brief["title"]


def test_an_index_is_rebuilt_from_scratch(tmp_path):
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "a" / "index.html").write_text(
        '<html lang="en"><body><p>menu</p><main data-pagefind-body><h1>Harbour bridge</h1>'
        "<p>The bridge closes for repairs.</p></main></body></html>",
        encoding="utf-8",
    )
    stale = site / "pagefind" / "fragment" / "en_gone.pf_fragment"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"a page that no longer exists")
    search.build_index(site, keep_index_url=False, shard_bytes=0)
    assert not stale.exists()
    (record,) = fragments(site)
    assert record["url"] == "/a/"  # clean URLs when the site's links have no index.html
    assert record["meta"]["title"] == "Harbour bridge" and "menu" not in record["content"]


def test_a_missing_pagefind_binary_fails_the_build_saying_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))
    failed = run_pelican(ROOT / "content", tmp_path / "failed")
    assert failed.returncode != 0
    assert "pip install -e ." in failed.log and "BRIEFING_SEARCH = False" in failed.log, failed.log
    # and turned off, the site builds without an index
    built = run_pelican(ROOT / "content", tmp_path / "off", "pelican.conf.py", "-e", "BRIEFING_SEARCH=false")
    assert built.returncode == 0, built.log
    assert (built.output / "index.html").is_file() and not (built.output / "pagefind").exists()


# --------------------------------------------------------------------------
# the search page
# --------------------------------------------------------------------------


def test_the_search_page_runs_pagefind_from_the_site_itself(built_site):
    out = built_site.output
    page = out / "search" / "index.html"
    doc = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    scripts = doc.find_all("script")
    srcs = [s["src"] for s in scripts]
    assert len(srcs) == 2 and srcs[0] == "../pagefind/pagefind-ui.js"
    assert re.fullmatch(r"\.\./theme/js/search\.[0-9a-f]{8}\.js", srcs[1]), srcs[1]  # hashed name
    assert all(not s.get_text(strip=True) for s in scripts), "inline script"
    for s in scripts:
        assert (page.parent / s["src"]).resolve().is_file(), s["src"]
    assert "JavaScript" in doc.find("noscript").get_text()
    assert doc.find(id="search") is not None
    front = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert front.select_one('.site-nav a[href="./search/index.html"]').get_text() == "Search"


def small_site(root: Path) -> Path:
    """A content folder with one brief of one source, and a page."""
    folder = root / "briefs" / "bridge"
    (folder / "sources").mkdir(parents=True)
    (folder / "brief.md").write_text("Title: Bridge closes\nDate: 2024-03-05\n", encoding="utf-8")
    (folder / "sources" / "echo.txt").write_text(
        "Outlet: Coast Echo\nDate: 2024-03-05\n\nThe harbour bridge will close for repairs in May.\n",
        encoding="utf-8",
    )
    (root / "pages").mkdir()
    (root / "pages" / "about.md").write_text("Title: About\n\nA test site.\n", encoding="utf-8")
    return root


def nav_links(page: Path) -> list[str]:
    doc = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return [a.get_text() for a in doc.select(".site-nav a")]


@pytest.mark.parametrize("on", [True, False], ids=["search-on", "search-off"])
def test_one_setting_turns_search_page_link_and_index_on_or_off(tmp_path, on):
    content = small_site(tmp_path / "content")
    output = tmp_path / "output"
    stale = output / "pagefind" / "pagefind-entry.json"  # left by an earlier build, kept by OUTPUT_RETENTION
    stale.parent.mkdir(parents=True)
    stale.write_text("{}", encoding="utf-8")
    build = run_pelican(content, output, "pelican.conf.py", "-e", f"BRIEFING_SEARCH={str(on).lower()}")
    assert build.returncode == 0, build.log
    assert (output / "search" / "index.html").is_file() is on
    assert (output / "pagefind").exists() is on
    pages = [output / "index.html", output / "briefs/bridge/index.html", output / "outlets/coast-echo/index.html",
             output / "pages/about/index.html"]
    for page in pages:
        assert nav_links(page) == (["Briefs", "Timeline", "Search", "About"] if on else ["Briefs", "Timeline", "About"])
    assert broken_links(output) == []


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep the test output quiet
        pass


@pytest.fixture
def served_site(built_site):
    """The built site at http://127.0.0.1:<free port>/, served from a thread."""
    handler = functools.partial(QuietHandler, directory=str(built_site.output))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.mark.browser  # the browser fixture skips where chromium is missing (not in CI)
def test_searching_a_place_of_the_seed_brief_leads_to_the_brief(browser, built_site, served_site):
    brief = seed_brief(built_site.output)
    place = next(e for e in brief["entities"] if e["kind"] == "place")
    page = browser.new_page()
    foreign: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(served_site) else foreign.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(served_site)
    page.click('.site-nav a:text-is("Search")')
    page.fill(".pagefind-ui__search-input", place["name"])
    page.wait_for_selector(".pagefind-ui__result-link", timeout=10_000)
    results = page.locator(".pagefind-ui__result-title .pagefind-ui__result-link")
    hrefs = results.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    # the place's own page and the brief that names it are both found (the place
    # page, titled with the name, ranks above the brief)
    assert f"/{place['url']}index.html" in hrefs, hrefs
    brief_href = f"/{brief['url']}index.html"
    assert brief_href in hrefs, hrefs
    results.nth(hrefs.index(brief_href)).click()
    page.wait_for_url(served_site + brief["url"] + "index.html")
    assert page.locator("h1").first.inner_text() == brief["title"]
    page.close()
    assert foreign == [] and errors == [], (foreign, errors)


# --------------------------------------------------------------------------
# an index in shards (briefing.searchshards)
# --------------------------------------------------------------------------

# one made-up word a brief, found in no other page of the site
SHARD_WORDS = ("quillorane", "vostremic", "palundrine", "ostravelle", "kembrithe", "saldonique")


def briefs_site(root: Path, words=SHARD_WORDS) -> Path:
    """A content folder of one brief per word, each with one source naming the word."""
    for number, word in enumerate(words, 1):
        folder = root / "briefs" / f"story-{number}"
        (folder / "sources").mkdir(parents=True)
        (folder / "brief.md").write_text(f"Title: Story {number}\nDate: 2024-03-0{number}\n", encoding="utf-8")
        (folder / "sources" / "echo.txt").write_text(
            f"Outlet: Coast Echo\nDate: 2024-03-0{number}\n\n"
            f"The council said on Monday that the {word} plan would go ahead in May.\n"
            f"The plan had been delayed twice, the council said.\n",
            encoding="utf-8",
        )
    return root


def indexed_urls(output: Path) -> list[str]:
    return sorted(record["url"] for record in fragments(output))


def bundle_keys(output: Path) -> set[str]:
    """The shard bundles kept in the build's cache (run_pelican's cache folder), by key."""
    return {p.name for p in (output.parent / f"{output.name}.cache" / "briefing" / "pagefind").iterdir()}


def test_a_site_indexed_in_shards_indexes_every_page_once_and_merges_the_shards(tmp_path):
    content = briefs_site(tmp_path / "content")
    whole = run_pelican(content, tmp_path / "whole", "pelican.conf.py", "-e", "BRIEFING_SEARCH_SHARD_BYTES=0")
    sharded = run_pelican(content, tmp_path / "sharded", "pelican.conf.py", "-e", "BRIEFING_SEARCH_SHARD_BYTES=1")
    assert whole.returncode == 0 and sharded.returncode == 0, whole.log + sharded.log
    assert len(bundles(whole.output)) == 1
    assert len(bundles(sharded.output)) >= 4  # 6 briefs, their sources, outlets: dozens of buckets
    urls = indexed_urls(sharded.output)
    assert len(urls) == len(set(urls)) and urls == indexed_urls(whole.output)
    # a brief and its sources are one unit: they land in the same bundle
    for bundle in bundles(sharded.output):
        records = [json.loads(gzip.decompress(p.read_bytes())[len(b"pagefind_dcd"):])
                   for p in (bundle / "fragment").glob("*.pf_fragment")]
        briefs = {r["url"].split("/")[2] for r in records if r["url"].startswith("/briefs/")}
        assert len(briefs) <= len(records)
        for record in records:
            if "/sources/" in record["url"]:
                assert record["url"].split("/")[2] in briefs, record["url"]
    # the merged bundles carry their index only: the page runs the first bundle's scripts
    for bundle in bundles(sharded.output)[1:]:
        assert not list(bundle.glob("*.js")) and (bundle / "pagefind-entry.json").is_file()
    assert broken_links(sharded.output) == []


def test_an_edit_reindexes_only_its_shards_and_gives_the_index_of_a_cold_build(tmp_path):
    content = briefs_site(tmp_path / "content")
    output = tmp_path / "output"
    shards = ("-e", "BRIEFING_SEARCH_SHARD_BYTES=1")
    assert run_pelican(content, output, "pelican.conf.py", *shards).returncode == 0
    before = bundle_keys(output)
    source = content / "briefs" / "story-2" / "sources" / "echo.txt"
    source.write_text(source.read_text(encoding="utf-8").replace("twice", "three times"), encoding="utf-8")
    rebuilt = run_pelican(content, output, "pelican.conf.py", *shards)
    assert rebuilt.returncode == 0, rebuilt.log
    after = bundle_keys(output)
    assert 0 < len(after - before) < len(after) // 2  # the edited brief's shard, not the others
    cold = run_pelican(content, tmp_path / "cold", "pelican.conf.py", *shards)
    assert cold.returncode == 0, cold.log
    assert incremental.files_digest(output / "pagefind") == incremental.files_digest(cold.output / "pagefind")
    assert indexed_urls(output) == indexed_urls(cold.output)


def test_a_page_named_with_glob_characters_fails_the_index_naming_it(tmp_path):
    site = tmp_path / "site"
    (site / "odd{1,2}").mkdir(parents=True)
    (site / "odd{1,2}" / "index.html").write_text(
        '<html lang="en"><body><main data-pagefind-body><h1>Odd</h1></main></body></html>', encoding="utf-8")
    with pytest.raises(search.SearchIndexError, match=r"odd\{1,2\}/index\.html.*slug"):
        search.build_index(site, keep_index_url=False, shard_bytes=0)


def test_words_about_pagefind_in_a_story_do_not_mark_its_page_for_the_index(tmp_path):
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "b").mkdir(parents=True)
    (site / "a" / "index.html").write_text(
        '<html lang="en"><body><main data-pagefind-body><h1>Bridge</h1></main></body></html>', encoding="utf-8")
    (site / "b" / "index.html").write_text(
        '<html lang="en"><body><p>Put data-pagefind-body on &lt;main data-pagefind-body&gt;</p></body></html>',
        encoding="utf-8")
    assert [page.path for page in search.indexed_pages(site)] == ["a/index.html"]


def test_a_page_is_hashed_and_its_marker_found_across_chunks(tmp_path, monkeypatch):
    monkeypatch.setattr(incremental, "COMPARE_CHUNK", 8)  # every tag is cut somewhere
    page = tmp_path / "page.html"
    for body, marked in [
        ('<html><body><main class="x" data-pagefind-body><h1>Bridge</h1></main></body></html>', True),
        ('<html><body><main data-pagefind-body>' + "word " * 50 + "</main></body></html>", True),
        ("<html><body><p>&lt;main data-pagefind-body&gt;</p>" + "x" * 40 + "</body></html>", False),
        ("<html><body><main>Bridge</main></body></html>", False),
    ]:
        page.write_text(body, encoding="utf-8")
        digest = hashlib.sha256(body.encode()).hexdigest()
        assert search.digest_and_mark(page) == (digest, marked), body


@pytest.fixture
def sharded_site(tmp_path):
    """A site of six briefs indexed in shards, served over http: (url, output)."""
    content = briefs_site(tmp_path / "content")
    built = run_pelican(content, tmp_path / "output", "pelican.conf.py", "-e", "BRIEFING_SEARCH_SHARD_BYTES=1")
    assert built.returncode == 0, built.log
    handler = functools.partial(QuietHandler, directory=str(built.output))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", built.output
    server.shutdown()
    server.server_close()


@pytest.mark.browser
def test_the_search_page_finds_pages_in_every_shard(browser, sharded_site):
    url, output = sharded_site
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.goto(url + "search/index.html")
    for number, word in enumerate(SHARD_WORDS, 1):
        page.fill(".pagefind-ui__search-input", word)
        brief_href = f"/briefs/story-{number}/index.html"
        link = page.locator(f'.pagefind-ui__result-link[href="{brief_href}"]')
        link.first.wait_for(timeout=10_000)
        hrefs = page.locator(".pagefind-ui__result-link").evaluate_all(
            "links => links.map(a => a.getAttribute('href'))")
        # the word's brief and its source, and no other brief
        assert {h.split("/")[2] for h in hrefs if h.startswith("/briefs/")} == {f"story-{number}"}, hrefs
    page.close()
    assert errors == []
    assert len(bundles(output)) >= 4


def test_mirroring_a_bundle_removes_what_is_gone_and_rewrites_only_what_differs(tmp_path):
    source = tmp_path / "bundle"
    (source / "index").mkdir(parents=True)
    (source / "pagefind-entry.json").write_text("{}", encoding="utf-8")
    (source / "index" / "en_1.pf_index").write_bytes(b"new")
    target = tmp_path / "site" / "pagefind"
    (target / "shard-4" / "index").mkdir(parents=True)  # a shard the site no longer has
    (target / "shard-4" / "index" / "en_9.pf_index").write_bytes(b"old")
    (target / "index").mkdir()
    (target / "index" / "en_1.pf_index").write_bytes(b"old")
    (target / "pagefind-entry.json").write_text("{}", encoding="utf-8")
    kept = (target / "pagefind-entry.json").stat().st_ino
    search.mirror({"pagefind-entry.json": source / "pagefind-entry.json",
                   "index/en_1.pf_index": source / "index" / "en_1.pf_index"}, target)
    assert sorted(p.relative_to(target).as_posix() for p in target.rglob("*")) == [
        "index", "index/en_1.pf_index", "pagefind-entry.json"]
    assert (target / "index" / "en_1.pf_index").read_bytes() == b"new"
    assert (target / "pagefind-entry.json").stat().st_ino == kept  # same bytes: not rewritten


def test_a_page_unchanged_since_the_last_index_is_not_read_again(tmp_path, monkeypatch):
    site, record = tmp_path / "site", tmp_path / "cache" / search.PAGES_RECORD
    for name in ("a", "b"):
        (site / name).mkdir(parents=True)
        (site / name / "index.html").write_text(
            f'<html lang="en"><body><main data-pagefind-body><h1>{name}</h1></main></body></html>', encoding="utf-8")
    first = search.indexed_pages(site, record)
    reads: list[str] = []
    real = search.digest_and_mark
    monkeypatch.setattr(search, "digest_and_mark", lambda path: reads.append(path.parent.name) or real(path))
    assert search.indexed_pages(site, record) == first and reads == []
    edited = site / "b" / "index.html"
    edited.write_text(edited.read_text(encoding="utf-8").replace("<h1>b", "<h1>bee"), encoding="utf-8")
    again = search.indexed_pages(site, record)
    assert reads == ["b"] and again[0] == first[0] and again[1].digest != first[1].digest
    assert [p.path for p in again] == ["a/index.html", "b/index.html"]


def test_a_bundle_file_installed_by_the_last_build_and_untouched_is_not_read_again(tmp_path, monkeypatch):
    bundle, target, record = tmp_path / "bundle", tmp_path / "site" / "pagefind", tmp_path / "installed.json"
    bundle.mkdir()
    for name in ("pagefind-entry.json", "en.pf_meta"):
        (bundle / name).write_text(name, encoding="utf-8")
    files = {name: bundle / name for name in ("pagefind-entry.json", "en.pf_meta")}
    search.mirror(files, target, record)
    reads: list[str] = []  # bundle files read (compared or copied: copy_if_changed is where)
    real = incremental.copy_if_changed
    monkeypatch.setattr(incremental, "copy_if_changed",
                        lambda source, path: (reads.append(source.name) if source.parent == bundle else None)
                        or real(source, path))
    search.mirror(files, target, record)
    assert reads == []
    (target / "en.pf_meta").write_text("changed by hand", encoding="utf-8")  # the output was touched
    search.mirror(files, target, record)
    assert reads == ["en.pf_meta"] and (target / "en.pf_meta").read_text(encoding="utf-8") == "en.pf_meta"


def test_mirroring_removes_a_link_to_a_folder_without_following_it(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("not the index's", encoding="utf-8")
    source = tmp_path / "bundle"
    source.mkdir()
    (source / "pagefind-entry.json").write_text("{}", encoding="utf-8")
    target = tmp_path / "site" / "pagefind"
    (target / "empty" / "deeper").mkdir(parents=True)
    (target / "linked").symlink_to(elsewhere, target_is_directory=True)
    search.mirror({"pagefind-entry.json": str(source / "pagefind-entry.json")}, target)
    assert sorted(p.name for p in target.iterdir()) == ["pagefind-entry.json"]
    assert (elsewhere / "keep.txt").read_text(encoding="utf-8") == "not the index's"


def test_only_the_top_bundle_folder_is_left_out_of_the_pages_to_index(tmp_path):
    site = tmp_path / "site"
    for name in ("pagefind/x.html", "briefs/pagefind/index.html", "index.html", "style.css"):
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text('<main data-pagefind-body>x</main>', encoding="utf-8")
    assert [p.path for p in search.indexed_pages(site)] == ["briefs/pagefind/index.html", "index.html"]


def test_badges_and_the_coverage_table_are_left_out_of_the_index(built_site):
    """Search excerpts show what a page says, not every item's outlets and paragraph numbers."""
    out = built_site.output
    indexed = {record["url"]: record for record in fragments(out)}
    brief = seed_brief(out)
    page = indexed[f"/{brief['url']}index.html"]["content"]
    assert brief["key_points"][0]["text"][:60] in page  # the words of the brief are indexed
    assert "Reported by" in page and all(s["outlet"] in page for s in brief["sources"])  # in prose, once
    html = (out / brief["url"] / "index.html").read_text(encoding="utf-8")
    table = "Key points by source"  # the coverage table's caption
    assert "¶" in html and table in html  # on the page…
    for record in indexed.values():  # …but in no page's index
        assert "¶" not in record["content"] and table not in record["content"], record["url"]
