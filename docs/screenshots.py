"""Screenshots of the brief page for the README, on a desktop and on a phone.

Builds the site from content/ into a temporary folder with the real command
(``pelican content -s pelican.conf.py -o DIR``), opens the first brief page in
Debian's chromium (through Playwright, from the test extra) and saves the
first screenful of it, in the light colour scheme, as docs/brief-desktop.png
and docs/brief-phone.png. Run it with ``invoke screenshots`` after a change
to the theme, and commit the images.

Needs ``pip install -e '.[test]'`` (Playwright) and ``apt-get install chromium``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"
CHROMIUM = Path("/usr/bin/chromium")
# headless as root, and no background traffic (the same flags as tests/browsers.py)
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@dataclass(frozen=True)
class Shot:
    file_name: str
    width: int  # CSS px, and the image's width in pixels (device scale 1)
    height: int  # the first screenful: enough to show the brief, small enough for a README


# The README states these widths; tests/test_readme.py checks the images against them.
SHOTS = (
    Shot("brief-desktop.png", 1280, 900),
    Shot("brief-phone.png", 375, 812),
)


class ScreenshotError(Exception):
    """Something the screenshots need is missing; the message says what to do."""


def build_site(output: Path) -> None:
    """Build content/ into ``output`` as the README's build does."""
    pelican = Path(sys.executable).parent / "pelican"
    proc = subprocess.run(
        [str(pelican), "content", "-s", "pelican.conf.py", "-o", str(output)],
        cwd=REPO, capture_output=True, text=True,
    )
    if proc.returncode:
        raise ScreenshotError(f"the site did not build:\n{proc.stdout}{proc.stderr}")


def first_brief_page(site: Path) -> Path:
    """The brief page shown: the first brief by slug, so the choice never changes by itself."""
    pages = sorted((site / "briefs").glob("*/index.html"))
    if not pages:
        raise ScreenshotError(f"{site / 'briefs'}: no brief page; add a brief under content/briefs/")
    return pages[0]


def take(browser, brief_page: Path, docs: Path) -> list[Path]:
    """Save every shot of ``brief_page`` into ``docs``; the paths written."""
    written = []
    for shot in SHOTS:
        context = browser.new_context(
            viewport={"width": shot.width, "height": shot.height},
            device_scale_factor=1,
            color_scheme="light",
            reduced_motion="reduce",
        )
        page = context.new_page()
        page.goto(brief_page.as_uri())
        path = docs / shot.file_name
        page.screenshot(path=str(path), full_page=False, animations="disabled", caret="hide")
        context.close()
        written.append(path)
    return written


def launch(playwright):
    if not CHROMIUM.exists():
        raise ScreenshotError(f"{CHROMIUM} is missing: apt-get install -y chromium")
    return playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=Path, default=DOCS, help="folder the images go to (default: docs/)")
    args = parser.parse_args(argv)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("screenshots need Playwright: .venv/bin/pip install -e '.[test]'", file=sys.stderr)
        return 2
    try:
        with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
            site = Path(tmp) / "output"
            build_site(site)
            browser = launch(playwright)
            try:
                written = take(browser, first_brief_page(site), args.docs)
            finally:
                browser.close()
    except ScreenshotError as error:
        print(f"screenshots: {error}", file=sys.stderr)
        return 2
    for path in written:
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
