"""Train and evaluate sitrep's event-typing model from the project's own examples.

    .venv/bin/python scripts/train_typing.py            # k-fold CV report + write the model
    .venv/bin/python scripts/train_typing.py --cv-only  # report only

Reads `training/*.txt` (format: training/README.md), expands the templates (a fixed seed, so
the data are reproducible), writes every example to `training/examples.jsonl`, parses them with
the project's spaCy pipeline, finds each trigger's lexicon proposal and sides exactly as
`stages.extract` does at run time, and trains a multinomial logistic regression (L2, L-BFGS)
over joint "PLOVER|ACLED-code" labels on hashed features (`stages.typing_features`).
Cross-validation is grouped: all expansions of one template (or all triggers of one hand-written
sentence) are in the same fold. The model goes to `src/sitrep/knowledge/data/typing_model.npz`.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import optimize, sparse

from sitrep.knowledge.actors import load_actor_kb
from sitrep.model import EventType, Span
from sitrep.nlp import load_nlp
from sitrep.nlp.embed import DEFAULT_ENCODER, MAX_TOKENS, load_encoder
from sitrep.stages.actors import find_actors
from sitrep.stages.extract import (
    EventCandidate,
    _index,
    _noun_args,
    _verb_args,
    candidate_features,
    rule_candidates,
)
from sitrep.stages.typing_features import N_BUCKETS, hash_features

ROOT = Path(__file__).resolve().parents[1]
TRAINING = ROOT / "training"
OUT = ROOT / "src" / "sitrep" / "knowledge" / "data" / "typing_model.npz"
CACHE = ROOT / "build" / "typing_embeddings.npz"
ENCODER_STAMP = f"{DEFAULT_ENCODER}:{MAX_TOKENS}"  # cached vectors are valid for this only
EXPANSIONS = 14
DENSE_SCALE = 4.0  # embedding columns against feature counts: tried 2, 3, 4, 6 on the dev sets
SLOT = re.compile(r"\{([A-Z_]+)\}")
TRIGGER = re.compile(r"\[([^\]|]+)(?:\|([^\]]+))?\]")

Example = dict[str, Any]


def _fill(line: str, slots: dict[str, list[str]], rng: random.Random) -> str:
    """A template line with every slot (recursively) replaced by a random filler."""
    for _ in range(5):
        if not SLOT.search(line):
            break
        line = SLOT.sub(lambda m: rng.choice(slots[m.group(1)]), line)
    return line[:1].upper() + line[1:]


def _examples_of(text: str, labels: tuple[str, str, str], group: str, source: str) -> list[Example]:
    """Examples (one per marked trigger) from a line with [trigger] markup."""
    out: list[Example] = []
    plain = ""
    pos = 0
    marks: list[tuple[int, str, tuple[str, str, str]]] = []
    for m in TRIGGER.finditer(text):
        plain += text[pos : m.start()]
        own = tuple(m.group(2).split()) if m.group(2) else labels
        if len(own) != 3:
            raise ValueError(f"bad trigger labels in {text!r}")
        marks.append((len(plain), m.group(1), (own[0], own[1], own[2])))
        plain += m.group(1)
        pos = m.end()
    plain += text[pos:]
    for start, trig, (plover, mode, acled) in marks:
        out.append(
            {
                "text": plain,
                "trigger": trig,
                "start": start,
                "plover": plover,
                "mode": None if mode == "-" else mode,
                "acled": None if acled == "-" else acled,
                "group": group,
                "source": source,
            }
        )
    return out


def read_sources(directory: Path, expansions: int = EXPANSIONS, seed: int = 13) -> list[Example]:
    """Every example of the `*.txt` files in `directory`, templates expanded."""
    rng = random.Random(seed)
    examples: list[Example] = []
    for path in sorted(directory.glob("*.txt")):
        slots: dict[str, list[str]] = {}
        labels = ("NONE", "-", "-")
        for n, raw in enumerate(path.read_text("utf-8").splitlines(), 1):
            line = raw.strip()
            if not line or line.startswith("# "):
                continue
            if line.startswith("$"):
                name, _, values = line[1:].partition("=")
                slots[name.strip()] = [v.strip() for v in values.split("|")]
                continue
            if line.startswith("## "):
                parts = line[3:].split()
                labels = (parts[0], parts[1], parts[2])
                continue
            group = f"{path.stem}:{n}"
            if SLOT.search(line):
                seen: set[str] = set()
                for _ in range(expansions):
                    text = _fill(line, slots, rng)
                    if text not in seen:
                        seen.add(text)
                        examples += _examples_of(text, labels, group, "template")
            else:
                examples += _examples_of(line, labels, group, "hand")
    return examples


def label_of(ex: Example) -> str:
    """The joint label "PLOVER|CODE" of an example."""
    return f"{ex['plover']}|{ex['acled'] or '-'}"


def featurise(examples: Sequence[Example]) -> tuple[list[list[int]], list[str]]:
    """Hashed feature ids of every example's trigger and the text of its spaCy sentence (what
    the encoder reads at run time), computed as at run time."""
    nlp = load_nlp()
    kb = load_actor_kb()
    texts = sorted({ex["text"] for ex in examples})
    docs = dict(zip(texts, nlp.pipe(texts, batch_size=64), strict=True))
    per_doc: dict[str, tuple[dict[int, EventCandidate], Any]] = {}
    out: list[list[int]] = []
    sentences: list[str] = []
    missing = 0
    for ex in examples:
        doc = docs[ex["text"]]
        if ex["text"] not in per_doc:
            actors = find_actors(doc, kb=kb)
            by_tok = _index(doc, actors)
            cands = {c.token_i: c for c in rule_candidates(doc, actors=actors, kb=kb)}
            per_doc[ex["text"]] = (cands, by_tok)
        cands, by_tok = per_doc[ex["text"]]
        span = doc.char_span(ex["start"], ex["start"] + len(ex["trigger"]), "expand")
        if span is None:
            missing += 1
            out.append([])
            sentences.append(ex["text"])
            continue
        tok = span.root if len(span) > 1 else span[0]
        sentences.append(tok.sent.text)
        cand = cands.get(tok.i)
        if cand is None:
            verbal = tok.pos_ in {"VERB", "AUX"} or tok.tag_.startswith("VB")
            actors_, recips = _verb_args(tok, by_tok) if verbal else _noun_args(tok, by_tok)
            span_ = Span(tok.idx, tok.idx + len(tok.text), tok.text)
            typing = EventType("NONE", None, None, None, 0.0)
            cand = EventCandidate(span_, tok.i, typing, tuple(actors_), tuple(recips), None)
        out.append(hash_features(candidate_features(doc, cand, by_tok)))
    if missing:
        print(f"warning: {missing} trigger(s) not found in their text", file=sys.stderr)
    return out, sentences


def embed_sentences(sentences: Sequence[str]) -> npt.NDArray[np.float32]:
    """The run-time encoder's vectors for `sentences` (each distinct sentence encoded once;
    vectors are reused from `build/typing_embeddings.npz` between runs)."""
    known: dict[str, npt.NDArray[np.float32]] = {}
    if CACHE.is_file():
        with np.load(CACHE, allow_pickle=False) as data:
            if str(data["encoder"][0]) == ENCODER_STAMP:
                known = dict(zip((str(t) for t in data["texts"]), data["vectors"], strict=True))
    todo = sorted(set(sentences) - set(known))
    if todo:
        vecs = load_encoder(DEFAULT_ENCODER).encode(todo)
        known.update(zip(todo, vecs, strict=True))
        CACHE.parent.mkdir(exist_ok=True)
        texts = sorted(known)
        np.savez(
            CACHE,
            texts=np.asarray(texts),
            vectors=np.stack([known[t] for t in texts]),
            encoder=np.asarray([ENCODER_STAMP]),
        )
    return np.stack([known[s] for s in sentences])


def _matrix(
    rows: Sequence[list[int]], columns: dict[int, int], dense: Dense | None = None
) -> sparse.csr_matrix:
    """CSR matrix of feature counts over the compact columns (unknown buckets dropped), with
    the dense block (scaled embeddings) appended as the last columns when given."""
    data: list[float] = []
    ind: list[int] = []
    ptr = [0]
    for ids in rows:
        counts = Counter(columns[i] for i in ids if i in columns)
        ind += list(counts)
        data += [float(v) for v in counts.values()]
        ptr.append(len(ind))
    x = sparse.csr_matrix((data, ind, ptr), shape=(len(rows), len(columns)))
    if dense is None:
        return x
    return sparse.hstack([x, sparse.csr_matrix(dense)], format="csr")


Dense = npt.NDArray[np.float32]


def train(
    rows: Sequence[list[int]],
    y: Sequence[int],
    n_labels: int,
    l2: float = 1.0,
    dense: Dense | None = None,
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]:
    """(bucket ids, weights) of a softmax regression fit by L-BFGS with an L2 penalty; with
    `dense`, its columns' weights are the last rows of the weights."""
    buckets = sorted({i for ids in rows for i in ids})
    columns = {b: k for k, b in enumerate(buckets)}
    x = _matrix(rows, columns, dense)
    n, d = x.shape
    yy = np.zeros((n, n_labels))
    yy[np.arange(n), np.asarray(y)] = 1.0

    def loss(w_flat: npt.NDArray[np.float64]) -> tuple[float, npt.NDArray[np.float64]]:
        w = w_flat.reshape(d, n_labels)
        z = x @ w
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        nll = -float(np.sum(yy * np.log(p + 1e-12)))
        grad = x.T @ (p - yy) + l2 * w
        return nll + 0.5 * l2 * float(np.sum(w * w)), np.asarray(grad).ravel()

    res = optimize.minimize(
        loss, np.zeros(d * n_labels), jac=True, method="L-BFGS-B", options={"maxiter": 300}
    )
    return np.asarray(buckets, dtype=np.int64), res.x.reshape(d, n_labels)


def predict(
    buckets: npt.NDArray[np.int64],
    w: npt.NDArray[np.float64],
    rows: Sequence[list[int]],
    dense: Dense | None = None,
) -> npt.NDArray[np.float64]:
    """Probabilities for feature rows (and their dense block, for a model trained with one)."""
    columns = {int(b): k for k, b in enumerate(buckets)}
    z = _matrix(rows, columns, dense) @ w
    z -= z.max(axis=1, keepdims=True)
    p = np.exp(z)
    return np.asarray(p / p.sum(axis=1, keepdims=True))


def _f1s(pairs: Sequence[tuple[str, str]], classes: Sequence[str]) -> dict[str, float]:
    """Per-class F1."""
    out: dict[str, float] = {}
    for k in classes:
        tp = sum(g == k and p == k for g, p in pairs)
        fp = sum(g != k and p == k for g, p in pairs)
        fn = sum(g == k and p != k for g, p in pairs)
        out[k] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return out


def report(name: str, pairs: Sequence[tuple[str, str]]) -> None:
    """Accuracy, macro and weighted F1 of (gold, predicted) pairs, with per-class F1."""
    classes = sorted({g for g, _ in pairs})
    f1 = _f1s(pairs, classes)
    support = Counter(g for g, _ in pairs)
    acc = sum(g == p for g, p in pairs) / len(pairs)
    macro = sum(f1.values()) / len(f1)
    weighted = sum(f1[k] * support[k] for k in classes) / len(pairs)
    print(f"{name}: n={len(pairs)} accuracy={acc:.3f} macro_f1={macro:.3f} weighted={weighted:.3f}")
    for k in classes:
        print(f"    {k:32s} n={support[k]:4d} F1={f1[k]:.2f}")


def cross_validate(
    examples: Sequence[Example],
    rows: Sequence[list[int]],
    labels: Sequence[str],
    folds: int,
    dense: Dense | None = None,
    l2: float = 1.0,
) -> None:
    """Grouped k-fold CV: PLOVER type accuracy/macro F1, ACLED code weighted F1."""
    groups = sorted({ex["group"] for ex in examples})
    rng = random.Random(7)
    rng.shuffle(groups)
    fold_of = {g: k % folds for k, g in enumerate(groups)}
    index = {lab: k for k, lab in enumerate(labels)}
    pred: list[str] = [""] * len(examples)
    for k in range(folds):
        tr = [i for i, ex in enumerate(examples) if fold_of[ex["group"]] != k]
        te = [i for i, ex in enumerate(examples) if fold_of[ex["group"]] == k]
        b, w = train(
            [rows[i] for i in tr],
            [index[label_of(examples[i])] for i in tr],
            len(labels),
            l2,
            None if dense is None else dense[tr],
        )
        p = predict(b, w, [rows[i] for i in te], None if dense is None else dense[te])
        for i, row in zip(te, p, strict=True):
            pred[i] = labels[int(np.argmax(row))]
    plover = [
        (label_of(ex).split("|")[0], p.split("|")[0]) for ex, p in zip(examples, pred, strict=True)
    ]
    acled = [
        (label_of(ex).split("|")[1], p.split("|")[1])
        for ex, p in zip(examples, pred, strict=True)
        if ex["acled"]
    ]
    report(f"CV {folds}-fold (grouped) PLOVER", plover)
    report(f"CV {folds}-fold (grouped) ACLED (ACLED-coded examples)", acled)
    hand = [
        (label_of(ex), p) for ex, p in zip(examples, pred, strict=True) if ex["source"] == "hand"
    ]
    print(
        f"CV joint-label accuracy on hand-written examples: "
        f"{sum(g == p for g, p in hand) / max(1, len(hand)):.3f} (n={len(hand)})"
    )
    confusions = Counter((g, p) for g, p in plover if g != p)
    print("main PLOVER confusions:", confusions.most_common(8))
    confusions = Counter((g, p) for g, p in acled if g != p)
    print("main ACLED confusions:", confusions.most_common(8))


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--cv-only", action="store_true")
    ap.add_argument("--no-cv", action="store_true")
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument(
        "--dense-scale",
        type=float,
        default=DENSE_SCALE,
        help="weight of the sentence embedding's columns against the trigger features",
    )
    ap.add_argument("--plain-cv", action="store_true", help="also cross-validate the plain model")
    args = ap.parse_args(argv)
    began = time.perf_counter()
    examples = read_sources(TRAINING)
    with (TRAINING / "examples.jsonl").open("w", encoding="utf-8") as fh:
        for ex in examples:
            fh.write(json.dumps(ex, ensure_ascii=False) + "\n")
    by_source = Counter(ex["source"] for ex in examples)
    print(
        f"{len(examples)} examples ({dict(by_source)}), "
        f"{len({ex['group'] for ex in examples})} groups"
    )
    rows, sentences = featurise(examples)
    labels = sorted({label_of(ex) for ex in examples})
    print(f"{len(labels)} joint labels; featurised in {time.perf_counter() - began:.1f} s")
    dense = embed_sentences(sentences) * args.dense_scale
    print(f"embedded {len(set(sentences))} sentences; {time.perf_counter() - began:.1f} s")
    if not args.no_cv:
        if args.plain_cv:
            print("-- trigger features only --")
            cross_validate(examples, rows, labels, args.folds, l2=args.l2)
            print("-- trigger features + sentence embedding --")
        cross_validate(examples, rows, labels, args.folds, dense, l2=args.l2)
    if args.cv_only:
        return 0
    index = {lab: k for k, lab in enumerate(labels)}
    y = [index[label_of(ex)] for ex in examples]
    buckets, w = train(rows, y, len(labels), args.l2)
    j_buckets, j_w = train(rows, y, len(labels), args.l2, dense)
    modes: dict[str, Counter[str]] = defaultdict(Counter)
    for ex in examples:
        modes[label_of(ex)][ex["mode"] or ""] += 1
    keep = np.abs(w).max(axis=1) > 1e-3
    j_sparse, j_dense = j_w[: len(j_buckets)], j_w[len(j_buckets) :] * args.dense_scale
    j_keep = np.abs(j_sparse).max(axis=1) > 1e-3
    np.savez_compressed(
        OUT,
        rows=buckets[keep].astype(np.int32),
        weights=w[keep].astype(np.float16),
        joint_rows=j_buckets[j_keep].astype(np.int32),
        joint_weights=j_sparse[j_keep].astype(np.float16),
        joint_dense=j_dense.astype(np.float32),
        labels=np.asarray(labels),
        modes=np.asarray([modes[lab].most_common(1)[0][0] for lab in labels]),
        n_buckets=np.asarray([N_BUCKETS]),
        encoder=np.asarray([DEFAULT_ENCODER]),
    )
    print(
        f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size / 1e6:.2f} MB, "
        f"{int(keep.sum())} + {int(j_keep.sum())} feature rows) "
        f"in {time.perf_counter() - began:.1f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
