"""The scorer's own arithmetic (bench/scoring.py), on tiny made-up spans."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # the repository root, so that `bench` imports
    sys.path.insert(0, str(ROOT))

from bench.scoring import (  # noqa: E402
    all_spans,
    hits,
    match,
    normalise_name,
    nth_span,
    overlap,
    prf,
    same_speaker,
    score_spans,
)

RAW = 'Ola Berg said "we will win" and later "we will win" again.'


def test_nth_span_finds_each_occurrence():
    first = nth_span(RAW, "we will win", 1)
    second = nth_span(RAW, "we will win", 2)
    assert RAW[first[0]:first[1]] == "we will win"
    assert RAW[second[0]:second[1]] == "we will win"
    assert first[0] < second[0]
    assert nth_span(RAW, "we will win", 3) is None
    assert nth_span(RAW, "absent", 1) is None
    assert nth_span(RAW, "", 1) is None
    assert all_spans(RAW, "we will win") == [first, second]


def test_overlap_is_jaccard_on_characters():
    assert overlap((0, 10), (0, 10)) == 1.0
    assert overlap((0, 10), (10, 20)) == 0.0
    assert overlap((0, 10), (5, 15)) == pytest.approx(5 / 15)
    assert overlap((0, 10), (0, 5)) == 0.5
    assert overlap((0, 5), (0, 10)) == 0.5  # symmetric
    assert overlap((3, 3), (0, 10)) == 0.0


def test_perfect_match():
    result, pairs = score_spans([(0, 10), (20, 30)], [(0, 10), (20, 30)], 0.8)
    assert (result.precision, result.recall, result.f1) == (1.0, 1.0, 1.0)
    assert [(p.pred, p.gold) for p in pairs] == [(0, 0), (1, 1)]


def test_half_overlap_passes_at_30_not_at_80():
    preds, golds = [(0, 5)], [(0, 10)]
    at30, _ = score_spans(preds, golds, 0.3)
    at80, _ = score_spans(preds, golds, 0.8)
    assert at30.tp == 1 and at30.f1 == 1.0
    assert at80.tp == 0 and at80.f1 == 0.0


def test_a_miss_lowers_recall_only():
    result, _ = score_spans([(0, 10)], [(0, 10), (40, 50)], 0.3)
    assert result.precision == 1.0
    assert result.recall == 0.5
    assert result.f1 == pytest.approx(2 / 3)


def test_a_false_positive_lowers_precision_only():
    result, _ = score_spans([(0, 10), (60, 70)], [(0, 10)], 0.3)
    assert result.precision == 0.5
    assert result.recall == 1.0


def test_matching_is_one_to_one_and_greedy_by_overlap():
    # two predictions cover the same gold span: only the better one counts
    preds = [(0, 6), (0, 10)]
    golds = [(0, 10)]
    pairs = match(preds, golds, 0.3)
    assert [(p.pred, p.gold) for p in pairs] == [(1, 0)]
    # one long prediction over two gold quotes matches at most one of them
    pairs = match([(0, 30)], [(0, 14), (16, 30)], 0.3)
    assert len(pairs) == 1
    assert pairs[0].gold == 0  # the tie goes to the earlier gold span


def test_no_predictions_and_no_gold():
    empty = prf(0, 0, 0)
    assert empty.precision is None and empty.recall is None and empty.f1 is None
    none_found = prf(0, 0, 3)
    assert none_found.recall == 0.0 and none_found.precision is None
    total = prf(1, 2, 2) + prf(1, 1, 2)
    assert (total.tp, total.n_pred, total.n_gold) == (2, 3, 4)
    with pytest.raises(ValueError):
        prf(3, 2, 5)


def test_speaker_names():
    assert same_speaker("Ola Berg", "ola berg")
    assert same_speaker(None, None)
    assert not same_speaker("Ola Berg", None)
    assert not same_speaker(None, "Ola Berg")
    assert not same_speaker("Ola Berg", "Kari Berg")
    assert same_speaker("the Harbour Authority", "Harbour Authority")
    assert normalise_name("  The  Ministry ") == "ministry"
    assert same_speaker("Data Protection Commission", "Ireland’s Data Protection Commission")
    assert not same_speaker("Nadia Petrova", "Petrova")  # a surname alone is not the full name


def test_speaker_alias_match():
    # the extractor named the entity by surname but lists the full name as an alias
    assert same_speaker("Ola Berg", "Berg", aliases=("Ola Berg", "Mr Berg"))
    # and the other way round: a gold surname-only name against the entity's aliases
    assert same_speaker("Berg", "Ola Berg", aliases=("Berg",))
    assert not same_speaker("Ola Berg", "Kari Berg", aliases=("Kari",))


def test_hits_is_many_to_many():
    pred_hit, target_hit = hits([(0, 10), (0, 9), (50, 60)], [(0, 10), (20, 30)], 0.5)
    assert pred_hit == [True, True, False]
    assert target_hit == [True, False]
