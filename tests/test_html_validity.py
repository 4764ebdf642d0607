"""Every built page is valid HTML by the Nu Html Checker (vnu.jar, the W3C validator's engine).

The checker is the npm package vnu-jar, pinned in package.json and installed by
the README's test command (`npm ci --ignore-scripts`); it runs on Java. It is
started once over all the built pages, since each start of the JVM costs seconds.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

pytestmark = pytest.mark.skipif(
    not (VNU_JAR.exists() and shutil.which("java")) and not os.environ.get("CI"),
    reason="needs the Nu Html Checker (npm ci --ignore-scripts) and Java; "
    "in CI (CI set) this test always runs",
)


def vnu_errors(files: list[Path], root: Path) -> list[str]:
    """The checker's errors on ``files``, one ``file:line: message`` each (paths under ``root``)."""
    proc = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--format", "json", "--errors-only", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    # the JSON report goes to stderr; exit status 1 means "errors found", anything else is a crash
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr
    return [describe(message, root) for message in json.loads(proc.stderr)["messages"]]


def describe(message: dict, root: Path) -> str:
    path = message.get("url", "").removeprefix("file:")
    try:
        path = str(Path(path).relative_to(root))
    except ValueError:
        pass
    return f"{path}:{message.get('lastLine', '?')}: {message['type']}: {message['message']}"


def test_the_checker_reports_an_invalid_page(tmp_path):
    # guards the harness: a report that could not be read must not pass as "no errors"
    page = tmp_path / "bad.html"
    page.write_text(
        '<!doctype html><html lang="en"><head><title>t</title></head>'
        "<body><span><p>block in inline</p></span>\n<img src=a.png></body></html>",
        encoding="utf-8",
    )
    errors = vnu_errors([page], tmp_path)
    assert any(e.startswith("bad.html:1: error: Element “p” not allowed") for e in errors), errors
    assert any(e.startswith("bad.html:2: error: An “img” element must have an “alt”") for e in errors), (
        errors
    )


def test_every_built_page_is_valid_html(built_site):
    pages = sorted(built_site.output.rglob("*.html"))
    assert len(pages) > 10, pages
    errors = vnu_errors(pages, built_site.output)
    assert errors == [], "Nu Html Checker errors:\n" + "\n".join(errors)
