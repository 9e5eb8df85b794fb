"""Kith running for real in the failure tests: a database of its own (SQLite, or a PostgreSQL
server the test can stop and start), bin/serve in front of it, and a browser-like client that
keeps its cookies and sends each form with the page's security token."""

from __future__ import annotations

import contextlib
import http.cookiejar
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PASSWORD = "kith-demo-password"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def environment(database_url: str, media: Path, **more: str) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("KITH_", "DJANGO_"))}
    return {
        **keep,
        "DATABASE_URL": database_url,
        "KITH_SECRET_KEY": "kith-tests-only-not-a-real-secret",
        "KITH_MEDIA_ROOT": str(media),
        "KITH_SECURE_COOKIES": "false",
        "KITH_SSL_REDIRECT": "false",
        "KITH_ALLOWED_HOSTS": "127.0.0.1",
        **more,
    }


def manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def wait_for(check, seconds: float = 60) -> None:  # type: ignore[no-untyped-def]
    """Until `check()` is true, or fail after `seconds`."""
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "waited too long"
        time.sleep(0.05)


class Server:
    """bin/serve on a port of its own (gunicorn; no job worker: these tests need none)."""

    def __init__(self, env: dict[str, str], workers: int = 1, threads: int = 4):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [str(ROOT / "bin" / "serve")],
            cwd=ROOT,
            env={
                **env,
                "KITH_BIND": f"127.0.0.1:{self.port}",
                "KITH_WORKERS": str(workers),
                "KITH_THREADS": str(threads),
                "KITH_RUN_WORKER": "false",
                "KITH_JOBS_AT_ONCE": "true",  # /healthz then asks for no worker
            },
            stderr=subprocess.PIPE,
            text=True,
        )
        Browser(self).wait_until_answering()

    def stop(self) -> str:
        self.process.terminate()
        _, errors = self.process.communicate(timeout=30)
        return errors


class Browser:
    def __init__(self, server: Server):
        self.server = server
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        self.last = ""

    def open(self, path: str, data: dict[str, str] | None = None) -> tuple[int, str, str]:
        """(status, page, the address it ended at) for a GET, or a POST of `data` with the
        last page's security token."""
        body = None
        if data is not None:
            token = CSRF.search(self.last)
            form = {**data, **({"csrfmiddlewaretoken": token.group(1)} if token else {})}
            body = urllib.parse.urlencode(form).encode()
        try:
            with self.opener.open(self.server.url + path, data=body, timeout=30) as answer:
                status, page, where = answer.status, answer.read().decode(), answer.url
        except urllib.error.HTTPError as refused:
            status, page, where = refused.code, refused.read().decode(), refused.url
        if data is None and status == 200:
            self.last = page
        return status, page, where

    def sign_in(self, username: str) -> None:
        self.open("/sign-in/")
        status, _, where = self.open("/sign-in/", {"username": username, "password": PASSWORD})
        assert status == 200 and "/sign-in/" not in where, where

    def wait_until_answering(self, seconds: float = 120) -> None:
        deadline = time.monotonic() + seconds
        page = self.last  # the page open in the browser stays the same
        while time.monotonic() < deadline:
            try:
                if self.open("/healthz")[0] == 200:
                    self.last = page
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise AssertionError("Kith did not start under bin/serve")


class Postgres:
    """A PostgreSQL server of the test's own, which it may stop and start."""

    def __init__(self) -> None:
        # Under /tmp itself: the postgres user cannot reach into pytest's folders for root.
        folder = Path(tempfile.mkdtemp(prefix="kith-test-pg-"))
        found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
        assert found, "PostgreSQL is not installed: bin/setup --test installs it"
        self.bin = found[-1].parent
        self.folder = folder
        self.port = free_port()
        self.root = os.geteuid() == 0  # PostgreSQL refuses to run as root: as postgres, then
        if self.root:
            shutil.chown(folder, "postgres")
        self.run("initdb", "-D", str(folder / "data"), "-U", "postgres", "-A", "trust", "--no-sync")
        self.start()
        self.run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "kith")
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/kith"

    def run(self, tool: str, *args: str) -> None:
        command = [str(self.bin / tool), *args]
        if self.root:
            command = ["su", "postgres", "-s", "/bin/sh", "-c", " ".join(command)]
        done = subprocess.run(command, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr

    def start(self) -> None:
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.folder} -c fsync=off"
        self.run(
            "pg_ctl",
            "-D",
            str(self.folder / "data"),
            "-l",
            str(self.folder / "log"),
            "-w",
            "-o",
            f"'{options}'",
            "start",
        )

    def stop(self) -> None:
        self.run("pg_ctl", "-D", str(self.folder / "data"), "-m", "fast", "-w", "stop")

    def remove(self) -> None:
        with contextlib.suppress(AssertionError):  # already stopped
            self.run("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)
