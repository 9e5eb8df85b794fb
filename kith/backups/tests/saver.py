"""Run by test_backups.py in its own process: a social worker saving case notes, one after
another, until told to stop (a file appears), as pages are saved while a backup is taken."""

import os
from datetime import date
from pathlib import Path

from kith.cases.models import Case
from kith.recording.actions import save_draft
from kith.recording.models import CaseNote

folder = Path(os.environ["SAVER_FOLDER"])
case = Case.objects.filter(closed_on__isnull=True, worker__isnull=False).order_by("pk").first()
saved = 0
while not (folder / "stop").exists():
    save_draft(
        None,
        model=CaseNote,
        case=case,
        by=case.worker,
        version=None,
        values={
            "note_kind": "phone",
            "happened_on_date": date(2026, 11, 2),
            "text": f"Call {saved}",
        },
        typed={},
    )
    saved += 1
    (folder / "saved.new").write_text(str(saved))
    (folder / "saved.new").replace(folder / "saved")  # whole, never read half-written
