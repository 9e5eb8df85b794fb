"""Importing earlier CIN census returns: a round trip (import, then export the same year) gives
back the same children, episodes and dates; bad files are refused with every reason and nothing
is half-imported. Children Kith already knows, and later years' returns, are in
test_import_matching.py."""

from __future__ import annotations

import io
from dataclasses import astuple
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kith.accounts.roles import Role
from kith.audit.models import AuditEvent
from kith.audit.verbs import Verb
from kith.cases.models import Case
from kith.people.models import Person
from kith.returns.census import CensusChild, CollectionYear, in_year
from kith.returns.cin_import import import_file, parse, writing
from kith.returns.exports import write_cin_census

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "data" / "fixtures"


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


def canonical(child: CensusChild) -> tuple:
    """A child's census content, without Kith's own record numbers."""
    episodes = []
    for e in child.episodes:
        kith_nfa = e.no_further_action and e.reason == "RC8" and e.closed == e.referral
        episodes.append(
            (
                e.referral,
                e.source or "10",
                e.need,
                None if kith_nfa else e.closed,
                "" if kith_nfa else e.reason,
                e.no_further_action,
                e.conference,
                sorted((a.started, a.authorised, tuple(sorted(a.factors))) for a in e.assessments),
                sorted((p.started, p.ended) for p in e.plans),
                sorted((s.started, s.target, s.conference, s.not_required) for s in e.enquiries),
                sorted(astuple(p)[1:] for p in e.protection_plans),
            )
        )
    return (
        child.upn,
        child.former_upn,
        child.upn_unknown,
        child.birth,
        child.expected_birth if child.birth is None else None,
        child.sex,
        child.death,
        child.ethnicity,
        tuple(child.disabilities),
        tuple(sorted(episodes)),
    )


def content(children: list[CensusChild], year: CollectionYear) -> dict[str, tuple]:
    found = {}
    for c in children:
        scoped = in_year(c, year)
        if scoped is not None:
            found[c.la_child_id] = canonical(scoped)
    return found


@pytest.mark.parametrize(
    ("name", "years", "least"),
    [("fake_CIN_data.xml", (2019, 2020, 2021, 2022), 150), ("cin-2022.xml", (1971,), 1)],
)
def test_importing_then_exporting_the_same_year_gives_an_equivalent_file(
    persona, name, years, least
):
    data = (FIXTURES / name).read_bytes()
    outcome = import_file(data, by=persona[Role.DATA_OFFICER], name=name, skip_rejected=True)
    assert not outcome.refused and outcome.imported
    kept = [c.child for c in parse(data).children if not c.problems]
    compared = 0
    for year in map(CollectionYear, years):
        expected = content(kept, year)
        out = io.StringIO()
        write_cin_census(year, out)
        exported = content([c.child for c in parse(out.getvalue().encode()).children], year)
        assert exported == expected, year
        compared += len(expected)
    assert compared >= least


def test_an_imported_child_is_findable_and_has_a_history(persona):
    import_file((FIXTURES / "cin-2022.xml").read_bytes(), by=persona[Role.DATA_OFFICER])
    child = Person.objects.get(identifiers__value="DfEX0000001")
    case = child.cases.get()
    assert child.family_name == "Census child DfEX0000001" and child.sex == "M"
    assert case.assessments.exists() and case.cp_plans.exists() and case.enquiries.exists()
    assert AuditEvent.objects.filter(verb=Verb.CENSUS_IMPORTED, person=child).exists()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"this is not xml", "is not readable XML"),
        (b"<Message><Header/></Message>", "is not a children in need census return"),
        (b"<Root><Children/></Root>", "is not a children in need census return"),
        (
            b"<Message><Header><CollectionDetails/></Header><Children/></Message>",
            "has no reference date",
        ),
    ],
)
def test_a_file_that_is_not_a_census_is_refused_whole(persona, content, reason):
    outcome = import_file(content, by=persona[Role.DATA_OFFICER], name="bad.xml")
    assert reason in outcome.refused and outcome.imported == 0


def test_unknown_codes_and_impossible_dates_are_reported_and_nothing_is_imported(persona):
    people = Person.objects.count()
    outcome = import_file(
        (FIXTURES / "CIN_Census_2024.xml").read_bytes(),
        by=persona[Role.DATA_OFFICER],
        name="CIN_Census_2024.xml",
    )
    assert "Nothing was imported" in outcome.refused
    reasons = dict(outcome.rejected)
    assert "Sex '1' is not a census code (M, F or U)" in reasons["DfEX0000001"]
    assert "Assessment factor 'RB' is not a census code" in reasons["DfEX0000001"]
    assert any("after the file was made" in r for r in reasons["DfEX0000001"])
    assert any("not up to 20 letters" in r for r in reasons["child_fails_assessments"])
    assert Person.objects.count() == people and not Case.objects.exists()
    before_1900 = import_file(
        (FIXTURES / "CIN_Census_2021.xml").read_bytes(), by=persona[Role.DATA_OFFICER]
    )
    assert "Expected date of birth 1066-04-13 is before 1900" in before_1900.rejected[0][1]


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


def test_one_rejected_child_keeps_the_whole_file_out_unless_asked(persona):
    data = (FIXTURES / "fake_CIN_data.xml").read_bytes()
    strict = import_file(data, by=persona[Role.DATA_OFFICER])
    assert strict.refused and not Case.objects.exists()
    assert len(strict.rejected) == 9
    lenient = import_file(data, by=persona[Role.DATA_OFFICER], skip_rejected=True)
    assert lenient.imported == 323 and not lenient.refused


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


def test_a_failure_part_way_leaves_nothing_half_imported(persona, monkeypatch):
    real = writing._records
    calls = []

    def fail_on_the_third(*args):
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("disk full")
        return real(*args)

    monkeypatch.setattr(writing, "_records", fail_on_the_third)
    with pytest.raises(RuntimeError):
        import_file(
            (FIXTURES / "fake_CIN_data.xml").read_bytes(),
            by=persona[Role.DATA_OFFICER],
            skip_rejected=True,
        )
    assert not Case.objects.exists()
    assert not Person.objects.filter(family_name__startswith="Census child").exists()


def test_the_command_reports_each_file(persona):
    out = io.StringIO()
    call_command("import_cin_census", str(FIXTURES / "cin-2022.xml"), stdout=out)
    assert "imported 1 child (0 already in Kith), 1 case" in out.getvalue()
    out = io.StringIO()
    with pytest.raises(CommandError, match="1 file was not imported"):
        call_command("import_cin_census", str(FIXTURES / "CIN_Census_2021.xml"), stdout=out)
    assert "rejected DfEX0000001" in out.getvalue()
    with pytest.raises(CommandError, match="There is no file"):
        call_command("import_cin_census", "/nowhere.xml")
