"""The web server's worker killed (kill -9) in the middle of saving a case note: nothing is
half-written. The note is either saved with its version and audit event or not at all, and the
words the social worker typed, kept by autosave, are still there to save again."""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from datetime import date

import pytest

from kith.web.tests.live import Browser, Server, environment, manage

TYPED = "Phoned mother: the children are staying with their grandmother this week."
STATE = """
import json
from kith.audit.models import AuditEvent
from kith.recording.models import CaseNote, RecordVersion
note = CaseNote.objects.get(pk={pk})
print(json.dumps({{
    "text": note.text,
    "draft": note.draft.get("text", [""])[0],
    "versions": RecordVersion.objects.filter(kind="note", record_id=note.pk).count(),
    "saved_events": AuditEvent.objects.filter(detail__record="note {pk}").count(),
}}))
"""


@pytest.fixture
def kith(tmp_path):
    env = environment(
        f"sqlite:///{tmp_path / 'kith.sqlite3'}",
        tmp_path / "media",
        DJANGO_SETTINGS_MODULE="kith.web.tests.failure_settings",
        PAUSE_FOLDER=str(tmp_path),
    )
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "seed_demo", "--children", "40")
    worker, case = manage(
        env,
        "shell",
        "--no-imports",
        "-c",
        "from kith.cases.models import Case; c = Case.objects.filter(closed_on__isnull=True, "
        "worker__isnull=False).order_by('pk').first(); print(c.worker.username, c.pk)",
    ).split()
    server = Server(env, workers=1, threads=2)
    yield env, server, worker, int(case)
    server.stop()


def test_a_save_cut_short_by_a_killed_worker_leaves_nothing_half_written(kith, tmp_path):
    env, server, worker, case = kith
    browser = Browser(server)
    browser.sign_in(worker)
    browser.open(f"/cases/{case}/new/note/")
    today = date.today()
    fields = {
        "note_kind": "phone",
        "happened_on_date_day": str(today.day),
        "happened_on_date_month": str(today.month),
        "happened_on_date_year": str(today.year),
        "text": TYPED,
    }
    _, answer, _ = browser.open(
        f"/cases/{case}/new/note/", {**fields, "action": "autosave", "token": "k" * 32}
    )
    kept = json.loads(answer)
    note = kept["record"]

    def state() -> dict:
        return json.loads(manage(env, "shell", "--no-imports", "-c", STATE.format(pk=note)))

    assert state() == {"text": "", "draft": TYPED, "versions": 0, "saved_events": 1}

    cut_short: list[object] = []

    def save() -> None:
        try:
            cut_short.append(
                browser.open(
                    kept["key"], {**fields, "action": "save", "version": str(kept["version"])}
                )[0]
            )
        except OSError as failure:  # the connection dropped with the worker
            cut_short.append(failure)

    saving = threading.Thread(target=save)
    saving.start()
    paused = tmp_path / "paused"
    deadline = time.monotonic() + 60
    while not paused.exists():
        assert time.monotonic() < deadline, "the save never began"
        time.sleep(0.05)
    os.kill(int(paused.read_text()), signal.SIGKILL)
    saving.join(60)
    assert cut_short and cut_short[0] != 200  # the worker died: the page was not answered

    # Nothing half-written: the note's own words, a version, an audit event, all or none.
    assert state() == {"text": "", "draft": TYPED, "versions": 0, "saved_events": 1}

    # gunicorn starts a new worker; the same words, saved again, are saved whole.
    browser.wait_until_answering()
    status, _, where = browser.open(
        kept["key"], {**fields, "action": "save", "version": str(kept["version"])}
    )
    assert status == 200 and where.endswith(f"/cases/{case}/")  # back to the case, saved
    assert state() == {"text": TYPED, "draft": TYPED, "versions": 1, "saved_events": 2}
