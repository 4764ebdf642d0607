"""briefing.commands.review, end to end: the project copied into a temporary git repository
with two made-up briefs, committed, changed, and reviewed as ``invoke review`` does."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.commands.review import ReviewError, run_review
from briefing.review import ADDED

ROOT = Path(__file__).resolve().parent.parent
INVOKE = Path(sys.executable).parent / "invoke"


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


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
