"""Label mappings between sitrep's typing and the gold sets' ontologies (pure data).

- ACLED: sitrep's `acled_subtype` uses ACLED's own sub-event names; CASE 2021 Task 2 uses short
  codes for the same 25 sub-event types (its "Note on EVENT TYPES"), plus five non-ACLED types.
- PLOVER: plover_gsr was coded with PLOVER 0.5b1 (2016). Current PLOVER (Halterman et al. 2023,
  the POLECAT ontology) merged or renamed four of its types. Both the gold and sitrep's labels
  are normalised to current PLOVER before comparison:
  DEMAND → REQUEST, DISAPPROVE → ACCUSE, INVESTIGATE → ACCUSE (its `investigate` mode),
  FIGHT → ASSAULT (armed engagement and one-sided violence are both ASSAULT now).
- Factuality: sitrep's `modality` → MEANTIME (certainty, polarity, time). MEANTIME keeps time
  apart from certainty: most events presented as to come are CERTAIN/POS with time FUTURE, so
  `future` maps to CERTAIN, not PROBABLE; `hypothetical` (conditional, possible) to POSSIBLE.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

NONE_LABEL: Final = "NONE"

ACLED_SUBTYPE_TO_CASE: Final = MappingProxyType(
    {
        "Armed clash": "ARMED_CLASH",
        "Government regains territory": "GOV_REGAINS_TERIT",
        "Non-state actor overtakes territory": "NON_STATE_ACTOR_OVERTAKES_TER",
        "Air/drone strike": "AIR_STRIKE",
        "Shelling/artillery/missile attack": "ART_MISS_ATTACK",
        "Remote explosive/landmine/IED": "REM_EXPLOS",
        "Suicide bomb": "SUIC_BOMB",
        "Grenade": "GRENADE",
        "Chemical weapon": "CHEM_WEAP",
        "Attack": "ATTACK",
        "Abduction/forced disappearance": "ABDUCT_DISSAP",
        "Sexual violence": "SEX_VIOL",
        "Peaceful protest": "PEACE_PROTEST",
        "Protest with intervention": "PROTEST_WITH_INTER",
        "Excessive force against protesters": "FORCE_AGAINST_PROTEST",
        "Violent demonstration": "VIOL_DEMONSTR",
        "Mob violence": "MOB_VIOL",
        "Agreement": "AGREEMENT",
        "Arrests": "ARREST",
        "Change to group/activity": "CHANGE_TO_GROUP_ACT",
        "Disrupted weapons use": "DISR_WEAP",
        "Headquarters or base established": "HQ_ESTABLISHED",
        "Looting/property destruction": "PROPERTY_DISTRUCT",
        "Non-violent transfer of territory": "NON_VIOL_TERRIT_TRANSFER",
        "Other": "OTHER",
    }
)

ACLED_CODES: Final = frozenset(ACLED_SUBTYPE_TO_CASE.values())

# CASE 2021 types that ACLED does not have; scored apart from the 25 sub-event types.
CASE_EXTRA_LABELS: Final = (
    "ATTRIB",
    "DIPLO",
    "ORG_CRIME",
    "NATURAL_DISASTER",
    "MAN_MADE_DISASTER",
)

PLOVER_TYPES: Final = frozenset(
    {
        "AGREE",
        "CONSULT",
        "SUPPORT",
        "CONCEDE",
        "COOPERATE",
        "AID",
        "RETREAT",
        "REQUEST",
        "ACCUSE",
        "REJECT",
        "THREATEN",
        "PROTEST",
        "SANCTION",
        "MOBILIZE",
        "COERCE",
        "ASSAULT",
    }
)

PLOVER_OLD_TO_CURRENT: Final = MappingProxyType(
    {
        "DEMAND": "REQUEST",
        "DISAPPROVE": "ACCUSE",
        "INVESTIGATE": "ACCUSE",
        "FIGHT": "ASSAULT",
    }
)

# modality → (certainty, polarity, time)
MODALITY_TO_FACTUALITY: Final = MappingProxyType(
    {
        "asserted": ("CERTAIN", "POS", "NON_FUTURE"),
        "historical": ("CERTAIN", "POS", "NON_FUTURE"),
        "negated": ("CERTAIN", "NEG", "NON_FUTURE"),
        "future": ("CERTAIN", "POS", "FUTURE"),
        "hypothetical": ("POSSIBLE", "POS", "FUTURE"),
    }
)

MAJORITY_FACTUALITY: Final = ("CERTAIN", "POS")


def case_code(acled_subtype: object) -> str:
    """The CASE 2021 code of an ACLED sub-event name; NONE for no ACLED event, the name
    upper-cased when it is not an ACLED name (so it counts as wrong)."""
    if not isinstance(acled_subtype, str) or not acled_subtype.strip():
        return NONE_LABEL
    return ACLED_SUBTYPE_TO_CASE.get(acled_subtype.strip(), acled_subtype.strip().upper())


def plover_type(label: object) -> str:
    """A PLOVER event type in current PLOVER (0.5b1 names mapped); NONE for no label."""
    if not isinstance(label, str) or not label.strip():
        return NONE_LABEL
    name = label.strip().upper()
    return PLOVER_OLD_TO_CURRENT.get(name, name)


def factuality_of(modality: object) -> tuple[str, str, str]:
    """MEANTIME (certainty, polarity, time) for a sitrep modality (unknown → asserted)."""
    key = modality if isinstance(modality, str) else "asserted"
    return MODALITY_TO_FACTUALITY.get(key, MODALITY_TO_FACTUALITY["asserted"])
