"""The short forms of things that happen to a looked-after child: a missing episode, and a
health or education check. What was typed is kept; the rules are said at the field."""

from __future__ import annotations

from typing import Any

from django import forms

from kith.care.codes import CategoryOfNeed, Check, MissingKind, PlacementType, Provider, SdqReason
from kith.care.forms import YES_NO, with_blank
from kith.care.short_breaks import NOT_FOR_BREAKS
from kith.lib.forms import DateField, GovForm, VersionField


class MissingForm(GovForm):
    version = VersionField(required=False)
    kind = forms.ChoiceField(
        label="Missing or away", choices=MissingKind.choices, widget=forms.RadioSelect
    )
    started_on = DateField(label="Date it began", past=True)
    ended_on = DateField(label="Date the child came back", past=True, required=False)
    still_missing = forms.BooleanField(label="The child is still missing", required=False)
    where_found = forms.CharField(label="Where the child was found", max_length=300, required=False)
    interview_offered = forms.ChoiceField(
        label="Was a return interview offered?",
        choices=[("", "Not yet"), *YES_NO],
        required=False,
        widget=forms.RadioSelect,
    )
    interview_on = DateField(label="Date of the return interview", past=True, required=False)
    note = forms.CharField(label="What happened", widget=forms.Textarea, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        if data.get("interview_on") and data.get("interview_offered") == "no":
            self.add_error("interview_offered", "A return interview was done, so it was offered")
        ended = data.get("ended_on")
        if data.get("interview_on") and ended and data["interview_on"] < ended:
            self.add_error("interview_on", "The return interview is after the child came back")
        return data

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        offered = {"yes": True, "no": False}.get(data.get("interview_offered", ""))
        if data.get("interview_on"):
            offered = True
        return {
            "kind": data["kind"],
            "started_on": data["started_on"],
            "ended_on": data.get("ended_on"),
            "where_found": data.get("where_found", ""),
            "interview_offered": offered,
            "interview_on": data.get("interview_on"),
            "note": data.get("note", ""),
        }


class CheckForm(GovForm):
    kind = forms.ChoiceField(label="What was done", choices=with_blank(Check.choices))
    done_on = DateField(label="Date", past=True)
    answer = forms.ChoiceField(
        label="Immunisations up to date, or an intervention offered for substance misuse",
        choices=[("", "Not asked"), *YES_NO],
        required=False,
        widget=forms.RadioSelect,
    )
    received = forms.ChoiceField(
        label="An intervention for substance misuse was received",
        choices=[("", "Not asked"), *YES_NO],
        required=False,
        widget=forms.RadioSelect,
    )
    sdq_score = forms.IntegerField(label="SDQ score", min_value=0, max_value=40, required=False)
    sdq_reason = forms.ChoiceField(
        label="Why there is no SDQ score",
        choices=with_blank(SdqReason.choices, "There is a score"),
        required=False,
    )
    school = forms.CharField(label="School", max_length=200, required=False)
    school_urn = forms.CharField(label="School URN", max_length=8, required=False)
    next_review_on = DateField(label="Next review", required=False)
    days = forms.IntegerField(label="Days excluded", min_value=0, max_value=365, required=False)
    note = forms.CharField(label="Notes", widget=forms.Textarea, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        kind = data.get("kind")
        if kind == Check.SDQ:
            has_score = data.get("sdq_score") is not None
            if has_score == bool(data.get("sdq_reason")):
                self.add_error(
                    "sdq_score", "Enter the SDQ score, or say why there is none (not both)"
                )
        elif data.get("sdq_score") is not None or data.get("sdq_reason"):
            self.add_error("sdq_score", "Only an SDQ has a score")
        if kind == Check.SCHOOL and not data.get("school"):
            self.add_error("school", "Enter the school's name")
        if kind == Check.IMMUNISATIONS and not data.get("answer"):
            self.add_error("answer", "Say whether the immunisations are up to date")
        urn = data.get("school_urn", "").strip()
        if urn and not (urn.isdigit() and len(urn) == 6):
            self.add_error("school_urn", "A school URN is 6 digits")
        return data

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        for name in ("answer", "received"):
            data[name] = {"yes": True, "no": False}.get(data.get(name, ""))
        return data


class ShortBreakForm(GovForm):
    """A short break, recorded whole once the child is home."""

    started_on = DateField(label="Date the break began", past=True)
    ended_on = DateField(label="Date the child came home", past=True)
    kind = forms.ChoiceField(
        label="Where the child stayed",
        choices=with_blank([c for c in PlacementType.choices if c[0] not in NOT_FOR_BREAKS]),
    )
    provider = forms.ChoiceField(label="Who provides it", choices=with_blank(Provider.choices))
    carer = forms.CharField(label="The carers or the home", max_length=200)
    need = forms.ChoiceField(
        label="Category of need",
        choices=with_blank(CategoryOfNeed.choices),
        help_text="Short breaks are most often for a child's disability",
    )
