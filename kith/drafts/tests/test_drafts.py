"""Words typed into a form are kept as a draft, put back when the form opens again, and
forgotten once it is saved; only a page Kith made can keep one, and a second tab is told,
not obeyed over the first."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from kith.accounts.roles import Role
from kith.drafts.actions import sign, what_was_typed
from kith.drafts.models import FormDraft, SentForm
from kith.protection.models import CoreGroup
from kith.recording.models import Visit
from kith.test import make_case, make_person, make_user, signed_in_client

pytestmark = pytest.mark.django_db
SAVE = "/drafts/"


@pytest.fixture
def worker(persona):
    return persona[Role.SOCIAL_WORKER]


@pytest.fixture
def case(worker):
    return make_case(make_person(first_name="Ellie"), worker=worker)


def _keep(client, user, page, version="0", person=None, **typed):
    return client.post(
        SAVE,
        {"_draft": sign(user, page, person, "A form"), "_version": version, **typed},
        HTTP_X_KITH_AUTOSAVE="1",
    )


class KeepingTests:
    def test_what_was_typed_is_kept_for_the_one_who_typed_it(self, worker, case):
        client = signed_in_client(worker)
        answer = _keep(client, worker, "/somewhere/", person=case.child, why="Half a thought")
        assert answer.status_code == 200 and answer.json()["state"] == "saved"
        draft = FormDraft.objects.get()
        assert (draft.user, draft.page, draft.person) == (worker, "/somewhere/", case.child)
        assert draft.typed == {"why": ["Half a thought"]}

    def test_each_save_moves_the_draft_on_and_a_stale_tab_is_told(self, worker):
        client = signed_in_client(worker)
        first = _keep(client, worker, "/p/", why="One").json()
        second = _keep(client, worker, "/p/", version=str(first["version"]), why="Two").json()
        assert second["version"] == first["version"] + 1
        stale = _keep(client, worker, "/p/", version=str(first["version"]), why="Other tab")
        assert stale.status_code == 409 and stale.json()["state"] == "elsewhere"
        assert FormDraft.objects.get().typed == {"why": ["Two"]}
        # Two tabs opened before either saved: the second to save is told too.
        _keep(client, worker, "/q/", why="Tab one")
        assert _keep(client, worker, "/q/", why="Tab two").status_code == 409

    def test_only_a_page_kith_signed_for_this_user_can_keep_a_draft(self, worker):
        client = signed_in_client(worker)
        assert client.post(SAVE, {"_draft": "made-up", "why": "x"}).status_code == 400
        someone_else = sign(make_user(), "/p/", None, "A form")
        assert client.post(SAVE, {"_draft": someone_else, "why": "x"}).status_code == 400
        assert not FormDraft.objects.exists()

    def test_only_words_are_kept_not_tokens_or_made_up_names(self):
        data = QueryDict(mutable=True)
        data.update({"csrfmiddlewaretoken": "x", "once": "y", "why": "Seen\x00 alone"})
        data.setlist("bad name!", ["z"])
        data.setlist("_draft", ["signed"])
        typed = what_was_typed(data)
        assert typed == {"once": ["y"], "why": ["Seen alone"]}

    def test_someone_signed_out_is_answered_not_sent_to_sign_in(self, worker, settings):
        client = signed_in_client(worker)
        session = client.session
        session["kith_last_seen"] = (timezone.now() - timedelta(hours=2)).timestamp()
        session.save()
        answer = _keep(client, worker, "/p/", why="Late words")
        assert answer.status_code == 401 and answer.json() == {"state": "signed_out"}
        assert not FormDraft.objects.exists()


class PutBackTests:
    def test_a_form_opened_again_has_its_words_back_without_complaints(self, worker, case):
        plan_page = reverse("protection:new_core_group", args=[_plan(case).pk])
        client = signed_in_client(worker)
        _keep(client, worker, plan_page, attendance="Mother and school", decisions="")
        page = client.get(plan_page).content.decode()
        assert "Mother and school" in page
        assert "are back below" in page
        assert "govuk-error-message" not in page  # the missing decisions wait until sent

    def test_saving_the_form_forgets_its_draft(self, worker, case):
        plan = _plan(case)
        url = reverse("protection:new_core_group", args=[plan.pk])
        client = signed_in_client(worker)
        _keep(client, worker, url, attendance="Mother")
        today = timezone.localdate()
        client.post(
            url,
            {
                "held_on_day": today.day,
                "held_on_month": today.month,
                "held_on_year": today.year,
                "attendance": "Mother",
                "progress": "Good",
                "decisions": "Carry on",
                "once": "a" * 32,
            },
        )
        assert CoreGroup.objects.count() == 1
        assert not FormDraft.objects.exists()
        assert SentForm.objects.get().result == reverse("protection:plan", args=[plan.pk])


class RecordDraftsTests:
    def test_a_record_already_started_is_offered_before_a_new_one(self, worker, case):
        started = Visit.objects.create(case=case, author=worker, draft={"place": ["Home"]})
        client = signed_in_client(worker)
        url = reverse("recording:new", args=[case.pk, "visit"])
        page = client.get(url).content.decode()
        assert "Carry on with your draft?" in page
        assert reverse("recording:edit", args=["visit", started.pk]) in page
        assert "Record a visit" in client.get(url, {"fresh": "1"}).content.decode()

    def test_a_colleague_s_draft_is_not_offered(self, worker, case):
        Visit.objects.create(case=case, author=make_user(team=case.team))
        page = signed_in_client(worker).get(reverse("recording:new", args=[case.pk, "visit"]))
        assert "Carry on with your draft?" not in page.content.decode()


def _plan(case):
    from kith.protection.models import ProtectionPlan

    return ProtectionPlan.objects.create(
        case=case,
        started_on=timezone.localdate() - timedelta(days=5),
        initial_category="NEG",
        latest_category="NEG",
    )
