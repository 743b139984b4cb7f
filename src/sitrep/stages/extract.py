"""Event triggers: a parsed `Doc` + its actors (+ places) → typed event candidates.

Input → output: `find_events(doc, actors=..., places=...)` returns one `EventCandidate` per
trigger: the trigger span and token, a `model.EventType` (PLOVER type and mode, ACLED type and
sub-type, confidence), and who acts (`actors`) and who is acted upon (`recipients`).

Method: a lexicon by lemma (verbs and event nouns); light verbs ("carry out strikes", "launched
an attack", "held talks") hand the trigger to their noun. Arguments come from the dependency
parse: nsubj / passive agent → actors; dobj / passive subject / "against", "on", "with", "to"
objects → recipients; a verb without a subject inherits its governor's (xcomp, advcl, conj).
"Driving X out" is a RETREAT by X. A capture or retake with no named loser takes the loser of a
RETREAT in the sentence, else the nearest preceding armed actor of another country within three
sentences. Weapon cues in the trigger's modifiers, then in its sentence, set the mode (aerial,
drone, shelling, explosive, ...).

It does not decide whether the event happened (negation, future: modality), who reports it
(claims), where or when: reporting verbs (say, claim, confirm, deny) are never triggers.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt
from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from sitrep.knowledge.actors import ActorKB, normalise
from sitrep.model import Actor, EventType, Place, Span
from sitrep.stages.codebook import ARMS_MODE, TERRITORY, codebook_refined
from sitrep.stages.ontology import LEGACY_TYPES, make_type, make_type_from_code
from sitrep.stages.typing_features import hash_features, trigger_features
from sitrep.stages.typing_model import TypingModel, load_typing_model

Embed = Callable[[Sequence[str]], npt.NDArray[np.float32]]  # texts → unit vectors, one row each

log = logging.getLogger(__name__)

DRIVEN_OUT = "driven-out"

# lemma → (PLOVER type, mode, confidence)
Entry = tuple[str, str | None, float]

VERBS: dict[str, Entry] = {
    "attack": ("ASSAULT", "attack", 0.7), "assault": ("ASSAULT", "attack", 0.7),
    "strike": ("ASSAULT", "attack", 0.6), "bomb": ("ASSAULT", "aerial", 0.7),
    "shell": ("ASSAULT", "shelling", 0.8), "pound": ("ASSAULT", "shelling", 0.6),
    "bombard": ("ASSAULT", "shelling", 0.7), "shoot": ("ASSAULT", "firearms", 0.6),
    "kill": ("ASSAULT", "kill", 0.6), "massacre": ("ASSAULT", "kill", 0.8),
    "execute": ("ASSAULT", "kill", 0.6), "clash": ("ASSAULT", "clash", 0.8),
    "fight": ("ASSAULT", "clash", 0.7), "battle": ("ASSAULT", "clash", 0.7),
    "ambush": ("ASSAULT", "clash", 0.7), "raid": ("ASSAULT", "attack", 0.6),
    "storm": ("ASSAULT", "attack", 0.6), "invade": ("ASSAULT", "capture", 0.7),
    "retake": ("ASSAULT", "retake", 0.9), "recapture": ("ASSAULT", "retake", 0.9),
    "reclaim": ("ASSAULT", "retake", 0.8), "regain": ("ASSAULT", "retake", 0.8),
    "liberate": ("ASSAULT", "retake", 0.8), "capture": ("ASSAULT", "capture", 0.8),
    "seize": ("ASSAULT", "capture", 0.7), "overrun": ("ASSAULT", "capture", 0.8),
    "occupy": ("ASSAULT", "capture", 0.6), "conquer": ("ASSAULT", "capture", 0.8),
    "abduct": ("ASSAULT", "abduct", 0.8), "kidnap": ("ASSAULT", "abduct", 0.8),
    "rape": ("ASSAULT", "sexual", 0.8), "intercept": ("ASSAULT", "intercept", 0.7),
    "defuse": ("ASSAULT", "intercept", 0.7), "detonate": ("ASSAULT", "explosive", 0.7),
    "explode": ("ASSAULT", "explosive", 0.6),
    "withdraw": ("RETREAT", "withdraw", 0.7), "retreat": ("RETREAT", "withdraw", 0.8),
    "visit": ("CONSULT", "visit", 0.8), "meet": ("CONSULT", "meet", 0.7),
    "host": ("CONSULT", "host", 0.6), "negotiate": ("CONSULT", "talks", 0.7),
    "discuss": ("CONSULT", "talks", 0.5),
    "agree": ("AGREE", None, 0.7), "sign": ("AGREE", "treaty", 0.6),
    "support": ("SUPPORT", None, 0.6), "back": ("SUPPORT", None, 0.5),
    "endorse": ("SUPPORT", "endorse", 0.7), "praise": ("SUPPORT", "praise", 0.6),
    "welcome": ("SUPPORT", "praise", 0.5),
    "aid": ("AID", None, 0.6), "assist": ("AID", None, 0.5), "supply": ("AID", None, 0.5),
    "provide": ("AID", None, 0.4), "deliver": ("AID", None, 0.5), "donate": ("AID", None, 0.6),
    "pledge": ("AID", None, 0.5),
    "sanction": ("SANCTION", "economic", 0.8), "embargo": ("SANCTION", "embargo", 0.8),
    "cooperate": ("COOPERATE", None, 0.7), "collaborate": ("COOPERATE", None, 0.6),
    "request": ("REQUEST", None, 0.7), "ask": ("REQUEST", None, 0.5),
    "appeal": ("REQUEST", None, 0.6), "seek": ("REQUEST", None, 0.4),
    "urge": ("REQUEST", None, 0.5), "demand": ("DEMAND", None, 0.8),
    "insist": ("DEMAND", None, 0.5), "threaten": ("THREATEN", None, 0.8),
    "warn": ("THREATEN", None, 0.5), "accuse": ("ACCUSE", None, 0.8),
    "blame": ("ACCUSE", None, 0.7), "reject": ("REJECT", None, 0.8),
    "refuse": ("REJECT", None, 0.7), "rebuff": ("REJECT", None, 0.8),
    "dismiss": ("REJECT", None, 0.5), "veto": ("REJECT", "veto", 0.8),
    "condemn": ("DISAPPROVE", "condemn", 0.8), "criticize": ("DISAPPROVE", "criticize", 0.8),
    "criticise": ("DISAPPROVE", "criticize", 0.8), "denounce": ("DISAPPROVE", "condemn", 0.8),
    "decry": ("DISAPPROVE", "condemn", 0.7), "deplore": ("DISAPPROVE", "condemn", 0.7),
    "protest": ("PROTEST", "demonstrate", 0.6), "demonstrate": ("PROTEST", "demonstrate", 0.5),
    "rally": ("PROTEST", "demonstrate", 0.5), "march": ("PROTEST", "demonstrate", 0.5),
    "riot": ("PROTEST", "riot", 0.8),
    "arrest": ("COERCE", "arrest", 0.8), "detain": ("COERCE", "arrest", 0.8),
    "apprehend": ("COERCE", "arrest", 0.7), "jail": ("COERCE", "arrest", 0.6),
    "loot": ("COERCE", "destroy-property", 0.8), "torch": ("COERCE", "destroy-property", 0.7),
    "vandalize": ("COERCE", "destroy-property", 0.8), "ban": ("COERCE", "ban", 0.5),
    "expel": ("SANCTION", "expel", 0.6), "release": ("CONCEDE", "release", 0.6),
    "free": ("CONCEDE", "release", 0.5), "concede": ("CONCEDE", None, 0.7),
    "investigate": ("INVESTIGATE", "probe", 0.8), "probe": ("INVESTIGATE", "probe", 0.7),
    "mobilize": ("MOBILIZE", "troops", 0.8), "mobilise": ("MOBILIZE", "troops", 0.8),
    "deploy": ("MOBILIZE", "deploy", 0.7), "mass": ("MOBILIZE", "troops", 0.5),
    "boycott": ("SANCTION", "break-relations", 0.6), "blockade": ("COERCE", "restrict", 0.5),
    "confiscate": ("COERCE", "seize", 0.7), "mediate": ("CONSULT", "mediate", 0.6),
    "contribute": ("AID", None, 0.4), "resign": ("CONCEDE", "yield", 0.5),
    "charge": ("ACCUSE", None, 0.5), "oppose": ("REJECT", None, 0.5),
    "surrender": ("RETREAT", "disarm", 0.7), "wrest": ("ASSAULT", "capture", 0.7),
}  # fmt: skip

NOUNS: dict[str, Entry] = {
    "attack": ("ASSAULT", "attack", 0.7), "assault": ("ASSAULT", "attack", 0.7),
    "offensive": ("ASSAULT", "attack", 0.6), "raid": ("ASSAULT", "attack", 0.6),
    "ambush": ("ASSAULT", "clash", 0.7), "incursion": ("ASSAULT", "capture", 0.6),
    "invasion": ("ASSAULT", "capture", 0.6), "strike": ("ASSAULT", "attack", 0.6),
    "airstrike": ("ASSAULT", "aerial", 0.9), "bombing": ("ASSAULT", "aerial", 0.6),
    "bombardment": ("ASSAULT", "shelling", 0.7), "shelling": ("ASSAULT", "shelling", 0.9),
    "barrage": ("ASSAULT", "shelling", 0.7), "clash": ("ASSAULT", "clash", 0.8),
    "fighting": ("ASSAULT", "clash", 0.8), "battle": ("ASSAULT", "clash", 0.7),
    "firefight": ("ASSAULT", "clash", 0.9), "gunfight": ("ASSAULT", "clash", 0.9),
    "skirmish": ("ASSAULT", "clash", 0.8), "hostility": ("ASSAULT", "clash", 0.5),
    "operation": ("ASSAULT", "attack", 0.3), "explosion": ("ASSAULT", "explosive", 0.6),
    "blast": ("ASSAULT", "explosive", 0.6), "ied": ("ASSAULT", "explosive", 0.8),
    "killing": ("ASSAULT", "kill", 0.6), "massacre": ("ASSAULT", "kill", 0.8),
    "abduction": ("ASSAULT", "abduct", 0.8), "kidnapping": ("ASSAULT", "abduct", 0.8),
    "capture": ("ASSAULT", "capture", 0.6), "seizure": ("ASSAULT", "capture", 0.6),
    "occupation": ("ASSAULT", "capture", 0.5), "takeover": ("ASSAULT", "capture", 0.6),
    "recapture": ("ASSAULT", "retake", 0.8), "liberation": ("ASSAULT", "retake", 0.6),
    "retreat": ("RETREAT", "withdraw", 0.7), "withdrawal": ("RETREAT", "withdraw", 0.7),
    "pullback": ("RETREAT", "withdraw", 0.7), "pullout": ("RETREAT", "withdraw", 0.7),
    "visit": ("CONSULT", "visit", 0.8), "trip": ("CONSULT", "visit", 0.5),
    "talk": ("CONSULT", "talks", 0.8), "negotiation": ("CONSULT", "talks", 0.8),
    "meeting": ("CONSULT", "meet", 0.7), "summit": ("CONSULT", "meet", 0.7),
    "consultation": ("CONSULT", "talks", 0.6), "call": ("CONSULT", "phone", 0.3),
    "agreement": ("AGREE", None, 0.7), "deal": ("AGREE", None, 0.6),
    "accord": ("AGREE", "treaty", 0.7), "treaty": ("AGREE", "treaty", 0.7),
    "ceasefire": ("AGREE", "ceasefire", 0.7), "truce": ("AGREE", "ceasefire", 0.7),
    "armistice": ("AGREE", "ceasefire", 0.8),
    "aid": ("AID", None, 0.7), "assistance": ("AID", None, 0.6),
    "support": ("SUPPORT", None, 0.4), "sanction": ("SANCTION", "economic", 0.8),
    "embargo": ("SANCTION", "embargo", 0.8), "tariff": ("SANCTION", "economic", 0.6),
    "protest": ("PROTEST", "demonstrate", 0.7), "demonstration": ("PROTEST", "demonstrate", 0.7),
    "rally": ("PROTEST", "demonstrate", 0.6), "march": ("PROTEST", "demonstrate", 0.4),
    "riot": ("PROTEST", "riot", 0.8), "unrest": ("PROTEST", "riot", 0.5),
    "arrest": ("COERCE", "arrest", 0.8), "detention": ("COERCE", "arrest", 0.6),
    "crackdown": ("COERCE", "arrest", 0.6), "looting": ("COERCE", "destroy-property", 0.8),
    "demand": ("DEMAND", None, 0.6), "ultimatum": ("DEMAND", None, 0.8),
    "threat": ("THREATEN", None, 0.6), "warning": ("THREATEN", None, 0.5),
    "accusation": ("ACCUSE", None, 0.7), "allegation": ("ACCUSE", None, 0.5),
    "rejection": ("REJECT", None, 0.7), "refusal": ("REJECT", None, 0.7),
    "veto": ("REJECT", "veto", 0.7), "condemnation": ("DISAPPROVE", "condemn", 0.8),
    "criticism": ("DISAPPROVE", "criticize", 0.7), "investigation": ("INVESTIGATE", "probe", 0.7),
    "probe": ("INVESTIGATE", "probe", 0.6), "inquiry": ("INVESTIGATE", "inquiry", 0.7),
    "request": ("REQUEST", None, 0.6), "appeal": ("REQUEST", None, 0.5),
    "plea": ("REQUEST", None, 0.5), "cooperation": ("COOPERATE", None, 0.6),
    "mobilization": ("MOBILIZE", "troops", 0.7), "deployment": ("MOBILIZE", "deploy", 0.6),
    "buildup": ("MOBILIZE", "troops", 0.6), "release": ("CONCEDE", "release", 0.5),
    "boycott": ("SANCTION", "break-relations", 0.6), "blockade": ("COERCE", "restrict", 0.5),
    "mediation": ("CONSULT", "mediate", 0.6), "confiscation": ("COERCE", "seize", 0.7),
    "cleansing": ("ASSAULT", "kill", 0.6), "surrender": ("RETREAT", "disarm", 0.6),
    "rape": ("ASSAULT", "sexual", 0.8),
}  # fmt: skip

# phrasal verbs: (lemma, particle) → entry; "drive out" is a RETREAT by the object.
PHRASAL: dict[tuple[str, str], Entry] = {
    ("pull", "back"): ("RETREAT", "withdraw", 0.8), ("pull", "out"): ("RETREAT", "withdraw", 0.8),
    ("drive", "out"): ("RETREAT", DRIVEN_OUT, 0.8), ("push", "out"): ("RETREAT", DRIVEN_OUT, 0.8),
    ("push", "back"): ("RETREAT", DRIVEN_OUT, 0.7), ("force", "out"): ("RETREAT", DRIVEN_OUT, 0.8),
    ("call", "for"): ("DEMAND", None, 0.6), ("shoot", "down"): ("ASSAULT", "intercept", 0.8),
    ("take", "over"): ("ASSAULT", "capture", 0.6), ("crack", "down"): ("COERCE", "arrest", 0.6),
    ("rule", "out"): ("REJECT", None, 0.6), ("press", "for"): ("DEMAND", None, 0.5),
    ("take", "control"): ("ASSAULT", "capture", 0.7), ("set", "up"): ("MOBILIZE", "deploy", 0.3),
    ("hand", "over"): ("CONCEDE", "release", 0.6), ("step", "down"): ("CONCEDE", "yield", 0.5),
    ("establish", "control"): ("ASSAULT", "capture", 0.6),
    ("gain", "control"): ("ASSAULT", "capture", 0.6),
    ("wrest", "control"): ("ASSAULT", "capture", 0.8),
}  # fmt: skip

LIGHT_VERBS = frozenset(
    {"carry", "launch", "conduct", "stage", "hold", "mount", "make", "pay", "wage", "engage",
     "unleash", "begin", "start", "continue", "impose", "announce", "order", "have"}
)  # fmt: skip
AID_OBJECTS = frozenset({"aid", "assistance", "weapon", "arm", "support", "intelligence", "help"})
PAUSE_NOUNS = frozenset({"pause", "suspension", "freeze", "halt", "hold", "ban", "moratorium"})
SUSPEND_VERBS = frozenset(
    {"suspend", "halt", "pause", "freeze", "cut", "stop", "withhold", "prohibit", "deny", "ban"}
)
LIFT_VERBS = frozenset({"lift", "end", "resume", "restore", "unfreeze"})
# Easing a restriction is a concession ("lifted the curfew", "eased sanctions", "called off the
# strike"); suspending a tie reduces relations ("cancelled the visit", "severed ties").
EASE_VERBS = frozenset({"lift", "end", "ease", "relax", "remove", "scrap", "rescind", "revoke"})
RESTRICTION_NOUNS = frozenset(
    {"curfew", "ban", "sanction", "embargo", "blockade", "siege", "restriction", "closure",
     "emergency", "law", "lockdown", "boycott", "strike", "protest", "demonstration"}
)  # fmt: skip
CUT_VERBS = frozenset({"cancel", "suspend", "sever", "cut", "freeze", "downgrade", "halt"})
TIE_NOUNS = frozenset(
    {"visit", "talk", "tie", "relation", "link", "flight", "cooperation", "contact", "trade",
     "negotiation", "meeting", "exchange", "mission"}
)  # fmt: skip
ACCEPT_TERMS = frozenset({"demand", "condition", "term", "ultimatum", "resignation"})
ACCEPT_OFFERS = frozenset({"proposal", "plan", "offer", "deal", "invitation", "peace", "truce"})
ROAD_NOUNS = frozenset({"road", "highway", "street", "motorway", "junction", "bridge"})
# Weapons taken, found or made safe are ACLED's "Disrupted weapons use" (PLOVER COERCE);
# destroying them ("a drone destroyed an ammunition depot") stays an attack.
ARMS_VERBS = frozenset(
    {"seize", "confiscate", "recover", "capture", "find", "discover", "uncover", "impound",
     "defuse", "dismantle", "neutralise", "neutralize"}
)  # fmt: skip
ARMS_NOUNS = frozenset(
    {"weapon", "arm", "ammunition", "ammo", "explosive", "firearm", "rifle", "gun", "pistol",
     "revolver", "grenade", "cache", "stash", "ied", "bomb", "device", "round", "cartridge",
     "munition", "mortar", "rocket", "landmine", "mine", "detonator", "arsenal", "depot"}
)  # fmt: skip
# Nouns for a run of events named by their kind: "a looting spree", "a bombing campaign".
EPISODE_NOUNS = frozenset({"spree", "campaign", "wave", "rampage", "series", "string"})
# "took to the streets", "poured into the square": a demonstration
STREET_NOUNS = frozenset({"street", "streets", "square", "road", "roads"})
STREET_VERBS = frozenset({"take", "pour", "flood", "spill", "surge", "throng"})
GRANT_AID = frozenset({"asylum", "refuge", "visa", "shelter", "aid", "loan", "credit"})
GRANT_CONCESSION = frozenset({"amnesty", "pardon", "concession", "autonomy", "clemency"})
# "the suspension of air links", "the cancellation of the visit": a tie cut, named as a noun
CUT_NOUNS = frozenset({"suspension", "cancellation", "severance", "severing", "freeze", "recall"})

# cue lemmas in the trigger's modifiers or sentence → ASSAULT mode (first match wins)
WEAPON_CUES: tuple[tuple[str, frozenset[str]], ...] = (
    ("chemical", frozenset({"chemical", "chlorine", "sarin", "toxic", "nerve", "mustard"})),
    ("suicide", frozenset({"suicide", "self-detonate"})),
    ("drone", frozenset({"drone", "uav", "shahed", "kamikaze"})),
    ("aerial", frozenset({"air", "airstrike", "plane", "warplane", "jet", "aircraft",
                          "helicopter", "bomber", "aerial", "sortie", "glide"})),
    ("shelling", frozenset({"missile", "rocket", "artillery", "shell", "mortar", "howitzer",
                            "shelling", "ballistic", "cruise", "grad", "himars"})),
    ("grenade", frozenset({"grenade"})),
    ("explosive", frozenset({"ied", "roadside", "landmine", "mine", "explosive", "bomb",
                             "car-bomb", "device"})),
)  # fmt: skip
WEAPON_MODES = frozenset({"attack", "aerial", "explosive", "shelling"})
LABOUR_CUES = frozenset({"worker", "union", "employee", "teacher", "doctor", "nurse", "hunger"})
ARMED = frozenset({"MIL", "REB", "SPY", "COP"})
ARMED_TYPES = frozenset({"ASSAULT", "RETREAT", "MOBILIZE"})
DEMONYM_DEPS = frozenset({"amod", "compound", "nmod", "poss", "conj", "npadvmod"})
INHERIT_DEPS = frozenset({"xcomp", "advcl", "conj", "acl", "pcomp"})
RECIPIENT_PREPS = frozenset({"against", "on", "with", "to", "at", "from", "into", "upon"})
ACTOR_PREPS = frozenset({"by", "between", "among"})


IRREGULAR = {
    "retook": "retake", "retaken": "retake", "overran": "overrun", "shot": "shoot",
    "fought": "fight", "drove": "drive", "driven": "drive", "withdrew": "withdraw",
    "withdrawn": "withdraw", "struck": "strike", "met": "meet", "sought": "seek",
    "froze": "freeze", "frozen": "freeze", "undertook": "undertake", "beaten": "beat",
}  # fmt: skip
# verbs that are attacks in conflict news whatever their object
ATTACK_VERBS: dict[str, Entry] = {
    "hit": ("ASSAULT", "attack", 0.6), "target": ("ASSAULT", "attack", 0.5),
    "repel": ("ASSAULT", "clash", 0.7), "repulse": ("ASSAULT", "clash", 0.7),
    "destroy": ("ASSAULT", "attack", 0.5), "wound": ("ASSAULT", "kill", 0.5),
    "injure": ("ASSAULT", "kill", 0.4), "disperse": ("COERCE", "restrict", 0.5),
}  # fmt: skip
# verbs that are events only with a given kind of object: "fired rockets", "took the village"
WEAPON_OBJECT_VERBS = frozenset({"fire", "launch", "lob", "drop"})
TERRITORY_OBJECT_VERBS = frozenset({"take", "enter", "storm"})
AIMED = frozenset({"on", "at", "upon", "into"})  # "fire" + one of these is shooting
WEAPON_WORDS = frozenset().union(*(words for _, words in WEAPON_CUES)) | {"shahed", "projectile"}
TRIGGER_LEMMAS = frozenset(
    {*VERBS, *NOUNS, *(v for v, _ in PHRASAL), *SUSPEND_VERBS, *LIFT_VERBS, "free", "release",
     *EASE_VERBS, *CUT_VERBS, *CUT_NOUNS, *ARMS_VERBS, *STREET_VERBS, "accept", "block", "grant",
     "return",
     *ATTACK_VERBS, *WEAPON_OBJECT_VERBS, *TERRITORY_OBJECT_VERBS}
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class EventCandidate:
    """One event trigger with its typing and its sides, before modality, place and time."""

    trigger: Span
    token_i: int
    typing: EventType
    actors: tuple[Actor, ...] = ()
    recipients: tuple[Actor, ...] = ()
    rule: Entry | None = None  # the lexicon's proposal (None: a fallback candidate)


def _index(doc: Doc, actors: Sequence[Actor]) -> dict[int, list[Actor]]:
    """Token index → actors whose span covers that token."""
    by_tok: dict[int, list[Actor]] = {}
    for a in actors:
        span = doc.char_span(a.start, a.end, alignment_mode="expand")
        if span is None:
            continue
        for t in range(span.start, span.end):
            by_tok.setdefault(t, []).append(a)
    return by_tok


def _with_conj(tok: Token) -> list[Token]:
    """A token and its coordinated siblings."""
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj":
            out.extend(_with_conj(c))
    return out


def _actors_of(tok: Token, by_tok: dict[int, list[Actor]]) -> list[Actor]:
    """Actors a noun phrase headed by `tok` (with its conjuncts) refers to."""
    out: list[Actor] = []
    for t in _with_conj(tok):
        found = by_tok.get(t.i)
        if not found:
            for c in t.children:
                if c.dep_ in {"appos", "compound", "poss", "nmod"} and c.i in by_tok:
                    found = by_tok[c.i]
                    break
        for a in found or ():
            if a not in out:
                out.append(a)
    return out


def _prep_objects(tok: Token, preps: frozenset[str]) -> Iterable[Token]:
    """Objects of the given prepositions attached to `tok`."""
    for c in tok.children:
        if c.dep_ in {"prep", "agent"} and c.lower_ in preps:
            yield from (g for g in c.children if g.dep_ == "pobj")


def _subject(verb: Token) -> list[Token]:
    """The subject tokens of a verb, inherited from governing verbs when it has none."""
    seen = 0
    v = verb
    while seen < 4:
        subs = [c for c in v.children if c.dep_ in {"nsubj", "csubj"}]
        subs += [g for c in v.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if subs:
            return subs
        before = _previous_word(v)
        finite = v.tag_ in {"VBD", "VBZ", "VBP"}
        if finite and before is not None and before.dep_ in {"appos", "dobj", "pobj"}:
            return [before]  # a misparsed subject right before the verb ("X, Y, landed")
        if v.dep_ not in INHERIT_DEPS or v.head is v:
            return []
        if v.dep_ == "acl" and v.head.pos_ in {"NOUN", "PROPN"}:
            return [v.head]
        v = v.head
        seen += 1
    return []


def _previous_word(tok: Token) -> Token | None:
    """The nearest non-punctuation token before `tok` in its sentence."""
    k = tok.i - 1
    while k >= tok.sent.start and tok.doc[k].is_punct:
        k -= 1
    return tok.doc[k] if k >= tok.sent.start else None


# Participles that state their subject's stance, not something done to it: "Israel is
# opposed to the plan" is Israel rejecting it.
STANCE_PARTICIPLES = frozenset({"oppose", "commit", "determine", "resolve", "prepare"})


def _passive(verb: Token) -> bool:
    """Whether a verb is in the passive voice (not a stance participle: "is opposed to")."""
    if _lemma(verb) in STANCE_PARTICIPLES and not any(c.dep_ == "agent" for c in verb.children):
        return False
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)


def _verb_args(verb: Token, by_tok: dict[int, list[Actor]]) -> tuple[list[Actor], list[Actor]]:
    """(actors, recipients) of a verbal trigger."""
    passive = _passive(verb)
    agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    subj = agents if passive else _subject(verb)
    if not passive and _lemma(verb) in STANCE_PARTICIPLES:
        subj += [c for c in verb.children if c.dep_ == "nsubjpass"]
    actors = [a for t in subj for a in _actors_of(t, by_tok)]
    objs = [c for c in verb.children if c.dep_ in ({"nsubjpass"} if passive else {"dobj"})]
    objs += list(_prep_objects(verb, RECIPIENT_PREPS))
    if passive and not agents and verb.dep_ == "acl" and verb.head.pos_ in {"NOUN", "PROPN"}:
        objs.append(verb.head)
    if _aid_shift(verb) is not None:  # "lifted its pause on aid to Ukraine"
        objs += [t for o in verb.children if o.dep_ == "dobj" for t in _nested_to(o)]
    recipients = [a for t in objs for a in _actors_of(t, by_tok) if a not in actors]
    return actors, recipients


def _nested_to(tok: Token) -> Iterable[Token]:
    """Objects of "to" anywhere inside a phrase ("aid to Ukraine")."""
    for t in tok.subtree:
        if t.dep_ == "prep" and t.lower_ == "to":
            yield from (g for g in t.children if g.dep_ == "pobj")


def _noun_args(noun: Token, by_tok: dict[int, list[Actor]]) -> tuple[list[Actor], list[Actor]]:
    """(actors, recipients) of a nominal trigger, from its modifiers and a light verb."""
    own = [c for c in noun.children if c.dep_ in {"poss", "compound", "amod", "nmod"}]
    own += list(_prep_objects(noun, ACTOR_PREPS))
    actors = [a for t in own for a in _actors_of(t, by_tok)]
    head = noun.head
    if not actors and noun.dep_ in {"dobj", "nsubjpass"} and head.lemma_ in LIGHT_VERBS:
        actors = _verb_args(head, by_tok)[0]
    objs = list(_prep_objects(noun, RECIPIENT_PREPS))
    if head.lemma_ in LIGHT_VERBS and noun.dep_ == "dobj":
        objs += list(_prep_objects(head, RECIPIENT_PREPS - {"to", "from", "into"}))
    recipients = [a for t in objs for a in _actors_of(t, by_tok) if a not in actors]
    return actors, recipients


def _weapon_mode(tok: Token, base: str | None) -> str | None:
    """ASSAULT mode from weapon words in the trigger's modifiers, else in its sentence."""
    if base not in WEAPON_MODES:
        return base
    near = {c.lemma_.lower() for c in tok.children} | {tok.lemma_.lower()}
    sent = {t.lemma_.lower() for t in tok.sent}
    for scope in (near, sent):
        for mode, cues in WEAPON_CUES:
            if scope & cues:
                return mode
    return base


def _objects(tok: Token) -> list[Token]:
    """A trigger's objects: its direct object, or its subject when passive."""
    return [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}]


def _aid_shift(verb: Token) -> Entry | None:
    """AID resumption ("lifted its pause on aid") or SANCTION suspension ("suspended aid")."""
    lemma = _lemma(verb)
    words = _object_words(verb)
    if not words & AID_OBJECTS:
        return None
    if lemma in LIFT_VERBS:
        lifted_pause = bool(words & PAUSE_NOUNS) or lemma in {"resume", "restore", "unfreeze"}
        return ("AID", "resume", 0.8) if lifted_pause else None
    if lemma in SUSPEND_VERBS:
        return ("SANCTION", "reduce-aid", 0.7)
    return None


def _object_lemmas(verb: Token) -> set[str]:
    """Lemmas of the head nouns of a verb's objects (direct, or passive subject)."""
    objs = _objects(verb)
    objs += [c for o in objs for c in o.conjuncts]
    return {o.lemma_.lower() for o in objs}


def _object_words(verb: Token) -> set[str]:
    """Lemmas of every word in a verb's objects ("a huge amount of weapons")."""
    return {t.lemma_.lower() for o in _objects(verb) for t in o.subtree}


def _relation_shift(verb: Token) -> Entry | None:
    """An event read from verb and object: weapons seized or found (COERCE, ACLED's disrupted
    weapons use); a restriction eased or a protest called off, terms accepted, an amnesty
    granted, a helicopter returned (CONCEDE); a tie cut (SANCTION); an offer accepted (AGREE);
    roads blocked or streets taken (PROTEST); asylum granted (AID)."""
    lemma = _lemma(verb)
    heads = _object_lemmas(verb)
    if lemma in ARMS_VERBS and _object_words(verb) & ARMS_NOUNS:
        return ("COERCE", ARMS_MODE, 0.7)
    called_off = lemma == "call" and any(
        c.dep_ == "prt" and c.lower_ == "off" for c in verb.children
    )
    if (lemma in EASE_VERBS or called_off) and heads & RESTRICTION_NOUNS:
        return ("CONCEDE", "ease", 0.7)
    if (lemma in CUT_VERBS or called_off) and heads & TIE_NOUNS:
        return ("SANCTION", "break-relations", 0.7)
    if lemma == "accept" and heads & ACCEPT_TERMS:
        return ("CONCEDE", "yield", 0.7)
    if lemma == "accept" and heads & ACCEPT_OFFERS:
        return ("AGREE", None, 0.6)
    if lemma == "block" and heads & ROAD_NOUNS:
        return ("PROTEST", "demonstrate", 0.5)
    if lemma in STREET_VERBS and _to_the_streets(verb):
        return ("PROTEST", "demonstrate", 0.6)
    if lemma == "grant" and heads & GRANT_AID:
        return ("AID", "humanitarian", 0.6)
    if lemma == "grant" and heads & GRANT_CONCESSION:
        return ("CONCEDE", "yield", 0.6)
    if lemma == "return" and heads and not heads & {"home", "fire"}:
        return ("CONCEDE", "release", 0.4)  # "return the helicopter", "returned the bodies"
    return None


def _to_the_streets(verb: Token) -> bool:
    """True for "took to the streets", "poured into the main square"."""
    return any(
        prep.dep_ == "prep"
        and prep.lower_ in {"to", "into", "onto", "through"}
        and any(o.dep_ == "pobj" and o.lower_ in STREET_NOUNS for o in prep.children)
        for prep in verb.children
    )


def _cut_noun(noun: Token) -> Entry | None:
    """A tie cut named as a noun ("the suspension of air links", "a freeze on aid")."""
    if _lemma(noun) not in CUT_NOUNS:
        return None
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in {"of", "on", "in"}:
            objs = {o.lemma_.lower() for o in prep.children if o.dep_ == "pobj"}
            if objs & AID_OBJECTS:
                return ("SANCTION", "reduce-aid", 0.7)
            if objs & TIE_NOUNS:
                return ("SANCTION", "break-relations", 0.7)
    return None


def _lemma(tok: Token) -> str:
    """Lower-case lemma, mending irregular past forms the lemmatizer misses ("retook")."""
    return IRREGULAR.get(tok.lower_) or tok.lemma_.lower()


def _entry(tok: Token) -> Entry | None:
    """The lexicon entry for a token as a trigger, or None."""
    lemma = _lemma(tok)
    if lemma not in TRIGGER_LEMMAS:
        return None
    if tok.pos_ in {"VERB", "AUX"} or tok.tag_.startswith("VB"):
        shift = _aid_shift(tok) or _relation_shift(tok)
        if shift is not None:
            return shift
        for c in tok.children:
            if c.dep_ in {"prt", "prep", "dobj"} and (lemma, c.lower_) in PHRASAL:
                return PHRASAL[(lemma, c.lower_)]
        if lemma in {"free", "release"} and _takes_territory(tok):
            return ("ASSAULT", "retake", 0.6)
        if lemma in TERRITORY_OBJECT_VERBS and _takes_territory(tok):
            return ("ASSAULT", "capture", 0.6)
        if lemma in WEAPON_OBJECT_VERBS and _takes_weapon(tok):
            return ("ASSAULT", "attack", 0.7)
        if lemma == "fire" and any(_aimed_at(c) for c in tok.children):
            return ("ASSAULT", "firearms", 0.6)  # "fired on army positions", "fired at a car"
        if lemma in LIGHT_VERBS:
            return None
        return VERBS.get(lemma) or ATTACK_VERBS.get(lemma)
    if tok.pos_ in {"NOUN", "PROPN"}:
        if (
            tok.dep_ in {"compound", "amod"}
            and tok.head.pos_ == "NOUN"
            and _lemma(tok.head) not in EPISODE_NOUNS
        ):
            return None  # "ceasefire talks": the head noun is the trigger
        if tok.dep_ == "pobj" and tok.head.lower_ in {"for", "toward", "towards"}:
            return None  # "pressed for a ceasefire": the goal, not an event
        return _cut_noun(tok) or NOUNS.get(lemma)
    if tok.dep_ == "amod" and _lemma(tok.head) in EPISODE_NOUNS:
        return NOUNS.get(lemma)  # "a looting spree", tagged as an adjective
    return None


def _aimed_at(prep: Token) -> bool:
    """Whether a preposition names a target ("on army positions"), not a time ("on Monday")."""
    if prep.dep_ != "prep" or prep.lower_ not in AIMED:
        return False
    objs = [c for c in prep.children if c.dep_ == "pobj"]
    return any(o.ent_type_ not in {"DATE", "TIME"} for o in objs)


def _takes_weapon(verb: Token) -> bool:
    """Whether a verb's object is a weapon ("fired rockets", "drones were launched")."""
    return any(o.lemma_.lower() in WEAPON_WORDS for o in _objects(verb))


def _takes_territory(verb: Token) -> bool:
    """Whether a verb's object is a place ("free the Kursk region")."""
    return any(
        o.lemma_.lower() in TERRITORY or o.ent_type_ in {"GPE", "LOC"} for o in _objects(verb)
    )


def _refine(tok: Token, entry: Entry) -> Entry:
    """Mode from context: weapons for attacks, labour strikes, government 'protests'."""
    etype, mode, conf = entry
    if etype == "ASSAULT":
        return etype, _weapon_mode(tok, mode), conf
    if etype == "PROTEST" and tok.lemma_.lower() == "strike":
        return etype, "strike", conf
    return entry


def _is_labour_strike(tok: Token) -> bool:
    """Whether "strike" means a work stoppage here."""
    return tok.lemma_.lower() == "strike" and bool(
        {t.lemma_.lower() for t in tok.sent} & LABOUR_CUES
    )


def _place_country(tok: Token, places: Sequence[Place], kb: ActorKB | None) -> str | None:
    """Country of the place a capture/retake takes: a resolved place in the object, or a
    demonym modifying it ("the Russian border region")."""
    for o in _objects(tok):
        lo, hi = o.left_edge.idx, o.right_edge.idx + len(o.right_edge.text)
        for p in places:
            if lo <= p.start < hi and p.country:
                return p.country
        if kb is not None:
            for t in o.subtree:
                e = kb.names.get(normalise(t.text)) if t.text[:1].isupper() else None
                if e is not None and e.kind in {"demonym", "country"}:
                    return e.country
    return None


def _opponent(
    cand_actors: Sequence[Actor], before: int, sent_start: int, actors: Sequence[Actor]
) -> Actor | None:
    """The nearest preceding armed actor of another country (the likely loser of ground)."""
    mine = {a.country for a in cand_actors}
    best: Actor | None = None
    for a in actors:
        other = a.country is not None and a.country not in mine
        nearer = best is None or a.end > best.end
        if other and nearer and sent_start <= a.end <= before and a.sector in ARMED:
            best = a
    return best


def _typed(
    entry: Entry,
    actors: Sequence[Actor],
    recipients: Sequence[Actor],
    place_country: str | None,
) -> EventType:
    """`EventType` for an entry with the sides' sectors and countries."""
    etype, mode, conf = entry
    return make_type(
        etype,
        mode,
        confidence=conf,
        actor_sectors=frozenset(a.sector for a in actors if a.sector),
        actor_countries=frozenset(a.country for a in actors if a.country),
        recipient_sectors=frozenset(a.sector for a in recipients if a.sector),
        place_country=place_country,
    )


def _candidate(
    tok: Token,
    entry: Entry,
    by_tok: dict[int, list[Actor]],
    places: Sequence[Place],
    kb: ActorKB | None,
) -> EventCandidate:
    """The event candidate for one trigger token."""
    verbal = tok.pos_ in {"VERB", "AUX"} or tok.tag_.startswith("VB")
    actors, recipients = _verb_args(tok, by_tok) if verbal else _noun_args(tok, by_tok)
    if entry[1] == DRIVEN_OUT:  # "driving X out": X retreats, the driver is the other side
        losers = [a for o in _objects(tok) for a in _actors_of(o, by_tok)]
        actors, recipients = losers, [a for a in actors if a not in losers]
    if not actors and kb is not None:
        actors = _demonym_actors(tok, kb, verbal=verbal, armed=entry[0] in ARMED_TYPES)
    pc = _place_country(tok, places, kb) if entry[1] in {"capture", "retake"} else None
    span = Span(tok.idx, tok.idx + len(tok.text), tok.text)
    typing = _typed(entry, actors, recipients, pc)
    return EventCandidate(span, tok.i, typing, tuple(actors), tuple(recipients), entry)


def _demonym_actors(tok: Token, kb: ActorKB, *, verbal: bool, armed: bool) -> list[Actor]:
    """Countries named by a demonym before the trigger noun or the verb's subject.

    "Russian shelling", "an Israeli air strike", "a Ukrainian drone attack", "Russian glide
    bombs struck", "Russian and Ukrainian delegations met": the side is the demonym's country.
    """
    heads = [c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}] if verbal else [tok]
    found: list[Actor] = []
    for head in heads:
        for t in (x for left in head.lefts for x in left.subtree):
            entry = kb.lookup(t.text) if t.dep_ in DEMONYM_DEPS else None
            if entry is None or entry.kind not in {"demonym", "country"} or not entry.country:
                continue
            if any(a.country == entry.country for a in found):
                continue
            sector = "MIL" if armed else (entry.sector or "GOV")
            found.append(
                Actor(
                    t.idx,
                    t.idx + len(t.text),
                    t.text,
                    entry.name,
                    entry.country,
                    sector,
                    entry.kb_id,
                )
            )
    return found


def _with_losers(
    cands: list[EventCandidate], doc: Doc, actors: Sequence[Actor]
) -> list[EventCandidate]:
    """Captures and retakes without a recipient take the side that retreats or lost ground."""
    out: list[EventCandidate] = []
    for c in cands:
        if c.typing.mode not in {"capture", "retake"} or c.recipients:
            out.append(c)
            continue
        sent = doc[c.token_i].sent
        retreat = [
            a
            for o in cands
            if o.typing.event_type == "RETREAT" and doc[o.token_i].sent == sent
            for a in o.actors
        ]
        scope = _sentence_starts_back(doc, sent.start, 2)
        loser = retreat or [a for a in [_opponent(c.actors, c.trigger.start, scope, actors)] if a]
        out.append(_replace(c, recipients=tuple(loser)))
    return out


def _sentence_starts_back(doc: Doc, tok_i: int, n: int) -> int:
    """Character offset where the sentence `n` sentences before the one at `tok_i` starts."""
    start = doc[tok_i].sent.start
    for _ in range(n):
        if start == 0:
            break
        start = doc[start - 1].sent.start
    return doc[start].idx


def _replace(c: EventCandidate, *, recipients: tuple[Actor, ...]) -> EventCandidate:
    """A candidate with other recipients."""
    return replace(c, recipients=recipients)


def rule_candidates(
    doc: Doc,
    *,
    actors: Sequence[Actor],
    places: Sequence[Place] = (),
    kb: ActorKB | None = None,
) -> list[EventCandidate]:
    """Every lexicon trigger in `doc`, typed by the lexicon alone, with its sides."""
    by_tok = _index(doc, actors)
    cands: list[EventCandidate] = []
    consumed: set[int] = set()
    for tok in doc:
        if tok.i in consumed:
            continue
        entry = _entry(tok)
        if entry is None:
            continue
        if entry[0] in {"AID", "SANCTION"} and entry[1] in {"resume", "reduce-aid"}:
            consumed.update(t.i for c in tok.children if c.dep_ == "dobj" for t in c.subtree)
        if _is_labour_strike(tok):
            entry = ("PROTEST", "strike", 0.6)
        cands.append(_candidate(tok, _refine(tok, entry), by_tok, places, kb))
    return cands


# verbs that report or frame an event rather than being one: a fallback looks past them
FRAME_VERBS = frozenset(
    {"say", "tell", "report", "add", "state", "claim", "confirm", "deny", "announce", "accord",
     "believe", "know", "think", "be", "have", "appear", "seem", "quote", "cite", "note"}
)  # fmt: skip
FALLBACK_PENALTY = 0.8
NESTED_PENALTY = 0.85
NONE_ACLED_PENALTY = 0.8
FALLBACK_MIN = 0.25
NESTED_TALK_PENALTY = 0.7
MIN_CONFIDENCE = 0.03  # a candidate less sure than this is dropped ("sanctions targeting X")
EMBED_SENTENCES = 3  # default of nlp.encoder_sentences: sentences per document the encoder reads


def _fallback_token(sent: TokenSpan) -> Token | None:
    """The main verb of a sentence without lexicon triggers, past reporting verbs."""
    root = sent.root
    for _ in range(3):
        if root.pos_ not in {"VERB", "AUX"}:
            return None
        if _lemma(root) not in FRAME_VERBS:
            return root
        nxt = [
            c for c in root.children if c.dep_ in {"ccomp", "xcomp", "conj"} and c.pos_ == "VERB"
        ]
        if not nxt:
            return None
        root = nxt[0]
    return None


def fallback_candidates(
    doc: Doc, cands: Sequence[EventCandidate], by_tok: dict[int, list[Actor]]
) -> list[EventCandidate]:
    """One untyped candidate per sentence that has no lexicon trigger: its main verb."""
    taken = {doc[c.token_i].sent.start for c in cands}
    out: list[EventCandidate] = []
    for sent in doc.sents:
        if sent.start in taken:
            continue
        tok = _fallback_token(sent)
        if tok is None:
            continue
        actors, recipients = _verb_args(tok, by_tok)
        span = Span(tok.idx, tok.idx + len(tok.text), tok.text)
        typing = EventType("NONE", None, None, None, 0.0)
        out.append(EventCandidate(span, tok.i, typing, tuple(actors), tuple(recipients), None))
    return out


def _current(entry: Entry | None) -> Entry | None:
    """A lexicon entry under current PLOVER names (DEMAND → REQUEST/demand, ...)."""
    if entry is None or entry[0] not in LEGACY_TYPES:
        return entry
    etype, mode = LEGACY_TYPES[entry[0]]
    return etype, entry[1] or mode, entry[2]


def candidate_features(doc: Doc, c: EventCandidate, by_tok: dict[int, list[Actor]]) -> list[str]:
    """The typing model's feature strings for one candidate."""
    tok = doc[c.token_i]
    rule = _current(c.rule)
    sent_sectors = {a.sector for t in tok.sent for a in by_tok.get(t.i, ()) if a.sector}
    return trigger_features(
        tok,
        lemma=_lemma(tok),
        rule=(rule[0], rule[1]) if rule else None,
        actor_sectors=[a.sector for a in c.actors if a.sector],
        recipient_sectors=[a.sector for a in c.recipients if a.sector],
        sentence_sectors=sent_sectors,
    )


def _nesting(doc: Doc, tok_i: int, trigger_tokens: set[int]) -> int:
    """How many other triggers govern this one ("rejected the demand": demand is nested)."""
    n = 0
    tok = doc[tok_i]
    while tok.head.i != tok.i:
        tok = tok.head
        if tok.i in trigger_tokens:
            n += 1
    return n


def sentence_vectors(
    doc: Doc, cands: Sequence[EventCandidate], embed: Embed | None, limit: int
) -> dict[int, npt.NDArray[np.float32]]:
    """The embedding of the sentences of the first `limit` candidate-bearing sentences, keyed
    by the sentence's first token (one batch per document; empty without an encoder)."""
    if embed is None or not cands or limit <= 0:
        return {}
    sents = {doc[c.token_i].sent.start: doc[c.token_i].sent for c in cands}
    keys = sorted(sents)[:limit]
    vecs = embed([sents[k].text for k in keys])
    return {k: vecs[n] for n, k in enumerate(keys)}


@dataclass(frozen=True, slots=True)
class Typers:
    """The typing models in use: `plain` on trigger features, `joint` (or None) also reading
    the sentence embedding, for at most `limit` sentences per document."""

    plain: TypingModel
    joint: TypingModel | None = None
    embed: Embed | None = None
    limit: int = 0


def model_typed(
    doc: Doc,
    cands: Sequence[EventCandidate],
    typers: Typers,
    by_tok: dict[int, list[Actor]],
    places: Sequence[Place],
    kb: ActorKB | None,
) -> list[EventCandidate]:
    """Candidates retyped by the model (lexicon as prior); fallbacks it finds no event in go.
    A candidate whose sentence has an embedding is typed by the joint model, others by the
    plain one."""
    triggers = {c.token_i for c in cands}
    joint = typers.joint
    vectors = sentence_vectors(doc, cands, typers.embed, typers.limit) if joint else {}
    out: list[EventCandidate] = []
    for c in cands:
        rule = _current(c.rule)
        feats = hash_features(candidate_features(doc, c, by_tok))
        vec = vectors.get(doc[c.token_i].sent.start)
        model = joint if joint is not None and vec is not None else typers.plain
        d = model.decide(model.probabilities(feats, vec), rule)
        d = codebook_refined(doc[c.token_i], d)
        if rule is None and (d.no_event or d.probability < FALLBACK_MIN):
            continue
        nesting = _nesting(doc, c.token_i, triggers)
        conf = d.probability * NESTED_PENALTY**nesting
        if rule is None:
            conf *= FALLBACK_PENALTY
        if d.acled_code is None:
            # a nested event with no ACLED sub-type ("agreed to hold talks") is the matrix
            # event's object, not the news
            conf *= NONE_ACLED_PENALTY * (NESTED_TALK_PENALTY if nesting else 1.0)
        if conf < MIN_CONFIDENCE:
            continue
        tok = doc[c.token_i]
        pc = _place_country(tok, places, kb) if d.mode in {"capture", "retake"} else None
        typing = make_type_from_code(
            d.event_type,
            d.mode,
            d.acled_code,
            confidence=round(conf, 4),
            actor_sectors=frozenset(a.sector for a in c.actors if a.sector),
            actor_countries=frozenset(a.country for a in c.actors if a.country),
            place_country=pc,
        )
        out.append(replace(c, typing=typing))
    return out


def _bundled_model(embeddings: bool) -> TypingModel | None:
    """The bundled typing model (the variant with sentence embeddings when `embeddings`), or
    None (rules alone) when its file is missing."""
    try:
        return load_typing_model(embeddings)
    except FileNotFoundError:
        log.warning("typing model file missing: events are typed by the lexicon alone")
        return None


def find_events(
    doc: Doc,
    *,
    actors: Sequence[Actor],
    places: Sequence[Place] = (),
    kb: ActorKB | None = None,
    use_model: bool = True,
    embed: Embed | None = None,
    embed_sentences: int = EMBED_SENTENCES,
) -> tuple[EventCandidate, ...]:
    """Every event trigger in `doc`, typed, with its actors and recipients, in text order.

    Lexicon triggers, plus (with the model) the main verb of each sentence without one, are
    typed by the typing model with the lexicon as prior (`typing_model.decide`); territorial
    sub-types follow the sides (`ontology.make_type_from_code`). `use_model=False` types by
    the lexicon alone. `kb` (optional) lets a demonym in a captured place's phrase give that
    place's country. With `embed` (a sentence encoder's `encode`), candidates in the first
    `embed_sentences` sentences that have candidates are typed by the model variant that also
    reads the sentence's embedding; the others by the trigger-feature variant."""
    cands = rule_candidates(doc, actors=actors, places=places, kb=kb)
    plain = _bundled_model(False) if use_model else None
    if plain is not None:
        joint = _bundled_model(True) if embed is not None else None
        typers = Typers(plain, joint, embed, embed_sentences)
        by_tok = _index(doc, actors)
        cands += fallback_candidates(doc, cands, by_tok)
        cands.sort(key=lambda c: c.token_i)
        cands = model_typed(doc, cands, typers, by_tok, places, kb)
    return tuple(_with_losers(cands, doc, actors))
