"""The trained typing model: hashed trigger features → a distribution over (PLOVER type, ACLED
sub-type) pairs, and the rule that turns it, with the lexicon's proposal, into one decision.

Input → output: `load_typing_model()` reads `knowledge/data/typing_model.npz` (bundled, built
by `scripts/train_typing.py` from the project's own examples in `training/`; loads offline in a
few milliseconds). `TypingModel.probabilities(bucket_ids, embedding)` is a multinomial logistic
regression over joint labels "PLOVER|ACLED-code" (PLOVER "NONE" = no political event; ACLED "-" =
no ACLED sub-type, e.g. talks, crime, disasters). The file holds two variants with the same
labels: one on the trigger's hashed features and the trigger sentence's embedding
(`nlp/embed.py`, used by default), and one on the hashed features alone (for `nlp.encoder = ""`).
`decide(...)` combines it with the lexicon:

1. the lexicon's PLOVER type for the trigger stands unless the model gives another PLOVER type
   (summed over its ACLED sub-types) a probability of at least `OVERRULE`; within the standing
   type, the model picks the ACLED sub-type;
2. the best remaining label wins; its mode is the lexicon's when the PLOVER types agree, else
   the mode most often seen with that label in training;
3. the label "NONE|-" keeps a lexicon trigger's PLOVER type with no ACLED sub-type and a low
   confidence (a fallback candidate with that label is dropped by the caller).

Territorial sub-types are then settled by the ontology from the sides (see `extract`). It does
not find triggers or sides: that is `extract`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

NONE = "NONE"
NO_ACLED = "-"
MODEL_FILE = "data/typing_model.npz"
JOINT = "joint_"  # key prefix of the variant trained with sentence embeddings
OVERRULE = 0.8  # the model overrules the lexicon's PLOVER type only above this probability


class Decision(NamedTuple):
    """The typing of one trigger: PLOVER type, mode, CASE/ACLED code (None: no ACLED event),
    the probability of the chosen label and whether the model found no event at all."""

    event_type: str
    mode: str | None
    acled_code: str | None
    probability: float
    no_event: bool


@dataclass(frozen=True, slots=True)
class TypingModel:
    """Weights of the hashed-feature softmax: only the buckets seen in training are stored."""

    rows: npt.NDArray[np.int64]  # sorted bucket ids
    weights: npt.NDArray[np.float32]  # len(rows) × len(labels)
    labels: tuple[str, ...]  # "PLOVER|CODE"
    modes: tuple[str, ...]  # default mode per label ("" = none)
    dense: npt.NDArray[np.float32] | None = None  # embedding dims × len(labels), or None

    @property
    def uses_embeddings(self) -> bool:
        """Whether this model wants the trigger sentence's embedding."""
        return self.dense is not None

    def probabilities(
        self, bucket_ids: list[int], embedding: npt.NDArray[np.float32] | None = None
    ) -> npt.NDArray[np.float64]:
        """Softmax over the labels for one trigger's feature buckets (repeats count) and, for
        a model with embeddings, its sentence's embedding (None: that part contributes 0)."""
        ids = np.asarray(bucket_ids, dtype=np.int64)
        at = np.searchsorted(self.rows, ids)
        at = np.minimum(at, len(self.rows) - 1)
        hit = at[self.rows[at] == ids]
        scores = self.weights[hit].sum(axis=0, dtype=np.float64)
        if self.dense is not None and embedding is not None:
            scores += embedding.astype(np.float64) @ self.dense
        scores -= scores.max()
        exp = np.exp(scores)
        out: npt.NDArray[np.float64] = exp / exp.sum()
        return out

    def decide(
        self,
        probs: npt.NDArray[np.float64],
        rule: tuple[str, str | None, float] | None,
    ) -> Decision:
        """One decision from the model's distribution and the lexicon's proposal (or None)."""
        plovers = [lab.split("|")[0] for lab in self.labels]
        scored = probs.copy()
        if rule is not None and rule[0] in plovers:
            marginal: dict[str, float] = {}
            for name, p_ in zip(plovers, probs, strict=True):
                marginal[name] = marginal.get(name, 0.0) + float(p_)
            top = max(marginal, key=lambda k: marginal[k])
            if top == rule[0] or marginal[top] < OVERRULE:  # the rule's type stands
                keep = np.array([name == rule[0] for name in plovers])
                scored = np.where(keep, scored, 0.0)
        best = int(np.argmax(scored))
        plover, code = self.labels[best].split("|")
        p = float(probs[best])
        acled = None if code == NO_ACLED else code
        if plover == NONE:
            if rule is None:
                return Decision(NONE, None, None, p, True)
            return Decision(rule[0], rule[1], None, min(0.3, rule[2]) * (1 - p), True)
        agree = rule is not None and rule[0] == plover
        mode = rule[1] if rule is not None and agree else (self.modes[best] or None)
        return Decision(plover, mode, acled, p, False)


@functools.lru_cache(maxsize=2)
def load_typing_model(embeddings: bool = False) -> TypingModel:
    """The bundled typing model (read once per process): the variant trained with sentence
    embeddings when `embeddings`, else the one on trigger features alone."""
    ref = resources.files("sitrep.knowledge").joinpath(MODEL_FILE)
    prefix = JOINT if embeddings else ""
    with ref.open("rb") as fh, np.load(fh, allow_pickle=False) as data:
        if f"{prefix}rows" not in data:
            raise FileNotFoundError(f"{MODEL_FILE} has no {prefix or 'plain '}model")
        return TypingModel(
            rows=data[f"{prefix}rows"].astype(np.int64),
            weights=data[f"{prefix}weights"].astype(np.float32),
            labels=tuple(str(x) for x in data["labels"]),
            modes=tuple(str(x) for x in data["modes"]),
            dense=data[f"{prefix}dense"].astype(np.float32) if embeddings else None,
        )
