"""The short forms of a care leaver's support. What was typed is kept; the rules are said at
the field (leaving_care/rules.py, run by the actions)."""

from __future__ import annotations

from typing import Any

from django import forms

from kith.accounts.models import User
from kith.accounts.roles import Role
from kith.care.forms import YES_NO, with_blank
from kith.leaving_care.codes import (
    Accommodation,
    Activity,
    Arrangement,
    ContactMethod,
    InTouch,
    SupportEnd,
)
from kith.lib.forms import DateField, GovForm, VersionField


def advisers() -> Any:
    return User.objects.filter(role=Role.PERSONAL_ADVISER, is_active=True).order_by(
        "first_name", "last_name"
    )


class AdviserChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.get_full_name() or obj.username


class StartForm(GovForm):
    started_on = DateField(label="Date support began", past=True)
    adviser = AdviserChoice(
        label="Personal adviser",
        queryset=User.objects.none(),
        required=False,
        empty_label="Not chosen yet",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["adviser"].queryset = advisers()  # type: ignore[attr-defined]


class SupportForm(GovForm):
    version = VersionField()
    adviser = AdviserChoice(
        label="Personal adviser",
        queryset=User.objects.none(),
        required=False,
        empty_label="Not chosen yet",
    )
    adviser_since = DateField(label="Personal adviser since", past=True, required=False)
    to_25_asked_on = DateField(
        label="Date the young person asked for support to 25",
        past=True,
        required=False,
        help_text="Leave blank unless they asked: support otherwise ends at 21",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["adviser"].queryset = advisers()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        if data.get("adviser_since") and not data.get("adviser"):
            self.add_error("adviser_since", "Choose the personal adviser first")
        return data


class EndForm(GovForm):
    version = VersionField()
    ended_on = DateField(label="Date support ended", past=True)
    end_reason = forms.ChoiceField(
        label="Why support ended", choices=SupportEnd.choices, widget=forms.RadioSelect
    )


class ContactForm(GovForm):
    contacted_on = DateField(label="Date of the contact", past=True)
    method = forms.ChoiceField(
        label="How you were in touch", choices=ContactMethod.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label="How they are, in their words", widget=forms.Textarea, required=False
    )


class BirthdayCheckForm(GovForm):
    version = VersionField(required=False)
    checked_on = DateField(label="Date of the contact", past=True)
    in_touch = forms.ChoiceField(
        label="Are we in touch with the young person?",
        choices=InTouch.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether we are in touch with the young person"},
    )
    activity = forms.ChoiceField(
        label="Their main activity",
        choices=with_blank(Activity.choices, "Not known, or not for this answer"),
        required=False,
    )
    accommodation = forms.ChoiceField(
        label="Where they live",
        choices=with_blank(Accommodation.choices, "Not known, or not for this answer"),
        required=False,
    )
    suitable = forms.ChoiceField(
        label="Is where they live suitable for them?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        required=False,
    )
    note = forms.CharField(label="Anything else", widget=forms.Textarea, required=False)

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "checked_on": data["checked_on"],
            "in_touch": data["in_touch"],
            "activity": data.get("activity", ""),
            "accommodation": data.get("accommodation", ""),
            "suitable": {"yes": True, "no": False}.get(data.get("suitable", "")),
            "note": data.get("note", ""),
        }


class ArrangementForm(GovForm):
    kind = forms.ChoiceField(
        label="Arrangement", choices=Arrangement.choices, widget=forms.RadioSelect
    )
    started_on = DateField(label="Date it began", past=True)
    ended_on = DateField(label="Date it ended", past=True, required=False)
    with_whom = forms.CharField(label="With whom, or where", max_length=200)
