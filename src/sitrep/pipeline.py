"""The spine: Article → spaCy Doc → stages → Analysis, over batches.

Input: Articles and the loaded resources (pipeline, gazetteer, actor KB). Output: one Analysis
per article, or a Failure when an article cannot be analysed (the batch goes on). Stages are
pure; this module only orders them and assembles each event mention from their results. It
does not read sources or touch the database.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from sitrep import __version__
from sitrep.config import Settings
from sitrep.consolidate.status import derive_status, mention_records, side_of
from sitrep.knowledge.actors import ActorKB, load_actor_kb
from sitrep.knowledge.gazetteer import Gazetteer, ensure_gazetteer
from sitrep.model import (
    Actor,
    Analysis,
    Article,
    Attribution,
    Failure,
    Figure,
    Mention,
    Modality,
    Place,
    Span,
    TimeExpr,
    mention_id,
)
from sitrep.nlp import load_nlp
from sitrep.nlp.embed import SentenceEncoder, load_encoder
from sitrep.stages.actors import find_actors, localise
from sitrep.stages.claims import (
    claim_for,
    figures_for,
    find_attributions,
    find_figures,
    find_quotes,
    modality_of,
)
from sitrep.stages.dates import event_when, find_times
from sitrep.stages.extract import EMBED_SENTENCES, Embed, EventCandidate, find_events
from sitrep.stages.places import event_place, find_places
from sitrep.stages.statements import frame_of, statement_type

log = logging.getLogger(__name__)

HISTORICAL_AFTER_DAYS = 180
UNREALISED_DISCOUNT = 0.7  # an event that did not happen is less likely the news


@dataclass(frozen=True)
class Resources:
    """Everything the stages need, loaded once per process."""

    nlp: Language
    gazetteer: Gazetteer
    actor_kb: ActorKB
    model_name: str
    encoder: SentenceEncoder | None = None
    encoder_sentences: int = EMBED_SENTENCES

    @property
    def analysed_with(self) -> str:
        """Version stamp stored with each analysed article."""
        version = self.nlp.meta.get("version", "?")
        encoder = f"; {self.encoder.name}" if self.encoder is not None else ""
        return f"sitrep {__version__}; {self.model_name} {version}{encoder}"


def load_resources(settings: Settings) -> Resources:
    """Load the spaCy pipeline, the gazetteer (built on first use) and the actor KB."""
    from pathlib import Path

    return Resources(
        nlp=load_nlp(settings.nlp.model),
        gazetteer=ensure_gazetteer(Path(settings.knowledge.dir)),
        actor_kb=load_actor_kb(
            Path(settings.knowledge.actors_file) if settings.knowledge.actors_file else None
        ),
        model_name=settings.nlp.model,
        encoder=load_encoder(settings.nlp.encoder) if settings.nlp.encoder else None,
        encoder_sentences=settings.nlp.encoder_sentences,
    )


def _modality(
    doc: Doc, token_i: int, when: Any, anchor: dt.date | None, *, historical_after_days: int
) -> Modality:
    modality = modality_of(doc, token_i)
    if (
        modality is Modality.ASSERTED
        and anchor is not None
        and when is not None
        and when.resolved
        and when.end is not None
        and (anchor - when.end).days > historical_after_days
    ):
        return Modality.HISTORICAL
    return modality


def assemble_mention(
    doc: Doc,
    article: Article,
    candidate: EventCandidate,
    *,
    places: Sequence[Place],
    times: Sequence[TimeExpr],
    attributions: Sequence[Attribution],
    figures: Sequence[Figure],
    historical_after_days: int = HISTORICAL_AFTER_DAYS,
) -> Mention:
    """One event mention with its place, date, modality, claim, responses and status."""
    start, end = candidate.trigger.start, candidate.trigger.end
    sent = doc[candidate.token_i].sent
    sentence = Span(sent.start_char, sent.end_char, sent.text)
    anchor = article.published
    when = event_when(doc, start, end, times, anchor=anchor)
    claim, responses = claim_for(start, end, sentence=sentence, attributions=attributions)
    mid = mention_id(article.article_id, start, end)
    sides = [s for s in (side_of(a) for a in candidate.actors) if s]
    status, _ = derive_status(
        mention_records(
            mid,
            claim,
            responses,
            published=anchor,
            actor_sides=sides,
            event_type=candidate.typing.event_type,
        )
    )
    typing = candidate.typing
    place = event_place(doc, start, end, places)
    where = place.country if place is not None else None
    modality = _modality(
        doc, candidate.token_i, when, anchor, historical_after_days=historical_after_days
    )
    confidence = typing.confidence
    if modality in _UNREALISED:
        confidence = round(confidence * UNREALISED_DISCOUNT, 4)
    return Mention(
        mention_id=mid,
        article_id=article.article_id,
        start=start,
        end=end,
        trigger=candidate.trigger.text,
        sentence=sentence,
        event_type=typing.event_type,
        mode=typing.mode,
        acled_type=typing.acled_type,
        acled_subtype=typing.acled_subtype,
        confidence=confidence,
        actors=localise(candidate.actors, where),
        recipients=localise(candidate.recipients, where),
        place=place,
        when=when,
        modality=modality,
        claim=claim,
        responses=responses,
        status=status,
        figures=figures_for(start, end, sentence=sentence, figures=figures),
    )


_UNREALISED = frozenset({Modality.FUTURE, Modality.HYPOTHETICAL, Modality.NEGATED})


def statement_mention(
    doc: Doc, mention: Mention, candidate: EventCandidate, triggers: frozenset[int]
) -> Mention | None:
    """The promise, threat, demand or refusal that an unrealised event is reported through
    (see `stages/statements.py`), as a mention of its own on the words that carry it ("will
    withdraw", "must return"); None when there is none, or when the word that frames it is
    itself a trigger in `triggers` ("refused", "threatened")."""
    if mention.modality not in _UNREALISED:
        return None
    frame = frame_of(doc, candidate.token_i)
    if frame is None or frame.first in triggers:
        return None
    statement = statement_type(
        frame,
        mention.event_type,
        actors=mention.actors,
        recipients=mention.recipients,
        speaker=mention.claim.source,
    )
    if statement is None:
        return None
    start = min(doc[frame.first].idx, mention.start)
    end = mention.end
    return dataclasses.replace(
        mention,
        mention_id=mention_id(mention.article_id, start, end),
        start=start,
        end=end,
        trigger=doc.text[start:end],
        event_type=statement.event_type,
        mode=statement.mode,
        acled_type=None,
        acled_subtype=None,
        confidence=candidate.typing.confidence,  # the statement was made: no discount
        actors=statement.actors,
        recipients=statement.recipients,
        modality=Modality.ASSERTED,
        figures=(),
    )


def _with_statements(
    doc: Doc, mentions: Sequence[Mention], candidates: Sequence[EventCandidate]
) -> tuple[Mention, ...]:
    """The mentions, each unrealised one preceded by the statement it is reported through."""
    triggers = frozenset(c.token_i for c in candidates)
    out: list[Mention] = []
    for mention, candidate in zip(mentions, candidates, strict=True):
        statement = statement_mention(doc, mention, candidate, triggers)
        if statement is not None:
            out.append(statement)
        out.append(mention)
    return tuple(out)


def _countries(actors: Iterable[Actor]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(a.country for a in actors if a.country))


def analyse_doc(
    doc: Doc,
    article: Article,
    *,
    gazetteer: Gazetteer,
    actor_kb: ActorKB,
    embed: Embed | None = None,
    embed_sentences: int = EMBED_SENTENCES,
) -> Analysis:
    """Run every stage over one parsed article (`embed`: the sentence encoder for typing, read
    for the first `embed_sentences` event-bearing sentences)."""
    actors = find_actors(doc, kb=actor_kb)
    places = find_places(
        doc, gazetteer=gazetteer, context_countries=_countries(actors), actors=actors
    )
    times = find_times(doc, anchor=article.published)
    attributions = find_attributions(doc, actors=actors)
    quotes = find_quotes(doc, attributions=attributions, actors=actors)
    figures = find_figures(doc, attributions=attributions, actors=actors)
    candidates = find_events(
        doc, actors=actors, places=places, kb=actor_kb, embed=embed, embed_sentences=embed_sentences
    )
    mentions = tuple(
        assemble_mention(
            doc,
            article,
            c,
            places=places,
            times=times,
            attributions=attributions,
            figures=figures,
        )
        for c in candidates
    )
    mentions = _with_statements(doc, mentions, candidates)
    return Analysis(
        article=article,
        places=places,
        times=times,
        quotes=quotes,
        attributions=attributions,
        mentions=mentions,
        warnings=article.warnings,
    )


def _stage_resources(resources: Resources) -> dict[str, Any]:
    """The keyword arguments of `analyse_doc` that come from `resources`."""
    return {
        "gazetteer": resources.gazetteer,
        "actor_kb": resources.actor_kb,
        "embed": resources.encoder.encode if resources.encoder is not None else None,
        "embed_sentences": resources.encoder_sentences,
    }


def analyse(
    articles: Iterable[Article], resources: Resources, *, batch_size: int = 16
) -> Iterator[Analysis | Failure]:
    """Analyse articles in spaCy batches; an article whose analysis fails becomes a Failure."""
    pairs = ((a.text, a) for a in articles)
    for doc, article in resources.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        try:
            yield analyse_doc(doc, article, **_stage_resources(resources))
        except Exception as exc:  # one bad article never kills a batch
            log.debug("analysis of %s failed", article.source, exc_info=True)
            yield Failure(
                source=article.source or article.article_id,
                reason=f"analysis failed: {type(exc).__name__}: {exc}",
                stage="nlp",
                article_id=article.article_id,
            )


def analyse_one(article: Article, resources: Resources) -> Analysis:
    """Analyse a single article (errors propagate)."""
    doc = resources.nlp(article.text)
    return analyse_doc(doc, article, **_stage_resources(resources))
