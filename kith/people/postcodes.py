"""UK postcodes: checking the format, writing them one way ("wh12ab" → "WH1 2AB"), and how far
apart two are."""

from __future__ import annotations

import math
import re

from django.db import models

# The format rules published with the postcode address file: an outward code (area letters,
# district digits, sometimes a letter) and an inward code (a digit and two letters).
POSTCODE = re.compile(
    r"^(GIR0AA|[A-PR-UWYZ](?:[0-9][0-9A-HJKPSTUW]?|[A-HK-Y][0-9][0-9ABEHMNPRVWXY]?)"
    r"[0-9][ABD-HJLNP-UW-Z]{2})$"
)


def normalise_postcode(text: str) -> str | None:
    """The postcode in its standard form, or None if it is not a postcode."""
    compact = re.sub(r"\s+", "", text).upper()
    if not POSTCODE.match(compact):
        return None
    return f"{compact[:-3]} {compact[-3:]}"


class PostcodeLocation(models.Model):
    """Where a postcode is on the national grid (the ONS Postcode Directory, Open Government
    Licence), loaded by `manage.py load_postcode_locations`: for distances (a placement from
    the child's home), never shown as such."""

    postcode = models.CharField(max_length=8, primary_key=True)  # the standard form, "WH1 2AB"
    easting = models.FloatField()
    northing = models.FloatField()

    class Meta:
        app_label = "people"

    def __str__(self) -> str:
        return self.postcode


def distance_in_miles(first: str, second: str) -> float | None:
    """How far apart two postcodes are as the crow flies, from the Office for National
    Statistics' grid references the authority loaded (PostcodeLocation); None when either is
    not known."""
    a, b = normalise_postcode(first or ""), normalise_postcode(second or "")
    if a is None or b is None:
        return None
    found = {p.postcode: p for p in PostcodeLocation.objects.filter(postcode__in={a, b})}
    if a not in found or b not in found:
        return None
    metres = math.hypot(found[a].easting - found[b].easting, found[a].northing - found[b].northing)
    return round(metres / 1609.344, 1)
