"""sitemap.xml at the site root: every HTML page the build wrote, sorted.

One class, ``Sitemap``, in the manner of pelican-plugins' sitemap generator,
with two hooks (connected by ``generator.register``):

``content_written`` (``Sitemap.page_written``)
    Pelican sends it for every page its writer renders: Pelican's own (index,
    briefs, pages, search) and the plugin's (sources, entities, outlets,
    timeline). brief.json, the feed and Pagefind's files are not rendered
    pages, so they never reach it. Each page is noted in the build's list.

``get_generators`` (``Sitemap`` is returned after the plugin's own generator)
    Pelican builds one ``Sitemap`` per run, before anything is read, and calls
    its ``generate_output`` after every page generator's: it writes the list.
    Pelican only needs the constructor's keywords and that method, so the class
    does not subclass Pelican's Generator (nothing here imports Pelican).

State: the list lives in the build's ``context`` (key ``"briefing_sitemap"``),
which Pelican creates afresh for every run; the writer copies that dict for
each page, but the list in it is the same object, which is how the signal
handler reaches it. Nothing is kept at module level, so ``invoke livereload``
never lists a previous build's pages.

Locations: with an absolute SITEURL (publish.conf.py) each ``<loc>`` is the
page's absolute URL in the form the site links to it. A relative build has no
URL to give and does not invent one: its ``<loc>`` is the page's path from the
site root ("briefs/x/index.html"), as the sitemap file is at that root. Search
engines read only a published sitemap; the development one is for reviewing
what a build contains.

``<lastmod>`` comes only from content dates (a brief's or page's ``Modified``
or ``Date``; a source page takes its brief's), never from file times, so the
same content gives the same bytes. Pages without a content date have none.
Drafts, hidden content and the 404 page are written but not listed.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any, Mapping
from xml.sax.saxutils import escape

from .jsonld import page_path, site_base
from .settings import with_defaults
from .templating import machine_date, site_link

logger = logging.getLogger(__name__)

CONTEXT_KEY = "briefing_sitemap"
FILE_NAME = "sitemap.xml"

XMLNS = "http://www.sitemaps.org/schemas/sitemap/0.9"

# Direct templates that are not content: the error page a host serves for any
# missing URL (it also says noindex) has no place among the pages to index.
# Pelican does not pass the template's name to content_written, so they are
# known by their output file, <NAME>_SAVE_AS or Pelican's default <name>.html.
UNLISTED_TEMPLATES = ("404",)


class Sitemap:
    """Collects the pages a build writes (``page_written``) and writes sitemap.xml."""

    def __init__(self, context: dict, settings: Mapping[str, Any], output_path: str, **_pelican_kwargs):
        # made before any page is written: a fresh list for this build
        context[CONTEXT_KEY] = {}
        self.context = context
        self.settings = settings
        self.output_path = output_path

    @staticmethod
    def page_written(path: str, context: Mapping[str, Any]) -> None:
        """``content_written``: note the page (its site path and content date)."""
        pages = context.get(CONTEXT_KEY)
        output_file = context.get("output_file")
        if pages is None or not output_file or not output_file.endswith(".html"):
            return
        if _unlisted(context):
            return
        pages[page_path(output_file)] = lastmod(context)

    def generate_output(self, writer) -> None:
        # a writer that renders pages in batches (briefing.writer.CachingWriter) sends
        # content_written for them when it flushes: every page so far must be in the list
        flush = getattr(writer, "flush", None)
        if flush is not None:
            flush()
        pages = self.context.get(CONTEXT_KEY, {})
        conf = with_defaults(self.settings)
        base = site_base(self.settings)
        xml = render(pages, base, conf["BRIEFING_LINK_INDEX_HTML"])
        path = Path(self.output_path) / FILE_NAME
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(xml)
        logger.info('Writing "%s"', os.fspath(path))


def location(path: str, base: str | None, index_html: bool) -> str:
    """``<loc>`` of a site path: the absolute URL, or the path from the site root."""
    if base is not None:
        return site_link(base, path, index_html)
    return site_link("", path, True).lstrip("/")  # a file path: folders need their index.html


def render(pages: Mapping[str, str | None], base: str | None, index_html: bool) -> str:
    """The sitemap XML of ``pages`` (site path → lastmod or None), sorted by location."""
    entries = sorted((location(path, base, index_html), mod) for path, mod in pages.items())
    return "".join(
        [
            '<?xml version="1.0" encoding="utf-8"?>\n',
            f'<urlset xmlns="{XMLNS}">\n',
            *(_url(loc, mod) for loc, mod in entries),
            "</urlset>\n",
        ]
    )


def _url(loc: str, mod: str | None) -> str:
    lastmod_xml = f"<lastmod>{escape(mod)}</lastmod>" if mod else ""
    return f"  <url><loc>{escape(loc)}</loc>{lastmod_xml}</url>\n"


def lastmod(context: Mapping[str, Any]) -> str | None:
    """The content date of the page rendered with ``context`` ("YYYY-MM-DD"), if it has one."""
    content = context.get("article") or context.get("page")
    if content is not None:
        when = getattr(content, "modified", None) or getattr(content, "date", None)
        return when.date().isoformat() if hasattr(when, "date") else None
    view = context.get("briefing")  # a source page: its brief's date
    brief = getattr(view, "brief", None)
    return machine_date(getattr(brief, "date", None))


def _unlisted(context: Mapping[str, Any]) -> bool:
    """Drafts, hidden content and error pages: written, but not for search engines."""
    output_file = context.get("output_file")
    if any(output_file == context.get(f"{t.upper()}_SAVE_AS", f"{t}.html") for t in UNLISTED_TEMPLATES):
        return True
    content = context.get("article") or context.get("page")
    return getattr(content, "status", "published") != "published"

