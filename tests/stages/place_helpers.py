"""Shared by the places tests: run the places stage on a sentence, keyed by surface text."""

from __future__ import annotations

from spacy.language import Language

from sitrep.knowledge.gazetteer import Gazetteer
from sitrep.model import Place
from sitrep.stages.places import find_places


def places_in(nlp: Language, gazetteer: Gazetteer, text: str, **kw: object) -> dict[str, Place]:
    """The places found in `text`, by their text; each place's offsets must match its text."""
    doc = nlp(text)
    found = find_places(doc, gazetteer=gazetteer, **kw)  # type: ignore[arg-type]
    for p in found:
        assert doc.text[p.start : p.end] == p.text
    return {p.text: p for p in found}
