"""For test_killed_mid_save.py alone (failure_settings.py installs it): the first save of a
record stops half-way, inside its transaction (the record's row written, its version and audit
event not yet), says which process it is in, and waits there to be killed."""

import os
import time
from pathlib import Path

from django.apps import AppConfig


class PauseConfig(AppConfig):
    name = "kith.web.tests.pause"
    label = "pause_mid_save"

    def ready(self) -> None:
        from kith.recording import actions

        keep = actions._keep_version

        def paused(record, *, by, what):  # type: ignore[no-untyped-def]
            folder = Path(os.environ["PAUSE_FOLDER"])
            if not (folder / "paused").exists():
                (folder / "paused").write_text(str(os.getpid()))
                time.sleep(120)
            return keep(record, by=by, what=what)

        actions._keep_version = paused
