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
    "predict contend confide brag muse plead implore beg encourage press lobby surmise "
    "reassure inform remind concur theorize theorise posit imply insinuate aver"
)
# Verbs whose direct object is what is attributed ("criticized the deal").
OBJECT_VERBS = lex(
    "criticize criticise praise endorse support back oppose defend attack question mention "
    "cite discuss reject dismiss deny denounce condemn slam blast mock tout hail applaud "
    "welcome highlight list reference echo express propose demand promise pledge recommend "
    "accuse blame thank describe portray characterize characterise dub label brand "
    "announce reveal disclose confirm acknowledge admit concede verify refute dispute "
    "rebuff rebut contradict repeat predict estimate show ask urge offer vow threaten "
    "lament decry welcome favor favour embrace champion decry protest view regard laud "
    "castigate assail lambaste chastise rebuke scold berate excoriate fault deride ridicule "
    "belittle disparage bash congratulate commend celebrate trumpet herald promote disavow "
    "repudiate invoke ignore rebuke liken document clarify advocate"
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
    "vie": lex("for"),
    "cheer": lex("for on"),
    "campaign": lex("for against"),
    "rally": lex("for behind against"),
    "lobby": lex("for against"),
    "advocate": lex("for"),
    "side": lex("with against"),
    "spar": lex("over with"),
    "believe": lex("in"),
    "write": lex("about of to"),
    "think": lex("about of"),
    "know": lex("about of"),
    "worry": lex("about over"),
    "care": lex("about"),
    "hear": lex("about from"),
    "learn": lex("about of"),
    "disagree": lex("with on about over"),
    "object": lex("to"),
    "react": lex("to"),
    "reply": lex("to"),
    "hint": lex("at"),
    "allude": lex("to"),
    "elaborate": lex("on"),
    "dwell": lex("on"),
    "reflect": lex("on"),
    "harp": lex("on"),
    "rant": lex("about against"),
    "inquire": lex("about into"),
    "muse": lex("about on"),
    "express": lex("about"),
    "press": lex("on about for"),
    "inform": lex("of about"),
    "question": lex("about on over"),
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
# Cues that still count inside a direct quote: a claim, an accusation or a response to one
# ("“Moscow claims it took the town, which is a lie,” he said"). Other reported speech inside
# a quote is the quoted speaker's own telling, not a separate attribution.
QUOTED_CUES = lex(
    "claim allege accuse confirm acknowledge verify admit concede corroborate deny reject "
    "dismiss refute dispute rebuff rebut contradict"
)
# Verbs of aspect or motion whose infinitive is still the speaker's act ("went on to explain",
# "continued to insist", "moved to emphasize").
ASPECT_HEADS = lex("go continue begin start move come proceed rush hasten keep")
# Verbs that cue only next to a quote ('He continued, "..."').
QUOTE_ONLY = lex("continue begin start")
# Verbs that attribute "X as Y" ("see Sanders as an agent of decline", "cast him as weak");
# those in AS_ONLY attribute nothing else.
AS_VERBS = lex(
    "see view regard consider describe portray characterize characterise treat paint cast "
    "brand label dismiss hail praise criticize criticise denounce present depict frame "
    "position bill tout"
)
AS_ONLY = lex("treat paint cast present depict frame position bill")
VERB_STANCE: dict[str, Stance] = {
    **dict.fromkeys(
        SPEECH_VERBS
        | ATTITUDE_VERBS
        | OBJECT_VERBS
        | frozenset(PREP_VERBS)
        | QUOTE_ONLY
        | AS_VERBS,
        A,
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
    "understand project predict estimate tip deem accuse charge suspect criticize criticise "
    "blame condemn praise announce reveal disclose denounce question"
)
# Verbs of appearance, cues with no source, by the complements that make them one ("appears
# to have fallen", "seems tired", "it seems that ..."; a "like"/"as if" phrase always does).
SEEM_VERBS: dict[str, frozenset[str]] = {
    "seem": lex("xcomp acomp ccomp oprd attr"),
    "appear": lex("xcomp acomp ccomp oprd"),
    "sound": lex("acomp oprd"),
    "look": lex("acomp"),
}
# Passive verbs that attribute their clause with no source given ("X was accused of fraud",
# "was widely criticized for", "the plan was announced").
PASSIVE_CHARGES = lex(
    "accuse charge suspect criticize criticise blame condemn praise allege announce reveal "
    "report disclose denounce question"
)
# Reporting verbs that nearly always attribute something when they have a speaker, whatever
# the parse makes of what follows ("noted the rule in an interview", "told the tale of").
ALWAYS_CUES = lex(
    "say tell note argue suggest announce insist warn urge vow tweet explain mention "
    "criticize criticise accuse declare acknowledge promise emphasize emphasise praise denounce "
    "indicate list highlight echo cite reference chant joke slam blast tout mock assert "
    "predict portray describe reveal state question reiterate stress recount recall lament "
    "decry complain concede admit testify proclaim expect view regard fear wonder prefer "
    "worry demand endorse propose discuss refer agree claim "
    "condemn blame encourage press"
)
# Light verbs that make a cue with a speech-act noun ("made the case", "took aim at").
LIGHT_SPEECH_VERBS = lex(
    "make take raise draw voice express offer deliver lay level trade pay face issue sound "
    "strike register lodge have"
)
SPEECH_ACT_NOUNS = lex(
    "case point argument comment remark mention reference appeal pitch plea aim issue swipe "
    "shot jab dig barb question concern doubt objection contrast distinction tribute ridicule "
    "criticism praise complaint accusation allegation alarm illusion reservation qualm "
    "misgiving"
)
# Adjectives of attitude that attribute their clause or prepositional phrase ("concerned
# that", "critical of", "adamant that").
ATTITUDE_ADJECTIVES = lex(
    "concerned worried confident sure certain convinced optimistic pessimistic skeptical "
    "sceptical adamant aware hopeful afraid fearful critical supportive opposed angry upset "
    "furious proud insistent doubtful unsure unconvinced wary suspicious dismissive "
    "enthusiastic mistrustful distrustful bearish bullish coy outraged unclear uncertain "
    "willing eager reluctant keen receptive hostile sympathetic mum silent vocal outspoken "
    "candid emphatic unequivocal explicit ambivalent divided split united firm"
)
# Nouns that a subject receives rather than voices ("faced criticism", "drew ridicule").
RECEIVED_NOUNS = lex("criticism ridicule praise question complaint accusation allegation fire")
# Prepositions that introduce what a light-verb cue is about ("took aim at X").
PHRASE_PREPS = lex("at of about with to on for against over")
# Adverbs that attribute without a source.
HEARSAY_ADVERBS = lex("reportedly allegedly purportedly supposedly")
# Nouns after sentence-initial "In" that make the rest of the sentence their content.
VENUE_SOURCES = lex(
    "poll polls survey surveys study report statement interview letter op-ed memo tweet "
    "post filing speech remarks testimony ruling analysis book column essay editorial "
    "complaint lawsuit document documents email emails message video briefing release "
    "opinion assessment review audit investigation article piece story broadcast appearance"
)
# Documents of counts and measures that are the source of what is "in" them ("in the latest
# poll, Trump leads"). Statements, interviews and speeches are not: their speaker's verb is.
DATA_SOURCES = lex(
    "poll polls survey surveys study studies analysis census tally average ranking rankings "
    "estimate estimates forecast forecasts projection projections audit assessment review "
    "index data report"
)
# Documents and research that find or show things ("the inquiry found virtually nothing").
DOCUMENT_SOURCES = lex(
    "paper papers inquiry investigation document documents result results record records "
    "research researcher researchers author authors figure figures number numbers finding "
    "findings evidence footage video videos image images email emails memo"
)
FINDING_VERBS = lex("find show reveal suggest indicate confirm document")
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
# Noun cues whose "of"-phrase is what they are about ("criticism of the plan").
OF_NOUNS = lex(
    "criticism condemnation denial rejection praise accusation warning endorsement "
    "support opposition"
)
# Verbs that voice a noun cue: their subject holds it ("issued a denial", "made the claim").
VOICING_VERBS = lex(
    "make issue raise express voice offer level repeat deliver release unveil roll renew "
    "lodge file put share reiterate give"
)
# Prepositions after a noun cue that introduce what it says ("support for", "view of").
NOUN_PREPS = lex("for about against")
# Speech verbs with other common senses: a cue only with a speaker ("so-called", "was called").
NEEDS_SOURCE = lex("call name label dub brand list release publish issue show")
