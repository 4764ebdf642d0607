"""The Jinja helpers of ``briefing.templating``, and the compiled templates it keeps between builds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from jinja2 import Environment, FileSystemLoader

from briefing.incremental import CACHE_DIR
from briefing.templating import (
    TEMPLATE_CODE_DIR,
    Mark,
    highlight,
    human_date,
    keep_compiled_templates,
    machine_date,
    site_link,
)
from conftest import ROOT, run_pelican


@pytest.mark.parametrize(
    "siteurl, target, index_html, expected",
    [
        ("../..", "people/a/", True, "../../people/a/index.html"),
        (".", "", True, "./index.html"),
        ("..", "briefs/x/#k1", True, "../briefs/x/index.html#k1"),
        ("https://ex.org/sub", "briefs/x/#k1", False, "https://ex.org/sub/briefs/x/#k1"),
        ("https://ex.org/sub/", "", False, "https://ex.org/sub/"),
        ("", "timeline/", False, "/timeline/"),
        (".", "theme/css/site.css", True, "./theme/css/site.css"),
    ],
)
def test_site_link(siteurl, target, index_html, expected):
    assert site_link(siteurl, target, index_html) == expected


def test_dates_for_people_and_machines():
    assert human_date("2023-02-22") == "22 February 2023"
    assert human_date("2022-12") == "December 2022"
    assert human_date("1970s") == "1970s"
    assert machine_date("1970s") is None and machine_date("1895") == "1895"


RAW = "Alpha <b>beta</b> & gamma delta."
CTX = {"SITEURL": "..", "BRIEFING_LINK_INDEX_HTML": True}


def mark(start, end, kind, label):
    return Mark(start, end, kind, f"briefs/x/#{label.lower()}", label, f"{kind} {label}")


def test_highlight_nests_overlapping_marks_and_links_back_where_each_ends():
    outer = mark(0, 17, "keypoint", "K1")  # "Alpha <b>beta</b>"
    inner = mark(6, 25, "quote", "Q1")  # "<b>beta</b> & gamma"
    html = str(highlight(CTX, RAW, 0, len(RAW), [inner, outer]))
    assert html == (
        '<mark class="hl hl-keypoint" title="keypoint K1">Alpha </mark>'
        '<mark class="hl hl-keypoint" title="keypoint K1"><mark class="hl hl-quote" title="quote Q1">'
        "&lt;b&gt;beta&lt;/b&gt;</mark></mark>"
        '<a class="backref backref-keypoint" href="../briefs/x/index.html#k1" title="keypoint K1">K1</a>'
        '<mark class="hl hl-quote" title="quote Q1"> &amp; gamma</mark>'
        '<a class="backref backref-quote" href="../briefs/x/index.html#q1" title="quote Q1">Q1</a>'
        " delta."
    )


def test_highlight_clips_marks_to_the_paragraph_and_escapes_text_without_marks():
    spill = mark(0, 12, "timeline", "T1")  # starts before the paragraph [6, 17)
    assert str(highlight(CTX, RAW, 6, 17, [spill])) == (
        '<mark class="hl hl-timeline" title="timeline T1">&lt;b&gt;bet</mark>'
        '<a class="backref backref-timeline" href="../briefs/x/index.html#t1" title="timeline T1">T1</a>'
        "a&lt;/b&gt;"
    )
    assert str(highlight(CTX, RAW, 18, len(RAW), [spill])) == "&amp; gamma delta."


# --------------------------------------------------------------------------
# the theme's templates
# --------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "theme" / "templates").glob("*.html")))
def test_every_comment_of_a_theme_template_ends_where_it_means_to(name):
    """Jinja comments do not nest: a ``#}`` quoted inside one ends it there, and the rest of
    the comment becomes text of the template (a macro file's is thrown away, so no page showed it)."""
    env = Environment(loader=FileSystemLoader(str(ROOT / "theme" / "templates")))
    source = (ROOT / "theme" / "templates" / name).read_text(encoding="utf-8")
    leaked = [(line, text) for line, kind, text in env.lex(source, name) if kind == "data" and "#}" in text]
    assert leaked == []


# --------------------------------------------------------------------------
# compiled templates kept between builds
# --------------------------------------------------------------------------


def cached_env(templates: Path, cache: Path | None, **options) -> Environment:
    env = Environment(loader=FileSystemLoader(str(templates)), **options)
    keep_compiled_templates(env, cache)
    return env


def refuse_to_compile(env: Environment) -> None:
    def compile_(*args, **kwargs):
        raise AssertionError("compiled again")

    env.compile = compile_


def test_a_template_compiled_once_is_loaded_by_the_next_environment_without_compiling(tmp_path):
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "a.html").write_text("one {{ x }}", encoding="utf-8")
    assert cached_env(tmp_path / "t", tmp_path / "cache").get_template("a.html").render(x=1) == "one 1"
    assert len(list((tmp_path / "cache" / TEMPLATE_CODE_DIR).iterdir())) == 1

    again = cached_env(tmp_path / "t", tmp_path / "cache")
    refuse_to_compile(again)
    assert again.get_template("a.html").render(x=2) == "one 2"


def test_a_changed_template_is_compiled_again_not_run_from_the_cache(tmp_path):
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "a.html").write_text("one {{ x }}", encoding="utf-8")
    cached_env(tmp_path / "t", tmp_path / "cache").get_template("a.html").render(x=1)
    (tmp_path / "t" / "a.html").write_text("two {{ x }}", encoding="utf-8")
    assert cached_env(tmp_path / "t", tmp_path / "cache").get_template("a.html").render(x=1) == "two 1"


def test_code_compiled_under_other_options_is_not_reused(tmp_path):
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "a.html").write_text("{{ x }}\n", encoding="utf-8")
    escaping = cached_env(tmp_path / "t", tmp_path / "cache", autoescape=True)
    assert escaping.get_template("a.html").render(x="<b>") == "&lt;b&gt;"
    plain = cached_env(tmp_path / "t", tmp_path / "cache", autoescape=False, keep_trailing_newline=True)
    assert plain.get_template("a.html").render(x="<b>") == "<b>\n"


def test_no_cache_folder_keeps_no_compiled_templates(tmp_path):
    (tmp_path / "t").mkdir()
    env = cached_env(tmp_path / "t", None)
    assert env.bytecode_cache is None


def test_a_site_rebuilt_after_a_theme_edit_shows_the_edit(tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    cache = tmp_path / "cache"
    options = ("pelican.conf.py", "-t", str(theme), "--cache-path", str(cache))  # one cache for both builds
    first = run_pelican(ROOT / "content", tmp_path / "one", *options)
    assert first.returncode == 0, first.log
    compiled = list((cache / CACHE_DIR / TEMPLATE_CODE_DIR).iterdir())
    assert len(compiled) >= 5  # the theme's pages and the templates they extend and include

    base = theme / "templates" / "base.html"
    edited = base.read_text(encoding="utf-8").replace("</body>", '<p id="edited">edited</p></body>')
    base.write_text(edited, encoding="utf-8")
    second = run_pelican(ROOT / "content", tmp_path / "two", *options)
    assert second.returncode == 0, second.log
    assert 'id="edited"' in (tmp_path / "two" / "index.html").read_text(encoding="utf-8")
    assert 'id="edited"' not in (tmp_path / "one" / "index.html").read_text(encoding="utf-8")
