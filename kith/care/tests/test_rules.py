"""Each rule about what a looked-after child's record cannot say, at its edges."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from kith.care import rules
from kith.care.codes import may_follow
from kith.care.models import CarePeriod, LegalStatusChange, MissingEpisode, Placement

START = date(2025, 3, 3)
DAY = timedelta(days=1)


def _period(ended_on=None) -> CarePeriod:  # type: ignore[no-untyped-def]
    return CarePeriod(started_on=START, ended_on=ended_on)


def test_a_move_is_after_the_current_placement_began_and_within_care():
    placed = [Placement(started_on=START), Placement(started_on=START + 10 * DAY)]
    assert rules.move_problem(START + 11 * DAY, _period(), placed) is None
    assert "a new placement starts after that" in rules.move_problem(
        START + 10 * DAY, _period(), placed
    )
    assert "cannot be before the child came into care" in rules.move_problem(
        START - DAY, _period(), []
    )
    ended = _period(ended_on=START + 20 * DAY)
    assert "must be before care ended" in rules.move_problem(START + 20 * DAY, ended, placed)
    assert rules.move_problem(START + 19 * DAY, ended, placed) is None


def test_a_new_legal_status_is_after_the_current_one_and_may_follow_it():
    statuses = [LegalStatusChange(status="C1", started_on=START)]
    assert rules.status_problem(START + DAY, "C2", _period(), statuses) is None
    assert "begins after that" in rules.status_problem(START, "C2", _period(), statuses)
    assert rules.following_problem("C2", statuses) is None
    assert rules.following_problem("C1", statuses) == "This is already the child's legal status"


@pytest.mark.parametrize(
    ("before", "after", "allowed"),
    [
        ("C1", "C2", True),
        ("V2", "C1", True),
        ("L1", "V2", True),
        ("C2", "E1", True),
        ("E1", "C2", True),  # a placement order revoked: back to the care order
        ("E1", "C1", False),
        ("E1", "V2", False),
        ("V2", "V3", False),  # short breaks are a period of care of their own
        ("V4", "C1", False),
        ("V3", "V4", True),
        ("C2", "D1", False),  # no freeing orders since 2005
        ("C2", "C2", False),
    ],
)
def test_which_legal_status_may_follow_which(before, after, allowed):
    assert (may_follow(before, after) is None) is allowed


@pytest.mark.parametrize(
    ("kind", "provider", "urn", "status", "age", "field"),
    [
        ("U6", "PR1", "123456", "C2", 9, None),
        ("P1", "PR1", "", "C2", 9, "provider"),  # placed with parents: parents provide it
        ("P1", "", "", "C2", 9, "provider"),  # and say so (the 903's rule 526)
        ("P1", "PR0", "", "C2", 9, None),
        ("P1", "PR0", "", "V2", 9, "kind"),  # section 20 cannot be placed with parents
        ("T1", "PR1", "", "C2", 9, "provider"),  # a temporary move has no provider
        ("T4", "PR1", "", "C2", 9, "provider"),  # nor a stay of 7 days or less (rule 213)
        ("T4", "", "", "C2", 9, None),
        ("U6", "", "", "C2", 9, "provider"),
        ("K3", "PR4", "", "C2", 15, "kind"),  # supported accommodation from 16 (rule 371)
        ("K3", "PR4", "", "C2", 16, None),
        ("R5", "PR3", "", "J1", 9, "kind"),  # a young offender institution from 10 (372)
        ("R5", "PR3", "", "J1", 10, None),
        ("S1", "PR4", "", "C2", 3, "kind"),  # a residential school from 4 (373)
        ("S1", "PR4", "123456", "C2", 4, None),
        ("P3", "PR4", "", "C2", 13, "kind"),  # residential employment from 14 (374)
        ("P3", "PR4", "", "C2", 14, None),
        ("A5", "PR1", "", "C2", 5, "kind"),  # under a placement order: needs the order (408)
        ("A5", "PR1", "", "E1", 5, None),
        ("A3", "PR1", "", "V2", 5, None),  # with consent
        ("U6", "PR1", "12345", "C2", 9, "urn"),
        ("U6", "PR1", "1234567", "C2", 9, None),
        ("U6", "PR4", "XXXXXXX", "C2", 9, None),
        ("K2", "PR4", "XXXXXXX", "C2", 9, "urn"),  # XXXXXXX only for fostering, adoption (242)
        ("U6", "PR4", "SC12345", "C2", 9, "urn"),
    ],
)
def test_a_placement_s_own_answers(kind, provider, urn, status, age, field):
    found = rules.placement_problems(kind, provider, urn, status, age)
    assert set(found) == ({field} if field else set())


def test_care_ends_after_the_last_change_in_it():
    statuses = [LegalStatusChange(status="C1", started_on=START)]
    placed = [Placement(started_on=START), Placement(started_on=START + 5 * DAY)]
    assert "on or before the last change" in rules.end_problem(
        START + 5 * DAY, _period(), statuses, placed
    )
    assert rules.end_problem(START + 6 * DAY, _period(), statuses, placed) is None


def test_a_review_cannot_be_before_care_began():
    assert rules.not_before_care(START - DAY, _period(), "A review")
    assert rules.not_before_care(START, _period(), "A review") is None


def _episode(start: date, end: date | None) -> MissingEpisode:
    return MissingEpisode(started_on=start, ended_on=end)


def test_a_missing_episode_ends_after_it_starts_or_is_said_to_go_on():
    assert rules.missing_problems(START, START, False, _period(), []) == {}
    assert "ended_on" in rules.missing_problems(START + DAY, START, False, _period(), [])
    never = rules.missing_problems(START, None, False, _period(), [])
    assert never == {
        "ended_on": "Enter the date the child came back, or say they are still missing"
    }
    assert rules.missing_problems(START, None, True, _period(), []) == {}
    assert "still_missing" in rules.missing_problems(START, START, True, _period(), [])
    assert "started_on" in rules.missing_problems(START - DAY, START, False, _period(), [])


def test_missing_episodes_do_not_overlap():
    others = [_episode(START + 5 * DAY, START + 7 * DAY), _episode(START + 20 * DAY, None)]
    assert rules.missing_problems(START + 8 * DAY, START + 9 * DAY, False, _period(), others) == {}
    assert "overlaps" in rules.missing_problems(
        START + 7 * DAY, START + 8 * DAY, False, _period(), others
    ).get("started_on", "")
    # One still open overlaps anything after it began.
    assert "overlaps" in rules.missing_problems(
        START + 30 * DAY, START + 31 * DAY, False, _period(), others
    ).get("started_on", "")
