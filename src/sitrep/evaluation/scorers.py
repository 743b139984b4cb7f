"""One scorer per kind of gold case: (gold cases, predicted per-document dicts) → metrics.

Pure: no I/O, no pipeline. Predictions are DESIGN.md §7 dicts aligned with the cases by
position; None stands for a document the extractor failed on and scores as a miss. A case
whose prediction cannot be read is scored as if nothing had been predicted; a case whose gold
cannot be read is skipped. Both are counted in the notes, never raised.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sitrep.evaluation import labels as lab
from sitrep.evaluation import metrics as m
from sitrep.evaluation import predicted as pr

log = logging.getLogger(__name__)

T = TypeVar("T")
Case = Mapping[str, Any]
Pred = Mapping[str, Any] | None
MentionKey = tuple[str, int, int]
ClusterFn = Callable[[Sequence[Case], Sequence[Pred]], dict[MentionKey, Hashable]]

WITHIN_KM = 161.0
# GeoWebNews types that denote the place itself (the others are metonymic or embedded uses).
LITERAL_TOPONYM_TYPES = frozenset({"Literal", "Mixed", "Literal_Modifier", "Embedded_Literal"})


@dataclass(frozen=True, slots=True)
class Scored:
    """What a scorer returns: ordered metrics and notes for the reader."""

    metrics: dict[str, float]
    notes: tuple[str, ...] = ()
    skipped: int = 0


@dataclass(frozen=True, slots=True)
class _Outcome:
    """Per-case results, with the ids of cases scored as misses or skipped."""

    results: list[Any] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def per_case(
    cases: Sequence[Case], preds: Sequence[Pred], fn: Callable[[Case, Pred], T]
) -> _Outcome:
    """fn over each (case, prediction); a failing prediction scores as empty, a failing gold
    case is skipped."""
    out = _Outcome()
    for i, case in enumerate(cases):
        pred = preds[i] if i < len(preds) else None
        try:
            out.results.append(fn(case, pred))
            continue
        except Exception:  # a broken prediction must not stop the evaluation
            log.debug("case %s: prediction unreadable", case.get("id"), exc_info=True)
        try:
            out.results.append(fn(case, None))
            out.unreadable.append(str(case.get("id")))
        except Exception:  # a broken gold case is reported, not raised
            log.debug("case %s: gold unreadable", case.get("id"), exc_info=True)
            out.skipped.append(str(case.get("id")))
    return out


def outcome_notes(out: _Outcome) -> tuple[str, ...]:
    """Notes (one per problem, with a count) about unreadable predictions and skipped cases."""
    notes: list[str] = []
    if out.unreadable:
        notes.append(
            f"{len(out.unreadable)} case(s) had an unreadable prediction, scored as misses "
            f"(first: {', '.join(out.unreadable[:3])})"
        )
    if out.skipped:
        notes.append(
            f"{len(out.skipped)} gold case(s) could not be read and were skipped "
            f"(first: {', '.join(out.skipped[:3])})"
        )
    return tuple(notes)


def _sum(counters: Sequence[Counter[str]]) -> Counter[str]:
    """The sum of per-case counters."""
    total: Counter[str] = Counter()
    for c in counters:
        total.update(c)
    return total


def _gold_span(obj: Any) -> m.Span:
    """Span of a gold object (raises on malformed gold)."""
    start, end = int(obj["start"]), int(obj["end"])
    return (start, end)


def _pred_spans(objs: Sequence[Mapping[str, Any]]) -> tuple[list[m.Span], list[Mapping[str, Any]]]:
    """Spans of the predicted objects that have one, with those objects."""
    spans: list[m.Span] = []
    kept: list[Mapping[str, Any]] = []
    for obj in objs:
        span = pr.span_of(obj)
        if span is not None:
            spans.append(span)
            kept.append(obj)
    return spans, kept


# --- event_type -----------------------------------------------------------------------------


def _locate(text: str, needle: str) -> m.Span | None:
    """Span of the first occurrence of needle in text (case-insensitive fallback)."""
    if not needle:
        return None
    at = text.find(needle)
    if at < 0:
        at = text.lower().find(needle.lower())
    return (at, at + len(needle)) if at >= 0 else None


def _actor_counts(case: Case, pred: Pred) -> Counter[str]:
    """Country and sector agreement of the first gold actor with the first predicted actor
    whose span overlaps it."""
    counts: Counter[str] = Counter()
    gold_actors = case.get("actors") or []
    if not gold_actors:
        return counts
    first = gold_actors[0]
    span = _locate(str(case.get("text", "")), str(first.get("text", "")))
    if span is None:
        counts["actor_unlocated"] += 1
        return counts
    counts["actor_gold"] += 1
    found = next(
        (a for a in pr.actors_of(pred) if (s := pr.span_of(a)) and m.spans_overlap(s, span)),
        None,
    )
    if found is None:
        return counts
    counts["actor_matched"] += 1
    for attr in ("country", "sector"):
        if first.get(attr):
            counts[f"{attr}_gold"] += 1
            if str(found.get(attr) or "").upper() == str(first[attr]).upper():
                counts[f"{attr}_ok"] += 1
    return counts


def _is_acled_set(cases: Sequence[Case]) -> bool:
    """Whether the cases are labelled with CASE 2021 / ACLED codes rather than PLOVER."""
    name = next((str(c.get("set")) for c in cases if c.get("set")), "")
    if name.startswith("case2021"):
        return True
    if name.startswith("plover"):
        return False
    gold = {str(c.get("label")) for c in cases}
    return len(gold & (lab.ACLED_CODES | set(lab.CASE_EXTRA_LABELS))) > len(gold & lab.PLOVER_TYPES)


def score_event_type(cases: Sequence[Case], preds: Sequence[Pred]) -> Scored:
    """Event typing of each snippet's main mention: ACLED sub-types (case2021) or PLOVER types."""
    acled = _is_acled_set(cases)

    def one(case: Case, pred: Pred) -> tuple[str, str, Counter[str]]:
        gold = str(case["label"])
        main = pr.main_mention(pred)
        if acled:
            guess = lab.case_code(main.get("acled_subtype") if main else None)
            return gold, guess, Counter()
        guess = lab.plover_type(main.get("event_type") if main else None)
        return lab.plover_type(gold), guess, _actor_counts(case, pred)

    out = per_case(cases, preds, one)
    notes = list(outcome_notes(out))
    if acled:
        metrics = _acled_metrics([(g, p) for g, p, _ in out.results])
        core = [(g, p) for g, p, _ in out.results if g in lab.ACLED_CODES]
        notes.append(confusion_note(core))
        notes.append(
            "label = CASE 2021 code of the main mention's acled_subtype (NONE when no mention "
            "or no ACLED type); accuracy/F1 over the cases whose gold is one of the 25 ACLED "
            "sub-types; extra_none_rate = share of non-ACLED gold cases where sitrep predicts "
            "no ACLED event (the right answer)"
        )
    else:
        pairs = [(g, p) for g, p, _ in out.results]
        classes = {g for g, _ in pairs} | ({p for _, p in pairs} & lab.PLOVER_TYPES)
        metrics = {
            "accuracy": m.accuracy(pairs),
            "macro_f1": m.macro_f1(pairs, sorted(classes)),
            "weighted_f1": m.weighted_f1(pairs, sorted(classes)),
            "no_prediction_rate": m.ratio(sum(p == lab.NONE_LABEL for _, p in pairs), len(pairs)),
        }
        metrics.update(_class_figures(pairs, sorted({g for g, _ in pairs})))
        metrics.update(_actor_metrics(_sum([c for _, _, c in out.results])))
        notes.append(confusion_note(pairs))
        notes.append(
            "PLOVER 0.5b1 labels mapped to current PLOVER on both sides: DEMAND→REQUEST, "
            "DISAPPROVE→ACCUSE, INVESTIGATE→ACCUSE, FIGHT→ASSAULT"
        )
    return Scored(metrics, tuple(notes), len(out.skipped))


PER_CLASS = "per_class_f1."  # metric prefix of per-class F1 (JSON only; the table omits them)


def _class_figures(pairs: Sequence[tuple[str, str]], classes: Sequence[str]) -> dict[str, float]:
    """Per-class F1 over `classes`, as metrics named PER_CLASS + class."""
    return {PER_CLASS + k: v.f1 for k, v in m.per_class_prf(pairs, classes).items()}


def confusion_note(pairs: Sequence[tuple[str, str]], top: int = 8) -> str:
    """The most frequent (gold → predicted) confusions, as one line."""
    counts = Counter((g, p) for g, p in pairs if g != p)
    shown = ", ".join(f"{g}→{p} {n}" for (g, p), n in counts.most_common(top))
    return f"main confusions (gold→predicted count): {shown or 'none'}"


def _acled_metrics(pairs: Sequence[tuple[str, str]]) -> dict[str, float]:
    """Accuracy and F1 over the ACLED-coded cases, and how the non-ACLED cases were typed."""
    core = [(g, p) for g, p in pairs if g in lab.ACLED_CODES]
    classes = sorted({g for g, _ in core} | ({p for _, p in core} & lab.ACLED_CODES))
    metrics: dict[str, float] = {
        "n_acled": float(len(core)),
        "accuracy": m.accuracy(core),
        "macro_f1": m.macro_f1(core, classes),
        "weighted_f1": m.weighted_f1(core, classes),
        "no_prediction_rate": m.ratio(sum(p == lab.NONE_LABEL for _, p in core), len(core)),
    }
    metrics.update(_class_figures(core, sorted({g for g, _ in core})))
    extra = [(g, p) for g, p in pairs if g not in lab.ACLED_CODES]
    metrics["n_extra"] = float(len(extra))
    metrics["extra_none_rate"] = m.ratio(sum(p == lab.NONE_LABEL for _, p in extra), len(extra))
    for label in lab.CASE_EXTRA_LABELS:
        group = [p for g, p in extra if g == label]
        if group:
            metrics[f"extra_none_rate.{label}"] = m.ratio(
                sum(p == lab.NONE_LABEL for p in group), len(group)
            )
    return metrics


def _actor_metrics(c: Counter[str]) -> dict[str, float]:
    """Actor match rate and, on matched actors, country and sector accuracy."""
    return {
        "actor_n": float(c["actor_gold"]),
        "actor_match_rate": m.ratio(c["actor_matched"], c["actor_gold"]),
        "actor_country_acc": m.ratio(c["country_ok"], c["country_gold"]),
        "actor_sector_acc": m.ratio(c["sector_ok"], c["sector_gold"]),
    }


# --- toponyms -------------------------------------------------------------------------------


def _toponym_case(case: Case, pred: Pred) -> tuple[Counter[str], list[float]]:
    """Counts and distance errors of one document's predicted places against its toponyms."""
    gold = list(case.get("toponyms") or [])
    gold_spans = [_gold_span(t) for t in gold]
    ignore = [_gold_span(s) for s in case.get("other_spans") or []]
    spans, places = _pred_spans(pr.items(pred, "places"))
    pairs = m.match_spans(gold_spans, spans)
    matched_pred = {pi for _, pi in pairs}
    ignored = sum(
        1
        for pi, s in enumerate(spans)
        if pi not in matched_pred and any(m.spans_overlap(s, o) for o in ignore)
    )
    c: Counter[str] = Counter(gold=len(gold), pred=len(spans) - ignored, matched=len(pairs))
    c["typed"] = sum(1 for t in gold if "type" in t)
    c["literal"] = sum(1 for t in gold if t.get("type") in LITERAL_TOPONYM_TYPES)
    c["literal_matched"] = sum(
        1 for gi, _ in pairs if gold[gi].get("type") in LITERAL_TOPONYM_TYPES
    )
    errors: list[float] = []
    for gi, pi in pairs:
        where = pr.coords(places[pi])
        if where is None:
            continue
        km = m.haversine_km(float(gold[gi]["lat"]), float(gold[gi]["lon"]), *where)
        errors.append(km)
        c["within"] += km <= WITHIN_KM
    return c, errors


def score_toponyms(cases: Sequence[Case], preds: Sequence[Pred]) -> Scored:
    """Toponym recognition (span P/R/F1, overlap, one-to-one) and resolution (distance)."""
    out = per_case(cases, preds, _toponym_case)
    c = _sum([r[0] for r in out.results])
    errors = [km for r in out.results for km in r[1]]
    spans = m.prf(c["matched"], c["pred"], c["matched"], c["gold"])
    metrics = {
        "precision": spans.precision,
        "recall": spans.recall,
        "f1": spans.f1,
        "acc_161km": m.ratio(c["within"], c["matched"]),
        "mean_km": m.mean(errors),
        "median_km": m.median(errors),
        "gold": float(c["gold"]),
    }
    if c["typed"]:
        metrics["literal_recall"] = m.ratio(c["literal_matched"], c["literal"])
    notes = (
        *outcome_notes(out),
        "acc_161km is over matched spans (a match without coordinates counts as wrong); "
        "predicted places overlapping an unscored gold span (other_spans) are not false positives",
    )
    return Scored(metrics, notes, len(out.skipped))


# --- timex ----------------------------------------------------------------------------------


def _timex_case(case: Case, pred: Pred) -> Counter[str]:
    """Span and value agreement of one document's predicted times with its gold timexes."""
    gold = list(case.get("timexes") or [])
    gold_spans = [_gold_span(t) for t in gold]
    spans, times = _pred_spans(pr.items(pred, "times"))
    relaxed = m.match_spans(gold_spans, spans)
    strict = m.match_spans(gold_spans, spans, exact=True)
    c: Counter[str] = Counter(gold=len(gold), pred=len(spans), relaxed=len(relaxed))
    c["strict"] = len(strict)
    for gi, pi in relaxed:
        same = str(times[pi].get("value")) == str(gold[gi].get("value"))
        c["value_ok"] += same
        if gold[gi].get("type") == "DATE":
            c["date_matched"] += 1
            c["date_value_ok"] += same
    return c


def score_timex(cases: Sequence[Case], preds: Sequence[Pred]) -> Scored:
    """Temporal expressions: relaxed and strict span F1, and TimeML value accuracy."""
    out = per_case(cases, preds, _timex_case)
    c = _sum(out.results)
    relaxed = m.prf(c["relaxed"], c["pred"], c["relaxed"], c["gold"])
    strict = m.prf(c["strict"], c["pred"], c["strict"], c["gold"])
    value = m.prf(c["value_ok"], c["pred"], c["value_ok"], c["gold"])
    metrics = {
        "precision": relaxed.precision,
        "recall": relaxed.recall,
        "f1": relaxed.f1,
        "strict_f1": strict.f1,
        "date_value_acc": m.ratio(c["date_value_ok"], c["date_matched"]),
        "value_acc": m.ratio(c["value_ok"], c["relaxed"]),
        "value_f1": value.f1,
        "gold": float(c["gold"]),
    }
    notes = (
        *outcome_notes(out),
        "spans matched one-to-one by overlap (relaxed) or identity (strict); values compared "
        "as exact strings on relaxed matches; value_f1 counts a hit when spans overlap and "
        "values are equal",
    )
    return Scored(metrics, notes, len(out.skipped))


# --- factuality -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _FactCase:
    """One document's factuality outcome: counts and (gold, predicted) label pairs."""

    counts: Counter[str]
    certainty: list[tuple[str, str]]
    polarity: list[tuple[str, str]]
    modality: list[tuple[str, str]] = field(default_factory=list)  # (gold class, modality)
    on_gold: list[tuple[str, str]] = field(default_factory=list)  # same, on every gold event


# The sitrep modalities that do not commit the author to the event (MEANTIME certainty
# POSSIBLE/PROBABLE). Only `hypothetical` (conditionals, may/might/could, "likely", threats,
# attempts, purposes): MEANTIME codes time apart from certainty, and an event the author
# presents as to come ("will hold talks", "is to withdraw") is CERTAIN with time FUTURE, so
# sitrep's `future` is an asserted modality here, as in `labels.MODALITY_TO_FACTUALITY`.
# `negated` is scored by polarity; `asserted` and `historical` are certain.
NON_ASSERTED_MODALITIES = frozenset({"hypothetical"})
NON_ASSERTED_CERTAINTY = frozenset({"POSSIBLE", "PROBABLE"})
ModalityAt = Callable[[str, Sequence[m.Span]], Sequence[str]]


def fact_class(event: Mapping[str, Any]) -> str:
    """A gold event's factuality class for the confusion table: NEG (any certainty),
    UNCERTAIN (possible or probable), UNDERSPECIFIED, or CERTAIN (positive and certain)."""
    if event.get("polarity") == "NEG":
        return "NEG"
    if event.get("certainty") in NON_ASSERTED_CERTAINTY:
        return "UNCERTAIN"
    if "UNDERSPECIFIED" in (event.get("certainty"), event.get("polarity")):
        return "UNDERSPECIFIED"
    return "CERTAIN"


def _factuality_case(case: Case, pred: Pred, modality_at: ModalityAt | None = None) -> _FactCase:
    """Matches gold events to predicted mention triggers and compares their factuality."""
    gold = list(case.get("events") or [])
    gold_spans = [_gold_span(e) for e in gold]
    spans, mentions = _pred_spans(pr.items(pred, "mentions"))
    pairs = m.match_spans(gold_spans, spans)
    c: Counter[str] = Counter(gold=len(gold), matched=len(pairs))
    base_c, base_p = lab.MAJORITY_FACTUALITY
    for e in gold:
        c["base_cert_all"] += e["certainty"] == base_c
        c["base_pol_all"] += e["polarity"] == base_p
        c["base_both_all"] += (e["certainty"], e["polarity"]) == lab.MAJORITY_FACTUALITY
    cert_pairs: list[tuple[str, str]] = []
    pol_pairs: list[tuple[str, str]] = []
    mod_pairs: list[tuple[str, str]] = []
    for gi, pi in pairs:
        g = gold[gi]
        modality = str(mentions[pi].get("modality") or "asserted")
        cert, pol, time = lab.factuality_of(modality)
        cert_pairs.append((str(g["certainty"]), cert))
        pol_pairs.append((str(g["polarity"]), pol))
        mod_pairs.append((fact_class(g), modality))
        c["cert_ok"] += cert == g["certainty"]
        c["pol_ok"] += pol == g["polarity"]
        c["both_ok"] += (cert, pol) == (g["certainty"], g["polarity"])
        c["base_both_matched"] += (g["certainty"], g["polarity"]) == lab.MAJORITY_FACTUALITY
        if g.get("time"):
            c["time_gold"] += 1
            c["time_ok"] += time == g["time"]
    on_gold: list[tuple[str, str]] = []
    if modality_at is not None and gold:
        found = list(modality_at(str(case["text"]), gold_spans))
        on_gold = [(fact_class(g), str(p)) for g, p in zip(gold, found, strict=True)]
    return _FactCase(c, cert_pairs, pol_pairs, mod_pairs, on_gold)


def _modality_figures(pairs: Sequence[tuple[str, str]], prefix: str) -> dict[str, float]:
    """NEG precision/recall, non-asserted F1 and the confusion table (gold class → modality)
    over (gold class, predicted modality) pairs.

    Gold NEG is any event with polarity NEG; gold non-asserted (UNCERTAIN) is certainty
    POSSIBLE or PROBABLE with a non-NEG polarity, predicted by `NON_ASSERTED_MODALITIES`
    (`hypothetical` only: `future` is certain, MEANTIME codes futurity as time, not certainty).
    `neg_or_uncertain_as_asserted` counts NEG/UNCERTAIN events given a certain, positive
    modality (asserted, historical or future)."""
    neg = [(g == "NEG", p == "negated") for g, p in pairs]
    uncertain = [(g == "UNCERTAIN", p in NON_ASSERTED_MODALITIES) for g, p in pairs]
    out: dict[str, float] = {f"{prefix}n": float(len(pairs))}
    for name, flags in (("neg", neg), ("non_asserted", uncertain)):
        hit = sum(g and p for g, p in flags)
        score = m.prf(hit, sum(p for _, p in flags), hit, sum(g for g, _ in flags))
        out[f"{prefix}{name}_precision"] = score.precision
        out[f"{prefix}{name}_recall"] = score.recall
        out[f"{prefix}{name}_f1"] = score.f1
        out[f"{prefix}{name}_gold"] = float(sum(g for g, _ in flags))
    asserted_wrong = sum(
        g in {"NEG", "UNCERTAIN"} and p in {"asserted", "historical", "future"} for g, p in pairs
    )
    out[f"{prefix}neg_or_uncertain_as_asserted"] = float(asserted_wrong)
    for (g, p), n in sorted(Counter(pairs).items()):
        out[f"{prefix}confusion.{g}.{p}"] = float(n)
    return out


def score_factuality(
    cases: Sequence[Case], preds: Sequence[Pred], *, modality_at: ModalityAt | None = None
) -> Scored:
    """Event factuality: certainty and polarity of matched mentions vs the majority baseline;
    negation and non-asserted (possible/probable) figures with their confusion table; and,
    when `modality_at` (text, gold spans → modalities) is given, the same on every gold event
    token."""
    out = per_case(cases, preds, lambda case, pred: _factuality_case(case, pred, modality_at))
    c = _sum([r.counts for r in out.results])
    cert = [p for r in out.results for p in r.certainty]
    pol = [p for r in out.results for p in r.polarity]
    base_cert = [(g, lab.MAJORITY_FACTUALITY[0]) for g, _ in cert]
    base_pol = [(g, lab.MAJORITY_FACTUALITY[1]) for g, _ in pol]
    cert_classes = sorted({g for g, _ in cert} | {p for _, p in cert})
    pol_classes = sorted({g for g, _ in pol} | {p for _, p in pol})
    metrics = {
        "coverage": m.ratio(c["matched"], c["gold"]),
        "certainty_acc": m.ratio(c["cert_ok"], c["matched"]),
        "polarity_acc": m.ratio(c["pol_ok"], c["matched"]),
        "both_acc": m.ratio(c["both_ok"], c["matched"]),
        "certainty_macro_f1": m.macro_f1(cert, cert_classes),
        "polarity_macro_f1": m.macro_f1(pol, pol_classes),
        "time_acc": m.ratio(c["time_ok"], c["time_gold"]),
        "baseline_both_acc_matched": m.ratio(c["base_both_matched"], c["matched"]),
        "baseline_certainty_macro_f1": m.macro_f1(base_cert, cert_classes),
        "baseline_polarity_macro_f1": m.macro_f1(base_pol, pol_classes),
        "baseline_certainty_acc_all": m.ratio(c["base_cert_all"], c["gold"]),
        "baseline_polarity_acc_all": m.ratio(c["base_pol_all"], c["gold"]),
        "baseline_both_acc_all": m.ratio(c["base_both_all"], c["gold"]),
        "gold": float(c["gold"]),
    }
    metrics.update(_modality_figures([p for r in out.results for p in r.modality], "found."))
    notes = [
        *outcome_notes(out),
        "modality → (certainty, polarity, time): asserted/historical → CERTAIN POS NON_FUTURE, "
        "negated → CERTAIN NEG NON_FUTURE, future → CERTAIN POS FUTURE, hypothetical → "
        "POSSIBLE POS FUTURE; baseline predicts CERTAIN POS for every gold event",
        "found.* = over the gold events sitrep found as mentions (see coverage): neg_* is "
        "polarity NEG vs modality negated; non_asserted_* is certainty POSSIBLE/PROBABLE vs "
        "modality hypothetical (future is CERTAIN: MEANTIME codes time apart); "
        "confusion.<gold class>.<modality> counts, gold class "
        "NEG | UNCERTAIN | UNDERSPECIFIED | CERTAIN",
    ]
    if modality_at is not None:
        metrics.update(
            _modality_figures([p for r in out.results for p in r.on_gold], "gold_tokens.")
        )
        notes.append(
            "gold_tokens.* = modality on gold event tokens: modality_of run directly on every "
            "gold event's token, whether or not sitrep types it as an event"
        )
    return Scored(metrics, tuple(notes), len(out.skipped))


# --- attribution ----------------------------------------------------------------------------


def _role_agrees(gold: Any, pred: Any) -> bool:
    """Whether a predicted role span agrees with the gold one: both absent, or overlapping."""
    g = None if gold is None else _gold_span(gold)
    p = pr.span_of(pred)
    if g is None or p is None:
        return g is None and p is None
    return m.spans_overlap(g, p)


def _attribution_case(case: Case, pred: Pred) -> Counter[str]:
    """Cue, source and content agreement of one document's attribution relations."""
    gold = list(case.get("attributions") or [])
    gold_cues = [_gold_span(a["cue"]) for a in gold]
    found = [a for a in pr.items(pred, "attributions") if pr.span_of(a.get("cue")) is not None]
    cues = [s for a in found if (s := pr.span_of(a.get("cue"))) is not None]
    pairs = m.match_spans(gold_cues, cues)
    c: Counter[str] = Counter(gold=len(gold), pred=len(found), cue=len(pairs))
    c["cue_exact"] = len(m.match_spans(gold_cues, cues, exact=True))
    for gi, pi in pairs:
        c["source"] += _role_agrees(gold[gi].get("source"), found[pi].get("source"))
        c["content"] += _role_agrees(gold[gi]["content"], found[pi].get("content"))
    return c


def score_attribution(cases: Sequence[Case], preds: Sequence[Pred]) -> Scored:
    """Attribution relations: cue, source and content P/R/F1 on cue-matched relations."""
    out = per_case(cases, preds, _attribution_case)
    c = _sum(out.results)
    metrics: dict[str, float] = {}
    for role in ("cue", "source", "content", "cue_exact"):
        score = m.prf(c[role], c["pred"], c[role], c["gold"])
        metrics[f"{role}_precision"] = score.precision
        metrics[f"{role}_recall"] = score.recall
        metrics[f"{role}_f1"] = score.f1
    metrics["gold"] = float(c["gold"])
    notes = (
        *outcome_notes(out),
        "relations matched one-to-one by overlapping cues; source/content correct when they "
        "overlap the gold span (a null source is correct only against a null gold source)",
    )
    return Scored(metrics, notes, len(out.skipped))


# --- event_record ---------------------------------------------------------------------------


def _killed(pred: Pred) -> int | None:
    """The largest 'killed' figure of the main mention, else of any mention; None if none."""
    main = pr.main_mention(pred)
    for pool in ([main] if main else [], pr.items(pred, "mentions")):
        values = [
            int(f["value"])
            for mention in pool
            for f in mention.get("figures") or []
            if isinstance(f, dict) and f.get("kind") == "killed" and isinstance(f.get("value"), int)
        ]
        if values:
            return max(values)
    return None


def _place_distance(case: Case, pred: Pred) -> float | None:
    """Km from the gold point to the main mention's place, or, with no mention, to the nearest
    place found; None when nothing was placed."""
    gold = (float(case["lat"]), float(case["lon"]))
    main = pr.main_mention(pred)
    if main is not None:
        where = pr.coords(main.get("place"))
        return None if where is None else m.haversine_km(*gold, *where)
    dists = [
        m.haversine_km(*gold, *where)
        for place in pr.items(pred, "places")
        if (where := pr.coords(place)) is not None
    ]
    return min(dists) if dists else None


def _event_record_case(case: Case, pred: Pred) -> tuple[Counter[str], list[float]]:
    """Place, date and deaths of one record against the prediction."""
    c: Counter[str] = Counter()
    errors: list[float] = []
    if "lat" in case and "lon" in case:
        c["place_gold"] += 1
        km = _place_distance(case, pred)
        if km is not None:
            c["place_pred"] += 1
            c["place_ok"] += km <= WITHIN_KM
            errors.append(km)
    g_start, g_end = pr.parse_date(case.get("date_start")), pr.parse_date(case.get("date_end"))
    if g_start and case.get("published"):
        g_end = g_end or g_start
        c["date_gold"] += 1
        main = pr.main_mention(pred)
        when = main.get("when") if main else None
        if isinstance(when, dict) and when.get("resolved", True) is not False:
            p_start = pr.parse_date(when.get("start"))
            p_end = pr.parse_date(when.get("end")) or p_start
            if p_start and p_end:
                c["date_pred"] += 1
                c["date_overlap"] += p_start <= g_end and p_end >= g_start
                c["date_within"] += g_start <= p_start and p_end <= g_end
    elif g_start:
        c["date_no_published"] += 1
    deaths = case.get("deaths")
    if isinstance(deaths, int) and deaths > 0:
        c["deaths_gold"] += 1
        killed = _killed(pred)
        if killed is not None:
            c["deaths_pred"] += 1
            c["deaths_ok"] += killed == deaths
    return c, errors


Locate = Callable[[str, str | None], tuple[float, float, bool] | None]
WHERE_KM = 25.0


def _where_figures(cases: Sequence[Case], locate: Locate) -> dict[str, float]:
    """The cases' own location text (`where`) resolved on its own: within 25 km of gold."""
    n = town = ok = ok_town = 0
    for case in cases:
        where, lat, lon = case.get("where"), case.get("lat"), case.get("lon")
        if not isinstance(where, str) or not where.strip() or lat is None or lon is None:
            continue
        n += 1
        found = locate(where, case.get("country"))
        if found is None:
            continue
        near = m.haversine_km(float(lat), float(lon), found[0], found[1]) <= WHERE_KM
        ok += near
        if found[2]:
            town += 1
            ok_town += near
    return {
        "where_n": float(n),
        "where_25km": m.ratio(ok, n),
        "where_town_n": float(town),
        "where_25km_town": m.ratio(ok_town, town),
    }


def score_event_record(
    cases: Sequence[Case], preds: Sequence[Pred], *, locate: Locate | None = None
) -> Scored:
    """Coded event records: place within 161 km, date in range, deaths; each with coverage;
    with `locate`, also the gold location text resolved on its own (within 25 km)."""
    out = per_case(cases, preds, _event_record_case)
    c = _sum([r[0] for r in out.results])
    errors = [km for r in out.results for km in r[1]]
    metrics = {
        "place_161km": m.ratio(c["place_ok"], c["place_gold"]),
        "place_coverage": m.ratio(c["place_pred"], c["place_gold"]),
        "place_161km_covered": m.ratio(c["place_ok"], c["place_pred"]),
        "median_km": m.median(errors),
        "date_in_range": m.ratio(c["date_within"], c["date_gold"]),
        "date_overlap": m.ratio(c["date_overlap"], c["date_gold"]),
        "date_coverage": m.ratio(c["date_pred"], c["date_gold"]),
        "date_n": float(c["date_gold"]),
        "deaths_exact": m.ratio(c["deaths_ok"], c["deaths_gold"]),
        "deaths_coverage": m.ratio(c["deaths_pred"], c["deaths_gold"]),
        "deaths_n": float(c["deaths_gold"]),
    }
    if locate is not None:
        metrics.update(_where_figures(cases, locate))
    notes = [
        *outcome_notes(out),
        "place = main mention's place (with no mention: the nearest of all places found); "
        "date_in_range = predicted when inside the gold range, date_overlap = intersecting it; "
        "deaths = largest 'killed' figure (main mention first); where_25km = the case's own "
        "location text resolved by the gazetteer, within 25 km (where_25km_town: among those "
        "resolved to a settlement)",
    ]
    if c["date_no_published"]:
        notes.append(
            f"{c['date_no_published']} case(s) have no published date: their dates are not scored"
        )
    return Scored(metrics, tuple(notes), len(out.skipped))


# --- coreference ----------------------------------------------------------------------------


def singleton_clusters(cases: Sequence[Case], preds: Sequence[Pred]) -> dict[MentionKey, Hashable]:
    """One cluster per predicted mention (no cross-document merging)."""
    found: dict[MentionKey, Hashable] = {}
    for case, pred in zip(cases, preds, strict=False):
        for mention in pr.items(pred, "mentions"):
            span = pr.span_of(mention)
            if span is not None:
                key = (str(case.get("id")), *span)
                found[key] = key
    return found


def _mention_case(case: Case, pred: Pred) -> tuple[Counter[str], dict[MentionKey, MentionKey]]:
    """Mention detection counts, and predicted mention key → matched gold mention key."""
    doc = str(case["id"])
    gold_spans = [_gold_span(g) for g in case.get("mentions") or []]
    spans, _ = _pred_spans(pr.items(pred, "mentions"))
    pairs = m.match_spans(gold_spans, spans)
    c: Counter[str] = Counter(gold=len(gold_spans), pred=len(spans), matched=len(pairs))
    aligned = {(doc, *spans[pi]): (doc, *gold_spans[gi]) for gi, pi in pairs}
    return c, aligned


def score_coreference(
    cases: Sequence[Case], preds: Sequence[Pred], *, clusters: ClusterFn | None = None
) -> Scored:
    """Event mention detection and cross-document coreference (MUC, B³, CEAF-e, CoNLL F1)."""
    out = per_case(cases, preds, _mention_case)
    c = _sum([r[0] for r in out.results])
    aligned: dict[MentionKey, MentionKey] = {}
    for _, a in out.results:
        aligned.update(a)
    gold: dict[Hashable, Hashable] = {}
    for case in cases:
        try:
            for g in case.get("mentions") or []:
                gold[(str(case["id"]), *_gold_span(g))] = str(g["cluster"])
        except Exception:  # counted among skipped cases by per_case
            continue
    notes = list(outcome_notes(out))
    try:
        predicted_raw = (clusters or singleton_clusters)(cases, preds)
    except Exception as exc:  # a broken clusterer scores as no clusters
        notes.append(f"cluster function failed ({exc!r}); scored with no predicted clusters")
        predicted_raw = {}
    predicted: dict[Hashable, Hashable] = {aligned.get(k, k): v for k, v in predicted_raw.items()}
    detection = m.prf(c["matched"], c["pred"], c["matched"], c["gold"])
    metrics = {
        "mention_recall": detection.recall,
        "mention_precision": detection.precision,
    }
    for name, fn in (("muc", m.muc), ("b3", m.b_cubed), ("ceafe", m.ceaf_e)):
        score = fn(gold, predicted)
        metrics[f"{name}_precision"] = score.precision
        metrics[f"{name}_recall"] = score.recall
        metrics[f"{name}_f1"] = score.f1
    metrics["conll_f1"] = (metrics["muc_f1"] + metrics["b3_f1"] + metrics["ceafe_f1"]) / 3
    # clustering alone: the gold mentions sitrep found, and sitrep's clusters over them
    found = set(aligned.values())
    gold_found: dict[Hashable, Hashable] = {k: v for k, v in gold.items() if k in found}
    pred_found: dict[Hashable, Hashable] = {k: v for k, v in predicted.items() if k in found}
    for name, fn in (("muc", m.muc), ("b3", m.b_cubed), ("ceafe", m.ceaf_e)):
        score = fn(gold_found, pred_found)
        metrics[f"found_{name}_precision"] = score.precision
        metrics[f"found_{name}_recall"] = score.recall
        metrics[f"found_{name}_f1"] = score.f1
    metrics["found_conll_f1"] = (
        metrics["found_muc_f1"] + metrics["found_b3_f1"] + metrics["found_ceafe_f1"]
    ) / 3
    metrics["found_mentions"] = float(len(gold_found))
    metrics["gold"] = float(c["gold"])
    notes.append(
        "predicted mentions are aligned to gold mentions by overlapping triggers (one-to-one); "
        "unaligned predicted mentions stay in the response, missed gold mentions in the key; "
        "found_* scores the clustering alone, over the gold mentions sitrep found"
    )
    if clusters is None:
        notes.append(
            "no cross-document merging yet: predicted clusters are singletons (one per mention), "
            "so MUC is 0 by construction"
        )
    return Scored(metrics, tuple(notes), len(out.skipped))


# --- unlabelled -----------------------------------------------------------------------------


def _volume_case(case: Case, pred: Pred) -> Counter[str]:
    """How much sitrep found in one document."""
    if pred is None:
        return Counter(failures=1)
    mentions = len(pr.items(pred, "mentions"))
    return Counter(
        docs=1,
        with_mention=mentions > 0,
        mentions=mentions,
        places=len(pr.items(pred, "places")),
        times=len(pr.items(pred, "times")),
    )


def score_unlabelled(cases: Sequence[Case], preds: Sequence[Pred]) -> Scored:
    """Volume figures for documents without gold: what was found per document, and failures."""
    out = per_case(cases, preds, _volume_case)
    c = _sum(out.results)
    metrics = {
        "docs": float(c["docs"]),
        "docs_with_mention": float(c["with_mention"]),
        "mentions_per_doc": m.ratio(c["mentions"], c["docs"]),
        "places_per_doc": m.ratio(c["places"], c["docs"]),
        "times_per_doc": m.ratio(c["times"], c["docs"]),
        "failures": float(c["failures"]),
    }
    return Scored(metrics, outcome_notes(out), len(out.skipped))


SCORERS: Mapping[str, Callable[[Sequence[Case], Sequence[Pred]], Scored]] = {
    "event_type": score_event_type,
    "toponyms": score_toponyms,
    "timex": score_timex,
    "factuality": score_factuality,
    "attribution": score_attribution,
    "event_record": score_event_record,
    "coreference": score_coreference,
    "unlabelled": score_unlabelled,
}
