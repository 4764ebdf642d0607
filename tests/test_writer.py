"""briefing.writer: the writer every page goes through.

A page the render cache does not have is rendered as Pelican's writer would
render it, but written a batch of Jinja's pieces at a time; a page it has is
copied from it. Both are checked against Pelican's own writer on a small
template with relative links, and against each other.
"""

from __future__ import annotations

import copy
import logging
import os
import re
from pathlib import Path

import jinja2
import pytest
from pelican import signals
from pelican.settings import DEFAULT_CONFIG
from pelican.writers import Writer

from briefing import writer as briefing_writer
from briefing.writer import CachingWriter

TEMPLATE = """<p>{{ SITEURL }}/{{ output_file }}</p>
{% for word in words %}<span>{{ word }}</span>{% if loop.index is divisibleby 3 %}
{% endif %}{% endfor %}<p>{{ title }} · ≈</p>
"""


@pytest.fixture
def settings(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "theme").mkdir()
    conf = copy.deepcopy(DEFAULT_CONFIG)
    conf.update(PATH=str(tmp_path / "content"), THEME=str(tmp_path / "theme"), PLUGIN_PATHS=[],
                CACHE_PATH=str(tmp_path / "cache"), OUTPUT_PATH=str(tmp_path / "site"))
    return conf


@pytest.fixture
def written(monkeypatch):
    """Every content_written signal: (path, the context it was sent with)."""
    seen = []

    def note(path, context):
        seen.append((path, context))

    signals.content_written.connect(note)
    yield seen
    signals.content_written.disconnect(note)


def page(folder, settings, writer_class, **kwargs):
    template = jinja2.Environment(autoescape=True).from_string(TEMPLATE)
    out = writer_class(str(folder), settings=settings)
    words = [f"w{n}<" for n in range(50)]
    out.write_file("a/b/index.html", template, {"SITEURL": "https://example.org"}, relative_urls=True,
                   url="a/b/", words=words, title="Title & more", **kwargs)
    if isinstance(out, CachingWriter):
        out.flush()  # (the build's sitemap and pruner do this)
    return (folder / "a" / "b" / "index.html").read_bytes()


def test_a_page_written_in_batches_equals_pelicans_own(tmp_path, settings, written, monkeypatch):
    monkeypatch.setattr(briefing_writer, "RENDER_BATCH", 3)  # many batches, one ending short
    ours = page(tmp_path / "ours", settings, CachingWriter)
    assert ours == page(tmp_path / "pelican", settings, Writer)
    assert b"<p>../../a/b/index.html</p>" in ours and b"w49&lt;" in ours and "≈".encode() in ours
    (path, context), _pelican = written
    assert path.endswith("ours/a/b/index.html") and context["SITEURL"] == "../.." and context["title"]


def test_a_cached_page_is_copied_and_announced(tmp_path, settings, written):
    first = page(tmp_path / "one", settings, CachingWriter)
    template = jinja2.Environment().from_string("never rendered")
    second = CachingWriter(str(tmp_path / "two"), settings=settings)
    second.write_file("a/b/index.html", template, {"SITEURL": "https://example.org"}, relative_urls=True,
                      url="a/b/", words=[f"w{n}<" for n in range(50)], title="Title & more")
    assert (tmp_path / "two" / "a" / "b" / "index.html").read_bytes() == first
    assert second.render_cache.hits == 1
    assert [p for p, _ in written][-1].endswith("two/a/b/index.html")


def test_batches_keep_every_piece_in_order():
    assert list(briefing_writer._batches(iter("abcdefg"), 3)) == [list("abc"), list("def"), ["g"]]
    assert list(briefing_writer._batches(iter(""), 3)) == []


def test_a_batch_is_cut_by_the_characters_it_holds_not_its_count_of_pieces():
    pieces = ["<li>" + "x" * 10 + "</li>", "a", "b", "<ol>", "c" * 40, "d"]
    batches = list(briefing_writer._batches(iter(pieces), 16))
    assert batches == [[pieces[0]], ["a", "b", "<ol>", "c" * 40], ["d"]]
    assert [p for batch in batches for p in batch] == pieces


def test_a_page_still_as_the_last_build_left_it_is_not_compared_again(tmp_path, settings, monkeypatch):
    from briefing import incremental

    compared = []  # pages of the site compared with (or copied from) their cached copy
    real = incremental.copy_if_changed
    site = tmp_path / "site"
    monkeypatch.setattr(incremental, "copy_if_changed", lambda source, target: (
        compared.append(target.name) if site in target.parents else None) or real(source, target))

    def build():
        out = CachingWriter(str(site), settings=settings)
        page(site, settings, lambda folder, settings: out)
        out.copies.store()  # as RenderCachePruner does once every page is written
        return out

    first = site / "a" / "b" / "index.html"
    assert build().render_cache.misses == 1 and compared == []  # rendered
    cold = first.read_bytes()
    assert build().render_cache.hits == 1 and compared == []  # from the cache, not read again
    first.write_bytes(cold.replace(b"Title", b"Tampered"))  # the output touched by hand
    build()
    assert compared == ["index.html"] and first.read_bytes() == cold


# --- pages rendered in batches, on every core (``flush``, briefing.renderpool) ---------------

PID_TEMPLATE = "<p>{{ title }}</p>{% for w in words %}<i>{{ w }}</i>{% endfor %}<!-- {{ pid() }} -->"


def write_pages(out, count, template=PID_TEMPLATE):
    template = jinja2.Environment(autoescape=True).from_string(template)
    for n in range(count):
        out.write_file(f"p{n}/index.html", template, {"SITEURL": "", "pid": os.getpid}, relative_urls=True,
                       url=f"p{n}/", words=[f"w{n}-{k}<" for k in range(n)], title=f"Page {n}")


def test_pages_wait_for_a_flush_then_are_announced_in_the_order_they_came(tmp_path, settings, written):
    out = CachingWriter(str(tmp_path / "site"), settings=settings)
    write_pages(out, 3)
    assert written == [] and not (tmp_path / "site" / "p0").exists()
    out.flush()
    assert [Path(path).parent.name for path, _ in written] == ["p0", "p1", "p2"]
    assert [context["output_file"] for _, context in written] == [f"p{n}/index.html" for n in range(3)]
    assert "<p>Page 2</p>" in (tmp_path / "site" / "p2" / "index.html").read_text()


def test_pages_rendered_by_two_processes_equal_those_rendered_by_one(tmp_path, settings, monkeypatch):
    sites = {}
    for processes in (1, 2):
        monkeypatch.setattr(briefing_writer.renderpool, "processes_for", lambda workers, jobs: processes)
        out = CachingWriter(str(tmp_path / f"site{processes}"), settings={**settings, "CACHE_PATH": str(
            tmp_path / f"cache{processes}")})
        write_pages(out, 12)
        out.flush()
        pids = {re.search(r"<!-- (\d+) -->", (tmp_path / f"site{processes}" / f"p{n}" / "index.html").read_text())[1]
                for n in range(12)}
        assert len(pids) == processes  # the work was shared
        assert len(out.render_cache.used) == 12  # every page's key, for the pruner to keep
        assert len(list(out.render_cache.folder.glob("*.html"))) == 12
        sites[processes] = {n: re.sub(rb"<!-- \d+ -->", b"", (tmp_path / f"site{processes}" / f"p{n}" /
                                                                "index.html").read_bytes()) for n in range(12)}
    assert sites[1] == sites[2]


def test_a_second_write_of_a_pending_page_comes_after_it(tmp_path, settings):
    out = CachingWriter(str(tmp_path / "site"), settings=settings)
    write_pages(out, 1)
    later = jinja2.Environment().from_string("<p>the override</p>")
    out.write_file("p0/index.html", later, {"SITEURL": ""}, override_output=True)
    out.flush()
    assert (tmp_path / "site" / "p0" / "index.html").read_text() == "<p>the override</p>"


def test_with_fatal_warnings_every_page_is_rendered_here(tmp_path, settings, monkeypatch):
    from pelican.log import FatalLogger

    assert briefing_writer._forking_is_safe()
    monkeypatch.setattr(FatalLogger, "fatal_lvl", logging.WARNING)  # pelican --fatal warnings
    assert not briefing_writer._forking_is_safe()
    out = CachingWriter(str(tmp_path / "site"), settings=settings)
    write_pages(out, 12)
    out.flush()
    assert {(tmp_path / "site" / f"p{n}" / "index.html").read_text().endswith(f"<!-- {os.getpid()} -->")
            for n in range(12)} == {True}


def test_a_render_childs_cache_counts_and_keys_are_taken_in(tmp_path, settings):
    out = CachingWriter(str(tmp_path / "site"), settings=settings)
    child_state, _ = out._cache_state_exchange()
    out.piece_cache.hits += 3  # what a child does to its copy of the caches
    out.piece_cache.misses += 1
    out.piece_cache.used.add("piece-key")
    out.render_cache.used.add("page-key")
    state = child_state()
    parent = CachingWriter(str(tmp_path / "site"), settings=settings)  # this process's caches, untouched
    _, take_into_parent = parent._cache_state_exchange()
    take_into_parent(state)
    assert (parent.piece_cache.hits, parent.piece_cache.misses) == (3, 1)
    assert "piece-key" in parent.piece_cache.used and "page-key" in parent.render_cache.used
