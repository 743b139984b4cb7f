"""Claim status: a sequence of stances on one event → its status and the history of changes.

Input: the claims on record for an event, in the order they became known (publication date,
then position in the article). Output: the status of DESIGN.md §2 and every change with the
claim that caused it. Pure; does not group mentions into events (consolidation does that).

Sides: a party is identified by its country (or, without one, by its name). A confirmation
counts when it comes from a party other than the asserting side(s), from a party other than the
one that did it, or from an independent source (IGO, NGO, media). Assertions by both the side
that did it and a side that did not confirm each other (the striking army and the struck
town's officials both say the strike happened). An admission against one's own interest also
confirms: the side that retreated or conceded saying so (`admission_sides`).
A denial by a party other than the asserting side makes the event disputed. "Neither confirm
nor deny" and "no comment" are kept as evidence but change nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sitrep.model import Actor, Claim, Stance, Status

INDEPENDENT_SECTORS = frozenset({"IGO", "NGO", "MED"})
LOSS_TYPES = frozenset({"RETREAT", "CONCEDE"})  # PLOVER types whose actor admits a loss


@dataclass(frozen=True, slots=True)
class ClaimRecord:
    """One claim on record for an event, with where and when it was made."""

    claim: Claim
    mention_id: str
    published: dt.date | None
    event_actor_sides: tuple[str, ...] = ()  # sides of the event's actors (who did it)
    admission_sides: tuple[str, ...] = ()  # sides for which saying so is against interest


@dataclass(frozen=True, slots=True)
class StatusChange:
    """The event's status became `status` because of `record`."""

    status: Status
    record: ClaimRecord


def side_of(actor: Actor | None) -> str | None:
    """The party an actor speaks for: its country, else its canonical name; None for the outlet."""
    if actor is None:
        return None
    return actor.country or actor.name.lower()


def is_independent(actor: Actor | None) -> bool:
    """A source that is not a party: international bodies, NGOs, media."""
    return actor is not None and actor.sector in INDEPENDENT_SECTORS


def _both_sides(sides: set[str], record: ClaimRecord) -> bool:
    """Whether the side that did it and a side that did not both assert the event."""
    doers = set(record.event_actor_sides)
    return bool(doers) and bool(sides & doers) and bool(sides - doers)


def _next_status(
    current: Status | None,
    record: ClaimRecord,
    asserting: set[str],
    denying: set[str],
) -> Status | None:
    claim = record.claim
    side = side_of(claim.source)
    stance = claim.stance
    if stance in (Stance.NEITHER, Stance.NO_COMMENT):
        return current
    if side is None:  # the outlet's own voice
        if stance is Stance.DENY:
            return current if current is not None else Status.DENIED
        return current if current is not None else Status.REPORTED
    if side in record.admission_sides and stance in (Stance.ASSERT, Stance.CONFIRM):
        return Status.CONFIRMED
    if stance is Stance.CONFIRM:
        others = asserting - {side}
        against_actor = bool(record.event_actor_sides) and side not in record.event_actor_sides
        if is_independent(claim.source) or others or against_actor:
            return Status.CONFIRMED
        stance = Stance.ASSERT
    if stance is Stance.ASSERT:
        if current is Status.CLAIMED and _both_sides(asserting | {side}, record):
            return Status.CONFIRMED
        if current in (None, Status.REPORTED):
            return Status.CLAIMED
        if current is Status.DENIED and side not in denying:
            return Status.DISPUTED
        return current
    # DENY by a party
    if current is Status.CONFIRMED:
        return current
    if asserting - {side}:
        return Status.DISPUTED
    return Status.DENIED if current in (None, Status.REPORTED, Status.DENIED) else current


def derive_status(records: Sequence[ClaimRecord]) -> tuple[Status, tuple[StatusChange, ...]]:
    """The status of an event from its claims in order, and each change with its cause."""
    current: Status | None = None
    asserting: set[str] = set()
    denying: set[str] = set()
    history: list[StatusChange] = []
    for record in records:
        new = _next_status(current, record, asserting, denying)
        side = side_of(record.claim.source)
        if side is not None and record.claim.stance in (Stance.ASSERT, Stance.CONFIRM):
            asserting.add(side)
        if side is not None and record.claim.stance is Stance.DENY:
            denying.add(side)
        if new is not None and new is not current:
            history.append(StatusChange(new, record))
            current = new
    return (current or Status.REPORTED), tuple(history)


def mention_records(
    mention_id: str,
    claim: Claim,
    responses: Sequence[Claim],
    *,
    published: dt.date | None,
    actor_sides: Sequence[str] = (),
    event_type: str | None = None,
) -> list[ClaimRecord]:
    """The claim and responses of one mention as records, claim first."""
    sides = tuple(actor_sides)
    admissions = sides if event_type in LOSS_TYPES else ()
    return [ClaimRecord(c, mention_id, published, sides, admissions) for c in (claim, *responses)]
