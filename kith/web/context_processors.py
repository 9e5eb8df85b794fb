from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.http import HttpRequest

from kith.lib.working_days import bank_holidays_around
from kith.web.navigation import items_for


def service(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    signed_in = bool(user is not None and user.is_authenticated)
    match = getattr(request, "resolver_match", None)
    current = match.view_name if match else None
    navigation = items_for(user, current) if signed_in else []
    return {
        # For warning, as a date is typed, that it is not a working day (frontend/days.js).
        "bank_holidays": " ".join(d.isoformat() for d in bank_holidays_around(date.today()))
        if signed_in
        else "",
        "service_name": settings.KITH_SERVICE_NAME,
        "authority_name": settings.KITH_AUTHORITY_NAME,
        "navigation": navigation,
        "can_find_people": any(item["label"] == "Find a person" for item in navigation),
    }
