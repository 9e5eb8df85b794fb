"""Edges found by an independent review of the returns, each kept fixed by a test."""

import io
from datetime import date

import pytest

from kith.accounts.roles import Role
from kith.cases.models import Case
from kith.people.models import Person
from kith.returns.census import CollectionYear
from kith.returns.cin_import import import_file
from kith.returns.exports import write_cin_census
from kith.test import make_person

pytestmark = pytest.mark.django_db


def census(year, *children, made=None):
    made = made or f"{year}-05-01T10:00:00"
    return (
        f"<Message><Header><CollectionDetails><Collection>CIN</Collection><Year>{year}</Year>"
        f"<ReferenceDate>{year}-03-31</ReferenceDate></CollectionDetails><Source>"
        f"<LEA>999</LEA><DateTime>{made}</DateTime></Source></Header><Children>"
        + "".join(children)
        + "</Children></Message>"
    ).encode()


def child(la_id, *episodes, upn="", birth="2015-01-01"):
    return (
        f"<Child><ChildIdentifiers><LAchildID>{la_id}</LAchildID>"
        + (f"<UPN>{upn}</UPN>" if upn else "<UPNunknown>UN2</UPNunknown>")
        + f"<PersonBirthDate>{birth}</PersonBirthDate><Sex>F</Sex></ChildIdentifiers>"
        "<ChildCharacteristics><Ethnicity>WBRI</Ethnicity><Disabilities><Disability>NONE"
        "</Disability></Disabilities></ChildCharacteristics>" + "".join(episodes) + "</Child>"
    )


def episode(referral, closed="", reason="", nfa=False, inner=""):
    return (
        f"<CINdetails><CINreferralDate>{referral}</CINreferralDate><ReferralSource>2A"
        f"</ReferralSource><PrimaryNeedCode>N1</PrimaryNeedCode>"
        + (f"<CINclosureDate>{closed}</CINclosureDate>" if closed else "")
        + (f"<ReasonForClosure>{reason}</ReasonForClosure>" if reason else "")
        + inner
        + f"<ReferralNFA>{'1' if nfa else '0'}</ReferralNFA></CINdetails>"
    )


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


def test_an_unclosed_nfa_referral_and_an_open_episode_import_without_a_crash(persona):
    by = persona[Role.DATA_OFFICER]
    data = census(2024, child("ABC3", episode("2023-05-01", nfa=True), episode("2023-09-01")))
    outcome = import_file(data, by=by)
    assert not outcome.refused and outcome.episodes == 2
    nfa, open_case = Case.objects.order_by("referral_date")
    assert nfa.closed_on == date(2023, 5, 1) and open_case.closed_on is None


def test_an_nfa_referral_without_a_closure_date_is_closed_on_its_referral(persona):
    by = persona[Role.DATA_OFFICER]
    import_file(census(2024, child("ABC4", episode("2023-05-01", nfa=True))), by=by)
    case = Case.objects.get(child__identifiers__value="ABC4")
    assert case.closed_on == date(2023, 5, 1)  # not open work in Kith


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


def test_the_same_la_child_id_twice_in_a_file_is_rejected(persona):
    data = census(
        2024,
        child("DUP1", episode("2022-05-01", closed="2022-06-01", reason="RC7")),
        child("DUP1", episode("2023-05-01")),
    )
    outcome = import_file(data, by=persona[Role.DATA_OFFICER])
    assert any("more than once" in r for _, reasons in outcome.rejected for r in reasons)
    assert not Person.objects.filter(identifiers__value="DUP1").exists()


def test_two_open_cp_plans_in_an_episode_are_rejected(persona):
    cp = (
        "<ChildProtectionPlans><CPPstartDate>{}</CPPstartDate><InitialCategoryOfAbuse>NEG"
        "</InitialCategoryOfAbuse><LatestCategoryOfAbuse>NEG</LatestCategoryOfAbuse>"
        "<NumberOfPreviousCPP>0</NumberOfPreviousCPP></ChildProtectionPlans>"
    )
    data = census(
        2024,
        child(
            "CP2", episode("2023-05-01", inner=cp.format("2023-06-01") + cp.format("2023-09-01"))
        ),
    )
    outcome = import_file(data, by=persona[Role.DATA_OFFICER])
    assert "more than one open child protection plan" in outcome.rejected[0][1][0]


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
