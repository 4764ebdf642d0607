"""briefing.reviewreport: review.md and index.html keep article text inert and stay within limits."""

from __future__ import annotations

import re

from briefing.review import CHANGED, BriefDiff, ItemChange, PageChange, Review, SectionDiff
from briefing.reviewreport import render_html, render_markdown

HOSTILE = "a `tick` ``` fence </details> <script>alert(1)</script> [x](javascript:y) @someone"


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
