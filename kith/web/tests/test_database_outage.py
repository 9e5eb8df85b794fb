"""PostgreSQL stopped for a few seconds while people work: every page says plainly that Kith
cannot reach its records (503, with a Retry-After), never a server error; and once the database
is back, the same Kith (not restarted) answers again, with everyone still signed in."""

from __future__ import annotations

import threading

import pytest

from kith.web.tests.live import Browser, Postgres, Server, environment, manage

PAGES = ["/home/", "/cases/", "/people/?q=smith", "/cases/contacts/", "/timescales/"]


@pytest.fixture
def kith(tmp_path):
    database = Postgres()
    env = environment(database.url, tmp_path / "media")
    try:
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "seed_demo", "--children", "12")
        worker = manage(
            env,
            "shell",
            "--no-imports",
            "-c",
            "from kith.accounts.models import User; print(User.objects.filter("
            "role='social_worker', is_active=True).order_by('pk').first().username)",
        ).strip()
        server = Server(env, workers=1, threads=4)
        yield database, server, worker
        server.stop()
    finally:
        database.remove()


def test_a_database_outage_gives_plain_503_pages_and_kith_recovers_by_itself(kith):
    database, server, worker = kith
    people = [Browser(server) for _ in range(4)]
    for browser in people:
        browser.sign_in(worker)
        assert [browser.open(page)[0] for page in PAGES] == [200] * len(PAGES)

    database.stop()
    seen: list[tuple[int, str]] = []

    def work(browser: Browser) -> None:
        for page in PAGES * 2:
            status, text, _ = browser.open(page)
            seen.append((status, text))

    threads = [threading.Thread(target=work, args=(b,)) for b in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    health = Browser(server).open("/healthz")  # as a load balancer asks: no session
    database.start()

    assert seen and {status for status, _ in seen} == {503}
    for _, text in seen:
        assert "cannot reach its records just now" in text and "Traceback" not in text
    assert health[:2] == (503, "unavailable\n")
    # Back, with no restart: the same server, the same sign-ins.
    for browser in people:
        assert [browser.open(page)[0] for page in PAGES] == [200] * len(PAGES)
    assert Browser(server).open("/healthz")[:2] == (200, "ok\n")
