"""The pathway plan and the care plan are living records: once agreed, each is updated as a
whole and every update is a version (a care plan, once authorised, goes back to the manager);
and neither offers the child in need plan's review page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kith.accounts.roles import Role
from kith.care.plans import CarePlan
from kith.care.tests.builders import problems_on
from kith.leaving_care.models import PathwayPlan
from kith.recording.models import RecordVersion, Status
from kith.test import date_fields, make_case, make_person, page_text, signed_in_client

pytestmark = pytest.mark.django_db


def _update(client, kind, record, **typed):
    return client.post(
        reverse("recording:edit", args=[kind, record.pk]),
        {"action": "submit", "version": record.version, **typed},
    )


def test_an_agreed_pathway_plan_is_updated_as_a_new_version(persona):
    worker = persona[Role.SOCIAL_WORKER]
    case = make_case(
        make_person(date_of_birth=timezone.localdate() - timedelta(days=6900)), worker=worker
    )
    client = signed_in_client(worker)
    today = timezone.localdate()
    response = client.post(
        reverse("recording:new", args=[case.pk, "pathway-plan"]),
        {
            "action": "submit",
            **date_fields("agreed_on", today - timedelta(days=180)),
            "about_me": "I want to be a nurse.",
        },
    )
    assert response.status_code == 302, problems_on(response)
    plan = PathwayPlan.objects.get()
    assert plan.status == Status.FINAL
    page = page_text(client.get(reverse("recording:record", args=["pathway-plan", plan.pk])))
    assert "Update the plan" in page
    assert "Record a review" not in page  # the child in need plan's review, not this plan's
    response = _update(
        client,
        "pathway-plan",
        plan,
        **date_fields("agreed_on", today),
        about_me="I start my nursing course in September.",
    )
    assert response.status_code == 302, problems_on(response)
    plan.refresh_from_db()
    assert (plan.agreed_on, plan.about_me) == (today, "I start my nursing course in September.")
    assert RecordVersion.objects.filter(kind="pathway-plan", record_id=plan.pk).count() == 2


def test_an_authorised_care_plan_is_updated_and_goes_back_to_the_manager(persona):
    worker = persona[Role.SOCIAL_WORKER]
    case = make_case(make_person(), worker=worker)
    today = timezone.localdate()
    plan = CarePlan.objects.create(
        case=case,
        author=worker,
        status=Status.AUTHORISED,
        agreed_on=today - timedelta(days=30),
        needs="Settled at school.",
        permanence_plan="Long-term fostering with the Okafors.",
        permanence_option="long_term_fostering",
    )
    client = signed_in_client(worker)
    response = client.get(reverse("recording:edit", args=["care-plan", plan.pk]))
    assert response.status_code == 200  # not sent back with "make an amendment"
    response = _update(
        client,
        "care-plan",
        plan,
        **date_fields("agreed_on", today),
        needs="Settled; starting secondary school.",
        permanence_plan="Long-term fostering with the Okafors.",
        permanence_option="long_term_fostering",
    )
    assert response.status_code == 302, problems_on(response)
    plan.refresh_from_db()
    assert plan.status == Status.SUBMITTED
    assert plan.needs == "Settled; starting secondary school."
