"""The site benchmark's synthetic corpus (bench/corpus.py): deterministic, the asked-for shape,
and news enough that a build does the pipeline's real work (quotes, speakers, rewrites)."""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

import pytest

from conftest import ROOT, run_pelican

if str(ROOT) not in sys.path:  # the repository root, so that `bench` imports
    sys.path.insert(0, str(ROOT))

from bench.corpus import (  # noqa: E402
    MAX_SOURCES,
    MAX_WORDS,
    MIN_SOURCES,
    MIN_WORDS,
    _unique,
    edit_one_quote,
    generate,
    write_ours,
    write_plain,
    write_registry,
)


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _write_both(n: int, folder: Path) -> None:
    briefs = generate(n)
    write_ours(briefs, folder / "ours")
    write_plain(briefs, folder / "plain")


def _body(path: Path) -> str:
    """A file's text after its header lines (or Markdown metadata) and the blank line."""
    return path.read_text(encoding="utf-8").split("\n\n", 1)[1]


def test_two_runs_write_byte_identical_files(tmp_path):
    _write_both(23, tmp_path / "a")
    _write_both(23, tmp_path / "b")
    first, second = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert first and first == second


def test_another_seed_writes_another_corpus():
    assert [s.body for b in generate(9, seed=1) for s in b.sources] != [
        s.body for b in generate(9, seed=2) for s in b.sources
    ]


@pytest.mark.parametrize("n", [2, 3, 9, 17, 61])
def test_n_sources_in_briefs_of_two_to_eight(tmp_path, n):
    _write_both(n, tmp_path)
    briefs = sorted((tmp_path / "ours" / "briefs").iterdir())
    sizes = [len(list((brief / "sources").glob("*.txt"))) for brief in briefs]
    assert sum(sizes) == n
    assert all(MIN_SOURCES <= size <= MAX_SOURCES for size in sizes), sizes
    assert all((brief / "brief.md").is_file() for brief in briefs)
    assert len(list((tmp_path / "plain").glob("*.md"))) == n


def test_every_article_is_600_to_900_words_in_both_layouts(tmp_path):
    _write_both(61, tmp_path)
    articles = [*(tmp_path / "ours").rglob("sources/*.txt"), *(tmp_path / "plain").glob("*.md")]
    counts = [len(_body(path).split()) for path in articles]
    assert len(counts) == 2 * 61
    assert all(MIN_WORDS <= count <= MAX_WORDS for count in counts), (min(counts), max(counts))


def test_plain_articles_carry_pelican_metadata_and_the_same_text(tmp_path):
    _write_both(5, tmp_path)
    plain = sorted((tmp_path / "plain").glob("*.md"))
    ours = {p.stem: p for p in (tmp_path / "ours").rglob("sources/*.txt")}
    for path in plain:
        meta = dict(line.split(": ", 1) for line in path.read_text(encoding="utf-8").split("\n\n", 1)[0].splitlines())
        assert {"Title", "Date", "Category", "Tags", "Slug"} <= meta.keys()
        source = next(stem for stem in ours if path.stem.endswith(stem))
        assert _body(path) == _body(ours[source])


def test_people_and_places_are_shared_across_briefs():
    briefs = generate(200)
    people = [p.name for b in briefs for p in b.people]
    places = [b.place for b in briefs]
    assert len(set(people)) < len(people) / 2
    assert len(set(places)) < len(places) / 2


def test_editing_one_quote_changes_only_the_words_inside_its_marks(tmp_path):
    _write_both(9, tmp_path)
    before = _files(tmp_path / "ours")
    edited = edit_one_quote(tmp_path / "ours")
    after = _files(tmp_path / "ours")
    changed = [name for name in before if before[name] != after[name]]
    assert changed == [str(edited.relative_to(tmp_path / "ours"))]
    old, new = before[changed[0]].decode(), after[changed[0]].decode()
    old_quotes, new_quotes = re.findall(r'"[^"]*"', old), re.findall(r'"[^"]*"', new)
    assert len(old_quotes) == len(new_quotes)
    differing = [(a, b) for a, b in zip(old_quotes, new_quotes) if a != b]
    assert len(differing) == 1
    assert old.replace(differing[0][0], "", 1) == new.replace(differing[0][1], "", 1)


def test_a_generated_brief_builds_with_quotes_speakers_key_points_and_a_rewrite(tmp_path):
    (brief,) = generate(5)  # one brief: wire copy, its rewrite, three other reports
    write_ours([brief], tmp_path / "content")
    build = run_pelican(tmp_path / "content", tmp_path / "output")
    assert build.returncode == 0, build.log
    data = json.loads((tmp_path / "output" / "briefs" / brief.slug / "brief.json").read_text(encoding="utf-8"))

    names = {person.name for person in brief.people}
    spoken = [q for q in data["quotes"] if q["speaker"] and q["speaker"]["name"] in names]
    assert len(spoken) >= 10
    assert any(q["speaker"]["role"] for q in spoken)
    assert any(len(q["sources"]) >= 2 for q in data["quotes"])
    assert sum(len(point["sources"]) >= 3 for point in data["key_points"]) >= 3

    rewrites = {s.slug: s.derived_from for s in brief.sources if s.derived_from}
    found = {s["id"]: s["derived_from"] for s in data["sources"] if s["derived_from"]}
    assert rewrites and rewrites.items() <= found.items()


def test_a_name_pool_that_runs_out_gets_longer_names_instead_of_looping_forever():
    taken = {"Lorem"}
    name = _unique(random.Random(1), lambda r: "Lorem", taken, tries=5)
    assert name.startswith("Lorem") and name != "Lorem" and name in taken


def test_the_registry_holds_the_corpus_people_and_places_it_is_asked_for(tmp_path):
    from briefing.model import PERSON, PLACE
    from briefing.registry import load_registry

    briefs = generate(40)
    people = {p.name: p for brief in briefs for p in brief.people}
    places = {brief.place for brief in briefs}
    assert write_registry(briefs, tmp_path, 5) == 5
    first = load_registry(str(tmp_path / "data" / "entities.yml")).entries
    assert [e.kind for e in first] == [PERSON] * 5  # people first
    assert all(e.role == people[e.name].role and e.aliases == (people[e.name].last,) for e in first)
    everything = len(people) + len(places) + 10
    assert write_registry(briefs, tmp_path, everything) == len(people) + len(places)
    entries = load_registry(str(tmp_path / "data" / "entities.yml")).entries
    assert {e.name for e in entries if e.kind == PLACE} == places and entries[:5] == first
