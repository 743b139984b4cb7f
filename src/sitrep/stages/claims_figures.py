"""Figures: casualty and related counts ("killed 12 civilians", "two dead", "launched 120 drones").

Input → output: a parsed `Doc`, the article's attributions → `Figure`s with kind, integer value,
span and the party that gives them (the source of the innermost attribution containing them).
Vague quantities ("dozens", "hundreds of") are not figures. It does not decide which event a
figure belongs to beyond `figures_for`, which keeps the figures of the trigger's sentence.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy
from spacy.attrs import LIKE_NUM
from spacy.tokens import Doc, Token

from sitrep.model import Actor, Attribution, Figure, Span

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "dozen": 12,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000}

_VERB_KINDS = {
    "kill": "killed",
    "die": "killed",
    "slay": "killed",
    "execute": "killed",
    "injure": "injured",
    "wound": "injured",
    "hurt": "injured",
    "capture": "captured",
    "detain": "captured",
    "abduct": "captured",
    "kidnap": "captured",
    "arrest": "captured",
    "miss": "missing",
    "displace": "displaced",
    "flee": "displaced",
    "evacuate": "displaced",
    "exchange": "exchanged",
    "swap": "exchanged",
    "release": "exchanged",
    "free": "exchanged",
}
_NOUN_KINDS = {
    "drone": "drones",
    "uav": "drones",
    "missile": "missiles",
    "rocket": "missiles",
    "death": "killed",
    "fatality": "killed",
    "dead": "killed",
    "body": "killed",
    "casualty": "casualties",
    "injury": "injured",
    "wounded": "injured",
    "injured": "injured",
    "prisoner": "captured",
    "pow": "captured",
    "hostage": "captured",
    "missing": "missing",
    "refugee": "displaced",
}
_ADJ_KINDS = {
    "dead": "killed",
    "killed": "killed",
    "injured": "injured",
    "wounded": "injured",
    "missing": "missing",
    "displaced": "displaced",
}
_INTRANSITIVE = frozenset({"die", "flee", "evacuate"})
_SWAP_VERBS = frozenset({"exchange", "swap", "release", "free", "return"})


def number_value(words: Sequence[str]) -> int | None:
    """Integer value of a number written in digits ("1,200") or words ("two hundred"), else None."""
    total = 0
    current = 0
    seen = False
    for raw in words:
        word = raw.lower().replace(",", "").strip()
        if not word or word in {"and", "a", "-"}:
            continue
        if word.isdigit():
            current += int(word)
        elif word.replace(".", "", 1).isdigit():
            current += int(float(word))
        elif word in _UNITS:
            current += _UNITS[word]
        elif "-" in word and all(p in _UNITS for p in word.split("-")):
            current += sum(_UNITS[p] for p in word.split("-"))
        elif word in _SCALES:
            current = max(current, 1) * _SCALES[word]
            if _SCALES[word] >= 1_000:
                total, current = total + current, 0
        else:
            return None
        seen = True
    return total + current if seen else None


def _number_tokens(tok: Token) -> list[Token]:
    """The tokens making up the number whose last token is `tok` ("two hundred", "1,200")."""
    toks = [tok]
    for child in tok.children:
        if child.dep_ in {"compound", "quantmod"} and child.like_num and child.i < tok.i:
            toks.insert(0, child)
    return sorted(toks, key=lambda t: t.i)


def _kind_of(num: Token) -> tuple[str | None, Token]:
    """The kind of figure a number token gives, with the token its span runs to."""
    noun = num.head if num.dep_ == "nummod" else num
    low = noun.lemma_.lower()
    if noun.lower_ in _ADJ_KINDS and noun is not num:
        return _ADJ_KINDS[noun.lower_], noun
    for child in noun.children:
        if child.dep_ == "amod" and child.lower_ in _ADJ_KINDS:
            return _ADJ_KINDS[child.lower_], noun
    if low in _NOUN_KINDS:
        kind = _NOUN_KINDS[low]
        if kind == "captured" and noun.head.lemma_.lower() in _SWAP_VERBS:
            kind = "exchanged"
        return kind, noun
    head = noun.head
    if noun.dep_ in {"dobj", "nsubjpass", "nsubj", "pobj"}:
        verb = head.head if noun.dep_ == "pobj" and head.dep_ in {"prep", "agent"} else head
        by_verb = _VERB_KINDS.get(verb.lemma_.lower())
        if by_verb is not None and (noun.dep_ != "nsubj" or verb.lemma_.lower() in _INTRANSITIVE):
            return by_verb, noun
        for child in verb.children:
            predicative = child.dep_ in {"oprd", "acomp"} and child.i == noun.i + 1
            if noun.dep_ == "dobj" and predicative and child.lower_ in _ADJ_KINDS:
                return _ADJ_KINDS[child.lower_], child
        if noun.dep_ == "pobj" and any(
            c.dep_.startswith("nsubj") and c.lemma_.lower() == "toll" for c in verb.children
        ):
            return "killed", noun
    for child in noun.children:
        if child.dep_ in {"acl", "relcl"} and child.lemma_.lower() in _VERB_KINDS:
            return _VERB_KINDS[child.lemma_.lower()], noun
    return None, noun


def _source_at(start: int, end: int, attributions: Sequence[Attribution]) -> Actor | None:
    """Source of the innermost attribution whose content contains the span."""
    best: Attribution | None = None
    for att in attributions:
        c = att.content
        smaller = best is None or (c.end - c.start) < (best.content.end - best.content.start)
        if c.start <= start and end <= c.end and att.source is not None and smaller:
            best = att
    return best.source if best is not None else None


def _is_number_head(tok: Token) -> bool:
    """True for the last token of a number ("1,200", "two hundred", "five")."""
    if not tok.like_num or tok.ent_type_ in {"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL"}:
        return False
    return not (tok.dep_ in {"compound", "quantmod"} and tok.head.like_num)


def find_figures(
    doc: Doc, *, attributions: Sequence[Attribution], actors: Sequence[Actor]
) -> tuple[Figure, ...]:
    """Every casualty, capture, exchange or munition count in the document, with who gives it."""
    del actors  # the giving party comes from attributions; kept for the pipeline's signature
    figures: list[Figure] = []
    for i in numpy.flatnonzero(doc.to_array([LIKE_NUM])):
        tok = doc[int(i)]
        if not _is_number_head(tok):
            continue
        toks = _number_tokens(tok)
        value = number_value([t.text for t in toks])
        if value is None:
            continue
        kind, last = _kind_of(tok)
        if kind is None:
            continue
        first = toks[0]
        for child in tok.children:
            if child.dep_ in {"advmod", "quantmod"} and child.i < first.i:
                first = child.left_edge
        end_tok = last if last.i > tok.i else tok
        span = doc[first.i : end_tok.i + 1]
        start, end = span.start_char, span.end_char
        figures.append(
            Figure(
                kind=kind,
                value=value,
                text=span.text,
                start=start,
                end=end,
                source=_source_at(start, end, attributions),
            )
        )
    return tuple(figures)


def figures_for(
    trigger_start: int, trigger_end: int, *, sentence: Span, figures: Sequence[Figure]
) -> tuple[Figure, ...]:
    """The figures given in the trigger's sentence."""
    del trigger_start, trigger_end  # one sentence, one set of figures (for now)
    return tuple(f for f in figures if sentence.start <= f.start and f.end <= sentence.end)
