"""Every form's POST, fed what nobody thought to type (hypothesis): any text, nothing at all,
unicode, a NUL character, a hundred thousand letters, impossible dates and numbers, markup, in
any of its fields. Kith never answers with a server error, and a form it refuses is shown again
with a message saying what is wrong. The forms and their writers come from the write matrix."""

from __future__ import annotations

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kith.test import signed_in_client
from kith.web.tests.test_write_matrix import WRITES
from kith.web.tests.world import World, build, with_return_run

TYPED = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "",
            " ",
            "0",
            "-1",
            "99999999999999999999999",
            "1e309",
            "NaN",
            "32",
            "13",
            "0000",
            "2026-02-31",
            "31/02/2026",
            "\x00",
            "a\x00b",
            "🙂" * 60,
            "Ŵyn ap Siôn",
            "<script>alert(1)</script>",
            "' OR 1=1 --",
            "x" * 100_000,
        ]
    ),
)
FORMS = [(name, i) for name, writes in WRITES.items() for i, w in enumerate(writes) if w.writers]


@pytest.fixture
def world(db) -> World:
    return with_return_run(build())


@pytest.mark.parametrize(("name", "i"), FORMS, ids=[f"{n}#{i}" for n, i in FORMS])
def test_no_form_breaks_on_anything_typed_and_a_refusal_says_why(world, name, i):
    write = WRITES[name][i]
    user = world.users[sorted(write.writers)[0]]
    client = signed_in_client(user)
    url = write.url(world).format(son=world.ordinary["son"].pk)
    good = write.form(world)
    fields = sorted(good) or ["text"]

    @settings(
        max_examples=25,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(st.data())
    def post(data: st.DataObject) -> None:
        form = dict(good)
        for key in data.draw(st.lists(st.sampled_from(fields), unique=True, min_size=1)):
            form[key] = data.draw(TYPED)
        saved = transaction.savepoint()
        try:
            response = client.post(url, form)
        finally:
            transaction.savepoint_rollback(saved)
        assert response.status_code < 500, f"{name}: {response.status_code} for {form!r:.300}"
        page = response.content.decode(errors="replace")
        shown_again = response.status_code in (200, 400, 409)
        if shown_again and response["Content-Type"].startswith("text/html"):
            assert "govuk-error-summary" in page or "govuk-error-message" in page, (
                f"{name}: shown again with no message, for {form!r:.300}"
            )

    post()
