"""The writer of every page: Pelican's, but a page whose fingerprint is cached is copied.

Pelican glue, like ``generator.py`` (which connects ``get_writer`` and adds
``RenderCachePruner`` to the generators); what a page's fingerprint is, and
the cache itself, are in ``briefing.incremental``, which knows no Pelican.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any, Iterator

from markupsafe import Markup
from pelican import signals
from pelican.utils import get_relative_path, path_to_url, sanitised_join
from pelican.writers import Writer

from . import incremental, renderpool
from .buildstate import CONTEXT_KEY
from .settings import with_defaults

logger = logging.getLogger(__name__)

OUTPUT_MANIFEST = "written.json"  # under the cache root: what the last build wrote, and where
COPY_RECORD = "copied.json"  # under the cache root: each page's cache key and its file's stat (CopyRecord)
#: characters of a page, as Jinja yields its pieces, joined and written together. Counted in
#: characters, not pieces: a timeline row is one ~700-character piece, and 4,096 of them per
#: write held ~9 MB at a time (a batch, the one before it and their join) at 1,000 sources.
RENDER_BATCH = 256 * 1024
#: pages rendered together on every core (``flush``): enough to pay for a fork and the memory
#: both processes then copy as they write to it (~0.1 CPU s a flush at 1,000 sources), few
#: enough that the pages' contexts held until then stay small (a copy of Pelican's, ~3 KB)
PAGES_PER_FLUSH = 256


@dataclass
class PendingPage:
    """A page to render at the next ``flush``: its context as Pelican's writer would make it."""

    name: str
    template: Any  # a Jinja template
    local: dict
    path: Path
    key: str  # in the render cache


class CachingWriter(Writer):
    """Pelican's writer, but a page whose fingerprint is in the render cache is copied, not rendered,
    and the pages to render are rendered on every core.

    Every page goes through here: Pelican's (briefs, index, pages, search,
    404) and ours. A page found in the cache (briefing.incremental) is written
    from its cached bytes, only if they differ from the file already there,
    and ``content_written`` is sent with the context rendering would have
    had, so the sitemap and the progress line see every page. Paginated
    listings (DEFAULT_PAGINATION) are left to Pelican.

    A page to render waits (``PendingPage``) until ``PAGES_PER_FLUSH`` do,
    or until something needs the pages written (``flush``: the sitemap, the
    pruner, a second write of a file), and then they are rendered on every
    core (``renderpool``: forked children take a share each). Its file is
    claimed at once, as Pelican's writer claims it, so a page written twice
    is found as it would be; ``content_written`` is sent after the flush, in
    the order the pages came.
    """

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self.render_cache = incremental.RenderCache.for_settings(settings)
        # pieces of site-wide pages (the timeline's rows per brief), beside the pages
        self.piece_cache = incremental.RenderCache.for_settings(settings, self.render_cache.inputs, "pieces")
        # what each page was made from, so that one still as it was is not compared again
        root = incremental.cache_root(settings or {})
        self.copies = incremental.CopyRecord(None if root is None else root / COPY_RECORD, Path(output_path))
        self.render_workers = with_defaults(settings or {})["BRIEFING_RENDER_WORKERS"]
        self.pending: list[PendingPage] = []

    def write_file(self, name, template, context, relative_urls=False, paginated=None,
                   template_name=None, override_output=False, url=None, **kwargs):
        if not name or self._paginates(template_name, paginated, kwargs):
            self.flush()  # Pelican's own writing comes after every page before it
            return super().write_file(name, template, context, relative_urls, paginated,
                                      template_name, override_output, url, **kwargs)
        key = self.render_cache.page_key(name, template.name, url, relative_urls, self._shows(context, kwargs))
        path = sanitised_join(self.output_path, name)
        if path in self._written_files:  # a second write: Pelican decides (override or error)
            self.flush()
            return super().write_file(name, template, context, relative_urls, paginated,
                                      template_name, override_output, url, **kwargs)
        self._written_files.add(path)  # what Pelican's ``_open_w`` does for a first write
        if override_output:
            self._overridden_files.add(path)
        cached = self.render_cache.find(key)
        if cached is None:
            local = self._local_context(context, name, relative_urls, kwargs)  # now: it changes ``context``
            self.pending.append(PendingPage(name, template, local, Path(path), key))
            if len(self.pending) >= PAGES_PER_FLUSH:
                self.flush()
            return
        self.copies.copy(name, key, cached, Path(path))
        signals.content_written.send(path, context=self._local_context(context, name, relative_urls, kwargs))

    def flush(self) -> None:
        """Render every pending page, on every core; then note each, in order, as rendering one
        at a time would have (the copy record, the log, ``content_written``)."""
        pages, self.pending = self.pending, []
        if not pages:
            return
        processes = renderpool.processes_for(self.render_workers, len(pages)) if _forking_is_safe() else 1
        renderpool.run_shared(pages, self._render, processes, *self._cache_state_exchange())
        for page in pages:
            self.copies.note(page.name, page.key, page.path)
            logger.info('Writing "%s"', page.path)
            signals.content_written.send(str(page.path), context=page.local)

    def _render(self, page: PendingPage) -> None:
        """What Pelican's writer does for a page that is not paginated, but the page is written
        as Jinja renders it, a batch of its pieces at a time, instead of joined into one string
        and encoded whole first: the timeline is ~40 MB at 5,000 sources, and held two or three
        times over it was the peak of a cold build's memory. Its copy goes to the render cache."""
        os.makedirs(page.path.parent, exist_ok=True)
        with open(page.path, "w", encoding="utf-8") as file:
            for batch in _batches(page.template.generate(page.local), RENDER_BATCH):
                file.write("".join(batch))
        self.render_cache.put_file(page.key, page.path)

    def _cache_state_exchange(self):
        """What a render child sends back of the caches it used, and how this process takes it in:
        the keys it used (``prune`` keeps only this build's) and the pieces it counted."""
        caches = (self.render_cache, self.piece_cache)
        before = [(cache.hits, cache.misses) for cache in caches]

        def child_state():
            return [(cache.used, cache.hits - hits, cache.misses - misses)
                    for cache, (hits, misses) in zip(caches, before)]

        def take_state(state):
            for cache, (used, hits, misses) in zip(caches, state):
                cache.used |= used
                cache.hits += hits
                cache.misses += misses
        return child_state, take_state

    def write_data(self, name: str, shows: str, make) -> None:
        """A file made by code, not a template (brief.json): ``make()``'s bytes, or the cached
        bytes of the last build whose file showed the same (``shows``: a ``PageData`` digest)."""
        key = self.render_cache.page_key(name, "", None, False, shows)
        path = sanitised_join(self.output_path, name)
        self._written_files.add(path)
        if self.copies.unchanged(name, key, Path(path)) and self.render_cache.find(key) is not None:
            self.copies.note(name, key, Path(path))  # (``find``: the entry is kept, not read)
            return
        data = self.render_cache.get(key)
        if data is None:
            data = make()
            self.render_cache.put(key, data)
        incremental.write_if_changed(Path(path), data)
        self.copies.note(name, key, Path(path))

    def by_brief(self, state, name: str, relative_urls: bool):
        """Jinja callable for the page ``name``: ``by_brief(items, macro)`` is ``macro(item)`` of each
        item (each with a ``brief`` slug), in order, the pieces of unchanged briefs from the cache."""
        data = self.page_data(state)

        def key_of(slug: str) -> str:
            return self.piece_cache.page_key(f"{name}#{slug}", "", None, relative_urls, data.brief_page(slug))

        def by_brief(items, render) -> Iterator[Markup]:
            pieces = incremental.pieces_by_group(items, lambda item: item.brief, render, self.piece_cache, key_of)
            # this build's own rendering, or its cached bytes; one at a time, not a second list of them all
            return (Markup(piece) for piece in pieces)
        return by_brief

    def written_names(self) -> list[str]:
        """Every file this build wrote (pages, feeds, brief.json), relative to the output folder."""
        # every path is sanitised_join(output_path, name): absolute and normalised already
        output = os.path.abspath(self.output_path) + os.sep
        return [PurePath(path[len(output):]).as_posix()
                for path in map(str, self._written_files) if path.startswith(output)]

    def page_data(self, state) -> "incremental.PageData":
        """The dependency map of this build's briefs (made once per build state)."""
        if getattr(self, "_page_data_of", None) is not state:
            self._page_data_of, self._page_data = state, incremental.PageData(state.results, state.site)
        return self._page_data

    def _paginates(self, template_name, paginated, kwargs) -> bool:
        """Whether Pelican's writer would cut this listing into several files (left to Pelican)."""
        listed = paginated or {k for k in kwargs if k in {"articles", "dates"}}
        templates = self.settings.get("PAGINATED_TEMPLATES", {})
        per_page = templates.get(template_name) or self.settings.get("DEFAULT_PAGINATION")
        return bool(listed) and template_name in templates and bool(per_page)

    def _shows(self, context, kwargs) -> str:
        """Digest of what the page shows (incremental.PageData), or of all the content without briefs."""
        state = context.get(CONTEXT_KEY)
        if state is None:  # no briefs read: key by all the content
            if getattr(self, "_all_content", None) is None:
                self._all_content = incremental.files_digest(Path(self.settings["PATH"]))
            return self._all_content
        return self.page_data(state).of_page({**context, **kwargs})

    @staticmethod
    def _local_context(context, name, relative_urls, kwargs) -> dict:
        """The context Pelican's writer would render ``name`` with (and its one side effect)."""
        local = context.copy()
        local["localsiteurl"] = local.get("localsiteurl", None)
        if relative_urls:
            local["SITEURL"] = local["localsiteurl"] = path_to_url(get_relative_path(name))
            context["localsiteurl"] = local["localsiteurl"]
        local["output_file"] = name
        local.update(kwargs)
        return local


def _batches(pieces: Iterator[str], size: int) -> Iterator[list[str]]:
    """``pieces`` in lists of at least ``size`` characters (the last may hold fewer): a write
    per piece of a page (a word, a tag) costs more, and a whole page at once holds it all."""
    batch: list[str] = []
    held = 0
    for piece in pieces:
        batch.append(piece)
        held += len(piece)
        if held >= size:
            yield batch
            batch, held = [], 0
    if batch:
        yield batch


class RenderCachePruner:
    """Runs after every page generator (last in ``get_generators``, before Pelican's static files):
    the cache keeps this build's pages only, the record of what made each page is stored for the
    next build (``incremental.CopyRecord``), and the output folder loses the pages this build no
    longer writes (``incremental.sweep_stale_output``)."""

    def __init__(self, settings=None, output_path=None, **_pelican_kwargs):
        self.settings = settings or {}
        self.output_path = output_path

    def generate_output(self, writer) -> None:
        if isinstance(writer, CachingWriter):
            writer.flush()  # (the sitemap has flushed already; a page written since would be here)
        cache = getattr(writer, "render_cache", None)
        if cache is not None:
            logger.info("briefing: %d page(s) rendered, %d reused from the render cache", cache.misses, cache.hits)
            cache.prune()
        pieces = getattr(writer, "piece_cache", None)
        if pieces is not None and pieces.used:
            logger.info("briefing: pieces of site-wide pages: %d brief(s) rendered, %d reused",
                        pieces.misses, pieces.hits)
            # only when a page asked for its pieces: a timeline copied whole from the
            # page cache asks for none, and pruning then would drop every one of them
            pieces.prune()
        if isinstance(writer, CachingWriter):
            writer.copies.store()  # every page is written by now (feeds and static files are not pages)
        root = incremental.cache_root(self.settings)
        if root is not None and isinstance(writer, CachingWriter) and self.output_path:
            for name in incremental.sweep_stale_output(Path(self.output_path), root / OUTPUT_MANIFEST,
                                                       writer.written_names()):
                logger.info("briefing: %s is no longer written by the build: deleted", name)


def get_writer(pelican):
    """``get_writer``: the writer that reuses pages from the render cache."""
    return CachingWriter


def _forking_is_safe() -> bool:
    """Whether a render child's warnings are only warnings: with Pelican's ``--fatal`` a warning
    raises where it is logged, and the build must stop at the first, in this process, as a build
    in one process stops. (``invoke build --strict`` collects warnings with a handler instead,
    which sees a child's records when this process logs them: it renders on every core.)"""
    fatal_level = getattr(type(logging.getLogger()), "fatal_lvl", logging.CRITICAL + 1)
    return fatal_level > logging.CRITICAL
