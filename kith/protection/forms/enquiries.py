"""The section 47 enquiry form: findings and outcome, offered for the brothers' and sisters'
enquiries from the same strategy discussion too."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms

from kith.cases.models import Case
from kith.lib.forms import DateField, GovForm
from kith.protection.codes import EnquiryOutcome
from kith.protection.forms.shared import AlsoForSiblings, text, too_early

YES_NO_NOT_KNOWN = [("yes", "Yes"), ("no", "No"), ("", "Not known yet")]


def _yes_no(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


class EnquiryForm(GovForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    findings = text("What the enquiry found", required=False)
    concerns_substantiated = forms.ChoiceField(
        label="Were the concerns substantiated?",
        choices=YES_NO_NOT_KNOWN,
        widget=forms.RadioSelect,
        required=False,
    )
    continuing_risk = forms.ChoiceField(
        label="Is the child at continuing risk of significant harm?",
        choices=YES_NO_NOT_KNOWN,
        widget=forms.RadioSelect,
        required=False,
    )
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=[*EnquiryOutcome.choices, ("", "Not decided yet")],
        widget=forms.RadioSelect,
        required=False,
    )
    outcome_on = DateField(label="Date of the outcome", past=True, required=False)
    no_conference_reason = text(
        "Why no conference is needed",
        required=False,
        help_text="When the outcome is not a conference",
    )

    also = AlsoForSiblings.field("Their enquiries")

    def __init__(
        self,
        *args: Any,
        started_on: Any = None,
        case: Case | None = None,
        siblings: Sequence[Any] = (),
        differing: Sequence[Any] = (),
        **kwargs: Any,
    ) -> None:
        self.started_on = started_on
        self.case = case
        super().__init__(*args, **kwargs)
        AlsoForSiblings.offer(self, siblings, "enquiry", differing)

    def clean_also(self) -> list[tuple[Any, int]]:
        return AlsoForSiblings.chosen(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        outcome = data.get("outcome")
        outcome_on = data.get("outcome_on")
        problem = too_early(outcome_on, "The outcome", self.case)
        if outcome_on and self.started_on and outcome_on < self.started_on:
            problem = (
                f"The outcome cannot be before the enquiry started ({self.started_on:%-d %B %Y})"
            )
        if problem:
            self.add_error("outcome_on", problem)
        if outcome and not outcome_on:
            self.add_error("outcome_on", "Enter the date of the outcome")
        if (
            outcome
            and outcome != EnquiryOutcome.CONFERENCE
            and not (data.get("no_conference_reason") or "").strip()
        ):
            self.add_error("no_conference_reason", "Say why no conference is needed")
        return data

    def fields_for_action(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "findings": data["findings"],
            "concerns_substantiated": _yes_no(data["concerns_substantiated"]),
            "continuing_risk": _yes_no(data["continuing_risk"]),
            "outcome": data["outcome"],
            "outcome_on": data["outcome_on"],
            "no_conference_reason": data["no_conference_reason"],
        }
