"""Each SSDA903 check on the care page, at its edges (the validator's, both sides), from periods
built as the care page reads them; and the care page showing a problem with its fix."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from kith.accounts.roles import Role
from kith.care import checks
from kith.care.actions import Coming, come_into_care
from kith.care.checks_base import CHECKS, Fix
from kith.care.episodes import Stability, episodes
from kith.care.models import CarePeriod, CareReview, LegalStatusChange, MissingEpisode, Placement
from kith.care.queries import LookedAfter
from kith.people.models import Person
from kith.test import make_case, make_person, page_text, signed_in_client

TODAY = date(2025, 10, 15)  # in the collection year 1 April 2025 to 31 March 2026
START = date(2025, 5, 1)
DAY = timedelta(days=1)
PLACEMENT = {"kind": "U6", "provider": "PR1", "carer": "The Okafors", "urn": "123456"}
PLACEMENT |= {"postcode": "WH1 3DE", "home_postcode": "WH1 2AB"}
CHILD = {"date_of_birth": date(2012, 6, 1), "sex": "F", "ethnicity": "WBRI", "upn": "A123456789012"}
CHILD |= {"first_name": "Ellie", "family_name": "Jones"}
MIRRORED = {
    *("102", "103", "168", "209", "232", "302", "304", "352", "359", "442", "358", "361"),
    *("362", "363", "364", "378", "381", "386", "387", "389", "390", "407", "408", "460"),
    *("365", "366", "375", "376", "377", "379", "380", "382", "383", "384", "214", "217"),
    *("218", "222", "225", "234", "242", "336", "371", "372", "373", "374", "392b", "392d"),
    *("398", "526", "527", "528", "529", "530", "531", "550", "440", "441", "575", "577"),
    *("578", "580", "581", "586", "435", "436"),
}


def at(days: int) -> date:
    return START + days * DAY


def child(**fields: Any) -> Person:
    return Person(pk=7, **{**CHILD, **fields})


def pl(days: int = 0, kind: str = "U6", **fields: Any) -> Placement:
    return Placement(started_on=at(days), **{**PLACEMENT, "kind": kind, **fields})


def tmp(days: int, kind: str = "T0", **fields: Any) -> Placement:
    return pl(days, kind, **{"urn": "", "provider": "", **fields})


def shown(
    *placements: Placement,
    person: Person | None = None,
    statuses: tuple[tuple[str, date], ...] = (("C2", START),),
    ended: date | None = None,
    reason: str = "",
    reviews: tuple[CareReview, ...] = (),
    missing: tuple[MissingEpisode, ...] = (),
    **fields: Any,
) -> LookedAfter:
    begun = statuses[0][1]
    period = CarePeriod(pk=3, started_on=begun, ended_on=ended, end_reason=reason, **fields)
    period.child = person or child()
    rows = [LegalStatusChange(status=s, started_on=d) for s, d in statuses]
    placed = list(placements or (Placement(started_on=begun, **PLACEMENT),))
    return LookedAfter(
        period=period,
        status=None,
        placement=None,
        placements=placed,
        statuses=rows,
        episodes=episodes(period, rows, placed),
        stability=Stability(0, None),
        reviews=list(reviews),
        missing=list(missing),
    )


def by(*statuses: tuple[str, int], **more: Any) -> Callable[..., LookedAfter]:
    """A period under these legal statuses (from START plus days)."""
    return lambda *placements, **fields: shown(
        *placements, statuses=tuple((s, at(d)) for s, d in statuses), **more, **fields
    )


def codes(looked: LookedAfter, today: date = TODAY) -> list[str]:
    return [p.code for p in checks.for_period(looked, today)]


def found(looked: LookedAfter, code: str, today: date = TODAY) -> checks.Problem:
    return next(p for p in checks.for_period(looked, today) if p.code == code)


def missing(start: int, back: int | None) -> MissingEpisode:
    back_on = at(back) if back is not None else None
    return MissingEpisode(pk=11, kind="M", started_on=at(start), ended_on=back_on)


def review(day: date, code: str, born: date = date(2021, 6, 1)) -> LookedAfter:
    young = child(date_of_birth=born, upn="")  # 4 on 1 June 2025
    return shown(person=young, reviews=(CareReview(held_on=day, participation=code),))


def dob(born: date, **fields: Any) -> Person:
    return child(date_of_birth=born, **fields)


def years_before(day: date, years: int) -> date:
    return day.replace(year=day.year - years)


def uasc_until(until: date) -> LookedAfter:
    return shown(person=dob(date(2007, 6, 1)), unaccompanied=True, unaccompanied_until=until)


def custody(born: date) -> LookedAfter:
    went = pl(0, change_reason="CUSTOD")
    return shown(went, pl(5, "R5", provider="PR3", urn=""), person=dob(born))


def missing_at_18(reason: str) -> LookedAfter:
    person = dob(date(2007, 5, 11))  # 18 on the day care ended
    return shown(person=person, ended=at(10), reason=reason, missing=(missing(2, 10),))


V3 = by(("V3", 0))  # short breaks
MOVED = (pl(0, change_reason="CARPL"), pl(10))
ENDED = {"ended": at(10), "reason": "E8"}

# (rule, whether it is found, the period as it is today): each rule both sides of its edge,
# as the validator draws it.
CASES: list[tuple[str, bool, Callable[[], LookedAfter]]] = [
    ("102", True, lambda: shown(person=child(date_of_birth=None))),
    ("103", True, lambda: shown(person=child(ethnicity=""))),
    ("103", False, lambda: shown(person=child(ethnicity="NOBT"))),
    ("232", True, lambda: shown(person=child(sex="U"))),
    ("232", False, lambda: shown(person=child(sex="M"))),
    ("168", True, lambda: shown(person=child(upn="I123456789012"))),
    ("168", False, lambda: shown(person=child(upn="A12345678901B"))),
    ("168", True, lambda: shown(person=child(upn="", upn_unknown="UN7"))),
    ("168", False, lambda: shown(person=child(upn="", upn_unknown="UN5"))),
    ("442", True, lambda: shown(person=child(upn=""))),
    # Under 5 on 31 March: the return writes UN1 (not of school age) itself.
    ("442", False, lambda: shown(person=dob(date(2021, 4, 1), upn=""))),
    ("442", True, lambda: shown(person=dob(date(2021, 3, 31), upn=""))),
    ("442", False, lambda: V3(person=child(upn=""))),  # no UPN asked for short breaks
    # 4 by 31 August 2024, before this collection year began.
    ("209", True, lambda: shown(person=dob(date(2020, 8, 31), upn="", upn_unknown="UN1"))),
    ("209", False, lambda: shown(person=dob(date(2020, 9, 1), upn="", upn_unknown="UN1"))),
    ("302", True, lambda: shown(person=dob(at(1)))),
    ("302", False, lambda: shown(person=dob(START))),
    ("352", True, lambda: shown(person=dob(date(2007, 5, 1)))),
    ("352", False, lambda: shown(person=dob(date(2007, 5, 2)))),
    ("359", True, lambda: shown(person=dob(date(2007, 10, 14)))),
    ("359", False, lambda: shown(person=dob(date(2007, 10, 15)))),
    ("359", False, lambda: by(("V2", 0))(pl(0, "K2"), person=dob(date(2007, 10, 14)))),
    ("359", False, lambda: shown(person=dob(date(2007, 10, 14)), ended=TODAY, reason="E8")),
    ("304", True, lambda: uasc_until(date(2025, 6, 2))),  # 18 on 1 June 2025
    ("304", False, lambda: uasc_until(date(2025, 6, 1))),
    # Police protection joined across the period, as the validator does; each order of
    # assessment by itself.
    ("361", True, lambda: by(("L1", 0), ("C1", 1), ("L1", 2), ("C2", 4))()),
    ("363", False, lambda: by(("L3", 0), ("C1", 1), ("L3", 2), ("C2", 4))()),
    ("358", True, lambda: by(("J1", 0))(person=dob(date(2015, 5, 1)))),
    ("358", False, lambda: by(("J1", 0))(person=dob(date(2015, 4, 30)))),
    ("378", True, lambda: by(("V2", 0))(pl(0, "P1", provider="PR0", urn=""))),
    ("378", False, lambda: by(("C2", 0))(pl(0, "P1", provider="PR0", urn=""))),
    ("408", True, lambda: shown(pl(0, "A5"))),
    ("408", True, lambda: by(("D1", 0))(pl(0, "A6"))),
    ("408", False, lambda: by(("E1", 0))(pl(0, "A5"))),
    ("407", False, lambda: shown(person=dob(date(2007, 5, 11)), ended=at(10), reason="E45")),
    ("407", True, lambda: shown(person=dob(date(2007, 5, 10)), ended=at(10), reason="E48")),
    ("390", True, lambda: shown(ended=at(10), reason="E12")),
    ("390", False, lambda: shown(pl(0, "A4"), ended=at(10), reason="E12")),
    ("381", True, lambda: shown(pl(0), tmp(5, "T1"), ended=at(10), reason="E4A")),
    ("381", False, lambda: shown(ended=at(10), reason="E4A")),
    ("377", False, lambda: shown(pl(0), tmp(1, "T3"), pl(5), tmp(11, "T3"), pl(15))),
    ("377", True, lambda: shown(pl(0), tmp(1, "T3"), pl(5), tmp(11, "T3"), pl(15), tmp(21, "T3"))),
    ("380", False, lambda: shown(pl(0), tmp(1))),
    ("380", True, lambda: shown(pl(0), tmp(1, same_carer=True))),
    ("380", True, lambda: shown(tmp(0))),
    ("383", False, lambda: shown(pl(0), tmp(1, "T2"), pl(5, change_reason=""))),
    ("383", True, lambda: shown(pl(0), tmp(1, "T2"), pl(5, postcode="WH9 9ZZ"))),
    ("383", True, lambda: shown(pl(0), tmp(1, "T2"), pl(5, "U4"))),
    ("383", True, lambda: shown(pl(0), tmp(1, "T2"), pl(5, same_carer=True))),
    # A blank postcode never matches, as in the validator.
    ("383", True, lambda: shown(pl(0, postcode=""), tmp(1, "T2"), pl(5, postcode=""))),
    ("382", True, lambda: by(("V4", 0))(pl(0, "T0"))),
    ("382", False, lambda: V3()),
    ("384", True, lambda: V3(pl(0, "U4"))),
    ("384", False, lambda: V3(pl(0, "U6"))),
    ("365", False, lambda: V3(ended=at(17), reason="E8")),
    ("365", True, lambda: V3(ended=at(18), reason="E8")),
    ("366", True, lambda: V3(pl(0), pl(2), ended=at(5), reason="E8")),
    ("366", False, lambda: V3(ended=at(5), reason="E8")),
    ("392b", True, lambda: shown(pl(0, home_postcode=""))),
    ("392b", True, lambda: shown(pl(0, postcode=""))),
    ("392b", False, lambda: shown(pl(0, home_postcode=""), unaccompanied=True)),
    ("392b", False, lambda: V3(pl(0, home_postcode=""))),
    ("392d", True, lambda: shown(pl(0, home_postcode="wh1 3de"))),
    ("392d", False, lambda: shown(pl(0, "P1", provider="PR0", urn="", home_postcode="WH1 3DE"))),
    ("214", True, lambda: V3(pl(0, postcode="", home_postcode=""))),
    ("214", False, lambda: V3(pl(0, postcode="", urn=""))),
    ("398", True, lambda: V3(pl(0, postcode="", urn=""))),
    ("398", False, lambda: V3(pl(0, postcode="", home_postcode=""))),
    ("218", True, lambda: shown(pl(0, urn=""))),
    ("218", False, lambda: shown(pl(0, "R1", urn=""))),
    # The validator's own rules disagree: 218 asks a URN of such a placement even for short
    # breaks, where 214 refuses one. The page says what each says.
    ("218", True, lambda: V3(pl(0, postcode="", home_postcode="", urn=""))),
    ("222", True, lambda: shown(pl(0, "R1"))),
    ("222", False, lambda: shown(pl(0, "R1", urn="XXXXXXX"))),
    ("242", True, lambda: shown(pl(0, "K2", urn="XXXXXXX"))),
    ("242", False, lambda: shown(pl(0, urn="XXXXXXX"))),
    ("526", True, lambda: shown(pl(0, "P1", provider="", urn=""))),
    ("526", True, lambda: shown(pl(0, provider=""))),
    ("526", False, lambda: shown(pl(0), tmp(1, "T4"))),
    ("527", True, lambda: shown(pl(0, "R2", urn=""))),
    ("527", False, lambda: shown(pl(0, "R2", provider="PR4", urn=""))),
    ("528", True, lambda: shown(pl(0, "R5", provider="PR2", urn=""))),
    ("528", False, lambda: shown(pl(0, "R5", provider="PR3", urn=""))),
    ("529", True, lambda: shown(pl(0, "K2", provider="PR3"))),
    ("529", False, lambda: shown(pl(0, "R2", provider="PR3", urn=""))),
    ("530", True, lambda: shown(pl(0, "P1", provider="PR4", urn=""))),
    ("531", True, lambda: shown(pl(0, "P1", provider="PR5", urn=""))),
    ("531", False, lambda: shown(pl(0, "P1", provider="PR0", urn=""))),
    ("550", True, lambda: shown(pl(0, provider="PR0"))),
    ("550", False, lambda: shown(pl(0), tmp(1, provider="PR0"))),  # written blank
    ("435", True, lambda: shown(*MOVED)),  # a new carer, but the return sees no change
    ("435", False, lambda: shown(pl(0), pl(10, urn=""), pl(20, urn=""))),  # blanks never match
    ("436", True, lambda: by(("C1", 0), ("C2", 10))(pl(0, urn=""), pl(10, urn=""))),
    ("436", False, lambda: by(("C1", 0), ("C2", 10))(*MOVED[:1], pl(10, "U4"))),
    ("217", True, lambda: by(("E1", 0))(pl(0), pl(5, "A5"))),
    ("217", False, lambda: by(("E1", 0))(pl(0), pl(5, "A5", same_carer=True))),
    ("336", False, lambda: shown(pl(0), pl(5, "A4"))),
    ("336", True, lambda: shown(pl(0, "K2"), pl(5, "A4"))),
    ("336", False, lambda: shown(pl(0, "A3"))),  # the child's first episode
    ("225", False, lambda: shown(*MOVED)),
    ("225", True, lambda: shown(pl(0), pl(10))),
    ("225", False, lambda: shown(pl(0, change_reason="CARPL"), tmp(1), pl(5))),
    ("234", True, lambda: custody(date(2015, 5, 2))),  # 10 the day after
    ("234", False, lambda: custody(date(2015, 5, 1))),
    ("440", False, lambda: review(date(2025, 6, 1), "PN0")),
    ("440", True, lambda: review(date(2025, 6, 2), "PN0")),
    ("440", False, lambda: review(date(2025, 3, 2), "PN0", date(2021, 2, 1))),  # last year
    ("441", False, lambda: review(date(2025, 6, 1), "PN1")),
    ("441", True, lambda: review(date(2025, 5, 31), "PN1")),
    ("586", True, lambda: shown(person=dob(START, upn=""), missing=(missing(0, 1),))),
    ("586", False, lambda: shown(person=dob(START, upn=""), missing=(missing(1, 2),))),
    ("578", True, lambda: shown(**ENDED, missing=(missing(11, 12),))),
    ("578", False, lambda: shown(**ENDED, missing=(missing(10, 10),))),
    ("581", True, lambda: shown(missing=(missing(-1, 1),))),
    ("581", False, lambda: shown(missing=(missing(0, 1),))),
    ("575", True, lambda: shown(*MOVED, missing=(missing(10, None),))),
    ("575", False, lambda: shown(*MOVED, missing=(missing(11, None),))),
    ("575", False, lambda: shown(*MOVED, missing=(missing(2, 3),))),
    ("577", True, lambda: shown(**ENDED, missing=(missing(2, None),))),
    ("577", True, lambda: shown(**ENDED, missing=(missing(2, 11),))),
    ("577", False, lambda: shown(**ENDED, missing=(missing(2, 10),))),
    ("580", True, lambda: missing_at_18("E4B")),
    ("580", False, lambda: missing_at_18("E8")),
]


@pytest.mark.parametrize(("code", "wrong", "period"), CASES)
def test_each_check_at_its_edges(code, wrong, period):
    assert (code in codes(period())) is wrong


def test_every_rule_mirrored_has_its_cases():
    registered = {code for rule_codes, _ in CHECKS for code in rule_codes}
    assert registered == MIRRORED
    tested = {code for code, _, _ in CASES} | {*ORDERS, *TEMPORARY, *AGES, *END_AGES}
    assert tested == MIRRORED


def test_a_well_recorded_period_has_no_problems():
    assert codes(shown()) == []


def test_only_the_collection_year_holding_today_counts():
    no_urn = shown(pl(0, urn=""), pl(10, "U4"))
    assert "218" in codes(no_urn)
    assert "218" not in codes(no_urn, today=date(2026, 4, 1))  # it ended last year
    earlier = by(("C2", -300))(person=child(sex="U"), ended=date(2025, 3, 31), reason="E4A")
    assert codes(earlier) == []
    assert codes(earlier, today=date(2025, 3, 31)) == ["232"]


def test_one_problem_for_a_placement_across_episodes():
    assert codes(by(("C1", 0), ("C2", 5))(pl(0, urn=""))) == ["218"]


ORDERS = {"361": ("L1", 3), "362": ("L2", 21), "363": ("L3", 7), "364": ("J2", 21)}


@pytest.mark.parametrize("code", ORDERS)
def test_361_to_364_short_orders_last_so_long(code):
    status, days = ORDERS[code]
    assert code not in codes(by((status, 0), ("C1", days))())
    assert code in codes(by((status, 0), ("C1", days + 1))())
    still = by((status, 0))()
    assert code not in codes(still, at(days))
    fix = found(still, code, at(days + 1)).fix
    assert fix is not None and fix.url == reverse("care:legal_status", args=[3])


TEMPORARY = {"375": ("T1", 42), "376": ("T3", 21), "379": ("T4", 7)}


@pytest.mark.parametrize("code", TEMPORARY)
def test_375_376_379_temporary_placements_are_short(code):
    kind, days = TEMPORARY[code]
    assert code not in codes(shown(pl(0), tmp(1, kind), pl(1 + days)))
    assert code in codes(shown(pl(0), tmp(1, kind), pl(2 + days)))
    still = shown(pl(0), tmp(1, kind))
    assert code not in codes(still, at(1 + days))
    fix = found(still, code, at(2 + days)).fix
    assert fix is not None and fix.url == reverse("care:move", args=[3])


AGES = {"371": ("K3", 16), "372": ("R5", 10), "373": ("S1", 4), "374": ("P3", 14)}


@pytest.mark.parametrize("code", AGES)
def test_371_to_374_old_enough_for_the_placement(code):
    kind, years = AGES[code]
    assert code not in codes(shown(pl(0, kind), person=dob(years_before(START, years))))
    assert code in codes(shown(pl(0, kind), person=dob(years_before(at(1), years))))


END_AGES = {"386": ("E11", 18, False), "387": ("E5", 14, True), "389": ("E7", 16, True)}
END_AGES |= {"460": ("E17", 18, True)}


@pytest.mark.parametrize("code", END_AGES)
def test_386_387_389_460_why_care_ended_for_the_age(code):
    reason, years, wrong_the_day_before = END_AGES[code]

    def ended_turning(turned: date) -> list[str]:
        person = dob(years_before(turned, years))
        return codes(shown(pl(0, "A4"), person=person, ended=at(10), reason=reason))

    assert (code in ended_turning(at(10))) is not wrong_the_day_before
    assert (code in ended_turning(at(11))) is wrong_the_day_before


def fix(looked: LookedAfter, code: str) -> str | None:
    found_fix = found(looked, code).fix
    return found_fix.url if found_fix else None


def test_fixes_go_to_the_page_that_puts_it_right():
    assert found(shown(person=child(date_of_birth=None)), "102").fix == Fix(
        "Add the date of birth", reverse("people:change_identity", args=[7])
    )
    assert fix(shown(person=child(ethnicity="")), "103") == reverse(
        "people:change_background", args=[7]
    )
    assert fix(shown(person=dob(date(2007, 10, 14))), "359") == reverse("care:end", args=[3])
    assert fix(uasc_until(date(2025, 6, 2)), "304") == reverse("care:details", args=[3])
    assert fix(shown(**ENDED, missing=(missing(11, 12),)), "578") == reverse(
        "care:edit_missing", args=[11]
    )
    # Once care has ended, a move or a legal status cannot be recorded: no link.
    assert fix(by(("V2", 0))(pl(0, "P1", provider="PR0", urn=""), **ENDED), "378") is None
    # Kith has no page to correct a placement once recorded.
    assert fix(shown(pl(0, urn="")), "218") is None
    reason = found(shown(person=child(upn="", upn_unknown="UN7")), "168").message
    assert "UPN ('Referral with no further action')" in reason


@pytest.mark.django_db
def test_the_care_page_shows_a_problem_with_its_fix(persona):
    worker = persona[Role.SOCIAL_WORKER]
    person = make_person(sex="U", upn="A123456789012")
    case = make_case(person, worker=worker, referral_date=timezone.localdate() - timedelta(days=40))
    period = come_into_care(
        [case],
        by=worker,
        coming=Coming(
            started_on=timezone.localdate() - timedelta(days=30),
            legal_status="C1",
            need="N1",
            previous_permanence="Z1",
            placement={**PLACEMENT},
        ),
    )[0]
    page = signed_in_client(worker).get(reverse("care:period", args=[period.pk]))
    text = page_text(page)
    assert "The looked-after children return (SSDA903) will flag this" in text
    assert "The child's sex is recorded as unknown: record it as male or female" in text
    assert "903 rule 232" in text
    assert f'href="{reverse("people:change_identity", args=[person.pk])}"' in page.content.decode()
