"""A link checker for a built site folder (tests/test_links.py runs it on the real site,
``briefing.commands.build`` on every build).

``broken_links(root)`` reads every HTML page under ``root`` with Beautiful
Soup and returns one line per problem, ``page → link: why``:

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
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup, Tag

LINK_ATTRIBUTES = ("href", "src")
CITE_ELEMENTS = ("blockquote", "q")


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@lru_cache(maxsize=None)
def _ids(path: Path) -> frozenset[str]:
    return frozenset(el["id"] for el in _soup(path).find_all(id=True))


def links_of(soup: BeautifulSoup) -> list[tuple[Tag, str]]:
    """Every (element, URL) of a page that the checker follows, in document order."""
    found = []
    for element in soup.find_all(True):
        for attribute in LINK_ATTRIBUTES:
            if element.has_attr(attribute):
                found.append((element, element[attribute]))
        if element.name in CITE_ELEMENTS and element.has_attr("cite"):
            found.append((element, element["cite"]))
    return found


def is_original_line(element: Tag) -> bool:
    """``element`` is the link in the dd after a ``<dt>Original</dt>``."""
    if element.name != "a" or "external" not in element.get("class", []):
        return False
    dd = element.parent
    if dd is None or dd.name != "dd":
        return False
    dt = dd.find_previous_sibling(["dt", "dd"])
    return dt is not None and dt.name == "dt" and dt.get_text(strip=True) == "Original"


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


def problem(
    root: Path, page: Path, element: Tag, url: str, siteurl: str = "", clean_urls: bool = False
) -> str | None:
    """Why ``url`` on ``page`` is broken, or None if it resolves.

    ``siteurl``: links under it are internal (a publish build's absolute
    links); ``clean_urls``: a folder with an index.html is a page.
    """
    parts = urlsplit(url.strip())
    inside = site_path(url, siteurl)
    if inside is not None:  # an absolute link into this site: check it as a path from the root
        parts = parts._replace(scheme="", netloc="", path=inside)
        page = root / "index.html"
        if not inside:
            parts = parts._replace(path="./")
    if parts.scheme or parts.netloc:
        return None if is_original_line(element) else "external link outside a source's Original line"
    if parts.path.startswith("/"):
        return "root-relative path (breaks from file:// and under a sub-path)"
    if parts.path:
        target = (page.parent / unquote(parts.path)).resolve()
        if not target.is_relative_to(root.resolve()):
            return "points outside the site"
        if clean_urls and target.is_dir() and (target / "index.html").is_file():
            target = target / "index.html"
        if not target.is_file():
            return "no such file" if not target.is_dir() else "a folder, not a file"
    elif not parts.fragment:
        return "empty link"
    else:
        target = page.resolve()
    if parts.fragment:
        if target.suffix != ".html":
            return "fragment on a file that is not a page"
        if unquote(parts.fragment) not in _ids(target):
            return f"no element with id {unquote(parts.fragment)!r} on {target.relative_to(root.resolve())}"
    return None


def broken_links(root: Path, siteurl: str = "", clean_urls: bool = False) -> list[str]:
    """``page → link: why`` for every broken link of every page under ``root``, sorted.

    A development build (relative links ending in index.html) needs no more;
    a publish build passes its ``SITEURL`` and ``clean_urls=True``.
    """
    root = Path(root)
    _ids.cache_clear()
    broken = []
    for page in sorted(root.rglob("*.html")):
        for element, url in links_of(_soup(page)):
            why = problem(root, page, element, url, siteurl, clean_urls)
            if why:
                broken.append(f"{page.relative_to(root)} → {url}: {why}")
    return broken
