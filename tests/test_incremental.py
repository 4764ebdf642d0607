"""briefing.incremental: pages are reused only when what they show is unchanged.

Three briefs of made-up copy: two share a person (Ilse Marten), the third
shares nobody. The fingerprints (PageData) are checked on the pipeline's
results directly; the whole site is checked by building it with the real
pelican command: a rebuild after a change, reusing the previous build's render
cache, must equal byte for byte (and file for file) a cold build of the
changed content with an empty cache.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import PELICAN, ROOT

from briefing import incremental
from briefing.link import link_site
from briefing.model import BriefMeta
from briefing.pipeline import build_brief

BRIDGE_WIRE = """Outlet: Coastline News
Title: Harbour bridge to close for repairs
Date: 2024-03-05

VALPORT - The harbour bridge will close for repairs in May, the council said on Monday.

"We have no choice but to close it," said Ilse Marten, the mayor of Valport.

The bridge opened in 1962 and was last repaired in 1998.
"""

BRIDGE_LOCAL = """Outlet: Valport Courier
Title: Bridge closure angers traders

VALPORT - Traders said the closure of the harbour bridge in May would cost them customers.

"It will hurt every shop on the quay," said Tomas Brede, who runs a bakery in Valport.
"""

FERRY = """Outlet: Coastline News
Title: Extra ferries while the bridge is shut
Date: 2024-03-07

VALPORT - Two extra ferries will run across the harbour while the bridge is closed, the council said.

"The ferries will run every twenty minutes," said Ilse Marten, the mayor of Valport.
"""

TRAM = """Outlet: Northern Post
Title: Tram line to reach the airport
Date: 2024-04-01

BRENN - The tram line will be extended to Brenn airport by 2027, the transport board said.

"This links the airport to the city at last," said Aldo Ferrant, the chair of the transport board.
"""

STORIES = {
    "harbour-bridge": ("Harbour bridge to close", "2024-03-05", {"coastline-news": BRIDGE_WIRE, "valport-courier": BRIDGE_LOCAL}),
    "harbour-ferries": ("Extra ferries for the harbour", "2024-03-07", {"coastline-ferries": FERRY}),
    "airport-tram": ("Tram line to the airport", "2024-04-01", {"northern-post": TRAM}),
}


def write_brief(content: Path, slug: str, title: str, date: str, sources: dict[str, str]) -> Path:
    folder = content / "briefs" / slug
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    (folder / "brief.md").write_text(f"Title: {title}\nDate: {date}\n", encoding="utf-8")
    for name, text in sources.items():
        (folder / "sources" / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def content(tmp_path) -> Path:
    root = tmp_path / "content"
    for slug, (title, date, sources) in STORIES.items():
        write_brief(root, slug, title, date, sources)
    shutil.copytree(ROOT / "content" / "pages", root / "pages")
    return root


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# ==========================================================================
# fingerprints (PageData)
# ==========================================================================


def page_data(content: Path) -> incremental.PageData:
    results = {}
    for slug, (title, date, _sources) in STORIES.items():
        results[slug] = build_brief(content / "briefs" / slug, BriefMeta(slug, title, date))
    return incremental.PageData(results, link_site([r.brief for r in results.values()]))


def digests(data: incremental.PageData) -> dict[str, str]:
    """Every page kind's digest, by a readable name."""
    found = {f"brief:{slug}": data.brief_page(slug) for slug in STORIES}
    found.update({f"{e.kind}:{e.id}": data.of_page({"entity": e}) for e in data.site.entities})
    found.update({f"outlet:{o.id}": data.of_page({"outlet": o}) for o in data.site.outlets})
    found["site"] = data.whole_site()
    return found


def changed(before: dict[str, str], after: dict[str, str]) -> set[str]:
    return {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}


def test_same_content_gives_the_same_fingerprints(content):
    assert digests(page_data(content)) == digests(page_data(content))


def test_an_edit_changes_the_pages_that_show_it_and_no_others(content):
    before = digests(page_data(content))
    assert "person:aldo-ferrant" in before and "person:ilse-marten" in before  # the story is read as meant
    edit(content / "briefs/airport-tram/sources/northern-post.txt", "at last", "at long last")
    moved = changed(before, digests(page_data(content)))
    assert {"brief:airport-tram", "person:aldo-ferrant", "outlet:northern-post", "site"} <= moved
    assert not any(name.startswith(("brief:harbour", "person:ilse")) for name in moved)
    assert "outlet:coastline-news" not in moved


def test_a_quote_of_a_shared_speaker_changes_her_page_not_the_other_brief(content):
    before = digests(page_data(content))
    edit(content / "briefs/harbour-bridge/sources/coastline-news.txt", "no choice", "no other choice")
    moved = changed(before, digests(page_data(content)))
    assert {"brief:harbour-bridge", "person:ilse-marten"} <= moved
    # the ferry brief lists Ilse Marten, but not the bridge brief's quotes
    assert "brief:harbour-ferries" not in moved
    assert "brief:airport-tram" not in moved


def test_a_speakers_role_shown_on_every_brief_naming_her_changes_them_all(content):
    before = digests(page_data(content))
    for path in (content / "briefs").glob("harbour-*/sources/coastline-*.txt"):
        edit(path, "the mayor of Valport", "the former mayor of Valport")
    moved = changed(before, digests(page_data(content)))
    assert {"brief:harbour-bridge", "brief:harbour-ferries", "person:ilse-marten"} <= moved


# ==========================================================================
# whole site: a rebuild equals a cold build
# ==========================================================================


def build(content: Path, output: Path, cache: Path, *extra: str) -> str:
    """The real pelican command, verbose (for the render count); the log."""
    env = dict(os.environ, COLUMNS="400", TERM="dumb", NO_COLOR="1")
    command = [str(PELICAN), str(content), "-s", "pelican.conf.py", "-o", str(output), "-v",
               "--cache-path", str(cache), *extra]
    proc = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (cache / "briefing" / "render").is_dir()  # this build's cache, not the repository's
    return " ".join((proc.stdout + proc.stderr).split())


def rendered(log: str) -> tuple[int, int]:
    """(pages rendered, pages reused) from the build's log."""
    match = re.search(r"briefing: (\d+) page\(s\) rendered, (\d+) reused", log)
    assert match, log
    return int(match[1]), int(match[2])


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def assert_same_site(rebuilt: Path, cold: Path) -> None:
    new, fresh = tree(rebuilt), tree(cold)
    assert sorted(new) == sorted(fresh)
    assert [name for name in fresh if new[name] != fresh[name]] == []


def theme_copy(tmp_path: Path) -> Path:
    theme = tmp_path / "theme"
    if not theme.exists():
        shutil.copytree(ROOT / "theme", theme)
    return theme


def edit_a_quote(content, tmp_path):
    edit(content / "briefs/airport-tram/sources/northern-post.txt", "at last", "at long last")
    return ()


def remove_a_source(content, tmp_path):
    (content / "briefs/harbour-bridge/sources/valport-courier.txt").unlink()
    return ()


def add_a_brief(content, tmp_path):
    write_brief(content, "harbour-fees", "Harbour fees to rise", "2024-05-02", {
        "coastline-fees": FERRY.replace("Two extra ferries", "Harbour fees").replace("twenty", "thirty"),
    })
    return ()


def remove_a_brief(content, tmp_path):
    shutil.rmtree(content / "briefs/harbour-bridge")
    return ()


def change_the_stylesheet(content, tmp_path):
    edit(theme_copy(tmp_path) / "static" / "css" / "site.css", "}", "}\n.brief { letter-spacing: 0; }")
    return ()


def change_a_template(content, tmp_path):
    edit(theme_copy(tmp_path) / "templates" / "source.html", "{% block content %}",
         "{% block content %}<p>Read the original as well.</p>")
    return ()


def change_a_setting(content, tmp_path):
    return ("-e", 'SITESUBTITLE="Stories told by several outlets"')


CHANGES = [edit_a_quote, remove_a_source, remove_a_brief, add_a_brief, change_a_template, change_the_stylesheet,
           change_a_setting]


@pytest.mark.parametrize("change", CHANGES, ids=[c.__name__ for c in CHANGES])
def test_a_rebuild_after_a_change_equals_a_cold_build(content, tmp_path, change):
    theme = ("-e", f'THEME="{theme_copy(tmp_path)}"')
    site, cache = tmp_path / "site", tmp_path / "cache"
    build(content, site, cache, *theme)
    extra = change(content, tmp_path)
    log = build(content, site, cache, *theme, *extra)
    cold = tmp_path / "cold"
    build(content, cold, tmp_path / "empty-cache", *theme, *extra)
    assert_same_site(site, cold)
    if change is change_a_template:
        assert "Read the original as well." in (cold / "briefs/airport-tram/sources/northern-post/index.html").read_text()
    if change is edit_a_quote:  # the brief sharing nobody: the harbour briefs' 5 pages are reused
        fresh, reused = rendered(log)
        assert fresh > 0 and reused >= 5
        # and the timeline page, re-rendered, took the other dated brief's rows from the cache
        # (the ferries brief gives no event)
        assert "pieces of site-wide pages: 1 brief(s) rendered, 1 reused" in log, log


def test_a_rebuild_with_nothing_changed_renders_and_rewrites_nothing(content, tmp_path):
    site, cache = tmp_path / "site", tmp_path / "cache"
    in_place = ("-e", "DELETE_OUTPUT_DIRECTORY=false")
    first = build(content, site, cache, *in_place)
    assert rendered(first)[1] == 0
    times = {p: p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}
    log = build(content, site, cache, *in_place)
    fresh, reused = rendered(log)
    assert fresh == 0 and reused > 0
    assert re.search(r"search index written to \S+ \(shards: 1, indexed again: 0\)", log), log
    kept = ("index.html", "brief.json", "pagefind/")
    watched = [p for p in times if p.name in kept[:2] or "pagefind" in p.relative_to(site).parts]
    assert len(watched) > 10
    assert [p for p in watched if p.stat().st_mtime_ns != times[p]] == []
    # the timeline was copied whole, so it asked for no rows: they are still cached for the next edit
    edit_a_quote(content, tmp_path)
    assert "pieces of site-wide pages: 1 brief(s) rendered, 1 reused" in build(content, site, cache, *in_place)


def test_a_brief_with_a_fingerprint_is_known_by_it_not_hashed_again(content):
    data = page_data(content)
    slug, result = next(iter(data.results.items()))
    assert data.brief(slug) == incremental.sha(repr(result))  # no fingerprint: the digest of its repr
    marked = incremental.PageData({slug: dataclasses.replace(result, fingerprint="made-of-these-keys")}, data.site)
    assert marked.brief(slug) == "made-of-these-keys"


# ==========================================================================
# pieces of a site-wide page (the timeline's rows)
# ==========================================================================


@dataclasses.dataclass(frozen=True)
class Row:
    brief: str
    text: str


ROWS = [Row("b", "b1"), Row("a", "a1"), Row("b", "b2"), Row("c", "c1"), Row("a", "a2")]


def pieces(items, cache, versions, rendered):
    """incremental.pieces_by_group of ``items`` by brief, each group keyed by ``versions[brief]``."""
    def render(item):
        rendered.append(item.text)
        return f"<li>{item.text}@{versions[item.brief]}</li>"
    return list(incremental.pieces_by_group(items, lambda item: item.brief, render, cache,
                                            lambda group: f"{group}-{versions[group]}"))


def test_pieces_are_rendered_once_and_kept_in_order(tmp_path):
    cache, rendered, versions = incremental.RenderCache(tmp_path, "inputs"), [], {"a": 1, "b": 1, "c": 1}
    first = pieces(ROWS, cache, versions, rendered)
    assert first == ["<li>b1@1</li>", "<li>a1@1</li>", "<li>b2@1</li>", "<li>c1@1</li>", "<li>a2@1</li>"]
    assert sorted(rendered) == ["a1", "a2", "b1", "b2", "c1"]
    rendered.clear()
    assert pieces(ROWS, incremental.RenderCache(tmp_path, "inputs"), versions, rendered) == first
    assert rendered == []  # every group from the cache, none rendered again


def test_only_the_changed_groups_pieces_are_rendered_again(tmp_path):
    versions, rendered = {"a": 1, "b": 1, "c": 1}, []
    pieces(ROWS, incremental.RenderCache(tmp_path, "inputs"), versions, rendered)
    rendered.clear()
    versions["a"] = 2
    again = pieces(ROWS, incremental.RenderCache(tmp_path, "inputs"), versions, rendered)
    assert rendered == ["a1", "a2"]
    assert again == ["<li>b1@1</li>", "<li>a1@2</li>", "<li>b2@1</li>", "<li>c1@1</li>", "<li>a2@2</li>"]
    # a group with one more item than its cached list (same key) is rendered again, not misaligned
    rendered.clear()
    grown = pieces([*ROWS, Row("c", "c2")], incremental.RenderCache(tmp_path, "inputs"), versions, rendered)
    assert rendered == ["c1", "c2"] and grown[-1] == "<li>c2@1</li>"


def test_pieces_wait_in_a_file_and_come_back_whole_in_order(tmp_path, monkeypatch):
    # pieces wait in a temporary file until the page asks for them (the timeline's rows were
    # the peak of a big build's memory): any text comes back as it was, in the items' order
    files = []
    real = incremental.tempfile.TemporaryFile
    monkeypatch.setattr(incremental.tempfile, "TemporaryFile", lambda: files.append(real()) or files[-1])
    rows = [Row("b", "≈ 1895 — Café"), Row("a", ""), Row("b", "𝄞 <b>&amp;</b>"), Row("a", "x" * 70000)]
    given = incremental.pieces_by_group(rows, lambda row: row.brief, lambda row: row.text,
                                        incremental.RenderCache(None, "inputs"), lambda group: group)
    assert next(given) == "≈ 1895 — Café"
    files[0].flush()
    # every piece written out before the first was given
    assert os.fstat(files[0].fileno()).st_size == sum(len(row.text.encode("utf-8")) for row in rows)
    assert list(given) == ["", "𝄞 <b>&amp;</b>", "x" * 70000]
    assert files[0].closed


def test_pieces_with_caching_off_are_all_rendered(tmp_path):
    rendered = []
    versions = {"a": 1, "b": 1, "c": 1}
    for _ in range(2):
        assert len(pieces(ROWS, incremental.RenderCache(None, "inputs"), versions, rendered)) == 5
    assert len(rendered) == 10


def test_write_if_changed_leaves_equal_bytes_alone(tmp_path):
    page = tmp_path / "a" / "index.html"
    assert incremental.write_if_changed(page, b"<p>one</p>")
    assert not incremental.write_if_changed(page, b"<p>one</p>")
    assert incremental.write_if_changed(page, b"<p>two</p>")
    assert page.read_bytes() == b"<p>two</p>"


def test_a_file_is_compared_chunk_by_chunk(tmp_path, monkeypatch):
    monkeypatch.setattr(incremental, "COMPARE_CHUNK", 4)
    page = tmp_path / "page.html"
    page.write_bytes(b"<p>0123456789</p>")
    assert incremental.holds(page, b"<p>0123456789</p>")
    assert not incremental.holds(page, b"<p>0123456788</p>")  # the last chunk differs
    assert not incremental.holds(page, b"<p>0123x56789</p>")  # a middle one
    assert not incremental.holds(page, b"<p>0123456789</p>!")  # longer
    assert not incremental.holds(tmp_path / "missing.html", b"")
    assert not incremental.write_if_changed(page, b"<p>0123456789</p>")
    assert incremental.write_if_changed(page, b"<p>0123x56789</p>") and page.read_bytes() == b"<p>0123x56789</p>"


def test_a_cached_page_is_copied_file_to_file_and_only_when_it_differs(tmp_path, monkeypatch):
    monkeypatch.setattr(incremental, "COMPARE_CHUNK", 4)
    cache = incremental.RenderCache(tmp_path / "render", "inputs")
    page, copy = tmp_path / "site" / "index.html", tmp_path / "copy" / "index.html"
    page.parent.mkdir()
    page.write_bytes(b"<p>0123456789</p>")
    assert cache.find("k") is None and cache.misses == 1
    cache.put_file("k", page)
    found = cache.find("k")
    assert found is not None and found.read_bytes() == page.read_bytes() and cache.hits == 1
    assert incremental.copy_if_changed(found, copy) and copy.read_bytes() == page.read_bytes()
    before = copy.stat().st_mtime_ns, copy.stat().st_ino
    assert not incremental.copy_if_changed(found, copy)  # same bytes: left alone
    assert (copy.stat().st_mtime_ns, copy.stat().st_ino) == before
    page.write_bytes(b"<p>0123456788</p>")  # same size, the last chunk differs
    assert not incremental.same_bytes(page, copy) and incremental.copy_if_changed(page, copy)
    assert copy.read_bytes() == b"<p>0123456788</p>"
    assert incremental.RenderCache(None, "inputs").find("k") is None  # caching off


def test_link_check_answer_is_reused_only_for_the_same_site(tmp_path, monkeypatch):
    from briefing.commands import build as build_command

    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text('<a href="missing.html">x</a>', encoding="utf-8")
    settings = {"CACHE_PATH": str(tmp_path / "cache")}
    calls = []
    real = build_command.broken_links
    monkeypatch.setattr(build_command, "broken_links", lambda *a: calls.append(a) or real(*a))
    first = build_command.checked_links(site, "", False, settings)
    assert build_command.checked_links(site, "", False, settings) == first and len(calls) == 1
    (site / "missing.html").write_text("<p>here</p>", encoding="utf-8")
    assert build_command.checked_links(site, "", False, settings) == [] and len(calls) == 2


def test_a_build_deletes_only_what_the_last_build_wrote_and_this_one_did_not(tmp_path):
    output, manifest = tmp_path / "site", tmp_path / "cache" / "written.json"
    for name in ["index.html", "briefs/gone/index.html", "briefs/gone/sources/a/index.html",
                 "briefs/kept/index.html", "theme/css/site.css", "notes.txt"]:
        (output / name).parent.mkdir(parents=True, exist_ok=True)
        (output / name).write_text(name, encoding="utf-8")
    first = ["index.html", "briefs/gone/index.html", "briefs/gone/sources/a/index.html", "briefs/kept/index.html"]
    assert incremental.sweep_stale_output(output, manifest, first) == []  # no record yet: nothing deleted
    second = ["index.html", "briefs/kept/index.html"]
    deleted = incremental.sweep_stale_output(output, manifest, second)
    assert deleted == ["briefs/gone/index.html", "briefs/gone/sources/a/index.html"]
    assert not (output / "briefs" / "gone").exists()  # its emptied folders too
    assert sorted(p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file()) == [
        "briefs/kept/index.html", "index.html", "notes.txt", "theme/css/site.css"]
    # the record is of one output folder: building another deletes nothing there
    other = tmp_path / "other"
    (other / "briefs" / "kept").mkdir(parents=True)
    (other / "briefs" / "kept" / "index.html").write_text("x", encoding="utf-8")
    assert incremental.sweep_stale_output(other, manifest, []) == []
    assert (other / "briefs" / "kept" / "index.html").is_file()


def test_a_copy_record_knows_a_file_left_as_it_was_from_the_same_key(tmp_path):
    from briefing.incremental import CopyRecord

    output, record = tmp_path / "site", tmp_path / "cache" / "copied.json"
    page = output / "a" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text("one", encoding="utf-8")
    last = CopyRecord(record, output)
    assert not last.unchanged("a/index.html", "k1", page)  # nothing recorded yet
    last.note("a/index.html", "k1", page)
    last.store()
    assert CopyRecord(record, output).unchanged("a/index.html", "k1", page)
    assert not CopyRecord(record, output).unchanged("a/index.html", "k2", page)  # another key
    assert not CopyRecord(record, tmp_path / "other").unchanged("a/index.html", "k1", page)  # another output
    page.write_text("two", encoding="utf-8")  # same size, rewritten
    assert not CopyRecord(record, output).unchanged("a/index.html", "k1", page)
    page.unlink()
    assert not CopyRecord(record, output).unchanged("a/index.html", "k1", page)


def test_a_copy_record_with_caching_off_knows_nothing_and_writes_nothing(tmp_path):
    from briefing.incremental import CopyRecord

    page = tmp_path / "index.html"
    page.write_text("one", encoding="utf-8")
    off = CopyRecord(None, tmp_path)
    off.note("index.html", "k1", page)
    off.store()
    assert not off.unchanged("index.html", "k1", page) and list(tmp_path.iterdir()) == [page]


def _digest_by_rglob(root: Path, skip=(), skip_prefixes=(), suffix="") -> str:
    """files_digest as it was first written (every file listed with rglob, sorted as Paths):
    the digest must not change, or every cache keyed by it is lost once for nothing."""
    prefixes = tuple(p.rstrip("/") + "/" for p in skip_prefixes)
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        name = path.relative_to(root).as_posix()
        if name.split("/")[0] in skip or name.startswith(prefixes) or "__pycache__" in name \
                or not name.endswith(suffix):
            continue
        digest.update(name.encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def test_files_digest_is_the_same_and_skipped_folders_are_not_listed(tmp_path, monkeypatch):
    root = tmp_path / "tree"
    for name in ["a/b.txt", "a-b", "a.b/c", "ab/x.html", "briefs/one/brief.md", "briefs/one/sources/s.txt",
                 "briefs/one/sourcesmore/t.txt", "briefs/two/sources/deep/u.txt", "mod/__pycache__/m.pyc",
                 "mod/x__pycache__y.py", "pagefind/p.js", "top.txt"]:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(name)
    (root / "link-to-file").symlink_to(root / "top.txt")
    (root / "link-to-folder").symlink_to(root / "a", target_is_directory=True)
    (root / "broken").symlink_to(root / "nowhere")
    cases = [{}, {"skip": ["pagefind"]}, {"suffix": ".html"},
             {"skip_prefixes": ["briefs/one/sources", "briefs/two/sources/"]}]
    for options in cases:
        assert incremental.files_digest(root, **options) == _digest_by_rglob(root, **options), options

    listed = []
    real_scandir = os.scandir
    monkeypatch.setattr(os, "scandir", lambda path: listed.append(os.fspath(path)) or real_scandir(path))
    incremental.files_digest(root, skip=["pagefind"], skip_prefixes=["briefs/one/sources"])
    opened = {Path(p).relative_to(root).as_posix() for p in listed}
    assert "briefs/one" in opened and "briefs/one/sourcesmore" in opened
    assert not {"briefs/one/sources", "pagefind", "mod/__pycache__"} & opened


def test_an_entity_page_knows_its_quotes_by_their_place_in_their_briefs(content):
    data = page_data(content)
    [ilse] = [e for e in data.site.entities if e.id == "ilse-marten"]
    assert len(ilse.quotes) >= 2
    before = data.of_page({"entity": ilse})
    shown = data._with_places(ilse, "quotes", [(q.brief, q.quote) for q in ilse.quotes])
    assert all(repr(q.quote) not in shown for q in ilse.quotes)  # places, not the quotes spelt out
    # the same briefs, but the site gives her one quote fewer, or in another order: another page
    fewer = dataclasses.replace(ilse, quotes=ilse.quotes[1:])
    turned = dataclasses.replace(ilse, quotes=ilse.quotes[::-1])
    assert len({before, data.of_page({"entity": fewer}), data.of_page({"entity": turned})}) == 3
    # a quote that is not one of its brief's own is spelt out: its words still count
    first = ilse.quotes[0]

    def with_first_saying(text: str) -> str:
        stray = dataclasses.replace(first, quote=dataclasses.replace(first.quote, text=text))
        return data.of_page({"entity": dataclasses.replace(ilse, quotes=(stray, *ilse.quotes[1:]))})

    assert len({before, with_first_saying("Not her words."), with_first_saying("Other words.")}) == 3


def test_an_outlet_page_knows_its_sources_by_their_place_in_their_briefs(content):
    data = page_data(content)
    [outlet] = [o for o in data.site.outlets if o.id == "northern-post"]
    shown = data._with_places(outlet, "sources", [(s.brief, s.source) for s in outlet.sources])
    assert " sources=[('airport-tram', " in shown and all(repr(s.source) not in shown for s in outlet.sources)
