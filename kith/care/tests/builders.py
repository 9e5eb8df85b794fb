"""What the looked-after tests type into the pages."""

from __future__ import annotations

from datetime import date
from typing import Any

from kith.test import date_fields


def coming_into_care(day: date, **more: Any) -> dict[str, Any]:
    return {
        **date_fields("started_on", day),
        "legal_status": "C1",
        "need": "N1",
        "kind": "U6",
        "provider": "PR1",
        "carer": "Mr and Mrs Okafor",
        "urn": "123456",
        "postcode": "wh1 3de",
        "home_postcode": "WH1 2AB",
        "previous_permanence": "Z1",
        **more,
    }


def move(day: date, version: int, **more: Any) -> dict[str, Any]:
    return {
        "version": version,
        **date_fields("started_on", day),
        "change_reason": "CARPL",
        "kind": "U4",
        "provider": "PR4",
        "carer": "Ms Ahmed",
        "urn": "1234567",
        "postcode": "WH2 4EF",
        **more,
    }


def problems_on(response: Any) -> str:
    """The error summary of a page shown again, for a failing assertion's message."""
    text = response.content.decode()
    start = text.find("govuk-error-summary__list")
    return text[start : start + 1500] if start >= 0 else text[:2000]
