"""A link checker for a built site folder (tests/test_links.py runs it on the real site,
``briefing.commands.build`` on every build).

``broken_links(root)`` reads every HTML page under ``root`` and returns one
line per problem, ``page → link: why``:

- an internal link (``href``, ``src``, ``cite`` of blockquote/q) must name a
  file under ``root`` (a folder is not enough: opened from file:// it shows
  no index.html), by a relative path (a "/..." path breaks under file:// and
  under a sub-path);
- a publish build (``broken_links(root, siteurl=SITEURL, clean_urls=True)``)
  links absolutely: a URL under ``siteurl`` is internal and is checked as the
  file it names under ``root``, and with ``clean_urls`` a folder URL
  (``briefs/x/``) is fine when the folder has an ``index.html``, as a web
  server serves it;
- a ``#fragment`` must be the id of an element of the target page (or of the
  same page for a bare ``#fragment``);
- an external link (any URL with a scheme or host) may only be the
  ``a.external`` link of a source's "Original" line (``<dt>Original</dt><dd>``).

Cost: each page is read once, by a stdlib ``HTMLParser`` that keeps only what
the rules need (``PageLinks``: the links in document order, each marked if it
is an Original line's link, and the ids), building the element tree exactly
as Beautiful Soup's ``html.parser`` tree builder does (void elements, an end
tag closing up to the nearest open element of its name, strays ignored), at a
tenth of the cost of a soup. With ``summaries`` (a JSON file in the cache
folder), a page's ``PageLinks`` is stored under the sha256 of its bytes, so a
rebuild parses only the pages whose bytes changed; every link is then checked
again from the summaries (cheap: targets' existence and resolution are looked
up once per run), so the answer is always that of a fresh check.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Callable
from urllib.parse import unquote, urlsplit

import bs4
from bs4.builder import HTMLTreeBuilder

from .incremental import write_if_changed

LINK_ATTRIBUTES = ("href", "src")
CITE_ELEMENTS = ("blockquote", "q")
#: Beautiful Soup's own lists, so the tree is built as its html.parser builder builds it
CLASS_NAMES = re.compile(r"\S+")  # how Beautiful Soup splits a class attribute
VOID_ELEMENTS = frozenset(HTMLTreeBuilder.DEFAULT_EMPTY_ELEMENT_TAGS)
#: strings inside these are not text to ``get_text`` (scripts, styles, ruby annotations)
NON_TEXT_ELEMENTS = frozenset(HTMLTreeBuilder.DEFAULT_STRING_CONTAINERS)
#: bump when what a stored summary means changes; the parser's versions are part of it too
SUMMARY_VERSION = f"1;beautifulsoup4=={bs4.__version__};python {sys.version_info[0]}.{sys.version_info[1]}"


@dataclass(frozen=True)
class PageLinks:
    """What the checker needs of one page."""

    links: tuple[tuple[str, bool], ...]  # (URL, is the a.external of an Original line), in document order
    ids: frozenset[str]


# ==========================================================================
# reading a page
# ==========================================================================


class _Element:
    __slots__ = ("name", "parent", "text", "last_listing", "after_original")

    def __init__(self, name: str, parent: "_Element | None"):
        self.name = name
        self.parent = parent
        self.text: list[str] | None = [] if name == "dt" else None  # only a dt's text is ever asked
        self.last_listing: _Element | None = None  # the last dt or dd child so far
        self.after_original = False  # a dd whose previous dt/dd sibling is <dt>Original</dt>


class _LinkCollector(HTMLParser):
    """Collects a page's ``PageLinks`` while keeping Beautiful Soup's element stack."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = [_Element("[document]", None)]
        self.data: list[str] = []
        self.links: list[tuple[str, bool]] = []
        self.ids: set[str] = set()
        self.closed_voids: list[str] = []  # void elements closed at their start tag; their end tag is ignored

    # -- text: a string ends where Beautiful Soup's endData() ends one --
    def handle_data(self, data: str) -> None:
        self.data.append(data)

    def end_string(self, is_text: bool = True, is_cdata: bool = False) -> None:
        """The string collected so far is complete: add it to the text of the open dt elements."""
        if not self.data:
            return
        string, self.data = "".join(self.data).strip(), []
        inside_non_text = not is_cdata and any(e.name in NON_TEXT_ELEMENTS for e in self.stack)
        if not string or not is_text or inside_non_text:
            return
        for element in self.stack:
            if element.text is not None:
                element.text.append(string)

    def handle_comment(self, data: str) -> None:
        self.not_text(data)

    def handle_decl(self, decl: str) -> None:
        self.not_text(decl)

    def handle_pi(self, data: str) -> None:
        self.not_text(data)

    def unknown_decl(self, data: str) -> None:
        if data.upper().startswith("CDATA["):  # CData is text to get_text
            self.end_string()
            self.data.append(data[len("CDATA["):])
            self.end_string(is_cdata=True)
        else:
            self.not_text(data)

    def not_text(self, data: str) -> None:
        self.end_string()
        self.data.append(data)
        self.end_string(is_text=False)

    # -- elements --
    def handle_starttag(self, tag: str, attrs, closes_void: bool = True) -> None:
        self.end_string()
        values = {name: "" if value is None else value for name, value in attrs}  # the last duplicate wins
        parent = self.stack[-1]
        element = _Element(tag, parent)
        if tag in ("dt", "dd"):
            before, parent.last_listing = parent.last_listing, element
            element.after_original = (
                tag == "dd" and before is not None and before.name == "dt" and "".join(before.text) == "Original"
            )
        self.stack.append(element)
        if "id" in values:
            self.ids.add(values["id"])
        original = tag == "a" and parent.after_original and "external" in CLASS_NAMES.findall(values.get("class", ""))
        for attribute in LINK_ATTRIBUTES:
            if attribute in values:
                self.links.append((values[attribute], original))
        if tag in CITE_ELEMENTS and "cite" in values:
            self.links.append((values["cite"], original))
        if closes_void and tag in VOID_ELEMENTS:
            self.pop_to(tag)
            self.closed_voids.append(tag)

    def handle_startendtag(self, tag: str, attrs) -> None:
        self.handle_starttag(tag, attrs, closes_void=False)
        self.pop_to(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.closed_voids:
            self.closed_voids.remove(tag)
        else:
            self.pop_to(tag)

    def pop_to(self, tag: str) -> None:
        """Pop up to and including the nearest open ``tag``; nothing if none is open."""
        self.end_string()
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].name == tag:
                del self.stack[depth:]
                return


def page_links(html: str) -> PageLinks:
    """The links and ids of one page's HTML."""
    collector = _LinkCollector()
    collector.feed(html)
    collector.close()  # HTMLParser's: what is left in its buffer
    collector.end_string()
    return PageLinks(tuple(collector.links), frozenset(collector.ids))


def read_page(path: Path) -> PageLinks:
    return page_links(decoded(path.read_bytes()))


def decoded(data: bytes) -> str:
    """A page's bytes as ``Path.read_text(encoding="utf-8")`` gives them (universal newlines)."""
    return data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


# ==========================================================================
# the rules
# ==========================================================================


def site_path(url: str, siteurl: str) -> str | None:
    """The path of ``url`` inside the site when it is under ``siteurl`` (``""`` for its root), else None."""
    if not siteurl:
        return None
    base, target = urlsplit(siteurl.rstrip("/") + "/"), urlsplit(url.strip())
    if (target.scheme, target.netloc.lower()) != (base.scheme, base.netloc.lower()):
        return None
    if not (target.path + "/").startswith(base.path):
        return None
    return target.path[len(base.path):]


class SiteFiles:
    """The site folder as the rules ask about it, each question answered once per check."""

    def __init__(self, root: Path, ids_of: Callable[[Path], frozenset[str]]):
        self.root = root
        self.resolved_root = root.resolve()
        self._ids_of = ids_of
        # keyed by str: hashing a Path costs more than the lookup saves
        self._resolved: dict[tuple[str, str], Path] = {}
        self._is_file: dict[str, bool] = {}
        self._is_dir: dict[str, bool] = {}
        self._ids: dict[str, frozenset[str]] = {}

    def resolve(self, folder: Path, path: str) -> Path:
        key = (str(folder), path)
        if key not in self._resolved:
            self._resolved[key] = (folder / path).resolve()
        return self._resolved[key]

    def is_file(self, path: Path) -> bool:
        key = str(path)
        if key not in self._is_file:
            self._is_file[key] = path.is_file()
        return self._is_file[key]

    def is_dir(self, path: Path) -> bool:
        key = str(path)
        if key not in self._is_dir:
            self._is_dir[key] = path.is_dir()
        return self._is_dir[key]

    def ids(self, page: Path) -> frozenset[str]:
        key = str(page)
        if key not in self._ids:
            self._ids[key] = self._ids_of(page)
        return self._ids[key]


def problem(
    site: SiteFiles, page: Path, original: bool, url: str, siteurl: str = "", clean_urls: bool = False
) -> str | None:
    """Why ``url`` on ``page`` is broken, or None if it resolves.

    ``original``: the link is the ``a.external`` of a source's Original line;
    ``siteurl``: links under it are internal (a publish build's absolute
    links); ``clean_urls``: a folder with an index.html is a page.
    """
    root = site.root
    parts = urlsplit(url.strip())
    inside = site_path(url, siteurl)
    if inside is not None:  # an absolute link into this site: check it as a path from the root
        parts = parts._replace(scheme="", netloc="", path=inside)
        page = root / "index.html"
        if not inside:
            parts = parts._replace(path="./")
    if parts.scheme or parts.netloc:
        return None if original else "external link outside a source's Original line"
    if parts.path.startswith("/"):
        return "root-relative path (breaks from file:// and under a sub-path)"
    if parts.path:
        target = site.resolve(page.parent, unquote(parts.path))
        if not target.is_relative_to(site.resolved_root):
            return "points outside the site"
        if clean_urls and site.is_dir(target) and site.is_file(target / "index.html"):
            target = target / "index.html"
        if not site.is_file(target):
            return "no such file" if not site.is_dir(target) else "a folder, not a file"
    elif not parts.fragment:
        return "empty link"
    else:
        target = site.resolve(page.parent, page.name)
    if parts.fragment:
        if target.suffix != ".html":
            return "fragment on a file that is not a page"
        if unquote(parts.fragment) not in site.ids(target):
            return f"no element with id {unquote(parts.fragment)!r} on {target.relative_to(site.resolved_root)}"
    return None


# ==========================================================================
# the check
# ==========================================================================


def broken_links(root: Path, siteurl: str = "", clean_urls: bool = False, summaries: Path | None = None) -> list[str]:
    """``page → link: why`` for every broken link of every page under ``root``, sorted.

    A development build (relative links ending in index.html) needs no more;
    a publish build passes its ``SITEURL`` and ``clean_urls=True``.
    ``summaries``: a JSON file keeping each page's links and ids by the
    digest of its bytes between checks (None: read every page).
    """
    root = Path(root)
    pages = read_pages(sorted(root.rglob("*.html")), summaries)
    by_resolved = {page.resolve(): links for page, links in pages.items()}

    def ids_of(target: Path) -> frozenset[str]:  # a page outside the listing (a symlink): read it
        found = by_resolved.get(target)
        return found.ids if found is not None else read_page(target).ids

    site = SiteFiles(root, ids_of)
    answers: dict[tuple, str | None] = {}  # a site links to the same few targets from many pages
    broken = []
    for page, links in pages.items():
        folder = str(page.parent)
        for url, original in links.links:
            # the answer depends on the page only through its folder, and its name for a bare "#x" or "?q"
            key = (folder, "" if urlsplit(url.strip()).path else page.name, url, original)
            if key not in answers:
                answers[key] = problem(site, page, original, url, siteurl, clean_urls)
            why = answers[key]
            if why:
                broken.append(f"{page.relative_to(root)} → {url}: {why}")
    return broken


def read_pages(paths: list[Path], summaries: Path | None) -> dict[Path, PageLinks]:
    """Every page's ``PageLinks`` in the order of ``paths``: from ``summaries`` when its bytes are known there."""
    if summaries is None:
        return {path: read_page(path) for path in paths}
    stored = load_summaries(summaries)
    kept: dict[str, PageLinks] = {}
    pages = {}
    for path in paths:
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        if digest not in kept:
            kept[digest] = stored.get(digest) or page_links(decoded(data))
        pages[path] = kept[digest]
    store_summaries(summaries, kept)  # only this site's pages: the file does not grow with every edit
    return pages


def load_summaries(path: Path) -> dict[str, PageLinks]:
    """The stored summaries by digest; nothing if the file is missing, damaged or of another version."""
    try:
        stored = json.loads(Path(path).read_text(encoding="utf-8"))
        if stored.get("version") != SUMMARY_VERSION:
            return {}
        return {
            digest: PageLinks(tuple((str(url), bool(original)) for url, original in entry["links"]),
                              frozenset(str(i) for i in entry["ids"]))
            for digest, entry in stored["pages"].items()
        }
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}


def store_summaries(path: Path, pages: dict[str, PageLinks]) -> None:
    entries = {
        digest: {"links": [list(link) for link in links.links], "ids": sorted(links.ids)}
        for digest, links in pages.items()
    }
    data = json.dumps({"version": SUMMARY_VERSION, "pages": entries}, sort_keys=True, ensure_ascii=False)
    write_if_changed(Path(path), data.encode("utf-8"))
