"""The form attaching another agency's report to a conference: only documents people actually
send, whose contents are what their names say."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings

from kith.lib.forms import GovForm
from kith.protection import uploads
from kith.protection.codes import Agency
from kith.protection.forms.shared import text

# What a report may be: documents and scans people actually send to conferences.
REPORT_TYPES = {".pdf", ".doc", ".docx", ".odt", ".rtf", ".txt", ".jpg", ".jpeg", ".png"}


class ReportForm(GovForm):
    agency = forms.ChoiceField(
        label="From which agency", choices=[("", "Choose an agency"), *Agency.choices]
    )
    title = text("What it is", long=False, help_text="For example, 'School report'")
    document = forms.FileField(
        label="The document",
        help_text="A PDF, Word or OpenDocument file, a text file, or a photo or scan (JPG or PNG)",
        error_messages={"required": "Choose the document to attach"},
    )

    def clean_document(self) -> Any:
        """The name says the kind of document, and what is inside must be that kind: a web
        page renamed .pdf would otherwise be kept, and handed to the next person, as a PDF."""
        document = self.cleaned_data["document"]
        name = str(document.name or "").lower()
        if not any(name.endswith(ending) for ending in REPORT_TYPES):
            raise forms.ValidationError(
                "The document must be a PDF, Word, OpenDocument, text, JPG or PNG file"
            )
        limit = settings.KITH_MAX_UPLOAD_MB
        if document.size > limit * 1024 * 1024:
            raise forms.ValidationError(f"The document must be smaller than {limit} MB")
        if document.size == 0:
            raise forms.ValidationError("The document is empty")
        problem = uploads.problem_with(document, name)
        if problem:
            raise forms.ValidationError(problem)
        return document
