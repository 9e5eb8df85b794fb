"""What the care plan and placement plan are written from, drawn in beside the page: the
child, their family and professionals (through the person page's own reading, so restricted
relatives stay hidden and every person shown is audited), the legal status, placement,
reviewing officer, health checks and school. Nothing here is asked for again."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from kith.care.queries import looked_after
from kith.cases.models import Case
from kith.people.queries import person_page


def drawn_in(case: Case, user: Any) -> dict[str, Any]:
    today = timezone.localdate()
    page = person_page(case.child, today, user)
    return {
        "child": case.child,
        "family": page.related,
        "professionals": page.involvements,
        "shown": looked_after(case.child, today),
    }
