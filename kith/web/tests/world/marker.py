"""The marker every text of the restricted child carries, and rows made with it."""

from __future__ import annotations

from typing import Any

from django.db import models

# The marker. Lower case, so a page can be searched for it whatever its capitals. Every marked
# text reads "zqcanary <something>", so a search for the marker alone, echoed back in the page
# that answers it, is not mistaken for a leak.
MARK = "zqcanary"
TRACE = f"{MARK} "
# Fields never filled with the marker: codes and numbers with a format of their own.
NOT_TEXT = {
    "form_token",
    "postcode",
    "nhs_number",
    "upn",
    "upn_unknown",
    "phone",
    "email",
    "referrer_phone_or_email",
    "original_name",
}


def marked(model: type[models.Model], **fields: Any) -> Any:
    """A row of `model` with every free-text field not given carrying the marker."""
    for f in model._meta.concrete_fields:
        if f.name in fields or f.name in NOT_TEXT or f.choices:
            continue
        if isinstance(f, models.CharField | models.TextField) and not f.is_relation:
            limit = getattr(f, "max_length", None) or 200
            fields[f.name] = f"{MARK} {f.name}"[:limit]
    return model._default_manager.create(**fields)
