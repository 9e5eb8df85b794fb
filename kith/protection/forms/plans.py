"""Child protection plan forms: the plan's update (for brothers' and sisters' plans too), its
end other than at a review conference, and a core group meeting."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms

from kith.cases.models import Case
from kith.lib.forms import DateField, GovForm
from kith.protection.codes import PlanEndReason
from kith.protection.forms.shared import AlsoForSiblings, text, too_early


class ProtectionPlanForm(GovForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    also = AlsoForSiblings.field("Their plans")

    def __init__(
        self,
        *args: Any,
        siblings: Sequence[Any] = (),
        differing: Sequence[Any] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        AlsoForSiblings.offer(self, siblings, "plan", differing)

    def clean_also(self) -> list[tuple[Any, int]]:
        return AlsoForSiblings.chosen(self)

    what_must_change = text("What must change")
    contingency = text("Contingency plan", help_text="What will happen if things do not change")
    visit_every_working_days = forms.IntegerField(
        label="Visit the child at least every (working days)",
        min_value=1,
        max_value=60,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-3"}),
        error_messages={
            "invalid": "Enter the number of working days between visits, like 10",
            "min_value": "Enter a number of working days from 1 to 60",
            "max_value": "Enter a number of working days from 1 to 60",
        },
    )
    core_group_every_weeks = forms.IntegerField(
        label="Core group meetings every (weeks)",
        min_value=1,
        max_value=26,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-3"}),
        error_messages={
            "invalid": "Enter the number of weeks between core groups, like 6",
            "min_value": "Enter a number of weeks from 1 to 26",
            "max_value": "Enter a number of weeks from 1 to 26",
        },
    )


class EndPlanForm(GovForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    ended_on = DateField(label="Date the plan ended", past=True)
    end_reason = forms.ChoiceField(
        label="Why it ended",
        choices=[c for c in PlanEndReason.choices if c[0] != PlanEndReason.REVIEW_CONFERENCE],
        widget=forms.RadioSelect,
    )
    end_note = text("More detail", required=False)


class CoreGroupForm(GovForm):
    held_on = DateField(label="Date of the meeting", past=True)
    attendance = text("Who attended")
    progress = text("Progress on each action")
    concerns = text("Concerns", required=False)
    decisions = text("Decisions")
    also = AlsoForSiblings.field("Their meetings")

    def __init__(
        self, *args: Any, case: Case | None = None, siblings: Sequence[Any] = (), **kwargs: Any
    ) -> None:
        self.case = case
        super().__init__(*args, **kwargs)
        AlsoForSiblings.offer(self, siblings, "plan")

    def clean_also(self) -> list[tuple[Any, int]]:
        return AlsoForSiblings.chosen(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        for case in [self.case, *(plan.case for plan, _ in data.get("also") or [])]:
            problem = too_early(data.get("held_on"), "The meeting", case)
            if problem:
                self.add_error("held_on", problem)
        return data
