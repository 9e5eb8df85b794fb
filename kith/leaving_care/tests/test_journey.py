"""A care leaver's support page by page: set up (refused for someone never looked after), the
personal adviser's caseload, contact, the birthday check (refused outside its window, what was
typed kept), staying put, the pathway plan and its letter, and the deadlines that follow; a case
does not close while support is open."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kith.accounts.roles import Role
from kith.care import actions as care
from kith.care.tests.builders import problems_on
from kith.leaving_care.models import AdviserContact, BirthdayCheck, CareLeaver, LivingArrangement
from kith.leaving_care.status import birthday
from kith.permanence.tests.builders import into_care
from kith.test import date_fields, make_case, make_person, make_user, page_text, signed_in_client
from kith.timescales.models import Deadline

pytestmark = pytest.mark.django_db


@pytest.fixture
def young_person(persona):
    """Jade, 18 and a half: looked after from 15 until her 18th birthday, her case still open."""
    worker = persona[Role.SOCIAL_WORKER]
    today = timezone.localdate()
    born = today - timedelta(days=int(18.5 * 365.25))
    jade = make_person(first_name="Jade", family_name="Rowe", date_of_birth=born)
    case = make_case(jade, worker=worker, referral_date=birthday(born, 15) - timedelta(days=20))
    period = into_care(case, birthday(born, 15), worker)
    care.end_care(period, by=worker, version=None, ended_on=birthday(born, 18), end_reason="E17")
    adviser = make_user(Role.PERSONAL_ADVISER, first_name="Priya", last_name="Shah")
    adviser.team = None
    adviser.save()
    return case, adviser, born, today


def _error_at(page: str, field: str, message: str) -> bool:
    at = page.find(f'id="id_{field}-error"')
    return at >= 0 and message in page[at : at + 500]


def test_setting_up_support_and_the_advisers_work(young_person, persona):
    case, adviser, born, today = young_person
    worker = signed_in_client(persona[Role.SOCIAL_WORKER])
    page = page_text(worker.get(reverse("recording:case", args=[case.pk])))
    assert "former relevant" in page
    assert "Set up leaving care support" in page
    response = worker.post(
        reverse("leaving_care:start", args=[case.pk]),
        {**date_fields("started_on", today - timedelta(days=90)), "adviser": adviser.pk},
    )
    assert response.status_code == 302, problems_on(response)
    leaver = CareLeaver.objects.get()
    assert (leaver.adviser, leaver.adviser_since) == (adviser, today - timedelta(days=90))
    # The adviser's caseload: Jade, contact overdue (8 weeks from when support began).
    pa = signed_in_client(adviser)
    page = page_text(pa.get(reverse("leaving_care:caseload")))
    assert "Jade Rowe" in page
    assert "Overdue" in page
    # The adviser records contact.
    response = pa.post(
        reverse("leaving_care:contact", args=[leaver.pk]),
        {**date_fields("contacted_on", today), "method": "met", "note": "Settling in at the flat."},
    )
    assert response.status_code == 302, problems_on(response)
    assert AdviserContact.objects.get().note == "Settling in at the flat."
    # The 18th birthday check: outside its window it is refused, and what was typed is kept.
    url = reverse("leaving_care:birthday", args=[leaver.pk, 18])
    typed = {
        **date_fields("checked_on", birthday(born, 18) + timedelta(days=45)),
        "in_touch": "YES",
        "activity": "F2",
        "accommodation": "Z",
        "suitable": "yes",
        "note": "Staying put with Mrs Okafor",
    }
    response = pa.post(url, typed)
    page = page_text(response)
    assert response.status_code == 200
    assert _error_at(page, "checked_on", "3 months before to 1 month after")
    assert "Staying put with Mrs Okafor" in page
    assert not BirthdayCheck.objects.exists()
    response = pa.post(url, {**typed, **date_fields("checked_on", birthday(born, 18))})
    assert response.status_code == 302, problems_on(response)
    check = BirthdayCheck.objects.get()
    assert (check.in_touch, check.accom_code) == ("YES", "Z1")
    # Staying put.
    response = pa.post(
        reverse("leaving_care:arrangement", args=[leaver.pk]),
        {
            "kind": "staying_put",
            **date_fields("started_on", birthday(born, 18)),
            "with_whom": "Mrs Okafor",
        },
    )
    assert response.status_code == 302, problems_on(response)
    assert LivingArrangement.objects.get().kind == "staying_put"
    # The pathway plan, written by the adviser in the young person's case.
    response = pa.post(
        reverse("recording:new", args=[case.pk, "pathway-plan"]),
        {**date_fields("agreed_on", today), "about_me": "I want to be a nurse.", "submit": "1"},
    )
    assert response.status_code == 302, problems_on(response)
    page = page_text(pa.get(reverse("leaving_care:leaver", args=[leaver.pk])))
    assert "Pathway plan" in page
    assert "Priya Shah" in page
    rules = set(Deadline.objects.filter(case=case).values_list("rule", flat=True))
    assert {"adviser-contact", "in-touch"} <= rules


def test_support_is_refused_for_someone_never_looked_after(persona):
    worker = persona[Role.SOCIAL_WORKER]
    case = make_case(
        make_person(first_name="Dan", date_of_birth=timezone.localdate() - timedelta(days=7000)),
        worker=worker,
    )
    client = signed_in_client(worker)
    response = client.post(
        reverse("leaving_care:start", args=[case.pk]),
        date_fields("started_on", timezone.localdate()),
    )
    page = page_text(response)
    assert response.status_code == 200
    assert "is not a care leaver" in page
    assert not CareLeaver.objects.exists()


def test_the_case_stays_open_while_support_is_open(young_person, persona):
    case, adviser, _born, today = young_person
    from kith.leaving_care.actions import start_support
    from kith.leaving_care.rules import open_support_blocks_closure

    start_support(case, by=persona[Role.SOCIAL_WORKER], started_on=today, adviser=adviser)
    assert open_support_blocks_closure(case)


def test_the_letter_is_a_pdf_and_the_print_is_audited(young_person, persona):
    case, adviser, _born, today = young_person
    from kith.audit.models import AuditEvent
    from kith.leaving_care.actions import start_support

    leaver = start_support(case, by=persona[Role.SOCIAL_WORKER], started_on=today, adviser=adviser)
    response = signed_in_client(adviser).get(reverse("leaving_care:letter", args=[leaver.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(verb="letter_printed").count() == 1


def test_the_letter_speaks_to_the_young_person(young_person, persona):
    case, adviser, _born, today = young_person
    from django.template.loader import render_to_string

    from kith.leaving_care.actions import start_support
    from kith.leaving_care.queries import leaving

    leaver = start_support(case, by=persona[Role.SOCIAL_WORKER], started_on=today, adviser=adviser)
    html = render_to_string(
        "leaving_care/letter.html",
        {
            "found": leaver,
            "shown": leaving(case.child, today),
            "authority_name": "Westholm",
            "printed": today,
        },
    )
    assert "Dear Jade," in html
    assert "Your personal adviser is <strong>Priya Shah</strong>" in html
    assert "until you are 21, or 25 if you ask" in html


def test_ending_support_ends_staying_put_too(young_person, persona):
    case, adviser, _born, today = young_person
    from kith.leaving_care import actions

    leaver = actions.start_support(
        case, by=persona[Role.SOCIAL_WORKER], started_on=today - timedelta(days=30), adviser=adviser
    )
    actions.record_arrangement(
        leaver,
        by=adviser,
        kind="staying_put",
        started_on=today - timedelta(days=30),
        with_whom="Mrs Okafor",
    )
    client = signed_in_client(persona[Role.SOCIAL_WORKER])
    response = client.post(
        reverse("leaving_care:end", args=[leaver.pk]),
        {"version": leaver.version, **date_fields("ended_on", today), "end_reason": "not_wanted"},
    )
    assert response.status_code == 302, problems_on(response)
    assert LivingArrangement.objects.get().ended_on == today


def test_the_advisers_my_work_lists_their_young_people(young_person, persona):
    case, adviser, _born, today = young_person
    from kith.leaving_care.actions import start_support

    start_support(
        case, by=persona[Role.SOCIAL_WORKER], started_on=today - timedelta(days=70), adviser=adviser
    )
    page = page_text(signed_in_client(adviser).get(reverse("accounts:home")))
    assert "Jade Rowe" in page
    assert "be in touch with the young person" in page  # its timescale, overdue
