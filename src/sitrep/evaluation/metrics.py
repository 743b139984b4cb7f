"""Pure metric functions: span matching, precision/recall/F1, label metrics, distances and the
coreference metrics MUC, B³ and CEAF-e. No I/O, no knowledge of sitrep's JSON."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

EARTH_RADIUS_KM = 6371.0088

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision, recall and their harmonic mean."""

    precision: float
    recall: float
    f1: float


def ratio(num: float, den: float) -> float:
    """num / den, or 0.0 when den is zero."""
    return num / den if den else 0.0


def f1_score(precision: float, recall: float) -> float:
    """Harmonic mean of precision and recall (0.0 when both are zero)."""
    return ratio(2 * precision * recall, precision + recall)


def prf(tp_pred: float, n_pred: float, tp_gold: float, n_gold: float) -> PRF:
    """PRF from true positives counted on the predicted side and on the gold side."""
    p = ratio(tp_pred, n_pred)
    r = ratio(tp_gold, n_gold)
    return PRF(p, r, f1_score(p, r))


def overlap(a: Span, b: Span) -> int:
    """Number of characters two end-exclusive spans share (0 when disjoint)."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def spans_overlap(a: Span, b: Span) -> bool:
    """Whether two end-exclusive spans share at least one character."""
    return overlap(a, b) > 0


def match_spans(
    gold: Sequence[Span], pred: Sequence[Span], *, exact: bool = False
) -> list[tuple[int, int]]:
    """One-to-one matching of gold to predicted spans as (gold index, pred index) pairs.

    A pair is eligible when the spans overlap (or are identical with `exact`); larger overlaps
    are matched first, ties by position.
    """
    candidates: list[tuple[int, int, int]] = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if exact:
                if g == p:
                    candidates.append((g[1] - g[0], gi, pi))
            else:
                shared = overlap(g, p)
                if shared > 0:
                    candidates.append((shared, gi, pi))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, gi, pi in candidates:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi))
    return sorted(pairs)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two WGS84 points."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlam = math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlam / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def mean(values: Sequence[float]) -> float:
    """Arithmetic mean (0.0 for no values)."""
    return ratio(sum(values), len(values))


def median(values: Sequence[float]) -> float:
    """Median (0.0 for no values)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    mid = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[mid]
    return (ordered[mid - 1] + ordered[mid]) / 2


# --- labels ---------------------------------------------------------------------------------


def accuracy(pairs: Sequence[tuple[str, str]]) -> float:
    """Share of (gold, predicted) pairs whose labels are equal."""
    return ratio(sum(1 for g, p in pairs if g == p), len(pairs))


def per_class_prf(pairs: Sequence[tuple[str, str]], labels: Iterable[str]) -> dict[str, PRF]:
    """PRF of each label in `labels`, over (gold, predicted) pairs."""
    tp: Counter[str] = Counter()
    gold_n: Counter[str] = Counter()
    pred_n: Counter[str] = Counter()
    for g, p in pairs:
        gold_n[g] += 1
        pred_n[p] += 1
        if g == p:
            tp[g] += 1
    return {lab: prf(tp[lab], pred_n[lab], tp[lab], gold_n[lab]) for lab in labels}


def macro_f1(pairs: Sequence[tuple[str, str]], labels: Iterable[str]) -> float:
    """Unweighted mean of the per-label F1 over `labels`."""
    scores = per_class_prf(pairs, labels)
    return mean([s.f1 for s in scores.values()])


def weighted_f1(pairs: Sequence[tuple[str, str]], labels: Iterable[str]) -> float:
    """Mean of the per-label F1 over `labels`, weighted by each label's gold support."""
    scores = per_class_prf(pairs, labels)
    support = Counter(g for g, _ in pairs)
    total = sum(support[lab] for lab in scores)
    return ratio(sum(scores[lab].f1 * support[lab] for lab in scores), total)


# --- coreference ----------------------------------------------------------------------------


def clusters_of(assignment: Mapping[Hashable, Hashable]) -> list[frozenset[Hashable]]:
    """The clusters (sets of mention keys) of a mention → cluster-id mapping."""
    return [frozenset(g) for g in _groups(assignment).values()]


def _muc_side(
    key: Mapping[Hashable, Hashable], response: Mapping[Hashable, Hashable]
) -> tuple[int, int]:
    """MUC numerator and denominator with `key` clusters partitioned by `response`."""
    num = den = 0
    for cluster in clusters_of(key):
        parts = {response.get(m, ("__alone__", m)) for m in cluster}
        num += len(cluster) - len(parts)
        den += len(cluster) - 1
    return num, den


def muc(gold: Mapping[Hashable, Hashable], pred: Mapping[Hashable, Hashable]) -> PRF:
    """MUC link-based score (Vilain et al. 1995); mentions absent on one side are singletons."""
    r_num, r_den = _muc_side(gold, pred)
    p_num, p_den = _muc_side(pred, gold)
    return prf(p_num, p_den, r_num, r_den)


def _b_cubed_side(key: Mapping[Hashable, Hashable], response: Mapping[Hashable, Hashable]) -> float:
    """Sum over `key` mentions of |key cluster ∩ response cluster| / |key cluster|."""
    key_clusters = {c: frozenset(members) for c, members in _groups(key).items()}
    resp_clusters = {c: frozenset(members) for c, members in _groups(response).items()}
    total = 0.0
    for mention, cid in key.items():
        own = key_clusters[cid]
        other = resp_clusters[response[mention]] if mention in response else frozenset()
        total += len(own & other) / len(own)
    return total


def _groups(assignment: Mapping[Hashable, Hashable]) -> dict[Hashable, set[Hashable]]:
    """Cluster id → its mention keys."""
    groups: dict[Hashable, set[Hashable]] = defaultdict(set)
    for mention, cluster in assignment.items():
        groups[cluster].add(mention)
    return groups


def b_cubed(gold: Mapping[Hashable, Hashable], pred: Mapping[Hashable, Hashable]) -> PRF:
    """B³ mention-based score (Bagga & Baldwin 1998); a mention missing on the other side
    contributes zero."""
    recall = ratio(_b_cubed_side(gold, pred), len(gold))
    precision = ratio(_b_cubed_side(pred, gold), len(pred))
    return PRF(precision, recall, f1_score(precision, recall))


def max_weight_assignment(weights: Sequence[Sequence[float]]) -> float:
    """Total weight of a maximum-weight one-to-one assignment of rows to columns."""
    rows = len(weights)
    cols = len(weights[0]) if rows else 0
    if not rows or not cols:
        return 0.0
    n = max(rows, cols)
    top = max(max(r) for r in weights)
    cost = [
        [top - (weights[i][j] if i < rows and j < cols else 0.0) for j in range(n)]
        for i in range(n)
    ]
    chosen = _min_cost_assignment(cost)
    return sum(weights[i][j] for i, j in enumerate(chosen) if i < rows and j < cols)


def _min_cost_assignment(cost: Sequence[Sequence[float]]) -> list[int]:
    """Column chosen for each row in a minimum-cost assignment of a square matrix
    (Hungarian method with potentials, O(n³))."""
    n = len(cost)
    inf = float("inf")
    u = [0.0] * (n + 1)
    v = [0.0] * (n + 1)
    owner = [0] * (n + 1)  # owner[j]: row (1-based) assigned to column j
    way = [0] * (n + 1)
    for i in range(1, n + 1):
        owner[0] = i
        j0 = 0
        minv = [inf] * (n + 1)
        used = [False] * (n + 1)
        while True:
            used[j0] = True
            i0 = owner[j0]
            delta = inf
            j1 = 0
            for j in range(1, n + 1):
                if used[j]:
                    continue
                cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                if cur < minv[j]:
                    minv[j] = cur
                    way[j] = j0
                if minv[j] < delta:
                    delta = minv[j]
                    j1 = j
            for j in range(n + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if owner[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
    chosen = [0] * n
    for j in range(1, n + 1):
        if owner[j]:
            chosen[owner[j] - 1] = j - 1
    return chosen


def _phi4(a: frozenset[Hashable], b: frozenset[Hashable]) -> float:
    """Entity similarity of CEAF-e: 2|a ∩ b| / (|a| + |b|)."""
    return 2 * len(a & b) / (len(a) + len(b))


def ceaf_e(gold: Mapping[Hashable, Hashable], pred: Mapping[Hashable, Hashable]) -> PRF:
    """Entity-based CEAF (Luo 2005) with φ4 similarity and an optimal one-to-one alignment."""
    key = clusters_of(gold)
    response = clusters_of(pred)
    best = sum(_component_alignment(key, response, comp) for comp in _components(key, response))
    return prf(best, len(response), best, len(key))


def _components(
    key: Sequence[frozenset[Hashable]], response: Sequence[frozenset[Hashable]]
) -> list[tuple[list[int], list[int]]]:
    """Connected groups of key and response clusters linked by shared mentions."""
    owner_of: dict[Hashable, int] = {}
    for ri, cluster in enumerate(response):
        for m in cluster:
            owner_of[m] = ri
    parent = list(range(len(key)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    first_key_of: dict[int, int] = {}
    for ki, cluster in enumerate(key):
        for m in cluster:
            owner = owner_of.get(m)
            if owner is None:
                continue
            if owner in first_key_of:
                parent[find(ki)] = find(first_key_of[owner])
            else:
                first_key_of[owner] = ki
    comps: dict[int, tuple[list[int], list[int]]] = {}
    for ki in range(len(key)):
        comps.setdefault(find(ki), ([], []))[0].append(ki)
    for ri, ki in first_key_of.items():
        comps[find(ki)][1].append(ri)
    return [c for c in comps.values() if c[1]]


def _component_alignment(
    key: Sequence[frozenset[Hashable]],
    response: Sequence[frozenset[Hashable]],
    comp: tuple[list[int], list[int]],
) -> float:
    """Best total φ4 within one connected component."""
    kis, ris = comp
    weights = [[_phi4(key[k], response[r]) for r in ris] for k in kis]
    return max_weight_assignment(weights)


def conll_f1(gold: Mapping[Hashable, Hashable], pred: Mapping[Hashable, Hashable]) -> float:
    """CoNLL F1: the mean of the MUC, B³ and CEAF-e F1."""
    return (muc(gold, pred).f1 + b_cubed(gold, pred).f1 + ceaf_e(gold, pred).f1) / 3
