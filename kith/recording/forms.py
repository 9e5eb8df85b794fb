"""One form per kind of record, narrative first, with only the structured answers a return, a
timescale or a decision needs.

Each form works in two modes. As a draft (saved as you type, or with "Save as draft") nothing is
required and only answers that cannot be right are reported. When submitted, the answers the
record needs are required too. Either way, what was typed is kept.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from kith.cases.codes import ClosureReason, PrimaryNeed
from kith.cases.models import Case
from kith.lib.forms import DateField, GovForm, TimeField, VersionField
from kith.recording import rules
from kith.recording.codes import (
    AssessmentFactor,
    AssessmentOutcome,
    NoteKind,
    YesNo,
    YesNoNotApplicable,
)
from kith.recording.models import ReviewDecision


def _text(label: str, *, help_text: str = "", long: bool = True, **kwargs: Any) -> forms.Field:
    widget = forms.Textarea if long else forms.TextInput
    return forms.CharField(
        label=label, required=False, help_text=help_text, widget=widget, **kwargs
    )


def _choice(label: str, choices: Any, *, radios: bool = True, help_text: str = "") -> forms.Field:
    if not radios:
        choices = [("", "Choose one"), *choices]
    return forms.ChoiceField(
        label=label,
        choices=choices,
        required=False,
        widget=forms.RadioSelect if radios else forms.Select,
        help_text=help_text,
    )


class RecordForm(GovForm):
    """A record's form: `needed` lists what a submitted record must have."""

    needed: tuple[str, ...] = ()
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, case: Case, submitting: bool = False, **kwargs: Any) -> None:
        self.case = case
        self.submitting = submitting
        super().__init__(*args, **kwargs)
        if submitting:
            for name in self.needed:
                field = self.fields[name]
                field.required = True
                label = str(field.label).lower()
                verb = "Select" if isinstance(field, forms.ChoiceField) else "Enter"
                field.error_messages["required"] = f"{verb} {label}"

    def values(self) -> dict[str, Any]:
        """The answers that are right so far (all of them, once the form is valid)."""
        cleaned = getattr(self, "cleaned_data", {})
        return {k: v for k, v in cleaned.items() if k != "version" and k not in self.errors}


class VisitForm(RecordForm):
    needed = ("visited_on", "child_seen")

    visited_on = DateField(label="Date of the visit", past=True, required=False)
    visited_time = TimeField(label="Time", required=False, help_text="For example, 14:30")
    child_seen = _choice("Was the child seen?", YesNo.choices)
    seen_alone = _choice("Was the child seen alone?", YesNoNotApplicable.choices)
    bedroom_seen = _choice("Was the child's bedroom seen?", YesNoNotApplicable.choices)
    who_was_seen = _text("Who else was seen", long=False, max_length=300)
    place = _text("Where", long=False, max_length=200, help_text="For example, at home or school")
    observations = _text("What you saw")
    child_words = _text("What the child said, in their words")
    analysis = _text("What it means for the child")
    next_steps = _text("Next steps")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        if data.get("child_seen") == YesNo.NO and data.get("seen_alone") == YesNo.YES:
            self.add_error("seen_alone", "The child cannot be seen alone if they were not seen")
        problem = rules.not_before(
            data.get("visited_on"), self.case.referral_date, "The visit", "the referral"
        )
        if problem:
            self.add_error("visited_on", problem)
        return data


class CaseNoteForm(RecordForm):
    needed = ("note_kind", "happened_on_date", "text")

    note_kind = _choice("Type", NoteKind.choices)
    happened_on_date = DateField(label="Date", past=True, required=False)
    who_was_involved = _text("Who was involved", long=False, max_length=300)
    text = _text("Note")
    significant = forms.BooleanField(
        label="This is a significant event",
        required=False,
        help_text="Something that changes the child's life or the risk to them",
    )


class AssessmentForm(RecordForm):
    needed = ("started_on", "analysis", "factors", "outcome", "primary_need")

    started_on = DateField(label="Date the assessment started", past=True, required=False)
    child_development = _text(
        "The child's developmental needs",
        help_text="Health, education, emotional development, identity, relationships, self-care",
    )
    parenting_capacity = _text(
        "Parenting capacity",
        help_text="Basic care, safety, warmth, stimulation, guidance and boundaries, stability",
    )
    family_environment = _text(
        "Family and environmental factors",
        help_text="Family history, wider family, housing, work and income, community",
    )
    child_views = _text("The child's views and wishes, in their words")
    analysis = _text(
        "Analysis",
        help_text="What the information means for the child's safety and development, and why",
    )
    factors = forms.MultipleChoiceField(
        label="Factors identified",
        choices=AssessmentFactor.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Select every one that applies, or 'No factors identified'",
    )
    factors.exclusive = AssessmentFactor.NONE  # type: ignore[attr-defined]
    recommendation = _text("Recommendation")
    outcome = _choice("Outcome", AssessmentOutcome.choices)
    primary_need = _choice(
        "The child's main need",
        [c for c in PrimaryNeed.choices if c[0] != PrimaryNeed.NOT_STATED],
        radios=False,
        help_text="If two fit, choose the one higher in the list",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        problem = rules.factors_problem(data.get("factors") or [])
        if problem:
            self.add_error("factors", problem)
        problem = rules.not_before(
            data.get("started_on"), self.case.referral_date, "The start date", "the referral"
        )
        if problem:
            self.add_error("started_on", problem)
        return data


class ClosureForm(RecordForm):
    needed = ("closed_on", "reason", "summary")

    closed_on = DateField(label="Closure date", past=True, required=False)
    reason = _choice("Reason for closing", ClosureReason.choices)
    summary = _text("Summary", help_text="What was done and how things are for the child now")
    onward_services = _text(
        "Services that carry on", help_text="For example, early help or the school's support"
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        problem = rules.not_before(
            data.get("closed_on"), self.case.referral_date, "The closure date", "the referral"
        )
        if problem:
            self.add_error("closed_on", problem)
        return data


class PlanForm(RecordForm):
    needed = ("starts_on", "needs")

    starts_on = DateField(label="Start date", required=False)
    ends_on = DateField(label="End date", required=False, help_text="Leave blank while it runs")
    needs = _text(
        "What needs to change",
        help_text="The needs the plan addresses, in words the family will understand",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        problem = rules.not_before(
            data.get("ends_on"), data.get("starts_on"), "The end date", "the start date"
        )
        if problem:
            self.add_error("ends_on", problem)
        problem = rules.not_before(
            data.get("starts_on"), self.case.referral_date, "The start date", "the referral"
        )
        if problem:
            self.add_error("starts_on", problem)
        return data


class PlanActionForm(GovForm):
    what = _text("What will happen")
    who = _text("Who will do it", long=False, max_length=200, help_text="A person or an agency")
    by_when = DateField(label="By when", required=False)
    progress = _text("Progress")
    done = forms.BooleanField(label="Done", required=False)

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not any(data.get(name) for name in ("what", "who", "by_when", "progress"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        if not self.is_blank():
            if not data.get("what"):
                self.add_error("what", "Enter what will happen")
            if not data.get("who"):
                self.add_error("who", "Enter who will do it")
        return data


class BasePlanActions(forms.BaseFormSet):
    def actions(self) -> list[dict[str, Any]]:
        """The filled-in rows, in order (blank rows are left out)."""
        return [
            {k: v for k, v in form.cleaned_data.items() if k in PlanActionForm.base_fields}
            for form in self.forms
            if form.is_valid() and not form.is_blank()
        ]


PlanActions = forms.formset_factory(
    PlanActionForm, formset=BasePlanActions, extra=0, min_num=3, validate_min=False
)


class PlanReviewForm(GovForm):
    version = VersionField()
    held_on = DateField(label="Date of the review", past=True)
    attendees = forms.CharField(label="Who attended", widget=forms.Textarea)
    what_changed = forms.CharField(
        label="What has changed since the plan was made or last reviewed", widget=forms.Textarea
    )
    decision = forms.ChoiceField(
        label="Decision", choices=ReviewDecision.choices, widget=forms.RadioSelect
    )
    next_review_on = DateField(label="Date of the next review", required=False, future=True)

    def __init__(self, *args: Any, plan_start: date | None = None, **kwargs: Any) -> None:
        self.plan_start = plan_start
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        problem = rules.not_before(
            data.get("held_on"), self.plan_start, "The review date", "the plan's start"
        )
        if problem:
            self.add_error("held_on", problem)
        return data


class ReturnForm(GovForm):
    comments = forms.CharField(
        label="What needs to change",
        widget=forms.Textarea,
        help_text="The worker sees this at the top of the record",
    )


class AmendmentForm(GovForm):
    why = forms.CharField(
        label="Why are you changing this record?",
        widget=forms.Textarea,
        help_text="Everyone who reads the record's history will see this",
    )
