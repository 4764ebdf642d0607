"""``invoke review --base REF [--out DIR]``: the rendered review of a change.

Builds the site twice with the development settings — REF, checked out with
``git worktree add --detach`` into a temporary folder, into ``DIR/base``, and
the working tree as it is (uncommitted changes included) into ``DIR/head`` —
then writes ``DIR/review.md`` and ``DIR/index.html`` (``briefing.review``).

Each build is a ``pelican`` subprocess run in its own checkout with that
checkout's ``plugins/`` first on PYTHONPATH: the virtualenv's editable install
of ``briefing`` points at the working tree, and without this the REF build
would run the working tree's plugin code and hide every change to it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from briefing.review import Review, compare
from briefing.reviewreport import render_html, render_markdown

SETTINGS = "pelican.conf.py"
CONTENT = "content"
LOG_TAIL_LINES = 30


class ReviewError(Exception):
    """Why the review could not be made, worded for the person who ran it."""


@dataclass(frozen=True)
class ReviewResult:
    review: Review
    markdown: Path
    html: Path


def run_review(repo: Path, base: str, out: Path) -> ReviewResult:
    """Build ``base`` and the working tree of ``repo``, compare them, write the reports into ``out``."""
    repo = _toplevel(repo)
    commit = _commit(repo, base)
    out = out.resolve()
    if out == repo or repo.is_relative_to(out):
        raise ReviewError(f"--out {out} would hold the repository itself; name a folder inside or beside it")
    for side in ("base", "head"):
        shutil.rmtree(out / side, ignore_errors=True)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="briefing-review-") as tmp:
        checkout = Path(tmp) / "base"
        _git(repo, "worktree", "add", "--detach", str(checkout), commit)
        try:
            build(checkout, out / "base", f"base ({base})")
        finally:
            if _git(repo, "worktree", "remove", "--force", str(checkout), check=False).returncode:
                _git(repo, "worktree", "prune", check=False)  # the folder goes with tmp
    build(repo, out / "head", "head (working tree)")
    try:
        review = compare(out / "base", out / "head")
    except ValueError as error:  # a brief.json the build wrote is unreadable
        raise ReviewError(str(error)) from error
    markdown, page = out / "review.md", out / "index.html"
    markdown.write_text(render_markdown(review, base), encoding="utf-8")
    page.write_text(render_html(review, base), encoding="utf-8")
    return ReviewResult(review, markdown, page)


def build(checkout: Path, output: Path, side: str) -> None:
    """Build ``checkout``'s site into ``output`` with its own plugin code; a failure names the side."""
    env = dict(os.environ, COLUMNS="200", TERM="dumb", NO_COLOR="1")
    env["PYTHONPATH"] = os.pathsep.join(
        [str(checkout / "plugins"), *filter(None, [os.environ.get("PYTHONPATH")])]
    )
    command = [sys.executable, "-m", "pelican", CONTENT, "-s", SETTINGS, "-o", str(output)]
    proc = subprocess.run(command, cwd=checkout, capture_output=True, text=True, env=env)
    if proc.returncode:
        log = (proc.stdout + proc.stderr).strip().splitlines()[-LOG_TAIL_LINES:]
        raise ReviewError(
            f"the {side} build failed (exit {proc.returncode}) in {checkout}; its last messages:\n"
            + "\n".join(log)
        )


def _toplevel(repo: Path) -> Path:
    proc = _git(repo, "rev-parse", "--show-toplevel", check=False)
    if proc.returncode:
        raise ReviewError(f"{repo} is not in a git repository; run the review from a clone of the site")
    return Path(proc.stdout.strip()).resolve()


def _commit(repo: Path, ref: str) -> str:
    if ref.startswith("-"):  # git would read it as an option
        raise ReviewError(f"--base {ref!r} is not a commit name; give a branch, tag or commit")
    proc = _git(repo, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", check=False)
    if proc.returncode or not proc.stdout.strip():
        raise ReviewError(
            f"no commit {ref!r} in {repo}; fetch it first (e.g. git fetch origin) or name another --base"
        )
    return proc.stdout.strip()


def _git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    proc = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True)
    if check and proc.returncode:
        raise ReviewError(f"git {' '.join(args)} failed in {repo}: {proc.stderr.strip()}")
    return proc
