"""Scoring functions for the extraction benchmark (``bench/extraction.py``).

Everything here is plain Python on character spans ``(start, end)`` into an
article's text, so it can be tested on tiny made-up inputs and knows nothing
of the extractor it judges.

- ``nth_span`` places a gold annotation (its exact text and which occurrence)
  in the article;
- ``overlap`` is the Jaccard overlap of two spans: |a ∩ b| / |a ∪ b|;
- ``match`` pairs predictions with gold spans one to one, greedily by
  overlap, keeping pairs at or above a threshold;
- ``prf`` turns counts into precision, recall and F1;
- ``same_speaker`` tells whether a predicted speaker is the gold one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

Span = tuple[int, int]


def nth_span(raw: str, text: str, occurrence: int = 1) -> Span | None:
    """The span of the ``occurrence``-th (1-based) occurrence of ``text`` in ``raw``.

    ``None`` when there are fewer occurrences (or ``text`` is empty).
    """
    if not text or occurrence < 1:
        return None
    at = -1
    for _ in range(occurrence):
        at = raw.find(text, at + 1)
        if at < 0:
            return None
    return (at, at + len(text))


def all_spans(raw: str, text: str) -> list[Span]:
    """Every (possibly overlapping) occurrence of ``text`` in ``raw``."""
    spans: list[Span] = []
    if not text:
        return spans
    at = raw.find(text)
    while at >= 0:
        spans.append((at, at + len(text)))
        at = raw.find(text, at + 1)
    return spans


def overlap(a: Span, b: Span) -> float:
    """Jaccard overlap of two character spans: |a ∩ b| / |a ∪ b|, in [0, 1].

    Two empty spans at the same place count as identical (1.0); otherwise an
    empty span overlaps nothing.
    """
    (s1, e1), (s2, e2) = a, b
    inter = max(0, min(e1, e2) - max(s1, s2))
    union = max(e1, e2) - min(s1, s2) if inter else (e1 - s1) + (e2 - s2)
    if union <= 0:
        return 1.0 if (s1, e1) == (s2, e2) else 0.0
    return inter / union


@dataclass(frozen=True)
class Pair:
    pred: int  # index into the predictions
    gold: int  # index into the gold spans
    overlap: float


def match(preds: Sequence[Span], golds: Sequence[Span], threshold: float) -> list[Pair]:
    """One-to-one matching of predicted to gold spans, greedy by overlap.

    All pairs with overlap ≥ ``threshold`` (and > 0) are taken best first;
    each prediction and each gold span is used at most once. Ties go to the
    earlier gold span, then the earlier prediction, so the result is
    deterministic. Returns the pairs sorted by gold index.
    """
    candidates = []
    for pi, p in enumerate(preds):
        for gi, g in enumerate(golds):
            o = overlap(p, g)
            if o > 0 and o >= threshold:
                candidates.append((-o, gi, pi))
    candidates.sort()
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs: list[Pair] = []
    for neg, gi, pi in candidates:
        if pi in used_p or gi in used_g:
            continue
        used_p.add(pi)
        used_g.add(gi)
        pairs.append(Pair(pi, gi, -neg))
    pairs.sort(key=lambda p: p.gold)
    return pairs


@dataclass(frozen=True)
class PRF:
    tp: int
    n_pred: int
    n_gold: int

    @property
    def precision(self) -> float | None:
        return self.tp / self.n_pred if self.n_pred else None

    @property
    def recall(self) -> float | None:
        return self.tp / self.n_gold if self.n_gold else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: "PRF") -> "PRF":
        return PRF(self.tp + other.tp, self.n_pred + other.n_pred, self.n_gold + other.n_gold)

    def as_dict(self) -> dict:
        return {"tp": self.tp, "pred": self.n_pred, "gold": self.n_gold,
                "precision": self.precision, "recall": self.recall, "f1": self.f1}


def prf(tp: int, n_pred: int, n_gold: int) -> PRF:
    """Counts as precision/recall/F1 (``None`` where a denominator is 0)."""
    if not 0 <= tp <= min(n_pred, n_gold):
        raise ValueError(f"tp={tp} with {n_pred} predictions and {n_gold} gold")
    return PRF(tp, n_pred, n_gold)


def score_spans(preds: Sequence[Span], golds: Sequence[Span], threshold: float) -> tuple[PRF, list[Pair]]:
    pairs = match(preds, golds, threshold)
    return prf(len(pairs), len(preds), len(golds)), pairs


def normalise_name(name: str | None) -> str | None:
    """A name compared case-insensitively, spaces collapsed, a leading "the" and a
    leading possessive place dropped ("Ireland's Data Protection Commission" is
    the "Data Protection Commission")."""
    if name is None:
        return None
    words = name.replace("’", "'").split()
    if words and words[0].casefold() == "the":
        words = words[1:]
    if len(words) > 1 and words[0].endswith("'s"):
        words = words[1:]
    text = " ".join(words).casefold().strip(" .,;:")
    return text or None


def same_speaker(gold: str | None, predicted: str | None, aliases: Iterable[str] = ()) -> bool:
    """Whether a predicted speaker is the gold one.

    Both ``None`` is right; one ``None`` is wrong. Otherwise the names are
    compared by ``normalise_name``, and the gold name may also equal one of
    the predicted entity's ``aliases`` (or the predicted name an alias, which
    is the same test from the other side).
    """
    g, p = normalise_name(gold), normalise_name(predicted)
    if g is None or p is None:
        return g is None and p is None
    forms = {p, *(normalise_name(a) for a in aliases)}
    forms.discard(None)
    return g in forms


def hits(preds: Sequence[Span], targets: Sequence[Span], threshold: float) -> tuple[list[bool], list[bool]]:
    """Many-to-many: which predictions overlap some target ≥ threshold, and which targets are hit.

    Used for key points against key facts, where two key points may rest on
    the same sentence and that is not a matching problem.
    """
    pred_hit = [any(overlap(p, t) >= threshold and overlap(p, t) > 0 for t in targets) for p in preds]
    target_hit = [any(overlap(p, t) >= threshold and overlap(p, t) > 0 for p in preds) for t in targets]
    return pred_hit, target_hit


def ratio(num: int, den: int) -> float | None:
    return num / den if den else None
