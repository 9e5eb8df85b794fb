"""A working morning at the demo authority, for locust (run by bench/load.py, which writes the
staff and their work to KITH_LOAD_PEOPLE and starts Kith under bin/serve).

Social workers open My work, their children's summaries and chronologies and their cases, and
record visits (typed in pieces with autosave, then saved) and case notes; front door staff search
for people and record contacts; managers look at what waits for them and authorise it; a data
officer makes the census once and watches it. Each person pauses between pages as people do
(KITH_LOAD_THINK seconds, "5-15" by default)."""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import uuid
from datetime import date
from pathlib import Path

from locust import HttpUser, between, task

PEOPLE = json.loads(Path(os.environ["KITH_LOAD_PEOPLE"]).read_text())
PASSWORD = os.environ.get("KITH_DEMO_PASSWORD", "kith-demo-password")
LOW, HIGH = (float(s) for s in os.environ.get("KITH_LOAD_THINK", "5-15").split("-"))
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VERSION = re.compile(r'name="version" value="(\d+)"')
WAITING = re.compile(r'href="(/cases/records/[a-z-]+/\d+/)"')
TODAY = date.today()
_next = {role: itertools.count() for role in PEOPLE}
_signed_in = itertools.count(1)


def today(name: str) -> dict[str, str]:
    return {
        f"{name}_day": str(TODAY.day),
        f"{name}_month": str(TODAY.month),
        f"{name}_year": str(TODAY.year),
    }


class Staff(HttpUser):
    abstract = True
    role = ""
    wait_time = between(LOW, HIGH)

    def on_start(self) -> None:
        people = PEOPLE[self.role]
        self.me = people[next(_next[self.role]) % len(people)]
        page = self.client.get("/sign-in/", name="Sign in (page)")
        self.post(
            "/sign-in/",
            {"username": self.me["username"], "password": PASSWORD},
            "Sign in",
            page.text,
        )
        # The morning is measured from when everyone has signed in (signing in is slow on
        # purpose, and a whole authority does not sign in within the same minute).
        runner = self.environment.runner
        if runner is not None and next(_signed_in) == runner.target_user_count:
            runner.stats.reset_all()

    def csrf(self, text: str) -> dict[str, str]:
        found = CSRF.search(text)
        return {"csrfmiddlewaretoken": found.group(1)} if found else {}

    def post(self, url: str, data: dict[str, str], name: str, page_text: str):  # type: ignore[no-untyped-def]
        """A form sent from a page. Saved means redirected on (or, for an autosave, answered in
        JSON); a page shown again means the form was refused, and counts as an error."""
        with self.client.post(
            url, {**data, **self.csrf(page_text)}, name=name, catch_response=True
        ) as answer:
            json_answer = answer.headers.get("Content-Type", "").startswith("application/json")
            if answer.ok and not answer.history and not json_answer:
                answer.failure("the form was shown again (refused)")
            elif answer.ok and data.get("action") == "autosave" and not json_answer:
                answer.failure(f"autosave answered with a page: {answer.url}")
            return answer


class SocialWorker(Staff):
    role = "social_worker"
    weight = 12

    @task(4)
    def my_work(self) -> None:
        self.client.get("/home/", name="My work")

    @task(4)
    def summary(self) -> None:
        self.client.get(f"/children/{random.choice(self.me['children'])}/", name="Summary")

    @task(2)
    def chronology(self) -> None:
        child = random.choice(self.me["children"])
        self.client.get(f"/children/{child}/chronology/", name="Chronology")

    @task(2)
    def case(self) -> None:
        self.client.get(f"/cases/{random.choice(self.me['cases'])}/", name="Case")

    @task(1)
    def record_a_visit(self) -> None:
        """The visit page, three autosaves as it is typed, then saved as a draft."""
        url = f"/cases/{random.choice(self.me['cases'])}/new/visit/"
        page = self.client.get(url, name="Visit (page)")
        typed = {"token": uuid.uuid4().hex, **today("visited_on")}
        words = ""
        for piece in ("Visited at home. ", "Child seen in her room. ", "Spoke about school."):
            words += piece
            answer = self.post(
                url,
                {**typed, "action": "autosave", "observations": words},
                "Visit (autosave)",
                page.text,
            )
            if answer.status_code != 200 or "json" not in answer.headers.get("Content-Type", ""):
                return
            saved = answer.json()
            url, typed = saved["key"], {**today("visited_on"), "version": str(saved["version"])}
        self.post(
            url, {**typed, "action": "save", "observations": words}, "Visit (save)", page.text
        )

    @task(1)
    def record_a_note(self) -> None:
        url = f"/cases/{random.choice(self.me['cases'])}/new/note/"
        page = self.client.get(url, name="Case note (page)")
        self.post(
            url,
            {
                "token": uuid.uuid4().hex,
                "action": "save",
                "note_kind": "phone",
                **today("happened_on_date"),
                "text": "Phoned mother about the appointment.",
            },
            "Case note (save)",
            page.text,
        )


class FrontDoor(Staff):
    role = "front_door"
    weight = 3

    @task(5)
    def find_a_person(self) -> None:
        self.client.get(
            "/people/", params={"q": random.choice(PEOPLE["searches"])}, name="Find a person"
        )

    @task(2)
    def contacts(self) -> None:
        self.client.get("/cases/contacts/", name="Contacts")

    @task(1)
    def record_a_contact(self) -> None:
        page = self.client.get("/cases/contacts/new/", name="Contact (page)")
        self.post(
            "/cases/contacts/new/",
            {
                **today("received_on"),
                "received_time": "09:15",
                "referrer_name": "PC Holt",
                "source": "6",
                "child_name": random.choice(PEOPLE["searches"]),
                "worries": "Police called to the home overnight.",
            },
            "Contact (save)",
            page.text,
        )


class Manager(Staff):
    role = "team_manager"
    weight = 2

    @task(3)
    def team(self) -> None:
        self.client.get("/team/", name="Team")

    @task(3)
    def waiting(self) -> None:
        page = self.client.get("/cases/waiting-for-you/", name="To authorise")
        found = WAITING.findall(page.text)
        if not found:
            return
        url = random.choice(found)
        record = self.client.get(url, name="Record")
        version = VERSION.search(record.text)
        if version and random.random() < 0.5:
            self.post(
                f"{url}decision/",
                {"decision": "authorise", "version": version.group(1)},
                "Authorise",
                record.text,
            )


class DataOfficer(Staff):
    role = "data_officer"
    weight = 1
    fixed_count = 1

    def on_start(self) -> None:
        super().on_start()
        page = self.client.get("/returns/", name="Returns")
        if PEOPLE.get("census"):
            year = str(TODAY.year if TODAY.month > 3 else TODAY.year - 1)
            self.post("/returns/", {"year": year}, "Census (start)", page.text)

    @task
    def returns(self) -> None:
        self.client.get("/returns/", name="Returns")
