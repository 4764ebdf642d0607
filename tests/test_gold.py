"""The hand-annotated article sets of tests/data are themselves well formed.

Two sets share one format: ``gold`` (the set the extractors are tuned on) and
``heldout`` (never tuned on, so its figures can be quoted). In each, every
article ``NN-slug.txt`` has its annotation ``NN-slug.json``; every annotated
quote, key fact and not-quote is found in the article (quotes at their
``occurrence``), and every ``rewrite_of`` names another article of the same
set. The scorer (``bench/extraction.py``) relies on all of this to place gold
spans.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data"
GOLD = DATA / "gold"
HELDOUT = DATA / "heldout"
NAME = re.compile(r"^\d{2,3}-[a-z0-9]+(?:-[a-z0-9]+)*$")
FIELDS = {"form", "rewrite_of", "quotes", "key_facts", "not_quotes"}
QUOTE_FIELDS = {"text", "occurrence", "speaker", "partial"}

# set name -> (folder, minimum number of articles, minimum number of rewrite pairs)
SETS = {
    "gold": (GOLD, 25, 3),
    "heldout": (HELDOUT, 12, 2),
}


def _stems(folder: Path) -> list[str]:
    return sorted(p.stem for p in folder.glob("*.txt"))


ARTICLES = _stems(GOLD)
CASES = [
    pytest.param(name, stem, id=f"{name}/{stem}")
    for name, (folder, _, _) in SETS.items()
    for stem in _stems(folder)
]


def _folder(name: str) -> Path:
    return SETS[name][0]


def _raw(name: str, stem: str) -> str:
    return (_folder(name) / f"{stem}.txt").read_bytes().decode("utf-8")


def _gold(name: str, stem: str) -> dict:
    return json.loads((_folder(name) / f"{stem}.json").read_text(encoding="utf-8"))


def _nth(raw: str, text: str, n: int) -> int:
    """Offset of the n-th (1-based) occurrence of text in raw, or -1."""
    at = -1
    for _ in range(n):
        at = raw.find(text, at + 1)
        if at < 0:
            return -1
    return at


@pytest.mark.parametrize("name", SETS)
def test_there_are_enough_articles(name):
    folder, minimum, _ = SETS[name]
    assert len(_stems(folder)) >= minimum


@pytest.mark.parametrize("name", SETS)
def test_every_article_has_its_annotation_and_back(name):
    folder = _folder(name)
    texts = {p.stem for p in folder.glob("*.txt")}
    jsons = {p.stem for p in folder.glob("*.json")}
    assert texts == jsons, f"unpaired: {sorted(texts ^ jsons)}"
    others = [p.name for p in folder.iterdir() if p.suffix not in {".txt", ".json"}]
    assert not others


@pytest.mark.parametrize("name", SETS)
def test_article_numbers_are_unique(name):
    numbers = [stem.split("-")[0] for stem in _stems(_folder(name))]
    assert len(numbers) == len(set(numbers))


def test_heldout_shares_no_article_with_gold():
    gold = {p.read_bytes() for p in GOLD.glob("*.txt")}
    shared = [p.name for p in HELDOUT.glob("*.txt") if p.read_bytes() in gold]
    assert not shared


@pytest.mark.parametrize(("name", "stem"), CASES)
def test_article_text(name, stem):
    assert NAME.match(stem), stem
    raw = _raw(name, stem)  # UTF-8 or it raises
    words = len(raw.split())
    assert 250 <= words <= 900, f"{stem}: {words} words"


@pytest.mark.parametrize(("name", "stem"), CASES)
def test_annotation_shape(name, stem):
    gold = _gold(name, stem)
    assert set(gold) == FIELDS
    assert isinstance(gold["form"], str) and gold["form"]
    assert gold["rewrite_of"] is None or isinstance(gold["rewrite_of"], str)
    assert isinstance(gold["quotes"], list)
    for q in gold["quotes"]:
        assert set(q) == QUOTE_FIELDS, q
        assert isinstance(q["text"], str) and q["text"] == q["text"].strip() and q["text"]
        assert isinstance(q["occurrence"], int) and q["occurrence"] >= 1
        assert q["speaker"] is None or (isinstance(q["speaker"], str) and q["speaker"].strip())
        assert isinstance(q["partial"], bool)
    assert 4 <= len(gold["key_facts"]) <= 8, f"{stem}: {len(gold['key_facts'])} key facts"
    assert all(isinstance(f, str) and f for f in gold["key_facts"])
    assert all(isinstance(n, str) and n for n in gold["not_quotes"])


@pytest.mark.parametrize(("name", "stem"), CASES)
def test_quotes_are_in_the_article(name, stem):
    raw, gold = _raw(name, stem), _gold(name, stem)
    spans = []
    for q in gold["quotes"]:
        at = _nth(raw, q["text"], q["occurrence"])
        assert at >= 0, f"{stem}: quote not found (occurrence {q['occurrence']}): {q['text']!r}"
        spans.append((at, at + len(q["text"])))
    spans.sort()
    for (s1, e1), (s2, e2) in zip(spans, spans[1:]):
        assert e1 <= s2, f"{stem}: annotated quotes overlap at {s2}"


@pytest.mark.parametrize(("name", "stem"), CASES)
def test_key_facts_are_sentences_of_the_article(name, stem):
    raw, gold = _raw(name, stem), _gold(name, stem)
    header_title = next(iter(raw.splitlines()), "")
    for fact in gold["key_facts"]:
        assert raw.count(fact) == 1, f"{stem}: key fact found {raw.count(fact)} times: {fact!r}"
        assert fact != header_title.strip()
        assert fact[-1] in ".!?\"”’'", f"{stem}: key fact does not end a sentence: {fact!r}"
    assert len(set(gold["key_facts"])) == len(gold["key_facts"])


@pytest.mark.parametrize(("name", "stem"), CASES)
def test_not_quotes_are_in_the_article(name, stem):
    raw, gold = _raw(name, stem), _gold(name, stem)
    quotes = [q["text"] for q in gold["quotes"]]
    for text in gold["not_quotes"]:
        assert text in raw, f"{stem}: not-quote not found: {text!r}"
        assert text not in quotes


@pytest.mark.parametrize("name", SETS)
def test_rewrites_name_existing_originals(name):
    _, _, minimum_pairs = SETS[name]
    articles = _stems(_folder(name))
    pairs = 0
    for stem in articles:
        original = _gold(name, stem)["rewrite_of"]
        if original is None:
            continue
        assert original in articles, f"{stem}: rewrite_of {original!r} is not a {name} article"
        assert original != stem
        assert _gold(name, original)["rewrite_of"] is None, "an original is not itself a rewrite"
        pairs += 1
    assert pairs >= minimum_pairs
