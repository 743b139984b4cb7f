"""Word lists for reported speech: which words cue an attribution and what they take.

Pure data, read by `claims.py`. Verbs are listed by lemma and grouped by the complement that
carries what is attributed: a clause or quote (every cue), an object ("criticized the plan"),
a preposition ("called for a ceasefire"). Attitude verbs (believe, expect, want) count only
with a clause or an infinitive. Intention verbs do not vouch for an event having happened.
"""

from __future__ import annotations

from sitrep.model import Stance


def lex(words: str) -> frozenset[str]:
    """A word list written as one space-separated string."""
    return frozenset(words.split())


A, C, D = Stance.ASSERT, Stance.CONFIRM, Stance.DENY

# Verbs of saying: a clause, a quote or an infinitive is what they attribute.
SPEECH_VERBS = lex(
    "say add argue assert claim report announce tell warn insist accuse state note write "
    "explain declare allege stress tweet reiterate maintain contend charge predict "
    "estimate respond reply suggest indicate emphasize emphasise caution complain "
    "boast vow pledge promise threaten post testify recount describe reveal disclose "
    "quote blame call ask mention urge demand propose recommend advise remark observe "
    "proclaim assure acknowledge agree concede conclude recall joke quip "
    "exclaim shout yell chant answer write tweet retweet lament decry hint signal "
    "speculate predict forecast opine counter retort repeat echo highlight underline "
    "underscore point refer cite criticize criticise praise endorse question denounce "
    "condemn slam blast mock tout hail applaud welcome characterize characterise label "
    "dub brand portray express list reference announce publish release issue "
    "predict contend confide brag muse plead implore beg encourage press lobby"
)
# Verbs whose direct object is what is attributed ("criticized the deal").
OBJECT_VERBS = lex(
    "criticize criticise praise endorse support back oppose defend attack question mention "
    "cite discuss reject dismiss deny denounce condemn slam blast mock tout hail applaud "
    "welcome highlight list reference echo express propose demand promise pledge recommend "
    "accuse blame thank describe portray characterize characterise call dub label brand "
    "announce reveal disclose confirm acknowledge admit concede verify refute dispute "
    "rebuff rebut contradict repeat predict estimate show ask urge offer vow threaten "
    "lament decry welcome favor favour embrace champion decry protest"
)
# Verbs whose prepositional object is what is attributed ("called for", "referred to").
PREP_VERBS: dict[str, frozenset[str]] = {
    "call": lex("for on"),
    "refer": lex("to"),
    "point": lex("to"),
    "talk": lex("about of"),
    "speak": lex("about of on out"),
    "ask": lex("for about"),
    "warn": lex("of about against"),
    "complain": lex("about of"),
    "argue": lex("for against about"),
    "comment": lex("on about"),
    "push": lex("for"),
    "agree": lex("with on to"),
    "insist": lex("on"),
    "focus": lex("on"),
    "caution": lex("against about"),
    "testify": lex("about on"),
    "lash": lex("at"),
    "rail": lex("against"),
    "weigh": lex("in on"),
    "respond": lex("to"),
    "boast": lex("about of"),
    "brag": lex("about"),
    "joke": lex("about"),
    "vote": lex("for against"),
}
# Attitude verbs: only a clause or an infinitive is attributed ("believes that ...").
ATTITUDE_VERBS = lex(
    "believe think know expect want hope hop plan seek find show see consider feel understand "
    "learn conclude recognize recognise intend prefer worry fear doubt wish suspect "
    "assume imagine guess realize realise reckon anticipate aim vow refuse decline agree "
    "threaten offer pledge promise wonder acknowledge notice remember hear "
    "read determine judge bet"
)
# Attitude verbs that state an intention or wish, not that something happened.
INTENT_VERBS = lex(
    "want hope plan seek intend decide prefer wish aim try attempt threaten offer pledge "
    "promise vow refuse decline agree urge call ask demand propose recommend push"
)
# Verbs that cue only next to a quote ('He continued, "..."').
QUOTE_ONLY = lex("continue begin start go")
VERB_STANCE: dict[str, Stance] = {
    **dict.fromkeys(
        SPEECH_VERBS | ATTITUDE_VERBS | OBJECT_VERBS | frozenset(PREP_VERBS) | QUOTE_ONLY, A
    ),
    **dict.fromkeys(lex("confirm acknowledge verify admit concede corroborate"), C),
    **dict.fromkeys(lex("deny reject dismiss refute dispute rebuff rebut contradict"), D),
}
# Verbs too common to cue anything unless they take a clause or a quote.
NEEDS_CLAUSE = lex("add report note write post charge maintain indicate")
RESPONSE_VERBS = lex(
    "confirm acknowledge verify admit concede corroborate deny reject dismiss refute "
    "dispute rebuff rebut contradict"
)
# Participles that cue an unsourced attribution in the passive ("is expected to", "is said").
PASSIVE_UNSOURCED = lex(
    "expect say believe report think consider know allege rumor rumour suspect see "
    "understand project predict estimate tip deem"
)
# Adverbs that attribute without a source.
HEARSAY_ADVERBS = lex("reportedly allegedly purportedly supposedly")
# Nouns after sentence-initial "In" that make the rest of the sentence their content.
VENUE_SOURCES = lex(
    "poll polls survey surveys study report statement interview letter op-ed memo tweet "
    "post filing speech remarks testimony ruling analysis book column essay editorial "
    "complaint lawsuit document documents email emails message video briefing release "
    "opinion assessment review audit investigation article piece story broadcast appearance"
)
CLAIM_NOUNS = lex(
    "claim assertion statement report announcement allegation accusation account "
    "suggestion notion charge denial confirmation warning insistence assessment version "
    "reports claims statements allegations accusations rumor rumour story"
)
NOUN_STANCE: dict[str, Stance] = {
    **dict.fromkeys(
        lex(
            "claim assertion statement report announcement allegation accusation warning "
            "insistence argument assessment belief view promise pledge prediction estimate "
            "criticism complaint suggestion proposal position fear hope refusal support "
            "opposition view declaration endorsement demand praise "
            "expectation intention threat vow insistence question "
            "doubt concern condemnation recognition objection"
        ),
        A,
    ),
    "confirmation": C,
    "admission": C,
    "acknowledgment": C,
    "acknowledgement": C,
    "denial": D,
    "rejection": D,
}
VENUE_NOUNS = lex(
    "statement remarks interview post message briefing address speech comments "
    "conference video telegram letter tweet op-ed"
)
# Lead-ins before a colon that label a field, not a source ("Editor's note:", "Name:").
NOT_SOURCES = lex(
    "note correction update name age city job pay editor clarification disclosure photo "
    "video watch read related source sources caption credit"
)
# Nouns that name a source by role ("Officials: ...", "Newspaper: ...").
SOURCE_NOUNS = lex(
    "official officials newspaper paper source sources expert experts analyst analysts "
    "witness witnesses spokesman spokeswoman aide aides lawmaker lawmakers police military "
    "ministry army government agency group"
)
# Prepositions after a noun cue that introduce what it says ("support for", "view of").
NOUN_PREPS = lex("for about against")
# Speech verbs with other common senses: a cue only with a speaker ("so-called", "was called").
NEEDS_SOURCE = lex("call name label dub brand list release publish issue show")
