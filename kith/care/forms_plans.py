"""The care plan's and placement plan's forms: narrative first; only the date is structured.
What Kith already holds is shown beside them (care/drawn_in.py), not asked for."""

from __future__ import annotations

from typing import Any

from kith.care.codes import PermanenceOption
from kith.lib.forms import DateField
from kith.recording import rules
from kith.recording.forms import RecordForm, _choice, _text


class CarePlanForm(RecordForm):
    needed = ("agreed_on", "needs", "permanence_plan")

    agreed_on = DateField(label="Date of the plan", required=False)
    needs = _text("The child's needs and how they will be met")
    permanence_option = _choice("Where the child will grow up", PermanenceOption.choices)
    permanence_agreed_on = DateField(
        label="Date the plan for permanence was agreed", past=True, required=False
    )
    permanence_plan = _text(
        "The plan for permanence", help_text="Where the child will grow up, and how we get there"
    )
    contingency = _text("The contingency plan", help_text="What happens if the plan cannot work")
    family_contact = _text("Time with family and friends", help_text="Who, how often, where")
    health = _text("Health")
    education = _text("Education")
    child_wishes = _text("The child's wishes and feelings, in their words")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        problem = rules.not_before(
            data.get("agreed_on"), self.case.referral_date, "The date of the plan", "the referral"
        )
        if problem:
            self.add_error("agreed_on", problem)
        if data.get("permanence_agreed_on") and not data.get("permanence_option"):
            self.add_error(
                "permanence_option", "Select where the child will grow up, as agreed on that date"
            )
        return data


class PlacementPlanForm(RecordForm):
    needed = ("agreed_on", "carers_need_to_know")

    agreed_on = DateField(label="Date of the plan", required=False)
    carers_need_to_know = _text("What the carers need to know about the child")
    delegated_authority = _text(
        "Delegated authority",
        help_text="What the carers may decide themselves: haircuts, school trips, sleepovers",
    )
    arrangements = _text(
        "Arrangements", help_text="School, health, time with family, pocket money, support"
    )
    child_views = _text("The child's views on the placement")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        problem = rules.not_before(
            data.get("agreed_on"), self.case.referral_date, "The date of the plan", "the referral"
        )
        if problem:
            self.add_error("agreed_on", problem)
        return data
