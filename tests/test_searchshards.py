"""Which pages go into which shard of the search index (briefing.searchshards)."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from briefing.searchshards import (
    IndexedPage,
    Shard,
    ShardPlanError,
    bucket_of,
    bundle_folder,
    plan,
    shard_count,
    unit_of,
)


def page(path: str, size: int = 100) -> IndexedPage:
    return IndexedPage(path, size, f"digest-of-{path}")


def brief(slug: str, sources: int = 2, size: int = 100) -> list[IndexedPage]:
    """A brief's page and its sources' pages."""
    return [page(f"briefs/{slug}/index.html", size)] + [
        page(f"briefs/{slug}/sources/s{n}/index.html", size) for n in range(1, sources + 1)
    ]


def site(briefs: int, people: int = 0, size: int = 100) -> list[IndexedPage]:
    pages = [p for n in range(briefs) for p in brief(f"story-{n}", size=size)]
    return pages + [page(f"people/person-{n}/index.html", size) for n in range(people)]


def where(shards: list[Shard]) -> dict[str, tuple[int, int]]:
    """Each page's path → its shard's group and bucket."""
    return {p.path: (shard.group, shard.bucket) for shard in shards for p in shard.pages}


@pytest.mark.parametrize("path, unit", [
    ("briefs/bridge/index.html", "briefs/bridge"),
    ("briefs/bridge/sources/echo/index.html", "briefs/bridge"),
    ("people/ana-lima/index.html", "people/ana-lima"),
    ("about.html", "about.html"),
    ("pages/about.html", "pages/about.html"),
])
def test_a_brief_moves_with_its_sources_and_an_entity_page_on_its_own(path, unit):
    assert unit_of(path) == unit


@pytest.mark.parametrize("total, limit, count", [
    (0, 100, 1), (100, 100, 1), (101, 100, 2), (400, 100, 4), (401, 100, 8), (10**9, 0, 1),
])
def test_the_shard_count_is_the_least_power_of_two_under_the_limit(total, limit, count):
    assert shard_count(total, limit) == count


def test_every_page_is_in_exactly_one_shard_and_units_stay_whole():
    pages = site(briefs=40, people=30)
    shards = plan(pages, shard_bytes=2_000)
    order = [(s.group, s.bucket) for s in shards]
    assert len(shards) > 1 and order == sorted(set(order))
    placed = [p.path for shard in shards for p in shard.pages]
    assert sorted(placed) == sorted(p.path for p in pages)
    for shard in shards:
        assert list(shard.pages) == sorted(shard.pages, key=lambda p: p.path)
        assert {unit_of(p.path) for p in shard.pages} == set(shard.units)
    shard_of = where(shards)
    for n in range(40):
        assert len({shard_of[p.path] for p in brief(f"story-{n}")}) == 1


def test_adding_or_editing_a_brief_moves_no_other_page():
    pages = site(briefs=40, people=30)
    before = where(plan(pages, shard_bytes=3_500))
    edited = [IndexedPage(p.path, p.size + 5, "changed") if "story-7/" in p.path else p for p in pages]
    grown = edited + brief("story-new")  # still under the same shard count
    after = where(plan(grown, shard_bytes=3_500))
    assert len(set(before.values())) >= 4
    assert {path: after[path] for path in before} == before


def test_when_the_count_doubles_each_shard_splits_in_two():
    pages = site(briefs=40)  # one section: one group
    small = plan(pages, shard_bytes=4_000)
    large = plan(pages, shard_bytes=2_000)
    count = shard_count(sum(p.size for p in pages), 4_000)
    assert shard_count(sum(p.size for p in pages), 2_000) == 2 * count
    old, new = where(small), where(large)
    for path in old:
        assert new[path][0] == old[path][0] and new[path][1] % count == old[path][1]
    assert bucket_of("briefs/story-3", 2 * count) % count == bucket_of("briefs/story-3", count)


def test_shards_stay_near_the_size_asked_for():
    pages = site(briefs=200, people=200, size=1_000)  # 600 KB of briefs, 200 KB of people
    shards = plan(pages, shard_bytes=100_000)
    # both sections are over the limit: each its own group (by name), sharded by its size
    assert Counter(s.group for s in shards) == {0: 8, 1: 2}
    assert {p.path.split("/")[0] for s in shards if s.group == 1 for p in s.pages} == {"people"}
    sizes = [sum(p.size for p in shard.pages) for shard in shards]
    assert max(sizes) < 2 * 100_000, sizes


def test_small_sections_share_shards_and_a_big_one_has_its_own():
    pages = site(briefs=30, people=20) + [page(f"outlets/o{n}/index.html") for n in range(5)] + [page("about.html")]
    # 9,000 bytes of briefs, 2,000 of people, 500 of outlets, 100 at the top
    shards = plan(pages, shard_bytes=4_000)
    sections = {(s.group, p.path.split("/")[0] if "/" in p.path else "") for s in shards for p in s.pages}
    assert sections == {(0, ""), (0, "outlets"), (0, "people"), (1, "briefs")}
    assert len([s for s in shards if s.group == 0]) == 1 and len([s for s in shards if s.group == 1]) == 4
    # an edit to a brief and to a person's page re-indexes two shards, not one per page
    assert len({where(shards)["briefs/story-3/index.html"], where(shards)["people/person-4/index.html"]}) == 2


def test_a_small_site_is_one_shard():
    assert len(plan(site(briefs=5, people=5) + [page("outlets/echo/index.html")], shard_bytes=16_000_000)) == 1


def test_a_shard_globs_exactly_its_units():
    (shard,) = plan(brief("bridge") + [page("people/ana/index.html"), page("about.html")], shard_bytes=0)
    assert shard.glob == "{about.html,briefs/bridge/**/*.html,people/ana/**/*.html}"
    (single,) = plan(brief("bridge"), shard_bytes=0)
    assert single.glob == "briefs/bridge/**/*.html"


@pytest.mark.parametrize("name", ["odd{1}", "a,b", "star*", "what?", "[x]", "not!", "back\\slash"])
def test_a_path_a_glob_would_misread_is_refused_by_name(name):
    with pytest.raises(ShardPlanError, match=rf"briefs/{re.escape(name)}/index\.html"):
        plan([page(f"briefs/{name}/index.html")], shard_bytes=0)


def test_the_first_shard_is_the_bundle_at_the_top_and_the_others_have_folders():
    shards = plan(site(briefs=20, people=3), shard_bytes=500)
    assert bundle_folder(shards[0], shards[0]) == ""
    folders = [bundle_folder(s, shards[0]) for s in shards[1:]]
    assert folders == [f"shard-{s.group}-{s.bucket}" for s in shards[1:]] and len(set(folders)) == len(folders)


def test_no_pages_no_shards():
    assert plan([], shard_bytes=100) == []
