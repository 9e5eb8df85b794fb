"""The strategy discussion form: when it was held, who took part, what was shared, and a
decision for each child of the family."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django import forms
from django.utils import timezone

from kith.lib.forms import DateField, GovForm, TimeField
from kith.protection.codes import Agency, StrategyDecision
from kith.protection.forms.shared import ChildPart, fits_each_child, text


class StrategyForm(GovForm):
    held_on = DateField(label="Date of the discussion", past=True)
    held_time = TimeField(label="Time", help_text="For example, 14:30")

    def __init__(self, *args: Any, per_child: Sequence[ChildPart] = (), **kwargs: Any) -> None:
        self.per_child = per_child
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        day, at = data.get("held_on"), data.get("held_time")
        if day and at and timezone.make_aware(datetime.combine(day, at)) > timezone.now():
            self.add_error("held_time", "Time must be now or in the past")
        fits_each_child(self, "held_on", "The discussion", self.per_child)
        # The decisions' reason is written once for the family; a child's own, where given,
        # says how they differ.
        unexplained = [
            part.child_name
            for part in self.per_child
            if part.decides() and not (part.cleaned_data.get("reason") or "").strip()
        ]
        if unexplained and not (data.get("reason") or "").strip():
            self.add_error("reason", f"Enter why, for {' and '.join(unexplained)}")
        return data

    information_shared = text(
        "What each agency shared",
        help_text="Police, health, education and children's social care at least",
    )
    safety_plan = text("Immediate safety plan for the children")
    actions = text("Actions, and who will do them", required=False)
    reason = text(
        "Why, for every child below",
        required=False,
        help_text="The reasons for the decisions. Add a child's own reasons under their name "
        "only where they differ.",
    )


class ParticipantForm(GovForm):
    name = text("Name", required=False, long=False)
    agency = forms.ChoiceField(
        label="Agency", choices=[("", "Choose an agency"), *Agency.choices], required=False
    )
    role = text("Role", required=False, long=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        if data.get("name") and not data.get("agency"):
            self.add_error("agency", "Choose the agency")
        if data.get("agency") and not data.get("name"):
            self.add_error("name", "Enter the name")
        return data


class BaseParticipants(forms.BaseFormSet):
    def people(self) -> list[dict[str, str]]:
        return [
            {
                "name": f.cleaned_data["name"],
                "agency": f.cleaned_data["agency"],
                "role": f.cleaned_data.get("role", ""),
            }
            for f in self.forms
            if f.is_valid() and f.cleaned_data.get("name")
        ]


Participants = forms.formset_factory(
    ParticipantForm, formset=BaseParticipants, extra=0, min_num=5, validate_min=False
)


class StrategyChildForm(ChildPart):
    decision = forms.ChoiceField(
        label="Decision",
        choices=[*StrategyDecision.choices, ("", "Not part of this discussion")],
        widget=forms.RadioSelect,
        required=False,
    )
    reason = text("Why, if different for this child", required=False)

    def __init__(self, *args: Any, has_case: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not has_case:
            # No case yet: the enquiry opens their referral. Nothing else to record for them.
            self.fields["decision"].choices = [  # type: ignore[attr-defined]
                (
                    StrategyDecision.SECTION_47,
                    "Start a section 47 enquiry (this opens a referral for them)",
                ),
                ("", "Not part of this discussion"),
            ]
