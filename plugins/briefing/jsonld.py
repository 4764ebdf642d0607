"""schema.org JSON-LD for the pages' heads: plain dicts, serialised so text cannot escape.

The builders (``brief_graph``, ``entity_graph``, ...) turn the brief model and
the site index into dicts, one ``@graph`` per page: a NewsArticle for a brief
(its sources as ``isBasedOn``/``citation``, its entities as ``mentions``) with
a Quotation per quote; a Person (Place, Organization) for an entity page, with
the quotes it speaks; and so on. They are pure: nothing here imports Pelican,
so they are tested on hand-made briefs.

URLs: search engines want absolute URLs, and only a build with an absolute
SITEURL (publish.conf.py) knows them. Every builder takes ``base`` (that
SITEURL, or None in a relative build); without it, ``url`` and ``@id`` are left
out rather than guessed, and nodes are still tied together by nesting.

``dumps`` is the only way out: sorted keys and no spaces (the same content
gives the same bytes), and ``<``, ``>``, ``&`` written as ``\\u003c`` etc., so
article text such as ``</script>`` can never close the data block it sits in.
The template side (``install``) adds the ``jsonld`` filter that wraps it in
``<script type="application/ld+json">`` (a data block: browsers never run it,
and a CSP's script-src does not apply to it) and ``canonical_url()``.
"""

from __future__ import annotations

import json
from typing import Any, Mapping

from jinja2 import pass_context
from markupsafe import Markup

from .link import entity_url
from .model import ORGANISATION, PERSON, PLACE, Brief, Quote, SourceAttribution
from .settings import setting
from .templating import site_link

SCHEMA_ORG = "https://schema.org"

#: schema.org type of each entity kind
ENTITY_TYPES = {PERSON: "Person", PLACE: "Place", ORGANISATION: "Organization"}

#: longest og:description / JSON-LD description taken from a key point
DESCRIPTION_CHARS = 300


# ==========================================================================
# URLs
# ==========================================================================


def absolute(base: str | None, path: str, fragment: str | None = None) -> str | None:
    """``base/path#fragment``, or None when the build has no absolute base."""
    if not base:
        return None
    url = f"{base.rstrip('/')}/{path.lstrip('/')}"
    return f"{url}#{fragment}" if fragment else url


def _compact(node: dict[str, Any]) -> dict[str, Any]:
    """``node`` without None values or empty lists: an absent field, not a null one."""
    return {k: v for k, v in node.items() if v is not None and v != [] and v != ""}


def _node(type_: str, base: str | None, path: str, fragment: str | None = None, **fields) -> dict:
    """A node with ``@type``, and ``@id``/``url`` when the base is known."""
    url = absolute(base, path, fragment)
    return _compact({"@type": type_, "@id": url, "url": url, **fields})


def graph(*nodes: dict) -> dict:
    return {"@context": SCHEMA_ORG, "@graph": list(nodes)}


# ==========================================================================
# builders
# ==========================================================================


def brief_description(brief: Brief) -> str | None:
    """The editor's summary, else the first key point (cut at a word), else None."""
    if brief.summary:
        return brief.summary
    if brief.key_points:
        return shorten(brief.key_points[0].text)
    return None


def shorten(text: str, limit: int = DESCRIPTION_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"


def brief_ref(base: str | None, brief: Any) -> dict:
    """A brief as other nodes point to it (anything with ``title`` and ``url``)."""
    return _node("NewsArticle", base, brief.url, headline=brief.title)


def source_work(base: str | None, source: SourceAttribution) -> dict:
    """A source article: the copy on this site, ``sameAs`` the outlet's own URL."""
    return _node(
        "NewsArticle",
        base,
        source.page,
        headline=source.title,
        datePublished=source.date,
        publisher=_compact({"@type": "Organization", "name": source.outlet}) if source.outlet else None,
        sameAs=_http(source.url),
    )


def entity_node(base: str | None, entity: Any) -> dict:
    """A person, place or organisation (an ``Entity`` or a ``SiteEntity``)."""
    return _node(
        ENTITY_TYPES.get(entity.kind, "Thing"),
        base,
        entity.url,
        name=entity.name,
        jobTitle=entity.role if entity.kind == PERSON else None,
        alternateName=list(entity.aliases),
    )


def quotation(base: str | None, quote: Quote, brief: Any) -> dict:
    """A quote of ``brief``: its words, who said them, the brief it is part of."""
    speaker = None
    if quote.speaker is not None:
        speaker = _node(
            ENTITY_TYPES.get(quote.speaker.kind, "Person"),
            base,
            entity_url(quote.speaker.kind, quote.speaker.id),
            name=quote.speaker.name,
            jobTitle=quote.speaker.role if quote.speaker.kind == PERSON else None,
        )
    return _node(
        "Quotation",
        base,
        brief.url,
        quote.id,
        text=quote.text,
        creator=speaker,
        spokenByCharacter=speaker,
        isPartOf=brief_ref(base, brief),
    )


def brief_graph(brief: Brief, base: str | None, site_name: str | None = None) -> dict:
    """The brief page: a NewsArticle and a Quotation per quote."""
    sources = [source_work(base, s) for s in brief.sources]
    article = _node(
        "NewsArticle",
        base,
        brief.url,
        headline=brief.title,
        datePublished=brief.date,
        description=brief_description(brief),
        isBasedOn=sources,
        # the same works, cited: by reference when they have an @id
        citation=[{"@id": s["@id"]} if "@id" in s else s for s in sources],
        mentions=[entity_node(base, e) for e in brief.entities],
        publisher=_compact({"@type": "Organization", "name": site_name}) if site_name else None,
    )
    return graph(article, *(quotation(base, q, brief) for q in brief.quotes))


def entity_graph(entity: Any, briefs: Mapping[str, Any], base: str | None) -> dict:
    """An entity page (a ``SiteEntity``): the entity, and a Quotation per quote it speaks.

    ``briefs`` maps a brief's slug to anything with its ``title`` and ``url``.
    """
    quotes = [quotation(base, eq.quote, briefs[eq.brief]) for eq in entity.quotes if eq.brief in briefs]
    return graph(entity_node(base, entity), *quotes)


def source_graph(source: SourceAttribution, base: str | None) -> dict:
    """A source page: the article as its outlet published it (the brief cites it)."""
    return graph(source_work(base, source))


def outlet_graph(outlet: Any, base: str | None) -> dict:
    return graph(_node("NewsMediaOrganization", base, outlet.url, name=outlet.name))


def page_graph(type_: str, path: str, base: str | None, name: str | None, description: str | None = None) -> dict:
    """Any other page: the index (WebSite), the timeline (CollectionPage), pages (WebPage)."""
    return graph(_node(type_, base, path, name=name, description=description))


def _http(url: str | None) -> str | None:
    if url and url.strip().lower().startswith(("http://", "https://")) and " " not in url.strip():
        return url.strip()
    return None


# ==========================================================================
# serialising
# ==========================================================================

#: characters that could end the data block or start markup inside it
_UNSAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def dumps(data: Any) -> str:
    """Deterministic JSON in which ``<``, ``>`` and ``&`` never appear as themselves.

    They can only be in strings (JSON syntax has none), where ``\\u003c`` means
    the same character to any JSON parser.
    """
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return text.translate(_UNSAFE)


def script_block(data: Any) -> Markup:
    """``data`` in a ``<script type="application/ld+json">`` data block."""
    return Markup(f'<script type="application/ld+json">{dumps(data)}</script>')


# ==========================================================================
# template side
# ==========================================================================


def site_base(ctx: Mapping[str, Any]) -> str | None:
    """The absolute SITEURL of a page's context, or None in a relative build.

    With RELATIVE_URLS Pelican replaces SITEURL in each page's context by a
    relative path ("../.."), so only a build without it has an absolute one.
    """
    siteurl = str(ctx.get("SITEURL") or "")
    if ctx.get("RELATIVE_URLS") or not siteurl.lower().startswith(("http://", "https://")):
        return None
    return siteurl.rstrip("/")


def page_path(output_file: str | None) -> str:
    """Site path of a written file: "briefs/x/index.html" → "briefs/x/"; "index.html" → ""."""
    path = (output_file or "").replace("\\", "/")
    if path == "index.html" or path.endswith("/index.html"):
        return path[: -len("index.html")]
    return path


@pass_context
def canonical_url(ctx) -> str | None:
    """The page's absolute URL (the form its links use), or None in a relative build."""
    base = site_base(ctx)
    if base is None or not ctx.get("output_file"):
        return None
    return site_link(base, page_path(ctx["output_file"]), setting(ctx, "BRIEFING_LINK_INDEX_HTML"))


@pass_context
def jsonld_brief(ctx, brief: Brief) -> dict:
    return brief_graph(brief, site_base(ctx), ctx.get("SITENAME"))


@pass_context
def jsonld_entity(ctx, entity: Any, brief_pages: Mapping[str, Any]) -> dict:
    briefs = {slug: page.brief for slug, page in brief_pages.items()}
    return entity_graph(entity, briefs, site_base(ctx))


@pass_context
def jsonld_source(ctx, source: SourceAttribution) -> dict:
    return source_graph(source, site_base(ctx))


@pass_context
def jsonld_outlet(ctx, outlet: Any) -> dict:
    return outlet_graph(outlet, site_base(ctx))


@pass_context
def jsonld_page(ctx, type_: str, name: str | None = None, description: str | None = None) -> dict:
    return page_graph(type_, page_path(ctx.get("output_file")), site_base(ctx), name, description)


def install(env) -> None:
    """The ``jsonld`` filter and the head helpers in the Jinja environment ``env``."""
    env.filters.update({"jsonld": script_block, "describe_brief": brief_description})
    env.globals.update(
        {
            "canonical_url": canonical_url,
            "jsonld_brief": jsonld_brief,
            "jsonld_entity": jsonld_entity,
            "jsonld_source": jsonld_source,
            "jsonld_outlet": jsonld_outlet,
            "jsonld_page": jsonld_page,
        }
    )
