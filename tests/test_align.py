import itertools
import math
import os
import random
import subprocess
import sys
from dataclasses import replace
from fractions import Fraction

import pytest
from rapidfuzz import fuzz

from briefing.align import (
    MIN_SHARED,
    SCORE_UNIT,
    SENTENCE_CACHE,
    _linked_groups,
    _sharing_pairs,
    Similarity,
    assignment,
    standfirst,
    THRESHOLD,
    align_sentences,
    content_stems,
    exact_shift,
    name_stems,
    numbers,
    preferred_member,
    scaled,
    similarity,
    stem_set,
)
from briefing.model import Block
from sourcefactory import make_source, rewrite, wire


def test_paraphrases_score_above_threshold():
    a = "The strike had halted shipments of grain and fertiliser through the country's largest port."
    b = "The walkout had stopped grain and fertiliser shipments through the nation's biggest port."
    assert similarity(a, b) >= THRESHOLD


def test_different_facts_of_one_story_score_below_threshold():
    a = "Dock workers in Valmora voted on Monday to end a nine-day strike after the port authority agreed to raise wages by 6%."
    b = "The port authority in Valmora said on Monday that wages at the port would be reviewed in 2026."
    assert similarity(a, b) < THRESHOLD


def test_shared_numbers_raise_and_clashing_numbers_lower_the_score():
    base = "The council approved a budget of 12 million for the new bridge"
    same = "A budget of 12 million for the new bridge was approved by the council"
    other = "A budget of 90 million for the new bridge was approved by the council"
    assert similarity(base, same) >= similarity(base, other) + 10
    # near the same words but another figure: one fact, told differently
    assert similarity(base, other) >= THRESHOLD
    reworded = "The new bridge will cost 90 million, the council of the town decided"
    assert similarity(base, reworded) < similarity(base.replace("12", "90"), reworded) - 20


def test_weights_from_the_brief_favour_rare_shared_words_and_names():
    sentences = ["Osterby and Lindholm met on Monday.", "Osterby and Lindholm argued.",
                 "Osterby and Lindholm signed a fishing pact at dawn.",
                 "Osterby and Lindholm had signed nothing since the fishing pact lapsed in 1952."]
    score = Similarity(sentences)
    lead = "Osterby and Lindholm signed a fishing pact at dawn on Monday."
    assert score(lead, sentences[2]) > score(lead, sentences[3]) + 20


def test_assignment_maximises_the_total_not_the_first_pick():
    # row 0 would greedily take column 0 (9) and leave row 1 nothing
    assert assignment([[9, 8], [7, 0]]) == [(0, 1), (1, 0)]
    assert assignment([[0, 0], [0, 5], [4, 0]]) == [(1, 1), (2, 0)]
    assert assignment([]) == []


def _best_by_brute_force(scores):
    """What ``assignment`` must reach, from every matching tried: the greatest
    total score (counted in ``SCORE_UNIT``s), then the greatest closeness."""
    n, m = len(scores), len(scores[0])
    best = (0, 0)
    for chosen in itertools.permutations(range(max(n, m)), min(n, m)):
        pairs = [(i, c) if n <= m else (c, i) for i, c in enumerate(chosen)]
        pairs = [(r, c) for r, c in pairs if scores[r][c] > 0]
        best = max(best, _quality(scores, pairs))
    return best


def _quality(scores, pairs):
    n, m = len(scores), len(scores[0])
    units = lambda v: max(1, round(v / SCORE_UNIT)) if v > 0 else 0
    total = sum(units(scores[r][c]) for r, c in pairs)
    closeness = sum(n * m - abs(r * m - c * n) for r, c in pairs)
    return total, closeness


def test_assignment_answers_the_best_total_then_the_order_kept_best():
    # Few distinct scores, so many matchings tie on the total: the answer
    # must be one of the best totals, and of those one that keeps order best.
    rnd = random.Random(6)
    for _ in range(400):
        rows, cols = rnd.randint(1, 6), rnd.randint(1, 6)
        scores = [[rnd.choice([0.0, 0.0, 0.0, 50.0, 60.0, 60.5, 100.0]) for _ in range(cols)] for _ in range(rows)]
        answer = assignment(scores)
        assert len({r for r, _ in answer}) == len({c for _, c in answer}) == len(answer), scores
        assert all(scores[r][c] > 0 for r, c in answer), scores
        assert _quality(scores, answer) == _best_by_brute_force(scores), scores


def test_a_sentence_said_twice_in_both_sources_pairs_first_with_first():
    assert assignment([[100.0, 100.0], [100.0, 100.0]]) == [(0, 0), (1, 1)]
    # the same in a longer source: each to the one at the same share of it
    assert assignment([[0.0, 80.0, 0.0, 80.0], [0.0, 80.0, 0.0, 80.0]]) == [(0, 1), (1, 3)]
    assert assignment([[80.0, 80.0], [0.0, 0.0], [0.0, 0.0], [80.0, 80.0]]) == [(0, 0), (3, 1)]


def test_totals_apart_by_float_rounding_alone_are_equal():
    # 0.1 + 0.2 is 0.30000000000000004 in floats, above 0.15 + 0.15: not a
    # better total for that, so the pairs that keep the order win
    assert 0.1 + 0.2 > 0.15 + 0.15
    assert assignment([[0.15, 0.1], [0.2, 0.15]]) == [(0, 0), (1, 1)]
    assert assignment([[0.15, 0.1], [0.2, 0.16]]) == [(0, 0), (1, 1)]
    assert assignment([[0.15, 0.1], [0.2, 0.14]]) == [(0, 1), (1, 0)]


def test_linked_groups_are_rows_and_columns_joined_by_scores_above_0():
    scores = [
        [5.0, 0.0, 0.0, 0.0],
        [0.0, 0.0, 3.0, 0.0],
        [0.0, 0.0, 0.0, 0.0],
        [0.0, 1.0, 2.0, 0.0],
    ]
    cells = [(r, c) for r, row in enumerate(scores) for c, value in enumerate(row) if value > 0]
    assert _linked_groups(cells) == [([0], [0]), ([1, 3], [1, 2])]
    assert _linked_groups([]) == []


def _pairs_between(rows, cols):
    """``_sharing_pairs`` of two sources' sentences, one list as the brief's, as (row, column) pairs."""
    stems = [stem_set(s.text) for s in [*rows, *cols]]
    later = [len(rows)] * len(rows) + [len(stems)] * len(cols)
    return [(i, j - len(rows)) for i, j in _sharing_pairs(stems, later)]


def test_only_pairs_sharing_enough_stems_are_scored_and_no_other_scores():
    rows = make_source("a", "Osterby and Lindholm signed a fishing pact. Talks resumed in Osterby. "
                            "Lindholm fishing boats left port. Osterby fishing boats sank off Lindholm.").sentences
    cols = make_source("b", "The fishing pact was signed by Osterby and Lindholm. Nothing happened. "
                            "Boats from Lindholm left the port to go fishing.").sentences
    score = Similarity([s.text for s in rows + cols])
    kept = set(_pairs_between(rows, cols))
    for i, a in enumerate(rows):
        for j, b in enumerate(cols):
            shared = set(content_stems(a.text)) & set(content_stems(b.text))
            assert ((i, j) in kept) == (len(shared) >= MIN_SHARED)
            if (i, j) not in kept:
                assert score(a.text, b.text) == 0.0
    assert (3, 2) in kept  # exactly MIN_SHARED stems: boats, Lindholm, fishing


def test_sharing_pairs_count_stems_for_columns_past_a_machine_word():
    # columns are bits of one int: 70 of them, each sharing a known number of stems with each row
    words = ["harbour", "ferry", "council", "budget", "bridge", "tunnel", "station"]
    rng = random.Random(7)
    col_words = [rng.sample(words, rng.randint(1, 5)) for _ in range(70)]
    row_words = [rng.sample(words, rng.randint(1, 6)) for _ in range(12)]

    def sentences(source_id, word_lists):
        return make_source(source_id, " ".join(f"Zed {' '.join(ws)} here." for ws in word_lists)).sentences

    rows, cols = sentences("a", row_words), sentences("b", col_words)
    assert len(rows) == 12 and len(cols) == 70
    expected = {
        (i, j)
        for i, a in enumerate(rows)
        for j, b in enumerate(cols)
        if len(stem_set(a.text) & stem_set(b.text)) >= MIN_SHARED
    }
    assert any(j >= 64 for _, j in expected)
    assert sorted(_pairs_between(rows, cols)) == sorted(expected)


def test_a_score_averages_the_rapidfuzz_wording_and_the_weighted_overlap():
    texts = ["Osterby and Lindholm signed a fishing pact at dawn on Monday.",
             "On Monday at dawn the fishing pact was signed by Lindholm and Osterby."]
    score = Similarity(texts)
    a, b = (" ".join(content_stems(t)) for t in texts)
    wording = (fuzz.token_set_ratio(a, b) + fuzz.token_sort_ratio(a, b)) / 2
    assert score(*texts) == (wording + score.weighted_overlap(*texts)) / 2
    assert score.compare(score.features(texts[0]), score.features(texts[1])) == score(*texts)


def test_weighted_overlap_sums_the_weights_of_the_stems():
    texts = ["Osterby and Lindholm signed a fishing pact.", "The pact was signed by Osterby in 1952."]
    score = Similarity(texts)
    names = {"oster", "lindh", "1952"}
    a, b = set(content_stems(texts[0])), set(content_stems(texts[1]))
    weigh = lambda stems: math.fsum(score.weight(s, names) for s in stems)
    expected = 100.0 * 2 * weigh(a & b) / (weigh(a) + weigh(b))
    assert score.weighted_overlap(*texts) == expected


def test_weights_summed_as_scaled_ints_are_the_floats_fsum_gives():
    """``Similarity`` sums weights as ints (``exact_shift``, ``scaled``), in
    parts; whatever the values and however they are split, one division must
    give the float fsum gives of them all."""
    rng = random.Random(11)
    makers = [
        lambda: rng.uniform(0.0, 8.0),
        lambda: rng.uniform(0.0, 8.0) * 1.5,
        lambda: math.log((rng.randint(1, 5000) + 1) / (rng.randint(0, 1) * rng.randint(0, 5000) + 0.5)),
        lambda: rng.uniform(0.0, 1.0) * 2.0 ** rng.randint(-1074, 60),  # tiny ones, subnormals too
        lambda: 5e-324 * rng.randint(1, 9),
        lambda: float(rng.randint(1, 1 << 20)),
    ]
    halfway = [[1.0, 2.0**-53], [1.0 + 2.0**-52, 2.0**-53], [3.0, 2.0**-52, 2.0**-60, -(2.0**-60)]]
    for values in halfway + [[rng.choice(makers)() for _ in range(rng.randint(1, 40))] for _ in range(3000)]:
        shift = exact_shift(values)
        ints = [scaled(value, shift) for value in values]
        assert [Fraction(value) * 2**shift for value in values] == ints
        split = rng.randint(0, len(values))
        in_parts = sum(ints[:split]) + sum(ints[split:])
        assert in_parts / (1 << shift) == math.fsum(values)


def test_a_standfirst_is_kept_out_of_alignment():
    source = make_source("s", "Osterby and Lindholm sign a fishing pact after talks.\n-\n"
                              "Osterby and Lindholm signed a fishing pact on Monday after long talks.",
                         headline="Pact signed")
    source = replace(source, blocks=(*source.blocks,
                                     Block("separator", source.paragraphs[1].start, source.paragraphs[1].end, "-")))
    assert standfirst(source) == {0}


def test_too_few_shared_words_never_match():
    assert similarity("Talks resumed.", "Talks resumed quickly in Osterby.") == 0.0


def test_stems_ignore_function_words_and_spelling_variants():
    assert content_stems("The defence of the islands") == content_stems("defense island")
    assert numbers("It costs $1,200 or 7.1% of 2,000") == {"1200", "7.1", "2000"}


def test_groups_hold_one_sentence_per_source_and_cover_every_sentence():
    a, b = wire(), rewrite()
    facts = align_sentences([b, a])
    members = [m for fact in facts for m in fact]
    assert len(members) == len(set(members)) == len(a.sentences) + len(b.sentences)
    for fact in facts:
        ids = [source for source, _ in fact]
        assert len(ids) == len(set(ids))
        assert list(fact) == sorted(fact)
    assert list(facts) == sorted(facts)
    # the first, second and fourth paragraphs are rewritten sentence by sentence
    assert (("lantern", 0), ("northwire", 0)) in facts
    assert (("lantern", 1), ("northwire", 1)) in facts
    assert (("lantern", 3), ("northwire", 3)) in facts


def test_alignment_is_deterministic_whatever_the_input_order():
    a, b = wire(), rewrite()
    assert align_sentences([a, b]) == align_sentences([b, a])


def test_a_source_never_aligns_two_of_its_sentences_into_one_fact():
    a = make_source("a", "The mayor of Osterby closed the old bridge to traffic on Friday.\n"
                         "The mayor of Osterby closed the old bridge to all traffic on Friday.")
    b = make_source("b", "On Friday the mayor of Osterby closed the old bridge to traffic.")
    facts = align_sentences([a, b])
    assert sum(1 for f in facts if len(f) == 2) == 1
    assert len(facts) == 2


def test_preferred_member_is_the_original_not_the_rewrite():
    fact = (("aaa-rewrite", 2), ("zzz-wire", 0))
    assert preferred_member(fact, {"aaa-rewrite": "zzz-wire"}) == ("zzz-wire", 0)
    assert preferred_member(fact, {}) == ("aaa-rewrite", 2)


def test_scores_are_the_same_in_every_process_whatever_its_hash_seed():
    """Sets iterate in an order that changes with PYTHONHASHSEED (one per process):
    a score summed in that order changed in its last bits, and with it which
    sentences aligned, so two builds of the same content differed."""
    script = (
        "from briefing.align import Similarity\n"
        "texts = ['The port authority said on Monday that cargo volumes fell by a fifth after the strike "
        "closed three terminals and delayed ships bound for the northern coast.',"
        " 'Cargo volumes at the port fell by a fifth, the authority said, after a strike shut terminals "
        "and held up vessels heading north along the coast on Monday.',"
        " 'Union leaders said the walkout would continue until wages were raised.']\n"
        "s = Similarity(texts)\n"
        "print(repr(s.weighted_overlap(texts[0], texts[1])), repr(s(texts[0], texts[1])))\n"
    )
    answers = {
        subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, check=True,
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
        ).stdout
        for seed in range(8)
    }
    assert len(answers) == 1, answers


@pytest.mark.parametrize("function", [numbers, content_stems, stem_set, name_stems], ids=lambda f: f.__name__)
def test_what_is_kept_per_sentence_is_bounded(function):
    # a pool worker assembles hundreds of briefs: kept for every sentence it ever saw,
    # these grew it by ~0.4 MB a brief
    function.cache_clear()
    for n in range(SENTENCE_CACHE + 50):
        function(f"Minister Okafor said on day {n} that {n} boats sailed.")
    assert function.cache_info().currsize == SENTENCE_CACHE


def test_the_features_a_similarity_keeps_are_bounded_and_the_scores_unchanged():
    # ``similarity`` keeps one Similarity for the life of the process
    score = Similarity()
    first = "Minister Okafor said on day 0 that 0 boats sailed."
    before = score(first, "On day 0 Minister Okafor said 0 boats had sailed.")
    for n in range(SENTENCE_CACHE + 50):
        score.features(f"Minister Okafor said on day {n} that {n} boats sailed.")
    assert len(score._features) <= SENTENCE_CACHE
    assert score(first, "On day 0 Minister Okafor said 0 boats had sailed.") == before
