"""Kith as an authority runs it: bin/serve (gunicorn) answers /healthz and logs JSON lines, and
`manage.py check --deploy` passes with the production settings docs/configuration.md lists."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PRODUCTION = {
    "KITH_SECRET_KEY": "a-test-secret-key-that-is-long-and-random-enough-for-the-deploy-check-1",
    "KITH_DEBUG": "false",
    "KITH_ALLOWED_HOSTS": "127.0.0.1,kith.example.gov.uk",
    "KITH_SSL_REDIRECT": "true",
    "KITH_HSTS_PRELOAD": "true",
}


def environment(**more):
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("KITH_", "DJANGO_"))}
    return {**keep, **PRODUCTION, **more}


def test_the_deploy_check_passes_with_the_production_settings():
    done = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environment(DATABASE_URL=""),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_bin_serve_runs_kith_under_gunicorn(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = environment(
        DATABASE_URL=f"sqlite:///{tmp_path / 'kith.sqlite3'}",
        KITH_SSL_REDIRECT="false",  # plain http on the loopback, for the test
        KITH_BIND=f"127.0.0.1:{port}",
        KITH_WORKERS="1",
    )
    server = subprocess.Popen(
        [str(ROOT / "bin" / "serve")], cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True
    )
    try:
        answer = ""
        for _ in range(120):  # migrating a new database takes a while
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                    answer = r.read().decode()
                    break
            except OSError:
                time.sleep(0.5)
        assert answer == "ok\n"
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=30)
    logged = [json.loads(line) for line in errors.splitlines() if line.startswith("{")]
    assert any(line.get("page") == "web:healthz" and line["status"] == 200 for line in logged)
