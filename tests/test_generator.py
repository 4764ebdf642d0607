"""The whole site, built by Pelican with the plugin: URLs, links, brief.json, bad input."""

from __future__ import annotations

import gc
import json
import shutil
import weakref
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, run_pelican

from briefing import generator
from test_jsonld import is_jsonld_block

SLUG = "china-japan-security-talks-2023"
BRIEF = f"briefs/{SLUG}"
SEED = ROOT / "content" / "briefs" / SLUG


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def html_files(root: Path) -> list[Path]:
    return sorted(root.rglob("*.html"))


# --------------------------------------------------------------------------
# the project's own site
# --------------------------------------------------------------------------


def test_pages_exist_at_the_contract_urls(built_site):
    out = built_site.output
    for path in [
        "index.html",
        f"{BRIEF}/index.html",
        f"{BRIEF}/brief.json",
        f"{BRIEF}/sources/reuters/index.html",
        f"{BRIEF}/sources/al-mayadeen-english/index.html",
        "people/sun-weidong/index.html",
        "people/shigeo-yamada/index.html",
        "outlets/reuters/index.html",
        "outlets/al-mayadeen-english/index.html",
        "timeline/index.html",
        "pages/about/index.html",
        "pages/methodology/index.html",
    ]:
        assert (out / path).is_file(), path
    assert list(out.glob("theme/css/site.*.css")), "no stylesheet (published by a hashed name)"
    assert list(out.glob("places/*/index.html")), "no place pages"
    # Pelican's listing pages this site does not have
    for absent in ["tags.html", "categories.html", "authors.html", "archives.html", "category", "tag", "author"]:
        assert not (out / absent).exists(), absent
    # sources are never read by Pelican as articles of their own
    assert not list(out.rglob("reuters.html"))


def test_the_build_is_clean(built_site):
    assert "WARNING" not in built_site.log and "ERROR" not in built_site.log, built_site.log


def test_brief_json_is_the_serialized_brief(built_site):
    text = (built_site.output / BRIEF / "brief.json").read_text(encoding="utf-8")
    data = json.loads(text)
    assert data["schema"] == "briefing/1"
    assert data["slug"] == SLUG and data["url"] == f"{BRIEF}/" and data["date"] == "2023-02-22"
    assert {s["id"] for s in data["sources"]} == {"reuters", "al-mayadeen-english"}
    for source in data["sources"]:
        assert source["page"] == f"{BRIEF}/sources/{source['id']}/"
        assert (built_site.output / source["page"] / "index.html").is_file()
    for entity in data["entities"]:
        assert (built_site.output / entity["url"] / "index.html").is_file(), entity["url"]


def test_the_build_is_byte_identical_when_repeated(built_site, tmp_path):
    again = run_pelican(ROOT / "content", tmp_path / "again")
    assert again.returncode == 0, again.log
    first = {p.relative_to(built_site.output): p.read_bytes() for p in built_site.output.rglob("*") if p.is_file()}
    second = {p.relative_to(again.output): p.read_bytes() for p in again.output.rglob("*") if p.is_file()}
    assert sorted(first) == sorted(second)
    assert [str(p) for p in sorted(first) if first[p] != second[p]] == []


def check_links(root: Path) -> list[str]:
    """Every internal href/src/cite of every page resolves to a file, and every #anchor to an id."""
    ids: dict[Path, set[str]] = {}

    def ids_of(path: Path) -> set[str]:
        if path not in ids:
            ids[path] = {el["id"] for el in soup(path).find_all(id=True)} if path.suffix == ".html" else set()
        return ids[path]

    broken = []
    for page in html_files(root):
        doc = soup(page)
        for el in doc.find_all(["a", "link", "img", "script", "blockquote", "q"]):
            for attr in ("href", "src", "cite"):
                url = el.get(attr)
                if url is None:
                    continue
                parts = urlsplit(url)
                if parts.scheme in ("http", "https", "mailto"):
                    continue
                assert not parts.scheme and not parts.netloc, f"{page}: {url}"
                target = page if not parts.path else (page.parent / unquote(parts.path)).resolve()
                where = f"{page.relative_to(root)}: {attr}={url}"
                if not target.is_file():
                    broken.append(f"{where} (no such file)")
                elif parts.fragment and parts.fragment not in ids_of(target):
                    broken.append(f"{where} (no id {parts.fragment!r})")
    return broken


def test_every_internal_link_and_anchor_resolves(built_site):
    assert check_links(built_site.output) == []


def test_links_are_relative_and_end_in_index_html(built_site):
    doc = soup(built_site.output / BRIEF / "index.html")
    hrefs = [a["href"] for a in doc.find_all("a", href=True) if not a["href"].startswith(("http", "#"))]
    assert hrefs and all(not h.startswith("/") for h in hrefs)
    assert all(urlsplit(h).path.endswith((".html", ".json", ".css", ".xml")) for h in hrefs), hrefs


def quote_figure(doc, speaker: str):
    for fig in doc.select("figure.quote"):
        link = fig.select_one(".speaker a")
        if link and link.get_text(strip=True) == speaker:
            return fig
    raise AssertionError(f"no quote by {speaker}")


def test_brief_page_shows_quotes_with_speaker_role_and_sources(built_site):
    doc = soup(built_site.output / BRIEF / "index.html")
    sun = quote_figure(doc, "Sun Weidong")
    assert "Cold War mentality" in sun.get_text()
    assert "Vice Foreign Minister" in sun.select_one(".role").get_text()
    assert sun.select_one(".speaker a")["href"].endswith("people/sun-weidong/index.html")
    assert sun.select_one("blockquote[cite]") is not None
    assert {b.get_text(" ", strip=True).split(" ¶")[0] for b in sun.select("a.badge")} >= {"Reuters"}

    yamada = quote_figure(doc, "Shigeo Yamada")
    assert "a lot of possibilities" in yamada.get_text()
    assert "Deputy" in yamada.select_one(".role").get_text()
    assert all("sources/" in a["href"] and "#p" in a["href"] for a in yamada.select("a.badge"))


def test_brief_page_attributes_both_sources(built_site):
    doc = soup(built_site.output / BRIEF / "index.html")
    cards = {c["id"]: c for c in doc.select("#sources .source-card")}
    assert set(cards) == {"source-reuters", "source-al-mayadeen-english"}
    assert "Reuters" in cards["source-reuters"].select_one("dl.meta").get_text()
    assert "TOKYO" in cards["source-reuters"].get_text()
    mayadeen = cards["source-al-mayadeen-english"]
    assert "Al Mayadeen English" in mayadeen.get_text()
    assert "A rewrite of" in mayadeen.select_one(".notice-rewrite").get_text()
    # the editor's note is there, sanitised
    assert "rewrite of Reuters copy" in doc.select_one(".editor-note").get_text()
    # key points: ids, badges to evidence paragraphs
    points = doc.select("ol.key-points > li")
    assert points and all(li.get("id") for li in points)
    assert all(li.select("a.badge[href*='#p']") for li in points)


def test_source_page_anchors_paragraphs_and_links_highlights_back(built_site):
    page = built_site.output / BRIEF / "sources" / "reuters" / "index.html"
    doc = soup(page)
    numbers = [p["id"] for p in doc.select(".source-text p.para")]
    assert numbers == [f"p{n}" for n in range(1, len(numbers) + 1)] and len(numbers) >= 10
    assert doc.select_one(".block-title") is not None  # the repeated headline is shown as a title
    marks = doc.select("mark.hl-quote")
    assert any("Cold War mentality" in m.get_text() for m in marks)
    backrefs = doc.select("a.backref")
    assert backrefs and all(f"{SLUG}/index.html#" in a["href"] for a in backrefs)
    # the quote highlight covers exactly the quoted words
    data = json.loads((built_site.output / BRIEF / "brief.json").read_text())
    raw = (SEED / "sources" / "reuters.txt").read_text(encoding="utf-8")
    for q in data["quotes"]:
        for ev in q["evidence"]:
            if ev["source"] == "reuters":
                assert raw[ev["start"]:ev["end"]] in doc.select_one(f"#p{ev['paragraph']}").get_text()


def test_person_outlet_and_timeline_pages(built_site):
    out = built_site.output
    sun = soup(out / "people/sun-weidong/index.html")
    assert sun.h1.get_text() == "Sun Weidong"
    assert "Cold War mentality" in sun.get_text()
    assert sun.select_one(f"a[href*='{SLUG}/index.html']") is not None
    mayadeen = soup(out / "outlets/al-mayadeen-english/index.html")
    assert "rewrite" in mayadeen.get_text().lower()
    timeline = soup(out / "timeline/index.html")
    assert timeline.select("ol.timeline > li") and "1895" in timeline.get_text()


def test_disputed_place_shows_both_names(built_site):
    data = json.loads((built_site.output / BRIEF / "brief.json").read_text())
    disputed = [e for e in data["entities"] if e["kind"] == "place" and "Diaoyu" in " ".join([e["name"], *e["aliases"]])]
    assert disputed, "no place named Diaoyu"
    page = soup(built_site.output / disputed[0]["url"] / "index.html").get_text()
    assert "Senkaku" in page and "Diaoyu" in page


def test_background_gives_each_sides_name_for_the_disputed_topic(built_site):
    names = soup(built_site.output / BRIEF / "index.html").select_one("#background .names-in-use")
    assert names is not None
    text = " ".join(names.get_text().split())
    assert "Diaoyu (China)" in text and "Senkaku (Japan)" in text


# --------------------------------------------------------------------------
# bad input: warn, name the file (and line), build the rest; strict fails
# --------------------------------------------------------------------------

GOOD = "Title: A good brief\nDate: 2024-03-01\n\nThe editor's note.\n"


@pytest.fixture(scope="module")
def bad_content(tmp_path_factory) -> Path:
    content = tmp_path_factory.mktemp("bad") / "content"
    shutil.copytree(ROOT / "content" / "pages", content / "pages")
    briefs = content / "briefs"
    shutil.copytree(SEED, briefs / SLUG)

    def brief(name: str, sources: dict[str, bytes] | None, brief_md: str | None = GOOD):
        folder = briefs / name
        folder.mkdir(parents=True)
        if brief_md is not None:
            (folder / "brief.md").write_text(brief_md, encoding="utf-8")
        if sources is not None:
            (folder / "sources").mkdir()
            for file_name, data in sources.items():
                (folder / "sources" / file_name).write_bytes(data)

    reuters = (SEED / "sources" / "reuters.txt").read_bytes()
    brief("no-brief-md", {"a.txt": reuters}, brief_md=None)
    brief("no-sources", None)
    brief("empty-source", {"empty.txt": b"", "good.txt": reuters})
    brief("not-utf8", {"latin1.txt": "Outlet: Le Monde\n\nCaf\xe9 cr\xe8me.\n".encode("latin-1")})
    brief("bad-header", {"bad.txt": b"Outlet: Somebody\nDate: last Tuesday\n\nSome text here.\n"})
    hostile = (
        b'Outlet: <img src=x onerror=alert(1)>\n\n<script>alert("x")</script> headline\n\n'
        b'A paragraph with <b>tags</b> and "a <i>quoted</i> remark," the official said.\n'
    )
    brief("hostile", {"hostile.txt": hostile})
    return content


@pytest.fixture(scope="module")
def bad_build(bad_content, tmp_path_factory) -> object:
    return run_pelican(bad_content, tmp_path_factory.mktemp("bad-out") / "output")


def test_bad_input_warns_once_per_problem_naming_the_file(bad_build, bad_content):
    assert bad_build.returncode == 0, bad_build.log
    log = bad_build.log
    briefs = bad_content / "briefs"
    expected = [
        (f"{briefs / 'no-brief-md'}:", "no brief.md"),
        (f"{briefs / 'no-sources'}:", "no sources/ folder"),
        (f"{briefs / 'empty-source' / 'sources' / 'empty.txt'}:", "empty"),
        (f"{briefs / 'not-utf8' / 'sources' / 'latin1.txt'}:3:", "UTF-8"),
        (f"{briefs / 'bad-header' / 'sources' / 'bad.txt'}:2:", "Date"),
    ]
    warnings = [line for line in log.splitlines() if "WARNING" in line]
    for where, what in expected:
        hits = [w for w in warnings if where in w]
        assert len(hits) == 1 and what in hits[0], (where, warnings)
    assert len(warnings) == len(expected), warnings


def test_bad_input_still_builds_the_good_brief(bad_build):
    out = bad_build.output
    assert (out / BRIEF / "index.html").is_file() and (out / BRIEF / "brief.json").is_file()
    assert (out / "briefs/empty-source/sources/good/index.html").is_file()
    # a brief without usable sources still has its page and its (empty) data
    data = json.loads((out / "briefs/no-sources/brief.json").read_text())
    assert data["sources"] == [] and data["title"] == "A good brief"
    assert not (out / "briefs/no-brief-md").exists()
    assert check_links(out) == []


def test_article_text_is_escaped_never_executed(bad_build):
    out = bad_build.output
    for page in html_files(out):
        doc = soup(page)
        # the only scripts are JSON-LD data blocks (never run; their text cannot close
        # them, see test_jsonld.py) and the search page's own (tested in test_search.py)
        scripts = [s for s in doc.find_all("script") if not is_jsonld_block(s)]
        assert not scripts or page == out / "search" / "index.html", (page, scripts)
        assert not doc.find(attrs={"onerror": True}), page
        assert not doc.select(".source-text b, .source-text i, .brief i"), page
    text = (out / "briefs/hostile/sources/hostile/index.html").read_text()
    assert "&lt;script&gt;" in text and "&lt;b&gt;tags&lt;/b&gt;" in text


def test_fatal_warnings_fail_the_build(bad_content, tmp_path):
    build = run_pelican(bad_content, tmp_path / "out", "pelican.conf.py", "--fatal", "warnings")
    assert build.returncode != 0


def test_strict_mode_logs_every_problem_then_fails(bad_content, tmp_path):
    build = run_pelican(bad_content, tmp_path / "out", "publish.conf.py")
    assert build.returncode != 0
    errors = [line for line in build.log.splitlines() if "ERROR" in line and "briefing:" in line]
    assert len(errors) == 5, build.log
    assert "BRIEFING_STRICT" in build.log


def test_publish_build_of_the_good_content_is_clean(tmp_path):
    build = run_pelican(ROOT / "content", tmp_path / "out", "publish.conf.py")
    assert build.returncode == 0, build.log
    out = build.output
    assert (out / "feeds/all.atom.xml").is_file()
    doc = soup(out / BRIEF / "index.html")
    hrefs = [a["href"] for a in doc.find_all("a", href=True) if not a["href"].startswith("#")]
    internal = [h for h in hrefs if h.startswith("https://briefing.example.org/")]
    assert internal and not any(h.endswith("index.html") for h in internal)


def test_builds_in_one_process_share_no_state(tmp_path):
    """livereload and --autoreload build again in the same process: nothing may leak."""
    from pelican import Pelican
    from pelican.settings import read_settings

    content, out = tmp_path / "content", tmp_path / "output"
    shutil.copytree(SEED, content / "briefs" / SLUG)

    def build():
        settings = read_settings(str(ROOT / "pelican.conf.py"), override={"PATH": str(content), "OUTPUT_PATH": str(out)})
        Pelican(settings).run()

    build()
    assert (out / "people/sun-weidong/index.html").is_file()

    shutil.rmtree(content / "briefs" / SLUG)
    other = content / "briefs" / "other-story"
    (other / "sources").mkdir(parents=True)
    (other / "brief.md").write_text("Title: Another story\nDate: 2024-05-01\n")
    (other / "sources" / "wire.txt").write_text(
        "Outlet: Wire\n\nHarbour reopens\n\n"
        '"We are open again," harbour master Ada Quist said on Monday.\n\n'
        "The harbour had been closed for two weeks.\n"
    )
    build()
    assert (out / "briefs/other-story/index.html").is_file()
    assert not (out / "briefs" / SLUG).exists()
    assert not (out / "people/sun-weidong").exists()
    timeline = (out / "timeline/index.html").read_text()
    assert SLUG not in timeline and "1895" not in timeline


def test_a_draft_brief_builds_as_a_preview_outside_the_site(tmp_path):
    """A draft (``Status: draft``) is written at drafts/<slug>/ and linked from nowhere.

    Our settings write no category pages, so Pelican gives brief.md no
    category, and its drafts writer needs one: without the plugin's default
    the whole build stopped on a single draft.
    """
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content" / "pages", content / "pages")
    shutil.copytree(SEED, content / "briefs" / SLUG)
    draft = content / "briefs" / "draft-story"
    shutil.copytree(SEED / "sources", draft / "sources")
    (draft / "brief.md").write_text("Title: Not ready yet\nDate: 2024-03-01\nStatus: draft\n\nWork in progress.\n")
    build = run_pelican(content, tmp_path / "out")
    assert build.returncode == 0, build.log
    out = build.output
    assert "Work in progress." in (out / "drafts/draft-story/index.html").read_text()
    assert not (out / "briefs/draft-story").exists()
    assert "draft-story" not in (out / "index.html").read_text()
    assert "draft-story" not in (out / "sitemap.xml").read_text()
    assert (out / BRIEF / "index.html").is_file()


@pytest.mark.parametrize("cached", [True, False])
def test_a_build_holds_its_briefs_but_not_their_parsed_sources(tmp_path, cached):
    """The parses were most of a build's memory: with the cache on they are let go once the
    briefs are made, and each source's page loads its own again (parsecache.SourceShelf)."""
    from pelican import Pelican, signals
    from pelican.settings import read_settings

    from briefing.buildstate import CONTEXT_KEY

    content, out = tmp_path / "content", tmp_path / "output"
    shutil.copytree(SEED, content / "briefs" / SLUG)
    states = []

    def after_attach(generators):
        states.append(generators[0].context[CONTEXT_KEY])

    signals.all_generators_finalized.connect(after_attach)  # sent after attach_briefs, before writing
    try:
        settings = read_settings(str(ROOT / "pelican.conf.py"), override={
            "PATH": str(content), "OUTPUT_PATH": str(out),
            "BRIEFING_CACHE_PATH": str(tmp_path / "cache") if cached else False})
        Pelican(settings).run()
    finally:
        signals.all_generators_finalized.disconnect(after_attach)
    [state] = states
    result = state.results[SLUG]
    assert result.brief.sources and (result.sources == ()) == cached
    for source in result.brief.sources:
        parsed = state.pages[SLUG].parsed(source.id)
        page = (out / f"briefs/{SLUG}/sources/{source.id}/index.html").read_text(encoding="utf-8")
        first = parsed.raw[parsed.paragraphs[0].start:parsed.paragraphs[0].end].split()[0]
        assert parsed.id == source.id and first in page


UNATTRIBUTED = (
    "Outlet: Northwire\n\n"
    "Harbour reopens after storm\n\n"
    "The harbour in Valmora reopened on Monday after a week of repairs.\n\n"
    '"The quay is safe again and the ferries will run," a notice on the harbour gate read.\n'
)


def test_a_rebuild_reports_the_same_problems_without_loading_unchanged_briefs_parses(tmp_path, monkeypatch):
    """A brief nothing changed in comes whole from the cache (pipeline.Shelving); its problems, the
    Checked: yes check's too (at the quote's source and line), are reported as on a cold build."""
    from pelican import Pelican, signals
    from pelican.settings import read_settings

    from briefing import parsecache
    from briefing.buildstate import CONTEXT_KEY

    content = tmp_path / "content"
    shutil.copytree(SEED, content / "briefs" / SLUG)
    checked = content / "briefs" / "checked"
    (checked / "sources").mkdir(parents=True)
    (checked / "brief.md").write_text("Title: Harbour\nDate: 2024-05-06\nChecked: yes\n\nNote.\n", encoding="utf-8")
    (checked / "sources" / "notice.txt").write_text(UNATTRIBUTED, encoding="utf-8")
    loads, seen = [], []
    real = parsecache.ResultCache.load
    monkeypatch.setattr(parsecache.ResultCache, "load",
                        lambda self, key, kind: loads.append(kind.__name__) or real(self, key, kind))

    def after_attach(generators):  # before anything is written: source pages load their own parses
        seen.append((generators[0].context[CONTEXT_KEY].problems, list(loads)))

    signals.all_generators_finalized.connect(after_attach)
    try:
        for run in ("cold", "warm"):
            loads.clear()
            settings = read_settings(str(ROOT / "pelican.conf.py"), override={
                "PATH": str(content), "OUTPUT_PATH": str(tmp_path / run),
                "BRIEFING_CACHE_PATH": str(tmp_path / "cache")})
            Pelican(settings).run()
    finally:
        signals.all_generators_finalized.disconnect(after_attach)
    (cold, _), (warm, warm_loads) = seen
    assert warm == cold
    [speakerless] = [p for p in warm if "has no speaker" in p.message]
    assert speakerless.path.endswith("notice.txt") and speakerless.line == 7  # the quote's line
    # one kept result a brief; the Checked brief's one source, for the line of its quote
    assert sorted(warm_loads) == ["BriefResult", "BriefResult", "ParsedSource"]
    # and the source pages, copied from the render cache, load no parse to be written
    assert sorted(loads) == sorted(warm_loads)


class Cycle:
    """Garbage only the cyclic collector frees: it refers to itself."""

    def __init__(self):
        self.me = self


def test_long_lived_objects_stay_frozen_until_the_next_build_collects_them():
    generator.release_long_lived()
    with generator.long_lived_objects():
        assert not gc.isenabled()  # no collection while the briefs are loaded
        briefs = [{"brief": n} for n in range(1000)]
        garbage = weakref.ref(Cycle())
    assert gc.isenabled() and gc.get_freeze_count() >= len(briefs)
    gc.collect()
    assert garbage() is not None  # frozen: not even a full collection looks at it
    with generator.long_lived_objects():  # the next build in the process
        assert gc.get_freeze_count() == 0 and garbage() is None  # thawed and collected first
    generator.release_long_lived()
    assert gc.get_freeze_count() == 0


def test_a_build_ends_with_its_objects_frozen(tmp_path):
    """So that Python's last collection, when the process exits, skips them (long_lived_objects)."""
    from pelican import Pelican
    from pelican.settings import read_settings

    generator.release_long_lived()
    content = tmp_path / "content"
    shutil.copytree(SEED, content / "briefs" / SLUG)
    settings = read_settings(str(ROOT / "pelican.conf.py"), override={
        "PATH": str(content), "OUTPUT_PATH": str(tmp_path / "output"), "BRIEFING_CACHE_PATH": False})
    try:
        Pelican(settings).run()
        assert gc.get_freeze_count() > 0 and gc.isenabled()
    finally:
        generator.release_long_lived()


def test_long_lived_objects_leave_a_disabled_collector_disabled_and_thaw_a_failed_build():
    gc.disable()
    try:
        with pytest.raises(RuntimeError):
            with generator.long_lived_objects():
                raise RuntimeError("a strict build fails here")
        assert not gc.isenabled() and gc.get_freeze_count() > 0
        with generator.long_lived_objects():  # the next build thaws what the failed one froze
            assert gc.get_freeze_count() == 0
    finally:
        generator.release_long_lived()
        gc.enable()


# --------------------------------------------------------------------------
# brief.md's title and summary as plain text
# --------------------------------------------------------------------------


@pytest.mark.parametrize("given, plain", [
    ("Talks  resume\n in Tokyo", "Talks resume in Tokyo"),  # no markup: only the spaces change
    ("Bonds &amp; shares &lt;fall&gt;", "Bonds & shares <fall>"),  # entities are read
    ("<em>Talks</em> resume", "Talks resume"),  # markup is dropped
    ("A<br>B", "A B"),  # an element between words leaves a space
    ("   ", None),
    ("", None),
    (None, None),
])
def test_plain_reads_title_and_summary_as_html_text(given, plain):
    assert generator._plain(given) == plain
