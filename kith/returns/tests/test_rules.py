"""Each census rule, directly, at its edge: the child as the census sees them, with one thing
wrong (the rule fires, in plain words, with a link to fix it) or just right (it does not)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from kith.returns import rules
from kith.returns.census import (
    CensusAssessment,
    CensusChild,
    CensusEnquiry,
    CensusEpisode,
    CensusPlan,
    CensusProtectionPlan,
    CollectionYear,
)

D = date


def episode(**fields) -> CensusEpisode:
    base = {
        "case_pk": 5,
        "reference": "K0000005",
        "referral": D(2025, 5, 1),
        "source": "2A",
        "need": "N1",
        "closed": None,
        "reason": "",
        "no_further_action": False,
    }
    return CensusEpisode(**{**base, **fields})


def child(*episodes: CensusEpisode, **fields) -> CensusChild:
    base = {
        "person_pk": 7,
        "la_child_id": "P0000007",
        "upn": "",
        "former_upn": "",
        "upn_unknown": "",
        "birth": D(2022, 6, 1),
        "expected_birth": None,
        "sex": "F",
        "death": None,
        "ethnicity": "WBRI",
        "disabilities": ["NONE"],
    }
    return CensusChild(**{**base, **fields}, episodes=list(episodes) or [episode()])


def assessment(**fields) -> CensusAssessment:
    return CensusAssessment(
        **{
            "pk": 3,
            "started": D(2025, 5, 2),
            "authorised": D(2025, 6, 2),
            "factors": ["2B"],
            **fields,
        }
    )


def cp_plan(**fields) -> CensusProtectionPlan:
    base = {
        "pk": 9,
        "started": D(2025, 7, 1),
        "ended": None,
        "initial_category": "NEG",
        "latest_category": "NEG",
        "previous_plans": 0,
        "reviews": [],
    }
    return CensusProtectionPlan(**{**base, **fields})


def codes(c: CensusChild) -> set[str]:
    return {p.code for p in rules.check(c)}


def test_a_well_recorded_child_has_no_problems():
    c = child(
        episode(
            assessments=[assessment()],
            plans=[CensusPlan(4, D(2025, 6, 3), D(2025, 7, 1))],
            enquiries=[CensusEnquiry(6, D(2025, 6, 16), D(2025, 7, 7), D(2025, 7, 1), False, None)],
            protection_plans=[cp_plan(reviews=[D(2025, 9, 30)])],
        )
    )
    assert rules.check(c) == []


BAD = [
    ("8540", child(disabilities=[])),
    ("8790", child(disabilities=["NONE", "AUT"])),
    ("1510", child(upn="A938012345678")),
    ("8770Q", child(birth=D(2020, 8, 31), upn="")),  # the youngest of school age
    ("8525Q", child(expected_birth=D(2022, 6, 3))),
    ("8750", child(birth=None, expected_birth=D(2026, 1, 1), sex="F")),
    ("8610", child(episode(need=""))),
    ("KITH2Q", child(episode(need="N0"))),
    ("8606", child(episode(referral=D(2021, 8, 24)))),  # 281 days before birth
    ("8555Q", child(death=D(2025, 4, 30))),
    ("8630", child(episode(closed=D(2025, 4, 30), reason="RC7"))),
    (
        "8867",
        child(
            episode(closed=D(2025, 9, 1), reason="RC7", assessments=[assessment(authorised=None)])
        ),
    ),
    (
        "8868",
        child(
            episode(
                closed=D(2025, 9, 1),
                reason="RC7",
                enquiries=[CensusEnquiry(6, D(2025, 6, 1), D(2025, 6, 20), None, False, None)],
            )
        ),
    ),
    (
        "2990",
        child(
            episode(
                closed=D(2025, 9, 1),
                reason="RC8",
                plans=[CensusPlan(4, D(2025, 6, 1), D(2025, 8, 1))],
            )
        ),
    ),
    (
        "8565",
        child(
            episode(
                closed=D(2025, 9, 1),
                reason="RC7",
                assessments=[assessment(authorised=D(2025, 9, 2))],
            )
        ),
    ),
    ("8831", child(episode(no_further_action=True, assessments=[assessment()]))),
    ("8820", child(episode(), episode(case_pk=6, reference="K6", referral=D(2025, 8, 1)))),
    ("1103", child(episode(assessments=[assessment(started=D(2025, 4, 30))]))),
    ("8608", child(episode(assessments=[assessment(authorised=D(2025, 5, 1))]))),
    (
        "8896",
        child(
            episode(
                assessments=[assessment(pk=1, authorised=None), assessment(pk=2, authorised=None)]
            )
        ),
    ),
    ("8897Q", child(episode(assessments=[assessment(factors=[])]))),
    ("8869", child(episode(assessments=[assessment(factors=["21", "2B"])]))),
    ("4015", child(episode(plans=[CensusPlan(4, D(2025, 4, 30), None)]))),
    ("4011", child(episode(plans=[CensusPlan(4, D(2025, 6, 1), D(2025, 5, 31))]))),
    (
        "4016",
        child(
            episode(
                plans=[CensusPlan(4, D(2025, 6, 1), D(2025, 7, 2))], protection_plans=[cp_plan()]
            )
        ),
    ),
    (
        "2889",
        child(
            episode(enquiries=[CensusEnquiry(6, D(2025, 4, 30), D(2025, 5, 21), None, False, None)])
        ),
    ),
    (
        "8875",
        child(
            episode(
                enquiries=[
                    CensusEnquiry(6, D(2025, 6, 2), D(2025, 6, 23), D(2025, 6, 21), False, None)
                ]
            )
        ),
    ),
    ("1105", child(episode(protection_plans=[cp_plan(started=D(2025, 4, 30))]))),
    ("8840", child(episode(protection_plans=[cp_plan(ended=D(2025, 7, 1))]))),
    ("8841", child(episode(protection_plans=[cp_plan(reviews=[D(2025, 7, 1)])]))),
    (
        "8940",
        child(episode(protection_plans=[cp_plan(pk=1), cp_plan(pk=2, started=D(2025, 9, 1))])),
    ),
    ("KITH1", child(episode(closed=D(2025, 9, 1), reason="RC7", protection_plans=[cp_plan()]))),
    ("8915", child(episode(protection_plans=[cp_plan()]), death=D(2025, 8, 1))),
]


@pytest.mark.parametrize(("code", "c"), BAD, ids=[code for code, _ in BAD])
def test_each_rule_fires_on_what_it_is_about(code, c):
    found = [p for p in rules.check(c) if p.code == code]
    assert found, rules.check(c)
    problem = found[0]
    assert (problem.message[0].isupper() or problem.message[0] == "'") and problem.fix.url[0] == "/"
    assert problem.query == code.endswith("Q")


GOOD = [
    ("8540", child(birth=None, expected_birth=D(2026, 1, 1), sex="U", disabilities=[])),
    ("8540", child(episode(no_further_action=True), disabilities=[])),
    ("8770Q", child(birth=D(2015, 1, 1), upn="", upn_unknown="UN2")),
    ("8770Q", child(birth=D(2020, 9, 1), upn="")),  # not of school age in 2025 to 2026
    ("8610", child(episode(need="", no_further_action=True))),
    ("8606", child(episode(referral=D(2021, 8, 25)))),  # 280 days: just allowed
    (
        "4016",
        child(
            episode(
                plans=[CensusPlan(4, D(2025, 6, 1), D(2025, 7, 1))], protection_plans=[cp_plan()]
            )
        ),
    ),  # ends the day the CP plan starts
    (
        "8820",
        child(
            episode(closed=D(2025, 7, 31), reason="RC7"),
            episode(case_pk=6, reference="K6", referral=D(2025, 8, 1)),
        ),
    ),
    ("8841", child(episode(protection_plans=[cp_plan(reviews=[D(2025, 7, 2)])]))),
    (
        "8875",
        child(
            episode(
                enquiries=[
                    CensusEnquiry(6, D(2025, 6, 2), D(2025, 6, 23), D(2025, 6, 20), False, None)
                ]
            )
        ),
    ),
]


@pytest.mark.parametrize(("code", "c"), GOOD, ids=[code for code, _ in GOOD])
def test_each_rule_is_quiet_just_inside_its_edge(code, c):
    assert code not in codes(c)


def test_the_return_also_sees_work_open_since_before_the_year():
    year = CollectionYear(2026)
    c = child(
        episode(
            referral=D(2024, 12, 1),
            assessments=[assessment(started=D(2025, 3, 31), authorised=None)],
            enquiries=[CensusEnquiry(6, D(2025, 3, 31), D(2025, 4, 22), None, False, None)],
        )
    )
    assert {"8736", "8740"} <= {p.code for p in rules.check_year(c, year)}
    moved = replace(
        c,
        episodes=[
            replace(
                c.episodes[0],
                assessments=[assessment(started=D(2025, 4, 1), authorised=None)],
                enquiries=[],
            )
        ],
    )
    assert not {"8736", "8740"} & {p.code for p in rules.check_year(moved, year)}


def test_problems_say_which_case_and_record_they_are_about():
    c = child(episode(assessments=[assessment(factors=[])]), disabilities=[])
    by_code = {p.code: p for p in rules.check(c)}
    assert by_code["8897Q"].case_pk == 5 and by_code["8897Q"].about == "assessment 3"
    assert by_code["8540"].case_pk is None  # about the child, shown on every case
    assert rules.for_case(rules.check(c), 5) == rules.check(c)
    assert rules.for_case(rules.check(c), 6) == [by_code["8540"]]


def test_a_weekend_conference_is_put_right_on_the_conference_not_the_enquiry():
    weekend = CensusEnquiry(6, D(2025, 6, 2), D(2025, 6, 23), D(2025, 6, 21), False, None)
    [problem] = [p for p in rules.check(child(episode(enquiries=[weekend]))) if p.code == "8875"]
    assert problem.fix.url == "/protection/enquiries/6/conference/"
    assert problem.fix.see == "/protection/enquiries/6/"
