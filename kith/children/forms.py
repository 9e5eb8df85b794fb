"""The chronology's filters (GET: a filtered chronology is a link that can be shared)."""

from __future__ import annotations

from typing import Any

from django import forms

from kith.children.entries import KINDS
from kith.lib.forms import DateField, GovForm
from kith.protection.codes import Agency


class ChronologyFilter(GovForm):
    kinds = forms.MultipleChoiceField(
        label="What to show",
        choices=list(KINDS.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    significant = forms.BooleanField(label="Significant events only", required=False)
    agency = forms.ChoiceField(
        label="From an agency",
        choices=[("", "Any, or none"), *Agency.choices],
        required=False,
    )
    words = forms.CharField(label="Containing the words", required=False, max_length=100)
    start = DateField(label="From", required=False)
    end = DateField(label="To", required=False)
    order = forms.ChoiceField(
        label="Order",
        choices=[("newest", "Newest first"), ("oldest", "Oldest first")],
        widget=forms.RadioSelect,
        required=False,
    )
    family = forms.BooleanField(
        label="Include brothers and sisters",
        required=False,
        help_text="Each entry says whose it is",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", "'To' must be the same as or after 'From'")
        return data


class ChronologyEventForm(GovForm):
    """A significant event no record holds, typed straight into the chronology."""

    happened_on = DateField(label="Date it happened", past=True)
    what = forms.CharField(
        label="What happened",
        max_length=200,
        help_text="In a line, for example 'Police called to the home after an argument'",
    )
    agency = forms.ChoiceField(
        label="Who told us",
        choices=[("", "Nobody else: we saw or heard it ourselves"), *Agency.choices],
        required=False,
    )
    details = forms.CharField(
        label="Details (optional)",
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=10000,
    )
