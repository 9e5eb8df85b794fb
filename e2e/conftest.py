"""Browser tests: Playwright driving Debian's Chromium (never a downloaded browser), against
Kith served by pytest-django's live server. Every page checked here also gets an axe-core
accessibility check and a screenshot in var/screenshots/."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Response, sync_playwright

from kith.test import PASSWORD

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "var" / "screenshots"
# Flags that work as root on a machine with no network (see docs/platform-notes.md).
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# WCAG 2.2 AA, as axe-core tags it.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "e2e" in item.nodeid.split("/")[0]:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"The browser tests need Chromium at {CHROMIUM}: run bin/setup --test")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, live_server: Any, transactional_db: Any) -> Iterator[Page]:
    """A fresh browser tab on the live server. The test fails if the page logs a JavaScript
    error or a content security policy violation."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    problems: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        # A page's own 4xx status is logged as a failed load; failed *assets* are caught below.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            problems.append(message.text)

    def on_response(response: Response) -> None:
        # A draft that could not be kept answers 401 or 409 on purpose: the page says so.
        autosave = response.request.headers.get("x-kith-autosave")
        failed = response.status >= 400 and response.request.resource_type != "document"
        if failed and not autosave:
            problems.append(f"{response.status} for {response.url}")

    tab.on("console", on_console)
    tab.on("response", on_response)
    tab.on("pageerror", lambda error: problems.append(str(error)))
    yield tab
    context.close()
    assert not problems, f"The browser reported problems: {problems}"


def sign_in(page: Page, username: str, password: str = PASSWORD) -> None:
    page.goto("/")
    page.get_by_label("Sign-in name").fill(username)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()


def check_page(page: Page, name: str) -> None:
    """Run axe-core against the page as it is now (no serious or critical WCAG 2.2 AA
    violations allowed) and save a full-page screenshot as var/screenshots/<name>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    # Evaluated through the DevTools protocol, so Kith's content security policy (which forbids
    # injected scripts) still applies to the page itself.
    page.evaluate(AXE.read_text() + "\n;undefined")
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    serious = [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "targets": [n["target"] for n in v["nodes"]][:5],
        }
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not serious, f"Accessibility problems on {name}: {json.dumps(serious, indent=1)}"


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class Task:
    """Counts what a task costs the person doing it: page loads (every navigation of the tab
    from the moment the task starts) and the form fields they had to fill in. The figures are
    printed at the end of the test run (pytest_terminal_summary below)."""

    def __init__(self, page: Page, name: str) -> None:
        self.page, self.name = page, name
        self.loads = 0
        self.fields = 0
        self.form_pages: set[str] = set()
        page.on("framenavigated", self._navigated)

    def _navigated(self, frame: Any) -> None:
        if frame == self.page.main_frame:
            self.loads += 1

    def _counted(self) -> None:
        self.fields += 1
        self.form_pages.add(self.page.url.split("?")[0])

    def fill(self, label: str, value: str, **kwargs: Any) -> None:
        self.page.get_by_label(label, **kwargs).fill(value)
        self._counted()

    def check(self, label: str, **kwargs: Any) -> None:
        self.page.get_by_label(label, **kwargs).check()
        self._counted()

    def choose(self, group: str, label: str) -> None:
        """A radio button inside the fieldset named `group`."""
        self.page.get_by_role("group", name=group).get_by_label(label, exact=True).check()
        self._counted()

    def select(self, label: str, option: str) -> None:
        self.page.get_by_label(label).select_option(label=option)
        self._counted()

    def date(self, group: str, day: Any) -> None:
        """The three boxes of a GOV.UK date input, inside the fieldset named `group`."""
        boxes = self.page.get_by_role("group", name=group)
        for part, value in (("Day", day.day), ("Month", day.month), ("Year", day.year)):
            boxes.get_by_label(part).fill(str(value))
            self._counted()

    @property
    def seconds(self) -> float:
        """The task's mechanics besides the writing, estimated with the keystroke-level model
        (Card, Moran and Newell): each page load is a link or button found and clicked (think
        1.35 s, point 1.1 s, click 0.2 s) and the page's answer (1 s); each field is found and
        clicked into (1.35 + 1.1 + 0.2 s). The words typed are the writing, not counted."""
        return self.loads * (1.35 + 1.1 + 0.2 + 1.0) + self.fields * (1.35 + 1.1 + 0.2)

    def done(self) -> None:
        self.page.remove_listener("framenavigated", self._navigated)
        MEASURES.append((self.name, self.loads, len(self.form_pages), self.fields, self.seconds))


MEASURES: list[tuple[str, int, int, int, float]] = []


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not MEASURES:
        return
    terminalreporter.section("What each task costs (browser tests)")
    terminalreporter.write_line(
        f"{'task':<48} {'page loads':>10} {'form pages':>10} {'fields':>7} {'mechanics':>10}"
    )
    for name, loads, pages, fields, seconds in MEASURES:
        terminalreporter.write_line(
            f"{name:<48} {loads:>10} {pages:>10} {fields:>7} {seconds:>9.0f}s"
        )
