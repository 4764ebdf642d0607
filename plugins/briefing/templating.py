"""The Jinja helpers every template gets: links, dates, sanitising, highlights.

``install(env)`` puts them in a Jinja environment and switches autoescaping
on (article text is untrusted). Nothing here imports Pelican: the helpers read
only what a page's context holds (``SITEURL`` and the ``BRIEFING_*``
settings), so they can be tested without building a site. The Pelican glue
(``generator.py``) calls ``install`` for every generator's environment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from hashlib import sha1
from pathlib import Path
from typing import Sequence

import jinja2
import nh3
from jinja2 import pass_context
from jinja2.bccache import Bucket, FileSystemBytecodeCache
from markupsafe import Markup, escape

from .assets import asset_path
from .link import KIND_FOLDERS
from .settings import setting


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
    return site_link(ctx.get("SITEURL", ""), str(target), setting(ctx, "BRIEFING_LINK_INDEX_HTML"))


@pass_context
def asset_filter(ctx, name: str) -> str:
    """Jinja: ``{{ 'css/site.css'|asset }}`` — a theme file, linked by its content-hashed name."""
    return link_filter(ctx, asset_path(ctx, str(name)))


# Ammonia's default tags less <img>: an image in an editor's note would load
# whatever its src names (a remote tracker, a broken file:// link); the site
# serves no images of its own.
_EDITOR_TAGS = nh3.ALLOWED_TAGS - {"img"}


def sanitize(html: str | None) -> Markup:
    """Editor-written HTML (brief.md body, pages) through Ammonia: no scripts, handlers or images."""
    return Markup(nh3.clean(html or "", tags=_EDITOR_TAGS, link_rel="noopener noreferrer"))


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
    index_html = setting(ctx, "BRIEFING_LINK_INDEX_HTML")
    siteurl = ctx.get("SITEURL", "")
    clipped = [
        (max(m.start, start), min(m.end, end), m)
        for m in marks
        if m.start < end and m.end > start and m.end > m.start
    ]
    # outermost first; a piece's marks keep this order, as a subset of it
    clipped.sort(key=lambda c: (c[0], -c[1], c[2].kind, c[2].target))
    # each mark's tags are written once, not once per piece it covers, and its
    # kind and title escaped once for both (23,000 calls a build: 0.53 -> 0.43 CPU s)
    nesting: list[tuple[int, int, str]] = []  # (start, end, opening tag)
    backrefs_at: dict[int, list[str]] = {}
    for s, e, m in clipped:
        kind, title = escape(m.kind), escape(m.title)
        nesting.append((s, e, f'<mark class="hl hl-{kind}" title="{title}">'))
        href = escape(site_link(siteurl, m.target, index_html))
        backrefs_at.setdefault(e, []).append(
            f'<a class="backref backref-{kind}" href="{href}" title="{title}">{escape(m.label)}</a>'
        )
    cuts = sorted({start, end, *(s for s, _, _ in clipped), *(e for _, e, _ in clipped)})
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:]):
        opened = [tag for s, e, tag in nesting if s <= a and e >= b]
        out += opened
        out.append(escape(raw[a:b]))
        out.append("</mark>" * len(opened))
        out += backrefs_at.get(b, ())
    return Markup("".join(out))


def install(env) -> None:
    """Autoescape on, and the link filter and other helpers in the Jinja environment ``env``."""
    env.autoescape = True
    env.filters.update(
        {
            "link": link_filter,
            "asset": asset_filter,
            "sanitize": sanitize,
            "external_url": external_url,
            "human_date": human_date,
            "machine_date": machine_date,
        }
    )
    env.globals.update({"highlight": highlight, "KIND_FOLDERS": KIND_FOLDERS})


# --------------------------------------------------------------------------
# compiled templates, kept between builds
# --------------------------------------------------------------------------

TEMPLATE_CODE_DIR = "jinja"  # under the plugin's cache folder (incremental.cache_root)


def compile_options(env) -> str:
    """What, besides a template's source, decides the code Jinja compiles it to.

    Autoescaping, the delimiters and whitespace rules, extensions and
    ``finalize`` are baked into the compiled code; a change to any of them (a
    site's ``JINJA_ENVIRONMENT``, a new Jinja) must not run code compiled
    under the old ones.
    """
    def named(value) -> str:
        return getattr(value, "__qualname__", None) or repr(value)

    return repr((
        jinja2.__version__,
        named(env.autoescape) if callable(env.autoescape) else bool(env.autoescape),
        env.block_start_string, env.block_end_string,
        env.variable_start_string, env.variable_end_string,
        env.comment_start_string, env.comment_end_string,
        env.line_statement_prefix, env.line_comment_prefix,
        env.trim_blocks, env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline,
        sorted(env.extensions), env.optimized, env.is_async,
        named(env.finalize) if env.finalize else None,
    ))


class TemplateCodeCache(FileSystemBytecodeCache):
    """Jinja's bytecode cache, whose checksum is of the template's source *and* the compile options.

    Jinja keeps one file per template (named by its name and path) and
    throws its code away when the source's checksum differs; folding the
    environment's options into that checksum throws it away when they
    differ too, since every generator's environment shares the folder.
    """

    def get_bucket(self, environment, name, filename, source) -> Bucket:
        checksum = sha1(f"{self.get_source_checksum(source)}|{compile_options(environment)}".encode()).hexdigest()
        bucket = Bucket(environment, self.get_cache_key(name, filename), checksum)
        self.load_bytecode(bucket)
        return bucket


def keep_compiled_templates(env, cache_folder: Path | None) -> None:
    """Let ``env`` load its templates' compiled code from ``cache_folder/jinja`` (nothing if None).

    Compiling the theme took ~0.7 s of every build, with nothing changed, and
    again in each generator's environment; they all share the one folder.
    """
    if cache_folder is None:
        return
    folder = Path(cache_folder) / TEMPLATE_CODE_DIR
    folder.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = TemplateCodeCache(str(folder))
