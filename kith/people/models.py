"""A person, where they live, and who lives with them.

This is the first cut the foundation needs (the demo authority's families and a simple search);
the people issue adds other names, relationships, involvements and identifiers by kind.
"""

from __future__ import annotations

from datetime import date

from django.db import models
from django.utils import timezone

from kith.people.codes import AddressType, Ethnicity, Sex
from kith.people.identifiers import format_nhs_number


class Person(models.Model):
    """A child or an adult known to children's services. Never deleted."""

    first_name = models.CharField(max_length=100)
    middle_names = models.CharField(max_length=200, blank=True)
    family_name = models.CharField(max_length=100)
    preferred_name = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    ethnicity = models.CharField(
        max_length=4, choices=Ethnicity.choices, default=Ethnicity.NOBT, blank=True
    )
    nhs_number = models.CharField("NHS number", max_length=10, blank=True)
    upn = models.CharField("Unique pupil number (UPN)", max_length=13, blank=True)
    first_language = models.CharField(max_length=60, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["family_name", "first_name"]
        indexes = [
            # people.search: a family name typed into "Find a person".
            models.Index(fields=["family_name", "first_name"], name="person_name"),
            models.Index(fields=["nhs_number"], name="person_nhs_number"),
            models.Index(fields=["upn"], name="person_upn"),
            models.Index(fields=["date_of_birth"], name="person_dob"),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.family_name}".strip()

    @property
    def nhs_number_display(self) -> str:
        return format_nhs_number(self.nhs_number)

    def age_on(self, day: date) -> int | None:
        if self.date_of_birth is None:
            return None
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    @property
    def age(self) -> int | None:
        return self.age_on(timezone.localdate())

    @property
    def is_child(self) -> bool:
        age = self.age
        return age is not None and age < 18


class Address(models.Model):
    """A place. People live at it over time through Residence, so a household is simply the
    people whose current residence is the same address."""

    line_1 = models.CharField(max_length=120)
    line_2 = models.CharField(max_length=120, blank=True)
    town = models.CharField(max_length=80)
    postcode = models.CharField(max_length=8)

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
        ordering = ["-start_date"]
        indexes = [models.Index(fields=["person", "end_date"], name="residence_current")]

    def __str__(self) -> str:
        return f"{self.person} at {self.address}"

    @property
    def is_current(self) -> bool:
        return self.end_date is None or self.end_date >= timezone.localdate()
