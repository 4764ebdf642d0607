"""Shared fixtures: one site build per test session, and builders of hand-made briefs.

The site is built once (``built_site``) in a temporary folder, with the real
command (``pelican content -s pelican.conf.py -o DIR``) in a subprocess, so
the build test and the browser test look at the same output and Pelican's
process-wide log de-duplication cannot hide a warning from a later build.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from briefing.model import (
    PERSON,
    PLACE,
    Background,
    BackgroundItem,
    Brief,
    Entity,
    Evidence,
    KeyPoint,
    Quote,
    SourceAttribution,
    Speaker,
    TimelineEvent,
)

ROOT = Path(__file__).resolve().parent.parent
PELICAN = Path(sys.executable).parent / "pelican"


@dataclass
class Build:
    output: Path
    returncode: int
    stdout: str
    stderr: str

    @property
    def log(self) -> str:
        return self.stdout + self.stderr


def run_pelican(content: Path, output: Path, settings: str = "pelican.conf.py", *extra: str) -> Build:
    """Build ``content`` into ``output`` with the project's settings file, in a subprocess.

    Each build has a cache folder of its own beside ``output`` (unless ``extra``
    names one), so no test reads what another build, or the project's own
    cache/, left there: a build that reused a page would prove nothing.
    """
    env = dict(os.environ, COLUMNS="400", TERM="dumb", NO_COLOR="1")
    if "--cache-path" not in extra:
        extra = ("--cache-path", str(output.parent / f"{output.name}.cache"), *extra)
    proc = subprocess.run(
        [str(PELICAN), str(content), "-s", settings, "-o", str(output), *extra],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    return Build(output, proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium, headless, one for the whole test session (tests/browsers.py)."""
    from browsers import ARGS, CHROMIUM, NO_CHROMIUM, SKIP_REASON

    if NO_CHROMIUM:
        pytest.skip(SKIP_REASON)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Build:
    """The project's own content built once into a temporary folder."""
    build = run_pelican(ROOT / "content", tmp_path_factory.mktemp("site") / "output")
    assert build.returncode == 0, build.log
    return build


# --------------------------------------------------------------------------
# hand-made briefs for tests that need no parsing
# --------------------------------------------------------------------------


def ev(source: str, paragraph: int = 1, start: int = 0, end: int = 10) -> Evidence:
    return Evidence(source, paragraph, start, end)


def source(id: str, outlet: str | None, brief: str, derived_from: str | None = None, **kw) -> SourceAttribution:
    return SourceAttribution(
        id=id,
        outlet=outlet,
        title=kw.get("title", f"Title of {id}"),
        date=kw.get("date"),
        url=kw.get("url"),
        dateline=kw.get("dateline"),
        credits=tuple(kw.get("credits", ())),
        derived_from=derived_from,
        unique_points=tuple(kw.get("unique_points", ())),
        page=f"briefs/{brief}/sources/{id}/",
    )


def person(id: str, name: str, role: str | None = None, aliases=()) -> Entity:
    return Entity(id=id, kind=PERSON, name=name, aliases=tuple(aliases), role=role, url=f"people/{id}/")


def place(id: str, name: str, aliases=(), names_by_user=()) -> Entity:
    return Entity(
        id=id, kind=PLACE, name=name, aliases=tuple(aliases), role=None, url=f"places/{id}/",
        names_by_user=tuple(names_by_user),
    )


def make_brief(
    slug: str,
    date: str | None = "2024-01-01",
    *,
    entities=(),
    quotes=(),
    sources=(),
    timeline=(),
    key_points=(),
    background=(),
    topic: str | None = None,
) -> Brief:
    return Brief(
        slug=slug,
        title=f"Brief {slug}",
        date=date,
        url=f"briefs/{slug}/",
        summary=None,
        key_points=tuple(key_points),
        quotes=tuple(quotes),
        background=Background(topic, tuple(background)),
        timeline=tuple(timeline),
        entities=tuple(entities),
        sources=tuple(sources),
    )


def quote(id: str, text: str, speaker: Speaker | None, source_id: str, paragraph: int = 1) -> Quote:
    return Quote(
        id=id, text=text, partial=False, speaker=speaker, sources=(source_id,),
        evidence=(ev(source_id, paragraph),),
    )


def key_point(id: str, text: str, *sources: str, commentary: bool = False) -> KeyPoint:
    return KeyPoint(
        id=id, text=text, sources=tuple(sources), evidence=tuple(ev(s) for s in sources),
        commentary=commentary,
    )


def event(date: str, text: str, source_id: str) -> TimelineEvent:
    return TimelineEvent(date=date, text=text, sources=(source_id,), evidence=(ev(source_id),))


def item(text: str, source_id: str) -> BackgroundItem:
    return BackgroundItem(text=text, sources=(source_id,), evidence=(ev(source_id),))
