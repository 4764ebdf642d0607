"""What a change does to the built site: the diff of two site folders, and its reports.

``compare(base, head)`` reads two built sites (no git, no Pelican) and returns
a ``Review``:

- pages (``*.html``) added, removed and changed, with a unified diff of their
  *visible* text (Beautiful Soup, site header/nav/footer dropped, one block
  element per line), so a reviewer reads sentences, not markup; pages whose
  markup changed but whose text did not are listed apart;
- for each brief a ``BriefDiff`` from the two ``brief.json`` files: key
  points, quotes, speakers, sources, background items and timeline events
  added, removed or changed. Key point and quote ids are positions (k1, k2…)
  that shift when one is added, so items are paired by identical text first,
  then by same id or similar text, and only what is left is added/removed;
- the link check (``briefing.linkcheck.broken_links``) of the new build.

``render_markdown`` (review.md, for a GitHub job summary or PR comment) and
``render_html`` (index.html beside the ``base/`` and ``head/`` renderings)
write it out. Article text is untrusted: both renderers escape every string
taken from a page or a brief.json, so a quote holding ``</details>``,
backticks or ``<script>`` stays text.
"""

from __future__ import annotations

import difflib
import html
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence
from urllib.parse import quote

from bs4 import BeautifulSoup, NavigableString, Tag

from briefing.linkcheck import broken_links

ADDED, REMOVED, CHANGED = "added", "removed", "changed"
# Files a build writes that say nothing to a reviewer (the search index
# changes whenever any text does).
IGNORED_FOLDERS = ("pagefind",)
# Boilerplate around every page: the same on all of them, noise in a diff.
BOILERPLATE = "script, style, template, nav, footer, header.site-header, a.skip"
BLOCK_ELEMENTS = frozenset(
    "address article aside blockquote body caption dd details dialog div dl dt fieldset "
    "figcaption figure form h1 h2 h3 h4 h5 h6 header hr li main ol p pre section summary "
    "table tbody td tfoot th thead tr ul".split()
)
# Two texts this alike (difflib ratio) are one item edited, not one removed
# and another added.
SIMILAR = 0.6
DIFF_CONTEXT = 1
MAX_DIFF_LINES = 120  # per page, in both reports
MAX_MARKDOWN_CHARS = 60_000  # GitHub PR comments stop at 65,536
MAX_LISTED_LINKS = 50


# --------------------------------------------------------------------------
# the review
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class PageChange:
    path: str  # relative to the site root, e.g. "briefs/x/index.html"
    diff: tuple[str, ...]  # unified diff of the visible text; empty: markup only


@dataclass(frozen=True)
class ItemChange:
    status: str  # ADDED, REMOVED or CHANGED
    old: str | None  # the item as one line of text, before / after
    new: str | None


@dataclass(frozen=True)
class SectionDiff:
    name: str  # "Key points", "Quotes", …
    changes: tuple[ItemChange, ...]


@dataclass(frozen=True)
class BriefDiff:
    slug: str
    title: str
    status: str  # ADDED, REMOVED or CHANGED
    sections: tuple[SectionDiff, ...]  # only sections with changes


@dataclass(frozen=True)
class Review:
    pages_added: tuple[str, ...]
    pages_removed: tuple[str, ...]
    pages_changed: tuple[PageChange, ...]
    files_changed: tuple[str, ...]  # other files (CSS, JS, JSON) added, removed or changed
    briefs: tuple[BriefDiff, ...]
    broken_links: tuple[str, ...]  # of the new build

    @property
    def is_empty(self) -> bool:
        return not (self.pages_added or self.pages_removed or self.pages_changed or self.files_changed)


def compare(base: Path, head: Path) -> Review:
    """The review of going from the site built in ``base`` to the one in ``head``."""
    old, new = _site_files(base), _site_files(head)
    pages_changed, files_changed = [], []
    for path in sorted(old.keys() | new.keys()):
        if path in old and path in new and old[path].read_bytes() == new[path].read_bytes():
            continue
        if path.endswith(".html"):
            if path in old and path in new:
                pages_changed.append(PageChange(path, text_diff(old[path], new[path], path)))
        else:
            files_changed.append(path)
    return Review(
        pages_added=tuple(p for p in sorted(new.keys() - old.keys()) if p.endswith(".html")),
        pages_removed=tuple(p for p in sorted(old.keys() - new.keys()) if p.endswith(".html")),
        pages_changed=tuple(pages_changed),
        files_changed=tuple(files_changed),
        briefs=tuple(brief_diffs(base, head)),
        broken_links=tuple(broken_links(head)),
    )


def _site_files(root: Path) -> dict[str, Path]:
    files = {}
    for path in root.rglob("*"):
        relative = path.relative_to(root)
        if path.is_file() and relative.parts[0] not in IGNORED_FOLDERS:
            files[relative.as_posix()] = path
    return files


# --------------------------------------------------------------------------
# pages: visible text
# --------------------------------------------------------------------------


def visible_lines(page_html: str) -> list[str]:
    """The text a reader sees on a page, one block element (paragraph, item, cell) per line."""
    soup = BeautifulSoup(page_html, "html.parser")
    for element in soup.select(BOILERPLATE):
        element.decompose()
    lines: list[str] = []
    if soup.title and soup.title.string:
        lines.append(f"Title: {_squeeze(soup.title.string)}")
    body = soup.body or soup
    current: list[str] = []
    _collect(body, current, lines)
    _flush(current, lines)
    return lines


def _collect(element: Tag, current: list[str], lines: list[str]) -> None:
    for child in element.children:
        if isinstance(child, NavigableString):
            if type(child) is NavigableString:  # not a comment, doctype or CDATA
                current.append(str(child))
        elif isinstance(child, Tag):
            if child.name == "br":
                _flush(current, lines)
            elif child.name in BLOCK_ELEMENTS:
                _flush(current, lines)
                _collect(child, current, lines)
                _flush(current, lines)
            elif child.name != "head":
                _collect(child, current, lines)


def _flush(current: list[str], lines: list[str]) -> None:
    text = _squeeze("".join(current))
    if text:
        lines.append(text)
    current.clear()


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def text_diff(old: Path, new: Path, path: str) -> tuple[str, ...]:
    """Unified diff of the visible text of two renderings of one page."""
    before = visible_lines(old.read_text(encoding="utf-8"))
    after = visible_lines(new.read_text(encoding="utf-8"))
    diff = difflib.unified_diff(before, after, f"base/{path}", f"head/{path}", n=DIFF_CONTEXT, lineterm="")
    return tuple(diff)


# --------------------------------------------------------------------------
# briefs: brief.json
# --------------------------------------------------------------------------


def brief_diffs(base: Path, head: Path) -> list[BriefDiff]:
    """One BriefDiff per brief whose brief.json was added, removed or changed."""
    old, new = _briefs(base), _briefs(head)
    diffs = []
    for slug in sorted(old.keys() | new.keys()):
        if slug not in new:
            diffs.append(BriefDiff(slug, _title(old[slug], slug), REMOVED, ()))
        elif slug not in old:
            diffs.append(BriefDiff(slug, _title(new[slug], slug), ADDED, ()))
        else:
            sections = diff_brief(old[slug], new[slug])
            if sections:
                diffs.append(BriefDiff(slug, _title(new[slug], slug), CHANGED, tuple(sections)))
    return diffs


def _briefs(root: Path) -> dict[str, dict]:
    briefs = {}
    for path in sorted(root.glob("briefs/*/brief.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except ValueError as error:
            raise ValueError(f"{path}: not valid JSON ({error}); rebuild the site") from error
        briefs[str(data.get("slug") or path.parent.name)] = data
    return briefs


def _title(brief: dict, slug: str) -> str:
    return str(brief.get("title") or slug)


def diff_brief(old: dict, new: dict) -> list[SectionDiff]:
    """The sections of a brief that differ between two brief.json objects, in page order."""
    sections = []
    for name, items_of, line_of, text_of, key_of in SECTIONS:
        changes = diff_items(items_of(old), items_of(new), line_of, text_of, key_of)
        if changes:
            sections.append(SectionDiff(name, tuple(changes)))
    return sections


def diff_items(
    old: Sequence[dict],
    new: Sequence[dict],
    line_of: Callable[[dict], str],
    text_of: Callable[[dict], str],
    key_of: Callable[[dict], str | None],
) -> list[ItemChange]:
    """Items added, removed and changed, old and new each shown by ``line_of``.

    Pairs are made, in this order, by: identical ``text_of``; same stable
    ``key_of`` (an id); same key or similar text, most alike first. An item
    left without a pair was added or removed.
    """
    pairs: list[tuple[int, int]] = []
    left, right = list(range(len(old))), list(range(len(new)))

    def pair_when(match: Callable[[dict, dict], bool]) -> None:
        for i in list(left):
            for j in right:
                if match(old[i], new[j]):
                    pairs.append((i, j))
                    left.remove(i)
                    right.remove(j)
                    break

    pair_when(lambda a, b: text_of(a) == text_of(b))
    pair_when(lambda a, b: key_of(a) is not None and key_of(a) == key_of(b) and _stable_key(key_of(a)))
    for _, earlier_old, earlier_new in sorted(_candidates(old, new, left, right, text_of, key_of), reverse=True):
        i, j = -earlier_old, -earlier_new
        if i in left and j in right:
            pairs.append((i, j))
            left.remove(i)
            right.remove(j)

    changes = [
        ItemChange(CHANGED, line_of(old[i]), line_of(new[j]))
        for i, j in sorted(pairs, key=lambda p: p[1])
        if line_of(old[i]) != line_of(new[j])
    ]
    changes += [ItemChange(REMOVED, line_of(old[i]), None) for i in left]
    changes += [ItemChange(ADDED, None, line_of(new[j])) for j in right]
    return changes


def _stable_key(key: str) -> bool:
    """An id that names the thing (a slug), not its position (k3, q2)."""
    return not re.fullmatch(r"[a-z]\d+", key)


def _candidates(old, new, left, right, text_of, key_of) -> Iterable[tuple[float, int, int]]:
    for i in left:
        for j in right:
            ratio = difflib.SequenceMatcher(None, text_of(old[i]), text_of(new[j]), autojunk=False).ratio()
            same_key = key_of(old[i]) is not None and key_of(old[i]) == key_of(new[j])
            if ratio >= SIMILAR or (same_key and ratio >= SIMILAR / 2):
                # -i, -j: among equals, earlier items pair first (deterministic)
                yield ratio + (0.5 if same_key else 0.0), -i, -j


def _sources_note(item: dict) -> str:
    sources = item.get("sources") or []
    return f" [{', '.join(map(str, sources))}]" if sources else ""


def _speaker_line(speaker: dict | None) -> str:
    if not speaker:
        return "unknown speaker"
    role = f" ({speaker['role']})" if speaker.get("role") else ""
    return f"{speaker.get('name')}{role}"


def _key_point_line(point: dict) -> str:
    return f"{point.get('text')}{_sources_note(point)}"


def _quote_line(quote: dict) -> str:
    partial = " (partial)" if quote.get("partial") else ""
    return f"“{quote.get('text')}”{partial} — {_speaker_line(quote.get('speaker'))}{_sources_note(quote)}"


def _source_line(source: dict) -> str:
    outlet = source.get("outlet") or "unknown outlet"
    derived = f" (rewrite of {source['derived_from']})" if source.get("derived_from") else ""
    return f"{source.get('id')}: {outlet} — {source.get('title')}{derived}"


def _event_line(event: dict) -> str:
    return f"{event.get('date')}: {event.get('text')}{_sources_note(event)}"


def _speakers(brief: dict) -> list[dict]:
    """The distinct speakers of a brief's quotes, in order of first quote."""
    seen: dict[str, dict] = {}
    for quote in brief.get("quotes") or []:
        speaker = quote.get("speaker")
        if speaker:
            seen.setdefault(str(speaker.get("id") or speaker.get("name")), speaker)
    return list(seen.values())


def _background(brief: dict) -> list[dict]:
    background = brief.get("background") or {}
    topic = [{"text": f"Topic: {background['topic']}", "id": "topic"}] if background.get("topic") else []
    return topic + list(background.get("items") or [])


def _text(item: dict) -> str:
    return str(item.get("text"))


def _id(item: dict) -> str | None:
    return item.get("id")


SECTIONS = (
    ("Key points", lambda b: b.get("key_points") or [], _key_point_line, _text, _id),
    ("Quotes", lambda b: b.get("quotes") or [], _quote_line, _text, _id),
    ("Speakers", _speakers, _speaker_line, lambda s: str(s.get("name")), _id),
    ("Sources", lambda b: b.get("sources") or [], _source_line, lambda s: str(s.get("id")), _id),
    ("Background", _background, _key_point_line, _text, _id),
    ("Timeline", lambda b: b.get("timeline") or [], _event_line, _event_line, lambda e: None),
)


# --------------------------------------------------------------------------
# review.md
# --------------------------------------------------------------------------

# Inside a list item only these start Markdown (or GitHub extras: $math$,
# @mentions, #refs); "<", ">" and "&" are HTML-escaped instead.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|~$@#!])")


def md_text(text: str) -> str:
    """Untrusted text as inert Markdown on one line: HTML escaped, Markdown punctuation backslashed."""
    text = html.escape(_squeeze(text), quote=False)
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
