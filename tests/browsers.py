"""What every browser test shares: Debian's chromium, the flags it needs here, and its marks.

The browser itself is one session-wide fixture (``browser`` in conftest.py),
so the pages of every browser test module are opened in the same chromium.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
# headless as root, and no background traffic: this machine's network is closed
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
NO_CHROMIUM = not CHROMIUM.exists() and not os.environ.get("CI")
SKIP_REASON = (
    "needs Debian's chromium at /usr/bin/chromium (apt-get install -y chromium); "
    "in CI (CI set) this test always runs"
)
# the marks of a browser test: `pytestmark = BROWSER_MARKS`, or one test's decorators
BROWSER_MARKS = [pytest.mark.browser, pytest.mark.skipif(NO_CHROMIUM, reason=SKIP_REASON)]
