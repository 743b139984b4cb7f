"""Claim status derivation (DESIGN.md §2) on hand-built claim sequences."""

from __future__ import annotations

import datetime as dt

from sitrep.consolidate.status import ClaimRecord, derive_status
from sitrep.model import Actor, Claim, Stance, Status

RU_MOD = Actor(0, 5, "Russia's Ministry of Defense", "Russian Ministry of Defense", "RUS", "MIL")
UA_GS = Actor(0, 5, "Ukraine's General Staff", "Ukrainian General Staff", "UKR", "MIL")
UN = Actor(0, 2, "the UN", "United Nations", "IGO", "IGO")


def rec(source: Actor | None, stance: Stance, day: int, sides: tuple[str, ...] = ()) -> ClaimRecord:
    return ClaimRecord(Claim(source, None, stance), f"m{day}", dt.date(2025, 3, day), sides)


def test_outlet_voice_is_reported() -> None:
    status, history = derive_status([rec(None, Stance.ASSERT, 1)])
    assert status is Status.REPORTED
    assert [h.status for h in history] == [Status.REPORTED]


def test_party_assertion_is_claimed_and_neither_changes_nothing() -> None:
    status, history = derive_status(
        [rec(RU_MOD, Stance.ASSERT, 13, ("RUS",)), rec(UA_GS, Stance.NEITHER, 13, ("RUS",))]
    )
    assert status is Status.CLAIMED
    assert len(history) == 1


def test_claim_denied_then_confirmed_by_adverse_party() -> None:
    status, history = derive_status(
        [
            rec(RU_MOD, Stance.ASSERT, 13, ("RUS",)),
            rec(UA_GS, Stance.DENY, 14, ("RUS",)),
            rec(UA_GS, Stance.CONFIRM, 19, ("RUS",)),
        ]
    )
    assert status is Status.CONFIRMED
    assert [h.status for h in history] == [Status.CLAIMED, Status.DISPUTED, Status.CONFIRMED]
    assert [h.record.published.day for h in history if h.record.published] == [13, 14, 19]


def test_only_denial_is_denied() -> None:
    status, _ = derive_status([rec(UA_GS, Stance.DENY, 2)])
    assert status is Status.DENIED


def test_same_side_confirmation_is_still_a_claim() -> None:
    other_ru = Actor(0, 5, "the Kremlin", "Kremlin", "RUS", "GOV")
    status, _ = derive_status(
        [rec(RU_MOD, Stance.ASSERT, 1, ("RUS",)), rec(other_ru, Stance.CONFIRM, 2, ("RUS",))]
    )
    assert status is Status.CLAIMED


def test_adverse_party_confirming_the_actor_s_deed_confirms() -> None:
    # a Ukrainian general confirms Russian strikes: the source is not the actor's side
    status, _ = derive_status([rec(UA_GS, Stance.CONFIRM, 12, ("RUS",))])
    assert status is Status.CONFIRMED


def test_independent_confirmation() -> None:
    status, _ = derive_status(
        [rec(RU_MOD, Stance.ASSERT, 1, ("RUS",)), rec(UN, Stance.CONFIRM, 3, ("RUS",))]
    )
    assert status is Status.CONFIRMED


def test_denial_after_confirmation_keeps_confirmed() -> None:
    status, _ = derive_status(
        [
            rec(RU_MOD, Stance.ASSERT, 1, ("RUS",)),
            rec(UA_GS, Stance.CONFIRM, 2, ("RUS",)),
            rec(UA_GS, Stance.DENY, 3, ("RUS",)),
        ]
    )
    assert status is Status.CONFIRMED


def test_denied_then_asserted_by_other_side_is_disputed() -> None:
    status, _ = derive_status([rec(UA_GS, Stance.DENY, 1), rec(RU_MOD, Stance.ASSERT, 2, ("RUS",))])
    assert status is Status.DISPUTED


def test_admitting_one_s_own_retreat_confirms() -> None:
    from sitrep.consolidate.status import mention_records

    claim = Claim(UA_GS, None, Stance.CONFIRM)
    records = mention_records(
        "m1", claim, (), published=dt.date(2025, 6, 15), actor_sides=("UKR",), event_type="RETREAT"
    )
    assert derive_status(records)[0] is Status.CONFIRMED
    # the same words about an attack by one's own side are only a claim
    records = mention_records(
        "m1",
        Claim(UA_GS, None, Stance.ASSERT),
        (),
        published=dt.date(2025, 6, 15),
        actor_sides=("UKR",),
        event_type="ASSAULT",
    )
    assert derive_status(records)[0] is Status.CLAIMED


def test_doer_and_target_both_asserting_confirms() -> None:
    # the Ukrainian side says Russia struck; Russia's MoD says it struck: both sides agree
    status, history = derive_status(
        [rec(UA_GS, Stance.ASSERT, 1, ("RUS",)), rec(RU_MOD, Stance.ASSERT, 2, ("RUS",))]
    )
    assert status is Status.CONFIRMED
    assert [h.status for h in history] == [Status.CLAIMED, Status.CONFIRMED]


def test_two_assertions_by_non_doers_stay_claimed() -> None:
    # neither source is the side that did it: no one against interest or across the line
    uk = Actor(0, 2, "Britain", "United Kingdom", "GBR", "GOV")
    status, _ = derive_status(
        [rec(UA_GS, Stance.ASSERT, 1, ("RUS",)), rec(uk, Stance.ASSERT, 2, ("RUS",))]
    )
    assert status is Status.CLAIMED
