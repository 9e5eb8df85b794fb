"""The child's own pages: the summary, the overdue list, and the chronology and its marks and
events."""

from __future__ import annotations

from kith.test import date_fields
from kith.web.tests.writes.writers import CASE, NOBODY, TODAY, Write, url

WRITES: dict[str, list[Write]] = {
    "children:summary": [Write(url("children:summary", "son"), lambda w: {}, NOBODY)],
    "children:overdue": [Write(url("children:overdue"), lambda w: {}, NOBODY)],
    "children:chronology": [Write(url("children:chronology", "son"), lambda w: {}, NOBODY)],
    "children:mark": [
        Write(
            url("children:mark", "son"),
            lambda w: {
                "key": f"visit:{w.ordinary['visit'].pk}",
                "significant": "on",
                "analysis": "The first time he was seen alone",
            },
            CASE,
        )
    ],
    "children:add_event": [
        Write(
            url("children:add_event", "son"),
            lambda w: {
                **date_fields("happened_on", TODAY()),
                "what": "Police call-out",
                "agency": "police",
            },
            CASE,
        )
    ],
}
