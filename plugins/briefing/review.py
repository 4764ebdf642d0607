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

``briefing.reviewreport`` writes a ``Review`` out as review.md and index.html.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence

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
        lines.append(f"Title: {squeeze(soup.title.string)}")
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
    text = squeeze("".join(current))
    if text:
        lines.append(text)
    current.clear()


def squeeze(text: str) -> str:
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
