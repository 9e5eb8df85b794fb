"""The steps of writing a record (views/writing_steps.py) and their named actions
(recording/actions.py): each button on the page reaches its own step, and each action keeps
its version check, its version in the history and its audit event."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from kith.accounts.roles import Role
from kith.audit.models import AuditEvent
from kith.cases.actions import EditConflict
from kith.recording import actions
from kith.recording.models import ChildInNeedPlan, PlanAction, RecordVersion, Status, Visit
from kith.test import date_fields, make_case, make_person, page_text, signed_in_client

pytestmark = pytest.mark.django_db

ACTION = {"what": "Walk to school", "who": "Mum", "by_when": None, "progress": "", "done": False}


@pytest.fixture
def worker(persona):
    return persona[Role.SOCIAL_WORKER]


@pytest.fixture
def case(worker):
    return make_case(make_person(), worker=worker)


def agreed_plan(case, worker):
    return actions.submit_record(
        None,
        model=ChildInNeedPlan,
        case=case,
        by=worker,
        version=None,
        values={"starts_on": timezone.localdate(), "needs": "Routine"},
        actions=[ACTION],
    )


def plan_page(plan, **fields):
    """What the plan's page sends: its answers, one action row, and the button pressed."""
    return {
        "version": str(plan.version),
        **date_fields("starts_on", timezone.localdate()),
        "needs": "A new routine",
        "actions-TOTAL_FORMS": "1",
        "actions-INITIAL_FORMS": "0",
        "actions-0-what": "Bus to school",
        "actions-0-who": "Dad",
        **fields,
    }


def said(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


class NamedActionTests:
    def test_a_draft_is_a_version_and_an_audit_event(self, case, worker):
        visit = actions.save_draft(
            None,
            model=Visit,
            case=case,
            by=worker,
            version=None,
            values={"observations": "First words"},
            typed={"observations": ["First words"]},
        )
        assert (visit.status, visit.draft) == (Status.DRAFT, {"observations": ["First words"]})
        assert RecordVersion.objects.get().what == "Saved as a draft"
        assert AuditEvent.objects.filter(verb="record_saved").count() == 1

    def test_submitting_clears_the_draft_and_says_it_was_recorded(self, case, worker):
        visit = actions.autosave(
            None, model=Visit, case=case, by=worker, version=None, typed={"a": ["1"]}
        )
        actions.submit_record(
            visit,
            model=Visit,
            case=case,
            by=worker,
            version=visit.version,
            values={"visited_on": timezone.localdate(), "child_seen": "yes"},
        )
        visit.refresh_from_db()
        assert (visit.status, visit.draft) == (Status.FINAL, {})
        assert RecordVersion.objects.get().what == "Recorded"
        assert AuditEvent.objects.filter(verb="record_submitted").count() == 1

    def test_an_agreed_plan_is_updated_not_saved_as_a_draft(self, case, worker):
        plan = agreed_plan(case, worker)
        with pytest.raises(ValidationError, match="whole update"):
            actions.save_draft(
                plan,
                model=ChildInNeedPlan,
                case=case,
                by=worker,
                version=plan.version,
                values={"needs": "Half"},
                typed={},
            )
        actions.update_agreed_plan(
            plan,
            by=worker,
            version=plan.version,
            values={"needs": "A new routine"},
            actions=[ACTION | {"what": "Bus to school"}],
        )
        plan.refresh_from_db()
        assert plan.needs == "A new routine" and plan.status == Status.FINAL
        assert [a.what for a in plan.current_actions()] == ["Bus to school"]
        assert PlanAction.objects.count() == 2  # the first action is kept, as replaced
        assert [v.what for v in RecordVersion.objects.order_by("number")] == [
            "Recorded",
            "Updated",
        ]

    def test_an_update_on_a_stale_version_is_reported_not_saved(self, case, worker):
        plan = agreed_plan(case, worker)
        with pytest.raises(EditConflict):
            actions.update_agreed_plan(
                plan, by=worker, version=plan.version - 1, values={"needs": "x"}, actions=[ACTION]
            )
        plan.refresh_from_db()
        assert plan.needs == "Routine"

    def test_only_an_agreed_plan_is_updated(self, case, worker):
        draft = ChildInNeedPlan.objects.create(case=case, author=worker)
        with pytest.raises(ValidationError, match="not agreed yet"):
            actions.update_agreed_plan(
                draft, by=worker, version=draft.version, values={}, actions=[ACTION]
            )

    def test_a_plan_page_sent_again_after_the_plan_was_agreed_updates_it(self, case, worker):
        sent = {
            "model": ChildInNeedPlan,
            "case": case,
            "by": worker,
            "version": None,
            "values": {"starts_on": timezone.localdate(), "needs": "Routine"},
            "actions": [ACTION],
            "token": "a" * 32,
        }
        first = actions.submit_record(None, **sent)
        again = actions.submit_record(None, **sent)
        assert again.pk == first.pk
        assert [v.what for v in RecordVersion.objects.order_by("number")] == [
            "Recorded",
            "Updated",
        ]


class StepTests:
    """Each button reaches its step: the POST's "action" values are the page's and the
    scripts', unchanged."""

    def test_adding_a_row_saves_the_draft_and_opens_it_with_a_row_more(self, case, worker):
        client = signed_in_client(worker)
        response = client.post(
            reverse("recording:new", args=[case.pk, "plan"]),
            {"action": "add_action", "needs": "Half typed", "actions-TOTAL_FORMS": "3"},
        )
        plan = ChildInNeedPlan.objects.get()
        assert response.url == reverse("recording:edit", args=["plan", plan.pk]) + "?more=1"
        assert RecordVersion.objects.get().what == "Saved as a draft"
        assert said(response) == []
        page = page_text(client.get(response.url))
        assert "Half typed" in page and "Action 4" in page and "Action 5" not in page

    def test_adding_a_row_to_an_agreed_plan_keeps_the_update_and_says_so(self, case, worker):
        plan = agreed_plan(case, worker)
        response = signed_in_client(worker).post(
            reverse("recording:edit", args=["plan", plan.pk]), plan_page(plan, action="add_action")
        )
        assert response.url.endswith("?more=1")
        assert said(response) == [
            "Your changes are kept, but the plan is not updated until you save it."
        ]
        plan.refresh_from_db()
        assert plan.needs == "Routine" and plan.draft["needs"] == ["A new routine"]

    @pytest.mark.parametrize("button", ["save", "anything else"])
    def test_saving_an_agreed_plan_keeps_what_was_typed_but_not_as_the_plan(
        self, case, worker, button
    ):
        plan = agreed_plan(case, worker)
        response = signed_in_client(worker).post(
            reverse("recording:edit", args=["plan", plan.pk]), plan_page(plan, action=button)
        )
        assert response.status_code == 200
        assert "the plan is not updated until you save it" in page_text(response)
        plan.refresh_from_db()
        assert plan.needs == "Routine" and plan.draft["needs"] == ["A new routine"]
        assert not RecordVersion.objects.filter(what="Updated").exists()

    def test_saving_the_whole_update_updates_the_agreed_plan(self, case, worker):
        plan = agreed_plan(case, worker)
        response = signed_in_client(worker).post(
            reverse("recording:edit", args=["plan", plan.pk]), plan_page(plan, action="submit")
        )
        assert response.url == reverse("recording:record", args=["plan", plan.pk])
        assert said(response) == ["The child in need plan is saved."]
        plan.refresh_from_db()
        assert plan.needs == "A new routine" and plan.draft == {}
        assert RecordVersion.objects.filter(what="Updated").count() == 1

    def test_an_update_with_no_action_keeps_what_was_typed_and_says_why(self, case, worker):
        plan = agreed_plan(case, worker)
        response = signed_in_client(worker).post(
            reverse("recording:edit", args=["plan", plan.pk]),
            plan_page(plan, action="submit", **{"actions-0-what": "", "actions-0-who": ""}),
        )
        assert "Add at least one action" in page_text(response)
        plan.refresh_from_db()
        assert plan.needs == "Routine" and plan.draft["needs"] == ["A new routine"]

    @pytest.mark.parametrize("button", [None, "save", "anything else"])
    def test_any_other_button_saves_a_draft(self, case, worker, button):
        sent = {"observations": "Kept"} | ({"action": button} if button else {})
        response = signed_in_client(worker).post(
            reverse("recording:new", args=[case.pk, "visit"]), sent
        )
        assert response.url == reverse("recording:case", args=[case.pk])
        assert said(response) == ["Your draft visit is saved."]
        assert Visit.objects.get().observations == "Kept"


def test_an_autosave_on_a_case_closed_meanwhile_says_so_to_the_page(worker, case):
    case.closed_on = timezone.localdate()
    case.save()
    answer = signed_in_client(worker).post(
        reverse("recording:new", args=[case.pk, "visit"]),
        {"action": "autosave", "token": "c" * 32, "observations": "Typed before it closed"},
    )
    assert (answer.status_code, answer.json()) == (409, {"state": "closed"})
    assert not Visit.objects.filter(case=case).exists()
