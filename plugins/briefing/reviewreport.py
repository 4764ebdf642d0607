"""A ``Review`` (briefing.review) written out: review.md and index.html.

``render_markdown`` gives review.md, for a GitHub job summary or a pull
request comment; ``render_html`` gives index.html, which sits beside the
``base/`` and ``head/`` renderings and links to both. Article text is
untrusted: both escape every string taken from a page or a brief.json, so a
quote holding ``</details>``, backticks or ``<script>`` stays text.
"""

from __future__ import annotations

import html
import re
from typing import Iterable, Sequence
from urllib.parse import quote

from .review import ADDED, REMOVED, ItemChange, Review, squeeze

MAX_DIFF_LINES = 120  # per page, in both reports
MAX_MARKDOWN_CHARS = 60_000  # GitHub PR comments stop at 65,536
MAX_LISTED_LINKS = 50


# --------------------------------------------------------------------------
# review.md
# --------------------------------------------------------------------------

# Inside a list item only these start Markdown (or GitHub extras: $math$,
# @mentions, #refs); "<", ">" and "&" are HTML-escaped instead.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|~$@#!])")


def md_text(text: str) -> str:
    """Untrusted text as inert Markdown on one line: HTML escaped, Markdown punctuation backslashed."""
    text = html.escape(squeeze(text), quote=False)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def md_code_block(lines: Sequence[str], language: str = "diff") -> str:
    """A fenced block that no line can close: the fence is longer than any backtick run in it."""
    longest = max((len(run) for line in lines for run in re.findall(r"`+", line)), default=0)
    fence = "`" * max(3, longest + 1)
    return "\n".join([f"{fence}{language}", *lines, fence])


def render_markdown(review: Review, base_name: str, limit: int = MAX_MARKDOWN_CHARS) -> str:
    """review.md: a summary, the brief diffs, the page text diffs and the link check, cut at ``limit``."""
    blocks = [f"# Rendered review: {md_text(base_name)} → working tree\n\n{_md_summary(review)}"]
    blocks += _md_briefs(review)
    blocks += _md_pages(review)
    blocks.append(_md_links(review))
    return _fit(blocks, limit)


def _md_summary(review: Review) -> str:
    if review.is_empty:
        return "The change does not alter the built site."
    counts = [
        f"{len(review.briefs)} brief(s) changed",
        f"{len(review.pages_added)} page(s) added",
        f"{len(review.pages_removed)} removed",
        f"{len(review.pages_changed)} changed",
        f"{len(review.files_changed)} other file(s) changed",
        f"{len(review.broken_links)} broken link(s)",
    ]
    return ", ".join(counts) + "."


def _md_briefs(review: Review) -> list[str]:
    blocks = []
    for brief in review.briefs:
        head = f"## Brief {md_text(brief.title)} (`{_md_code_span(brief.slug)}`): {brief.status}"
        parts = [head]
        for section in brief.sections:
            parts.append(f"### {section.name}\n\n" + "\n".join(_md_change(c) for c in section.changes))
        blocks.append("\n\n".join(parts))
    return blocks


def _md_code_span(text: str) -> str:
    return text.replace("`", "'")


def _md_change(change: ItemChange) -> str:
    if change.status == ADDED:
        return f"- **added:** {md_text(change.new or '')}"
    if change.status == REMOVED:
        return f"- **removed:** {md_text(change.old or '')}"
    return f"- **changed:** {md_text(change.old or '')}\n  **→** {md_text(change.new or '')}"


def _md_pages(review: Review) -> list[str]:
    blocks = []
    for title, paths in (("Pages added", review.pages_added), ("Pages removed", review.pages_removed)):
        if paths:
            blocks.append(f"## {title}\n\n" + "\n".join(f"- `{_md_code_span(p)}`" for p in paths))
    text_changes = [p for p in review.pages_changed if p.diff]
    if text_changes:
        blocks.append("## Pages changed")
        for page in text_changes:
            blocks.append(f"### `{_md_code_span(page.path)}`\n\n" + md_code_block(_capped(page.diff)))
    markup_only = [p.path for p in review.pages_changed if not p.diff]
    if markup_only:
        listed = "\n".join(f"- `{_md_code_span(p)}`" for p in markup_only)
        blocks.append(f"## Pages whose markup changed, not their text\n\n{listed}")
    if review.files_changed:
        listed = "\n".join(f"- `{_md_code_span(p)}`" for p in review.files_changed)
        blocks.append(f"## Other files added, removed or changed\n\n{listed}")
    return blocks


def _capped(lines: Sequence[str]) -> list[str]:
    if len(lines) <= MAX_DIFF_LINES:
        return list(lines)
    return [*lines[:MAX_DIFF_LINES], f"… {len(lines) - MAX_DIFF_LINES} more diff lines cut"]


def _md_links(review: Review) -> str:
    if not review.broken_links:
        return "## Link check\n\nEvery internal link of the new build resolves."
    shown = review.broken_links[:MAX_LISTED_LINKS]
    more = len(review.broken_links) - len(shown)
    lines = [f"## Link check\n\n{len(review.broken_links)} broken link(s) in the new build:\n"]
    lines += [f"- {md_text(link)}" for link in shown]
    if more:
        lines.append(f"- … and {more} more")
    return "\n".join(lines)


def _fit(blocks: list[str], limit: int) -> str:
    """Whole blocks (never half a code block) up to ``limit`` characters, then a note."""
    note = f"---\n*The review was cut here to stay under {limit} characters; index.html has all of it.*"
    kept, size = [], 0
    for block in blocks:
        if size + len(block) + 2 > limit - len(note) - 2:
            kept.append(note)
            break
        kept.append(block)
        size += len(block) + 2
    return "\n\n".join(kept) + "\n"


# --------------------------------------------------------------------------
# index.html
# --------------------------------------------------------------------------

STYLE = """
body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#111}
pre{background:#f6f6f6;padding:.5rem;overflow-x:auto;white-space:pre-wrap}
.add{color:#05620f}.del{color:#9b0b0b}.hunk{color:#555}
ins{background:#e4f7e4;text-decoration:none}del{background:#fbe4e4}
"""


def render_html(review: Review, base_name: str) -> str:
    """index.html: the same review, with links to the base/ and head/ rendering of each page."""
    e = _escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src 'self'\">",
        f"<title>Rendered review: {e(base_name)} → working tree</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        f"<h1>Rendered review: {e(base_name)} → working tree</h1>",
        f"<p>{e(_md_summary(review))} <a href=\"base/index.html\">Base site</a>, "
        '<a href="head/index.html">new site</a>.</p>',
    ]
    parts += _html_briefs(review)
    parts += _html_pages(review)
    parts += _html_links(review)
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


def _escape(text: str) -> str:
    return html.escape(str(text), quote=True)


def _page_links(path: str, base: bool, head: bool) -> str:
    href = _escape(quote(path))
    links = []
    if base:
        links.append(f'<a href="base/{href}">base</a>')
    if head:
        links.append(f'<a href="head/{href}">new</a>')
    return f"<code>{_escape(path)}</code> ({', '.join(links)})"


def _html_briefs(review: Review) -> list[str]:
    parts = []
    for brief in review.briefs:
        page = f"briefs/{brief.slug}/index.html"
        links = _page_links(page, brief.status != ADDED, brief.status != REMOVED)
        parts.append(f"<h2>Brief {_escape(brief.title)}: {brief.status}</h2>")
        parts.append(f"<p>{links}</p>")
        for section in brief.sections:
            parts.append(f"<h3>{_escape(section.name)}</h3>")
            parts.append("<ul>")
            parts += [f"<li>{_html_change(c)}</li>" for c in section.changes]
            parts.append("</ul>")
    return parts


def _html_change(change: ItemChange) -> str:
    if change.status == ADDED:
        return f"<strong>added:</strong> <ins>{_escape(change.new)}</ins>"
    if change.status == REMOVED:
        return f"<strong>removed:</strong> <del>{_escape(change.old)}</del>"
    return f"<strong>changed:</strong> <del>{_escape(change.old)}</del><br>→ <ins>{_escape(change.new)}</ins>"


def _html_pages(review: Review) -> list[str]:
    parts = []
    for title, paths, base, head in (
        ("Pages added", review.pages_added, False, True),
        ("Pages removed", review.pages_removed, True, False),
    ):
        if paths:
            parts.append(f"<h2>{title}</h2>\n<ul>")
            parts += [f"<li>{_page_links(p, base, head)}</li>" for p in paths]
            parts.append("</ul>")
    if review.pages_changed:
        parts.append("<h2>Pages changed</h2>")
        for page in review.pages_changed:
            parts.append(f"<h3>{_page_links(page.path, True, True)}</h3>")
            if page.diff:
                parts.append(f"<pre>{_html_diff(_capped(page.diff))}</pre>")
            else:
                parts.append("<p>Markup changed; the visible text did not.</p>")
    if review.files_changed:
        parts.append("<h2>Other files added, removed or changed</h2>\n<ul>")
        parts += [f"<li><code>{_escape(p)}</code></li>" for p in review.files_changed]
        parts.append("</ul>")
    return parts


def _html_diff(lines: Iterable[str]) -> str:
    out = []
    for line in lines:
        css = {"+": "add", "-": "del", "@": "hunk"}.get(line[:1])
        out.append(f'<span class="{css}">{_escape(line)}</span>' if css else _escape(line))
    return "\n".join(out)


def _html_links(review: Review) -> list[str]:
    if not review.broken_links:
        return ["<h2>Link check</h2>", "<p>Every internal link of the new build resolves.</p>"]
    parts = ["<h2>Link check</h2>", f"<p>{len(review.broken_links)} broken link(s) in the new build:</p>", "<ul>"]
    parts += [f"<li>{_escape(link)}</li>" for link in review.broken_links]
    parts.append("</ul>")
    return parts
