"""The short forms on a child's road to permanence. What was typed is kept; the rules are said
at the field (permanence/rules.py, run by the actions)."""

from __future__ import annotations

from typing import Any

from django import forms

from kith.care.codes import PermanenceOption
from kith.care.forms import YES_NO, with_blank
from kith.lib.forms import DateField, GovForm, VersionField
from kith.permanence.codes import AdoptersLegalStatus, AdoptersSex, NoLongerAdoptionReason


class MeetingForm(GovForm):
    held_on = DateField(label="Date of the meeting", past=True)
    option = forms.ChoiceField(
        label="Where the child will grow up",
        choices=PermanenceOption.choices,
        widget=forms.RadioSelect,
    )
    decided = forms.CharField(label="What was decided, and why", widget=forms.Textarea)


class LongTermMatchForm(GovForm):
    matched_on = DateField(label="Date the match was agreed", past=True)
    carers = forms.CharField(label="The foster carers", max_length=200)
    note = forms.CharField(label="How it was agreed", widget=forms.Textarea, required=False)


class DecisionForm(GovForm):
    decided_on = DateField(
        label="Date of the decision that the child should be adopted",
        past=True,
        help_text="The agency decision maker's decision (the SSDA903's date of decision)",
    )
    decision_maker = forms.CharField(label="The agency decision maker", max_length=200)
    note = forms.CharField(label="What was decided, and why", widget=forms.Textarea, required=False)


class MatchForm(GovForm):
    version = VersionField()
    matched_on = DateField(label="Date the child was matched with adopters", past=True)
    adopters_number = forms.TypedChoiceField(
        label="How many adopters",
        choices=[(1, "One adopter"), (2, "A couple")],
        coerce=int,
        widget=forms.RadioSelect,
    )
    adopters_sex = forms.ChoiceField(
        label="The adopters", choices=AdoptersSex.choices, widget=forms.RadioSelect
    )
    adopters_legal_status = forms.ChoiceField(
        label="The adopters' legal status",
        choices=with_blank(AdoptersLegalStatus.choices),
    )
    foster_carers_adopting = forms.ChoiceField(
        label="Are the adopters the child's foster carers?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether the adopters are the child's foster carers"},
    )

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "matched_on": data["matched_on"],
            "adopters_number": data["adopters_number"],
            "adopters_sex": data["adopters_sex"],
            "adopters_legal_status": data["adopters_legal_status"],
            "foster_carers_adopting": data["foster_carers_adopting"] == "yes",
        }


class NoLongerForm(GovForm):
    version = VersionField()
    ended_on = DateField(
        label="Date of the decision that the child should no longer be adopted", past=True
    )
    end_reason = forms.ChoiceField(
        label="Why the child should no longer be adopted",
        choices=NoLongerAdoptionReason.choices,
        widget=forms.RadioSelect,
    )
