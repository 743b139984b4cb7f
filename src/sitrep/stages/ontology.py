"""The event ontologies sitrep types with: PLOVER event types and modes, ACLED types and sub-types.

Input → output: constants and a mapping from a PLOVER type + mode (+ what is known of the
actors and the place) to ACLED's event type and sub-type, by ACLED's own names. ACLED has no
category for most diplomatic events (CONSULT, SUPPORT, REQUEST, ...): they map to None.

Territory (ACLED codebook logic): state forces retaking a location → "Government regains
territory"; a non-state group, or a foreign state's forces, gaining a location by force →
"Non-state actor overtakes territory" (ACLED treats a foreign state's forces in another
country's territory like a non-state actor here); a capture whose side we cannot tell →
"Armed clash". It does not read text: triggers are in `extract`.
"""

from __future__ import annotations

from sitrep.model import EventType

BATTLES = "Battles"
REMOTE = "Explosions/Remote violence"
VAC = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"

ACLED_TYPES: dict[str, tuple[str, ...]] = {
    BATTLES: ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    REMOTE: (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    VAC: ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    PROTESTS: (
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    ),
    RIOTS: ("Violent demonstration", "Mob violence"),
    STRATEGIC: (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}

PLOVER_MODES: dict[str, tuple[str, ...]] = {
    "AGREE": ("ceasefire", "settle", "treaty", "mediate"),
    "CONSULT": ("visit", "host", "meet", "talks", "phone", "mediate"),
    "SUPPORT": ("praise", "endorse", "defend"),
    "CONCEDE": ("release", "ease", "yield", "allow"),  # ease: a restriction lifted
    "COOPERATE": ("military", "economic", "intelligence", "judicial"),
    "AID": ("military", "economic", "humanitarian", "resume"),
    "RETREAT": ("withdraw", "driven-out", "disarm"),
    "REQUEST": ("assistance", "talks", "ceasefire"),
    "ACCUSE": ("crime", "human-rights", "war-crimes"),
    "REJECT": ("proposal", "demand", "veto"),
    "DEMAND": ("ceasefire", "withdraw", "release", "leave"),
    "THREATEN": ("force", "sanction", "retaliate"),
    "PROTEST": ("demonstrate", "riot", "strike", "hunger-strike"),
    "DISAPPROVE": ("condemn", "criticize", "complain"),
    "SANCTION": ("economic", "expel", "embargo", "reduce-aid", "break-relations"),
    "INVESTIGATE": ("inquiry", "probe"),
    "MOBILIZE": ("troops", "alert", "exercise", "deploy"),
    "COERCE": ("arrest", "seize", "seize-arms", "destroy-property", "restrict", "expel", "ban"),
    "ASSAULT": (
        "clash",
        "capture",
        "retake",
        "aerial",
        "drone",
        "shelling",
        "explosive",
        "suicide",
        "grenade",
        "chemical",
        "kill",
        "abduct",
        "sexual",
        "beat",
        "firearms",
        "intercept",
        "attack",
    ),
}
# PLOVER 0.5 types folded into current ones: old name → (current type, default mode)
LEGACY_TYPES: dict[str, tuple[str, str]] = {
    "DEMAND": ("REQUEST", "demand"),
    "DISAPPROVE": ("ACCUSE", "disapprove"),
    "INVESTIGATE": ("ACCUSE", "investigate"),
    "FIGHT": ("ASSAULT", "clash"),
}
PLOVER_TYPES: frozenset[str] = frozenset(PLOVER_MODES) - frozenset(LEGACY_TYPES)

STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY"})
CIVILIAN_SECTORS = frozenset({"CVL", "REF", "MED", "EDU", "LAB", "NGO", "BUS"})

# case2021 sub-event codes (../shared/eval) → ACLED (type, sub-type); DIPLO has no ACLED name.
ACLED_CODES: dict[str, tuple[str, str | None]] = {
    "ARMED_CLASH": (BATTLES, "Armed clash"),
    "GOV_REGAINS_TERIT": (BATTLES, "Government regains territory"),
    "NON_STATE_ACTOR_OVERTAKES_TER": (BATTLES, "Non-state actor overtakes territory"),
    "CHEM_WEAP": (REMOTE, "Chemical weapon"),
    "AIR_STRIKE": (REMOTE, "Air/drone strike"),
    "SUIC_BOMB": (REMOTE, "Suicide bomb"),
    "ART_MISS_ATTACK": (REMOTE, "Shelling/artillery/missile attack"),
    "REM_EXPLOS": (REMOTE, "Remote explosive/landmine/IED"),
    "GRENADE": (REMOTE, "Grenade"),
    "SEX_VIOL": (VAC, "Sexual violence"),
    "ATTACK": (VAC, "Attack"),
    "ABDUCT_DISSAP": (VAC, "Abduction/forced disappearance"),
    "PEACE_PROTEST": (PROTESTS, "Peaceful protest"),
    "PROTEST_WITH_INTER": (PROTESTS, "Protest with intervention"),
    "FORCE_AGAINST_PROTEST": (PROTESTS, "Excessive force against protesters"),
    "VIOL_DEMONSTR": (RIOTS, "Violent demonstration"),
    "MOB_VIOL": (RIOTS, "Mob violence"),
    "AGREEMENT": (STRATEGIC, "Agreement"),
    "ARREST": (STRATEGIC, "Arrests"),
    "CHANGE_TO_GROUP_ACT": (STRATEGIC, "Change to group/activity"),
    "DISR_WEAP": (STRATEGIC, "Disrupted weapons use"),
    "HQ_ESTABLISHED": (STRATEGIC, "Headquarters or base established"),
    "PROPERTY_DISTRUCT": (STRATEGIC, "Looting/property destruction"),
    "NON_VIOL_TERRIT_TRANSFER": (STRATEGIC, "Non-violent transfer of territory"),
    "OTHER": (STRATEGIC, "Other"),
}

_FIXED: dict[tuple[str, str | None], tuple[str, str]] = {
    ("ASSAULT", "aerial"): (REMOTE, "Air/drone strike"),
    ("ASSAULT", "drone"): (REMOTE, "Air/drone strike"),
    ("ASSAULT", "shelling"): (REMOTE, "Shelling/artillery/missile attack"),
    ("ASSAULT", "explosive"): (REMOTE, "Remote explosive/landmine/IED"),
    ("ASSAULT", "suicide"): (REMOTE, "Suicide bomb"),
    ("ASSAULT", "grenade"): (REMOTE, "Grenade"),
    ("ASSAULT", "chemical"): (REMOTE, "Chemical weapon"),
    ("ASSAULT", "abduct"): (VAC, "Abduction/forced disappearance"),
    ("ASSAULT", "sexual"): (VAC, "Sexual violence"),
    ("ASSAULT", "intercept"): (STRATEGIC, "Disrupted weapons use"),
    ("PROTEST", "demonstrate"): (PROTESTS, "Peaceful protest"),
    ("PROTEST", "strike"): (PROTESTS, "Peaceful protest"),
    ("PROTEST", "hunger-strike"): (PROTESTS, "Peaceful protest"),
    ("PROTEST", "riot"): (RIOTS, "Violent demonstration"),
    ("AGREE", "ceasefire"): (STRATEGIC, "Agreement"),
    ("AGREE", "settle"): (STRATEGIC, "Agreement"),
    ("AGREE", "treaty"): (STRATEGIC, "Agreement"),
    ("AGREE", None): (STRATEGIC, "Agreement"),
    ("CONCEDE", "release"): (STRATEGIC, "Agreement"),
    ("COERCE", "arrest"): (STRATEGIC, "Arrests"),
    ("COERCE", "destroy-property"): (STRATEGIC, "Looting/property destruction"),
    ("COERCE", "seize"): (STRATEGIC, "Looting/property destruction"),
    ("COERCE", "seize-arms"): (STRATEGIC, "Disrupted weapons use"),
    ("RETREAT", "withdraw"): (STRATEGIC, "Non-violent transfer of territory"),
    ("MOBILIZE", "deploy"): (STRATEGIC, "Headquarters or base established"),
}


def _is_state(sectors: frozenset[str]) -> bool:
    """Whether the acting side is state forces."""
    return bool(sectors & STATE_SECTORS)


def territory_subtype(
    mode: str | None,
    actor_sectors: frozenset[str],
    actor_countries: frozenset[str],
    place_country: str | None,
) -> str:
    """ACLED Battles sub-type for a capture/retake by actors with these sectors and countries."""
    state = _is_state(actor_sectors)
    if not actor_sectors:
        return "Government regains territory" if mode == "retake" else "Armed clash"
    if not state:
        return "Non-state actor overtakes territory"
    if place_country is not None and actor_countries and place_country not in actor_countries:
        return "Non-state actor overtakes territory"  # a foreign state's forces take ground
    # ACLED: government forces taking ground from rebels "regain" it, whatever the verb
    return "Government regains territory"


def acled_for(
    event_type: str,
    mode: str | None,
    *,
    actor_sectors: frozenset[str] = frozenset(),
    actor_countries: frozenset[str] = frozenset(),
    recipient_sectors: frozenset[str] = frozenset(),
    place_country: str | None = None,
) -> tuple[str | None, str | None]:
    """ACLED (type, sub-type) for a PLOVER type and mode in context; (None, None) when ACLED
    has no such event."""
    if (event_type, mode) in _FIXED:
        return _FIXED[(event_type, mode)]
    if event_type == "ASSAULT":
        if mode in {"capture", "retake"}:
            sub = territory_subtype(mode, actor_sectors, actor_countries, place_country)
            return BATTLES, sub
        civilians = bool(recipient_sectors & CIVILIAN_SECTORS)
        if civilians or (mode in {"kill", "beat"} and not recipient_sectors & STATE_SECTORS):
            return (VAC, "Attack") if civilians else (BATTLES, "Armed clash")
        return BATTLES, "Armed clash"
    if event_type == "PROTEST":
        return PROTESTS, "Peaceful protest"
    return None, None


def make_type(
    event_type: str,
    mode: str | None = None,
    *,
    confidence: float = 0.6,
    actor_sectors: frozenset[str] = frozenset(),
    actor_countries: frozenset[str] = frozenset(),
    recipient_sectors: frozenset[str] = frozenset(),
    place_country: str | None = None,
) -> EventType:
    """A `model.EventType` for a PLOVER type and mode, with the ACLED mapping filled in.

    Types of PLOVER 0.5 that the current ontology folded into others come out under their
    current name, the old name kept as the mode: DEMAND → REQUEST/demand, DISAPPROVE and
    INVESTIGATE → ACCUSE (mode condemn, criticize, probe, ...), FIGHT → ASSAULT/clash.
    """
    if event_type in LEGACY_TYPES:
        event_type, default_mode = LEGACY_TYPES[event_type]
        mode = mode or default_mode
    acled_type, acled_subtype = acled_for(
        event_type,
        mode,
        actor_sectors=actor_sectors,
        actor_countries=actor_countries,
        recipient_sectors=recipient_sectors,
        place_country=place_country,
    )
    return EventType(event_type, mode, acled_type, acled_subtype, confidence)


TERRITORY_CODES = frozenset({"ARMED_CLASH", "GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER"})


def make_type_from_code(
    event_type: str,
    mode: str | None,
    code: str | None,
    *,
    confidence: float,
    actor_sectors: frozenset[str] = frozenset(),
    actor_countries: frozenset[str] = frozenset(),
    place_country: str | None = None,
) -> EventType:
    """A `model.EventType` for a PLOVER type and mode with the ACLED sub-type given by its CASE
    2021 code (None: no ACLED event), as the typing model chose it.

    Territory rule override: a capture or retake (by its mode) typed as a Battles sub-type
    takes the sub-type that the ontology derives from the sides when the actors' sectors are
    known ("ISIS fighters recaptured" → Non-state actor overtakes territory)."""
    if event_type in LEGACY_TYPES:
        event_type, default_mode = LEGACY_TYPES[event_type]
        mode = mode or default_mode
    if code is None or code not in ACLED_CODES:
        return EventType(event_type, mode, None, None, confidence)
    acled_type, subtype = ACLED_CODES[code]
    if code in TERRITORY_CODES and mode in {"capture", "retake"} and actor_sectors:
        sides = territory_subtype(mode, actor_sectors, actor_countries, place_country)
        if sides != "Armed clash":  # the sides decide only when they are telling
            acled_type, subtype = BATTLES, sides
    return EventType(event_type, mode, acled_type, subtype, confidence)
