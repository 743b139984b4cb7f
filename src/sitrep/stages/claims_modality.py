"""Modality of an event trigger: did it happen, according to the text?

Input → output: a parsed `Doc` and a trigger token index → `Modality` (negated, future,
hypothetical or asserted). Rules read the trigger's own modifiers (negation, auxiliaries,
if-clauses, "no", "planned", "possible"), those of the verb that governs a nominal trigger, and
the verb that controls an infinitive or complement ("expects to", "failed to", "denied that").
It never returns HISTORICAL: that needs dates and is left to the pipeline.

What counts as what (MEANTIME's factuality guidelines agree on the cases they share):
- negated: "not", "never", "no", "nearly"/"almost" (it did not quite happen), a controlling
  "failed to"/"ceased"/"denied that", an event prevented, cancelled or delayed ("the delivery
  was delayed", "foiled an attack", "the lack of progress", "prevented them from leaving");
- future: "will", "is to", plans and intentions ("plans to", "expects to"), and "would" in
  reported speech ("announced it would cut jobs": the future of a past statement);
- hypothetical: modals (may, might, could, should, would outside reported speech), if/unless/
  whether clauses, threats and attempts ("threatened to", "an effort to", "a bid to"),
  purposes ("troops were sent to retake it"), predictions ("forecast to"), and what is feared
  ("fears of a recession", "the risk of escalation", "worries that X will").
A noun that is the subject of a verb is not under that verb's modality ("the glitch was not
reported", "the loss could swell": the glitch and the loss are real) unless the verb says
that the event takes place ("the attack did not happen").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from sitrep.model import Modality

_NEG = frozenset({"not", "n't", "never", "no", "nt"})
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
_HYPO_AUX = frozenset({"could", "would", "might", "may", "should", "can", "must", "'d", "ca"})
_CONDITIONAL_MARKS = frozenset({"if", "unless", "whether", "lest"})
_NEG_HEADS = frozenset(
    {
        "fail",
        "deny",
        "refuse",
        "decline",
        "avoid",
        "prevent",
        "stop",
        "halt",
        "cease",
        "quit",
        "neglect",
        "forgo",
        "omit",
    }
)
# Adverbs by which a verb's event did not (quite) happen: "nearly broke the record".
_NEAR_MISS = frozenset({"nearly", "almost"})
# Verbs whose object (or passive subject) is an event that then does not take place.
_PREVENT_VERBS = frozenset(
    {
        "prevent",
        "avert",
        "cancel",
        "postpone",
        "delay",
        "scrap",
        "thwart",
        "foil",
        "abort",
        "block",
        "forestall",
        "preclude",
    }
)
# "prevented them from leaving", "barred from running": the gerund did not happen.
_FROM_VERBS = _PREVENT_VERBS | frozenset({"stop", "ban", "bar", "keep", "refrain", "deter"})
# Nouns whose of/in-phrase names an event that did not take place ("delay in delivery").
_NEG_NOUNS = frozenset(
    {"delay", "lack", "absence", "cancellation", "postponement", "prevention", "suspension"}
)
# Nouns whose of/over/about-phrase or that-clause is an event feared or expected, not real.
_FEAR_NOUNS = frozenset(
    {
        "fear",
        "worry",
        "risk",
        "threat",
        "danger",
        "possibility",
        "prospect",
        "chance",
        "likelihood",
        "spectre",
        "specter",
        "rumor",
        "rumour",
        "speculation",
        "hope",
    }
)
# Nouns whose to-infinitive is attempted or proposed, not done ("an effort to ease").
_ATTEMPT_NOUNS = frozenset(
    {
        "effort",
        "attempt",
        "bid",
        "push",
        "drive",
        "campaign",
        "order",
        "call",
        "offer",
        "threat",
        "proposal",
        "request",
        "demand",
        "move",
        "chance",
        "opportunity",
        "attempts",
        "efforts",
    }
)
# Nouns whose that-clause is asked for, not done ("the demand that Israel ease restrictions").
_DEMAND_NOUNS = frozenset(
    {"demand", "call", "request", "appeal", "plea", "proposal", "suggestion", "insistence",
     "ultimatum", "recommendation", "resolution"}
)  # fmt: skip
# Nouns whose to-infinitive is planned (as the verbs in _FUTURE_HEADS: "plans to", "decided to").
_PLAN_NOUNS = frozenset(
    {"plan", "intention", "decision", "pledge", "promise", "commitment", "vow", "goal", "aim"}
)
# Verbs that report what was said: "would" in their clause is the future of the statement.
_REPORT_HEADS = frozenset(
    {
        "say",
        "announce",
        "tell",
        "state",
        "report",
        "add",
        "declare",
        "confirm",
        "insist",
        "explain",
        "reply",
        "write",
        "tweet",
        "note",
        "reveal",
        "disclose",
        "stress",
        "reiterate",
        "assure",
        "inform",
        "promise",
        "pledge",
        "vow",
        "agree",
        "decide",
        "indicate",
        "announcement",
        "statement",
        "decision",
        "news",
        "word",
    }
)
# Verbs whose subject is the event itself ("the attack did not happen"): the subject takes the
# verb's modality. Any other verb leaves its subject's event asserted.
_OCCUR_VERBS = frozenset(
    {
        "happen",
        "occur",
        "take",
        "begin",
        "start",
        "resume",
        "continue",
        "erupt",
        "break",
        "proceed",
        "materialize",
        "materialise",
        "go",
        "come",
        "end",
        "be",
    }
)
# Reporting and attitude verbs: their passive subject is what is reported, and is not negated
# by "was not reported".
_REPORTING = frozenset(
    {
        "report",
        "say",
        "announce",
        "confirm",
        "mention",
        "disclose",
        "reveal",
        "notice",
        "see",
        "know",
        "discuss",
        "publicize",
        "publicise",
        "detect",
        "discover",
    }
)
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
        "prepared",
        "willing",
        "eager",
        "determine",
        "determined",
        "commit",
        "committed",
    }
)
_HYPO_HEADS = frozenset(
    {
        "threaten",
        "try",
        "attempt",
        "warn",
        "call",
        "urge",
        "demand",
        "ask",
        "offer",
        "able",
        "predict",
        "forecast",
        "project",
        "estimate",
        "fear",
        "worry",
        "risk",
    }
)
# Belief verbs: only their infinitive is hedged ("is believed to be worth"), not a reported
# clause ("officials believe the strike killed five" is the officials' claim, see claims.py).
_BELIEF_HEADS = frozenset(
    {"believe", "think", "suspect", "presume", "rumor", "rumour", "say", "allege", "report"}
)
# Verbs of change after which an infinitive is a result, not a purpose ("fell 3% to close at
# 8,962", "recovered to end the day"): the result happened.
_RESULT_HEADS = frozenset(
    {
        "fall",
        "rise",
        "drop",
        "climb",
        "rebound",
        "recover",
        "surge",
        "jump",
        "slide",
        "slip",
        "plunge",
        "tumble",
        "gain",
        "lose",
        "decline",
        "increase",
        "decrease",
        "grow",
        "soar",
        "sink",
        "dip",
        "edge",
        "shrink",
        "swell",
        "return",
        "wake",
        "live",
    }
)
# Verbs that realise the event named by their object ("launch an offensive", "suffer losses"):
# the object takes the verb's modality. Any other verb leaves its object's event as it is
# ("could cut 13,000 jobs", "tried to address the reports").
_LIGHT_VERBS = frozenset(
    {
        "launch",
        "carry",
        "conduct",
        "stage",
        "mount",
        "make",
        "take",
        "wage",
        "hold",
        "begin",
        "start",
        "resume",
        "continue",
        "commit",
        "perpetrate",
        "unleash",
        "give",
        "have",
        "face",
        "suffer",
        "sustain",
        "incur",
        "see",
        "cause",
        "trigger",
        "spark",
        "provoke",
        "win",
        "reach",
        "sign",
        "impose",
        "announce",
        "order",
        "approve",
        "authorize",
        "authorise",
        "allow",
        "permit",
        "undertake",
        "organize",
        "organise",
        "host",
        "attend",
        "join",
        "enter",
        "open",
        "pursue",
        "seek",
        "plan",
        "prepare",
        "do",
        "get",
        "receive",
        "experience",
        "endure",
        "be",
    }
)
_REALIZED_HEADS = frozenset({"manage", "begin", "start", "continue", "help", "use", "succeed"})
_FUTURE_MODS = frozenset({"planned", "upcoming", "future", "proposed", "scheduled", "expected"})
_HYPO_MODS = frozenset({"possible", "potential", "threatened", "likely", "hypothetical"})
_COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "oprd", "acomp"})
_NOMINAL_ROLES = frozenset({"dobj", "nsubj", "nsubjpass", "attr", "pobj", "appos"})


def _own_modality(verb: Token) -> Modality | None:
    """Modality signalled by a verb's own negation, auxiliaries or conditional marker; "would"
    in a reported clause is the statement's future ("announced it would cut")."""
    found: Modality | None = None
    for child in verb.children:
        low = child.lower_
        if child.dep_ == "neg" or (child.dep_ in {"advmod", "preconj"} and low in _NEG):
            return Modality.NEGATED
        if child.dep_ == "advmod" and low in _NEAR_MISS and child.i < verb.i:
            return Modality.NEGATED
        if child.dep_ in {"aux", "auxpass"}:
            if low in _FUTURE_AUX or (low in {"would", "'d"} and _reported(verb)):
                found = found or Modality.FUTURE
            elif low in _HYPO_AUX:
                found = Modality.HYPOTHETICAL
        elif child.dep_ == "mark" and low in _CONDITIONAL_MARKS:
            found = Modality.HYPOTHETICAL
    return found


def _reported(verb: Token) -> bool:
    """Whether a verb heads a clause that reports a statement ("said (that) it would ...",
    "the announcement that it would ..."), through coordinated verbs."""
    for _ in range(3):
        if verb.dep_ == "conj" and verb.head is not verb:
            verb = verb.head
            continue
        break
    if verb.dep_ not in {"ccomp", "acl"} or verb.head is verb:
        return False
    if any(c.dep_ == "mark" and c.lower_ in _CONDITIONAL_MARKS for c in verb.children):
        return False
    return verb.head.lemma_.lower() in _REPORT_HEADS


def _infinitive(verb: Token) -> bool:
    """True for a bare or to-infinitive ("to free", "expected ... to free")."""
    return verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _controlled(verb: Token) -> Modality | None:
    """Modality imposed by a controlling verb ("plans to", "failed to", "denied that"), a noun
    ("an effort to", "plans to", "fears that") or a purpose ("sent troops to retake")."""
    for _ in range(3):
        if verb.dep_ == "acl" and verb.head.pos_ == "NOUN":
            return _noun_controlled(verb)
        if verb.dep_ == "pcomp" and _from_prevented(verb):
            return Modality.NEGATED
        if verb.dep_ not in _COMPLEMENT_DEPS and not (verb.dep_ == "advcl" and _infinitive(verb)):
            return None
        head = verb.head
        lemma = head.lemma_.lower()
        if lemma in _NEG_HEADS:
            return Modality.NEGATED
        if lemma in _HYPO_HEADS or (lemma in _BELIEF_HEADS and _hearsay(verb, head)):
            return Modality.HYPOTHETICAL
        if (
            lemma in _FUTURE_HEADS
            and (lemma != "be" or _infinitive(verb))
            and not (verb.dep_ == "ccomp" and _finite_past(verb))
        ):
            return Modality.FUTURE  # not "announced that it has called off the strike"
        if _infinitive(verb) and verb.dep_ == "advcl":
            if lemma in _RESULT_HEADS or lemma in _REALIZED_HEADS:
                return None  # a result: "fell 3% to close at 8,962"
            return Modality.HYPOTHETICAL  # a purpose: "sent troops to retake the town"
        if verb.dep_ == "ccomp":
            return None
        own = _own_modality(head)
        if own is not None and own is not Modality.NEGATED:
            return own
        verb = head
    return None


def _finite_past(verb: Token) -> bool:
    """True for a finite past or perfect verb ("called", "has called"): done, not planned."""
    if verb.tag_ == "VBD":
        return True
    return verb.tag_ == "VBN" and any(
        c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children
    )


def _hearsay(verb: Token, head: Token) -> bool:
    """True for an infinitive under a passive belief or hearsay verb ("is believed to be
    worth", "are said to be faster") and for one under "think"/"believe" with no passive
    ("thought to be")."""
    if verb.dep_ != "xcomp":
        return False
    passive = any(c.dep_ in {"auxpass", "nsubjpass"} for c in head.children)
    return passive or head.tag_ == "VBN"


def _noun_controlled(verb: Token) -> Modality | None:
    """Modality of a verb that complements a noun: "an effort to ease" (hypothetical), "plans
    to import" (future), "fears that the bank will fail" (hypothetical)."""
    noun = verb.head.lemma_.lower()
    if not _infinitive(verb):
        if noun in _DEMAND_NOUNS:
            return Modality.HYPOTHETICAL  # "its demand that Israel ease restrictions"
        finite = verb.tag_ in {"VBD", "VBZ", "VBP", "MD"} or any(
            c.dep_ == "aux" for c in verb.children
        )
        return Modality.HYPOTHETICAL if noun in _FEAR_NOUNS and finite else None
    if noun in _FEAR_NOUNS:
        return Modality.HYPOTHETICAL
    if noun in _ATTEMPT_NOUNS:
        return Modality.HYPOTHETICAL
    if noun in _PLAN_NOUNS:
        return Modality.FUTURE
    return None


def _from_prevented(verb: Token) -> bool:
    """True for "prevented them from leaving", "was barred from running"."""
    prep = verb.head
    return (
        prep.dep_ == "prep"
        and prep.lower_ == "from"
        and prep.head is not prep
        and prep.head.lemma_.lower() in _FROM_VERBS
    )


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
    if own is Modality.FUTURE and verb.dep_ in {"ccomp", "acl"}:
        # "fears that the bank will fail", "warned that Russia will attack": not asserted
        controlled = _controlled(verb)
        return Modality.HYPOTHETICAL if controlled is Modality.HYPOTHETICAL else own
    if own is not None:
        return own
    return _controlled(verb) or Modality.ASSERTED


def _prevented(verb: Token) -> Modality:
    """Modality of an event that a prevent-type verb acts on: negated, unless the preventing
    is itself negated ("did not prevent a recession" → asserted) or only possible ("might not
    prevent a recession" → hypothetical)."""
    modality = _verb_modality(verb)
    if modality is Modality.NEGATED:
        hedged = any(c.dep_ == "aux" and c.lower_ in _HYPO_AUX for c in verb.children)
        return Modality.HYPOTHETICAL if hedged else Modality.ASSERTED
    if modality is Modality.HYPOTHETICAL:
        return modality
    return Modality.NEGATED


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
        owner = head.head
        if owner.pos_ == "NOUN" and owner is not head:
            word = owner.lemma_.lower()
            if word in _NEG_NOUNS and head.lower_ in {"in", "of", "to"}:
                return Modality.NEGATED
            if word in _FEAR_NOUNS and head.lower_ in {"of", "on", "over", "about", "for"}:
                return Modality.HYPOTHETICAL
        head = owner
    if head is noun or head.pos_ not in {"VERB", "AUX"}:
        return Modality.ASSERTED
    lemma = head.lemma_.lower()
    if lemma in _PREVENT_VERBS and noun.dep_ in {"dobj", "nsubjpass"}:
        return _prevented(head)
    if noun.dep_ == "nsubjpass" and lemma in _REPORTING:
        return Modality.ASSERTED  # "the glitch was not reported": the glitch is real
    occurs = lemma in _OCCUR_VERBS and (
        lemma != "take" or any(c.lower_ == "place" for c in head.children)
    )
    if noun.dep_ == "nsubj" and not occurs:
        return Modality.ASSERTED  # "the loss could swell": the loss is real
    if noun.dep_ == "dobj" and lemma not in _LIGHT_VERBS:
        return Modality.ASSERTED  # "could cut 13,000 jobs": the jobs are there
    if noun.dep_ in _NOMINAL_ROLES:
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
