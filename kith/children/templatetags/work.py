"""My work on the home page (an accounts page): a template tag, so accounts need not import
the apps above it (the arrows point one way)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from kith.children.work import my_work as read_my_work

register = template.Library()


@register.inclusion_tag("children/_my_work.html", takes_context=True)
def my_work(context: dict[str, Any]) -> dict[str, Any]:
    """The worker's children, filtered by ?only=overdue or ?only=plan from the page."""
    today = timezone.localdate()
    work = read_my_work(context["user"], today)
    only = context["request"].GET.get("only", "")
    shown = work.children
    if only == "overdue":
        shown = [w for w in shown if w.overdue]
    elif only == "plan":
        shown = [w for w in shown if w.on_plan]
    return {"work": work, "shown": shown, "only": only, "today": today}


@register.inclusion_tag("children/_team_work.html", takes_context=True)
def team_work(context: dict[str, Any]) -> dict[str, Any]:
    from kith.children.work import team_work as read_team_work

    found = read_team_work(context["user"], timezone.localdate())
    bar = 24
    return {
        "team": found,
        "chart_height": bar * max(len(found.loads), 1) + 10,
        "bars": [
            {
                "load": load,
                "y": i * bar + 5,
                "text_y": i * bar + 21,
                "width": round(300 * load.cases / found.most) if found.most else 0,
            }
            for i, load in enumerate(found.loads)
        ],
        "months": _timeliness_bars(found.timeliness),
    }


def _timeliness_bars(months: list[Any]) -> list[dict[str, Any]]:
    """One column per month, as tall as the share done on time (100% = 120 pixels)."""
    width, tallest, base = 40, 120, 150
    bars = []
    for i, month in enumerate(months):
        share = month.percent_on_time
        height = round(tallest * share / 100) if share is not None else 0
        bars.append(
            {
                "month": month,
                "x": 10 + i * width,
                "label_x": 10 + i * width + 15,
                "y": base - height,
                "height": height,
                "text_y": base - height - 4,
            }
        )
    return bars


@register.inclusion_tag("children/_manager_today.html", takes_context=True)
def manager_today(context: dict[str, Any]) -> dict[str, Any]:
    """A manager's home: referrals waiting for a worker, work waiting for them, and which of
    their workers have work overdue, each one link from the items themselves."""
    from kith.children.work import team_work as read_team_work

    found = read_team_work(context["user"], timezone.localdate())
    return {
        "team": found,
        "overdue": [load for load in found.loads if load.overdue],
    }
