"""The statement an unrealised event is reported through: a promise, a threat, a demand or a
refusal.

Input → output: a parsed sentence, an event's trigger token and its PLOVER type → the
statement's frame (`frame_of`), and from the frame, the event's type and its claim → the
PLOVER type of the statement (`statement_type`).

sitrep keeps an event that did not happen under its own type with its modality ("Nigeria will
withdraw its force" stays RETREAT, future). PLOVER codes what was said about it, which did
happen, and sitrep records that too, as a second event on the words that carry it:
- a demand on someone else ("Sudan must return the helicopter", said by Russia) → REQUEST,
  by the speaker, to the one asked;
- a refusal of a cooperative act ("will not accept refugees", "refused to attend the talks",
  "failed to reach agreement") → REJECT;
- a promise of a cooperative act ("will visit Albania", "is ready to contribute troops") →
  AGREE;
- an announced hostile act, by the side that would do it or under a condition ("would boycott
  all contact", "will strike back if ...") → THREATEN, as is any act announced as an ultimatum
  ("will withdraw its force unless ...").
A third party's forecast of a hostile act ("analysts say Russia will attack") is no threat.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Doc, Token

from sitrep.model import Actor

FrameKind = Literal["demand", "refusal", "promise"]

_DEMAND_AUX = frozenset({"must", "should"})
_FUTURE_AUX = frozenset({"will", "shall", "'ll"})
_REFUSAL_AUX = frozenset({"will", "would", "wo", "shall", "can", "ca", "could"})
_NEG = frozenset({"not", "n't", "never", "nt"})
_REFUSE_HEADS = frozenset({"refuse", "decline", "reject", "fail", "balk", "resist"})
_PROMISE_HEADS = frozenset(
    {"promise", "pledge", "vow", "offer", "ready", "prepared", "willing", "commit", "intend",
     "plan", "prepare", "undertake", "determined", "determine", "committed", "eager"}
)  # fmt: skip
_REPORT_HEADS = frozenset(
    {"say", "announce", "tell", "state", "declare", "insist", "warn", "add", "confirm",
     "reiterate", "stress", "indicate", "report"}
)  # fmt: skip
_CONDITIONS = frozenset({"unless", "if"})
_NOMINAL_ROLES = frozenset({"dobj", "nsubjpass", "pobj", "attr"})

# PLOVER types by what promising or refusing them means.
COOPERATIVE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "AGREE"})
HOSTILE = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST"})
_THREAT_MODES = {"ASSAULT": "force", "MOBILIZE": "force", "COERCE": "force", "SANCTION": "sanction"}


@dataclass(frozen=True, slots=True)
class Frame:
    """How a sentence frames an event: its kind, the token the statement's words start at, and
    the word of a condition attached to it ("unless", "if"; None: no condition)."""

    kind: FrameKind
    first: int
    condition: str | None = None


def _verb_of(token: Token) -> Token | None:
    """The verb that carries a trigger's tense and mood: the trigger itself, or the verb a
    nominal trigger is the object of ("reach agreement" → reach)."""
    if token.pos_ in {"VERB", "AUX"}:
        return token
    head = token.head
    if token.dep_ == "pobj" and head.dep_ == "prep" and head.head is not head:
        head = head.head
    elif token.dep_ not in _NOMINAL_ROLES:
        return None
    return head if head is not token and head.pos_ in {"VERB", "AUX"} else None


def _subject_holder(verb: Token) -> Token:
    """The verb whose auxiliaries govern `verb`: its head when `verb` is a conjunct with no
    subject of its own ("will meet and sign")."""
    if verb.dep_ == "conj" and not any(c.dep_.startswith("nsubj") for c in verb.children):
        return verb.head
    return verb


def _condition(verb: Token) -> str | None:
    """The word of a conditional clause that hangs on the verb ("... unless X agrees")."""
    for child in verb.children:
        if child.dep_ == "advcl":
            for mark in child.children:
                if mark.dep_ == "mark" and mark.lower_ in _CONDITIONS:
                    return mark.lower_
        if child.dep_ == "prep" and child.lower_ == "unless":
            return "unless"
    return None


def _own_frame(verb: Token) -> Frame | None:
    """A frame signalled by the verb's own auxiliaries ("must return", "will not accept")."""
    holder = _subject_holder(verb)
    auxes = [c for c in holder.children if c.dep_ in {"aux", "auxpass"} and c.i < holder.i]
    negated = any(c.dep_ == "neg" or c.lower_ in _NEG for c in holder.children if c.i < holder.i)
    for aux in auxes:
        low = aux.lower_
        if low in _DEMAND_AUX and not negated:
            return Frame("demand", aux.i)
        if negated and low in _REFUSAL_AUX:
            return Frame("refusal", aux.i)
        if low in _FUTURE_AUX or (low in {"would", "'d"} and _reported(holder)):
            return Frame("promise", aux.i, _condition(holder))
    return None


def _reported(verb: Token) -> bool:
    """True for a clause that reports what someone said ("said they would boycott")."""
    return verb.dep_ == "ccomp" and verb.head.lemma_.lower() in _REPORT_HEADS


def _controlled_frame(verb: Token) -> Frame | None:
    """A frame set by a controlling word ("refused to attend", "is ready to contribute")."""
    if verb.dep_ != "xcomp" or verb.head is verb:
        return None
    head = verb.head
    lemma = head.lemma_.lower()
    if lemma in _REFUSE_HEADS:
        return Frame("refusal", head.i)
    if lemma in _PROMISE_HEADS or head.lower_ in _PROMISE_HEADS:
        first = head.i
        copula = head.head if head.dep_ == "acomp" else None
        if copula is not None and copula.lemma_ == "be":
            first = copula.i
        owner = copula if copula is not None else head
        own = _own_frame(owner)
        if own is not None and own.kind != "promise":
            return own  # "must be ready to mediate": a demand; "is not ready to": a refusal
        return Frame("promise", first, _condition(owner) or _condition(verb))
    return None


def frame_of(doc: Doc, token_i: int) -> Frame | None:
    """The statement frame of the event whose trigger is token `token_i`, if any."""
    verb = _verb_of(doc[token_i])
    if verb is None:
        return None
    return _own_frame(verb) or _controlled_frame(verb)


def _same_side(a: Actor, b: Actor) -> bool:
    """True when two actors speak for the same party (country, else name)."""
    return (a.country or a.name.lower()) == (b.country or b.name.lower())


@dataclass(frozen=True, slots=True)
class Statement:
    """The statement event: PLOVER type and mode, who made it and to whom."""

    event_type: str
    mode: str | None
    actors: tuple[Actor, ...]
    recipients: tuple[Actor, ...]


def statement_type(
    frame: Frame,
    event_type: str,
    *,
    actors: tuple[Actor, ...],
    recipients: tuple[Actor, ...],
    speaker: Actor | None,
) -> Statement | None:
    """The statement a frame makes of an event of `event_type` done by `actors` to
    `recipients`, as said by `speaker` (None: the outlet's own voice); None when the frame
    makes no statement of its own (a forecast, a refusal to attack)."""
    if frame.kind == "demand":
        if speaker is None or event_type == "REQUEST":
            return None
        return Statement("REQUEST", None, (speaker,), actors)
    # With no doer found, the speaker is the one who refuses, promises or threatens.
    doers = actors or ((speaker,) if speaker is not None else ())
    if frame.kind == "refusal":
        if event_type not in COOPERATIVE:
            return None
        return Statement("REJECT", None, doers, recipients)
    if frame.condition == "unless":  # an ultimatum: "will withdraw its force unless ..."
        return Statement("THREATEN", _THREAT_MODES.get(event_type), doers, recipients)
    if event_type in COOPERATIVE - {"AGREE"}:
        return Statement("AGREE", None, doers, recipients)
    if event_type in HOSTILE:
        # The doer's own announcement ("they would boycott", said by them), or one on a condition.
        own = speaker is not None and (not actors or any(_same_side(speaker, a) for a in actors))
        if frame.condition or own:
            return Statement("THREATEN", _THREAT_MODES.get(event_type), doers, recipients)
    return None
