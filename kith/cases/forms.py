"""Forms for contacts and cases, with messages a front door worker understands."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.utils import timezone

from kith.accounts.models import Team, User
from kith.accounts.roles import Role
from kith.cases.codes import Consent, ContactOutcome, PrimaryNeed, ReferralSource
from kith.lib.forms import DateField, GovForm, TimeField

# Who can hold a case: social workers, and team managers (who sometimes do).
CASE_HOLDERS = (Role.SOCIAL_WORKER, Role.TEAM_MANAGER)


def _text(label: str, *, required: bool = False, long: bool = False, **kwargs: Any) -> Any:
    return forms.CharField(
        label=label,
        required=required,
        widget=forms.Textarea if long else forms.TextInput,
        **kwargs,
    )


def _staff_teams() -> Any:
    return Team.objects.filter(service_area__is_partner_agency=False).order_by("name")


class ContactForm(GovForm):
    """A contact on one page: who got in touch, about which child, what worries them, and (if
    the worker is deciding now) what was decided."""

    received_on = DateField(label="Date received", past=True)
    received_time = TimeField(label="Time received", help_text="For example, 9:30 or 14:05")
    referrer_name = _text("Name of the person who contacted us", required=True, max_length=200)
    referrer_organisation = _text(
        "Their organisation", max_length=200, help_text="Leave blank for a family member"
    )
    referrer_phone_or_email = _text("Their phone number or email", max_length=200)
    source = forms.ChoiceField(
        label="Who they are",
        choices=[("", "Choose one"), *ReferralSource.choices],
    )
    child_name = _text("Child's name", max_length=200)
    child_date_of_birth = DateField(label="Child's date of birth", past=True, required=False)
    child_address = _text("Child's address", max_length=300)
    worries = _text("What they are worried about", required=True, long=True)
    consent = forms.ChoiceField(
        label="Did the family agree to the contact?",
        choices=Consent.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    outcome = forms.ChoiceField(
        label="Decision",
        choices=[*ContactOutcome.choices, ("", "Not decided yet")],
        widget=forms.RadioSelect,
        required=False,
        help_text="Decide later if you need to: the decision is due within 1 working day",
    )
    decision_reasons = _text("Reasons for the decision", long=True)
    team = forms.ModelChoiceField(
        label="Team to take the referral",
        queryset=Team.objects.none(),
        required=False,
        empty_label="Choose a team",
    )
    primary_need = forms.ChoiceField(
        label="Main need, as far as you can tell now",
        choices=[("", "Choose the main need"), *PrimaryNeed.choices],
        required=False,
        help_text="Only for a referral. It can change after the assessment",
    )

    def __init__(
        self, *args: Any, child: Any = None, can_decide: bool = True, **kwargs: Any
    ) -> None:
        self.child = child
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = _staff_teams()  # type: ignore[attr-defined]
        if child is not None:
            for name in ("child_name", "child_date_of_birth", "child_address"):
                del self.fields[name]
        if not can_decide:
            # Recorded here, decided by the front door (cases/access.py may_decide).
            for name in ("outcome", "decision_reasons", "team", "primary_need"):
                del self.fields[name]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        day, time = data.get("received_on"), data.get("received_time")
        if day and time:
            received = timezone.make_aware(datetime.combine(day, time))
            if received > timezone.now():
                self.add_error("received_time", "Time received must be now or in the past")
            data["received_at"] = received
        if self.child is None and not (data.get("child_name") or "").strip():
            self.add_error("child_name", "Enter the child's name, or 'Not known'")
        _check_decision(self, data)
        return data


def _check_decision(form: GovForm, data: dict[str, Any]) -> None:
    outcome = data.get("outcome")
    if not outcome:
        return
    if not (data.get("decision_reasons") or "").strip():
        form.add_error("decision_reasons", "Enter the reasons for the decision")
    if outcome == ContactOutcome.REFERRAL:
        if not data.get("team"):
            form.add_error("team", "Choose the team to take the referral")
        if not data.get("primary_need"):
            # The census needs a main need for every referral that goes further (rule 8610).
            form.add_error("primary_need", "Choose the child's main need, as far as you can tell")
    # A referral for a child not yet found on record is not refused: the contact is saved, the
    # decision kept, and the worker finds the child next (cases/views/refer_before_found.py).


class DecisionForm(GovForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    outcome = forms.ChoiceField(
        label="Decision", choices=ContactOutcome.choices, widget=forms.RadioSelect
    )
    decision_reasons = _text("Reasons for the decision", long=True)
    team = forms.ModelChoiceField(
        label="Team to take the referral",
        queryset=Team.objects.none(),
        required=False,
        empty_label="Choose a team",
        help_text="Only for a referral to children's social care",
    )
    primary_need = forms.ChoiceField(
        label="Main need, as far as you can tell now",
        choices=[("", "Choose the main need"), *PrimaryNeed.choices],
        required=False,
        help_text="Only for a referral. It can change after the assessment",
    )

    def __init__(self, *args: Any, child_known: bool, **kwargs: Any) -> None:
        self.child_known = child_known
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = _staff_teams()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        _check_decision(self, data)
        return data


class FeedbackForm(GovForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    feedback = _text("What we told them", required=True, long=True)
    feedback_given_on = DateField(label="Date we told them", past=True)


class AllocationForm(GovForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    team = forms.ModelChoiceField(
        label="Team", queryset=Team.objects.none(), empty_label="Choose a team"
    )
    worker = forms.ModelChoiceField(
        label="Social worker",
        queryset=User.objects.none(),
        required=False,
        empty_label="Not allocated to a worker yet",
    )
    note = _text("Reason", max_length=300, help_text="For example, the worker is on leave")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = _staff_teams()  # type: ignore[attr-defined]
        self.fields["worker"].queryset = (  # type: ignore[attr-defined]
            User.objects.filter(is_active=True, role__in=CASE_HOLDERS, team__isnull=False)
            .select_related("team")
            .order_by("team__name", "last_name")
        )
        self.fields["worker"].label_from_instance = (  # type: ignore[attr-defined]
            lambda u: f"{u.get_full_name()} ({u.team.name})"
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        worker, team = data.get("worker"), data.get("team")
        if worker and team and worker.team_id != team.pk:
            self.add_error("worker", f"{worker.get_full_name()} is not in {team.name}")
        return data


class NoFurtherActionForm(GovForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    why = _text("Why is no further action needed?", required=True, long=True)


class NewChildForm(GovForm):
    """Add the child named on a contact as a new person."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    first_name = _text("First name", max_length=100)
    family_name = _text("Family name", required=True, max_length=100)
    date_of_birth = DateField(label="Date of birth", past=True, required=False)
