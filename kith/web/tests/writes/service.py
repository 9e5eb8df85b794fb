"""The service's rules and returns: timescales (changed by administrators, a missed one
explained by the case's people) and the statutory returns (made by data officers)."""

from __future__ import annotations

from django.utils import timezone

from kith.web.tests.writes.writers import CASE, NOBODY, Write, url

WRITES: dict[str, list[Write]] = {
    "timescales:rules": [Write(url("timescales:rules"), lambda w: {}, NOBODY)],
    "timescales:change": [
        Write(
            url("timescales:change", ":first-core-group"),
            lambda w: {"offset": "12", "was": "10", "reason": "Agreed by the safeguarding board"},
            frozenset({"administrator"}),
        )
    ],
    "timescales:reason": [
        Write(
            url("timescales:reason", "missed"),
            lambda w: {"version": w.ordinary["missed"].version, "reason": "Family away"},
            CASE,
        )
    ],
    "returns:returns": [
        Write(
            url("returns:returns"),
            lambda w: {"year": str(timezone.localdate().year)},
            frozenset({"data officer"}),
        )
    ],
    "returns:run": [Write(url("returns:run", "return_run"), lambda w: {}, NOBODY)],
    "returns:download": [Write(url("returns:download", "return_run"), lambda w: {}, NOBODY)],
    "returns:quality": [Write(url("returns:quality"), lambda w: {}, NOBODY)],
}
