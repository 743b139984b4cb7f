"""Shared by the claims tests: attributions of a sentence keyed by cue, and their sources."""

from __future__ import annotations

from spacy.language import Language

from sitrep.model import Attribution
from sitrep.stages.claims import find_attributions


def cues_in(nlp: Language, text: str) -> dict[str, Attribution]:
    """The attributions found in `text` (no actors given), by their cue's text."""
    doc = nlp(text)
    return {a.cue.text: a for a in find_attributions(doc, actors=())}


def source_of(att: Attribution) -> str | None:
    """The text of an attribution's source, or None when it has none."""
    return att.source.text if att.source is not None else None
