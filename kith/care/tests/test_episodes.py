"""The 903's episodes derived from legal statuses and placements, and stability: each reason
for a new episode, the end of care, changes after care ended, temporary moves."""

from __future__ import annotations

from datetime import date, timedelta

from kith.care.episodes import episodes, stability
from kith.care.models import CarePeriod, LegalStatusChange, Placement

START = date(2025, 1, 6)


def _period(ended_on=None, end_reason=""):  # type: ignore[no-untyped-def]
    return CarePeriod(started_on=START, ended_on=ended_on, end_reason=end_reason)


def _status(code: str, days: int) -> LegalStatusChange:
    return LegalStatusChange(status=code, started_on=START + timedelta(days=days))


def _placement(kind: str, days: int, *, same_carer=False, change_reason="") -> Placement:  # type: ignore[no-untyped-def]
    return Placement(
        kind=kind,
        started_on=START + timedelta(days=days),
        same_carer=same_carer,
        change_reason=change_reason,
    )


def test_the_first_episode_starts_care_and_each_change_says_what_changed():
    found = episodes(
        _period(),
        [_status("C1", 0), _status("C2", 30), _status("E1", 60)],
        [
            _placement("U6", 0, change_reason="CARPL"),
            _placement("U4", 10, change_reason="PLACE"),
            _placement("U4", 45, same_carer=True, change_reason="CARPL"),
            _placement("A5", 60, same_carer=True),
        ],
    )
    assert [e.reason_new for e in found] == ["S", "P", "L", "T", "U"]
    assert [e.legal_status for e in found] == ["C1", "C1", "C2", "C2", "E1"]
    assert [e.placement.kind for e in found] == ["U6", "U4", "U4", "U4", "A5"]
    # Each episode but the last ends the day the next begins, with X1.
    assert [e.ended_on for e in found[:-1]] == [e.started_on for e in found[1:]]
    assert [e.end_reason for e in found] == ["X1", "X1", "X1", "X1", ""]
    # The reason a placement changed is on the episode a move ended; not on a status change.
    assert [e.change_reason for e in found] == ["CARPL", "", "PLACE", "CARPL", ""]


def test_a_new_carer_and_a_new_order_on_the_same_day_is_b():
    found = episodes(
        _period(),
        [_status("V2", 0), _status("C1", 20)],
        [_placement("U6", 0, change_reason="ALLEG"), _placement("K2", 20)],
    )
    assert [e.reason_new for e in found] == ["S", "B"]


def test_the_end_of_care_ends_the_last_episode_with_its_reason():
    found = episodes(
        _period(ended_on=START + timedelta(days=90), end_reason="E4A"),
        [_status("C2", 0)],
        [_placement("U6", 0), _placement("U4", 40)],
    )
    assert found[-1].ended_on == START + timedelta(days=90)
    assert found[-1].end_reason == "E4A"


def test_a_change_on_or_after_the_day_care_ended_is_not_an_episode():
    found = episodes(
        _period(ended_on=START + timedelta(days=40), end_reason="E13"),
        [_status("C2", 0)],
        [_placement("U6", 0), _placement("U4", 40)],
    )
    assert len(found) == 1 and found[0].ended_on == START + timedelta(days=40)


def test_no_reason_for_a_move_into_or_out_of_a_temporary_placement():
    found = episodes(
        _period(),
        [_status("C2", 0)],
        [
            _placement("U6", 0, change_reason="OTHER"),
            _placement("T1", 10, change_reason="OTHER"),
            _placement("U6", 14),
        ],
    )
    # The 903's rule 226: neither the temporary episode nor the one before it has one.
    assert [e.change_reason for e in found] == ["", "", ""]


def test_moves_in_the_last_year_leave_out_the_first_placement_and_temporary_stays():
    today = START + timedelta(days=400)
    placements = [
        _placement("U6", 0),  # the first: not a move
        _placement("U6", 20),  # over a year ago
        _placement("U4", 100),
        _placement("T2", 200),  # away on holiday and back: neither is a move
        _placement("U4", 210),
        _placement("K2", 300),
    ]
    found = stability(placements, today, None)
    assert found.moves_in_year == 2
    assert found.current_days == 100


def test_the_year_runs_to_today_exactly():
    today = START + timedelta(days=365)
    assert stability([_placement("U6", 0), _placement("U4", 0 + 1)], today, None).moves_in_year == 1
    assert stability([_placement("U6", -10), _placement("U4", 0)], today, None).moves_in_year == 0


def test_no_current_placement_once_care_ended():
    assert stability([_placement("U6", 0)], START + timedelta(days=5), START).current_days is None


def test_the_same_carers_at_a_new_address_is_not_a_move():
    today = START + timedelta(days=100)
    placements = [
        _placement("U6", 0),
        _placement("U4", 30, same_carer=True),  # short-term to long-term with the same carers
        _placement("U4", 60),
    ]
    assert stability(placements, today, None).moves_in_year == 1
