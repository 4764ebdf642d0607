"""Align sentences across sources that state the same fact in other words.

A *fact* is a group of ``(source id, sentence index)`` members, at most one
sentence per source. Every sentence of every source is in exactly one fact
(most facts are reported by one source only), so later stages can walk the
facts instead of the sentences.

How two sentences are compared (``similarity``):

* Both are reduced to their *content stems*: lower-cased words minus the
  function words in ``data/align_stopwords.txt``, each cut to its first
  ``STEM`` letters. Cutting is a crude stemmer, but it is what paraphrases
  need: ``defence``/``defense``, ``island``/``islands``, ``spending``/``spend``
  meet, and it needs no language model.
* rapidfuzz scores the stems twice: ``token_set_ratio`` (high when one
  sentence's words are mostly inside the other's, which is what a rewrite
  that adds or drops a clause looks like) and ``token_sort_ratio`` (which
  punishes the extra words, so a short sentence does not match every long
  one that happens to contain its words). The score is their mean, 0-100.
* Numbers are the strongest signal a rewrite keeps (``2%``, ``$320``,
  ``1895``): each shared number adds ``NUMBER_BONUS`` (at most two count);
  two sentences that both carry numbers but share none lose
  ``NUMBER_CLASH`` - they are usually different facts of the same story.
* Fewer than ``MIN_SHARED`` shared stems is never a match: two sentences of
  one story share names (the countries, the people) all the time.

``THRESHOLD`` (60) was set on paraphrase pairs: sentence-by-sentence rewrites
of wire copy scored 63-100 (the lowest, "intends to obtain ... capable of
striking" against "plans to acquire ... that could strike", shares few words
but all its names), while sentences of the same story that state different
facts scored up to 57 - they share the story's names and nouns. The
threshold sits in that gap; a false match (two facts merged) is worse than a
miss (caught later by the key-point duplicate check).

Grouping is greedy and deterministic: candidate pairs from different sources
are taken best score first (ties by position), and a pair joins two groups
only when the result still has one sentence per source.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Iterable, Mapping, Sequence

from rapidfuzz import fuzz

from .model import Evidence, ParsedSource, Sentence

THRESHOLD = 60.0
STEM = 5
MIN_SHARED = 3
NUMBER_BONUS = 10.0
NUMBER_CLASH = 15.0

Member = tuple[str, int]  # (source id, sentence index)
Fact = tuple[Member, ...]

_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


@cache
def load_words(name: str) -> frozenset[str]:
    """Lower-cased entries of ``briefing/data/<name>`` (``#`` lines are comments).

    Word lists are data, not code, so no story's words live in Python.
    """
    text = resources.files("briefing").joinpath("data", name).read_text("utf-8")
    return frozenset(
        line.strip().lower()
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    )


@cache
def numbers(text: str) -> frozenset[str]:
    """The numbers a text states, thousands separators dropped: ``{"2", "320"}``."""
    found = set()
    for match in _NUMBER.finditer(text):
        value = match.group()
        # "1,000" and "1000" are one number; "7.1" keeps its decimal point.
        value = re.sub(r",(?=\d{3}\b)", "", value)
        found.add(value)
    return frozenset(found)


@cache  # every sentence is compared with every other source's sentences
def content_stems(text: str) -> tuple[str, ...]:
    """Lower-case content words cut to ``STEM`` letters, in text order."""
    stop = load_words("align_stopwords.txt")
    stems = []
    for word in _WORD.findall(text):
        word = word.lower().replace("’", "'").strip("'-")
        if word.endswith("'s"):
            word = word[:-2]
        if word and word not in stop:
            stems.append(word[:STEM])
    return tuple(stems)


def similarity(a: str, b: str) -> float:
    """How surely two sentences state the same fact, roughly 0-120."""
    stems_a, stems_b = content_stems(a), content_stems(b)
    if len(set(stems_a) & set(stems_b)) < MIN_SHARED:
        return 0.0
    joined_a, joined_b = " ".join(stems_a), " ".join(stems_b)
    score = (fuzz.token_set_ratio(joined_a, joined_b) + fuzz.token_sort_ratio(joined_a, joined_b)) / 2
    nums_a, nums_b = numbers(a), numbers(b)
    shared = nums_a & nums_b
    if shared:
        score += NUMBER_BONUS * min(2, len(shared))
    elif nums_a and nums_b:
        score -= NUMBER_CLASH
    return score


def _candidate_pairs(
    sources: Sequence[ParsedSource], threshold: float
) -> list[tuple[float, Member, Member]]:
    pairs = []
    for i, left in enumerate(sources):
        for right in sources[i + 1 :]:
            for a in left.sentences:
                for b in right.sentences:
                    score = similarity(a.text, b.text)
                    if score >= threshold:
                        pairs.append((score, (left.id, a.index), (right.id, b.index)))
    # Best first; ties by position so the result never depends on set order.
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    return pairs


def align_sentences(
    sources: Sequence[ParsedSource], threshold: float = THRESHOLD
) -> tuple[Fact, ...]:
    """Every sentence in one fact; a fact holds at most one sentence per source.

    Facts are sorted members-first; the tuple of facts is sorted too.
    """
    ordered = sorted(sources, key=lambda s: s.id)
    group_of: dict[Member, int] = {}
    groups: dict[int, set[Member]] = {}
    for source in ordered:
        for sentence in source.sentences:
            member = (source.id, sentence.index)
            group_of[member] = len(groups)
            groups[len(groups)] = {member}
    for _score, a, b in _candidate_pairs(ordered, threshold):
        ga, gb = group_of[a], group_of[b]
        if ga == gb:
            continue
        if {m[0] for m in groups[ga]} & {m[0] for m in groups[gb]}:
            continue  # would put two sentences of one source in one fact
        for member in groups[gb]:
            group_of[member] = ga
        groups[ga] |= groups.pop(gb)
    return tuple(sorted(tuple(sorted(g)) for g in groups.values()))


# --------------------------------------------------------------------------
# helpers the later stages share: looking members up, building evidence
# --------------------------------------------------------------------------


def sentence_index(sources: Iterable[ParsedSource]) -> dict[Member, Sentence]:
    """``(source id, sentence index) -> Sentence`` for every sentence."""
    return {(s.id, sentence.index): sentence for s in sources for sentence in s.sentences}


def evidence_for(source_id: str, sentence: Sentence) -> Evidence:
    """The evidence span of a whole sentence."""
    return Evidence(source_id, sentence.paragraph, sentence.start, sentence.end)


def fact_of(facts: Sequence[Fact]) -> dict[Member, Fact]:
    """``member -> the fact it is in``."""
    return {member: fact for fact in facts for member in fact}


def preferred_member(fact: Fact, derived_from: Mapping[str, str | None]) -> Member:
    """The member whose wording a merged item shows: the original, not a rewrite.

    A member is a rewrite here when its source derives from another source
    that is also in the fact; among the rest the first in source-id order wins.
    """
    in_fact = {source for source, _ in fact}

    def is_rewrite(member: Member) -> bool:
        return derived_from.get(member[0]) in in_fact

    return min(fact, key=lambda m: (is_rewrite(m), m))
