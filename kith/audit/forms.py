from __future__ import annotations

from typing import Any

from django import forms

from kith.audit.verbs import Verb
from kith.lib.forms import DateField, GovForm


class AuditFilterForm(GovForm):
    """Narrow an audit list by what was done and when."""

    verb = forms.ChoiceField(
        label="What they did",
        required=False,
        choices=[("", "Anything"), *((v.value, v.description) for v in Verb)],
    )
    since = DateField(label="From", required=False, past=True)
    until = DateField(label="To", required=False, past=True)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        if data.get("since") and data.get("until") and data["until"] < data["since"]:
            self.add_error("until", "To must be on or after from")
        return data
