"""The Pelican side of the plugin: signals, one generator, writing.

Everything Pelican-specific lives here (and the tiny ``register()`` in
``__init__.py``); the pipeline itself (``pipeline.py``, ``link.py`` and the
parse/assemble stages) never imports Pelican.

How a build goes, and why each hook is the one used:

``initialized``
    Runs once per Pelican object, before anything is read. Used only to check
    the configuration: if the sources folder is not in ``IGNORE_FILES``,
    Pelican would read ``sources/*.md`` as articles of their own.

``generator_init``
    Sent by every generator (articles, pages, ours) once its Jinja environment
    exists. Used to install the ``link`` filter and the other template helpers
    in *every* environment, because the brief page is rendered by Pelican's
    ArticlesGenerator and the index and pages by Pelican's other writers, not
    by ours; and to switch autoescaping on, since article text is untrusted.

``article_generator_finalized``
    Sent once Pelican has read every brief.md as an Article (and before
    anything is written). This is where each brief's folder is run through the
    pipeline, the assembled brief is attached to its Article, the Article's
    template is set to ``brief``, and all briefs are linked (step 4). Problems
    are logged here, every one of them, and only then does strict mode fail.

``get_generators``
    Adds ``BriefingGenerator``, which writes what is not an Article: brief.json
    beside each brief, source pages, people/places/organisations/outlets pages
    and the site timeline. It runs after Pelican's own article generator.

State: the results of a build are kept in the build's ``context`` dict (key
``"briefing"``), which Pelican creates afresh for every run. Nothing is kept
at module level, so ``invoke livereload`` and ``pelican --autoreload``, which
reuse the process, never see a previous build's briefs.
"""

from __future__ import annotations

import fnmatch
import logging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

import nh3
from jinja2 import pass_context
from markupsafe import Markup, escape
from pelican import signals
from pelican.generators import Generator

from .link import (
    KIND_FOLDERS,
    BriefRef,
    SiteEntity,
    SiteIndex,
    brief_entities,
    entity_key,
    entity_url,
    link_site,
    sorted_timeline,
    source_url,
)
from .model import (
    Brief,
    BriefMeta,
    Evidence,
    ParsedSource,
    SourceAttribution,
)
from .pipeline import (
    BRIEF_FILE,
    BriefResult,
    Problem,
    build_brief,
    find_brief_folders,
    load_registry_file,
)
from .settings import with_defaults

logger = logging.getLogger(__name__)

CONTEXT_KEY = "briefing"

#: template of each entity kind's page
KIND_TEMPLATES = {"person": "person", "place": "place", "organisation": "organisation"}


class BriefingError(Exception):
    """Raised in strict mode (``BRIEFING_STRICT``) once every problem is logged."""


# ==========================================================================
# links and template helpers
# ==========================================================================


def site_link(siteurl: str, target: str, index_html: bool) -> str:
    """The URL of the site path ``target`` ("briefs/x/#k1") from a page whose SITEURL is ``siteurl``.

    ``siteurl`` is what Pelican puts in a page's context: a relative path
    ("..", "../..") with RELATIVE_URLS, else the absolute SITEURL. Folder URLs
    get ``index.html`` when ``index_html`` is on, so links work from file://.
    """
    path, hash_, fragment = target.partition("#")
    path = path.lstrip("/")
    if index_html and (path == "" or path.endswith("/")):
        path += "index.html"
    base = siteurl.rstrip("/") if siteurl else ""  # "" is a site at the root of its host
    return f"{base}/{path}" + (hash_ + fragment if hash_ else "")


@pass_context
def link_filter(ctx, target: str) -> str:
    """Jinja: ``{{ 'people/sun/'|link }}`` — the one way templates build internal links."""
    settings = with_defaults(ctx)
    return site_link(ctx.get("SITEURL", ""), str(target), settings["BRIEFING_LINK_INDEX_HTML"])


def sanitize(html: str | None) -> Markup:
    """Editor-written HTML (brief.md body, pages) through Ammonia: no scripts, no handlers."""
    return Markup(nh3.clean(html or "", link_rel="noopener noreferrer"))


def external_url(url: str | None) -> str | None:
    """``url`` if it is a plain http(s) URL from a source header, else None (never javascript:)."""
    if url and url.strip().lower().startswith(("http://", "https://")) and " " not in url.strip():
        return url.strip()
    return None


_MACHINE_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def machine_date(value: str | None) -> str | None:
    """``value`` if it is valid in a ``<time datetime>`` ("1895", "2022-12"), else None ("1970s")."""
    return value if value and _MACHINE_DATE.match(str(value)) else None


_MONTHS = (
    "January February March April May June July August September October November December"
).split()


def human_date(value: str | None) -> str:
    """"2023-02-22" → "22 February 2023"; "2022-12" → "December 2022"; others as they are."""
    if not value:
        return ""
    parts = str(value).split("-")
    try:
        if len(parts) == 3:
            return f"{int(parts[2])} {_MONTHS[int(parts[1]) - 1]} {parts[0]}"
        if len(parts) == 2:
            return f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        pass
    return str(value)


@dataclass(frozen=True)
class Mark:
    """A highlighted character range of a source, linked to an item of the brief page."""

    start: int
    end: int
    kind: str  # "keypoint", "quote", "background", "timeline"
    target: str  # site path of the item: "briefs/x/#k1"
    label: str  # short text of the back link: "K1"
    title: str  # tooltip: "Key point 1 on the brief"


@pass_context
def highlight(ctx, raw: str, start: int, end: int, marks: Sequence[Mark]) -> Markup:
    """``raw[start:end]`` escaped, with each mark wrapped in ``<mark>`` and a back link.

    Marks may nest or overlap: the text is cut at every mark boundary and each
    piece is wrapped in the marks that cover it (so the markup always nests),
    and each mark's back link follows the piece where it ends. Only the pieces
    of source text are escaped; nothing of the source is ever marked safe.
    """
    index_html = with_defaults(ctx)["BRIEFING_LINK_INDEX_HTML"]
    siteurl = ctx.get("SITEURL", "")
    clipped = [
        (max(m.start, start), min(m.end, end), m)
        for m in marks
        if m.start < end and m.end > start and m.end > m.start
    ]
    cuts = sorted({start, end, *(s for s, _, _ in clipped), *(e for _, e, _ in clipped)})
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:]):
        active = sorted(
            (m for m in clipped if m[0] <= a and m[1] >= b),
            key=lambda m: (m[0], -m[1], m[2].kind, m[2].target),
        )
        piece = str(escape(raw[a:b]))
        for _, _, m in reversed(active):
            piece = (
                f'<mark class="hl hl-{escape(m.kind)}" title="{escape(m.title)}">{piece}</mark>'
            )
        out.append(piece)
        for s, e, m in clipped:
            if e == b:
                href = site_link(siteurl, m.target, index_html)
                out.append(
                    f'<a class="backref backref-{escape(m.kind)}" href="{escape(href)}" '
                    f'title="{escape(m.title)}">{escape(m.label)}</a>'
                )
    return Markup("".join(out))


# ==========================================================================
# what templates get
# ==========================================================================


@dataclass(frozen=True)
class Badge:
    """A link from a brief item to the paragraph of a source that says it."""

    source: str  # source id
    label: str  # outlet (or title, or file name)
    paragraph: int | None
    target: str  # site path: "briefs/x/sources/reuters/#p5"
    rewrite_of: str | None  # label of the source this one rewrites


@dataclass(frozen=True)
class Item:
    """A background item or timeline event with the anchor it gets on the brief page."""

    anchor: str
    value: Any


class BriefPage:
    """One brief as its templates see it (brief page and its source pages)."""

    def __init__(self, result: BriefResult, site: SiteIndex):
        self.result = result
        self.brief: Brief = result.brief
        self.meta: BriefMeta = result.meta
        self.site = site
        self.url = self.brief.url
        self._sources = {s.id: s for s in self.brief.sources}
        self.sources = sorted(self.brief.sources, key=lambda s: (s.derived_from is not None, s.id))
        self.background = [
            Item(f"b{n}", item) for n, item in enumerate(self.brief.background.items, start=1)
        ]
        self.timeline = [
            Item(f"t{n}", event) for n, event in enumerate(sorted_timeline(self.brief.timeline), start=1)
        ]
        self.key_points = {kp.id: (n, kp) for n, kp in enumerate(self.brief.key_points, start=1)}

    # -- sources -----------------------------------------------------------

    def source(self, source_id: str) -> SourceAttribution | None:
        return self._sources.get(source_id)

    def parsed(self, source_id: str) -> ParsedSource | None:
        return self.result.source(source_id)

    def source_label(self, source_id: str | None) -> str:
        if source_id is None:
            return ""
        source = self.source(source_id)
        if source is None:
            return source_id
        return source.outlet or source.title or source_id

    def source_page(self, source_id: str) -> str:
        return source_url(self.url, source_id)

    def outlet_page(self, outlet: str | None) -> str | None:
        found = self.site.outlet_named(outlet)
        return found.url if found else None

    def badges(self, item: Any) -> list[Badge]:
        """A badge per piece of evidence, and one per source with no evidence given."""
        badges: list[Badge] = []
        evidence: Sequence[Evidence] = getattr(item, "evidence", ())
        seen: set[tuple[str, int | None]] = set()
        for ev in sorted(evidence, key=lambda e: (self.sources_order(e.source), e.paragraph, e.start)):
            if (ev.source, ev.paragraph) in seen:
                continue
            seen.add((ev.source, ev.paragraph))
            badges.append(self._badge(ev.source, ev.paragraph))
        for source_id in getattr(item, "sources", ()):
            if not any(b.source == source_id for b in badges):
                badges.append(self._badge(source_id, None))
        return badges

    def sources_order(self, source_id: str) -> int:
        ids = [s.id for s in self.sources]
        return ids.index(source_id) if source_id in ids else len(ids)

    def _badge(self, source_id: str, paragraph: int | None) -> Badge:
        page = self.source_page(source_id)
        source = self.source(source_id)
        rewrite_of = self.source_label(source.derived_from) if source and source.derived_from else None
        return Badge(
            source=source_id,
            label=self.source_label(source_id),
            paragraph=paragraph,
            target=f"{page}#p{paragraph}" if paragraph else page,
            rewrite_of=rewrite_of,
        )

    def commentary_outlets(self, item: Any) -> str:
        return ", ".join(dict.fromkeys(self.source_label(s) for s in getattr(item, "sources", ())))

    def key_point_number(self, kp_id: str) -> int | None:
        found = self.key_points.get(kp_id)
        return found[0] if found else None

    # -- people, places, related briefs --------------------------------------

    def speaker_url(self, speaker) -> str | None:
        return entity_url(speaker.kind, speaker.id) if speaker is not None else None

    def entities(self, kind: str) -> list[SiteEntity]:
        keys = brief_entities(self.brief)
        found = [self.site.entity(e.kind, e.id) for e in keys.values() if e.kind == kind]
        return sorted((e for e in found if e is not None), key=lambda e: (e.name.casefold(), e.id))

    def brief_role(self, entity: SiteEntity) -> str | None:
        """The entity's role in this brief (roles change between briefs)."""
        mine = brief_entities(self.brief).get(entity_key(entity.kind, entity.id))
        return (mine.role if mine else None) or entity.role

    def related(self) -> list[tuple[BriefRef, list[str]]]:
        out = []
        for rel in self.site.related_to(self.brief.slug):
            ref = self.site.brief(rel.brief)
            if ref is None:
                continue
            names = []
            for key in rel.shared:
                kind, _, entity_id = key.partition(":")
                entity = self.site.entity(kind, entity_id)
                names.append(entity.name if entity else entity_id)
            out.append((ref, names))
        return out

    # -- source pages ----------------------------------------------------------

    def marks(self, source_id: str) -> list[Mark]:
        """Every range of this source the brief page points at, with the item it is."""
        marks: list[Mark] = []
        brief_url = self.url

        def add(kind, evidence, anchor, label, title):
            for ev in evidence:
                if ev.source == source_id and ev.end > ev.start:
                    marks.append(Mark(ev.start, ev.end, kind, f"{brief_url}#{anchor}", label, title))

        for n, kp in enumerate(self.brief.key_points, start=1):
            add("keypoint", kp.evidence, kp.id, f"K{n}", f"Key point {n} on the brief")
        for n, quote in enumerate(self.brief.quotes, start=1):
            add("quote", quote.evidence, quote.id, f"Q{n}", f"Quote {n} on the brief")
        for n, item in enumerate(self.background, start=1):
            add("background", item.value.evidence, item.anchor, f"B{n}", f"Background item {n}")
        for n, item in enumerate(self.timeline, start=1):
            add("timeline", item.value.evidence, item.anchor, f"T{n}", f"Timeline event {n}")
        marks.sort(key=lambda m: (m.start, -m.end, m.kind, m.target))
        return marks

    def blocks(self, source_id: str) -> list[dict[str, Any]]:
        """The article text in order: titles, captions, separators and numbered paragraphs.

        Consecutive repeats of one title (scraped pages often repeat the
        headline) are shown once, with how many times the file has it.
        """
        parsed = self.parsed(source_id)
        if parsed is None:
            return []
        marks = self.marks(source_id)
        items: list[tuple[int, dict[str, Any]]] = []
        for block in parsed.blocks:
            items.append(
                (block.start, {"kind": block.kind, "text": block.text, "credit": block.credit, "times": 1})
            )
        for para in parsed.paragraphs:
            inside = [m for m in marks if m.start < para.end and m.end > para.start]
            items.append(
                (para.start, {"kind": "paragraph", "number": para.number, "start": para.start,
                              "end": para.end, "marks": inside})
            )
        items.sort(key=lambda pair: pair[0])
        merged: list[dict[str, Any]] = []
        for _, item in items:
            last = merged[-1] if merged else None
            if (
                last is not None
                and item["kind"] == "title"
                and last["kind"] == "title"
                and last["text"].strip() == item["text"].strip()
            ):
                last["times"] += 1
                continue
            merged.append(item)
        return merged


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
    env = generator.env
    env.autoescape = True
    env.filters.update(
        {
            "link": link_filter,
            "sanitize": sanitize,
            "external_url": external_url,
            "human_date": human_date,
            "machine_date": machine_date,
        }
    )
    env.globals.update({"highlight": highlight, "KIND_FOLDERS": KIND_FOLDERS})


def _iso(value) -> str | None:
    return value.date().isoformat() if hasattr(value, "date") and callable(value.date) else None


def _plain(text) -> str | None:
    """Pelican renders ``Summary`` as HTML (FORMATTED_FIELDS); the brief wants plain text."""
    if not text:
        return None
    from bs4 import BeautifulSoup

    plain = " ".join(BeautifulSoup(str(text), "html.parser").get_text(" ").split())
    return plain or None


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

    results: dict[str, BriefResult] = {}
    pages: dict[str, Any] = {}
    for folder in folders:
        article = articles.get(folder.resolve())
        if article is None:
            if folder.resolve() not in drafts:
                problems.append(
                    Problem(str(folder / BRIEF_FILE), "could not be read as a brief (see the message above); "
                            "it needs Title: and Date: lines")
                )
            continue
        result = build_brief(folder, meta_of(article), settings, registry=registry)
        problems.extend(result.problems)
        results[article.slug] = result
        pages[article.slug] = article

    site = link_site([r.brief for r in results.values()])
    views: dict[str, BriefPage] = {}
    for slug, article in sorted(pages.items()):
        views[slug] = BriefPage(results[slug], site)
        article.brief = results[slug].brief
        article.briefing = views[slug]
        article.template = "brief"

    article_generator.context[CONTEXT_KEY] = BuildState(
        results=dict(sorted(results.items())), site=site, problems=tuple(problems), pages=views
    )
    report(problems, strict=conf["BRIEFING_STRICT"])


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


@dataclass
class BuildState:
    """What one build learnt about its briefs; lives in that build's context."""

    results: dict[str, BriefResult]
    site: SiteIndex
    problems: tuple[Problem, ...] = ()
    pages: dict[str, BriefPage] = field(default_factory=dict)


def get_generators(pelican):
    """``get_generators``: our generator runs after Pelican's own article generator."""
    return BriefingGenerator


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
            self._write_json(result.brief)
            for source in page.sources:
                write(
                    source_url(result.brief.url, source.id),
                    "source",
                    briefing=page,
                    source=source,
                    parsed=page.parsed(source.id),
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
        )

    def _write_json(self, brief: Brief) -> None:
        """brief.json beside the brief page, byte for byte what serialize.dumps gives."""
        from .serialize import dumps

        path = Path(self.output_path) / save_as(brief.url + "brief.json")
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(dumps(brief))
        logger.info('Writing "%s"', path)


def save_as(url: str) -> str:
    """Output file of a site path: folders get ``index.html``."""
    return url + "index.html" if url.endswith("/") else url


def register() -> None:
    signals.initialized.connect(check_settings)
    signals.generator_init.connect(install_template_helpers)
    signals.article_generator_finalized.connect(attach_briefs)
    signals.get_generators.connect(get_generators)
