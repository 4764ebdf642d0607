"""The search index in shards: which indexed pages go into which Pagefind bundle.

Pagefind keeps every page it indexes in memory until it writes the index
(measured on the 1,000-source bench site: 650 MB for 94 MB of HTML, growing
linearly with the text indexed), and it has no incremental mode: one index
over a newsroom's site costs gigabytes and re-indexes everything after any
edit. So the site is indexed in shards of bounded size, one Pagefind run
each; the search page loads the first as its bundle and merges the others
(Pagefind's ``mergeIndex``). A rebuild re-runs only the shards whose pages
changed (``search.build_index``).

A page goes to a shard by a hash of its *unit* (a brief's folder with its
sources, or one entity's folder), not by its place in a list, so adding or
editing a brief leaves every other unit where it was. A section of the site
(its top folder: briefs/, people/…) bigger than ``shard_bytes`` of HTML is
sharded on its own, the smaller ones together: an edit changes one brief
and a few entity pages (the speaker's, the outlet's), and so re-indexes the
brief's shard and one or two small ones, not a shard per entity page. Each
group has the power of two of shards that keeps them under ``shard_bytes``:
when it outgrows that the count doubles, and each shard splits in two.

Pure functions over paths and sizes: nothing here runs Pagefind or reads a
file.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Iterable

GLOB_SPECIAL = frozenset("{}[]*?,!\\")
SHARD_LIST = "briefing-shards.json"  # beside the first bundle: the others, for search.js


class ShardPlanError(ValueError):
    """A page's path cannot be put into a Pagefind glob; the message names it."""


@dataclass(frozen=True)
class IndexedPage:
    """A written page Pagefind will index: its path under the output folder, size and digest."""

    path: str  # relative, with "/"
    size: int
    digest: str


@dataclass(frozen=True)
class Shard:
    """The pages of one Pagefind bundle."""

    group: int  # 0: the small sections together (if any), then each big section by name
    bucket: int  # its hash bucket in the group
    pages: tuple[IndexedPage, ...]  # sorted by path

    @property
    def units(self) -> tuple[str, ...]:
        return tuple(sorted({unit_of(page.path) for page in self.pages}))

    @property
    def glob(self) -> str:
        """Pagefind's ``--glob`` for exactly this shard's units: a page, or a folder's pages."""
        paths = {page.path for page in self.pages}
        patterns = [unit if unit in paths else f"{unit}/**/*.html" for unit in self.units]
        return patterns[0] if len(patterns) == 1 else "{" + ",".join(patterns) + "}"


def unit_of(path: str) -> str:
    """What moves between shards as one: the first two folders of a page (a brief and its sources,
    one person), or the page itself when it is not that deep."""
    parts = path.split("/")
    return "/".join(parts[:2]) if len(parts) > 2 else path


def check_globbable(path: str) -> None:
    special = sorted(set(path) & GLOB_SPECIAL)
    if special:
        raise ShardPlanError(
            f"briefing: {path} cannot be put in the search index (Pagefind selects pages by a glob, "
            f"and the path holds {' '.join(special)}); give it a slug of letters, digits and hyphens"
        )


def shard_count(total_bytes: int, shard_bytes: int) -> int:
    """The least power of two that keeps shards of ``total_bytes`` under ``shard_bytes`` each."""
    if shard_bytes <= 0:
        return 1
    count = 1
    while total_bytes > count * shard_bytes:
        count *= 2
    return count


def bucket_of(unit: str, count: int) -> int:
    """The shard of ``unit`` among ``count``: fixed by the unit's name alone."""
    return int.from_bytes(hashlib.sha256(unit.encode("utf-8")).digest()[:8], "big") % count


def section_of(unit: str) -> str:
    """The top folder of a unit ("" for a page at the top)."""
    return unit.split("/")[0] if "/" in unit else ""


def plan(pages: Iterable[IndexedPage], shard_bytes: int) -> list[Shard]:
    """The shards of ``pages``, by group and bucket; empty buckets are left out.

    The first shard's bundle is the one the search page loads; the rest are
    merged into it. ``shard_bytes`` 0: one shard.
    """
    pages = sorted(pages, key=lambda page: page.path)
    for page in pages:
        check_globbable(page.path)
    shards: list[Shard] = []
    for group, members in enumerate(groups(pages, shard_bytes)):
        count = shard_count(sum(page.size for page in members), shard_bytes)
        buckets: dict[int, list[IndexedPage]] = {}
        for page in members:
            buckets.setdefault(bucket_of(unit_of(page.path), count), []).append(page)
        shards.extend(Shard(group, bucket, tuple(sorted(buckets[bucket], key=lambda page: page.path)))
                      for bucket in sorted(buckets))
    return shards


def groups(pages: list[IndexedPage], shard_bytes: int) -> list[list[IndexedPage]]:
    """The pages of the sections under ``shard_bytes`` together, then each bigger section's."""
    sections: dict[str, list[IndexedPage]] = {}
    for page in pages:
        sections.setdefault(section_of(unit_of(page.path)), []).append(page)
    big = [name for name, members in sorted(sections.items())
           if shard_bytes > 0 and sum(page.size for page in members) > shard_bytes]
    small = [page for name, members in sorted(sections.items()) if name not in big for page in members]
    return ([small] if small else []) + [sections[name] for name in big]


def bundle_folder(shard: Shard, first: Shard) -> str:
    """Where a shard's bundle goes under the site's pagefind/ folder: the first one at its top."""
    return "" if shard == first else f"shard-{shard.group}-{shard.bucket}"
