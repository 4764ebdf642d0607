"""Align sentences across sources that state the same fact in other words.

A *fact* is a group of ``(source id, sentence index)`` members, at most one
sentence per source. Every sentence of every source is in exactly one fact
(most facts are reported by one source only), so later stages can walk the
facts instead of the sentences.

How two sentences are compared (``Similarity``):

* Both are reduced to their *content stems*: lower-cased words minus the
  function words in ``data/align_stopwords.txt``, each cut to its first
  ``STEM`` letters. Cutting is a crude stemmer, but it is what paraphrases
  need: ``defence``/``defense``, ``island``/``islands``, ``spending``/``spend``
  meet, and it needs no language model.
* Two scores, averaged (0-100):
  - *wording*: rapidfuzz ``token_set_ratio`` (high when one sentence's words
    are mostly inside the other's - a rewrite adding or dropping a clause)
    and ``token_sort_ratio`` (which punishes the extra words), averaged;
  - *weighted overlap*: a Dice coefficient over the stems where each stem
    weighs its rarity in the brief (inverse sentence frequency: a story's
    own names, said in every sentence, tell two of its sentences apart
    less than a word only two sentences share), and names (capitalised
    words past the first) and numbers weigh ``NAME_WEIGHT`` times more -
    who and how many is what a paraphrase keeps. Without the brief's
    sentences (``similarity(a, b)``) every stem weighs 1.
* Numbers are the strongest signal a rewrite keeps (``2%``, ``$320``):
  each shared number adds ``NUMBER_BONUS`` (at most two count); two
  sentences that both carry numbers but share none lose ``NUMBER_CLASH`` -
  they are usually different facts of the same story - unless their words
  are near the same (``NEAR_SAME``): then it is one fact told with another
  figure, which is a disagreement to report, not two facts.
* Fewer than ``MIN_SHARED`` shared stems is never a match: two sentences of
  one story share names (the countries, the people) all the time.

``THRESHOLD`` (47) was set on the seed pair and made-up paraphrases: true
sentence-by-sentence rewrites of wire copy scored 51-100, different facts
of the same story at most 46 (they share the story's names and nouns).

Pairing: per pair of sources, the one-to-one matching that maximises the
total score (Hungarian method, ``assignment``), so a sentence is not taken
by a weaker partner because that pair came first - the standfirst of a
rewrite no longer steals the wire lead from the rewrite's own lead. Of
equally good matchings (a sentence said twice) the one that keeps the two
sources' order is taken: the first of two pairs with the first. Those
matches then join into facts best score first; a match joins two groups
only when the result still has one sentence per source. A *standfirst* (the
summary paragraph between a headline and the separator above the story)
restates the whole story: it is kept out of alignment, as titles are.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import cache, lru_cache
from itertools import accumulate
from importlib import resources
from typing import Iterable, Mapping, Sequence

from rapidfuzz import fuzz

from .model import Evidence, ParsedSource, Sentence

THRESHOLD = 47.0
STEM = 5
MIN_SHARED = 3
NUMBER_BONUS = 10.0
NUMBER_CLASH = 20.0
NEAR_SAME = 85.0
NAME_WEIGHT = 1.5
SCORE_UNIT = 1e-6  # scores closer than this are equal when pairing
#: sentences whose stems and numbers are kept, per function. Enough for the
#: biggest brief (every sentence is compared with every other source's), and
#: bounded: a pool worker assembles hundreds of briefs, and unbounded caches
#: grew it by ~0.4 MB a brief (to ~310 MB at 5,000 sources).
SENTENCE_CACHE = 4096

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


@lru_cache(maxsize=SENTENCE_CACHE)
def numbers(text: str) -> frozenset[str]:
    """The numbers a text states, thousands separators dropped: ``{"2", "320"}``."""
    found = set()
    for match in _NUMBER.finditer(text):
        value = match.group()
        # "1,000" and "1000" are one number; "7.1" keeps its decimal point.
        value = re.sub(r",(?=\d{3}\b)", "", value)
        found.add(value)
    return frozenset(found)


def _stem(word: str) -> str:
    word = word.lower().replace("’", "'").strip("'-")
    if word.endswith("'s"):
        word = word[:-2]
    return word


@lru_cache(maxsize=SENTENCE_CACHE)  # every sentence is compared with every other source's sentences
def content_stems(text: str) -> tuple[str, ...]:
    """Lower-case content words cut to ``STEM`` letters, in text order."""
    stop = load_words("align_stopwords.txt")
    stems = []
    for word in _WORD.findall(text):
        word = _stem(word)
        if word and word not in stop:
            stems.append(word[:STEM])
    return tuple(stems)


@lru_cache(maxsize=SENTENCE_CACHE)
def stem_set(text: str) -> frozenset[str]:
    """The distinct ``content_stems`` of a text."""
    return frozenset(content_stems(text))


@lru_cache(maxsize=SENTENCE_CACHE)
def name_stems(text: str) -> frozenset[str]:
    """Stems of capitalised words past the first word, and the numbers.

    The first word is capitalised anyway; past it, a capital marks a name
    (``Valmora``, ``Ada Okafor``) in the languages this reads.
    """
    stop = load_words("align_stopwords.txt")
    found = set(numbers(text))
    for n, word in enumerate(_WORD.findall(text)):
        stem = _stem(word)
        if n and word[0].isupper() and stem not in stop:
            found.add(stem[:STEM])
    return frozenset(found)


def exact_shift(values: Iterable[float]) -> int:
    """The least ``shift`` that makes each of ``values`` times ``2 ** shift`` an int.

    Scaled so, floats add up exactly as ints, in any order and in any
    grouping, and ``total / 2 ** shift`` (int division rounds correctly) is
    the float ``math.fsum`` gives of the same values.
    """
    return max(value.as_integer_ratio()[1].bit_length() - 1 for value in values)


def scaled(value: float, shift: int) -> int:
    """``value * 2 ** shift`` exactly, for a ``shift`` from ``exact_shift``."""
    numerator, denominator = value.as_integer_ratio()
    return numerator << (shift - denominator.bit_length() + 1)


class _Features:
    """What comparing a sentence needs, worked out once per sentence."""

    __slots__ = ("stems", "names", "joined", "sorted_joined", "numbers", "plain_total")

    def __init__(self, text: str):
        stems = content_stems(text)
        self.stems = stem_set(text)
        self.names = name_stems(text)
        self.joined = " ".join(stems)
        # what rapidfuzz's token_sort_ratio compares: the words sorted
        self.sorted_joined = " ".join(sorted(stems))
        self.numbers = numbers(text)
        self.plain_total = 0  # the stems' plain weights summed, exact (``Similarity``)


class Similarity:
    """Sentence similarity with stem weights learnt from one brief's sentences.

    Weights are summed exactly: each is kept as an int, the float times
    ``2 ** shift``, where ``shift`` makes every weight the brief can give an
    int. Int sums do not depend on the order of the terms (sets iterate in
    an order that changes with PYTHONHASHSEED, and a plain float sum() made
    builds differ), and one division gives the correctly rounded float of
    the exact sum: bit for bit what ``math.fsum`` of the float weights
    gives. Unlike fsum's, the sums can be split: a sentence's plain weights
    are summed once (``_Features.plain_total``), and a pair only adds what
    its names weigh more.
    """

    def __init__(self, texts: Iterable[str] = ()):
        texts = list(texts)
        self._sentences = len(texts)
        self._df = Counter(stem for text in texts for stem in set(content_stems(text)))
        # A weight is a function of its stem's count: the few counts give every weight there is.
        weights = [self._weight_of(count) * factor
                   for count in {0, *self._df.values()} for factor in (1.0, NAME_WEIGHT)]
        self._shift = exact_shift(weights)
        self._scale = 1 << self._shift
        # A brief compares each sentence with hundreds of others: its
        # features and its stems' weights are worked out once (``features``,
        # ``_plain``/``_extra``) and every pair only looks them up.
        self._features: dict[str, _Features] = {}
        self._plain: dict[str, int] = {}
        self._extra: dict[str, int] = {}  # what a stem weighs more as a name

    def _weight_of(self, count: int) -> float:
        if not self._sentences:
            return 1.0
        # inverse sentence frequency, smoothed so no weight is zero
        return math.log((self._sentences + 1) / (count + 0.5))

    def _base(self, stem: str) -> float:
        return self._weight_of(self._df.get(stem, 0))

    def weight(self, stem: str, names: frozenset[str]) -> float:
        return self._base(stem) * (NAME_WEIGHT if stem in names else 1.0)

    def features(self, text: str) -> _Features:
        """``text``'s features, its stems' weights learnt."""
        found = self._features.get(text)
        if found is None:
            if len(self._features) >= SENTENCE_CACHE:
                self._features.clear()  # bounded, as the module's caches are
            found = self._features[text] = _Features(text)
            for stem in found.stems - self._plain.keys():
                base = self._base(stem)
                plain = self._plain[stem] = scaled(base * 1.0, self._shift)  # the float ``weight`` makes
                self._extra[stem] = scaled(base * NAME_WEIGHT, self._shift) - plain
            found.plain_total = sum(map(self._plain.__getitem__, found.stems))
        return found

    def _total(self, plain_total: int, stems: frozenset[str], names: frozenset[str]) -> float:
        """The weights of ``stems`` summed, those in ``names`` as names; ``plain_total``
        is what they weigh plain."""
        return (plain_total + sum(map(self._extra.__getitem__, stems & names))) / self._scale

    def weighted_overlap(self, a: str, b: str) -> float:
        fa, fb = self.features(a), self.features(b)
        return self._overlap(fa, fb, fa.stems & fb.stems)

    def _overlap(self, fa: _Features, fb: _Features, shared_stems: frozenset[str]) -> float:
        names = fa.names | fb.names
        wa, wb = self._total(fa.plain_total, fa.stems, names), self._total(fb.plain_total, fb.stems, names)
        shared = self._total(sum(map(self._plain.__getitem__, shared_stems)), shared_stems, names)
        return 100.0 * 2 * shared / (wa + wb) if wa + wb else 0.0

    def __call__(self, a: str, b: str) -> float:
        """How surely two sentences state the same fact, roughly 0-120."""
        return self.compare(self.features(a), self.features(b))

    def compare(self, fa: _Features, fb: _Features) -> float:
        """``self(a, b)`` of two sentences' ``features``."""
        shared_stems = fa.stems & fb.stems
        if len(shared_stems) < MIN_SHARED:
            return 0.0
        wording = (
            fuzz.token_set_ratio(fa.joined, fb.joined) + fuzz.ratio(fa.sorted_joined, fb.sorted_joined)
        ) / 2
        score = (wording + self._overlap(fa, fb, shared_stems)) / 2
        shared = fa.numbers & fb.numbers
        if shared:
            score += NUMBER_BONUS * min(2, len(shared))
        elif fa.numbers and fb.numbers and wording < NEAR_SAME:
            score -= NUMBER_CLASH
        return score


_PLAIN = Similarity()


def similarity(a: str, b: str) -> float:
    """``Similarity`` with every stem weighing the same (no brief to learn from)."""
    return _PLAIN(a, b)


# --------------------------------------------------------------------------
# pairing: optimal one-to-one matches per pair of sources, then facts
# --------------------------------------------------------------------------


def assignment(scores: Sequence[Sequence[float]]) -> list[tuple[int, int]]:
    """Row-column pairs that maximise the total score (Hungarian method).

    ``scores`` is a rows x columns matrix of non-negative scores; pairs
    scoring 0 are left out of the answer (0 means "no match").

    Among matchings of the same total (a sentence said twice, a template
    sentence told with other numbers), the answer is the one that keeps the
    two sources' order best: the greatest sum of ``_closeness``, how near
    the paired sentences sit, each as a share of its source. A rewrite
    follows its original's order, so the first of two equal sentences pairs
    with the first. Scores count to ``SCORE_UNIT``, so totals that differ
    only by float rounding are equal.
    """
    shape = (len(scores), len(scores[0]) if scores else 0)
    cells = {(r, c): value for r, row in enumerate(scores) for c, value in enumerate(row) if value > 0}
    return sparse_assignment(cells, shape)


def sparse_assignment(cells: Mapping[tuple[int, int], float], shape: tuple[int, int]) -> list[tuple[int, int]]:
    """``assignment`` of a ``shape`` matrix given as its ``(row, column) ->
    score`` cells scoring above 0 (every other cell scores 0).

    A brief's matrices are sparse: most sentences of one source match no
    sentence of the other. Pairs scoring above 0 link rows and columns into
    small groups (``_linked_groups``), and a best matching of the whole is
    a best matching of each group, so each group is solved on its own: the
    Hungarian method is O(n^2 m), and a group is a few rows where the whole
    matrix is a few dozen.
    """
    pairs: list[tuple[int, int]] = []
    for rows, cols in _linked_groups(cells):
        if len(rows) == 1 and len(cols) == 1:
            pairs.append((rows[0], cols[0]))
            continue
        group = [[cells.get((r, c), 0.0) for c in cols] for r in rows]
        near = [[_closeness(r, c, shape) for c in cols] for r in rows]
        pairs += [(rows[i], cols[j]) for i, j in _group_assignment(group, near, shape[0] * shape[1])]
    return sorted(pairs)


def _closeness(row: int, col: int, shape: tuple[int, int]) -> int:
    """How near a row and a column sit, each as a share of its side: from 1
    to ``rows x columns`` (same share), in units of ``1 / (rows x columns)``
    (an int, so sums are exact)."""
    rows, cols = shape
    return rows * cols - abs(row * cols - col * rows)


def _linked_groups(cells: Iterable[tuple[int, int]]) -> list[tuple[list[int], list[int]]]:
    """Rows and columns (each in order) linked by ``cells``, the ``(row,
    column)`` pairs scoring above 0.

    Connected parts of the bipartite graph whose edges are those pairs; a
    row or column with no such pair is in none.
    """
    cells = list(cells)
    # nodes are ints: row r is r, column c is ``height + c`` (rows sort before columns)
    height = 1 + max((r for r, _ in cells), default=-1)
    parent: dict[int, int] = {}

    def root(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for r, c in cells:
        b = height + c
        parent.setdefault(r, r)
        parent.setdefault(b, b)
        ra, rb = root(r), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    members: dict[int, tuple[list[int], list[int]]] = {}
    for node in sorted(parent):
        rows, cols = members.setdefault(root(node), ([], []))
        if node < height:
            rows.append(node)
        else:
            cols.append(node - height)
    return list(members.values())


def _group_assignment(scores: list[list[float]], near: list[list[int]], nearest: int) -> list[tuple[int, int]]:
    """``assignment`` of one group as a whole: the greatest total score, then
    the greatest total closeness ``near`` (at most ``nearest`` a pair).

    Both go into one exact int cost per pair, the score above the
    closeness: ``SCORE_UNIT``s short of the top score, times a step greater
    than any matching's whole closeness, plus how far short of ``nearest``
    the pair is. A pair scoring 0 counts no closeness.
    """
    transposed = len(scores) > len(scores[0])
    if transposed:
        scores, near = [list(c) for c in zip(*scores)], [list(c) for c in zip(*near)]
    # a score above 0 counts at least one unit: it is a match
    units = [[max(1, round(v / SCORE_UNIT)) if v > 0 else 0 for v in row] for row in scores]
    top = max(max(row) for row in units)
    step = nearest * len(scores) + 1
    # minimise cost = maximise score; a 0 in front makes the rows 1-based
    cost = [
        [0] + [(top - u) * step + nearest - (n if u else 0) for u, n in zip(urow, nrow)]
        for urow, nrow in zip(units, near)
    ]
    match = _min_cost_matching(cost, len(scores[0]))
    pairs = [(match[j] - 1, j - 1) for j in range(1, len(match)) if match[j]]
    return [(c, r) if transposed else (r, c) for r, c in pairs if units[r][c] > 0]


def _min_cost_matching(cost: list[list[int]], m: int) -> list[int]:
    """``column -> row`` (1-based, 0 = free) of a least-cost matching of every row.

    Costs are ints, so the sums are exact and equal costs are equal.

    The potentials method (e-maxx), a row at a time. The columns still
    free in a search are kept in a list in column order, so each step
    visits those alone and ties still go to the lowest column.
    """
    u, v = [0] * (len(cost) + 1), [0] * (m + 1)
    match = [0] * (m + 1)
    for row in range(1, len(cost) + 1):
        match[0] = row
        way = [0] * (m + 1)
        least = [math.inf] * (m + 1)
        free = list(range(1, m + 1))
        used = [0]
        col = 0
        while match[col]:
            r = match[col]
            costs, ur = cost[r - 1], u[r]
            delta, nxt = math.inf, 0
            for j in free:
                reduced = costs[j] - ur - v[j]
                if reduced < least[j]:
                    least[j] = reduced
                    way[j] = col
                if least[j] < delta:
                    delta, nxt = least[j], j
            for j in used:
                u[match[j]] += delta
                v[j] -= delta
            for j in free:
                least[j] -= delta
            col = nxt
            free.remove(col)
            used.append(col)
        while col:
            prev = way[col]
            match[col] = match[prev]
            col = prev
    return match


def standfirst(source: ParsedSource) -> frozenset[int]:
    """Sentence indexes of a standfirst: paragraphs after a title and before
    the separator that opens the story (``Title / summary / - / story``).

    It restates the story in brief, so it matches many sentences loosely
    and none as a fact; alignment and key points leave it out.
    """
    titles = [b.start for b in source.blocks if b.kind == "title"]
    separators = [b.start for b in source.blocks if b.kind == "separator"]
    if not titles or not separators:
        return frozenset()
    first_title = min(titles)
    cut = min((s for s in separators if s > first_title), default=None)
    if cut is None or not any(p.start > cut for p in source.paragraphs):
        return frozenset()
    return frozenset(s.index for s in source.sentences if first_title < s.start < cut)


def _eligible(source: ParsedSource) -> list[Sentence]:
    skip = standfirst(source)
    return [s for s in source.sentences if s.index not in skip]


def _matches(ordered: Sequence[ParsedSource], score: Similarity, threshold: float) -> list[tuple[float, Member, Member]]:
    """Per pair of sources, the pairs of sentences ``sparse_assignment`` picks
    of those scoring ``threshold`` or more (and above 0)."""
    eligible = [_eligible(source) for source in ordered]
    # the brief's sentences in one list: (source number, sentence number in its eligible ones)
    places = [(k, n) for k, sentences in enumerate(eligible) for n in range(len(sentences))]
    features = [score.features(sentence.text) for sentences in eligible for sentence in sentences]
    ends = list(accumulate(map(len, eligible)))
    cells: dict[tuple[int, int], dict[tuple[int, int], float]] = {}  # (k, l) -> (row, col) -> score
    for i, j in _sharing_pairs([f.stems for f in features], [ends[k] for k, _ in places]):
        value = score.compare(features[i], features[j])
        if value >= threshold and value > 0:
            (k, row), (l, col) = places[i], places[j]
            cells.setdefault((k, l), {})[row, col] = value
    matches = []
    for (k, l), scored in cells.items():
        rows, cols = eligible[k], eligible[l]
        matches += [
            (scored[r, c], (ordered[k].id, rows[r].index), (ordered[l].id, cols[c].index))
            for r, c in sparse_assignment(scored, (len(rows), len(cols)))
        ]
    return matches


def _sharing_pairs(stems: Sequence[frozenset[str]], later: Sequence[int]) -> list[tuple[int, int]]:
    """Pairs ``(i, j)``, ``j >= later[i]``, of stem sets sharing at least ``MIN_SHARED`` stems.

    Any other pair scores 0 (``Similarity.__call__``), and most pairs of a
    brief are such: an index from stem to the sets that have it finds the
    rest without comparing every pair. The sets are bits of an int, so a
    row's stems are counted for all the brief's sentences at once:
    ``at_least[k]`` holds the sets that share more than ``k`` of its stems
    so far (a count per column, made with a ``Counter``, was a fifth of
    aligning). One index and one count per sentence for the whole brief,
    ``later`` masking off its own source and those before, where an index
    and a count per pair of sources took 4.9 ms a brief; this, 1.5.
    """
    having: dict[str, int] = {}
    for j, found in enumerate(stems):
        for stem in found:
            having[stem] = having.get(stem, 0) | 1 << j
    pairs = []
    higher_first = range(MIN_SHARED - 1, 0, -1)  # so that a stem counts once
    for i, found in enumerate(stems):
        at_least = [0] * MIN_SHARED
        for stem in found:
            columns = having[stem]
            for k in higher_first:
                at_least[k] |= at_least[k - 1] & columns
            at_least[0] |= columns
        first = later[i]
        pairs += [(i, first + j) for j in _bits(at_least[-1] >> first)]
    return pairs


def _bits(value: int) -> list[int]:
    """The positions of the bits set in ``value``, lowest first."""
    found = []
    while value:
        lowest = value & -value
        found.append(lowest.bit_length() - 1)
        value ^= lowest
    return found


def brief_similarity(sources: Iterable[ParsedSource]) -> Similarity:
    """The similarity with stem weights learnt from these sources' sentences."""
    return Similarity(s.text for source in sorted(sources, key=lambda s: s.id) for s in source.sentences)


def align_sentences(
    sources: Sequence[ParsedSource], threshold: float = THRESHOLD
) -> tuple[Fact, ...]:
    """Every sentence in one fact; a fact holds at most one sentence per source.

    Facts are sorted members-first; the tuple of facts is sorted too.
    """
    ordered = sorted(sources, key=lambda s: s.id)
    score = brief_similarity(ordered)
    group_of: dict[Member, int] = {}
    groups: dict[int, set[Member]] = {}
    for source in ordered:
        for sentence in source.sentences:
            member = (source.id, sentence.index)
            group_of[member] = len(groups)
            groups[len(groups)] = {member}
    pairs = _matches(ordered, score, threshold)
    # Best first; ties by position so the result never depends on set order.
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    for _score, a, b in pairs:
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


@lru_cache(maxsize=1024)
def whole_word(form: str) -> re.Pattern[str]:
    """A pattern finding ``form`` as written and as a whole word, not inside a longer one.

    Compiled once a form: the later stages look for every name form of a
    brief in sentence after sentence, and patterns built per search
    overflowed ``re``'s own cache (512) and were compiled again and again.
    Bounded, as the module's other caches: a pool worker assembles hundreds
    of briefs. (Search only text that holds ``form``: ``form in text`` is
    far cheaper, and a text without it has no match.)
    """
    return re.compile(rf"(?<!\w){re.escape(form)}(?!\w)")


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
