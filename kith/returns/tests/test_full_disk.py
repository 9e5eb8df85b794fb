"""The disk the census file is written to fills up while it is made: the run fails saying so in
plain words, no file (whole or part) is left to be downloaded or sent, and once there is room
the data officer makes it again. On a real, tiny filesystem (a tmpfs) where the tests may mount
one (root, as in CI); elsewhere the disk says it is full after the first 8 KB written."""

from __future__ import annotations

import errno
import subprocess
from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse

from kith.accounts.roles import Role
from kith.returns import runs
from kith.returns.models import ReturnRun, RunStatus
from kith.returns.tests.test_pages import _child
from kith.test import make_case, page_text, signed_in_client

pytestmark = pytest.mark.django_db
ROOM = 8 * 1024


@pytest.fixture
def small_disk(tmp_path, settings, monkeypatch):
    """MEDIA_ROOT on a disk with ROOM bytes; yields a function that makes room."""
    folder = tmp_path / "media"
    folder.mkdir()
    settings.MEDIA_ROOT = folder
    mounted = (
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={ROOM}", "tmpfs", str(folder)],
            capture_output=True,
            check=False,
        ).returncode
        == 0
    )
    if mounted:
        yield lambda: subprocess.run(["mount", "-o", "remount,size=10m", str(folder)], check=True)
        subprocess.run(["umount", str(folder)], check=False)
        return
    real_open = open
    state = {"full": True}

    class FillingFile:
        def __init__(self, path, *args, **kwargs):  # type: ignore[no-untyped-def]
            self.file = real_open(path, *args, **kwargs)
            self.written = 0

        def write(self, text: str) -> int:
            self.written += len(text.encode())
            if state["full"] and self.written > ROOM:
                raise OSError(errno.ENOSPC, "No space left on device")
            return self.file.write(text)

        def __enter__(self):  # type: ignore[no-untyped-def]
            return self

        def __exit__(self, *exc: object) -> None:
            self.file.close()

    monkeypatch.setattr(runs, "open", FillingFile, raising=False)
    yield lambda: state.update(full=False)


def test_a_full_disk_fails_the_census_in_words_and_leaves_no_file(persona, small_disk, settings):
    for n in range(60):  # a file well over 8 KB
        make_case(
            _child(first_name=f"Child{n}"),
            worker=persona[Role.SOCIAL_WORKER],
            referral_date=date(2025, 5, 1),
            primary_need="N1",
        )
    officer = signed_in_client(persona[Role.DATA_OFFICER])
    response = officer.post(reverse("returns:returns"), {"year": "2026"})
    run = ReturnRun.objects.get()
    assert run.status == RunStatus.FAILED and run.problem == runs.DISK_FULL
    page = page_text(officer.get(response["Location"]))
    assert "no room left on the server's disk" in page and "Make the file again" in page
    assert list(Path(settings.MEDIA_ROOT).rglob("*.xml*")) == []  # nothing whole or part
    assert officer.get(reverse("returns:download", args=[run.pk])).status_code == 404

    small_disk()
    officer.post(reverse("returns:returns"), {"year": "2026"})
    again = ReturnRun.objects.exclude(pk=run.pk).get()
    assert again.status == RunStatus.DONE and again.children == 60
    assert runs.path_of(again).stat().st_size > ROOM
