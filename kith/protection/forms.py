"""Forms for child protection records. One form per record, with a small form per child where
the record covers several children (a prefix per child's case)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone

from kith.accounts.models import User
from kith.accounts.roles import Role
from kith.cases.models import Case
from kith.lib.forms import DateField, GovForm, TimeField
from kith.protection import rules, uploads
from kith.protection.codes import (
    Agency,
    CategoryOfAbuse,
    EnquiryOutcome,
    PlanEndReason,
    StrategyDecision,
)


def _text(label: str, *, required: bool = True, help_text: str = "", long: bool = True) -> Any:
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.Textarea if long else forms.TextInput,
    )


YES_NO_NOT_KNOWN = [("yes", "Yes"), ("no", "No"), ("", "Not known yet")]


def _yes_no(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


def too_early(day: date | None, what: str, case: Case | None, child: Any = None) -> str | None:
    """Why a record dated `day` cannot be about the child of `case` (or `child`, who has no
    case yet), naming them (the rule is rules.too_early_for_child)."""
    child = case.child if case is not None else child
    if child is None:
        return None
    return rules.too_early_for_child(
        day,
        what=what,
        name=child.first_name or child.full_name,
        born=child.date_of_birth,
        expected=child.expected_date_of_birth,
        referral=case.referral_date if case is not None else None,
    )


def _fits_each_child(form: GovForm, field: str, what: str, per_child: Sequence[ChildPart]) -> None:
    """A record covering several children has one date: it must fit every child it decides
    about (a child left out of it does not count)."""
    day = form.cleaned_data.get(field)
    for part in per_child:
        if part.decides():
            problem = too_early(day, what, part.case, part.child)
            if problem:
                form.add_error(field, problem)


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
        _fits_each_child(self, "held_on", "The discussion", self.per_child)
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

    information_shared = _text(
        "What each agency shared",
        help_text="Police, health, education and children's social care at least",
    )
    safety_plan = _text("Immediate safety plan for the children")
    actions = _text("Actions, and who will do them", required=False)
    reason = _text(
        "Why, for every child below",
        required=False,
        help_text="The reasons for the decisions. Add a child's own reasons under their name "
        "only where they differ.",
    )


class ParticipantForm(GovForm):
    name = _text("Name", required=False, long=False)
    agency = forms.ChoiceField(
        label="Agency", choices=[("", "Choose an agency"), *Agency.choices], required=False
    )
    role = _text("Role", required=False, long=False)

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


class ChildPart(GovForm):
    """One child's part of a record covering several children: its messages say whose, and
    the record's date is checked against the child's `case` (their birth, their referral)."""

    def __init__(
        self,
        *args: Any,
        child_name: str = "",
        case: Case | None = None,
        child: Any = None,
        **kwargs: Any,
    ) -> None:
        self.case = case
        self.child = child if child is not None else (case.child if case is not None else None)
        self.child_name = child_name or (self.child.full_name if self.child is not None else "")
        super().__init__(*args, **kwargs)

    def decides(self) -> bool:
        """Whether the record decides anything about this child (its decision is not 'not
        part of this')."""
        return (
            self.is_bound
            and "decision" not in self.errors
            and bool(self.cleaned_data.get("decision"))
        )


class StrategyChildForm(ChildPart):
    decision = forms.ChoiceField(
        label="Decision",
        choices=[*StrategyDecision.choices, ("", "Not part of this discussion")],
        widget=forms.RadioSelect,
        required=False,
    )
    reason = _text("Why, if different for this child", required=False)

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


class AlsoForSiblings:
    """Written once for brothers and sisters: a form about one child's record offers the same
    words for the matching records of the children around them (their enquiries from the same
    discussion, their plans), each chosen as "pk:version", so a change to theirs since the page
    opened is caught when saving. Each record stays the child's own."""

    @staticmethod
    def field(theirs: str) -> forms.MultipleChoiceField:
        return forms.MultipleChoiceField(
            label="The same for",
            required=False,
            widget=forms.CheckboxSelectMultiple,
            help_text=f"{theirs} stay their own: change any of them afterwards if they differ.",
        )

    @staticmethod
    def offer(
        form: forms.Form, siblings: Sequence[Any], what: str, differing: Sequence[Any] = ()
    ) -> None:
        """Offer each sibling's record, ticked unless it says something of its own (`differing`):
        words of their own are replaced only when the worker ticks them, knowing it."""
        form.siblings = {str(s.pk): s for s in siblings}  # type: ignore[attr-defined]
        if not siblings:
            del form.fields["also"]
            return
        field = form.fields["also"]
        own = {s.pk for s in differing}
        field.choices = [  # type: ignore[attr-defined]
            (
                f"{s.pk}:{s.version}",
                f"{s.case.child.full_name}'s {what}"
                + (
                    " (written differently: ticking it puts these words in place of theirs)"
                    if s.pk in own
                    else ""
                ),
            )
            for s in siblings
        ]
        field.initial = [f"{s.pk}:{s.version}" for s in siblings if s.pk not in own]
        # A page read before a sibling's record changed sends its older version: that is for
        # the save to catch (and say whose), not a choice that is not there.
        field.valid_value = (  # type: ignore[attr-defined]
            lambda value: str(value).partition(":")[0] in form.siblings  # type: ignore[attr-defined]
        )

    @staticmethod
    def chosen(form: forms.Form) -> list[tuple[Any, int]]:
        """The siblings' records chosen, each with the version the page read."""
        found = []
        for value in form.cleaned_data.get("also") or []:
            pk, _, version = str(value).partition(":")
            if pk in form.siblings and version.isdecimal():  # type: ignore[attr-defined]
                found.append((form.siblings[pk], int(version)))  # type: ignore[attr-defined]
        return found


class EnquiryForm(GovForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    findings = _text("What the enquiry found", required=False)
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
    no_conference_reason = _text(
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
    attendance = _text("Who attended, by agency")
    apologies = _text("Apologies", required=False)
    quorate = forms.ChoiceField(
        label="Was the conference quorate?",
        choices=[("yes", "Yes"), ("no", "No")],
        widget=forms.RadioSelect,
        initial="yes",
    )
    reports_received = _text("Reports received", required=False, help_text="From each agency")
    social_worker_report = _text("The social worker's report")
    views = _text("The child's and the family's views")
    # The outline plan (an initial conference): each child's plan starts as it.
    what_must_change = _text("What must change", required=False)
    contingency = _text(
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
        _fits_each_child(self, "held_on", "The conference", self.per_child)
        return data


class ConferenceAmendForm(ConferenceForm):
    """Correcting a conference: the same questions, the version it was opened on, and why."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    why = _text("Why is it amended?", help_text="For example, 'The date was typed wrong'")

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

    what_must_change = _text("What must change")
    contingency = _text("Contingency plan", help_text="What will happen if things do not change")
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
    end_note = _text("More detail", required=False)


class CoreGroupForm(GovForm):
    held_on = DateField(label="Date of the meeting", past=True)
    attendance = _text("Who attended")
    progress = _text("Progress on each action")
    concerns = _text("Concerns", required=False)
    decisions = _text("Decisions")
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


# What a report may be: documents and scans people actually send to conferences.
REPORT_TYPES = {".pdf", ".doc", ".docx", ".odt", ".rtf", ".txt", ".jpg", ".jpeg", ".png"}


class ReportForm(GovForm):
    agency = forms.ChoiceField(
        label="From which agency", choices=[("", "Choose an agency"), *Agency.choices]
    )
    title = _text("What it is", long=False, help_text="For example, 'School report'")
    document = forms.FileField(
        label="The document",
        help_text="A PDF, Word or OpenDocument file, a text file, or a photo or scan (JPG or PNG)",
        error_messages={"required": "Choose the document to attach"},
    )

    def clean_document(self) -> Any:
        """The name says the kind of document, and what is inside must be that kind: a web
        page renamed .pdf would otherwise be kept, and handed to the next person, as a PDF."""
        document = self.cleaned_data["document"]
        name = str(document.name or "").lower()
        if not any(name.endswith(ending) for ending in REPORT_TYPES):
            raise forms.ValidationError(
                "The document must be a PDF, Word, OpenDocument, text, JPG or PNG file"
            )
        limit = settings.KITH_MAX_UPLOAD_MB
        if document.size > limit * 1024 * 1024:
            raise forms.ValidationError(f"The document must be smaller than {limit} MB")
        if document.size == 0:
            raise forms.ValidationError("The document is empty")
        problem = uploads.problem_with(document, name)
        if problem:
            raise forms.ValidationError(problem)
        return document
