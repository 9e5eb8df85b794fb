"""Importing children Kith already knows: matched by the census ID of an earlier import, Kith's
own person number or the UPN, and never duplicated; and a later year's return adding to an
episode imported before (its closure, assessments, conferences and reviews), never twice."""

from __future__ import annotations

import io
from datetime import date

import pytest

from kith.accounts.roles import Role
from kith.cases.models import Case
from kith.people.models import Person
from kith.returns.census import CollectionYear
from kith.returns.cin_import import import_file, parse
from kith.returns.exports import write_cin_census
from kith.returns.tests.test_import import FIXTURES, census, child, episode
from kith.test import make_person

pytestmark = pytest.mark.django_db


def test_a_second_import_matches_everyone_and_adds_nothing(persona):
    data = (FIXTURES / "cin-2022.xml").read_bytes()
    by = persona[Role.DATA_OFFICER]
    first = import_file(data, by=by, name="cin-2022.xml")
    people, cases = Person.objects.count(), Case.objects.count()
    second = import_file(data, by=by, name="cin-2022.xml")
    assert (first.imported, first.matched, first.episodes) == (1, 0, 1)
    assert (second.imported, second.matched, second.episodes, second.skipped_episodes) == (
        1,
        1,
        0,
        1,
    )
    assert (Person.objects.count(), Case.objects.count()) == (people, cases)


def test_a_child_already_in_kith_is_matched_by_upn(persona):
    data = (FIXTURES / "fake_CIN_data.xml").read_bytes()
    first = next(c.child for c in parse(data).children if c.child.upn and not c.problems)
    known = make_person(first_name="Known", upn=first.upn)
    import_file(data, by=persona[Role.DATA_OFFICER], skip_rejected=True)
    assert known.cases.exists()
    assert not Person.objects.filter(family_name=f"Census child {first.la_child_id}").exists()


def test_another_system_s_p_number_is_not_matched_to_an_unrelated_kith_person(persona):
    stranger = make_person(first_name="Unrelated", date_of_birth=date(2001, 2, 2))
    la_id = f"P{stranger.pk}"  # the old system's own child ID
    import_file(
        census(2024, child(la_id, episode("2023-05-01"), birth="2019-07-07")),
        by=persona[Role.DATA_OFFICER],
    )
    assert not stranger.cases.exists()


def test_a_child_matched_by_upn_keeps_its_census_id(persona):
    known = make_person(upn="A123456789012")
    import_file(
        census(2024, child("OLD77", episode("2023-05-01"), upn="A123456789012")),
        by=persona[Role.DATA_OFFICER],
    )
    assert known.cases.exists()
    out = io.StringIO()
    write_cin_census(CollectionYear(2024), out)
    # The DfE links years by LAchildID: the next return must still say OLD77.
    assert "<LAchildID>OLD77</LAchildID>" in out.getvalue(), out.getvalue()[:1500]


def test_next_year_s_return_adds_to_an_episode_still_open(persona):
    by = persona[Role.DATA_OFFICER]
    y2023 = census(2023, child("ABC1", episode("2022-10-03")))
    first = import_file(y2023, by=by, name="2023.xml")
    assert not first.refused
    # The next year's return: the same episode, still open, plus an assessment.
    inner = (
        "<Assessments><AssessmentActualStartDate>2023-05-02</AssessmentActualStartDate>"
        "</Assessments>"
    )
    y2024_open = census(2024, child("ABC1", episode("2022-10-03", inner=inner)))
    second = import_file(y2024_open, by=by, name="2024.xml")
    assert not second.refused, second.rejected
    case = Case.objects.get(child__identifiers__value="ABC1")
    assert [a.started_on for a in case.assessments.all()] == [date(2023, 5, 2)]


def test_next_year_s_return_closes_the_episode_it_closed(persona):
    by = persona[Role.DATA_OFFICER]
    import_file(census(2023, child("ABC2", episode("2022-10-03"))), by=by)
    later = census(2024, child("ABC2", episode("2022-10-03", closed="2023-06-01", reason="RC7")))
    outcome = import_file(later, by=by)
    assert not outcome.refused
    case = Case.objects.get(child__identifiers__value="ABC2")
    assert case.closed_on == date(2023, 6, 1) and case.closure_reason == "RC7"
    # The same return again, and one that adds an assessment, make no second closure.
    import_file(later, by=by)
    inner = (
        "<Assessments><AssessmentActualStartDate>2023-01-02</AssessmentActualStartDate>"
        "<AssessmentAuthorisationDate>2023-02-02</AssessmentAuthorisationDate>"
        "<FactorsIdentifiedAtAssessment><AssessmentFactors>2B</AssessmentFactors>"
        "</FactorsIdentifiedAtAssessment></Assessments>"
    )
    import_file(
        census(
            2024,
            child("ABC2", episode("2022-10-03", closed="2023-06-01", reason="RC7", inner=inner)),
        ),
        by=by,
    )
    assert case.closures.count() == 1 and case.assessments.count() == 1


def test_a_later_return_that_authorises_an_assessment_makes_no_second_closure(persona):
    by = persona[Role.DATA_OFFICER]
    started = (
        "<Assessments><AssessmentActualStartDate>2023-01-02</AssessmentActualStartDate>"
        "</Assessments>"
    )
    authorised = (
        "<Assessments><AssessmentActualStartDate>2023-01-02</AssessmentActualStartDate>"
        "<AssessmentAuthorisationDate>2023-02-02</AssessmentAuthorisationDate>"
        "<FactorsIdentifiedAtAssessment><AssessmentFactors>2B</AssessmentFactors>"
        "</FactorsIdentifiedAtAssessment></Assessments>"
    )
    closed = {"closed": "2023-06-01", "reason": "RC7"}
    import_file(census(2024, child("ABC5", episode("2022-10-03", inner=started, **closed))), by=by)
    import_file(
        census(2024, child("ABC5", episode("2022-10-03", inner=authorised, **closed))), by=by
    )
    case = Case.objects.get(child__identifiers__value="ABC5")
    assert case.closures.count() == 1
    assert case.assessments.get().authorised_at is not None


def test_a_later_return_adds_the_reviews_held_since(persona):
    by = persona[Role.DATA_OFFICER]

    def plan(*reviews):
        held = "".join(f"<CPPreviewDate>{day}</CPPreviewDate>" for day in reviews)
        return (
            "<ChildProtectionPlans><CPPstartDate>2022-11-01</CPPstartDate>"
            "<InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse><LatestCategoryOfAbuse>NEG"
            "</LatestCategoryOfAbuse><NumberOfPreviousCPP>0</NumberOfPreviousCPP>"
            f"<Reviews>{held}</Reviews></ChildProtectionPlans>"
        )

    import_file(census(2023, child("ABC6", episode("2022-10-03", inner=plan("2023-01-30")))), by=by)
    import_file(
        census(2024, child("ABC6", episode("2022-10-03", inner=plan("2023-01-30", "2023-07-28")))),
        by=by,
    )
    case = Case.objects.get(child__identifiers__value="ABC6")
    reviews = case.conferences.filter(conference__kind="review", plan__isnull=False)
    assert sorted(r.conference.held_on for r in reviews) == [date(2023, 1, 30), date(2023, 7, 28)]
