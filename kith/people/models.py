"""A person and what is known about them: names, identifiers, where they live over time, the
people they are related to and the professionals around them.

Nothing here is ever deleted. A record that turns out to be a duplicate is merged into the other
(`merged_into`), and the merge can be undone (people/merging.py).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from kith.audit import reads
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
from kith.people.duplicates.weights import LearntWeights  # noqa: F401 (kept beside its model)
from kith.people.identifiers import format_nhs_number
from kith.people.relationships import RelationshipKind, makes_family
from kith.people.vocabulary import NameVariant  # noqa: F401 (kept beside the look-ups it serves)


class PersonQuerySet(models.QuerySet["Person"]):
    def current(self) -> PersonQuerySet:
        """People who have not been merged into another record."""
        return self.filter(merged_into__isnull=True)


class Person(models.Model):
    """A child or an adult known to children's services, or an unborn child. Never deleted."""

    first_name = models.CharField(max_length=100, blank=True)
    middle_names = models.CharField(max_length=200, blank=True)
    family_name = models.CharField(max_length=100)
    preferred_name = models.CharField("Known as", max_length=100, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    date_of_birth_is_estimated = models.BooleanField(default=False)
    expected_date_of_birth = models.DateField(
        null=True, blank=True, help_text="For an unborn child."
    )
    date_of_death = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    gender_identity = models.CharField(
        max_length=100, blank=True, help_text="In the person's own words."
    )
    ethnicity = models.CharField(
        max_length=4, choices=Ethnicity.choices, default=Ethnicity.NOBT, blank=True
    )
    first_language = models.CharField(max_length=60, blank=True)
    needs_interpreter = models.BooleanField(default=False)
    disabilities = models.JSONField(
        default=list, blank=True, help_text="DfE disability codes (people.codes.Disability)."
    )
    religion = models.CharField(max_length=60, blank=True)
    immigration_status = models.CharField(max_length=120, blank=True)
    nhs_number = models.CharField("NHS number", max_length=10, blank=True)
    upn = models.CharField("Unique pupil number (UPN)", max_length=13, blank=True)
    upn_unknown = models.CharField(
        "Why there is no UPN", max_length=3, choices=UpnUnknown.choices, blank=True
    )
    restricted = models.BooleanField(
        default=False,
        help_text="Only the users named on the record can find or open it.",
    )
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged_records"
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["family_name", "first_name"]
        indexes = [
            models.Index(fields=["family_name", "first_name"], name="person_name"),
            # people.search: identifiers and dates typed into "Find a person".
            models.Index(fields=["nhs_number"], name="person_nhs_number"),
            models.Index(fields=["upn"], name="person_upn"),
            models.Index(fields=["date_of_birth"], name="person_dob"),
        ]

    def __str__(self) -> str:
        return self.full_name

    @classmethod
    def from_db(cls, db: Any, field_names: Any, values: Any) -> Person:
        # Every person a page reads is accounted for in the audit log (audit/reads.py), and
        # checked against restrictions before the page is sent (people/middleware.py).
        person = super().from_db(db, field_names, values)
        reads.note(person)
        return person

    @property
    def person_number(self) -> str:
        """The authority's own number for this person, shown on every page and letter."""
        return f"P{self.pk:07d}" if self.pk else ""

    @property
    def full_name(self) -> str:
        if self.is_unborn and not self.first_name:
            return f"Unborn baby {self.family_name}".strip()
        return f"{self.first_name} {self.family_name}".strip()

    @property
    def nhs_number_display(self) -> str:
        return format_nhs_number(self.nhs_number)

    @property
    def is_unborn(self) -> bool:
        return self.date_of_birth is None and self.expected_date_of_birth is not None

    @property
    def is_deceased(self) -> bool:
        return self.date_of_death is not None

    @property
    def disability_labels(self) -> list[str]:
        return [Disability(code).label for code in self.disabilities if code in Disability.values]

    def age_on(self, day: date) -> int | None:
        if self.date_of_birth is None:
            return None
        born = self.date_of_birth
        end = min(day, self.date_of_death) if self.date_of_death else day
        return end.year - born.year - ((end.month, end.day) < (born.month, born.day))

    @property
    def age(self) -> int | None:
        return self.age_on(timezone.localdate())

    @property
    def is_child(self) -> bool:
        if self.is_unborn:
            return True
        age = self.age
        return age is not None and age < 18


class OtherName(models.Model):
    """An alias, a previous family name, a name at birth: searchable, with dates."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="other_names")
    kind = models.CharField(max_length=24, choices=OtherNameKind.choices)
    first_name = models.CharField(max_length=100, blank=True)
    family_name = models.CharField(max_length=100, blank=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["kind", "family_name"]

    def __str__(self) -> str:
        return f"{self.first_name} {self.family_name}".strip()


class Identifier(models.Model):
    """Any other reference number, typed by kind (a former UPN, a Home Office reference)."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="identifiers")
    kind = models.CharField(max_length=24, choices=IdentifierKind.choices)
    value = models.CharField(max_length=60)

    class Meta:
        ordering = ["kind"]
        indexes = [models.Index(fields=["value"], name="identifier_value")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.value}"


class Address(models.Model):
    """A place. People live at it over time through Residence, so a household is the people
    whose current residence is the same address."""

    line_1 = models.CharField(max_length=120)
    line_2 = models.CharField(max_length=120, blank=True)
    town = models.CharField(max_length=80)
    postcode = models.CharField(max_length=8, blank=True)

    class Meta:
        verbose_name_plural = "addresses"
        indexes = [models.Index(fields=["postcode"], name="address_postcode")]

    def __str__(self) -> str:
        return ", ".join(p for p in [self.line_1, self.line_2, self.town, self.postcode] if p)


class Residence(models.Model):
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="residences")
    address = models.ForeignKey(Address, on_delete=models.PROTECT, related_name="residences")
    kind = models.CharField(max_length=16, choices=AddressType.choices, default=AddressType.HOME)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["end_date", "-start_date"]
        indexes = [models.Index(fields=["person", "end_date"], name="residence_current")]

    def __str__(self) -> str:
        return f"{self.person} at {self.address}"

    @property
    def is_current(self) -> bool:
        return self.end_date is None or self.end_date >= timezone.localdate()


class Relationship(models.Model):
    """`first` is the <kind> of `second` ("Kerry is the mother of Ellie"). Stored once; each
    side's page shows it with its own word (people/relationships.py)."""

    first = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="relationships_as_first"
    )
    second = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="relationships_as_second"
    )
    kind = models.CharField(max_length=24, choices=RelationshipKind.choices)
    has_parental_responsibility = models.BooleanField(
        default=False, help_text="The first person holds parental responsibility for the second."
    )
    contact_restriction = models.CharField(
        max_length=16, choices=ContactRestriction.choices, blank=True, default=""
    )
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Whether access to one person's record follows to the other's (people/access.py
    # family_of): a kind that makes a family, recorded by someone whose standing access covered
    # both people. Decided when it is recorded or changed, never by a reason given.
    counts_for_access = models.BooleanField(default=False)

    class Meta:
        indexes = [
            # people.access.family_of: a person's real family, on every record opened.
            models.Index(fields=["first", "counts_for_access"], name="relationship_first_access"),
            models.Index(fields=["second", "counts_for_access"], name="relationship_second_access"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(first=models.F("second")), name="relationship_not_to_oneself"
            )
        ]

    def __str__(self) -> str:
        return f"{self.first} is the {self.get_kind_display().lower()} of {self.second}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Made without a user (the demo, an import, a script): real family counts for access.
        # One recorded through a page is decided by who recorded it (people/actions.py).
        if self._state.adding and self.recorded_by_id is None:
            self.counts_for_access = makes_family(self.kind, self.has_parental_responsibility)
        super().save(*args, **kwargs)

    @property
    def is_current(self) -> bool:
        return self.end_date is None or self.end_date >= timezone.localdate()


class Involvement(models.Model):
    """A professional or agency around a person: their GP, school, health visitor, police."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="involvements")
    kind = models.CharField(max_length=24, choices=InvolvementKind.choices)
    name = models.CharField("Name of the professional", max_length=120, blank=True)
    organisation = models.CharField(max_length=160)
    role = models.CharField(max_length=120, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["kind", "organisation"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.organisation}"

    @property
    def is_current(self) -> bool:
        return self.end_date is None or self.end_date >= timezone.localdate()


class NameKey(models.Model):
    """One name of a person (first, family, preferred, other), normalised with the keys that
    make "Find a person" typo-tolerant (people/names.py). Rebuilt whenever the names change."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="name_keys")
    field = models.CharField(max_length=24)
    name = models.CharField(max_length=100)
    sound = models.CharField(max_length=20)
    letters = models.CharField(max_length=100)
    canonical = models.CharField(max_length=100, blank=True)

    class Meta:
        indexes = [
            # people.search: each key a typed name is looked up by.
            models.Index(fields=["name"], name="namekey_name"),
            models.Index(fields=["sound"], name="namekey_sound"),
            models.Index(fields=["letters"], name="namekey_letters"),
            models.Index(fields=["canonical"], name="namekey_canonical"),
        ]

    def __str__(self) -> str:
        return f"{self.field}: {self.name}"


class Merge(models.Model):
    """Two records found to be the same person: `merged` now points to `survivor`, and what
    was attached to it moved there. `moved` lists exactly what moved, so the merge can be
    undone (people/merging.py)."""

    survivor = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="merges_kept")
    merged = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="merges_into")
    why = models.TextField()
    moved = models.JSONField(default=dict)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.merged} merged into {self.survivor}"


class RestrictedAccess(models.Model):
    """A user named on a restricted record (a child of a member of staff, an adoption, a
    high-profile family): only they can find or open it. Ended, never deleted."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="restricted_access")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    granted_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        indexes = [models.Index(fields=["user", "ended_at"], name="restricted_user_open")]

    def __str__(self) -> str:
        return f"{self.user} may open {self.person}"


class BreakGlass(models.Model):
    """Someone without a working relationship to a child opened their record, giving a reason.
    It lasts a limited time (KITH_BREAK_GLASS_HOURS), covers the child's family, and the
    allocated worker's manager sees it on their My work page."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="break_glass")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()
    started_at = models.DateTimeField(default=timezone.now)
    ends_at = models.DateTimeField()

    class Meta:
        indexes = [
            # "Has this user a reason on record for this family now?" (people/access.py).
            models.Index(fields=["user", "ends_at"], name="break_glass_user_open"),
            # A manager's list of who opened their children's records (cases/templatetags).
            models.Index(fields=["person", "started_at"], name="break_glass_person"),
        ]

    def __str__(self) -> str:
        return f"{self.user} opened {self.person} with a reason"


# Where postcodes are, for distances (postcodes.py), kept beside the other models.
from kith.people.postcodes import PostcodeLocation  # noqa: E402, F401
