"""The service's rules, returns and jobs: timescales (changed by administrators, a missed one
explained by the case's people), the statutory returns (made by data officers) and the daily
jobs (run now by administrators)."""

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
    "jobs:jobs": [Write(url("jobs:jobs"), lambda w: {}, NOBODY)],
    "jobs:run_now": [
        Write(url("jobs:run_now", ":deadlines"), lambda w: {}, frozenset({"administrator"}))
    ],
}
