"""Every page type of the built site passes axe-core's accessibility rules with no violation.

axe-core (bundled in axe-playwright-python) runs inside Debian's chromium on the
real build (``built_site``), once with the light colour scheme (all rules) and
once with the dark one emulated (the contrast rules only, the only ones a
colour scheme can change). Every built page of a type is checked: pages of one
template differ by content, and content decides what is on the page (badges,
quotes, notices).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from browsers import BROWSER_MARKS

pytestmark = BROWSER_MARKS

# page type -> the built pages of that type, as globs under the output folder (DESIGN.md URLs)
PAGE_TYPES = {
    "index": "index.html",
    "brief": "briefs/*/index.html",
    "source": "briefs/*/sources/*/index.html",
    "person": "people/*/index.html",
    "place": "places/*/index.html",
    "organisation": "organisations/*/index.html",
    "outlet": "outlets/*/index.html",
    "timeline": "timeline/index.html",
    "page": "pages/*/index.html",
    "search": "search/index.html",
    "404": "404.html",
}
SCHEMES = {
    "light": {"resultTypes": ["violations"]},
    "dark": {
        "resultTypes": ["violations"],
        "runOnly": {"type": "rule", "values": ["color-contrast", "link-in-text-block"]},
    },
}


@dataclass(frozen=True)
class Violation:
    page: str
    rule: str
    impact: str
    target: str
    help: str

    def __str__(self) -> str:
        return f"{self.page}: {self.rule} ({self.impact}) at {self.target}: {self.help}"


class KnownFinding(AssertionError):
    """A violation already reported against a file this test's owner may not edit."""


# Known findings, page type -> (rule, target suffix, why): each makes that page type's test a
# strict xfail that only this finding satisfies (any other violation fails for real, and a fixed
# finding fails the run until its entry goes). Empty: every page type passes.
KNOWN_FINDINGS: dict[str, tuple[str, str, str]] = {}


def is_known(violation: Violation, page_type: str) -> bool:
    if page_type not in KNOWN_FINDINGS:
        return False
    rule, target_end, _ = KNOWN_FINDINGS[page_type]
    return violation.rule == rule and violation.target.endswith(target_end)


def cases() -> list:
    params = []
    for page_type in PAGE_TYPES:
        marks = []
        if page_type in KNOWN_FINDINGS:
            rule, _, why = KNOWN_FINDINGS[page_type]
            marks = [pytest.mark.xfail(strict=True, raises=KnownFinding, reason=f"{rule}: {why}")]
        for scheme in SCHEMES:
            params.append(pytest.param(page_type, scheme, marks=marks, id=f"{page_type}-{scheme}"))
    return params


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def violations(browser, axe, pages: list[Path], root: Path, scheme: str) -> list[Violation]:
    """axe's violations on ``pages`` in the colour ``scheme``, one per element."""
    context = browser.new_context(viewport={"width": 1200, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    found = []
    try:
        for path in pages:
            page.goto(path.as_uri())
            for rule in axe.run(page, options=SCHEMES[scheme]).response["violations"]:
                for node in rule["nodes"]:
                    found.append(Violation(
                        str(path.relative_to(root)), rule["id"], rule["impact"],
                        " ".join(node["target"]), rule["help"],
                    ))
    finally:
        context.close()
    return found


def test_axe_reports_an_inaccessible_page(browser, axe, tmp_path):
    # guards the harness: a run that found nothing must mean the rules ran
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<!doctype html><html><head><title>t</title></head><body><main>'
        '<img src="x.png"><p style="color:#bbb;background:#fff">faint</p></main></body></html>',
        encoding="utf-8",
    )
    light = {(v.rule, v.target) for v in violations(browser, axe, [bad], tmp_path, "light")}
    assert {("html-has-lang", "html"), ("image-alt", "img"), ("color-contrast", "p")} <= light, light
    dark = {(v.rule, v.target) for v in violations(browser, axe, [bad], tmp_path, "dark")}
    assert dark == {("color-contrast", "p")}, dark


def test_every_built_page_has_a_checked_type(built_site):
    typed = {p for glob in PAGE_TYPES.values() for p in built_site.output.glob(glob)}
    built = built_site.output.rglob("*.html")
    untyped = sorted(str(p.relative_to(built_site.output)) for p in built if p not in typed)
    assert untyped == [], f"pages of no type in PAGE_TYPES (add their type): {untyped}"


@pytest.mark.parametrize("page_type, scheme", cases())
def test_page_type_has_no_axe_violation(browser, axe, built_site, page_type, scheme):
    pages = sorted(built_site.output.glob(PAGE_TYPES[page_type]))
    assert pages, f"the build has no {page_type} page ({PAGE_TYPES[page_type]})"
    found = violations(browser, axe, pages, built_site.output, scheme)
    unknown = [v for v in found if not is_known(v, page_type)]
    assert unknown == [], f"axe violations ({scheme} scheme):\n" + "\n".join(map(str, unknown))
    if found:
        raise KnownFinding(f"still there ({scheme} scheme):\n" + "\n".join(map(str, found)))
