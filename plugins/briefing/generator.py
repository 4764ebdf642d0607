"""The Pelican side of the plugin: signals, one generator, writing.

Everything Pelican-specific lives here (and the tiny ``register()`` in
``__init__.py``); the pipeline itself (``pipeline.py``, ``link.py`` and the
parse/assemble stages) never imports Pelican, and neither do the Jinja
helpers (``templating.py``) or what templates get (``views.py``), which this
module only installs and hands to Pelican.

How a build goes, and why each hook is the one used:

``initialized``
    Runs once per Pelican object, before anything is read. Used to check the
    configuration (if the sources folder is not in ``IGNORE_FILES``, Pelican
    would read ``sources/*.md`` as articles of their own), and to take the
    ``search`` page out of ``DIRECT_TEMPLATES`` when ``BRIEFING_SEARCH`` is off,
    so one setting turns search off (``search.drop_search_page``).

``generator_init``
    Sent by every generator (articles, pages, ours) once its Jinja environment
    exists. Used to install the ``link`` filter and the other template helpers
    (``templating.install``) in *every* environment, because the brief page is
    rendered by Pelican's ArticlesGenerator and the index and pages by
    Pelican's other writers, not by ours; and to switch autoescaping on, since
    article text is untrusted.

``article_generator_finalized``
    Sent once Pelican has read every brief.md as an Article (and before
    anything is written). This is where each brief's folder is run through the
    pipeline, the assembled brief and its ``views.BriefPage`` are attached to
    its Article, the Article's template is set to ``brief``, and all briefs are
    linked (step 4). Problems are logged here, every one of them, and only
    then does strict mode fail. Drafts are left out of the pipeline (they are
    previews at drafts/<slug>/, linked from nowhere) but get a category, which
    Pelican's drafts writer needs (``give_drafts_a_category``).

``get_generators``
    Adds ``BriefingGenerator``, which writes what is not an Article: brief.json
    beside each brief, source pages, people/places/organisations/outlets pages
    and the site timeline. It runs after Pelican's own article generator; the
    sitemap (``sitemap.Sitemap``) is returned after it, so it writes last.

``content_written``, ``feed_generated``, ``finalized``
    Every written page is noted for the sitemap; the development build's feed
    gets links relative to the feed file (``feeds``); once everything is
    written, Pagefind indexes the site (``search``) and the theme's assets get
    their hashed names and ``.nojekyll`` is written (``assets``). The objects
    frozen while the briefs were attached stay frozen (``long_lived_objects``
    says why): the next build in the process thaws and collects them.

State: the results of a build are kept in the build's ``context`` dict (key
``"briefing"``), which Pelican creates afresh for every run. Nothing is kept
at module level, so ``invoke livereload`` and ``pelican --autoreload``, which
reuse the process, never see a previous build's briefs.
"""

from __future__ import annotations

import fnmatch
import gc
import logging
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from markupsafe import escape
from pelican import signals
from pelican.generators import Generator
from pelican.urlwrappers import Category

from . import assets, feeds, incremental, jsonld, parsecache, search, sitemap, templating, writer
from .briefmeta import BRIEF_FILE, CHECKED_FIELD, checked_flag, line_of
from .buildstate import CONTEXT_KEY, BuildState
from .link import link_site, source_url
from .model import Brief, BriefMeta, ParsedSource, SourceError
from .pipeline import (
    BriefResult,
    BriefSpec,
    Problem,
    build_briefs,
    find_brief_folders,
    load_registry_file,
)
from .serialize import dumps
from .settings import with_defaults
from .views import BriefPage
from .writer import CachingWriter

logger = logging.getLogger(__name__)

#: template of each entity kind's page
KIND_TEMPLATES = {"person": "person", "place": "place", "organisation": "organisation"}


class BriefingError(Exception):
    """Raised in strict mode (``BRIEFING_STRICT``) once every problem is logged."""


#: sent once per brief read, as soon as it is (from the cache here, or parsed and
#: assembled by a pool worker; so not in any set order), with ``sources=`` how many
#: of its sources could be read: the hook of the build command's progress line
#: (briefing.commands.build), which so moves while the sources are parsed.
#: A blinker signal, made by Pelican's own signals module (no blinker import here).
brief_read = signals.signal("briefing-brief-read")


# ==========================================================================
# signal handlers
# ==========================================================================


def check_settings(pelican) -> None:
    """``initialized``: warn when Pelican would read the sources as articles."""
    conf = with_defaults(pelican.settings)
    name = conf["BRIEFING_SOURCES_DIR"]
    if not any(fnmatch.fnmatch(name, pattern) for pattern in pelican.settings.get("IGNORE_FILES", [])):
        logger.warning(
            "briefing: %r is not in IGNORE_FILES, so Pelican will read the sources as "
            "articles; add it to IGNORE_FILES in your settings",
            name,
        )


def install_template_helpers(generator) -> None:
    """``generator_init``: link filter and helpers in every Jinja environment; autoescape on."""
    templating.install(generator.env)
    jsonld.install(generator.env)  # canonical URL and JSON-LD of each page's <head>
    templating.keep_compiled_templates(generator.env, incremental.cache_root(generator.settings))


def _iso(value) -> str | None:
    return value.date().isoformat() if hasattr(value, "date") and callable(value.date) else None


def _plain(text) -> str | None:
    """Pelican renders ``Summary`` as HTML (FORMATTED_FIELDS); the brief wants plain text."""
    if not text:
        return None
    text = str(text)
    if "<" in text or "&" in text:  # markup or an entity (else the text is plain already)
        # imported here: bs4 takes 0.05 s to import, and most titles and summaries need none
        from bs4 import BeautifulSoup

        text = BeautifulSoup(text, "html.parser").get_text(" ")
    return " ".join(text.split()) or None


def meta_of(article) -> BriefMeta:
    """BriefMeta from the Article Pelican read from brief.md."""
    metadata = article.metadata
    return BriefMeta(
        slug=article.slug,
        title=_plain(article.title) or article.slug,
        date=_iso(getattr(article, "date", None)),
        summary=_plain(metadata.get("summary")),
        background_topic=(str(metadata["background"]).strip() or None) if metadata.get("background") else None,
        tags=tuple(sorted(str(t) for t in getattr(article, "tags", ()) or ())),
    )


def attach_briefs(article_generator) -> None:
    """``article_generator_finalized``: run the pipeline for every brief, link the site.

    Logs every problem found (a warning naming the file and line; an error in
    strict mode) and then, in strict mode, fails the build.
    """
    with long_lived_objects():
        _attach_briefs(article_generator)


@contextmanager
def long_lived_objects() -> Iterator[None]:
    """Python's cyclic garbage collector paused while the briefs are loaded and linked, and every
    object there is then frozen (``gc.freeze``) for the rest of the build, and after it.

    The briefs, their views and the site index are hundreds of thousands of
    objects that live until the build ends and make no garbage cycles; each
    full collection scanned them all again, for nothing. On a rebuild with
    nothing changed at 1,000 sources, collections took ~0.8 s, and the build's
    CPU after its imports fell from ~3.4 to ~2.8 s (three runs each, a noisy
    machine) with them frozen.

    They stay frozen when the build ends (``finalized``), because most builds
    end their process (``pelican``, ``invoke build``, each rebuild of ``invoke
    livereload``), and Python's last collection at exit skips frozen objects:
    thawed, they were collected there for nothing, 1.4 s of a 6 s rebuild with
    nothing changed at 5,000 sources. A process that builds again
    (``pelican --autoreload``, tests) has them thawed and collected here, at
    the start of its next build, before that build loads its own.
    """
    release_long_lived()  # the last build's objects, or those of one that failed before its end
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def release_long_lived() -> None:
    """The objects a build froze given back to the collector, and the garbage among them collected."""
    if gc.get_freeze_count():
        gc.unfreeze()
        gc.collect()


def _attach_briefs(article_generator) -> None:
    settings = article_generator.settings
    conf = with_defaults(settings)
    content = Path(article_generator.path)
    briefs_root = content / conf["BRIEFING_BRIEFS_DIR"]

    folders, problems = find_brief_folders(briefs_root, settings)
    registry, registry_problems = load_registry_file(content / conf["BRIEFING_ENTITIES_FILE"])
    problems.extend(registry_problems)

    articles = {}
    for article in _brief_articles(article_generator, briefs_root):
        articles[Path(article.source_path).parent.resolve()] = article
    drafts = {
        Path(a.source_path).parent.resolve()
        for a in getattr(article_generator, "drafts", [])
        if _in_briefs(a, briefs_root)
    }

    briefs = []  # (folder, its Article, its metadata)
    for folder in folders:
        article = articles.get(folder.resolve())
        if article is None:
            if folder.resolve() not in drafts:
                problems.append(
                    Problem(str(folder / BRIEF_FILE), "could not be read as a brief (see the message above); "
                            "it needs Title: and Date: lines")
                )
            continue
        briefs.append((folder, article, meta_of(article)))

    # Every brief is built from the cache, or parsed and assembled on every
    # core; the progress line hears of each brief as it is ready.
    specs = [BriefSpec(str(folder), meta, conf, registry) for folder, _, meta in briefs]
    cache = result_cache(settings)
    # Each result's parsed sources are let go of as soon as it is checked, and
    # loaded again for their own pages only (parsecache.SourceShelf): held all
    # build long, they were most of its memory. A brief nothing changed in
    # comes from the cache without them (its parses are not even loaded).
    shelf = parsecache.SourceShelf(cache) if cache else None
    brief_md = {meta.slug: article for _, article, meta in briefs}
    checked: dict[str, list[Problem]] = {}

    def keep(result: BriefResult) -> None:
        """Each result as it is ready, before its parses are shelved (or after: from the cache)."""
        _announce(result)
        checked[result.meta.slug] = checked_brief_problems(brief_md[result.meta.slug], result,
                                                           _parse_of(result, shelf))

    built = build_briefs(specs, cache, workers=conf["BRIEFING_PARSE_WORKERS"], on_built=keep, shelf=shelf)

    results: dict[str, BriefResult] = {}
    pages: dict[str, Any] = {}
    for (_, article, _), result in zip(briefs, built):
        problems.extend(result.problems)
        problems.extend(checked[article.slug])
        results[article.slug] = result
        pages[article.slug] = article

    site = link_site([r.brief for r in results.values()])
    views: dict[str, BriefPage] = {}
    for slug, article in sorted(pages.items()):
        views[slug] = BriefPage(results[slug], site, _parse_of(results[slug], shelf))
        article.brief = results[slug].brief
        article.briefing = views[slug]
        article.template = "brief"
        make_feed_safe(article)

    if cache:
        cache.sweep()  # only now: every entry this content needs has been used
    article_generator.context[CONTEXT_KEY] = BuildState(
        results=dict(sorted(results.items())), site=site, problems=tuple(problems), pages=views
    )
    report(problems, strict=conf["BRIEFING_STRICT"])


def _parse_of(result: BriefResult, shelf: parsecache.SourceShelf | None):
    """How a brief's page gets a source's parse: the result's own, or the shelf's if it let them go."""
    if shelf is None or result.sources:
        return None
    slug = result.meta.slug
    return lambda source_id: shelf.get(slug, source_id)


def _announce(result: BriefResult) -> None:
    brief_read.send(result.meta.slug, sources=result.source_count)  # shelved or not


def result_cache(settings) -> parsecache.ResultCache | None:
    """The parse and assembly cache of this build (``BRIEFING_CACHE_PATH``), or None when it is off."""
    folder = incremental.cache_root(settings)
    if folder is None:
        return None
    # One folder per content folder: sweeping after a build keeps the entries of
    # this content only, and must not empty another site's.
    content = os.path.abspath(settings.get("PATH", "."))
    return parsecache.ResultCache(folder / parsecache.content_folder_name(content))


def checked_brief_problems(article, result: BriefResult,
                           parsed: Callable[[str], ParsedSource | None] | None = None) -> list[Problem]:
    """What a brief whose brief.md says ``Checked: yes`` must not have: a quote with no speaker.

    One problem per such quote, at the source file and line of its words.
    ``parsed`` gives a source by id (``_parse_of``: from the shelf when the
    result let its parses go); by default the result's own.
    """
    parsed = parsed or result.source
    brief_md = str(article.source_path)
    try:
        checked = checked_flag(article.metadata.get(CHECKED_FIELD), brief_md)
    except SourceError as error:
        text = Path(brief_md).read_text(encoding="utf-8", errors="replace")
        return [Problem(brief_md, error.message, line_of(text, CHECKED_FIELD))]
    if not checked:
        return []
    problems = []
    for quote in result.brief.quotes:
        if quote.speaker is not None:
            continue
        evidence = quote.evidence[0]
        source = parsed(evidence.source)
        path = source.path if source else brief_md
        line = source.raw.count("\n", 0, evidence.start) + 1 if source else None
        problems.append(Problem(
            str(path),
            f"quote \u201c{_snippet(quote.text)}\u201d has no speaker, but {brief_md} says "
            "Checked: yes; find who said it, or remove Checked until it is resolved",
            line,
        ))
    return problems


def _snippet(text: str, width: int = 60) -> str:
    """Article text made safe for one log line: printable characters only, short."""
    plain = " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
    return plain if len(plain) <= width else plain[: width - 1] + "\u2026"


def give_drafts_a_category(article_generator) -> None:
    """``article_generator_finalized``: each draft gets DEFAULT_CATEGORY if it has none.

    Pelican gives an article DEFAULT_CATEGORY only when category pages are
    written (CATEGORY_SAVE_AS), which our settings turn off; its drafts writer
    then reads ``draft.category`` and the whole build stops on one draft.
    """
    name = article_generator.settings.get("DEFAULT_CATEGORY")
    drafts = [*getattr(article_generator, "drafts", []), *getattr(article_generator, "drafts_translations", [])]
    for draft in drafts:
        if name and not hasattr(draft, "category"):
            draft.category = Category(name, article_generator.settings)


def make_feed_safe(article) -> None:
    """Sanitise what Pelican's feed writer copies from a brief's Article as HTML.

    The brief page sanitises the editor's note in its template, but the Atom
    feed takes ``get_content()`` (the Markdown's raw HTML: scripts, handlers,
    javascript: links) and ``summary`` (plain text here, FORMATTED_FIELDS is
    empty) into ``type="html"`` elements as they are. Done after meta_of()
    has read the summary, so brief.json and the page are unchanged.
    """
    article._content = str(templating.sanitize(article._content))
    if "summary" in article.metadata:
        article.metadata["summary"] = str(escape(_plain(article.metadata["summary"]) or ""))


def report(problems: Iterable[Problem], strict: bool) -> None:
    """Log every problem; then, in strict mode, fail."""
    problems = [_shorter(p) for p in problems]
    for problem in problems:
        if strict:
            logger.error("briefing: %s", problem)
        else:
            logger.warning("briefing: %s", problem)
    if strict and problems:
        raise BriefingError(
            f"{len(problems)} problem(s) with the briefs' content (listed above); "
            "BRIEFING_STRICT is on, so the site is not built"
        )


def _shorter(problem: Problem) -> Problem:
    """The problem with its path relative to the working directory, when it is inside it."""
    try:
        path = os.path.relpath(problem.path)
    except ValueError:  # another drive (Windows)
        return problem
    if path.startswith(os.pardir):
        return problem
    return Problem(path, problem.message, problem.line)


def _in_briefs(article, briefs_root: Path) -> bool:
    path = Path(article.source_path).resolve()
    return path.name == BRIEF_FILE and path.parent.parent == briefs_root.resolve()


def _brief_articles(article_generator, briefs_root: Path) -> list:
    found = [
        a
        for a in list(article_generator.articles) + list(getattr(article_generator, "hidden_articles", []))
        if _in_briefs(a, briefs_root)
    ]
    return sorted(found, key=lambda a: a.slug)


def get_generators(pelican):
    """``get_generators``: ours run after Pelican's own article generator, then the sitemap, then the cache's pruning."""
    return (BriefingGenerator, sitemap.Sitemap, writer.RenderCachePruner)


# ==========================================================================
# the generator
# ==========================================================================


class BriefingGenerator(Generator):
    """Writes what is not an Article: brief.json, sources, entities, outlets, timeline.

    Like pelican-plugins' sitemap generator it only writes; the reading is done
    by Pelican (brief.md) and by ``attach_briefs`` (sources), whose results it
    finds in the build's context.
    """

    def generate_context(self) -> None:
        # Nothing to read: attach_briefs has already run (it is sent at the end
        # of ArticlesGenerator.generate_context, which runs before ours).
        pass

    def generate_output(self, writer) -> None:
        state: BuildState | None = self.context.get(CONTEXT_KEY)
        if state is None:
            return
        relative = self.settings.get("RELATIVE_URLS", False)
        site = state.site

        def write(url: str, template: str, **kwargs) -> None:
            writer.write_file(
                save_as(url),
                self.get_template(template),
                self.context,
                relative_urls=relative,
                url=url,
                page_url=url,
                **kwargs,
            )

        pages = state.pages
        for slug, result in state.results.items():
            page = pages[slug]
            self._write_json(writer, result.brief, state)
            for source in page.sources:
                write(
                    source_url(result.brief.url, source.id),
                    "source",
                    briefing=page,
                    source=source,
                    page_title=f"{page.source_label(source.id)}: {source.title or source.id}",
                )
        for entity in site.entities:
            write(
                entity.url,
                KIND_TEMPLATES.get(entity.kind, "organisation"),
                entity=entity,
                brief_pages=pages,
                page_title=entity.name,
            )
        for outlet in site.outlets:
            write(
                outlet.url,
                "outlet",
                outlet=outlet,
                brief_pages=pages,
                page_title=outlet.name,
            )
        write(
            "timeline/",
            "timeline",
            events=site.timeline,
            brief_pages=pages,
            page_title="Timeline",
            by_brief=_by_brief(writer, state, save_as("timeline/"), relative),
        )

    def _write_json(self, writer, brief: Brief, state: BuildState) -> None:
        """brief.json beside the brief page, byte for byte what serialize.dumps gives
        (from the render cache when the brief did not change: serialising is not free)."""
        name = save_as(brief.url + "brief.json")
        make = lambda: dumps(brief).encode("utf-8")  # noqa: E731
        if isinstance(writer, CachingWriter):
            writer.write_data(name, writer.page_data(state).brief(brief.slug), make)
        else:
            incremental.write_if_changed(Path(self.output_path) / name, make())
        logger.info('Writing "%s"', Path(self.output_path) / name)


def _by_brief(writer, state: BuildState, name: str, relative_urls: bool):
    """The timeline's ``by_brief(items, macro)``: each brief's rows from the writer's cache of
    pieces when it has one (CachingWriter), else ``macro(item)`` of every item."""
    if isinstance(writer, CachingWriter):
        return writer.by_brief(state, name, relative_urls)
    return lambda items, render: [render(item) for item in items]


def save_as(url: str) -> str:
    """Output file of a site path: folders get ``index.html``."""
    return url + "index.html" if url.endswith("/") else url


def register() -> None:
    signals.initialized.connect(check_settings)
    signals.initialized.connect(search.drop_search_page)
    signals.generator_init.connect(install_template_helpers)
    signals.article_generator_finalized.connect(attach_briefs)
    signals.article_generator_finalized.connect(give_drafts_a_category)
    signals.get_generators.connect(get_generators)
    signals.get_writer.connect(writer.get_writer)  # pages reused from the render cache (briefing.incremental)
    signals.content_written.connect(sitemap.Sitemap.page_written)
    # feed_generated: the dev build's feed gets links relative to the feed file (briefing.feeds)
    signals.feed_generated.connect(feeds.relative_feed)
    # finalized: sent once, after every page and static file is written, so Pagefind sees the whole site
    signals.finalized.connect(search.index_site)
    signals.finalized.connect(assets.finalize_output)  # hashed theme assets, .nojekyll
