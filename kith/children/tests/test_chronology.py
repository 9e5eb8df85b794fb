"""The chronology gathers every dated record of a child and filters it; a worker marks an entry
significant with their analysis, or types in an event another agency told them of; a long
chronology comes in pages."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kith.accounts.roles import Role
from kith.audit.models import AuditEvent
from kith.audit.verbs import Verb
from kith.cases.models import Contact
from kith.children.models import ChronologyEvent
from kith.people.models import Relationship
from kith.recording.models import CaseNote, Status
from kith.test import make_case, make_person, make_user, page_text, signed_in_client

pytestmark = pytest.mark.django_db


class ChronologyTests:
    def test_every_dated_record_appears_newest_first(self, ellie, persona):
        child, _ = ellie
        page = page_text(
            signed_in_client(persona[Role.SOCIAL_WORKER]).get(
                reverse("children:chronology", args=[child.pk])
            )
        )
        order = [page.index(t) for t in ("Phone call", "Visit: child seen", "Referral accepted")]
        assert order == sorted(order)
        assert "Relationship" not in page  # no dated relationship changes here

    def test_filters_by_kind_significance_words_dates_and_order(self, ellie, persona):
        child, _ = ellie
        client = signed_in_client(persona[Role.SOCIAL_WORKER])
        url = reverse("children:chronology", args=[child.pk])
        visits = page_text(client.get(url, {"kinds": "visit"}))
        assert "Visit: child seen alone" in visits and "Phone call" not in visits
        significant = page_text(client.get(url, {"significant": "on"}))
        assert "Phone call" in significant and "Visit: child seen" not in significant
        words = page_text(client.get(url, {"words": "father back"}))
        assert "Phone call" in words and "Visit" not in words.split("chronology")[-1]
        recent = timezone.localdate() - timedelta(days=15)
        dated = page_text(
            client.get(
                url,
                {"start_day": recent.day, "start_month": recent.month, "start_year": recent.year},
            )
        )
        assert "Visit: child seen</a>" in dated and "seen alone" not in dated
        oldest = page_text(client.get(url, {"order": "oldest"}))
        assert oldest.index("Referral accepted") < oldest.index("Phone call")

    def test_an_end_before_the_start_is_explained(self, ellie, persona):
        child, _ = ellie
        page = page_text(
            signed_in_client(persona[Role.SOCIAL_WORKER]).get(
                reverse("children:chronology", args=[child.pk]),
                {
                    "start_day": "2",
                    "start_month": "1",
                    "start_year": "2026",
                    "end_day": "1",
                    "end_month": "1",
                    "end_year": "2026",
                },
            )
        )
        assert "'To' must be the same as or after 'From'" in page

    def test_the_family_view_marks_whose_entry_is_whose(self, ellie, persona):
        child, _ = ellie
        sam = make_person(first_name="Sam", family_name="Jones")
        Relationship.objects.create(first=child, second=sam, kind="sibling")
        sam_case = make_case(sam, worker=persona[Role.SOCIAL_WORKER])
        CaseNote.objects.create(
            case=sam_case,
            author=persona[Role.SOCIAL_WORKER],
            status=Status.FINAL,
            note_kind="meeting",
            happened_on_date=timezone.localdate(),
            text="Sam's school meeting",
        )
        page = page_text(
            signed_in_client(persona[Role.SOCIAL_WORKER]).get(
                reverse("children:chronology", args=[child.pk]), {"family": "on"}
            )
        )
        assert "Sam's school meeting" in page and "Sam Jones" in page and "Ellie Jones" in page

    def test_drafts_are_not_in_the_chronology(self, ellie, persona):
        child, case = ellie
        CaseNote.objects.create(case=case, author=persona[Role.SOCIAL_WORKER], text="Half-written")
        page = page_text(
            signed_in_client(persona[Role.SOCIAL_WORKER]).get(
                reverse("children:chronology", args=[child.pk])
            )
        )
        assert "Half-written" not in page

    def test_the_pdf_for_court_or_conference_is_audited(self, ellie, persona):
        from kith.audit.models import AuditEvent

        child, _ = ellie
        response = signed_in_client(persona[Role.SOCIAL_WORKER]).get(
            reverse("children:chronology", args=[child.pk]), {"format": "pdf"}
        )
        assert response.content.startswith(b"%PDF")
        assert AuditEvent.objects.filter(verb="chronology_exported", person=child).exists()


class CuratedChronologyTests:
    def test_a_worker_marks_an_entry_significant_with_an_analysis(self, ellie, persona):
        from kith.audit.models import AuditEvent
        from kith.children.chronology import chronology

        child, _ = ellie
        client = signed_in_client(persona[Role.SOCIAL_WORKER])
        visit = next(e for e in chronology([child]) if e.title == "Visit: child seen alone")
        assert not visit.significant
        response = client.post(
            reverse("children:mark", args=[child.pk]),
            {
                "key": visit.key,
                "significant": "on",
                "analysis": "First time Ellie spoke alone",
                "back": reverse("children:chronology", args=[child.pk]) + "?order=oldest",
            },
        )
        assert response.status_code == 302 and response["Location"].endswith("?order=oldest")
        marked = next(e for e in chronology([child]) if e.key == visit.key)
        assert marked.significant and marked.analysis == "First time Ellie spoke alone"
        assert AuditEvent.objects.filter(verb="chronology_marked", person=child).exists()
        page = page_text(
            client.get(reverse("children:chronology", args=[child.pk]), {"significant": "on"})
        )
        assert "First time Ellie spoke alone" in page

    def test_a_later_mark_can_unmark_and_the_earlier_stays_in_history(self, ellie, persona):
        from kith.children.chronology import chronology
        from kith.children.models import ChronologyMark

        child, _ = ellie
        client = signed_in_client(persona[Role.SOCIAL_WORKER])
        note = next(e for e in chronology([child]) if e.significant and e.kind == "note")
        url = reverse("children:mark", args=[child.pk])

        def seen() -> str:
            return str(next(e for e in chronology([child]) if e.key == note.key).mark_id or 0)

        client.post(url, {"key": note.key, "analysis": "", "seen": seen()})
        client.post(
            url, {"key": note.key, "significant": "on", "analysis": "Back on", "seen": seen()}
        )
        client.post(url, {"key": note.key, "seen": seen()})
        assert ChronologyMark.objects.count() == 3
        assert not next(e for e in chronology([child]) if e.key == note.key).significant

    def test_a_mark_made_on_a_page_opened_before_a_colleague_s_is_refused(self, ellie, persona):
        from kith.children.chronology import chronology
        from kith.children.models import ChronologyMark

        child, case = ellie
        note = next(e for e in chronology([child]) if e.significant and e.kind == "note")
        url = reverse("children:mark", args=[child.pk])
        colleague = signed_in_client(make_user(team=case.team))
        colleague.post(url, {"key": note.key, "significant": "on", "analysis": "Key moment"})
        # The worker's page was opened before: it saw no mark.
        response = signed_in_client(persona[Role.SOCIAL_WORKER]).post(
            url, {"key": note.key, "analysis": "", "seen": "0"}, follow=True
        )
        assert ChronologyMark.objects.count() == 1
        assert "marked this entry after you opened the page" in page_text(response)
        assert next(e for e in chronology([child]) if e.key == note.key).significant

    def test_an_unknown_entry_is_refused(self, ellie, persona):
        from kith.children.models import ChronologyMark

        child, _ = ellie
        signed_in_client(persona[Role.SOCIAL_WORKER]).post(
            reverse("children:mark", args=[child.pk]), {"key": "visit|/elsewhere/|2020-01-01"}
        )
        assert not ChronologyMark.objects.exists()


class SignificantEventTests:
    def test_a_worker_types_a_significant_event_straight_into_the_chronology(self, ellie, persona):
        child, _ = ellie
        client = signed_in_client(persona[Role.SOCIAL_WORKER])
        url = reverse("children:add_event", args=[child.pk])
        assert url in page_text(client.get(reverse("children:chronology", args=[child.pk])))
        day = timezone.localdate() - timedelta(days=3)
        response = client.post(
            url,
            {
                "happened_on_day": day.day,
                "happened_on_month": day.month,
                "happened_on_year": day.year,
                "what": "Admitted to hospital with a broken arm",
                "agency": "health",
                "details": "A&E said the story did not fit the injury.",
            },
        )
        assert response.status_code == 302
        event = ChronologyEvent.objects.get()
        assert (event.child, event.what, event.agency, event.recorded_by) == (
            child,
            "Admitted to hospital with a broken arm",
            "health",
            persona[Role.SOCIAL_WORKER],
        )
        assert AuditEvent.objects.filter(
            verb=Verb.CHRONOLOGY_EVENT_ADDED, person=child, detail__event=event.pk
        ).exists()
        page = page_text(client.get(reverse("children:chronology", args=[child.pk])))
        assert "Admitted to hospital with a broken arm" in page
        assert "Told by health. A&E said the story did not fit the injury." in page
        assert f'id="event-{event.pk}"' in page
        # It is significant, so the summary shows it too.
        summary = page_text(client.get(reverse("children:summary", args=[child.pk])))
        assert "Admitted to hospital with a broken arm" in summary

    @pytest.mark.parametrize(
        ("typed", "problem"),
        [
            ({"what": "x"}, "Enter date it happened"),
            (
                {"what": "x", "happened_on_day": "31", "happened_on_month": "2"},
                "must include a year",
            ),
            (
                {"happened_on_day": "1", "happened_on_month": "1", "happened_on_year": "2026"},
                "Enter what happened",
            ),
            (
                {
                    "what": "x",
                    "happened_on_day": "1",
                    "happened_on_month": "1",
                    "happened_on_year": "2099",
                },
                "must be today or in the past",
            ),
        ],
    )
    def test_a_bad_event_is_explained_and_keeps_what_was_typed(
        self, ellie, persona, typed, problem
    ):
        child, _ = ellie
        client = signed_in_client(persona[Role.SOCIAL_WORKER])
        response = client.post(
            reverse("children:add_event", args=[child.pk]), {**typed, "details": "Kept words"}
        )
        page = page_text(response)
        assert response.status_code == 200 and problem in page and "There is a problem" in page
        assert "Kept words" in page
        assert not ChronologyEvent.objects.exists()

    def test_the_chronology_filters_by_agency(self, ellie, persona):
        child, _ = ellie
        worker = persona[Role.SOCIAL_WORKER]
        ChronologyEvent.objects.create(
            child=child,
            happened_on=timezone.localdate(),
            what="Police call-out",
            agency="police",
            recorded_by=worker,
        )
        Contact.objects.create(
            received_at=timezone.now(),
            child=child,
            referrer_name="Mrs Head",
            referrer_organisation="Mill Road Primary",
            source="2A",
            worries="Bruise on her arm",
            recorded_by=worker,
        )
        url = reverse("children:chronology", args=[child.pk])
        client = signed_in_client(worker)
        police = page_text(client.get(url, {"agency": "police"}))
        assert "Police call-out" in police and "Mrs Head" not in police
        education = page_text(client.get(url, {"agency": "education"}))
        assert "Mrs Head" in education and "Police call-out" not in education

    def test_a_long_chronology_comes_in_pages_keeping_the_filters(self, ellie, persona):
        child, case = ellie
        worker = persona[Role.SOCIAL_WORKER]
        start = timezone.localdate() - timedelta(days=400)
        CaseNote.objects.bulk_create(
            CaseNote(
                case=case,
                author=worker,
                status=Status.FINAL,
                note_kind="phone",
                happened_on_date=start + timedelta(days=i),
                text=f"Call number {i}",
            )
            for i in range(250)
        )
        url = reverse("children:chronology", args=[child.pk])
        client = signed_in_client(worker)
        first = page_text(client.get(url, {"kinds": "note"}))
        assert "Showing 1 to 100." in first
        assert "Call number 249" in first and "Call number 149<" not in first
        assert "?kinds=note&page=2" in first
        last = page_text(client.get(url, {"kinds": "note", "page": "3"}))
        assert "Showing 201 to 251." in last and "Call number 0<" in last
        # A page past the end, or not a number, shows a real page.
        assert "Showing 201 to 251." in page_text(client.get(url, {"kinds": "note", "page": "9"}))
        assert "Showing 1 to 100." in page_text(client.get(url, {"kinds": "note", "page": "x"}))
