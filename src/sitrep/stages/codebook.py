"""ACLED codebook rules applied after the typing model: the line between a peaceful and a
violent demonstration, the state's response to protests, withdrawals, seized weapons and
mobilisation.

Input → output: a trigger token and the model's `Decision` → the decision with its ACLED
sub-type (and for riots its PLOVER type and mode) set by the codebook's definitions. Each rule
reads only the trigger's sentence (or its neighbours) and changes a decision only where the
codebook is explicit; `codebook_refined` applies them all in order.
"""

from __future__ import annotations

from spacy.tokens import Span as TokenSpan
from spacy.tokens import Token

from sitrep.stages.typing_model import Decision

ARMS_MODE = "seize-arms"  # the lexicon's mode for weapons seized, found or defused
TERRITORY = frozenset(
    {"region", "town", "city", "village", "territory", "area", "province", "district", "oblast",
     "settlement", "land", "border", "base", "airport", "port", "hill", "country"}
)  # fmt: skip


RIOT_WORDS = frozenset(
    {"riot", "rioter", "rioting", "molotov", "firebomb", "arson", "rampage", "vandalise",
     "vandalize", "vandalism", "loot", "looting", "ablaze", "violent", "violently",
     "aggressive", "smash", "pelt", "violence"}
)  # fmt: skip
THROWN = frozenset({"stone", "rock", "brick", "bottle", "projectile", "firework", "bomb"})
PROTESTERS = frozenset({"protester", "protestor", "demonstrator", "rioter", "crowd", "mob"})
CLASH_WORDS = frozenset({"clash", "scuffle", "skirmish", "brawl"})


INTERVENE = frozenset(
    {"disperse", "suppress", "crackdown", "detain", "arrest", "teargas", "cannon", "chase",
     "baton", "break"}
)  # fmt: skip


def _state_response(sent: TokenSpan) -> str | None:
    """The protest sub-type "Protest with intervention" when the sentence tells of dispersal,
    arrests or tear gas against the demonstration, else None. (Lethal force is left to the
    model: a death in the sentence is too often not the police's doing.)"""
    lemmas = {t.lemma_.lower() for t in sent}
    if "tear" in lemmas and "gas" in lemmas:
        lemmas.add("teargas")
    return "PROTEST_WITH_INTER" if lemmas & INTERVENE else None


def _riot_gear(tok: Token) -> bool:
    """ "riot police", "riot gear": the word names the police's kit, not the protesters' acts."""
    return tok.dep_ in {"compound", "amod"} and tok.head.lemma_.lower() in {
        "police", "policeman", "officer", "gear", "squad", "unit", "shield", "force", "control",
    }  # fmt: skip


def _state_violence(tok: Token) -> bool:
    """ "police violence", "violence by security forces": violence done to the protesters."""
    words = {c.lemma_.lower() for c in tok.subtree if c.i != tok.i}
    return bool(words & {"police", "security", "force", "army", "soldier", "troop", "state"})


def _protesters_violent(sent: TokenSpan) -> bool:
    """Whether a sentence says the demonstrators used violence (riots, petrol bombs, thrown
    stones, torched cars), ACLED's line between a peaceful and a violent demonstration."""
    for t in sent:
        lemma = t.lemma_.lower()
        if lemma in RIOT_WORDS and not _riot_gear(t) and not _state_violence(t):
            return True
        if lemma in {"throw", "hurl", "pelt", "lob"} and any(
            c.lemma_.lower() in THROWN for c in t.subtree
        ):
            return True
        if (
            lemma in {"torch", "burn"}
            and t.pos_ == "VERB"
            and any(
                c.dep_ in {"nsubj", "agent"} and c.lemma_.lower() in PROTESTERS for c in t.children
            )
        ):
            return True
    return False


def _clash_in(sent: TokenSpan) -> bool:
    """Whether the span tells of clashes or scuffles."""
    return any(t.lemma_.lower() in CLASH_WORDS for t in sent)


RESPONSE_CODES = frozenset({"PROTEST_WITH_INTER", "FORCE_AGAINST_PROTEST"})


def _around(sent: TokenSpan) -> TokenSpan:
    """A sentence with its neighbours: where a report tells what the demonstrators did."""
    doc = sent.doc
    start = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    end = doc[sent.end].sent.end if sent.end < len(doc) else sent.end
    return doc[start:end]


def riot_refined(tok: Token, d: Decision) -> Decision:
    """A protest whose sentence (or a neighbour) shows the demonstrators' violence or tells of
    clashes, or a clash fought by protesters, is a violent demonstration
    (PROTEST/riot, ACLED Violent demonstration); so is the police's response to such a
    protest (dispersal, force) that the model typed as an intervention."""
    peaceful = d.acled_code in {"PEACE_PROTEST", "PROTEST_WITH_INTER"}
    sent = tok.sent
    around = _around(sent)
    if (
        d.event_type == "PROTEST"
        and peaceful
        and (_protesters_violent(around) or _clash_in(around))
    ):
        return d._replace(mode="riot", acled_code="VIOL_DEMONSTR")
    if d.acled_code in RESPONSE_CODES and _protesters_violent(around):
        # the state's response to a riot does not make the riot a peaceful protest
        return d._replace(acled_code="VIOL_DEMONSTR")
    if d.event_type == "PROTEST" and d.acled_code == "PEACE_PROTEST":
        response = _state_response(sent)
        if response is not None:
            return d._replace(acled_code=response)
    clash = d.event_type == "ASSAULT" and tok.lemma_.lower() in CLASH_WORDS
    if clash and any(t.lemma_.lower() in PROTESTERS for t in tok.sent if t.i != tok.i):
        return d._replace(event_type="PROTEST", mode="riot", acled_code="VIOL_DEMONSTR")
    return d


BASE_NOUNS = frozenset(
    {"base", "position", "post", "camp", "checkpoint", "outpost", "barracks", "garrison"}
)


def _withdrawn_from(tok: Token) -> Token | None:
    """What a withdrawal is from ("withdrew from the city" → city), if said."""
    for holder in (tok, tok.head):
        for prep in holder.children:
            if prep.dep_ == "prep" and prep.lower_ in {"from", "out"}:
                objs = [o for o in prep.subtree if o.dep_ == "pobj"]
                if objs:
                    return objs[0]
        if holder.head is holder:
            break
    return None


def withdrawal_refined(tok: Token, d: Decision) -> Decision:
    """A withdrawal the model gave no ACLED sub-type: from a named place or a stretch of
    territory it is a "Non-violent transfer of territory"; from a base or position, or of
    troops in general, a "Change to group/activity" (ACLED's codebook)."""
    if d.event_type != "RETREAT" or d.acled_code is not None or d.mode != "withdraw":
        return d
    origin = _withdrawn_from(tok)
    word = origin.lemma_.lower() if origin is not None else ""
    if (
        origin is not None
        and word not in BASE_NOUNS
        and (origin.ent_type_ in {"GPE", "LOC"} or word in TERRITORY)
    ):
        return d._replace(acled_code="NON_VIOL_TERRIT_TRANSFER")
    return d._replace(acled_code="CHANGE_TO_GROUP_ACT")


def arms_refined(d: Decision) -> Decision:
    """Weapons seized, found or defused (the lexicon's arms mode) are "Disrupted weapons use"."""
    if d.event_type == "COERCE" and d.mode == ARMS_MODE:
        return d._replace(acled_code="DISR_WEAP")
    return d


def mobilisation_refined(d: Decision) -> Decision:
    """Forces formed, deployed, reinforced or mobilised (PLOVER MOBILIZE, not an exercise) are
    ACLED's strategic development "Change to group/activity" when the model gave no sub-type."""
    if d.event_type == "MOBILIZE" and d.acled_code is None and d.mode != "exercise":
        return d._replace(acled_code="CHANGE_TO_GROUP_ACT")
    return d


def codebook_refined(tok: Token, d: Decision) -> Decision:
    """The model's decision for trigger `tok` after every codebook rule."""
    d = mobilisation_refined(riot_refined(tok, d))
    return arms_refined(withdrawal_refined(tok, d))
