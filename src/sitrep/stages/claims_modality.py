"""Modality of an event trigger: did it happen, according to the text?

Input → output: a parsed `Doc` and a trigger token index → `Modality` (negated, future,
hypothetical or asserted). Rules read the trigger's own modifiers (negation, auxiliaries,
if-clauses, "no", "planned", "possible"), those of the verb that governs a nominal trigger, and
the verb that controls an infinitive or complement ("expects to", "failed to", "denied that").
It never returns HISTORICAL: that needs dates and is left to the pipeline.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from sitrep.model import Modality

_NEG = frozenset({"not", "n't", "never", "no", "nt"})
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
_HYPO_AUX = frozenset({"could", "would", "might", "may", "should", "can", "must", "'d", "ca"})
_CONDITIONAL_MARKS = frozenset({"if", "unless", "whether", "lest"})
_NEG_HEADS = frozenset({"fail", "deny", "refuse", "decline", "avoid", "prevent", "stop", "halt"})
_FUTURE_HEADS = frozenset(
    {
        "expect",
        "plan",
        "intend",
        "vow",
        "pledge",
        "promise",
        "aim",
        "prepare",
        "schedule",
        "set",
        "seek",
        "want",
        "hope",
        "agree",
        "decide",
        "consider",
        "propose",
        "mull",
        "weigh",
        "order",
        "announce",
        "go",
        "be",
        "due",
        "poised",
        "likely",
        "ready",
    }
)
_HYPO_HEADS = frozenset(
    {"threaten", "try", "attempt", "warn", "call", "urge", "demand", "ask", "offer", "able"}
)
_REALIZED_HEADS = frozenset({"manage", "begin", "start", "continue", "help", "use", "succeed"})
_FUTURE_MODS = frozenset({"planned", "upcoming", "future", "proposed", "scheduled", "expected"})
_HYPO_MODS = frozenset({"possible", "potential", "threatened", "likely", "hypothetical"})
_COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "oprd", "acomp"})
_NOMINAL_ROLES = frozenset({"dobj", "nsubj", "nsubjpass", "attr", "pobj", "appos"})


def _own_modality(verb: Token) -> Modality | None:
    """Modality signalled by a verb's own negation, auxiliaries or conditional marker."""
    found: Modality | None = None
    for child in verb.children:
        low = child.lower_
        if child.dep_ == "neg" or (child.dep_ in {"advmod", "preconj"} and low in _NEG):
            return Modality.NEGATED
        if child.dep_ in {"aux", "auxpass"}:
            if low in _FUTURE_AUX:
                found = found or Modality.FUTURE
            elif low in _HYPO_AUX:
                found = Modality.HYPOTHETICAL
        elif child.dep_ == "mark" and low in _CONDITIONAL_MARKS:
            found = Modality.HYPOTHETICAL
    return found


def _infinitive(verb: Token) -> bool:
    """True for a bare or to-infinitive ("to free", "expected ... to free")."""
    return verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _controlled(verb: Token) -> Modality | None:
    """Modality imposed by a controlling verb ("plans to", "failed to", "denied that")."""
    for _ in range(3):
        if verb.dep_ not in _COMPLEMENT_DEPS and not (verb.dep_ == "advcl" and _infinitive(verb)):
            return None
        head = verb.head
        lemma = head.lemma_.lower()
        if lemma in _NEG_HEADS:
            return Modality.NEGATED
        if lemma in _HYPO_HEADS:
            return Modality.HYPOTHETICAL
        if lemma in _FUTURE_HEADS and (verb.dep_ != "ccomp" or lemma != "be"):
            return Modality.FUTURE
        if _infinitive(verb) and lemma not in _REALIZED_HEADS and verb.dep_ == "advcl":
            return Modality.FUTURE
        if verb.dep_ == "ccomp":
            return None
        own = _own_modality(head)
        if own is not None and own is not Modality.NEGATED:
            return own
        verb = head
    return None


def _verb_modality(verb: Token) -> Modality:
    """Modality of a verbal trigger."""
    own = _own_modality(verb)
    if own is Modality.NEGATED:
        return own
    if (
        own is None
        and verb.dep_ == "conj"
        and not any(c.dep_.startswith("nsubj") for c in verb.children)
    ):
        own = _own_modality(verb.head)
    if own is not None:
        return own
    return _controlled(verb) or Modality.ASSERTED


def _nominal_modality(noun: Token) -> Modality:
    """Modality of a nominal trigger ("no attacks", "a planned offensive", "launch a strike")."""
    for child in noun.children:
        low = child.lower_
        if child.dep_ in {"det", "neg"} and low in _NEG:
            return Modality.NEGATED
        if child.dep_ in {"amod", "compound", "advmod"}:
            if low in _FUTURE_MODS:
                return Modality.FUTURE
            if low in _HYPO_MODS:
                return Modality.HYPOTHETICAL
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    if noun.dep_ in _NOMINAL_ROLES and head is not noun and head.pos_ in {"VERB", "AUX"}:
        return _verb_modality(head)
    return Modality.ASSERTED


def modality_of(doc: Doc, token_i: int) -> Modality:
    """Modality of the event whose trigger is token `token_i` (never HISTORICAL)."""
    token = doc[token_i]
    if token.pos_ in {"NOUN", "PROPN", "NUM"}:
        return _nominal_modality(token)
    return _verb_modality(token)


def modality_at(doc: Doc, start: int, end: int) -> Modality:
    """Modality of the event whose trigger covers characters [start, end) (its syntactic
    head); ASSERTED when the span covers no token. For scoring `modality_of` on gold events."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return Modality.ASSERTED
    return modality_of(doc, span.root.i)
