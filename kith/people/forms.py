"""The forms for a person's record. Messages name the field and say what to do."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from kith.lib.forms import DateField, GovForm
from kith.people.codes import (
    AddressType,
    ContactRestriction,
    Disability,
    Ethnicity,
    IdentifierKind,
    InvolvementKind,
    OtherNameKind,
    Sex,
    UpnUnknown,
)
from kith.people.identifiers import is_valid_nhs_number, is_valid_upn
from kith.people.postcodes import normalise_postcode
from kith.people.relationships import MAY_HOLD_PARENTAL_RESPONSIBILITY, RelationshipKind


def _text(
    label: str, *, required: bool = False, help_text: str = "", **kwargs: Any
) -> forms.CharField:
    return forms.CharField(label=label, required=required, help_text=help_text, **kwargs)


class VersionedForm(GovForm):
    """Carries the version of the record the form was opened on, so a save after someone
    else's change is caught (people/actions.py EditConflict)."""

    version = forms.IntegerField(
        widget=forms.HiddenInput,
        error_messages={"required": "This page is out of date: reload it and try again"},
    )


class NhsNumberField(forms.CharField):
    def clean(self, value: Any) -> str:
        value = "".join(str(value or "").split()).replace("-", "")
        if not value:
            return ""
        if not (value.isascii() and value.isdecimal()) or len(value) != 10:
            raise forms.ValidationError("NHS number must be 10 numbers, like 485 777 3456")
        if not is_valid_nhs_number(value):
            raise forms.ValidationError(
                "This is not a real NHS number: check each number against the letter or card"
            )
        return value


class UpnField(forms.CharField):
    def clean(self, value: Any) -> str:
        value = "".join(str(value or "").split()).upper()
        if not value:
            return ""
        if len(value) != 13 or not value[0].isalpha():
            raise forms.ValidationError(
                "UPN must be a letter followed by 12 numbers (the last may be a letter), "
                "like A801200005001"
            )
        if not is_valid_upn(value):
            raise forms.ValidationError(
                "This is not a real UPN: check it against the school's record"
            )
        return value


class PostcodeField(forms.CharField):
    def clean(self, value: Any) -> str:
        value = str(value or "").strip()
        if not value:
            if self.required:
                raise forms.ValidationError("Enter a postcode")
            return ""
        normal = normalise_postcode(value)
        if normal is None:
            raise forms.ValidationError("Enter a real postcode, like WH1 2AB")
        return normal


class NewPersonForm(GovForm):
    first_name = _text("First name", max_length=100)
    family_name = _text("Family name", required=True, max_length=100)
    date_of_birth = DateField(
        label="Date of birth", required=False, past=True, help_text="For example, 27 3 2015"
    )
    date_of_birth_is_estimated = forms.BooleanField(
        label="The date of birth is an estimate", required=False
    )
    sex = forms.ChoiceField(label="Sex", choices=Sex.choices, widget=forms.RadioSelect)
    nhs_number = NhsNumberField(label="NHS number (if known)", required=False)
    confirmed_new = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        if data.get("date_of_birth_is_estimated") and not data.get("date_of_birth"):
            self.add_error("date_of_birth", "Enter the estimated date of birth")
        return data


class IdentityForm(VersionedForm):
    first_name = _text("First name", max_length=100)
    middle_names = _text("Middle names", max_length=200)
    family_name = _text("Family name", required=True, max_length=100)
    preferred_name = _text("Known as", max_length=100, help_text="The name they like to be called")
    date_of_birth = DateField(label="Date of birth", required=False, past=True)
    date_of_birth_is_estimated = forms.BooleanField(
        label="The date of birth is an estimate", required=False
    )
    expected_date_of_birth = DateField(
        label="Expected date of birth",
        required=False,
        help_text="Only for a baby not yet born",
    )
    date_of_death = DateField(label="Date of death", required=False, past=True)
    sex = forms.ChoiceField(label="Sex", choices=Sex.choices, widget=forms.RadioSelect)
    gender_identity = _text(
        "Gender identity", max_length=100, help_text="In their own words, if they have said"
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        born, died = data.get("date_of_birth"), data.get("date_of_death")
        if born and died and died < born:
            self.add_error("date_of_death", "Date of death must be on or after the date of birth")
        if data.get("date_of_birth_is_estimated") and not born:
            self.add_error("date_of_birth", "Enter the estimated date of birth")
        return data


class BackgroundForm(VersionedForm):
    ethnicity = forms.ChoiceField(
        label="Ethnicity",
        choices=Ethnicity.choices,
        help_text="As the child, young person or their parent describes it, not a worker's view",
    )
    first_language = _text("First language", max_length=60)
    needs_interpreter = forms.BooleanField(label="Needs an interpreter", required=False)
    religion = _text("Religion or belief", max_length=60)
    immigration_status = _text(
        "Immigration status", max_length=120, help_text="Only where it matters for their care"
    )
    disabilities = forms.MultipleChoiceField(
        label="Disabilities",
        choices=Disability.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Select every one that applies, or 'No disability'",
    )

    def clean_disabilities(self) -> list[str]:
        chosen = self.cleaned_data["disabilities"]
        if Disability.NONE in chosen and len(chosen) > 1:
            raise forms.ValidationError(
                "Select 'No disability' on its own, or only the disabilities that apply"
            )
        return chosen


class IdentifiersForm(VersionedForm):
    nhs_number = NhsNumberField(label="NHS number", required=False)
    upn = UpnField(label="Unique pupil number (UPN)", required=False)
    upn_unknown = forms.ChoiceField(
        label="If there is no UPN, why not",
        choices=[("", "There is a UPN, or the reason is not known"), *UpnUnknown.choices],
        required=False,
        help_text="The children in need census asks for a reason for every child of school age",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        if data.get("upn") and data.get("upn_unknown"):
            self.add_error("upn_unknown", "Leave this empty when the child has a UPN")
        return data


class OtherNameForm(VersionedForm):
    kind = forms.ChoiceField(
        label="Kind of name", choices=OtherNameKind.choices, widget=forms.RadioSelect
    )
    first_name = _text("First name", max_length=100)
    family_name = _text("Family name", max_length=100)
    start_date = DateField(label="Used from", required=False, past=True)
    end_date = DateField(label="Used until", required=False, past=True)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        if not (data.get("first_name") or data.get("family_name")):
            self.add_error("family_name", "Enter a first name or a family name")
        _dates_in_order(self, data)
        return data


class IdentifierForm(VersionedForm):
    kind = forms.ChoiceField(label="Kind of reference", choices=IdentifierKind.choices)
    value = _text("Reference", required=True, max_length=60)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        if data.get("kind") == IdentifierKind.FORMER_UPN and data.get("value"):
            try:
                data["value"] = UpnField().clean(data["value"])
            except forms.ValidationError as error:
                self.add_error("value", error)
        return data


class AddressForm(VersionedForm):
    line_1 = _text("Address line 1", required=True, max_length=120)
    line_2 = _text("Address line 2", max_length=120)
    town = _text("Town or city", required=True, max_length=80)
    postcode = PostcodeField(label="Postcode", required=False, max_length=10)
    kind = forms.ChoiceField(
        label="Kind of address",
        choices=AddressType.choices,
        widget=forms.RadioSelect,
        initial=AddressType.HOME,
    )
    start_date = DateField(label="Living here since", required=False, past=True)
    replaces_current = forms.BooleanField(
        label="This replaces their current address", required=False, initial=True
    )
    household_moves = forms.BooleanField(label="Everyone they live with moves too", required=False)


class EndAddressForm(VersionedForm):
    end_date = DateField(label="Date they left", required=True, past=True)


class RelationshipForm(VersionedForm):
    other = forms.IntegerField(widget=forms.HiddenInput)
    # The relationship's own version: it shows on two records, and can be changed from either.
    record_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    kind = forms.ChoiceField(label="Relationship", choices=RelationshipKind.choices)
    direction = forms.ChoiceField(
        label="Who is who",
        choices=[("they_are", "They are the person's …"), ("person_is", "The person is their …")],
        widget=forms.RadioSelect,
        initial="they_are",
    )
    has_parental_responsibility = forms.BooleanField(
        label="Has parental responsibility", required=False
    )
    contact_restriction = forms.ChoiceField(
        label="Contact", choices=ContactRestriction.choices, required=False
    )
    start_date = DateField(label="Since", required=False, past=True)
    end_date = DateField(label="Ended", required=False, past=True)
    notes = _text("Notes", widget=forms.Textarea)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        if (
            data.get("has_parental_responsibility")
            and data.get("kind") not in MAY_HOLD_PARENTAL_RESPONSIBILITY
        ):
            self.add_error(
                "has_parental_responsibility",
                "Only a parent, step-parent, grandparent, aunt or uncle, carer or other adult "
                "can hold parental responsibility",
            )
        _dates_in_order(self, data)
        return data


class InvolvementForm(VersionedForm):
    kind = forms.ChoiceField(label="Kind", choices=InvolvementKind.choices)
    organisation = _text(
        "Organisation", required=True, max_length=160, help_text="For example, Mill Road Surgery"
    )
    name = _text("Name of the professional", max_length=120)
    role = _text("Their role", max_length=120)
    phone = _text("Phone", max_length=40)
    email = forms.EmailField(
        label="Email",
        required=False,
        error_messages={"invalid": "Enter an email address like name@example.org"},
    )
    start_date = DateField(label="Involved since", required=False, past=True)
    end_date = DateField(label="Involvement ended", required=False, past=True)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        _dates_in_order(self, data)
        return data


class MergeForm(GovForm):
    other = _text(
        "Person number of the other record",
        required=True,
        max_length=12,
        help_text="For example, P0001234",
    )
    why = _text("Why these are the same person", required=True, widget=forms.Textarea)


class UnbornForm(GovForm):
    family_name = _text("Family name", required=True, max_length=100)
    expected_date_of_birth = DateField(label="Expected date of birth", required=True, future=True)


def _dates_in_order(form: forms.Form, data: dict[str, Any]) -> None:
    start, end = data.get("start_date"), data.get("end_date")
    if start and end and end < start:
        form.add_error(
            "end_date",
            f"{form.fields['end_date'].label} must be on or after "
            f"{str(form.fields['start_date'].label).lower()}",
        )
    today = timezone.localdate()
    if end and end > today:
        form.add_error("end_date", f"{form.fields['end_date'].label} must be today or in the past")


class ReasonForm(GovForm):
    """Why someone outside the child's work needs to open their record."""

    why = forms.CharField(
        label="Why do you need to open this record?",
        widget=forms.Textarea,
        help_text="For example: 'Out-of-hours call from police about the children at this "
        "address tonight'",
        max_length=1000,
        error_messages={"required": "Say why you need to open this record"},
    )

    def clean_why(self) -> str:
        why = " ".join(self.cleaned_data["why"].split())
        if len(why.split()) < 3 or len(why) < 15:
            raise forms.ValidationError(
                "Say why in a sentence: what has happened and what you need to do"
            )
        return why
