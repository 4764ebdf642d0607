"""Every setting the plugin reads, declared once with its default and meaning.

Set any of them in pelican.conf.py / publish.conf.py. The Pelican glue calls
``with_defaults(settings)``, and the template helpers ``setting(ctx, name)``
for the one setting they need; nothing else reads ``BRIEFING_*`` keys directly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    doc: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "BRIEFING_BRIEFS_DIR",
        "briefs",
        "Folder under the content path that holds one folder per brief.",
    ),
    Setting(
        "BRIEFING_SOURCES_DIR",
        "sources",
        "Folder inside each brief folder that holds its articles (*.txt, *.md). "
        "Pelican itself must not read it: list it in IGNORE_FILES.",
    ),
    Setting(
        "BRIEFING_SOURCE_EXTENSIONS",
        (".txt", ".md"),
        "File endings read as sources; other files in sources/ are ignored.",
    ),
    Setting(
        "BRIEFING_ENTITIES_FILE",
        "data/entities.yml",
        "Optional registry of people and places, relative to the content path.",
    ),
    Setting(
        "BRIEFING_MAX_KEY_POINTS",
        8,
        "Most key points a brief shows.",
    ),
    Setting(
        "BRIEFING_LINK_INDEX_HTML",
        True,
        "Append index.html to links to folders, so the site works opened "
        "from disk (file://). Turn off in production for clean URLs.",
    ),
    Setting(
        "BRIEFING_STRICT",
        False,
        "Fail the build on any problem with a source or brief (publishing), "
        "instead of warning and building the rest (development).",
    ),
    Setting(
        "BRIEFING_SEARCH",
        True,
        "Build the full-text search index with Pagefind (pagefind[bin], a dependency) "
        "into <output>/pagefind/ at the end of every build, for the /search/ page. "
        "Turn off to build without it: then no /search/ page is written and the "
        "navigation has no Search link (the plugin drops 'search' from DIRECT_TEMPLATES).",
    ),
    Setting(
        "BRIEFING_SEARCH_SHARD_BYTES",
        16_000_000,
        "Most bytes of indexed HTML per search-index shard. Pagefind holds all it indexes in "
        "memory (about 7 bytes per byte of HTML) and re-indexes whole, so the site is indexed "
        "in shards: a power of two of them, enough to keep each under this size; a rebuild "
        "re-indexes only the shards whose pages changed, and the search page merges them. "
        "Lower it to cap the build's memory, raise it for fewer files to load on a search; "
        "0: one index.",
    ),
    Setting(
        "BRIEFING_CACHE_PATH",
        None,
        "Folder of the build's caches: parsed sources and assembled briefs (briefing.parsecache), "
        "rendered pages (briefing.incremental), the search index and the link check, so a "
        "rebuild parses and renders only what changed. None: <CACHE_PATH>/briefing, Pelican's own cache folder "
        "(relative to the working directory, so cache/briefing in the project when building "
        "from its root; git-ignored); another path (absolute, or relative to the working "
        "directory); or False for no cache (every build parses, assembles and renders everything).",
    ),
    Setting(
        "BRIEFING_PARSE_WORKERS",
        0,
        "Processes that parse the sources the cache does not have and assemble their briefs: "
        "0 for one per core, 1 to do it all in the build's own process.",
    ),
    Setting(
        "BRIEFING_RENDER_WORKERS",
        0,
        "Processes that render the pages the render cache does not have: 0 for one per core "
        "(forked children each render a share of every batch of pages), 1 to render them all "
        "in the build's own process. They are rendered in the build's own process anyway where "
        "the platform cannot fork (Windows), while a thread that is not a daemon runs (it may "
        "hold a lock a fork would leave locked), and when Pelican's --fatal makes a warning stop "
        "the build.",
    ),
    Setting(
        "BRIEFING_PUBLISH_TARGET",
        "",
        "Where `invoke publish` mirrors the build with rsync: user@host:/srv/www/briefing/ "
        "over SSH, or an absolute local folder. The environment variable of the same name "
        "wins. Read by briefing.commands.publish, not by the build.",
    ),
)


def with_defaults(settings: Mapping[str, Any]) -> dict[str, Any]:
    """The BRIEFING_* settings, each from ``settings`` or its default."""
    return {s.name: settings.get(s.name, s.default) for s in SETTINGS}


_DEFAULTS = {s.name: s.default for s in SETTINGS}


def setting(settings: Mapping[str, Any], name: str) -> Any:
    """One BRIEFING_* setting from ``settings``, or its default.

    For helpers called per link of a page: ``with_defaults`` builds a dict of
    every setting, which a page with thousands of links paid for thousands of times.
    """
    return settings.get(name, _DEFAULTS[name])
