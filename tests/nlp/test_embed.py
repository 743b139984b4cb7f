"""Tests for the sentence encoder: offline loading, unit vectors, meaning-bearing distances."""

from __future__ import annotations

import numpy as np
import pytest

from sitrep.errors import ResourceError
from sitrep.nlp.embed import DIMENSIONS, load_encoder


def test_vectors_are_unit_length_one_row_per_text() -> None:
    vecs = load_encoder().encode(["Troops shelled the town.", "Talks resumed in Doha."])
    assert vecs.shape == (2, DIMENSIONS) and vecs.dtype == np.float32
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-3)


def test_no_text_gives_an_empty_matrix() -> None:
    assert load_encoder().encode([]).shape == (0, DIMENSIONS)


def test_paraphrases_are_closer_than_unrelated_events() -> None:
    a, b, c = load_encoder().encode(
        [
            "Warplanes bombed a village near Idlib on Monday.",
            "Jets carried out air strikes on a village in Idlib province.",
            "The two foreign ministers signed a trade agreement in Vienna.",
        ]
    )
    assert float(a @ b) > float(a @ c) + 0.2


def test_unknown_encoder_is_a_clear_error() -> None:
    with pytest.raises(ResourceError, match="unknown sentence encoder"):
        load_encoder("no-such-encoder")
