"""UK postcodes: checking the format and writing them one way ("wh12ab" → "WH1 2AB")."""

from __future__ import annotations

import re

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
