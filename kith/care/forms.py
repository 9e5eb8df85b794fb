"""The looked-after child's forms: each a page's worth, with the 903's rules about what a
worker records said at the field (care/rules.py), and whatever was typed kept."""

from __future__ import annotations

from typing import Any

from django import forms

from kith.accounts.models import User
from kith.accounts.roles import Role
from kith.care import rules
from kith.care.codes import (
    TEMPORARY,
    CareEndReason,
    CategoryOfNeed,
    LegalStatus,
    PlacementChangeReason,
    PlacementType,
    PreviousPermanence,
    Provider,
    ReviewParticipation,
)
from kith.lib.forms import DateField, GovForm, VersionField
from kith.people.models import Person
from kith.people.postcodes import normalise_postcode

YES_NO = [("yes", "Yes"), ("no", "No")]


def with_blank(choices: Any, blank: str = "Choose one") -> list[tuple[str, str]]:
    return [("", blank), *choices]


def iro_choices() -> Any:
    return User.objects.filter(role=Role.CHAIR, is_active=True).order_by("last_name")


class PlacementFields(GovForm):
    """The answers every placement has (coming into care, and each move)."""

    kind = forms.ChoiceField(label="Type of placement", choices=with_blank(PlacementType.choices))
    provider = forms.ChoiceField(
        label="Who provides it",
        choices=with_blank(Provider.choices, "None (a temporary move or other placement)"),
        required=False,
    )
    carer = forms.CharField(
        label="The carers or the home",
        max_length=200,
        help_text="The foster carers' names, or the home's name",
    )
    urn = forms.CharField(
        label="Ofsted URN",
        max_length=8,
        required=False,
        help_text="6 or 7 digits; XXXXXXX for foster care or adoption inspected by another "
        "inspectorate; blank if Ofsted does not inspect it",
    )
    postcode = forms.CharField(label="The placement's postcode", max_length=10, required=False)
    home_postcode = forms.CharField(
        label="The postcode of the child's home",
        max_length=10,
        required=False,
        help_text="Where the child lived before: for the distance from home",
    )
    same_carer = forms.BooleanField(
        label="The carer stays the same (a change of address, registration or provider only)",
        required=False,
    )
    meant_until_18 = forms.BooleanField(
        label="This placement is meant to last until the child is 18", required=False
    )
    temporary_approval = forms.BooleanField(
        label="The carers are a relative or friend approved for now (regulation 24)",
        required=False,
        help_text="The child is then visited weekly until the first review",
    )

    legal_status_now = ""  # set by the page, to check the placement against it
    child: Person | None = None  # set by the page: their age the day they move in

    def clean_postcode(self) -> str:
        return self._postcode("postcode")

    def clean_home_postcode(self) -> str:
        return self._postcode("home_postcode")

    def _postcode(self, name: str) -> str:
        typed = self.cleaned_data.get(name, "").strip()
        if not typed:
            return ""
        found = normalise_postcode(typed)
        if found is None:
            raise forms.ValidationError("Enter a real postcode, like LS1 4AP")
        return found

    def clean_urn(self) -> str:
        return self.cleaned_data.get("urn", "").strip().upper()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        status = data.get("legal_status") or self.legal_status_now
        for name, problem in rules.placement_problems(
            data.get("kind", ""), data.get("provider", ""), data.get("urn", ""), status, self._age()
        ).items():
            if name not in self.errors:
                self.add_error(name, problem)
        return data

    def _age(self) -> int | None:
        day = self.cleaned_data.get("started_on")
        if self.child is None or day is None:
            return None
        return self.child.age_on(day)

    def placement(self) -> dict[str, Any]:
        names = (
            "kind",
            "provider",
            "carer",
            "urn",
            "postcode",
            "home_postcode",
            "same_carer",
            "meant_until_18",
            "temporary_approval",
        )
        return {name: self.cleaned_data[name] for name in names if name in self.fields}


class ComeIntoCareForm(PlacementFields):
    started_on = DateField(label="Date the child came into care", past=True)
    legal_status = forms.ChoiceField(label="Legal status", choices=with_blank(LegalStatus.choices))
    need = forms.ChoiceField(
        label="Category of need",
        choices=with_blank(CategoryOfNeed.choices),
        help_text="The main reason the child is looked after, as it is when care begins",
    )
    previous_permanence = forms.ChoiceField(
        label="Has the child had an adoption, special guardianship or child arrangements order?",
        choices=PreviousPermanence.choices,
        initial=PreviousPermanence.NONE,
        widget=forms.RadioSelect,
    )
    unaccompanied = forms.BooleanField(
        label="An unaccompanied asylum-seeking child", required=False
    )
    iro = forms.ModelChoiceField(
        label="Independent reviewing officer",
        queryset=User.objects.none(),
        required=False,
        empty_label="Not chosen yet",
    )
    end_protection_plan = forms.BooleanField(
        label="End the child protection plans of the children coming into care: they became "
        "looked after",
        required=False,
    )
    also = forms.MultipleChoiceField(
        label="Brothers and sisters coming into care with them",
        choices=[],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="They come into care on the same day, with the same legal status and placement",
    )

    field_order = [
        "started_on",
        "legal_status",
        "need",
        "kind",
        "provider",
        "carer",
        "urn",
        "postcode",
        "home_postcode",
        "meant_until_18",
        "previous_permanence",
        "unaccompanied",
        "iro",
        "end_protection_plan",
        "also",
    ]

    def __init__(
        self, *args: Any, siblings: list[tuple[str, str]], on_plan: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["iro"].queryset = iro_choices()  # type: ignore[attr-defined]
        self.fields.pop("same_carer")
        if siblings:
            self.fields["also"].choices = siblings  # type: ignore[attr-defined]
        else:
            self.fields.pop("also")
        if not on_plan:
            self.fields.pop("end_protection_plan")


class MoveForm(PlacementFields):
    version = VersionField()
    started_on = DateField(label="Date the child moved", past=True)
    change_reason = forms.ChoiceField(
        label="Why the last placement ended",
        choices=with_blank(PlacementChangeReason.choices),
        required=False,
        help_text="Not needed for a move into or out of a temporary placement",
    )
    field_order = [
        "started_on",
        "change_reason",
        "kind",
        "provider",
        "carer",
        "urn",
        "postcode",
        "home_postcode",
        "same_carer",
        "meant_until_18",
    ]

    def __init__(self, *args: Any, after_temporary: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.after_temporary = after_temporary

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        # No reason for a move into or out of a temporary placement (the 903's rule 226).
        temporary = self.after_temporary or data.get("kind") in TEMPORARY
        if temporary:
            data["change_reason"] = ""
        elif not data.get("change_reason") and "change_reason" not in self.errors:
            self.add_error("change_reason", "Select why the last placement ended")
        return data


class LegalStatusForm(GovForm):
    version = VersionField()
    status = forms.ChoiceField(label="New legal status", choices=with_blank(LegalStatus.choices))
    started_on = DateField(label="Date it began", past=True)


class EndCareForm(GovForm):
    version = VersionField()
    ended_on = DateField(label="Date care ended", past=True)
    end_reason = forms.ChoiceField(
        label="Why care ended", choices=with_blank(CareEndReason.choices)
    )
    end_note = forms.CharField(label="What happens next", widget=forms.Textarea, required=False)


class DetailsForm(GovForm):
    version = VersionField()
    iro = forms.ModelChoiceField(
        label="Independent reviewing officer",
        queryset=User.objects.none(),
        required=False,
        empty_label="Not chosen yet",
    )
    unaccompanied = forms.BooleanField(
        label="An unaccompanied asylum-seeking child", required=False
    )
    unaccompanied_until = DateField(
        label="Date the child stopped being an unaccompanied asylum-seeking child",
        required=False,
        help_text="Their 18th birthday, unless a decision came first",
    )
    previous_permanence = forms.ChoiceField(
        label="Earlier permanence order",
        choices=PreviousPermanence.choices,
        widget=forms.RadioSelect,
    )
    previous_permanence_on = DateField(label="Date of the earlier order", past=True, required=False)
    previous_permanence_la = forms.CharField(
        label="The authority that arranged it",
        max_length=3,
        required=False,
        help_text="Its three-digit DfE number, or WAL, SCO, NIR or NUK outside England",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["iro"].queryset = iro_choices()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        if data.get("unaccompanied_until") and not data.get("unaccompanied"):
            self.add_error(
                "unaccompanied_until", "Only an unaccompanied child has a date this ended"
            )
        la = data.get("previous_permanence_la", "").strip().upper()
        if la and not (la.isdigit() or la in ("WAL", "SCO", "NIR", "NUK")):
            self.add_error(
                "previous_permanence_la", "Enter a three-digit number, or WAL, SCO, NIR or NUK"
            )
        data["previous_permanence_la"] = la
        if data.get("previous_permanence") in ("Z1", "P4") and (
            la or data.get("previous_permanence_on")
        ):
            self.add_error("previous_permanence", "A date and authority are for an earlier order")
        return data


class ReviewForm(GovForm):
    held_on = DateField(label="Date of the review", past=True)
    chair = forms.ModelChoiceField(
        label="Independent reviewing officer",
        queryset=User.objects.none(),
        empty_label="Choose one",
    )
    participation = forms.ChoiceField(
        label="How the child took part",
        choices=ReviewParticipation.choices,
        widget=forms.RadioSelect,
    )
    child_views = forms.CharField(
        label="The child's views, in their words", widget=forms.Textarea, required=False
    )
    discussion = forms.CharField(label="What the review found", widget=forms.Textarea)
    monitoring = forms.CharField(
        label="The reviewing officer's monitoring note",
        widget=forms.Textarea,
        required=False,
        help_text="How the plan is working for the child, and anything to escalate",
    )

    def __init__(self, *args: Any, child: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = iro_choices()  # type: ignore[attr-defined]
        self.child = child

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        code = data.get("participation")
        held = data.get("held_on")
        age = self.child.age_on(held) if held else None
        if code == ReviewParticipation.UNDER_FOUR and age is not None and age >= 4:
            self.add_error("participation", "The child was 4 or older at the review")
        if code and code != ReviewParticipation.UNDER_FOUR and age is not None and age < 4:
            self.add_error(
                "participation", "The child was under 4: choose 'Under 4 at the time of the review'"
            )
        return data


class RecommendationForm(GovForm):
    what = forms.CharField(
        label="Recommendation", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    who = forms.CharField(label="Who will do it", max_length=200, required=False)
    due_on = DateField(label="By when", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        if data.get("what") and not data.get("who"):
            self.add_error("who", "Enter who will do it")
        if data.get("what") and not data.get("due_on") and "due_on" not in self.errors:
            self.add_error("due_on", "Enter by when")
        if not data.get("what") and (data.get("who") or data.get("due_on")):
            self.add_error("what", "Enter the recommendation")
        return data


RecommendationRows = forms.formset_factory(RecommendationForm, extra=0, max_num=20)


class CorrectPlacementForm(PlacementFields):
    """Putting right a placement typed wrong: its answers as they should have been, and why."""

    version = VersionField()
    started_on = DateField(label="Date the child moved in", past=True)
    change_reason = forms.ChoiceField(
        label="Why it ended",
        choices=with_blank(PlacementChangeReason.choices, "It has not ended, or no reason"),
        required=False,
    )
    why = forms.CharField(
        label="What was wrong, and why it is corrected",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
    )
    field_order = [
        "started_on",
        "kind",
        "provider",
        "carer",
        "urn",
        "postcode",
        "home_postcode",
        "same_carer",
        "meant_until_18",
        "change_reason",
        "why",
    ]

    def __init__(self, *args: Any, ended: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not ended:
            self.fields.pop("change_reason")
