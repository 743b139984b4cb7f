"""Metric functions against textbook examples worked by hand."""

from __future__ import annotations

import pytest

from sitrep.evaluation import metrics as m


def test_prf_and_zero_denominators() -> None:
    score = m.prf(2, 4, 2, 8)
    assert score.precision == 0.5
    assert score.recall == 0.25
    assert score.f1 == pytest.approx(2 * 0.5 * 0.25 / 0.75)
    assert m.prf(0, 0, 0, 0) == m.PRF(0.0, 0.0, 0.0)


def test_match_spans_prefers_larger_overlap_one_to_one() -> None:
    gold = [(0, 5), (10, 20)]
    pred = [(3, 12), (12, 15), (30, 31)]
    # g1 overlaps p1 by 3 and p0 by 2; g0 overlaps p0 by 2 → (g0, p0), (g1, p1)
    assert m.match_spans(gold, pred) == [(0, 0), (1, 1)]
    assert m.match_spans(gold, pred, exact=True) == []
    assert m.match_spans([(3, 12)], pred, exact=True) == [(0, 0)]
    assert m.match_spans([(0, 5)], [(5, 9)]) == []  # touching is not overlapping


def test_haversine_one_degree_of_latitude() -> None:
    assert m.haversine_km(0, 0, 1, 0) == pytest.approx(111.195, abs=1e-3)
    assert m.haversine_km(50, 30, 50, 30) == 0.0


def test_mean_median() -> None:
    assert m.median([3.0, 1.0, 2.0]) == 2.0
    assert m.median([4.0, 1.0, 2.0, 3.0]) == 2.5
    assert m.median([]) == 0.0
    assert m.mean([1.0, 2.0]) == 1.5


PAIRS = [("A", "A"), ("A", "B"), ("B", "B"), ("B", "B"), ("C", "A")]


def test_label_metrics_by_hand() -> None:
    # A: P 1/2 R 1/2 F .5; B: P 2/3 R 1 F .8; C: F 0
    per = m.per_class_prf(PAIRS, ["A", "B", "C"])
    assert per["A"].f1 == pytest.approx(0.5)
    assert per["B"].f1 == pytest.approx(0.8)
    assert per["C"].f1 == 0.0
    assert m.accuracy(PAIRS) == pytest.approx(0.6)
    assert m.macro_f1(PAIRS, ["A", "B", "C"]) == pytest.approx(1.3 / 3)
    assert m.weighted_f1(PAIRS, ["A", "B", "C"]) == pytest.approx((0.5 * 2 + 0.8 * 2) / 5)


# Key {a,b,c} {d,e,f,g}; response {a,b} {c,d} {f,g,h,i} (the worked example of the
# coreference scoring literature).
KEY = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2, "f": 2, "g": 2}
RESPONSE = {"a": "x", "b": "x", "c": "y", "d": "y", "f": "z", "g": "z", "h": "z", "i": "z"}


def test_muc_worked_example() -> None:
    # recall: (3-2) + (4-3) over (2 + 3); precision: (2-1) + (2-2) + (4-3) over (1 + 1 + 3)
    score = m.muc(KEY, RESPONSE)
    assert score.recall == pytest.approx(0.4)
    assert score.precision == pytest.approx(0.4)


def test_b_cubed_worked_example() -> None:
    # recall: (2/3 + 2/3 + 1/3 + 1/4 + 0 + 2/4 + 2/4) / 7 = 5/12; precision: 4 / 8
    score = m.b_cubed(KEY, RESPONSE)
    assert score.recall == pytest.approx(5 / 12)
    assert score.precision == pytest.approx(0.5)
    assert score.f1 == pytest.approx(5 / 11)


def test_ceaf_e_worked_example() -> None:
    # best alignment {a,b,c}-{a,b} (0.8) + {d,e,f,g}-{f,g,h,i} (0.5) = 1.3
    score = m.ceaf_e(KEY, RESPONSE)
    assert score.recall == pytest.approx(0.65)
    assert score.precision == pytest.approx(1.3 / 3)
    assert score.f1 == pytest.approx(0.52)


def test_conll_f1_worked_example() -> None:
    assert m.conll_f1(KEY, RESPONSE) == pytest.approx((0.4 + 5 / 11 + 0.52) / 3)


def test_perfect_and_singleton_responses() -> None:
    assert m.conll_f1(KEY, KEY) == pytest.approx(1.0)
    gold = {"a": 1, "b": 1}
    singletons = {"a": "a", "b": "b"}
    assert m.muc(gold, singletons) == m.PRF(0.0, 0.0, 0.0)
    b3 = m.b_cubed(gold, singletons)
    assert (b3.precision, b3.recall) == (pytest.approx(1.0), pytest.approx(0.5))
    ceaf = m.ceaf_e(gold, singletons)  # φ4({a,b},{a}) = 2/3
    assert ceaf.recall == pytest.approx(2 / 3)
    assert ceaf.precision == pytest.approx(1 / 3)


def test_empty_clusterings() -> None:
    assert m.b_cubed({}, {}) == m.PRF(0.0, 0.0, 0.0)
    assert m.ceaf_e({"a": 1}, {}) == m.PRF(0.0, 0.0, 0.0)


def test_max_weight_assignment_beats_greedy() -> None:
    assert m.max_weight_assignment([[1, 2], [3, 1]]) == 5
    assert m.max_weight_assignment([[9, 8, 0], [8, 0, 0], [0, 0, 1]]) == 17
    assert m.max_weight_assignment([[5], [7]]) == 7
    assert m.max_weight_assignment([[1, 5, 1], [5, 1, 1]]) == 10
    assert m.max_weight_assignment([]) == 0.0
