from __future__ import annotations

from django import forms

from kith.lib.forms import GovForm, VersionField


class RuleChangeForm(GovForm):
    offset = forms.IntegerField(
        label="New timescale",
        min_value=1,
        error_messages={
            "required": "Enter the new timescale, as a whole number",
            "invalid": "Enter the new timescale as a whole number, like 10",
            "min_value": "Enter a whole number of at least 1",
        },
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3", "inputmode": "numeric"}),
    )
    reason = forms.CharField(
        label="Why is it changing?",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text="For example: 'Safeguarding partnership procedures updated in April'",
        error_messages={"required": "Say why the timescale is changing"},
    )
    was = forms.IntegerField(widget=forms.HiddenInput)


class LateReasonForm(GovForm):
    reason = forms.CharField(
        label="Why was it missed?",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text="For example: 'The family were away; the visit was rearranged for the day "
        "they came back'",
        error_messages={"required": "Say why it was missed"},
    )
    version = VersionField()
