"""Features of an event trigger for the typing model: a parsed trigger token → hashed feature ids.

Input → output: `trigger_features(tok, lemma=..., rule=..., actor_sectors=..., ...)` returns the
feature strings of one trigger (its lemma, part of speech and dependency, its head and children,
the rule lexicon's proposal, the sectors of its sides, the words of its sentence and a window
around it); `hash_features` turns them into bucket ids (CRC32, stable across processes and
machines). The same function serves training (`scripts/train_typing.py`) and prediction, so the
two cannot drift apart. It does not type anything: that is `typing_model`.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Sequence

from spacy.tokens import Token

N_BUCKETS = 1 << 20
WINDOW = 3
_SKIP_DEPS = frozenset({"punct", "det", "aux", "cc"})


def _lem(tok: Token) -> str:
    """Lower-case lemma of a token (numbers folded to one symbol)."""
    if tok.like_num:
        return "<num>"
    return tok.lemma_.lower()


def trigger_features(
    tok: Token,
    *,
    lemma: str,
    rule: tuple[str, str | None] | None,
    actor_sectors: Iterable[str] = (),
    recipient_sectors: Iterable[str] = (),
    sentence_sectors: Iterable[str] = (),
) -> list[str]:
    """Feature strings of one trigger token in its sentence.

    `rule` is the lexicon's (PLOVER type, mode) for the token, or None when the token is not
    in the lexicon (a fallback candidate); the sectors are those of the rule-found sides and
    of every actor in the sentence."""
    head = tok.head
    feats = [
        "bias",
        f"t={lemma}",
        f"tl={tok.lower_}",
        f"tp={tok.pos_}",
        f"td={tok.dep_}",
        f"h={_lem(head)}",
        f"hd={tok.dep_}_{_lem(head)}",
        f"tdep={tok.dep_}_{lemma}",
    ]
    if rule is None:
        feats.append("r=none")
    else:
        feats += [f"r={rule[0]}", f"rm={rule[0]}_{rule[1]}", f"rt={rule[0]}_{lemma}"]
    for c in tok.children:
        if c.dep_ in _SKIP_DEPS:
            continue
        feats.append(f"c={c.dep_}_{_lem(c)}")
        feats.append(f"tc={lemma}_{_lem(c)}")
        if c.dep_ == "prep":
            feats += [f"p={c.lower_}_{_lem(g)}" for g in c.children if g.dep_ == "pobj"]
        elif c.dep_ in {"dobj", "nsubj", "nsubjpass"}:
            feats += [f"m={c.dep_}_{_lem(g)}" for g in c.children if g.dep_ in {"amod", "compound"}]
    feats += [f"as={s}" for s in set(actor_sectors)]
    feats += [f"rs={s}" for s in set(recipient_sectors)]
    feats += [f"ss={s}" for s in set(sentence_sectors)]
    sent = tok.sent
    prev = ""
    for t in sent:
        if t.is_punct or t.is_space:
            prev = ""
            continue
        lem = _lem(t)
        if not t.is_stop:
            feats.append(f"w={lem}")
            if prev:
                feats.append(f"b={prev}_{lem}")
            prev = lem
        if t.i != tok.i and abs(t.i - tok.i) <= WINDOW:
            side = "L" if t.i < tok.i else "R"
            feats.append(f"n{side}={lem}")
    feats += doc_words(tok)
    return feats


def doc_words(tok: Token, limit: int = 60) -> list[str]:
    """Content words of the sentences before and after the trigger's ("d=" features: the
    context a multi-sentence snippet gives), at most `limit` of them."""
    sent = tok.sent
    doc = tok.doc
    lo = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    hi = doc[sent.end].sent.end if sent.end < len(doc) else sent.end
    out = [
        f"d={_lem(t)}"
        for t in doc[lo:hi]
        if not (sent.start <= t.i < sent.end) and t.is_alpha and not t.is_stop
    ]
    if not out:  # a one-sentence text: its own words stand for the context
        out = [f"d={_lem(t)}" for t in sent if t.is_alpha and not t.is_stop]
    return out[:limit]


def hash_features(feats: Sequence[str], n_buckets: int = N_BUCKETS) -> list[int]:
    """Stable bucket ids of feature strings (CRC32 modulo the bucket count)."""
    mask = n_buckets - 1
    return [zlib.crc32(f.encode("utf-8")) & mask for f in feats]
