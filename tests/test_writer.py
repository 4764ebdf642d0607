"""briefing.writer: the writer every page goes through.

A page the render cache does not have is rendered as Pelican's writer would
render it, but written a batch of Jinja's pieces at a time; a page it has is
copied from it. Both are checked against Pelican's own writer on a small
template with relative links, and against each other.
"""

from __future__ import annotations

import copy

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
