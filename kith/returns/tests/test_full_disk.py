"""The disk a return file (the census, or the SSDA903 return's ZIP) is written to fills up while
it is made: the run fails saying so in plain words, no file (whole or part) is left to be
downloaded or sent, and once there is room the data officer makes it again. On a real, tiny
filesystem (a tmpfs) where the tests may mount one (root, as in CI); elsewhere the disk says it
is full after the first 8 KB written."""

from __future__ import annotations

import errno
import subprocess
from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse

from kith.accounts.roles import Role
from kith.returns import runs, ssda903_files
from kith.returns.models import ReturnRun, RunStatus
from kith.returns.tests.test_pages import _child
from kith.returns.tests.test_ssda903 import in_care
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
    state = {"full": True, "written": 0}  # one disk: what every file wrote

    class FillingFile:
        def __init__(self, path, *args, **kwargs):  # type: ignore[no-untyped-def]
            self.file = real_open(path, *args, **kwargs)

        def write(self, text: str) -> int:
            state["written"] += len(text.encode())
            if state["full"] and state["written"] > ROOM:
                raise OSError(errno.ENOSPC, "No space left on device")
            return self.file.write(text)

        def __enter__(self):  # type: ignore[no-untyped-def]
            return self

        def __exit__(self, *exc: object) -> None:
            self.file.close()

    monkeypatch.setattr(runs, "open", FillingFile, raising=False)
    monkeypatch.setattr(ssda903_files, "open", FillingFile, raising=False)  # the 903's CSVs
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


def test_a_full_disk_fails_the_ssda903_return_in_words_and_leaves_nothing(
    persona, small_disk, settings
):
    for n in range(90):  # CSV files well over 8 KB together (11 KB)
        in_care(persona[Role.SOCIAL_WORKER], date(2025, 5, 1 + n % 28))
    officer = signed_in_client(persona[Role.DATA_OFFICER])
    make = {"return": "ssda903", "ssda903-year": "2026"}
    response = officer.post(reverse("returns:returns"), make)
    run = ReturnRun.objects.get()
    assert run.status == RunStatus.FAILED and run.problem == runs.DISK_FULL
    page = page_text(officer.get(response["Location"]))
    assert "no room left on the server's disk" in page and "Make the file again" in page
    # Nothing whole or part: no ZIP, no CSV files, no folder they were written into.
    assert [p.name for p in Path(settings.MEDIA_ROOT).rglob("*")] == ["returns"]
    assert officer.get(reverse("returns:download", args=[run.pk])).status_code == 404

    small_disk()
    officer.post(reverse("returns:returns"), make)
    again = ReturnRun.objects.exclude(pk=run.pk).get()
    assert again.status == RunStatus.DONE and again.children == 90
    assert [p.name for p in Path(settings.MEDIA_ROOT).rglob("*")] == ["returns", again.file[8:]]
