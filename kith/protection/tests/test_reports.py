"""Reports other agencies send to a conference: attached by those who record conferences,
opened with each look audited, and refused, keeping what was typed, when not a document or
too big."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from kith.accounts.roles import Role
from kith.protection.models import Conference, ConferenceChild
from kith.test import page_text, signed_in_client

pytestmark = pytest.mark.django_db


class ReportTests:
    @pytest.fixture
    def conference(self, family, persona):
        ellie_case, _ = family
        conference = Conference.objects.create(
            kind="initial",
            held_on=timezone.localdate(),
            chair=persona[Role.CHAIR],
            attendance="a",
            social_worker_report="r",
            views="v",
            recorded_by=persona[Role.SOCIAL_WORKER],
        )
        ConferenceChild.objects.create(conference=conference, case=ellie_case, needs_plan=False)
        return conference

    def upload(self, client, conference, name, content, **extra):
        from django.core.files.uploadedfile import SimpleUploadedFile

        return client.post(
            reverse("protection:conference", args=[conference.pk]),
            {
                "agency": "education",
                "title": "School report",
                "document": SimpleUploadedFile(name, content),
                **extra,
            },
        )

    def test_a_report_is_attached_and_opened_with_each_look_audited(self, conference, persona):
        from kith.audit.models import AuditEvent

        worker = signed_in_client(persona[Role.SOCIAL_WORKER])
        response = self.upload(worker, conference, "school report.pdf", b"%PDF-1.4 report")
        assert response.status_code == 302
        report = conference.reports.get()
        assert report.original_name == "school report.pdf" and report.size == 15
        opened = worker.get(reverse("protection:report", args=[conference.pk, report.pk]))
        assert b"".join(opened.streaming_content) == b"%PDF-1.4 report"
        assert 'filename="school report.pdf"' in opened["Content-Disposition"]
        assert AuditEvent.objects.filter(verb="document_opened").count() == 1
        assert AuditEvent.objects.filter(verb="document_added").count() == 1

    def test_a_program_is_refused_and_the_title_kept(self, conference, persona):
        worker = signed_in_client(persona[Role.SOCIAL_WORKER])
        response = self.upload(worker, conference, "report.exe", b"MZ")
        page = page_text(response)
        assert "must be a PDF, Word, OpenDocument, text, JPG or PNG file" in page
        assert 'value="School report"' in page
        assert not conference.reports.exists()

    def test_a_document_too_big_is_refused(self, conference, persona, settings):
        settings.KITH_MAX_UPLOAD_MB = 1
        worker = signed_in_client(persona[Role.SOCIAL_WORKER])
        response = self.upload(worker, conference, "big.pdf", b"x" * (1024 * 1024 + 1))
        assert "smaller than 1 MB" in page_text(response)

    def test_a_partner_or_outsider_cannot_attach(self, conference, persona):
        from kith.test import make_user

        outsider = signed_in_client(make_user())
        assert self.upload(outsider, conference, "a.pdf", b"x").status_code == 302  # reason
        assert (
            self.upload(
                signed_in_client(persona[Role.PARTNER]), conference, "a.pdf", b"x"
            ).status_code
            == 403
        )
        assert not conference.reports.exists()
