"""Conference forms: an initial or review conference with a decision for each child (and, at
an initial conference, the outline plan), and its amendment."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms

from kith.accounts.models import User
from kith.accounts.roles import Role
from kith.cases.models import Case
from kith.lib.forms import DateField, GovForm
from kith.protection.codes import CategoryOfAbuse
from kith.protection.forms.shared import ChildPart, fits_each_child, text, too_early


class ChairField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.get_full_name()


NOT_A_WORKING_DAY = (
    "Conferences are held on working days, and the census queries one dated at a weekend: "
    "check the date."
)


class ConferenceForm(GovForm):
    held_on = DateField(
        label="Date of the conference", past=True, not_a_working_day=NOT_A_WORKING_DAY
    )
    chair = ChairField(
        label="Chair",
        queryset=User.objects.none(),
        empty_label="Choose the chair",
        error_messages={
            "invalid_choice": "Choose a chair: an independent reviewing officer or child "
            "protection chair",
            "required": "Choose the chair",
        },
    )
    attendance = text("Who attended, by agency")
    apologies = text("Apologies", required=False)
    quorate = forms.ChoiceField(
        label="Was the conference quorate?",
        choices=[("yes", "Yes"), ("no", "No")],
        widget=forms.RadioSelect,
        initial="yes",
    )
    reports_received = text("Reports received", required=False, help_text="From each agency")
    social_worker_report = text("The social worker's report")
    views = text("The child's and the family's views")
    # The outline plan (an initial conference): each child's plan starts as it.
    what_must_change = text("What must change", required=False)
    contingency = text(
        "Contingency plan", required=False, help_text="What will happen if things do not change"
    )

    def __init__(
        self,
        *args: Any,
        per_child: Sequence[ChildPart] = (),
        initial_conference: bool = False,
        **kwargs: Any,
    ) -> None:
        self.per_child = per_child
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            role=Role.CHAIR, is_active=True
        ).order_by("last_name", "first_name")
        if not initial_conference:
            del self.fields["what_must_change"]
            del self.fields["contingency"]

    def outline(self) -> dict[str, str]:
        return {
            "what_must_change": self.cleaned_data.get("what_must_change", ""),
            "contingency": self.cleaned_data.get("contingency", ""),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        fits_each_child(self, "held_on", "The conference", self.per_child)
        return data


class ConferenceAmendForm(ConferenceForm):
    """Correcting a conference: the same questions, the version it was opened on, and why."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    why = text("Why is it amended?", help_text="For example, 'The date was typed wrong'")

    def __init__(
        self, *args: Any, cases: Sequence[Case] = (), chair: User | None = None, **kwargs: Any
    ) -> None:
        self.cases = cases
        super().__init__(*args, initial_conference=False, **kwargs)
        if chair is not None:
            # The chair who held it stays a choice after leaving the service.
            chairs = self.fields["chair"]
            chairs.queryset = (  # type: ignore[attr-defined]
                chairs.queryset | User.objects.filter(pk=chair.pk)  # type: ignore[attr-defined]
            ).order_by("last_name", "first_name")

    def clean(self) -> dict[str, Any]:
        data = GovForm.clean(self) or self.cleaned_data
        for case in self.cases:
            problem = too_early(data.get("held_on"), "The conference", case)
            if problem:
                self.add_error("held_on", problem)
        return data


class ConferenceChildForm(ChildPart):
    decision = forms.ChoiceField(
        label="Decision",
        choices=[
            ("plan", "A child protection plan"),
            ("no_plan", "No plan"),
            ("", "Not part of this conference"),
        ],
        widget=forms.RadioSelect,
        required=False,
    )
    category = forms.ChoiceField(
        label="Category of abuse",
        choices=[("", "Choose a category"), *CategoryOfAbuse.choices],
        required=False,
        help_text="Choose the main category; 'multiple' only where none is the main one",
    )
    next_review_on = DateField(label="Date of the next review conference", required=False)

    def __init__(self, *args: Any, review: bool = False, latest: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if review:
            self.fields["decision"].choices = [  # type: ignore[attr-defined]
                ("plan", "The plan continues"),
                ("no_plan", "The plan ends"),
                ("", "Not part of this conference"),
            ]
            self.fields["category"].label = "Category of abuse now"
        if latest:
            self.fields[
                "next_review_on"
            ].help_text = f"By {latest:%-d %B %Y} at the latest. Leave it blank for that date."
        else:
            self.fields[
                "next_review_on"
            ].help_text = (
                "Within 3 months of this conference. Leave it blank for 3 months after it."
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        if data.get("decision") == "plan" and not data.get("category"):
            self.add_error("category", "Choose the category of abuse")
        return data
