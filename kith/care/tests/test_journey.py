"""Two children through care, page by page: coming into care together (ending the child
protection plan), a move, a new legal status, a review with recommendations, a visit, missing
and back, health and education, and leaving care; the episodes and deadlines that follow."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kith.accounts.roles import Role
from kith.audit.models import AuditEvent
from kith.care.models import CarePeriod, MissingEpisode, Placement
from kith.care.queries import looked_after
from kith.care.tests.builders import coming_into_care, move, problems_on
from kith.protection.models import ProtectionPlan
from kith.test import date_fields, page_text, signed_in_client
from kith.timescales.models import Deadline

pytestmark = pytest.mark.django_db


def test_brothers_and_sisters_come_into_care_from_one_page(family, persona):
    ellie_case, sam_case = family
    plan = ProtectionPlan.objects.create(
        case=ellie_case,
        started_on=ellie_case.referral_date,
        initial_category="NEG",
        latest_category="NEG",
    )
    worker = signed_in_client(persona[Role.SOCIAL_WORKER])
    url = reverse("care:come_into_care", args=[ellie_case.pk])
    page = page_text(worker.get(url))
    assert "Sam Jones (brother)" in page
    assert "End the child protection plan" in page
    day = timezone.localdate() - timedelta(days=30)
    response = worker.post(
        url, coming_into_care(day, also=[str(sam_case.pk)], end_protection_plan="on")
    )
    assert response.status_code == 302, problems_on(response)
    periods = list(CarePeriod.objects.order_by("case_id"))
    assert [p.case_id for p in periods] == [ellie_case.pk, sam_case.pk]
    assert all(p.started_on == day and p.need == "N1" for p in periods)
    placement = Placement.objects.filter(period=periods[0]).get()
    assert (placement.kind, placement.postcode, placement.started_on) == ("U6", "WH1 3DE", day)
    plan.refresh_from_db()
    assert (plan.ended_on, plan.end_reason) == (day, "looked_after")
    assert AuditEvent.objects.filter(verb="came_into_care").count() == 2
    # The deadlines come from the rules: care plan, first review, the placement visit, the
    # health assessment and the education plan.
    rules = set(Deadline.objects.filter(case=ellie_case).values_list("rule", flat=True))
    assert {
        "care-plan",
        "first-care-review",
        "placement-visit",
        "health-assessment",
        "pep",
    } <= rules


def test_a_child_moves_is_reviewed_goes_missing_and_leaves_care(family, persona):
    ellie_case, _ = family
    worker = signed_in_client(persona[Role.SOCIAL_WORKER])
    today = timezone.localdate()
    start = today - timedelta(days=50)
    worker.post(reverse("care:come_into_care", args=[ellie_case.pk]), coming_into_care(start))
    period = CarePeriod.objects.get()
    care_page = reverse("care:period", args=[period.pk])
    assert "Mr and Mrs Okafor" in page_text(worker.get(care_page))

    response = worker.post(
        reverse("care:move", args=[period.pk]), move(start + timedelta(days=10), period.version)
    )
    assert response.status_code == 302, problems_on(response)
    period.refresh_from_db()
    response = worker.post(
        reverse("care:legal_status", args=[period.pk]),
        {
            "version": period.version,
            "status": "C2",
            **date_fields("started_on", start + timedelta(days=20)),
        },
    )
    assert response.status_code == 302, problems_on(response)

    chair = persona[Role.CHAIR]
    response = worker.post(
        reverse("care:new_review", args=[period.pk]),
        {
            **date_fields("held_on", start + timedelta(days=25)),
            "chair": chair.pk,
            "participation": "PN1",
            "discussion": "Settled with Ms Ahmed; school going well.",
            "recommendations-TOTAL_FORMS": "1",
            "recommendations-INITIAL_FORMS": "0",
            "recommendations-0-what": "Arrange time with her grandmother",
            "recommendations-0-who": "Social worker",
            **date_fields("recommendations-0-due_on", today + timedelta(days=10)),
        },
    )
    assert response.status_code == 302, problems_on(response)

    response = worker.post(
        reverse("care:new_missing", args=[period.pk]),
        {
            "kind": "M",
            **date_fields("started_on", today - timedelta(days=5)),
            "still_missing": "on",
        },
    )
    assert response.status_code == 302, problems_on(response)
    assert "Missing: whereabouts not known since" in page_text(worker.get(care_page))
    episode = MissingEpisode.objects.get()
    response = worker.post(
        reverse("care:edit_missing", args=[episode.pk]),
        {
            "version": episode.version,
            "kind": "M",
            **date_fields("started_on", today - timedelta(days=5)),
            **date_fields("ended_on", today - timedelta(days=4)),
            "where_found": "A friend's house",
            "interview_offered": "yes",
            **date_fields("interview_on", today - timedelta(days=3)),
        },
    )
    assert response.status_code == 302, problems_on(response)
    episode.refresh_from_db()
    assert episode.ended_on == today - timedelta(days=4) and episode.interview_offered

    response = worker.post(
        reverse("care:new_check", args=[period.pk]),
        {"kind": "iha", **date_fields("done_on", start + timedelta(days=15))},
    )
    assert response.status_code == 302, problems_on(response)

    shown = looked_after(ellie_case.child, today)
    assert shown is not None
    assert [e.reason_new for e in shown.episodes] == ["S", "P", "L"]
    assert [e.end_reason for e in shown.episodes] == ["X1", "X1", ""]
    assert shown.episodes[0].change_reason == "CARPL"
    assert shown.stability.moves_in_year == 1
    done = dict(
        Deadline.objects.filter(case=ellie_case, done_on__isnull=False).values_list(
            "rule", "done_on"
        )
    )
    assert done["first-care-review"] == start + timedelta(days=25)
    assert done["health-assessment"] == start + timedelta(days=15)

    period.refresh_from_db()
    response = worker.post(
        reverse("care:end", args=[period.pk]),
        {"version": period.version, **date_fields("ended_on", today), "end_reason": "E4A"},
    )
    assert response.status_code == 302, problems_on(response)
    shown = looked_after(ellie_case.child, today)
    assert shown is not None and shown.episodes[-1].end_reason == "E4A"
    assert "returned home to parents, as planned" in page_text(worker.get(care_page))


def test_a_subject_access_bundle_includes_the_child_s_care(family, persona):
    from kith.people.subject_access import bundle

    ellie_case, _ = family
    worker = signed_in_client(persona[Role.SOCIAL_WORKER])
    start = timezone.localdate() - timedelta(days=20)
    worker.post(reverse("care:come_into_care", args=[ellie_case.pk]), coming_into_care(start))
    found = {s.title: s for s in bundle(ellie_case.child, timezone.localdate())}
    care = found["Looked after"]
    texts = [e.text for e in care.entries]
    assert any(t.startswith("Looked after from") for t in texts)
    assert any("Mr and Mrs Okafor" in t for t in texts)
    assert care.flagged >= 1  # the carers' names are about other people


def test_the_care_page_says_how_far_the_placement_is_from_home(family, persona, tmp_path):
    from io import StringIO

    from django.core.management import call_command

    ellie_case, _ = family
    onspd = tmp_path / "onspd.csv"
    onspd.write_text(
        "pcd,pcds,oseast1m,osnrth1m\n"
        "WH1  2AB,WH1 2AB,400000,300000\n"
        "WH1  3DE,WH1 3DE,403000,304000\n"
        "ZZ9  9ZZ,ZZ9 9ZZ,,\n"
    )
    out = StringIO()
    call_command("load_postcode_locations", str(onspd), stdout=out)
    assert "Loaded 2 postcodes (1 without a location skipped)" in out.getvalue()
    worker = signed_in_client(persona[Role.SOCIAL_WORKER])
    start = timezone.localdate() - timedelta(days=20)
    worker.post(reverse("care:come_into_care", args=[ellie_case.pk]), coming_into_care(start))
    page = page_text(worker.get(reverse("care:period", args=[CarePeriod.objects.get().pk])))
    assert "3.1 miles from home" in page  # 5 km


def test_no_distance_without_both_postcodes_known():
    from kith.people.postcodes import distance_in_miles

    assert distance_in_miles("WH1 2AB", "not a postcode") is None
    assert distance_in_miles("WH1 2AB", "WH1 3DE") is None  # not loaded


def test_a_series_of_short_breaks(family, persona):
    from kith.care.codes import LegalStatus

    ellie_case, _ = family
    worker = signed_in_client(persona[Role.SOCIAL_WORKER])
    url = reverse("care:new_short_break", args=[ellie_case.pk])
    today = timezone.localdate()

    def one_break(start, days, **more):  # type: ignore[no-untyped-def]
        return worker.post(
            url,
            {
                **date_fields("started_on", start),
                **date_fields("ended_on", start + timedelta(days=days)),
                "kind": "K2",
                "provider": "PR1",
                "carer": "Willow House",
                "need": "N2",
                **more,
            },
        )

    assert one_break(today - timedelta(days=40), 2).status_code == 302
    assert one_break(today - timedelta(days=20), 17).status_code == 302  # 17 days at most
    too_long = one_break(today - timedelta(days=19), 18)
    assert "A short break lasts at most 17 days" in page_text(too_long)
    overlapping = one_break(today - timedelta(days=39), 1)
    assert "already looked after on some of these days" in page_text(overlapping)
    fostered = one_break(today - timedelta(days=10), 1, kind="U4")
    assert "Select a valid choice" in page_text(fostered)  # not long-term fostering
    breaks = list(CarePeriod.objects.order_by("started_on"))
    assert len(breaks) == 2
    for period in breaks:
        shown = looked_after(ellie_case.child, today)
        assert period.ended_on is not None and period.end_reason == "E4A"
        assert period.statuses.get().status == LegalStatus.SHORT_BREAKS_EACH
    assert shown is not None and [e.reason_new for e in shown.episodes] == ["S"]
    case_page = page_text(worker.get(reverse("recording:case", args=[ellie_case.pk])))
    assert "2 short breaks" in case_page
    # Coming into care is still offered: a break is not being looked after now.
    assert "Record the child coming into care" in case_page
