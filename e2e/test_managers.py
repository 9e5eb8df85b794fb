"""A team manager finds which work is overdue, not only how much: from their home page, every
overdue item of a worker is one page away."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import Page, expect

from e2e.conftest import Task, check_page, sign_in
from kith.accounts.roles import Role
from kith.protection.models import ProtectionPlan
from kith.test import make_case, make_person


def test_a_manager_finds_a_worker_s_overdue_items_from_home(page: Page, persona):
    worker, manager = persona[Role.SOCIAL_WORKER], persona[Role.TEAM_MANAGER]
    today = timezone.localdate()
    for name in ("Ava", "Ben", "Cal"):
        case = make_case(
            make_person(first_name=name), worker=worker, referral_date=today - timedelta(90)
        )
    ProtectionPlan.objects.create(
        case=case, started_on=today - timedelta(60), initial_category="NEG", latest_category="NEG"
    )
    make_case(make_person(first_name="Dee"), team=worker.team)  # waiting for a worker
    sign_in(page, manager.username)
    task = Task(page, "Find a worker's overdue work (manager)")
    today_panel = page.get_by_test_id("manager-today")
    expect(today_panel.get_by_test_id("to-allocate")).to_contain_text("Dee Jones")
    check_page(page, "manager-home")
    today_panel.get_by_role("link", name=f"{worker.get_full_name()}:").click()
    overdue = page.get_by_test_id("overdue")
    for name in ("Ava", "Ben", "Cal"):
        expect(overdue).to_contain_text(f"{name} Jones")
    expect(overdue).to_contain_text("Visit")
    check_page(page, "overdue")
    task.done()
    assert task.loads <= 2
