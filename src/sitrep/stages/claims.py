"""Claims: who says so. Reported speech, stance, responses, quotes, modality and figures.

Input → output: a parsed spaCy `Doc` and the article's `Actor`s → `Attribution`s (PolNeAR's
source / cue / content, with the source's stance), then, per event trigger, the `Claim` behind
it and the `Claim`s that respond to it (`claim_for`). Quotes, modality and figures live in the
`claims_*` modules and are re-exported here. Rules read the dependency parse; nothing is
learned. It does not decide an event's status (consolidation does) nor find events or actors.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Iterator, Sequence

import numpy
from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from sitrep.model import Actor, Attribution, Claim, Span, Stance
from sitrep.stages import claims_lexicon as lx
from sitrep.stages.claims_figures import figures_for, find_figures, number_value
from sitrep.stages.claims_modality import modality_of
from sitrep.stages.claims_quotes import find_quotes, quote_spans
from sitrep.stages.dates import find_dateline

__all__ = [
    "claim_for",
    "figures_for",
    "find_attributions",
    "find_figures",
    "find_quotes",
    "modality_of",
    "number_value",
    "quote_spans",
]


_lex = lx.lex
_A, _C, _D = Stance.ASSERT, Stance.CONFIRM, Stance.DENY
_VERB_STANCE = lx.VERB_STANCE
_NEEDS_CLAUSE = lx.NEEDS_CLAUSE
_RESPONSE_VERBS = lx.RESPONSE_VERBS
_CLAIM_NOUNS = lx.CLAIM_NOUNS
_NOUN_STANCE = lx.NOUN_STANCE
_VENUE_NOUNS = lx.VENUE_NOUNS
_PERSON_TITLES = _lex(
    "mr. mrs. ms. dr. gen. general col. lt. adm. sgt. maj. capt. president minister "
    "prime adviser advisor spokesman spokeswoman spokesperson commander envoy "
    "governor mayor secretary chief ambassador senator rep. king queen leader pope"
)
_MALE_FEMALE = frozenset({"he", "she", "him", "her"})
_NONPERSON = frozenset({"it", "they"})
_STRIP = " \t\n,;:—–-"
_QUOTE_PAIRS = {"“": "”", '"': '"', "‘": "’"}
_COMMENT_LEMMAS = frozenset({"comment"})


# ---------------------------------------------------------------- spans and sources


@dataclasses.dataclass(frozen=True, slots=True)
class _Ctx:
    """The document with its text (reading `Doc.text` is costly, so it is read once)."""

    doc: Doc
    text: str
    cands: tuple[Token, ...]  # tokens that may start a cue, found in one pass
    quotes: tuple[tuple[int, int], ...] = ()  # direct quotes (claims_quotes.quote_spans)


def _span(ctx: _Ctx, start: int, end: int) -> Span:
    """A Span for characters [start, end) trimmed of spaces, punctuation and a leading 'that'."""
    text = ctx.text
    while start < end and text[start] in _STRIP:
        start += 1
    while end > start and text[end - 1] in _STRIP:
        end -= 1
    if text[start : start + 5].lower() == "that " and end - start > 5:
        start += 5
    opener = text[start] if end - start > 1 else ""
    if opener in _QUOTE_PAIRS and _QUOTE_PAIRS[opener] not in text[start + 1 : end]:
        start += 1
    if end - start > 1 and text[end - 1] in '”"’':
        opener = {"”": "“", '"': '"', "’": "‘"}[text[end - 1]]
        if opener not in text[start : end - 1]:
            end -= 1
    while start < end and text[start] in _STRIP:
        start += 1
    while end > start and text[end - 1] in _STRIP:
        end -= 1
    return Span(start, end, text[start:end])


def _tok_span(ctx: _Ctx, first: Token, last: Token) -> Span:
    """A trimmed Span from token `first` to token `last`, inclusive."""
    return _span(ctx, first.idx, last.idx + len(last.text))


def _subtree_span(ctx: _Ctx, tok: Token) -> Span:
    """The trimmed Span of a token's subtree."""
    return _tok_span(ctx, tok.left_edge, tok.right_edge)


def _source_span(ctx: _Ctx, head: Token) -> Span:
    """The source phrase headed by `head`, without relative clauses or trailing punctuation."""
    right = head
    for child in head.rights:
        if child.dep_ in {"relcl", "acl", "punct", "cc", "conj", "case"} or child.lower_ == ",":
            break
        right = child.right_edge
    return _tok_span(ctx, head.left_edge, right)


def _actor_for(ctx: _Ctx, head: Token, actors: Sequence[Actor]) -> Actor:
    """The Actor overlapping the source headed by `head`, or one built from its text."""
    span = _source_span(ctx, head)
    h_start, h_end = head.idx, head.idx + len(head.text)
    best: Actor | None = None
    for actor in actors:
        if actor.start < h_end and h_start < actor.end:
            return actor
        overlaps = actor.start < span.end and span.start < actor.end
        if overlaps and (best is None or (actor.end - actor.start) > (best.end - best.start)):
            best = actor
    if best is not None:
        return best
    return Actor(span.start, span.end, span.text, span.text)


def _is_person(actor: Actor, doc: Doc) -> bool:
    """Whether a source looks like one person (a PERSON entity or a title)."""
    words = actor.text.lower().split()
    if any(w in _PERSON_TITLES for w in words):
        return True
    span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
    return span is not None and any(t.ent_type_ == "PERSON" for t in span)


def _subject(verb: Token) -> tuple[Token | None, bool]:
    """The source token of a cue verb and whether the verb is passive (source from 'by');
    a participle takes the subject of the clause it hangs on ("X endorsed Y, saying ...",
    "by saying", "before insisting") or the noun it modifies ("postings saying ...")."""
    if (
        verb.tag_ == "VBN"
        and verb.dep_ in {"advcl", "acl"}
        and not any(c.dep_ in {"aux", "auxpass", "nsubj", "nsubjpass"} for c in verb.children)
    ):
        # a reduced passive: "Asked about it, X said", "a group called Y", "as predicted"
        agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children]
        return (agents[0] if agents else None), True
    source, passive = _own_subject(verb)
    if source is None and not passive and verb.tag_ == "VBG":
        source = _participle_subject(verb)
    if source is None and not passive:
        source = _trailing_speaker(verb)
    return source, passive


def _trailing_speaker(verb: Token) -> Token | None:
    """The speaker of a sentence-final cue that the parser left without a subject: the noun
    phrase between the last comma and the cue ("…, killing two, the head of the regional
    administration said.")."""
    sent = verb.sent
    after = [t for t in sent if t.i > verb.i and not (t.is_punct or t.is_space)]
    if verb.i == sent.start or any(t.dep_ not in {"prep", "pobj", "npadvmod"} for t in after):
        return None
    commas = [t.i for t in sent if t.i < verb.i and t.text == ","]
    if not commas or commas[-1] + 1 >= verb.i:
        return None
    chunk = verb.doc[commas[-1] + 1 : verb.i]
    head = chunk.root
    return head if head.pos_ in {"NOUN", "PROPN"} and len(chunk) <= 12 else None


_RELATIVE = frozenset({"that", "which", "who", "whom"})


def _participle_subject(verb: Token) -> Token | None:
    """The subject of a participle cue: the noun it modifies ("staff members suggesting"), else
    the subject of its sentence's main verb when that verb comes first ("Kiedis said, adding")."""
    if verb.dep_ == "acl" and verb.head.pos_ in {"NOUN", "PROPN", "PRON"}:
        noun = verb.head
        if noun.dep_ == "dobj" and noun.pos_ == "NOUN":
            # "the KGB planted articles alleging ...": the doer, not the thing done
            subj = [c for c in noun.head.children if c.dep_ == "nsubj"]
            if subj and subj[0].lower_ not in _RELATIVE:
                return subj[0]
        return noun
    root = verb.sent.root
    if root is verb or root.i > verb.i:
        return None
    subj = [c for c in root.children if c.dep_ == "nsubj"]
    return subj[0] if subj else None


def _is_dateline(tok: Token) -> bool:
    """Whether a token lies in the dateline opening its sentence ("KABUL — the ministry said",
    "KHERSON, Ukraine — …"), which the parser may take for a subject (`dates.find_dateline`)."""
    sent = tok.sent
    found = find_dateline(sent.text)
    return found is not None and found[0] <= tok.idx - sent.start_char < found[1]


def _own_subject(verb: Token) -> tuple[Token | None, bool]:
    """The subject of a cue verb or of the verbs it depends on; passive with its 'by' agent."""
    for _ in range(4):
        passive = False
        for child in verb.children:
            if child.dep_ == "nsubj" and not _is_dateline(child):
                if child.lower_ == "that" and verb.dep_ == "relcl" and verb.head is not verb:
                    return verb.head, False  # "groups that favored her": the groups
                return child, False
            if child.dep_ in {"nsubjpass", "auxpass"}:
                passive = True
        if passive:
            for child in verb.children:
                if child.dep_ == "agent":
                    objs = [c for c in child.children if c.dep_ == "pobj"]
                    return (objs[0] if objs else None), True
            return None, True
        if verb.dep_ == "relcl":
            return verb.head, False
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head is not verb.head:
            verb = verb.head.head  # "by saying", "before insisting"
            continue
        if verb.dep_ not in {"conj", "advcl", "xcomp", "ccomp"} or verb.head is verb:
            return None, False
        verb = verb.head
    return None, False


# ---------------------------------------------------------------- cue recognisers


@dataclasses.dataclass(frozen=True, slots=True)
class _Raw:
    """An attribution before its source is mapped to an Actor."""

    source: Token | None
    cue: Span
    content: Span
    stance: Stance
    source_span: Span | None = None  # the source's extent when it is not a parse subtree


def _quote_near(ctx: _Ctx, verb: Token, quotes: Sequence[tuple[int, int]]) -> Span | None:
    """A quote right before the cue's clause or right after the cue ('"...," he said')."""
    sent_start = _sent_start(verb).idx
    after = verb.idx + len(verb.text)
    for start, end in quotes:
        if sent_start - 2 <= start and end <= verb.idx and verb.idx - end < 60:
            return _span(ctx, start, end)
        if after <= start - 1 and start - after < 40:
            return _span(ctx, start, end)
        if start > after + 40:
            break
    return None


def _sent_start(tok: Token) -> Token:
    """The first token of the token's sentence."""
    doc, i = tok.doc, tok.i
    while i > 0 and not doc[i].is_sent_start:
        i -= 1
    return doc[i]


def _clause_minus(ctx: _Ctx, head: Token, part: Token) -> Span:
    """The clause headed by `head` without the subtree of `part` (an 'according to' phrase)."""
    left, right = head.left_edge, head.right_edge
    if part.left_edge.i <= left.i:
        return _tok_span(ctx, ctx.doc[min(part.right_edge.i + 1, right.i)], right)
    if part.right_edge.i >= right.i:
        return _tok_span(ctx, left, ctx.doc[max(part.left_edge.i - 1, left.i)])
    return _tok_span(ctx, left, right)


def _cue_end(verb: Token) -> Token:
    """The last token of the cue: the verb, or '... in a statement' right after it."""
    for child in verb.rights:
        if child.dep_ == "prep" and child.lower_ == "in" and child.i == verb.i + 1:
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs and objs[0].lemma_.lower() in _VENUE_NOUNS:
                return objs[0]
        if child.dep_ == "prt" and child.i == verb.i + 1:
            return child
    return verb


def _cue_start(verb: Token) -> Token:
    """The first token of the cue: auxiliaries and negation directly before the verb."""
    first = verb
    for child in verb.lefts:
        if child.dep_ in {"aux", "neg", "preconj", "auxpass"} and child.i >= verb.i - 3:
            first = _earlier(first, child)
    return first


def _earlier(a: Token, b: Token) -> Token:
    """The earlier of two tokens."""
    return a if a.i <= b.i else b


def _verb_content(ctx: _Ctx, verb: Token, quotes: Sequence[tuple[int, int]]) -> Span | None:
    """What a cue verb attributes: its clause, quote, infinitive, object or prepositional
    object, by what the verb's class takes (claims_lexicon)."""
    lemma = verb.lemma_.lower()
    speech = lemma in lx.SPEECH_VERBS or lemma in _RESPONSE_VERBS
    clause = [c for c in verb.children if c.dep_ in {"ccomp", "parataxis"}]
    if clause:
        return _subtree_span(ctx, clause[0])
    if speech or lemma in lx.QUOTE_ONLY:
        quote = _quote_near(ctx, verb, quotes)
        if quote is not None or lemma in lx.QUOTE_ONLY:
            return quote
    as_phrase = _as_phrase(ctx, verb) if lemma in lx.AS_VERBS else None
    if as_phrase is not None:
        return as_phrase
    if lemma in _NEEDS_CLAUSE or lemma in lx.AS_ONLY:
        return None
    xcomp = [c for c in verb.children if c.dep_ in {"xcomp", "oprd"}]
    if xcomp and lemma not in _RESPONSE_VERBS:
        objs = [c for c in verb.children if c.dep_ == "dobj" and c.i < xcomp[0].i]
        first = objs[0].left_edge if objs else xcomp[0].left_edge
        return _tok_span(ctx, first, xcomp[0].right_edge)
    objs = [c for c in _with_conjuncts(verb) if c.dep_ == "dobj"]
    if objs and lemma in lx.OBJECT_VERBS:
        obj = objs[0]
        if lemma in {"reject", "dismiss", "dispute", "rebuff"} and not _claim_like(obj):
            return None
        last = _run_on_verb(obj) or obj.right_edge
        for child in verb.rights:
            if child.dep_ == "prep" and child.i > obj.i and child.lower_ in {"of", "for", "as"}:
                last = child.right_edge
        return _tok_span(ctx, obj.left_edge, last)
    preps = lx.PREP_VERBS.get(lemma)
    if preps:
        for child in verb.children:
            if (
                child.dep_ in {"prep", "prt"}
                and child.lower_ in preps
                and child.i > verb.i
                and any(c.dep_ in {"pobj", "pcomp"} for c in child.children)
            ):
                return _subtree_span(ctx, child)
            if child.dep_ == "advcl" and child.i > verb.i:
                marks = [m for m in child.children if m.dep_ == "mark" and m.lower_ in preps]
                if marks:  # "calling for the United States to act": parsed as a clause
                    return _tok_span(ctx, marks[0], child.right_edge)
    if speech or lemma in lx.ATTITUDE_VERBS:
        return _parenthetical(ctx, verb)  # "His leverage, they believe, is intact"
    return None


def _as_phrase(ctx: _Ctx, verb: Token) -> Span | None:
    """ "Democrats see Sanders as an agent of decline": the object and its "as" phrase."""
    objs = [c for c in verb.children if c.dep_ == "dobj"]
    if not objs:
        return None
    for child in verb.rights:
        if child.dep_ == "prep" and child.lower_ == "as" and child.i > objs[0].i:
            return _tok_span(ctx, objs[0].left_edge, child.right_edge)
    return None


def _parenthetical(ctx: _Ctx, verb: Token) -> Span | None:
    """The clause around a parenthetical cue ('Troops, he said, were withdrawn')."""
    head = verb.head
    if verb.dep_ not in {"parataxis", "ccomp"} or head is verb:
        return None
    if any(c.dep_ == "mark" for c in verb.children):
        return None  # 'as he pressed' is a clause of its own, not a parenthetical
    if head.pos_ not in {"VERB", "AUX"} or not any(
        c.dep_.startswith("nsubj") for c in verb.children
    ):
        return None
    left, right = head.left_edge, head.right_edge
    if verb.left_edge.i <= left.i:
        first = ctx.doc[min(verb.right_edge.i + 1, right.i)]
        return _tok_span(ctx, first, right)
    if verb.right_edge.i >= right.i:
        return _tok_span(ctx, left, ctx.doc[max(verb.left_edge.i - 1, left.i)])
    return _tok_span(ctx, left, right)


def _with_conjuncts(verb: Token) -> list[Token]:
    """The children of a verb and of the cue verbs coordinated with it ('denied or verified')."""
    out = list(verb.children)
    for child in verb.children:
        if child.dep_ == "conj" and child.lemma_.lower() in _VERB_STANCE:
            out.extend(child.children)
    return out


def _run_on_verb(obj: Token) -> Token | None:
    """The end of a subjectless finite verb right after an object ('confirming X, Y, landed')."""
    doc = obj.doc
    i = obj.right_edge.i + 1
    while i < len(doc) and doc[i].is_punct and doc[i].text not in {".", "“", '"'}:
        i += 1
    if i >= len(doc) or any(doc[j].is_sent_start for j in range(obj.right_edge.i + 1, i + 1)):
        return None
    nxt = doc[i]
    if nxt.tag_ in {"VBD", "VBZ", "VBP"} and not any(
        c.dep_.startswith("nsubj") for c in nxt.children
    ):
        return nxt.right_edge
    return None


def _claim_like(tok: Token) -> bool:
    """True for a noun naming a claim ("the claim", "reports", "Moscow's assertion")."""
    return tok.lower_ in _CLAIM_NOUNS or tok.lemma_.lower() in _CLAIM_NOUNS


def _stance_of(verb: Token, base: Stance) -> Stance:
    """The stance of a cue verb given its negation and coordination ('not denied or verified')."""
    negated = any(c.dep_ == "neg" for c in verb.children)
    neither = any(c.dep_ == "preconj" and c.lower_ == "neither" for c in verb.children)
    coords = {
        _VERB_STANCE[c.lemma_.lower()]
        for c in verb.children
        if c.dep_ == "conj" and c.lemma_.lower() in _RESPONSE_VERBS
    }
    if neither or negated or (base in {_C, _D} and coords - {base}):
        # "have not denied or verified"; "has never blamed Russia", "did not say whether":
        # the party does not assert what follows (nor deny it)
        return Stance.NEITHER
    return base


def _modal_inability(verb: Token) -> bool:
    """True for 'could not (independently) verify/confirm'."""
    return any(c.dep_ == "neg" for c in verb.children) and any(
        c.dep_ == "aux" and c.lower_ in {"could", "can", "ca"} for c in verb.children
    )


_SELF = frozenset({"i", "we", "you", "me", "us"})
_MODIFIER_DEPS = frozenset({"acl", "relcl", "advcl", "csubj"})


def _inside(pos: int, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether character `pos` lies inside one of the (sorted) spans."""
    i = bisect.bisect_right(spans, (pos, 1 << 62)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _skip_verb(tok: Token, source: Token | None, passive: bool, quoted: bool) -> bool:
    """Cue-like verbs that attribute nothing here: modifiers ('so-called'), infinitives under
    another cue ('wants to say'), a quoted speaker's own thoughts ('I think ...'), and
    attitude verbs with no one holding the attitude."""
    lemma = tok.lemma_.lower()
    if tok.dep_ in {"amod", "compound"}:
        return True
    if lemma == "call" and any(
        c.dep_ == "prt" and c.lower_ in {"off", "up", "in", "back"} for c in tok.children
    ):
        return True  # "called off the deal", "called in the troops"
    if lemma in lx.NEEDS_SOURCE and any(
        c.dep_ in {"dobj", "nsubj"} and c.lower_ == "what" for c in tok.children
    ):
        return True  # "what she calls real solutions": a naming, not a statement
    speech = lemma in lx.SPEECH_VERBS or lemma in _RESPONSE_VERBS
    head = tok.head
    if lemma == "cite" and tok.tag_ == "VBG":
        return True  # '..., citing X' names the source (see _according_cues)
    aspect = head.lemma_.lower() in lx.ASPECT_HEADS and tok.dep_ in {"xcomp", "advcl"}
    under_cue = head is not tok and head.lemma_.lower() in _VERB_STANCE and not aspect
    if tok.dep_ in {"xcomp", "ccomp"} and under_cue and (tok.tag_ == "VB" or not speech):
        return True
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
    if (
        tok.tag_ == "VB"
        and infinitive
        and not (aspect and speech)
        and (tok.dep_ in _MODIFIER_DEPS or not speech)
    ):
        return True
    if source is not None and source.lower_ in {"you", "ya", "y'all"}:
        return True  # "Do you support X?", "you might say": the reader, not a source
    if quoted and (lemma not in lx.QUOTED_CUES or (source is not None and source.lower_ in _SELF)):
        return True  # reported speech inside a quote is the quoted speaker's own words
    if source is None and tok.tag_ == "VB" and tok.dep_ == "ROOT" and not passive:
        return True  # an imperative: "ask yourself that question"
    if source is None:
        unsourced = speech or (passive and lemma in lx.PASSIVE_UNSOURCED)
        return lemma in lx.NEEDS_SOURCE or not unsourced
    return False


def _verb_cues(ctx: _Ctx, quotes: Sequence[tuple[int, int]]) -> Iterator[_Raw]:
    """Attributions cued by reporting verbs ("said", "denied", "have not denied or verified")."""
    for tok in ctx.cands:
        lemma = tok.lemma_.lower()
        base = _VERB_STANCE.get(lemma)
        if base is None or tok.pos_ not in {"VERB", "AUX"}:
            continue
        if tok.dep_ == "conj" and {lemma, tok.head.lemma_.lower()} <= _RESPONSE_VERBS:
            continue  # merged into the first verb of the coordination
        stance = _stance_of(tok, base)
        if stance is None:
            continue
        if base is _C and _modal_inability(tok):
            stance = Stance.NEITHER
        source, passive = _subject(tok)
        if _skip_verb(tok, source, passive, _inside(tok.idx, quotes)):
            continue
        content = _verb_content(ctx, tok, quotes)
        if passive and content is None:
            subj = [c for c in tok.children if c.dep_ == "nsubjpass"]
            if subj and lemma in _RESPONSE_VERBS:
                content = _subtree_span(ctx, subj[0])
            elif subj and source is None and lemma in lx.PASSIVE_CHARGES:
                content = _tok_span(ctx, *_clause_edges(tok))  # "X was accused of fraud"
        if content is None:
            content = _as_clause(ctx, tok) or _said_alone(ctx, tok, source, quotes)
        if content is None and source is not None and lemma in lx.ALWAYS_CUES:
            content = _rest_of(ctx, tok)
        if (
            content is None
            and source is not None
            and lemma in lx.FINDING_VERBS
            and source.lemma_.lower() in lx.DATA_SOURCES | lx.DOCUMENT_SOURCES
        ):
            content = _rest_of(ctx, tok)  # "the survey found Clinton with a lead"
        if content is None:
            continue
        last = _cue_end(tok)
        for child in tok.rights:
            if child.dep_ == "conj" and child.lemma_.lower() in _RESPONSE_VERBS:
                last = child if child.i > last.i else last
        yield _Raw(source, _tok_span(ctx, _cue_start(tok), last), content, stance)


def _as_clause(ctx: _Ctx, verb: Token) -> Span | None:
    """The main clause of an "as"-cue: "As X reported, the subpoenas were issued"."""
    head = verb.head
    if verb.dep_ != "advcl" or head is verb or head.pos_ not in {"VERB", "AUX"}:
        return None
    if not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return None
    if any(c.dep_ in {"dobj", "ccomp", "xcomp"} for c in verb.children):
        return None  # "as he told the story": the verb has its own complement
    return _clause_minus(ctx, head, verb)


def _rest_of(ctx: _Ctx, verb: Token) -> Span | None:
    """Whatever a verb that nearly always reports takes after it, when no clause, quote or
    object was recognised ("noted the rule in the interview", "tells the story of ...")."""
    rights = [
        c
        for c in verb.rights
        if not c.is_punct
        and c.dep_ not in {"cc", "conj", "advcl", "npadvmod", "advmod"}
        and not (c.dep_ == "prep" and c.lower_ in _ADJUNCT_PREPS)
    ]
    if not rights:
        # "told reporters after the strike": the cue stands, but it vouches for nothing
        end = verb.idx + len(verb.text)
        return Span(end, end, "")
    return _tok_span(ctx, rights[0].left_edge, rights[-1].right_edge)


# Prepositions of time, place and circumstance: not what a cue attributes.
_ADJUNCT_PREPS = frozenset(
    {"in", "at", "on", "after", "before", "during", "since", "from", "following", "amid"}
    | {"despite", "while", "until", "by", "near", "outside", "inside", "across", "through"}
)


def _said_alone(
    ctx: _Ctx, verb: Token, source: Token | None, quotes: Sequence[tuple[int, int]]
) -> Span | None:
    """What a bare "Bush said." or "he asks." attributes: the quote (else the sentence) that
    ends right before its sentence, when the sentence holds only the speaker and the verb."""
    if source is None or verb.dep_ != "ROOT" or verb.lemma_.lower() not in lx.SPEECH_VERBS:
        return None
    sent = verb.sent
    words = [t for t in sent if not t.is_punct]
    if len(words) > 12 or any(c.dep_ in {"dobj", "xcomp", "ccomp"} for c in verb.children):
        return None
    if sent.start == 0:
        return None
    prev = ctx.doc[sent.start - 1].sent
    for start, end in reversed(quotes):
        if end <= sent.start_char and sent.start_char - end < 8:
            return _span(ctx, start, end)
        if end < prev.start_char:
            break
    return _span(ctx, prev.start_char, prev.end_char)


def _no_comment_cues(ctx: _Ctx) -> Iterator[_Raw]:
    """'declined to comment', 'did not respond to a request for comment', 'reached for comment'."""
    for tok in ctx.cands:
        if tok.lemma_.lower() not in _COMMENT_LEMMAS:
            continue
        gov = tok.head
        if tok.dep_ == "pobj" and gov.dep_ == "prep":
            gov = gov.head  # "for comment" → "request" / "reached"
            if gov.dep_ == "pobj" and gov.head.dep_ == "prep":
                gov = gov.head.head  # "request" → "respond"
        elif tok.dep_ != "xcomp":
            continue
        if gov.lemma_.lower() not in {"decline", "refuse", "respond", "reach", "reply", "return"}:
            continue
        if gov.lemma_.lower() in {"respond", "reach", "reply", "return"} and not (
            any(c.dep_ == "neg" for c in gov.children)
        ):
            continue
        source, _ = _subject(gov)
        topic = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in {"on", "about"}]
        cue_last = tok
        if topic:
            content = _subtree_span(ctx, topic[0])
        else:
            end = tok.idx + len(tok.text)
            content = Span(end, end, "")
        yield _Raw(source, _tok_span(ctx, _cue_start(gov), cue_last), content, Stance.NO_COMMENT)


def _according_cues(ctx: _Ctx) -> Iterator[_Raw]:
    """'according to X, ...' and '..., citing X'."""
    for tok in ctx.cands:
        low = tok.lower_
        if low == "according":
            tos = [c for c in tok.children if c.lower_ == "to"]
            objs = [c for c in tos[0].children if c.dep_ == "pobj"] if tos else []
            if not objs:
                continue
            cue = _tok_span(ctx, tok, tos[0])
        elif tok.lemma_.lower() == "cite" and tok.tag_ == "VBG":
            objs = [c for c in tok.children if c.dep_ == "dobj"]
            if not objs:
                continue
            cue = _tok_span(ctx, tok, tok)
        else:
            continue
        head = tok.head
        if head is tok:
            continue
        if low != "according" and head.lemma_.lower() in _VERB_STANCE:
            content = _verb_content(ctx, head, ())
            if content is None:
                continue
        else:
            content = _clause_minus(ctx, head, tok)
        yield _Raw(objs[0], cue, content, Stance.ASSERT)


def _phrase_cues(ctx: _Ctx) -> Iterator[_Raw]:
    """A light verb with a speech-act noun: "made the case that", "took aim at", "raised
    questions about", "drew a contrast with", "made clear that". The cue runs from the verb to
    the noun; the source is the verb's subject ("faced criticism": nobody named)."""
    for tok in ctx.cands:
        if tok.pos_ not in {"VERB", "AUX"} or tok.lemma_.lower() not in lx.LIGHT_SPEECH_VERBS:
            continue
        if _inside(tok.idx, ctx.quotes):
            continue
        nouns = [
            c
            for c in tok.children
            if (c.dep_ == "dobj" and c.lemma_.lower() in lx.SPEECH_ACT_NOUNS)
            or (c.dep_ in {"acomp", "oprd", "ccomp"} and c.lower_ == "clear")
        ]
        if not nouns:
            continue
        noun = nouns[0]
        content = _phrase_content(ctx, tok, noun)
        if content is None:
            continue
        source, _ = _subject(tok)
        if tok.lemma_.lower() in {"face", "draw", "receive"} and noun.lemma_.lower() in (
            lx.RECEIVED_NOUNS
        ):
            source = None  # "faced criticism": the subject is the target, not the source
        first = _cue_start(tok)
        yield _Raw(source, _tok_span(ctx, first, noun), content, Stance.ASSERT)


def _adjective_cues(ctx: _Ctx) -> Iterator[_Raw]:
    """Attitude adjectives with what they are about: "are concerned that ...", "is critical
    of ...", "was adamant that ...". The source is the subject of the copula."""
    for tok in ctx.cands:
        if tok.pos_ != "ADJ" or tok.lemma_.lower() not in lx.ATTITUDE_ADJECTIVES:
            continue
        if tok.dep_ not in {"acomp", "oprd"} or _inside(tok.idx, ctx.quotes):
            continue
        content: Span | None = None
        for c in tok.children:
            if c.dep_ in {"ccomp", "xcomp"}:
                content = _subtree_span(ctx, c)
                break
            if (
                c.dep_ == "prep"
                and c.lower_ in lx.PHRASE_PREPS
                and c.i == tok.i + 1
                and any(g.dep_ in {"pobj", "pcomp"} for g in c.children)
            ):
                content = _tok_span(ctx, ctx.doc[c.i + 1], c.right_edge)
                break
        if content is None:
            continue
        source, _ = _subject(tok.head)
        if source is not None and source.lower_ == "it" and source.dep_ == "nsubj":
            source = None  # "it was unclear whether ...": an expletive, not a source
        yield _Raw(source, _tok_span(ctx, tok, tok), content, Stance.ASSERT)


def _phrase_content(ctx: _Ctx, verb: Token, noun: Token) -> Span | None:
    """What a light-verb cue attributes: a that-clause, an at/of/about/with/to/on/for phrase of
    the noun or the verb, or the clause after "made clear"."""
    for owner in (noun, verb):
        for c in owner.children:
            if c.i < noun.i:
                continue
            if c.dep_ in {"ccomp", "acl"} and c is not noun:
                return _subtree_span(ctx, c)
            if (
                c.dep_ == "prep"
                and c.lower_ in lx.PHRASE_PREPS
                and any(g.dep_ in {"pobj", "pcomp"} for g in c.children)
            ):
                return _tok_span(ctx, ctx.doc[c.i + 1], c.right_edge)
    if noun.lower_ == "clear":
        rest = [c for c in verb.rights if c.i > noun.i and not c.is_punct]
        if rest:
            return _tok_span(ctx, rest[0].left_edge, rest[-1].right_edge)
    return None


def _seem_cues(ctx: _Ctx) -> Iterator[_Raw]:
    """Unsourced appearance: "support appears to have plummeted", "it seems that ...", "he
    looked tired", "sounds like a plan". The clause is attributed to no one (the outlet's
    impression), so the source is null; "appeared in court" is not a cue."""
    for tok in ctx.cands:
        lemma = tok.lemma_.lower()
        if lemma not in lx.SEEM_VERBS or tok.pos_ not in {"VERB", "AUX"}:
            continue
        if tok.dep_ not in {"ROOT", "conj", "ccomp", "advcl"} or _inside(tok.idx, ctx.quotes):
            continue  # not "questions that seemed", "makes him seem", "appearing tired"
        if tok.dep_ != "ROOT" and tok.head.lemma_.lower() in {*_VERB_STANCE, "make", "let"}:
            continue  # "said there did not appear to be": the outer verb is the cue
        takes = lx.SEEM_VERBS[lemma]
        if not any(
            (c.dep_ in takes)
            or (c.dep_ == "prep" and c.lower_ == "like")
            or (c.dep_ == "advcl" and any(m.lower_ in {"if", "though", "like"} for m in c.children))
            for c in tok.children
        ):
            continue
        content = _tok_span(ctx, *_clause_edges(tok))
        yield _Raw(None, _tok_span(ctx, _cue_start(tok), tok), content, Stance.ASSERT)


def _clause_edges(verb: Token) -> tuple[Token, Token]:
    """The first and last token of a verb's clause, without a trailing or leading adverbial
    clause, coordination or punctuation ("X seems tired, and Y ...")."""
    left, right = verb.left_edge, verb.right_edge
    for child in verb.rights:
        if child.dep_ in {"cc", "conj", "punct"} or (
            child.dep_ == "advcl" and child.i > verb.i + 1 and child.left_edge.text == ","
        ):
            right = verb.doc[max(child.left_edge.i - 1, verb.i)]
            break
    for child in verb.lefts:
        if child.dep_ in {"advcl", "prep", "npadvmod"} and child.right_edge.i + 1 < verb.i:
            nxt = verb.doc[child.right_edge.i + 1]
            if nxt.text == ",":
                left = verb.doc[nxt.i + 1]
    return left, right


def _noun_cues(ctx: _Ctx) -> Iterator[_Raw]:
    """Noun cues with a source and what it says: a that-clause or an infinitive ("the
    ministry's claim that ...", "Turkey's refusal to ..."), or with a possessive source, an
    of/for/about phrase ("Moscow's support for ...")."""
    for tok in ctx.cands:
        stance = _NOUN_STANCE.get(tok.lemma_.lower())
        if stance is None or tok.pos_ != "NOUN":
            continue
        source = _noun_source(tok)
        if _inside(tok.idx, ctx.quotes) or tok.dep_ == "compound":
            continue
        if source is None and _under_cue_verb(tok):
            continue  # "rejected the claim that ...": the verb's cue already holds it
        preps = lx.NOUN_PREPS | (lx.OF_NOUNS if tok.lemma_.lower() in lx.OF_NOUNS else set())
        content: Token | None = None
        for c in tok.children:
            if c.dep_ in {"acl", "ccomp", "appos"} and any(
                m.dep_ in {"mark", "aux"} and m.lower_ in {"that", "to"} for m in c.children
            ):
                content = c
                break
            if (
                source is not None
                and c.dep_ == "prep"
                and (c.lower_ in preps or (c.lower_ == "of" and tok.lemma_.lower() in preps))
                and c.i <= tok.i + 2
                and any(g.dep_ in {"pobj", "pcomp"} for g in c.children)
            ):
                content = c
                break
        if content is not None:
            yield _Raw(source, _tok_span(ctx, tok, tok), _subtree_span(ctx, content), stance)


def _under_cue_verb(noun: Token) -> bool:
    """Whether a noun is the object of a cue verb, directly or through a preposition."""
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    return head is not noun and head.pos_ == "VERB" and head.lemma_.lower() in _VERB_STANCE


def _noun_source(noun: Token) -> Token | None:
    """Who holds a noun cue: a possessive ("Moscow's claim"), a by/from/among phrase ("warnings
    from experts"), or the subject of a verb that voices it ("she rolled out proposals to",
    "Kyiv issued a denial")."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ in {"by", "from", "among"}:
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                return objs[0]
    head = noun.head
    if noun.dep_ == "dobj" and head.lemma_.lower() in lx.VOICING_VERBS:
        subj, _ = _own_subject(head)
        return subj
    return None


def _venue_cues(ctx: _Ctx) -> Iterator[_Raw]:
    """'In a poll released Monday, 40 percent ...', 'To many, he is ...', and unsourced
    hearsay ('the army reportedly withdrew')."""
    for tok in ctx.cands:
        low = tok.lower_
        head = tok.head
        if head is tok:
            continue
        if low in lx.HEARSAY_ADVERBS and tok.dep_ == "advmod":
            cue = _tok_span(ctx, tok, tok)
            yield _Raw(None, cue, _subtree_span(ctx, head), Stance.ASSERT)
            continue
        if low not in {"in", "to"} or tok.dep_ != "prep":
            continue
        objs = [c for c in tok.children if c.dep_ == "pobj"]
        if not objs or (head.lemma_.lower() in _VERB_STANCE and tok.i > head.i):
            continue  # '... said in a statement' belongs to the verb's cue
        obj = objs[0]
        if low == "in" and obj.lemma_.lower() in lx.DATA_SOURCES:
            if tok.is_sent_start or obj.tag_ in {"NN", "NNP"}:
                yield _data_source(ctx, tok, obj)  # not "slid in the polls": no one poll
            continue
        if head.pos_ not in {"VERB", "AUX"}:
            continue
        nxt = obj.right_edge.i + 1
        if nxt >= len(ctx.doc) or ctx.doc[nxt].text != ",":
            continue
        if low == "in":
            continue  # 'In a statement, X said': the speaker's own verb is the cue
        if not (tok.is_sent_start or tok.i == 0) or obj.pos_ not in {"PROPN", "PRON", "NOUN"}:
            continue
        source = _tok_span(ctx, obj.left_edge, obj.right_edge)
        cue = _tok_span(ctx, tok, tok)
        content = _clause_minus(ctx, head, tok)
        yield _Raw(obj, cue, content, Stance.ASSERT, source)


def _data_source(ctx: _Ctx, prep: Token, obj: Token) -> _Raw:
    """'In a poll released Monday, 40 percent backed ...', 'a lead in the latest poll': the
    poll (survey, study) is the source of the clause (or noun phrase) around it."""
    head = prep.head
    source = _source_span(ctx, obj)
    if head.pos_ in {"VERB", "AUX"}:
        content = _clause_minus(ctx, head, prep)
    else:
        content = _tok_span(ctx, head.left_edge, ctx.doc[max(prep.i - 1, head.left_edge.i)])
    return _Raw(obj, _tok_span(ctx, prep, prep), content, Stance.ASSERT, source)


_DASHES = "―—"
_OPENERS = "“\"'"


def _punct_cues(ctx: _Ctx, quotes: Sequence[tuple[int, int]]) -> Iterator[_Raw]:
    """Punctuation as cue: a headline 'Source: what they said', 'Source: “quote”', and a quote
    signed after a dash ('“...” ― Name')."""
    text, doc = ctx.text, ctx.doc
    starts = {s: e for s, e in quotes}
    ends = {e: s for s, e in quotes}
    for tok in doc:
        if tok.text == ":" and tok.i > 0:
            line_start = text.rfind("\n", 0, tok.idx) + 1
            while line_start < tok.idx and text[line_start] in " \t\"“'":
                line_start += 1  # a transcript line: '"PENCE: Well, ...'
            line_end = text.find("\n", tok.idx)
            line_end = len(text) if line_end < 0 else line_end
            after = tok.idx + 1
            while after < line_end and text[after] in " \t":
                after += 1
            first = doc.char_span(line_start, tok.idx, alignment_mode="expand")
            if after < line_end and text[after] in _OPENERS and (after + 1) in starts:
                content = _span(ctx, after + 1, starts[after + 1])
                source = _colon_source(doc, tok)
                if source is not None:
                    yield _Raw(source, _mark(tok), content, Stance.ASSERT)
            elif first is not None and 0 < len(first) <= 6 and _names_source(first):
                content = _span(ctx, after, line_end)
                if len(content.text.split()) >= 3:
                    src = _span(ctx, line_start, tok.idx)
                    yield _Raw(first.root, _mark(tok), content, Stance.ASSERT, src)
        elif tok.text in _DASHES or tok.text[:1] in _DASHES:
            before = tok.idx
            while before > 0 and text[before - 1] in " \t\xa0\n":
                before -= 1  # the signature may start the next line
            if before < 1 or text[before - 1] not in "”\"'":
                continue
            q_end = before - 1
            if q_end not in ends:
                continue
            line_end = text.find("\n", tok.idx)
            line_end = len(text) if line_end < 0 else line_end
            for mark in ("“", '"', "  "):  # a next quote on the same line ends the name
                cut = text.find(mark, tok.idx + 1, line_end)
                line_end = cut if cut > 0 else line_end
            src = _span(ctx, tok.idx + 1, min(line_end, tok.idx + 80))
            src = _span(ctx, src.start, src.start + len(src.text.rstrip(". \xa0")))
            if not src.text or len(src.text.split()) > 8:
                continue
            heads = doc.char_span(src.start, src.end, alignment_mode="expand")
            content = _span(ctx, ends[q_end], q_end)
            if heads is not None:
                yield _Raw(heads.root, _mark(tok), content, Stance.ASSERT, src)


def _mark(tok: Token) -> Span:
    """A punctuation cue's own span (the trimming of `_span` would empty it)."""
    return Span(tok.idx, tok.idx + 1, tok.text[0])


def _names_source(span: SpacySpan) -> bool:
    """Whether a headline's lead-in before a colon names a source (a name or a noun, no verb)."""
    if any(t.pos_ in {"VERB", "AUX"} or t.text in {",", "."} for t in span):
        return False
    if not (span[0].is_title or span[0].is_upper) or span.root.lemma_.lower() in lx.NOT_SOURCES:
        return False
    named = any(t.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"} for t in span)
    named = named or (len(span) <= 3 and all(t.pos_ == "PROPN" for t in span))  # "Pence:"
    return named or span.root.lemma_.lower() in lx.VENUE_SOURCES | lx.SOURCE_NOUNS


def _colon_source(doc: Doc, colon: Token) -> Token | None:
    """Who speaks the quote after a colon: the clause's speaker before it."""
    sent = colon.sent
    people = [
        e
        for e in doc.ents
        if e.label_ in {"PERSON", "ORG"} and sent.start <= e.start and e.end <= colon.i
    ]
    if people:
        return people[-1].root
    subj = [t for t in doc[sent.start : colon.i] if t.dep_ in {"nsubj", "nsubjpass"}]
    return subj[0] if subj else None


# ---------------------------------------------------------------- public: attributions


def _resolve(ctx: _Ctx, raws: Sequence[_Raw], actors: Sequence[Actor]) -> list[Attribution]:
    """Map raw sources to Actors, resolving he/she/it/they to the most recent fitting source."""
    out: list[Attribution] = []
    last_person: Actor | None = None
    last_group: Actor | None = None
    for raw in sorted(raws, key=lambda r: r.cue.start):
        source: Actor | None = None
        if raw.source is not None:
            low = raw.source.lower_
            referent: Actor | None = None
            if low in _MALE_FEMALE:
                referent = last_person or _last_person_entity(ctx.doc, raw.source)
            elif low in _NONPERSON:
                referent = last_group
            if referent is not None:
                tok = raw.source
                source = dataclasses.replace(
                    referent, start=tok.idx, end=tok.idx + len(tok.text), text=tok.text
                )
            else:
                if raw.source_span is not None:
                    source = _actor_in(raw.source_span, actors)
                else:
                    source = _actor_for(ctx, raw.source, actors)
                if raw.source.pos_ != "PRON":
                    if _is_person(source, ctx.doc):
                        last_person = source
                    else:
                        last_group = source
        out.append(Attribution(source, raw.cue, raw.content, raw.stance))
    return out


def _actor_in(span: Span, actors: Sequence[Actor]) -> Actor:
    """The longest Actor inside a source span, or one built from the span's text."""
    inside = [a for a in actors if span.start <= a.start and a.end <= span.end]
    if inside:
        return max(inside, key=lambda a: a.end - a.start)
    return Actor(span.start, span.end, span.text, span.text)


def _last_person_entity(doc: Doc, before: Token) -> Actor | None:
    """The last PERSON entity before a token, as an Actor."""
    for ent in reversed(doc.ents):
        if ent.end <= before.i and ent.label_ == "PERSON":
            return Actor(ent.start_char, ent.end_char, ent.text, ent.text)
    return None


_CUE_WORDS = frozenset(
    {*_VERB_STANCE, *_NOUN_STANCE, *_COMMENT_LEMMAS, *lx.HEARSAY_ADVERBS, *lx.SEEM_VERBS}
    | lx.LIGHT_SPEECH_VERBS
    | lx.ATTITUDE_ADJECTIVES
    | {"cite", "according", "in", "to"}
)


def _candidates(doc: Doc) -> tuple[Token, ...]:
    """Tokens whose lemma or lower-case form may start a cue."""
    strings = doc.vocab.strings
    wanted = numpy.array([strings[w] for w in _CUE_WORDS], dtype="uint64")
    arr = doc.to_array([LEMMA, LOWER])
    hits = numpy.isin(arr[:, 0], wanted) | numpy.isin(arr[:, 1], wanted)
    return tuple(doc[int(i)] for i in numpy.flatnonzero(hits))


def find_attributions(doc: Doc, *, actors: Sequence[Actor]) -> tuple[Attribution, ...]:
    """Every reported-speech relation of the document: source, cue, content and stance."""
    text = doc.text
    quotes = quote_spans(text)
    ctx = _Ctx(doc, text, _candidates(doc), tuple(quotes))
    raws: list[_Raw] = []
    seen: set[tuple[int, int]] = set()
    for gen in (
        _no_comment_cues(ctx),
        _verb_cues(ctx, quotes),
        _according_cues(ctx),
        _seem_cues(ctx),
        _phrase_cues(ctx),
        _adjective_cues(ctx),
    ):
        for raw in gen:
            key = (raw.cue.start, raw.cue.end)
            if key not in seen and not any(s <= raw.cue.start < e for s, e in seen):
                seen.add(key)
                raws.append(raw)
    for raw in _noun_cues(ctx):
        if (raw.cue.start, raw.cue.end) not in seen:
            raws.append(raw)
    found = [(r.content.start, r.content.end) for r in raws]
    for raw in (*_venue_cues(ctx), *_punct_cues(ctx, quotes)):
        key = (raw.cue.start, raw.cue.end)
        if key in seen or any(s <= raw.content.start < e for s, e in found):
            continue
        seen.add(key)
        raws.append(raw)
    return tuple(_resolve(ctx, raws, actors))


# ---------------------------------------------------------------- public: claims and responses

_PARTY_WORDS: dict[str, str] = {
    **dict.fromkeys(_lex("russia russian russians moscow kremlin"), "RUS"),
    **dict.fromkeys(_lex("ukraine ukrainian ukrainians kyiv kiev"), "UKR"),
    **dict.fromkeys(_lex("israel israeli israelis idf jerusalem"), "ISR"),
    **dict.fromkeys(_lex("hamas gaza palestinian palestinians"), "PSE"),
    **dict.fromkeys(_lex("iran iranian tehran"), "IRN"),
    **dict.fromkeys(_lex("syria syrian damascus"), "SYR"),
    **dict.fromkeys(_lex("china chinese beijing"), "CHN"),
    **dict.fromkeys(_lex("u.s. us american americans washington pentagon"), "USA"),
    **dict.fromkeys(_lex("hezbollah lebanon lebanese beirut"), "LBN"),
    **dict.fromkeys(_lex("sudan sudanese khartoum rsf"), "SDN"),
    **dict.fromkeys(_lex("yemen yemeni houthi houthis sanaa"), "YEM"),
    **dict.fromkeys(_lex("belarus belarusian minsk"), "BLR"),
    **dict.fromkeys(_lex("turkey turkish ankara"), "TUR"),
}
_GENERIC = _lex(
    "the a an of and ministry defense defence military officials official forces army "
    "government spokesman spokeswoman president mr. ms. gen. its their his her"
)
_RESPONSE_STANCES = frozenset({Stance.CONFIRM, Stance.DENY, Stance.NEITHER, Stance.NO_COMMENT})


def _words(text: str) -> list[str]:
    """Lower-case words of a phrase, possessive endings removed."""
    out = []
    for raw in text.replace("’", "'").split():
        word = raw.strip(".,;:()\"'“”").lower()
        if word.endswith("'s"):
            word = word[:-2]
        if word:
            out.append(word)
    return out


def _party_keys(actor: Actor) -> set[str]:
    """Names and country codes by which a source can be referred to."""
    keys = {w for w in _words(f"{actor.text} {actor.name}") if w not in _GENERIC}
    keys |= {_PARTY_WORDS[w] for w in list(keys) if w in _PARTY_WORDS}
    if actor.country:
        keys.add(actor.country)
    return keys


def _claim_reference(content: Span) -> set[str] | None:
    """Party keys named before a claim noun in `content`, or None when it names no claim."""
    words = _words(content.text)
    for i, word in enumerate(words):
        if word in _CLAIM_NOUNS:
            named = {w for w in words[:i] if w not in _GENERIC}
            return named | {_PARTY_WORDS[w] for w in named if w in _PARTY_WORDS}
    return None


def _refers_to(response: Attribution, claim: Attribution | None, trigger: str) -> bool:
    """Whether a response attribution is about the claim (named, generic or in own words)."""
    if claim is not None and claim.source is not None:
        named = _claim_reference(response.content)
        if named is not None and (not named or named & _party_keys(claim.source)):
            return True
    if response.stance is Stance.NO_COMMENT and not response.content.text:
        return claim is not None and claim.cue.start < response.cue.start
    stem = trigger.lower()[:5]
    if len(stem) >= 4 and response.stance in {Stance.CONFIRM, Stance.DENY}:
        return any(w.startswith(stem) for w in _words(response.content.text))
    return False


def _contains(span: Span, start: int, end: int) -> bool:
    """Whether [start, end) lies inside `span`."""
    return span.start <= start and end <= span.end


def _intent(cue: str) -> bool:
    """Whether a cue states an intention or a wish ("plans", "wanted", "is seeking"): what it
    governs has not happened, so nobody vouches for it as an event."""
    word = cue.lower().split()[-1] if cue.strip() else ""
    stems = {word, word.rstrip("s"), word[:-2], word[:-1], word[:-3], word[:-3] + "e"}
    if word.endswith("ied"):
        stems.add(word[:-3] + "y")
    return bool(stems & lx.INTENT_VERBS)


def _as_claim(att: Attribution) -> Claim:
    """The Claim an attribution makes."""
    return Claim(att.source, att.cue, att.stance)


def claim_for(
    trigger_start: int,
    trigger_end: int,
    *,
    sentence: Span,
    attributions: Sequence[Attribution],
    before: int = 300,
    after: int = 1200,
) -> tuple[Claim, tuple[Claim, ...]]:
    """The claim behind an event trigger and the responses to it.

    The claim is the innermost attribution whose content holds the trigger (the outlet's own
    voice when none does). Responses are confirmations, denials, neither-nor and no-comments
    by others within `before`/`after` characters of the sentence that name the claim ("Russia's
    claim", "the report"), wrap it ("Kyiv denied Moscow's claim that ...") or restate the event.
    """
    holding = sorted(
        (
            a
            for a in attributions
            if _contains(a.content, trigger_start, trigger_end) and not _intent(a.cue.text)
        ),
        key=lambda a: a.content.end - a.content.start,
    )
    inner = holding[0] if holding else None
    claim = _as_claim(inner) if inner is not None else Claim(None, None, Stance.ASSERT)
    offset = trigger_start - sentence.start
    trigger = sentence.text[offset : offset + trigger_end - trigger_start]
    responses: list[Claim] = [
        _as_claim(a)
        for a in holding[1:]
        if a.stance in _RESPONSE_STANCES and a.source != claim.source
    ]
    lo, hi = sentence.start - before, sentence.end + after
    for att in attributions:
        if att in holding or att.stance not in _RESPONSE_STANCES:
            continue
        if not lo <= att.cue.start <= hi:
            continue
        if _refers_to(att, inner, trigger):
            responses.append(_as_claim(att))
    return claim, tuple(responses)
