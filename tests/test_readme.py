"""The README's two set-up commands are the ones CI runs, to the letter; its images are there."""

from __future__ import annotations

import importlib.util
import re
import struct
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from browsers import BROWSER_MARKS

REPO = Path(__file__).resolve().parents[1]


def ci_commands() -> list[str]:
    lines = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.startswith(("python3 ", "apt-get "))]


def test_ci_runs_exactly_the_readme_build_and_test_commands():
    readme_lines = (REPO / "README.md").read_text(encoding="utf-8").splitlines()
    commands = ci_commands()
    assert len(commands) == 2, "one build command and one test command"
    build, test = commands
    assert "invoke build" in build and "pytest" in test
    for command in commands:
        assert command in readme_lines, f"README does not show: {command}"


# --------------------------------------------------------------------------
# the README's images: the screenshots docs/screenshots.py takes
# --------------------------------------------------------------------------

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
STATED_WIDTH = re.compile(r"\b(\d+) px wide\b")


def screenshots_module():
    """docs/screenshots.py, imported by path (docs/ is no package)."""
    spec = importlib.util.spec_from_file_location("screenshots", REPO / "docs" / "screenshots.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def readme_images() -> list[tuple[str, str]]:
    """(src, alt) of every image the README shows, as Markdown or as an <img> tag."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    images = [(src, alt) for alt, src in re.findall(r"!\[([^\]]*)\]\(([^)\s]+)", readme)]
    images += [(img.get("src", ""), img.get("alt", "")) for img in BeautifulSoup(readme, "html.parser").find_all("img")]
    return images


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's header (its first chunk is always IHDR)."""
    head = path.read_bytes()[:24]
    assert head[:8] == PNG_SIGNATURE and head[12:16] == b"IHDR", f"{path} is not a PNG"
    return struct.unpack(">II", head[16:24])


def test_every_readme_image_exists_is_a_png_and_has_the_width_its_text_states():
    images = readme_images()
    assert images, "the README shows no image"
    for src, alt in images:
        path = REPO / src
        assert path.is_file(), f"README shows {src}, which does not exist"
        stated = STATED_WIDTH.search(alt)
        assert stated, f"the alt text of {src} does not say how wide it is ('N px wide'): {alt!r}"
        assert png_size(path)[0] == int(stated.group(1)), f"{src} is not {stated.group(1)} px wide"


def test_the_readme_shows_each_screenshot_at_the_width_it_is_taken():
    shown = {src: int(STATED_WIDTH.search(alt).group(1)) for src, alt in readme_images() if STATED_WIDTH.search(alt)}
    taken = {f"docs/{shot.file_name}": shot.width for shot in screenshots_module().SHOTS}
    assert shown == taken


def browser_test(test):
    """The browser marks (tests/browsers.py) on one test of a module that is mostly not."""
    for mark in BROWSER_MARKS:
        test = mark(test)
    return test


@browser_test
def test_the_screenshot_script_saves_each_shot_at_its_size(browser, built_site, tmp_path):
    screenshots = screenshots_module()
    written = screenshots.take(browser, screenshots.first_brief_page(built_site.output), tmp_path)
    assert [p.name for p in written] == [shot.file_name for shot in screenshots.SHOTS]
    for path, shot in zip(written, screenshots.SHOTS):
        assert png_size(path) == (shot.width, shot.height)


def test_the_screenshot_script_says_when_there_is_no_brief(tmp_path):
    screenshots = screenshots_module()
    with pytest.raises(screenshots.ScreenshotError, match="no brief page"):
        screenshots.first_brief_page(tmp_path)
