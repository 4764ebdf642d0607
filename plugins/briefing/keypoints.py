"""Rank facts into the brief's key points.

Each fact (a group of aligned sentences) gets a score for what matters to a
reader; the best become key points, best first. Weights, and why:

* ``+2`` per extra source reporting it, ``+1`` more per extra *independent*
  one (a rewrite repeats, it does not confirm): what several outlets carry
  is what the story is about.
* ``+1.5`` a decision or action (``data/action_cues.txt``: agreed, announced,
  will, plans...): who did what.
* ``+1`` someone reported as saying it (``data/reporting_cues.txt``) or a
  quote with a speaker in it: who said what.
* ``+1.5`` numbers (amounts, counts, dates); ``+0.75`` per named person,
  place or organisation (up to three): specifics over generalities.
* ``+1.5`` for the first story paragraph, ``+1`` second, ``+0.5`` third:
  news is written top-down, but position only breaks near-ties.
* ``-3`` very short sentences (fewer than ``MIN_WORDS`` words): "He did
  not go into specifics." is not a point on its own; ``-1`` a sentence that
  opens with a pronoun (``data/context_pronouns.txt``), which needs the
  sentence before it to be understood.
* ``-1.5`` sentences whose dates are all history (see ``background``): they
  belong to the background section.
* ``-6`` commentary: the outlet's own evaluation (an evaluative word from
  ``data/commentary_cues.txt`` with no reporting cue, quote or number). It
  stays a candidate - marked ``commentary=True`` - but ranks last.

How many: ``max_key_points`` at most, and for small briefs a third of the
facts (at least ``MIN_KEY_POINTS``), so a six-sentence story is not
restated whole. Titles and captions are never candidates (they are blocks,
not sentences; sentences overlapping a block are skipped all the same).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Mapping, Sequence

from .align import (
    THRESHOLD,
    Fact,
    evidence_for,
    load_words,
    numbers,
    preferred_member,
    sentence_index,
    similarity,
)
from .attribution import independent_sources
from .model import KeyPoint, ParsedSource, Sentence

MIN_WORDS = 6
MIN_KEY_POINTS = 3
HISTORY_YEARS = 5  # a date this many years before the brief is history

_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
_YEAR = re.compile(r"^(\d{4})")


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def has_cue(text: str, cues: frozenset[str]) -> bool:
    """Whether ``text`` has one of ``cues`` (words, or phrases with spaces)."""
    words = _words(text)
    padded = " " + " ".join(w.lower() for w in _WORD.findall(text)) + " "
    return any((f" {cue} " in padded) if " " in cue else (cue in words) for cue in cues)


def is_commentary(text: str, has_quote: bool = False) -> bool:
    """The outlet's own evaluation: evaluative, unattributed, unquantified."""
    if has_quote or re.search(r"\d", text):
        return False
    if has_cue(text, load_words("reporting_cues.txt")):
        return False
    return has_cue(text, load_words("commentary_cues.txt"))


def year_of(value: str) -> int | None:
    """The year a date value starts with: ``"1970s" -> 1970``."""
    match = _YEAR.match(value)
    return int(match.group(1)) if match else None


def reference_year(date: str | None, sources: Sequence[ParsedSource]) -> int | None:
    """The brief's year, else its sources' latest dated year, else the latest mentioned."""
    candidates = [date] if date else [s.date for s in sources if s.date]
    if not candidates:
        candidates = [d.value for s in sources for d in s.dates]
    years = [y for y in (year_of(c) for c in candidates if c) if y]
    return max(years) if years else None


def is_history(value: str, ref_year: int | None) -> bool:
    year = year_of(value)
    return year is not None and ref_year is not None and year <= ref_year - HISTORY_YEARS


@dataclass(frozen=True)
class _Candidate:
    fact: Fact
    member: tuple[str, int]
    sentence: Sentence
    score: float
    commentary: bool
    position: tuple


def _name_forms(sources: Sequence[ParsedSource]) -> tuple[str, ...]:
    forms = {f for s in sources for e in s.entities for f in (e.name, *e.aliases) if len(f) > 1}
    return tuple(sorted(forms))


def _names_in(text: str, forms: Sequence[str]) -> int:
    return sum(1 for f in forms if re.search(rf"(?<!\w){re.escape(f)}(?!\w)", text))


def _in_block(source: ParsedSource, sentence: Sentence) -> bool:
    return any(b.start < sentence.end and sentence.start < b.end for b in source.blocks)


class _Scorer:
    def __init__(self, sources, derived, ref_year):
        self.by_id = {s.id: s for s in sources}
        self.derived = derived
        self.ref_year = ref_year
        self.sentences = sentence_index(sources)
        self.forms = _name_forms(sources)
        self.quoted = {(s.id, q.sentence) for s in sources for q in s.quotes if q.speaker}
        self.dates = {}
        for s in sources:
            for d in s.dates:
                self.dates.setdefault((s.id, d.sentence), []).append(d.value)
        self.para_rank = {
            (s.id, p.number): rank for s in sources for rank, p in enumerate(s.paragraphs, 1)
        }

    def score(self, fact: Fact, member, sentence: Sentence) -> tuple[float, bool]:
        text = sentence.text
        ids = [m[0] for m in fact]
        score = 2.0 * (len(ids) - 1) + 1.0 * (len(independent_sources(ids, self.derived)) - 1)
        if has_cue(text, load_words("action_cues.txt")):
            score += 1.5
        quoted = any(m in self.quoted for m in fact)
        if quoted or has_cue(text, load_words("reporting_cues.txt")):
            score += 1.0
        if numbers(text):
            score += 1.5
        score += 0.75 * min(3, _names_in(text, self.forms))
        rank = self.lead_rank(fact)
        score += max(0.0, 2.0 - 0.5 * rank)
        words = _WORD.findall(text)
        if len(words) < MIN_WORDS:
            score -= 3.0
        if words and words[0].lower() in load_words("context_pronouns.txt"):
            score -= 1.0
        dated = self.dates.get(member, [])
        if dated and all(is_history(v, self.ref_year) for v in dated):
            score -= 1.5
        commentary = is_commentary(text, quoted)
        if commentary:
            score -= 6.0
        return score, commentary

    def lead_rank(self, fact: Fact) -> int:
        """How near the top its earliest sentence is (1 = first story paragraph)."""
        return min(self.para_rank.get((m[0], self.sentences[m].paragraph), 99) for m in fact)


def _candidates(sources, facts, derived, ref_year) -> list[_Candidate]:
    scorer = _Scorer(sources, derived, ref_year)
    order = {s.id: i for i, s in enumerate(sorted(sources, key=lambda s: s.id))}
    out = []
    for fact in facts:
        member = preferred_member(fact, derived)
        sentence = scorer.sentences[member]
        if _in_block(scorer.by_id[member[0]], sentence):
            continue
        score, commentary = scorer.score(fact, member, sentence)
        position = (scorer.lead_rank(fact), order[member[0]], member[1])
        out.append(_Candidate(fact, member, sentence, score, commentary, position))
    out.sort(key=lambda c: (-c.score, c.position))
    return out


def key_point_limit(n_facts: int, max_key_points: int) -> int:
    return min(max_key_points, n_facts, max(MIN_KEY_POINTS, math.ceil(n_facts / 3)))


def rank_key_points(
    sources: Sequence[ParsedSource],
    facts: Sequence[Fact],
    derived: Mapping[str, str | None],
    *,
    max_key_points: int = 8,
    reference_date: str | None = None,
) -> tuple[KeyPoint, ...]:
    """The best facts as key points ``k1``, ``k2``... best first."""
    ref_year = reference_year(reference_date, sources)
    index = sentence_index(sources)
    chosen: list[_Candidate] = []
    candidates = _candidates(sources, facts, derived, ref_year)
    limit = key_point_limit(len(candidates), max_key_points)
    for cand in candidates:
        if len(chosen) >= limit:
            break
        # No duplicates: alignment keeps one sentence per source in a fact,
        # so a source repeating itself, or a match blocked by that rule, can
        # leave two facts saying the same thing.
        if any(similarity(cand.sentence.text, c.sentence.text) >= THRESHOLD for c in chosen):
            continue
        chosen.append(cand)
    return tuple(
        KeyPoint(
            id=f"k{n}",
            text=c.sentence.text,
            sources=tuple(sorted({m[0] for m in c.fact})),
            evidence=tuple(evidence_for(m[0], index[m]) for m in c.fact),
            commentary=c.commentary,
        )
        for n, c in enumerate(chosen, 1)
    )
