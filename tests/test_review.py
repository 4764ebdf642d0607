"""briefing.review (diffs of two built sites, review.md, index.html) and the review command.

Unit tests compare small made-up site folders and brief.json dicts; the
end-to-end tests copy the project into a temporary git repository with two
made-up briefs, commit, change it, and run the command as ``invoke review``
does.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.commands.review import ReviewError, run_review
from briefing.review import (
    ADDED,
    CHANGED,
    REMOVED,
    BriefDiff,
    ItemChange,
    PageChange,
    Review,
    SectionDiff,
    compare,
    diff_brief,
    render_html,
    render_markdown,
    visible_lines,
)

ROOT = Path(__file__).resolve().parent.parent
INVOKE = Path(sys.executable).parent / "invoke"
HOSTILE = "a `tick` ``` fence </details> <script>alert(1)</script> [x](javascript:y) @someone"


def page(body: str, title: str = "T") -> str:
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title><style>p{{}}</style></head><body>"
        '<a class="skip" href="#main">Skip</a><header class="site-header"><a>Site</a>'
        '<nav><a href="x">Briefs</a></nav></header>'
        f'<main id="main">{body}</main><footer class="site-footer"><p>Footer words</p></footer>'
        "<script>var hidden = 1;</script></body></html>"
    )


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def brief_json(slug="b", key_points=(), quotes=(), sources=(), background=(), topic=None, timeline=()):
    return json.dumps({
        "schema": "briefing/1", "slug": slug, "title": f"Brief {slug}",
        "key_points": [{"id": f"k{n}", "text": t, "sources": ["s"]} for n, t in enumerate(key_points, 1)],
        "quotes": list(quotes), "sources": list(sources),
        "background": {"topic": topic, "items": [{"text": t, "sources": ["s"]} for t in background]},
        "timeline": list(timeline),
    })


def q(n, text, speaker="Ana Ruiz", role="Mayor"):
    return {"id": f"q{n}", "text": text, "partial": False, "sources": ["s"],
            "speaker": {"id": speaker.lower().replace(" ", "-"), "name": speaker, "role": role}}


# --------------------------------------------------------------------------
# visible text
# --------------------------------------------------------------------------


def test_visible_lines_are_one_block_per_line_without_boilerplate():
    lines = visible_lines(page("<h1>Head <em>line</em></h1><p>One <a href='#'>linked</a> paragraph.</p>"
                               "<ul><li>first</li><li>second<br>line two</li></ul>"))
    assert lines == ["Title: T", "Head line", "One linked paragraph.", "first", "second", "line two"]


# --------------------------------------------------------------------------
# pages
# --------------------------------------------------------------------------


def test_compare_lists_pages_added_removed_and_changed_with_a_text_diff(tmp_path):
    base = write(tmp_path / "base", {
        "index.html": page("<p>Same.</p><p>Old sentence.</p>"),
        "gone/index.html": page("<p>Gone.</p>"),
        "styled/index.html": page('<p class="a">Styled.</p>'),
        "theme/site.css": "a{}",
        "pagefind/x.pf_fragment": "1",
    })
    head = write(tmp_path / "head", {
        "index.html": page("<p>Same.</p><p>New sentence.</p>"),
        "new/index.html": page("<p>New.</p>"),
        "styled/index.html": page('<p class="b">Styled.</p>'),
        "theme/site.css": "a{color:red}",
        "pagefind/x.pf_fragment": "2",
    })
    review = compare(base, head)
    assert review.pages_added == ("new/index.html",)
    assert review.pages_removed == ("gone/index.html",)
    assert [p.path for p in review.pages_changed] == ["index.html", "styled/index.html"]
    diff = review.pages_changed[0].diff
    assert "-Old sentence." in diff and "+New sentence." in diff
    assert not any("Footer" in line or "Briefs" in line for line in diff)
    assert review.pages_changed[1].diff == ()  # markup only
    assert review.files_changed == ("theme/site.css",)  # the search index is not listed


def test_broken_links_come_from_the_new_build(tmp_path):
    base = write(tmp_path / "base", {"index.html": page("<a href='missing.html'>old</a>")})
    head = write(tmp_path / "head", {"index.html": page("<a href='lost.html'>new</a>")})
    links = compare(base, head).broken_links
    assert "index.html → lost.html: no such file" in links
    assert not any("missing.html" in link for link in links)


# --------------------------------------------------------------------------
# briefs
# --------------------------------------------------------------------------


def sections(old: str, new: str) -> dict[str, tuple[ItemChange, ...]]:
    return {s.name: s.changes for s in diff_brief(json.loads(old), json.loads(new))}


def test_a_removed_key_point_is_one_removal_although_the_ids_after_it_shift():
    old = brief_json(key_points=["Alpha rises.", "Beta falls sharply today.", "Gamma holds."])
    new = brief_json(key_points=["Alpha rises.", "Gamma holds."])  # Gamma is k2 now
    assert sections(old, new) == {
        "Key points": (ItemChange(REMOVED, "Beta falls sharply today. [s]", None),),
    }


def test_an_edited_key_point_is_changed_not_added_and_removed():
    old = brief_json(key_points=["The bridge closes in March for repairs.", "Other."])
    new = brief_json(key_points=["New first point about something else entirely.",
                                 "The bridge closes in April for repairs.", "Other."])
    changes = sections(old, new)["Key points"]
    assert ItemChange(CHANGED, "The bridge closes in March for repairs. [s]",
                      "The bridge closes in April for repairs. [s]") in changes
    assert [c.status for c in changes] == [CHANGED, ADDED]


def test_quote_speaker_and_speaker_role_changes():
    old = brief_json(quotes=[q(1, "We will build it", role="Mayor")])
    new = brief_json(quotes=[q(1, "We will build it", role="Former mayor")])
    found = sections(old, new)
    assert found["Quotes"] == (ItemChange(CHANGED, "“We will build it” — Ana Ruiz (Mayor) [s]",
                                          "“We will build it” — Ana Ruiz (Former mayor) [s]"),)
    assert found["Speakers"] == (ItemChange(CHANGED, "Ana Ruiz (Mayor)", "Ana Ruiz (Former mayor)"),)


def test_sources_background_and_timeline():
    src = {"id": "copy", "outlet": "Daily", "title": "Bridge", "derived_from": None}
    old = brief_json(sources=[src], topic="Harbour", background=["Built in 1931."],
                     timeline=[{"date": "1931", "text": "Built.", "sources": ["s"]}])
    new = brief_json(sources=[dict(src, derived_from="wire")], topic="Harbour",
                     background=["Built in 1931.", "Rebuilt in 1990."], timeline=[])
    found = sections(old, new)
    assert found["Sources"] == (ItemChange(CHANGED, "copy: Daily — Bridge", "copy: Daily — Bridge (rewrite of wire)"),)
    assert found["Background"] == (ItemChange(ADDED, None, "Rebuilt in 1990. [s]"),)
    assert found["Timeline"] == (ItemChange(REMOVED, "1931: Built. [s]", None),)


def test_unchanged_brief_has_no_diff_and_briefs_added_removed(tmp_path):
    same = brief_json("same", key_points=["A."])
    base = write(tmp_path / "base", {"briefs/same/brief.json": same, "briefs/old/brief.json": brief_json("old")})
    head = write(tmp_path / "head", {"briefs/same/brief.json": same, "briefs/new/brief.json": brief_json("new")})
    assert [(b.slug, b.status) for b in compare(base, head).briefs] == [("new", ADDED), ("old", REMOVED)]


def test_an_unreadable_brief_json_names_the_file(tmp_path):
    base = write(tmp_path / "base", {"briefs/b/brief.json": "{not json"})
    head = write(tmp_path / "head", {})
    with pytest.raises(ValueError, match=r"base/briefs/b/brief\.json: not valid JSON"):
        compare(base, head)


# --------------------------------------------------------------------------
# reports: untrusted text stays text
# --------------------------------------------------------------------------


def hostile_review() -> Review:
    change = ItemChange(CHANGED, "“plain” — X", f"“{HOSTILE}” — X")
    return Review(
        pages_added=(), pages_removed=(),
        pages_changed=(PageChange("briefs/b/index.html", ("--- a", "+++ b", "@@ -1 +1 @@", f"-{HOSTILE}", "+ok")),),
        files_changed=(), briefs=(BriefDiff("b", f"Title {HOSTILE}", CHANGED, (SectionDiff("Quotes", (change,)),)),),
        broken_links=(f"index.html → {HOSTILE}: no such file",),
    )


def outside_code_blocks(markdown: str) -> str:
    return re.sub(r"^(`{3,})diff\n.*?^\1$", "", markdown, flags=re.S | re.M)


def test_markdown_keeps_article_text_inert():
    markdown = render_markdown(hostile_review(), "main")
    prose = outside_code_blocks(markdown)
    assert "<script>" not in prose and "</details>" not in prose and "&lt;/details&gt;" in prose
    assert "`tick`" not in prose and "\\`tick\\`" in prose
    assert "[x](javascript" not in prose and "\\[x\\](javascript" in prose and "\\@someone" in prose
    # the page diff's ``` cannot close its block: the fence is longer
    assert "````diff\n" in markdown and f"-{HOSTILE}\n" in markdown


def test_html_keeps_article_text_inert_and_links_both_renderings():
    page_html = render_html(hostile_review(), "main")
    assert "<script" not in page_html and "</details>" not in page_html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page_html
    assert '<a href="base/briefs/b/index.html">base</a>' in page_html
    assert '<a href="head/briefs/b/index.html">new</a>' in page_html


def test_markdown_is_cut_between_blocks_with_a_note():
    pages = tuple(PageChange(f"p{n}/index.html", ("@@ -1 +1 @@", "-" + "x" * 500, "+y")) for n in range(50))
    review = Review((), (), pages, (), (), ())
    markdown = render_markdown(review, "main", limit=5_000)
    assert len(markdown) <= 5_000
    assert "index.html has all of it" in markdown
    assert markdown.count("```") % 2 == 0  # no code block left open


# --------------------------------------------------------------------------
# the command, end to end
# --------------------------------------------------------------------------

PROJECT = ("pelican.conf.py", "tasks.py", "pyproject.toml", "theme", "plugins", "content/pages")

BRIEF_MD = "Title: {title}\nDate: 2024-03-0{day}\n\nA made-up brief for a test.\n"
HARBOUR = (
    "Outlet: Coastline News\nTitle: Harbour bridge to close for repairs\n\n"
    "VALPORT (Reuters) - The harbour bridge will close for repairs in March, the town council said on Tuesday.\n\n"
    '"We cannot keep the bridge open safely any longer," Mayor Ilse Marten said at a meeting of the council.\n\n'
    "Repairs are expected to take six months and cost 12 million euros, officials said.\n"
)
MARKET = (
    "Outlet: Inland Post\nTitle: Town market moves to the square\n\n"
    "BRENN (Reuters) - The weekly market will move to the town square from May, the market board said on Monday.\n\n"
    '"The square gives the stalls more room and more shade," board chair Tomas Weber said.\n\n'
    "The market has been held by the river since 1950, according to the board.\n"
)


def git(repo: Path, *args: str) -> str:
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org")
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True, env=env).stdout


def commit_all(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


@pytest.fixture
def repo(tmp_path) -> Path:
    """The project's code and theme with two made-up briefs, committed in a new git repository."""
    repo = tmp_path / "site"
    for name in PROJECT:
        source, target = ROOT / name, repo / name
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    write(repo / "content/briefs", {
        "harbour-bridge/brief.md": BRIEF_MD.format(title="Harbour bridge closes", day=5),
        "harbour-bridge/sources/coastline.txt": HARBOUR,
        "town-market/brief.md": BRIEF_MD.format(title="Town market moves", day=4),
        "town-market/sources/inland-post.txt": MARKET,
    })
    write(repo, {".gitignore": "review/\n"})
    git(repo, "init", "-q")
    commit_all(repo, "base")
    return repo


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_review_of_an_edited_source_names_the_brief_and_the_changed_quote(repo):
    edit(repo / "content/briefs/harbour-bridge/sources/coastline.txt",
         "open safely any longer", "open safely through the winter")
    commit_all(repo, "edit a quote")

    # as the pull-request workflow runs it
    invoke = subprocess.run([str(INVOKE), "review", "--base", "HEAD~1", "--out", "review"],
                            cwd=repo, capture_output=True, text=True)
    assert invoke.returncode == 0, invoke.stdout + invoke.stderr

    markdown = (repo / "review/review.md").read_text(encoding="utf-8")
    page_html = (repo / "review/index.html").read_text(encoding="utf-8")
    assert "## Brief Harbour bridge closes (`harbour-bridge`): changed" in markdown
    for report in (markdown, page_html):
        assert "Harbour bridge closes" in report
        assert "We cannot keep the bridge open safely any longer" in report
        assert "We cannot keep the bridge open safely through the winter" in report
        assert "Town market moves" not in report and "town-market" not in report
    assert (repo / "review/base/briefs/harbour-bridge/index.html").is_file()
    assert 'href="head/briefs/harbour-bridge/index.html"' in page_html
    assert len(git(repo, "worktree", "list").splitlines()) == 1  # the base checkout is gone


def test_base_is_built_with_its_own_plugin_code_and_head_with_uncommitted_changes(repo):
    # The committed plugin shows one key point; the working tree (uncommitted)
    # goes back to the project's default. Built with the working tree's or the
    # installed code, both sides would be alike and no key point would differ.
    settings = repo / "plugins/briefing/settings.py"
    original = settings.read_text(encoding="utf-8")
    edit(settings, '"BRIEFING_MAX_KEY_POINTS",\n        8,', '"BRIEFING_MAX_KEY_POINTS",\n        1,')
    commit_all(repo, "one key point")
    settings.write_text(original, encoding="utf-8")

    review = run_review(repo, "HEAD", repo / "review").review

    by_slug = {b.slug: b for b in review.briefs}
    assert set(by_slug) == {"harbour-bridge", "town-market"}
    for brief in by_slug.values():
        key_points = {s.name: s.changes for s in brief.sections}["Key points"]
        assert key_points and all(c.status == ADDED for c in key_points)


def test_errors_name_the_problem(repo, tmp_path):
    with pytest.raises(ReviewError, match="not in a git repository"):
        run_review(tmp_path, "HEAD", tmp_path / "r")  # holds the repository, is none
    with pytest.raises(ReviewError, match="no commit 'no-such-branch'"):
        run_review(repo, "no-such-branch", tmp_path / "r")
    (repo / "pelican.conf.py").write_text("THIS IS NOT PYTHON\n", encoding="utf-8")
    commit_all(repo, "break the build")
    git(repo, "checkout", "-q", "HEAD~1", "--", "pelican.conf.py")
    with pytest.raises(ReviewError, match=r"the base \(HEAD\) build failed"):
        run_review(repo, "HEAD", tmp_path / "r")
    assert len(git(repo, "worktree", "list").splitlines()) == 1  # removed although the build failed
