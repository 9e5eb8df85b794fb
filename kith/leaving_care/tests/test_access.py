"""leaving_care/access.py and the personal adviser's rule (people/access.py and cases/access.py
ONLY_THEIR_OWN, cases/access.py ALSO_RECORD): a personal adviser reads and records for the young
people they advise now, and nobody else. Not their team's cases, not a record of nobody's work,
never with a reason given; when support ends, so does their access. The case's own people still
record.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from kith.accounts.models import User
from kith.accounts.roles import Role
from kith.audit.models import AuditEvent
from kith.audit.verbs import Verb
from kith.care.models import CarePeriod, LegalStatusChange
from kith.cases.access import may_record_on, works_with
from kith.cases.models import Case
from kith.leaving_care.access import advises, advises_in, advising, get_leaver_for
from kith.leaving_care.models import AdviserContact, CareLeaver
from kith.leaving_care.plans import PathwayPlan
from kith.leaving_care.status import birthday
from kith.lib.working_days import add_months
from kith.people.access import may_ask_reason, may_open, may_record_about, standing_access
from kith.people.models import BreakGlass
from kith.test import date_fields, make_case, make_person, make_user, page_text, signed_in_client

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
# What the 403 page says: the refusal in its own words.
REFUSED = "A personal adviser opens only the records of the young people they advise."


def young_person(worker: User, adviser: User | None, name: str) -> CareLeaver | Case:
    """A young person of 19, looked after from 15 to 18, in an open case of the worker's; with
    an adviser, their support since their 18th birthday (else their case)."""
    born = add_months(TODAY, -(12 * 19 + 2))
    child = make_person(first_name=name, family_name="Lowe", date_of_birth=born)
    came_in, left = birthday(born, 15), birthday(born, 18)
    case = make_case(child, worker=worker, referral_date=came_in - timedelta(days=30))
    period = CarePeriod.objects.create(
        case=case,
        child=child,
        started_on=came_in,
        ended_on=left,
        end_reason="E5",
        need="N1",
        recorded_by=worker,
    )
    LegalStatusChange.objects.create(
        period=period, status="C2", started_on=came_in, recorded_by=worker
    )
    if adviser is None:
        return case
    return CareLeaver.objects.create(
        child=child,
        case=case,
        adviser=adviser,
        adviser_since=left,
        started_on=left,
        recorded_by=worker,
    )


@pytest.fixture
def world(persona: dict[str, User]) -> dict[str, Any]:
    """The adviser sits in the allocated worker's team (as close to the team's cases as can be);
    they advise Wren, another adviser advises Noor; both are the worker's cases."""
    worker = persona[Role.SOCIAL_WORKER]
    adviser = make_user(Role.PERSONAL_ADVISER, team=worker.team)
    wren = young_person(worker, adviser, "Wren")
    noor = young_person(worker, make_user(Role.PERSONAL_ADVISER, team=worker.team), "Noor")
    assert isinstance(wren, CareLeaver) and isinstance(noor, CareLeaver)
    return {"worker": worker, "adviser": adviser, "wren": wren, "noor": noor}


def _end(leaver: CareLeaver) -> None:
    leaver.ended_on, leaver.end_reason = TODAY, "not_wanted"
    leaver.save()


def _contact() -> dict[str, str]:
    return {**date_fields("contacted_on", TODAY), "method": "phone", "note": "Settled in"}


def _pathway_plan() -> dict[str, str]:
    return {
        "action": "save",
        "token": "b" * 32,
        **date_fields("agreed_on", TODAY),
        "about_me": "I want to be a nurse",
    }


class AdvisingTests:
    def test_it_advises_the_young_person_of_their_open_support(self, world):
        adviser, wren = world["adviser"], world["wren"]
        assert list(advising(adviser)) == [wren]
        assert advises(adviser, [wren.child_id])
        assert advises_in(adviser, wren.case)
        assert standing_access(adviser, wren.child)
        assert may_record_on(adviser, wren.case)

    def test_not_a_young_person_another_adviser_advises(self, world):
        adviser, noor = world["adviser"], world["noor"]
        assert not advises(adviser, [noor.child_id])
        assert not advises_in(adviser, noor.case)
        assert not standing_access(adviser, noor.child)
        assert not may_record_on(adviser, noor.case)

    def test_only_a_personal_adviser_advises(self, world):
        wren = world["wren"]
        wren.adviser = world["worker"]  # named in the field, but not an adviser by role
        wren.save()
        assert not advises(world["worker"], [wren.child_id])
        assert not advises_in(world["worker"], wren.case)

    def test_their_young_persons_pages_open(self, world):
        client = signed_in_client(world["adviser"])
        wren = world["wren"]
        for url in (
            reverse("leaving_care:leaver", args=[wren.pk]),
            reverse("people:person", args=[wren.child_id]),
            reverse("recording:case", args=[wren.case_id]),
        ):
            assert client.get(url).status_code == 200, url
        assert get_leaver_for(world["adviser"], wren.pk) == wren

    def test_another_young_persons_pages_are_refused_in_words(self, world):
        client = signed_in_client(world["adviser"])
        noor = world["noor"]
        for url in (
            reverse("leaving_care:leaver", args=[noor.pk]),
            reverse("leaving_care:letter", args=[noor.pk]),
            reverse("people:person", args=[noor.child_id]),
            reverse("recording:case", args=[noor.case_id]),
        ):
            response = client.get(url)
            assert response.status_code == 403, url
            assert REFUSED in page_text(response), url
        # Refused, not asked why: no reason page to go to.
        assert not AuditEvent.objects.filter(by=world["adviser"], verb=Verb.REASON_ASKED).exists()


class SupportEndsTests:
    def test_access_ends_when_support_ends(self, world):
        adviser, wren = world["adviser"], world["wren"]
        _end(wren)
        assert not advising(adviser).exists()
        assert not advises(adviser, [wren.child_id])
        assert not advises_in(adviser, wren.case)
        assert not may_record_on(adviser, wren.case)
        assert not may_open(adviser, wren.child)
        client = signed_in_client(adviser)
        for url in (
            reverse("leaving_care:leaver", args=[wren.pk]),
            reverse("people:person", args=[wren.child_id]),
        ):
            assert client.get(url).status_code == 403, url
        response = client.post(reverse("leaving_care:contact", args=[wren.pk]), _contact())
        assert response.status_code == 403
        assert not AdviserContact.objects.exists()

    def test_new_support_with_them_opens_it_again(self, world):
        adviser, wren = world["adviser"], world["wren"]
        _end(wren)
        CareLeaver.objects.create(
            child=wren.child,
            case=wren.case,
            adviser=adviser,
            started_on=TODAY,
            recorded_by=world["worker"],
        )
        assert advises_in(adviser, wren.case)


class NoReasonTests:
    def test_they_may_not_be_asked_for_a_reason(self, world):
        assert not may_ask_reason(world["adviser"])
        assert may_ask_reason(world["worker"])

    def test_the_reason_page_refuses_them_in_words(self, world):
        client = signed_in_client(world["adviser"])
        url = reverse("people:reason", args=[world["noor"].child_id])
        response = client.get(url)
        assert response.status_code == 403
        assert REFUSED in page_text(response)
        response = client.post(url, {"why": "Covering for Noor's adviser this week"})
        assert response.status_code == 403
        assert not BreakGlass.objects.exists()
        # Reading her record is still refused after trying.
        person = reverse("people:person", args=[world["noor"].child_id])
        assert client.get(person).status_code == 403

    def test_a_reason_left_from_before_they_were_an_adviser_opens_nothing(self, world):
        """A social worker gave a reason, then became a personal adviser within the hours it
        lasts: no reason given opens another record for an adviser (people/access.py)."""
        adviser, noor = world["adviser"], world["noor"]
        BreakGlass.objects.create(
            person=noor.child,
            user=adviser,
            reason="Out of hours call about Noor",
            ends_at=timezone.now() + timedelta(hours=8),
        )
        assert not may_open(adviser, noor.child)
        client = signed_in_client(adviser)
        assert client.get(reverse("people:person", args=[noor.child_id])).status_code == 403


class TeamTests:
    def test_their_teams_cases_do_not_open(self, world):
        adviser, worker = world["adviser"], world["worker"]
        assert adviser.team_id == worker.team_id
        case = make_case(make_person(first_name="Arlo"), worker=worker)
        assert not works_with(adviser, [case.child_id])
        assert not standing_access(adviser, case.child)
        assert not may_record_on(adviser, case)
        assert not may_record_about(adviser, case.child)
        client = signed_in_client(adviser)
        for url in (
            reverse("recording:case", args=[case.pk]),
            reverse("people:person", args=[case.child_id]),
        ):
            assert client.get(url).status_code == 403, url

    def test_their_teams_unallocated_case_does_not_open(self, world):
        adviser = world["adviser"]
        case = make_case(make_person(), team=adviser.team, opened_by=world["worker"])
        assert case.worker_id is None
        assert not works_with(adviser, [case.child_id])
        assert not may_record_on(adviser, case)

    def test_nor_does_a_record_of_nobodys_work(self, world):
        adviser = world["adviser"]
        nobody = make_person(first_name="Ivo", date_of_birth=date(1980, 1, 1))
        assert not standing_access(adviser, nobody)
        assert standing_access(world["worker"], nobody)
        client = signed_in_client(adviser)
        assert client.get(reverse("people:person", args=[nobody.pk])).status_code == 403


class RecordingTests:
    def test_they_record_contact_for_their_young_person(self, world):
        wren = world["wren"]
        client = signed_in_client(world["adviser"])
        response = client.post(reverse("leaving_care:contact", args=[wren.pk]), _contact())
        assert response.status_code == 302
        assert response["Location"] == reverse("leaving_care:leaver", args=[wren.pk])
        assert AdviserContact.objects.get().recorded_by == world["adviser"]

    def test_nor_contact_for_another(self, world):
        noor = world["noor"]
        client = signed_in_client(world["adviser"])
        response = client.post(reverse("leaving_care:contact", args=[noor.pk]), _contact())
        assert response.status_code == 403
        assert not AdviserContact.objects.exists()

    def test_they_write_the_pathway_plan_for_their_young_person(self, world):
        wren = world["wren"]
        client = signed_in_client(world["adviser"])
        url = reverse("recording:new", args=[wren.case_id, "pathway-plan"])
        assert client.post(url, _pathway_plan()).status_code == 302
        plan = PathwayPlan.objects.get(case=wren.case)
        assert plan.author == world["adviser"]

    def test_nor_a_pathway_plan_for_another(self, world):
        noor = world["noor"]
        client = signed_in_client(world["adviser"])
        url = reverse("recording:new", args=[noor.case_id, "pathway-plan"])
        assert client.post(url, _pathway_plan()).status_code == 403
        assert not PathwayPlan.objects.exists()

    def test_nor_do_they_take_on_another_young_person(self, world):
        """Naming themselves the adviser is a change to that support: not theirs to make."""
        adviser, noor = world["adviser"], world["noor"]
        response = signed_in_client(adviser).post(
            reverse("leaving_care:support", args=[noor.pk]),
            {"version": noor.version, "adviser": adviser.pk},
        )
        assert response.status_code == 403
        noor.refresh_from_db()
        assert noor.adviser != adviser

    def test_nor_set_up_support_in_another_case(self, world):
        adviser, worker = world["adviser"], world["worker"]
        tamsin = young_person(worker, None, "Tamsin")
        response = signed_in_client(adviser).post(
            reverse("leaving_care:start", args=[tamsin.pk]),
            {**date_fields("started_on", TODAY), "adviser": adviser.pk},
        )
        assert response.status_code == 403
        assert not CareLeaver.objects.filter(case=tamsin).exists()


class TheCasesPeopleTests:
    def test_the_allocated_worker_still_records(self, world):
        wren = world["wren"]
        client = signed_in_client(world["worker"])
        response = client.post(reverse("leaving_care:contact", args=[wren.pk]), _contact())
        assert response.status_code == 302
        assert AdviserContact.objects.get().recorded_by == world["worker"]

    def test_the_team_manager_still_writes_the_pathway_plan(self, world, persona):
        wren = world["wren"]
        manager = persona[Role.TEAM_MANAGER]
        assert may_record_on(manager, wren.case)
        client = signed_in_client(manager)
        url = reverse("recording:new", args=[wren.case_id, "pathway-plan"])
        assert client.post(url, _pathway_plan()).status_code == 302
        assert PathwayPlan.objects.get(case=wren.case).author == manager

    def test_and_records_for_a_young_person_another_adviser_advises(self, world):
        assert may_record_on(world["worker"], world["noor"].case)
