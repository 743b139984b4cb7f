"""Actor stage: a parsed `Doc` + the actor KB → every actor mention, resolved (`model.Actor`).

What it finds, left to right:
- knowledge-base names: countries, seats of government as metonyms ("the Kremlin" → RUS GOV),
  organisations ("the IDF", "Hamas", NATO) and office holders (with their titles: "President
  Vladimir Putin", "Mr. Putin");
- a country, demonym or seat followed by a sector noun: "Ukrainian forces" → UKR MIL,
  "Russian officials" → RUS GOV, "Russia's Ministry of Defense" → one actor, RUS MIL (defence
  ministries are coded MIL: they speak for the armed forces); compounds share the noun:
  "U.S. and Ukrainian officials" → two actors, USA GOV and UKR GOV, both spanning the phrase;
- a country name alone is an actor (GOV) unless it is the object of a locative preposition
  ("in Ukraine"); a plural demonym ("the Palestinians") is an actor without sector;
- persons not in the KB when a cue gives country or sector: a demonym, an office title, or a
  possessor ("Ukrainian Gen. Ivan Petrenko" → UKR MIL; "Mr. Putin's adviser X" → RUS GOV);
- titles without a name ("the defense minister") and bare group nouns ("protesters" → CVL), with
  no country;
- pronouns, by a cheap heuristic: "its/their + sector noun" and subject/object "he/she/it/they"
  take the nearest preceding compatible actor within the last three sentences (he/she/his/her →
  a person; it/its → a state or organisation; they/their → any non-person actor).

It does not decide who acts in which event (that is `extract`), nor resolve places.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from sitrep.knowledge.actors import ActorKB, KBEntry, normalise
from sitrep.model import Actor

LOCATIVE_PREPS = frozenset(
    {"in", "inside", "into", "within", "across", "near", "at", "throughout", "around", "outside",
     "through", "along", "toward", "towards", "over", "beyond", "via", "on"}
)  # fmt: skip
TITLE_MODIFIERS = frozenset(
    {"foreign", "policy", "special", "deputy", "vice", "prime", "defense", "defence", "national",
     "security", "chief", "crown", "senior", "top", "former", "acting", "interior", "military",
     "army", "state", "press", "presidential"}
)  # fmt: skip
PRONOUNS = {
    "he": "person", "she": "person", "his": "person", "her": "person", "him": "person",
    "it": "state", "its": "state", "they": "group", "their": "group", "them": "group",
}  # fmt: skip
ARG_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "agent", "conj", "appos", "ROOT"})
GROUP_SECTORS = frozenset({"CVL", "REB", "COP", "REF", "LAB", "OPP", "MED", "SPY", "JUD"})
STATE_KINDS = frozenset({"country", "seat", "org", "composite", "demonym"})
_MAX_NOUN_WORDS = 4


@dataclass(frozen=True, slots=True)
class _Found:
    """An actor with the kind of thing it is (for pronoun compatibility) and its sentence."""

    actor: Actor
    kind: str  # person | state | group
    sent: int


@functools.lru_cache(maxsize=65536)
def _norm(text: str) -> str:
    """Normalised key of one token ("'s" and "the" become empty)."""
    if text in {"'s", "\u2019s", "'", "\u2019", "the", "The"}:
        return ""
    return normalise(text)


def _name_at(doc: Doc, norms: Sequence[str], i: int, kb: ActorKB) -> tuple[int, KBEntry] | None:
    """The longest KB name starting at token i: (end token, entry), or None."""
    if norms[i] not in kb.first_words or not doc[i].text[:1].isupper():
        return None
    best: tuple[int, KBEntry] | None = None
    parts: list[str] = []
    for j in range(i, min(len(doc), i + kb.max_words)):
        if doc[j].is_punct and doc[j].text not in {"-", "'"}:
            break
        if norms[j]:
            parts.append(norms[j])
        key = " ".join(parts)
        entry = kb.names.get(key)
        if entry is not None and (key not in kb.acronyms or _caps(doc[i : j + 1].text)):
            best = (j + 1, entry)
    return best


def _caps(text: str) -> bool:
    """Whether all letters are capitals."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _noun_at(doc: Doc, norms: Sequence[str], k: int, kb: ActorKB) -> tuple[int, int, str] | None:
    """A sector noun phrase at k (skipping up to two modifiers): (start, end, sector) or None."""
    for skip in range(3):
        s = k + skip
        if s >= len(doc) or doc[s].is_punct:
            return None
        for length in range(_MAX_NOUN_WORDS, 0, -1):
            if s + length > len(doc):
                continue
            key = " ".join(n for n in norms[s : s + length] if n)
            sector = kb.sector_nouns.get(key)
            if sector is not None and doc[s + length - 1].pos_ in {"NOUN", "PROPN", "ADJ"}:
                return s, s + length, sector
        if doc[s].pos_ not in {"ADJ", "NOUN", "PROPN", "VERB"} or doc[s].dep_ not in {
            "amod",
            "compound",
            "nmod",
        }:
            return None
    return None


def _skip_possessive(doc: Doc, k: int) -> int:
    """Index after a possessive marker at k, if any."""
    return k + 1 if k < len(doc) and doc[k].tag_ == "POS" else k


def _prefixes(
    doc: Doc, norms: Sequence[str], i: int, first: tuple[int, KBEntry], kb: ActorKB
) -> tuple[list[tuple[int, int, KBEntry]], int]:
    """Country/demonym prefixes joined by "and"/","/"or" from token i, and the index after them."""
    out = [(i, first[0], first[1])]
    k = _skip_possessive(doc, first[0])
    while k + 1 < len(doc) and doc[k].lower_ in {"and", ",", "or"}:
        nxt = _name_at(doc, norms, k + 1, kb)
        if nxt is None or nxt[1].kind not in {"country", "demonym", "seat"}:
            break
        out.append((k + 1, nxt[0], nxt[1]))
        k = _skip_possessive(doc, nxt[0])
    return out, k


def _span_actor(
    doc: Doc, start: int, end: int, name: str, entry: KBEntry | None, **kw: str | None
) -> Actor:
    """An Actor over tokens [start, end), without a trailing possessive marker."""
    if end - start > 1 and doc[end - 1].tag_ == "POS":
        end -= 1
    span = doc[start:end]
    return Actor(
        start=span.start_char,
        end=span.end_char,
        text=span.text,
        name=name,
        country=kw.get("country", entry.country if entry else None),
        sector=kw.get("sector", entry.sector if entry else None),
        kb_id=kw.get("kb_id", entry.kb_id if entry else None),
    )


def _is_locative(tok: Token) -> bool:
    """Whether a name is the object of a locative preposition ("in Ukraine")."""
    head = tok
    while head.dep_ in {"compound", "conj"} and head.head is not head:
        head = head.head
    return head.dep_ == "pobj" and head.head.lower_ in LOCATIVE_PREPS


def _title_start(doc: Doc, norms: Sequence[str], i: int, kb: ActorKB) -> int:
    """Index of the first title token directly before a person's name at i."""
    k = i
    while k > 0 and (norms[k - 1] in kb.titles or norms[k - 1] in TITLE_MODIFIERS):
        k -= 1
    return k


def _kind(entry: KBEntry) -> str:
    """Pronoun class of an entry: person or state."""
    return "person" if entry.kind == "person" else "state"


def _kb_actors(
    doc: Doc, norms: Sequence[str], kb: ActorKB, sent_of: Sequence[int]
) -> tuple[list[_Found], set[int]]:
    """Actors from KB names, with country/sector composition; and the tokens they cover."""
    found: list[_Found] = []
    covered: set[int] = set()
    i = 0
    while i < len(doc):
        m = _name_at(doc, norms, i, kb)
        if m is None:
            i += 1
            continue
        end, entry = m
        if entry.kind in {"country", "demonym", "seat"}:
            prefixes, k = _prefixes(doc, norms, i, m, kb)
            noun = _noun_at(doc, norms, k, kb)
            if noun is not None:
                _, nend, sector = noun
                noun_text = doc[noun[0] : nend].text
                for _, _, e in prefixes:
                    name = f"{e.name.removesuffix(' government')} {noun_text}"
                    kb_id = f"{e.country}:{normalise(noun_text).replace(' ', '_')}"
                    actor = _span_actor(doc, i, nend, name, e, sector=sector, kb_id=kb_id)
                    found.append(_Found(actor, "state", sent_of[i]))
                covered.update(range(i, nend))
                i = nend
                continue
            for s, e_end, e in prefixes:
                if _standalone(doc, s, e_end, e):
                    found.append(_Found(_span_actor(doc, s, e_end, e.name, e), "state", sent_of[s]))
                    covered.update(range(s, e_end))
            i = prefixes[-1][1]
            continue
        start = _title_start(doc, norms, i, kb) if entry.kind == "person" else i
        found.append(
            _Found(_span_actor(doc, start, end, entry.name, entry), _kind(entry), sent_of[i])
        )
        covered.update(range(start, end))
        i = end
    return found, covered


def _standalone(doc: Doc, start: int, end: int, entry: KBEntry) -> bool:
    """Whether a country/seat/demonym without a sector noun is an actor here."""
    last = doc[end - 1]
    if entry.kind == "demonym":
        return (
            last.pos_ in {"NOUN", "PROPN"} and last.tag_ in {"NNS", "NNPS"} and last.dep_ != "amod"
        )
    if _is_locative(last):
        return False
    return last.dep_ != "amod"


def _person_cue(
    doc: Doc, norms: Sequence[str], start: int, kb: ActorKB, by_token: dict[int, _Found]
) -> tuple[str | None, str | None, int]:
    """Country, sector and first title index from the words before an unknown person's name."""
    country: str | None = None
    sector: str | None = None
    first = start
    k = start - 1
    while k >= max(0, start - 8) and doc[k].sent.start <= k:
        n = norms[k]
        tok = doc[k]
        if k in by_token:
            country = country or by_token[k].actor.country
            break
        if n in kb.titles:
            sector = sector or kb.titles[n]
            first = k if first == k + 1 else first
        elif n in kb.names and kb.names[n].kind in {"country", "demonym"}:
            country = kb.names[n].country
            first = k if first == k + 1 else first
            break
        elif not (n in TITLE_MODIFIERS or tok.tag_ == "POS" or n == ""):
            break
        k -= 1
    return country, sector, first


def _person_actors(
    doc: Doc,
    norms: Sequence[str],
    kb: ActorKB,
    found: list[_Found],
    covered: set[int],
    sent_of: Sequence[int],
) -> list[_Found]:
    """Persons not in the KB, when the words before them give a country or an office."""
    by_token = {
        t: f for f in found for t in range(_tok(doc, f.actor.start), _tok(doc, f.actor.end - 1) + 1)
    }
    out: list[_Found] = []
    for ent in doc.ents:
        if ent.label_ != "PERSON" or any(t in covered for t in range(ent.start, ent.end)):
            continue
        country, sector, first = _person_cue(doc, norms, ent.start, kb, by_token)
        if country is None and sector is None:
            continue
        start = first if first < ent.start and first not in by_token else ent.start
        actor = _span_actor(doc, start, ent.end, ent.text, None, country=country, sector=sector)
        out.append(_Found(actor, "person", sent_of[ent.start]))
        covered.update(range(start, ent.end))
    return out


def _tok(doc: Doc, char: int) -> int:
    """Index of the token containing a character offset."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span.start if span is not None else 0


def _noun_actors(
    doc: Doc, norms: Sequence[str], kb: ActorKB, covered: set[int], sent_of: Sequence[int]
) -> list[_Found]:
    """Titles without names ("the defense minister") and bare group nouns ("protesters")."""
    out: list[_Found] = []
    i = 0
    while i < len(doc):
        if i in covered or not norms[i]:
            i += 1
            continue
        hit = _bare_noun(doc, norms, i, kb)
        if hit is None:
            i += 1
            continue
        end, sector, kind = hit
        if any(t in covered for t in range(i, end)):
            i += 1
            continue
        text = doc[i:end].text
        out.append(
            _Found(
                _span_actor(doc, i, end, text.lower(), None, country=None, sector=sector),
                kind,
                sent_of[i],
            )
        )
        covered.update(range(i, end))
        i = end
    return out


def _bare_noun(
    doc: Doc, norms: Sequence[str], i: int, kb: ActorKB
) -> tuple[int, str | None, str] | None:
    """(end, sector, kind) for a title or group noun heading its phrase at i, else None."""
    if norms[i] not in kb.noun_first_words:
        return None
    for length in (3, 2, 1):
        end = i + length
        if end > len(doc):
            continue
        key = " ".join(n for n in norms[i:end] if n)
        last = doc[end - 1]
        if last.pos_ not in {"NOUN", "PROPN"} or last.dep_ in {"compound", "amod"}:
            continue
        if end < len(doc) and doc[end].pos_ == "PROPN":
            return None  # a title before a name: handled as a person
        if (
            key in kb.titles
            and kb.titles[key] is not None
            and doc[i - 1 : i].text.lower() in {"the", "a"}
        ):
            return end, kb.titles[key], "person"
        sector = kb.sector_nouns.get(key)
        if sector in GROUP_SECTORS:
            return end, sector, "group"
    return None


def _compatible(kind: str, f: _Found) -> bool:
    """Whether an antecedent fits a pronoun class."""
    if kind == "person":
        return f.kind == "person"
    if kind == "state":
        return f.kind == "state" and f.actor.country is not None
    return f.kind != "person"


def _antecedent(kind: str, before: int, sent: int, found: Sequence[_Found]) -> _Found | None:
    """The nearest actor ending before `before` (char) that fits, within three sentences."""
    best: _Found | None = None
    for f in found:
        fits = f.actor.end <= before and sent - f.sent <= 2 and _compatible(kind, f)
        if fits and (best is None or f.actor.end > best.actor.end):
            best = f
    return best


def _pronoun_actors(
    doc: Doc,
    norms: Sequence[str],
    kb: ActorKB,
    found: list[_Found],
    covered: set[int],
    sent_of: Sequence[int],
) -> list[_Found]:
    """Actors for "its troops", "their forces", and subject/object he, she, it, they."""
    out: list[_Found] = []
    for tok in doc:
        kind = PRONOUNS.get(tok.lower_)
        if kind is None or tok.i in covered:
            continue
        ante = _antecedent(kind, tok.idx, sent_of[tok.i], [*found, *out])
        if ante is None:
            continue
        a = ante.actor
        if tok.dep_ == "poss":
            noun = _noun_at(doc, norms, tok.i + 1, kb)
            if noun is None or a.country is None:
                continue
            _, end, sector = noun
            noun_text = doc[noun[0] : end].text
            owner = a.name.removesuffix(" government")
            name = f"{owner} {noun_text}" if ante.kind == "state" else noun_text
            actor = _span_actor(
                doc, tok.i, end, name, None, country=a.country, sector=sector, kb_id=None
            )
            out.append(_Found(actor, "state", sent_of[tok.i]))
            covered.update(range(tok.i, end))
        elif tok.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj"} and tok.head.lemma_ != "be":
            actor = Actor(
                tok.idx, tok.idx + len(tok.text), tok.text, a.name, a.country, a.sector, a.kb_id
            )
            out.append(_Found(actor, ante.kind, sent_of[tok.i]))
    return out


def find_actors(doc: Doc, *, kb: ActorKB) -> tuple[Actor, ...]:
    """Every actor mention in `doc`, resolved against `kb`, in text order."""
    norms = [_norm(t.text) for t in doc]
    sent_of = [0] * len(doc)
    for n, sent in enumerate(doc.sents):
        sent_of[sent.start : sent.end] = [n] * (sent.end - sent.start)
    found, covered = _kb_actors(doc, norms, kb, sent_of)
    found += _person_actors(doc, norms, kb, found, covered, sent_of)
    found += _noun_actors(doc, norms, kb, covered, sent_of)
    found.sort(key=lambda f: (f.actor.start, f.actor.end))
    found += _pronoun_actors(doc, norms, kb, found, covered, sent_of)
    return tuple(sorted((f.actor for f in found), key=lambda a: (a.start, a.end, a.country or "")))


INTERNATIONAL_SECTORS = frozenset({"IGO", "NGO", "MED"})


def localise(actors: Sequence[Actor], country: str | None) -> tuple[Actor, ...]:
    """Actors named without a country ("police", "protesters", "the army") taken to be of the
    country where their event happened; international bodies and pronouns are left alone."""
    if not country:
        return tuple(actors)
    return tuple(
        dataclasses.replace(a, country=country)
        if a.country is None
        and a.sector not in INTERNATIONAL_SECTORS
        and a.text.lower() not in PRONOUNS
        else a
        for a in actors
    )
