"""The DfE data feed: each child's payload meets the DfE's own schema, only changed children are
sent, what left the feed is purged, and the sender retries when the DfE is busy (against a
local stub of the DfE's API: there is no network here)."""

from __future__ import annotations

import io
import json
import threading
from datetime import date
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kith.accounts.roles import Role
from kith.audit.models import AuditEvent
from kith.audit.verbs import Verb
from kith.jobs.kinds import KINDS
from kith.jobs.models import JobStatus
from kith.jobs.queue import start as start_job
from kith.people.merging import merge_people
from kith.people.models import Identifier
from kith.protection.tests.builders import discussion_for
from kith.recording.models import Assessment, Status
from kith.returns import feed, feeding, sender
from kith.returns.cin_import import import_file
from kith.returns.models import FeedChild, FeedSend
from kith.returns.tests.test_import import census, child, episode
from kith.test import make_case, make_person

pytestmark = pytest.mark.django_db


def _child(**fields):
    fields.setdefault("date_of_birth", date(2015, 6, 1))
    fields.setdefault("sex", "F")
    fields.setdefault("disabilities", ["NONE"])
    return make_person(**fields)


def everything() -> list[dict]:
    found = []
    for batch in feed.build():
        found += batch.children
        feed.remember(batch)
    return found


def test_a_child_s_whole_story_meets_the_dfe_schema(persona):
    worker = persona[Role.SOCIAL_WORKER]
    child = _child(first_name="Ellie", upn="", upn_unknown="UN3")
    case = make_case(child, worker=worker, referral_date=date(2025, 5, 1), primary_need="N1")
    Assessment.objects.create(
        case=case, author=worker, status=Status.DRAFT, started_on=date(2025, 5, 2)
    )
    discussion_for(case, day=date(2025, 5, 6))
    [payload] = everything()
    assert feed.problems([payload]) == []
    assert payload["la_child_id"] == f"P{child.pk:07d}"
    assert payload["child_details"]["first_name"] == "Ellie"
    assert payload["child_details"]["unique_pupil_number_unknown_reason"] == "UN3"
    [episode] = payload["social_care_episodes"]
    assert episode["social_care_episode_id"] == case.reference
    assert episode["referral_no_further_action_flag"] is False
    assert episode["child_and_family_assessments"][0]["start_date"] == "2025-05-02"
    assert episode["section_47_assessments"][0]["start_date"] == "2025-05-06"


def test_the_schema_check_can_fail():
    assert feed.problems([{"la_child_id": "P-1"}])  # hyphens are not allowed
    assert feed.problems([{"la_child_id": "P1", "child_details": {"date_of_birth": "1/2/2015"}}])
    assert feed.problems([{"la_child_id": "P1", "nickname": "x"}])  # unknown keys refused
    assert feed.problems([{"la_child_id": "P1"}] * 101)  # 100 children a request at most


def test_an_imported_short_upn_is_left_out_of_the_feed(persona):
    import_file(
        census(2024, child("X1", episode("2023-05-01"), upn="A12345678901")),
        by=persona[Role.DATA_OFFICER],
    )
    make_case(_child(), worker=persona[Role.SOCIAL_WORKER], referral_date=date(2025, 5, 1))
    [batch] = list(feed.build())
    # Kept "as the census says" on import (the data quality page shows it), but the feed
    # schema needs 13 characters: the UPN is left out, and the rest of the child is sent.
    assert feed.problems(batch.children) == []


def test_only_children_whose_record_changed_are_sent_again(persona):
    worker = persona[Role.SOCIAL_WORKER]
    first = make_case(_child(), worker=worker, referral_date=date(2025, 5, 1), primary_need="N1")
    make_case(_child(), worker=worker, referral_date=date(2025, 5, 1), primary_need="N1")
    assert len(everything()) == 2
    assert everything() == []
    first.child.ethnicity = "WIRI"
    first.child.save()
    [again] = everything()
    assert again["la_child_id"] == f"P{first.child_id:07d}"
    assert len([c for b in feed.build(everyone=True) for c in b.children]) == 2


def test_what_left_the_feed_is_purged(persona):
    worker = persona[Role.SOCIAL_WORKER]
    case = make_case(_child(), worker=worker, referral_date=date(2025, 5, 1), primary_need="N1")
    draft = Assessment.objects.create(
        case=case, author=worker, status=Status.DRAFT, started_on=date(2025, 5, 2)
    )
    everything()
    # The worker cleared the draft's start date: it is no longer an assessment the DfE knows.
    Assessment.objects.filter(pk=draft.pk).update(started_on=None)
    [changed] = everything()
    [episode] = changed["social_care_episodes"]
    assert episode["child_and_family_assessments"] == [
        {"child_and_family_assessment_id": f"A{draft.pk}", "purge": True}
    ]
    assert feed.problems([changed]) == []
    assert everything() == []  # purged once, then forgotten


def test_a_person_merged_away_is_purged_whole(persona):
    worker = persona[Role.SOCIAL_WORKER]
    kept, duplicate = _child(first_name="Ann"), _child(first_name="Anne")
    make_case(duplicate, worker=worker, referral_date=date(2025, 5, 1), primary_need="N1")
    everything()
    merge_people(kept, duplicate, by=worker, why="Same child")
    sent = everything()
    assert {"la_child_id": f"P{duplicate.pk:07d}", "purge": True} in sent
    assert any(c["la_child_id"] == f"P{kept.pk:07d}" for c in sent)
    assert feed.problems(sent) == []
    assert FeedChild.objects.get(person=duplicate).sent == {"purged": True}


def test_a_merge_bringing_a_census_id_keeps_the_survivor_and_withdraws_its_old_id(persona):
    worker = persona[Role.SOCIAL_WORKER]
    kept, duplicate = _child(first_name="Ann"), _child(first_name="Anne")
    make_case(
        kept,
        worker=worker,
        referral_date=date(2024, 5, 1),
        closed_on=date(2024, 6, 1),
        closure_reason="RC7",
    )
    make_case(duplicate, worker=worker, referral_date=date(2025, 5, 1))
    Identifier.objects.create(person=duplicate, kind="census_child_id", value="OLD1")
    everything()
    merge_people(kept, duplicate, by=worker, why="Same child")
    sent = everything()
    ids = [(c["la_child_id"], c.get("purge", False)) for c in sent]
    # The survivor is sent as OLD1 (never purged under it), and its old ID is withdrawn.
    assert ("OLD1", True) not in ids or ("OLD1", False) not in ids, ids
    assert (f"P{kept.pk:07d}", True) in ids, ids


class DfeStub(BaseHTTPRequestHandler):
    """The DfE's API, as far as a test needs: answers from a script, records what it got."""

    script: list[int] = []
    got: list[tuple[str, dict, list]] = []

    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        body = json.loads(self.rfile.read(length))
        DfeStub.got.append((self.path, dict(self.headers), body))
        status = DfeStub.script.pop(0) if DfeStub.script else 200
        self.send_response(status)
        if status == 429:
            self.send_header("Retry-After", "1")
        self.end_headers()
        if status == 200:
            self.wfile.write(json.dumps("5b1f2c9e-0000-4000-8000-000000000001").encode())
        else:
            self.wfile.write(b'{"error": "no"}')

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def dfe(settings):
    server = HTTPServer(("127.0.0.1", 0), DfeStub)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    DfeStub.script, DfeStub.got = [], []
    settings.KITH_CSC_FEED_URL = f"http://127.0.0.1:{server.server_port}/api"
    settings.KITH_CSC_FEED_TOKEN = "secret-token"
    settings.KITH_CSC_FEED_KEY = "subscription-key"
    yield DfeStub
    server.shutdown()


def test_the_sender_retries_when_the_dfe_is_busy(dfe):
    dfe.script = [429, 503]
    waits: list[float] = []
    receipt = sender.post([{"la_child_id": "P1"}], sleep=waits.append)
    assert receipt == "5b1f2c9e-0000-4000-8000-000000000001"
    assert waits == [1.0, 4.0]  # the DfE's Retry-After, then doubling
    path, headers, body = dfe.got[-1]
    assert path == "/api/children_social_care_data/938/children"
    assert headers["Authorization"] == "Bearer secret-token"
    assert headers["Ocp-Apim-Subscription-Key"] == "subscription-key"
    assert body == [{"la_child_id": "P1"}]


def test_the_sender_gives_up_and_says_why(dfe):
    dfe.script = [503, 503, 503, 503]
    with pytest.raises(sender.SendFailed, match="after 4 tries: 503"):
        sender.post([{"la_child_id": "P1"}], sleep=lambda s: None)
    dfe.script = [400]
    with pytest.raises(sender.SendFailed, match="refused the batch \\(400"):
        sender.post([{"la_child_id": "P1"}], sleep=lambda s: None)
    assert len(dfe.got) == 5  # a refused payload is not sent again


def test_the_command_writes_checks_and_sends_in_batches_of_100(dfe, persona, tmp_path):
    worker = persona[Role.SOCIAL_WORKER]
    for _ in range(101):
        make_case(_child(), worker=worker, referral_date=date(2025, 5, 1), primary_need="N1")
    out = io.StringIO()
    call_command("export_csc_feed", "--output", str(tmp_path / "feed.json"), stdout=out)
    written = json.loads((tmp_path / "feed.json").read_text())
    assert len(written) == 101 and feed.problems(written[:100]) == []
    assert [len(body) for _, _, body in dfe.got] == [100, 1]
    made = FeedSend.objects.get()
    assert (made.children, made.sent, len(made.receipts)) == (101, True, 2)
    assert "101 children (0 withdrawn) sent to the DfE" in out.getvalue()
    assert AuditEvent.objects.filter(verb=Verb.FEED_MADE, detail__children=101).exists()


def test_without_an_address_the_feed_is_written_not_sent(persona, tmp_path, settings):
    settings.KITH_CSC_FEED_URL = ""
    make_case(
        _child(),
        worker=persona[Role.SOCIAL_WORKER],
        referral_date=date(2025, 5, 1),
        primary_need="N1",
    )
    out = io.StringIO()
    call_command("export_csc_feed", "--output", str(tmp_path / "f.json"), "--all", stdout=out)
    assert "written (not sent)" in out.getvalue()
    assert len(json.loads((tmp_path / "f.json").read_text())) == 1


def test_a_failed_send_is_reported_and_the_children_are_sent_next_time(dfe, persona, tmp_path):
    make_case(
        _child(),
        worker=persona[Role.SOCIAL_WORKER],
        referral_date=date(2025, 5, 1),
        primary_need="N1",
    )
    dfe.script = [400]
    with pytest.raises(CommandError, match="refused"):
        call_command("export_csc_feed", "--output", str(tmp_path / "f.json"), stdout=io.StringIO())
    assert "refused" in FeedSend.objects.get().problem
    assert not FeedChild.objects.exists()
    assert len([c for b in feed.build() for c in b.children]) == 1


def test_a_child_the_schema_refuses_is_held_back_and_the_rest_are_sent(dfe, persona, tmp_path):
    make_case(
        _child(),
        worker=persona[Role.SOCIAL_WORKER],
        referral_date=date(2025, 5, 1),
        primary_need="N1",
    )
    bad = _child(first_name="Zoë")
    bad.identifiers.create(kind="census_child_id", value="ZOË1")  # not A-Z or 0-9
    make_case(
        bad, worker=persona[Role.SOCIAL_WORKER], referral_date=date(2025, 5, 1), primary_need="N1"
    )
    err = io.StringIO()
    call_command(
        "export_csc_feed", "--output", str(tmp_path / "f.json"), stdout=io.StringIO(), stderr=err
    )
    assert "Held back ZOË1" in err.getvalue()
    assert [len(body) for _, _, body in dfe.got] == [1]
    assert "1 held back" in FeedSend.objects.get().problem
    assert not FeedChild.objects.filter(person=bad).exists()  # sent once it is put right


def _a_child_in_need(persona) -> None:  # type: ignore[no-untyped-def]
    make_case(
        _child(),
        worker=persona[Role.SOCIAL_WORKER],
        referral_date=date(2025, 5, 1),
        primary_need="N1",
    )


def test_the_morning_feed_runs_as_a_job_and_is_kept_with_the_media(
    dfe, persona, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    _a_child_in_need(persona)
    job = start_job("data feed")
    assert job.status == JobStatus.DONE, job.problem
    assert job.outcome == "1 child sent to the DfE, 0 withdrawn."
    [kept] = (Path(settings.MEDIA_ROOT) / "feed").glob("feed-*.json")
    assert len(json.loads(kept.read_text())) == 1 and len(dfe.got) == 1


def test_the_morning_feed_that_cannot_reach_the_dfe_fails_in_words(dfe, persona):
    dfe.script = [400]
    _a_child_in_need(persona)
    job = start_job("data feed")
    assert job.status == JobStatus.FAILED and job.problem == feeding.NOT_SENT
    assert "refused the batch" in FeedSend.objects.get().problem


def test_the_morning_feed_is_scheduled_only_when_sending_is_switched_on(settings):
    settings.KITH_CSC_FEED_URL = ""
    assert not KINDS["data feed"].only_if()
    settings.KITH_CSC_FEED_URL = "https://api.example/feed"
    assert KINDS["data feed"].only_if()


def test_a_looked_after_child_s_placements_uasc_and_sdq_meet_the_dfe_schema(persona):
    from kith.care.actions import (
        Coming,
        change_details,
        come_into_care,
        record_check,
        record_move,
    )

    worker = persona[Role.SOCIAL_WORKER]
    case = make_case(_child(), worker=worker, referral_date=date(2025, 5, 1), primary_need="N1")
    period = come_into_care(
        [case],
        by=worker,
        coming=Coming(
            started_on=date(2025, 6, 2),
            legal_status="V2",
            need="N1",
            previous_permanence="Z1",
            placement={"kind": "U6", "provider": "PR1", "carer": "C", "postcode": "WH1 2AB"},
            unaccompanied=True,
        ),
    )[0]
    record_move(
        period,
        by=worker,
        version=None,
        change_reason="CARPL",
        started_on=date(2025, 9, 1),
        kind="K2",
        provider="PR4",
        carer="Home",
    )
    change_details(period, by=worker, version=None, unaccompanied_until=date(2025, 10, 1))
    record_check(case, by=worker, kind="sdq", done_on=date(2025, 9, 5), sdq_score=14)
    [payload] = everything()
    assert feed.problems([payload]) == []
    [episode] = payload["social_care_episodes"]
    placements = episode["child_looked_after_placements"]
    assert [(p["start_date"], p["start_reason"], p["placement_type"]) for p in placements] == [
        ("2025-06-02", "S", "U6"),
        ("2025-09-01", "P", "K2"),
    ]
    assert placements[0]["end_reason"] == "X1" and placements[0]["change_reason"] == "CARPL"
    assert payload["child_details"]["uasc_flag"] is True
    assert payload["child_details"]["uasc_end_date"] == "2025-10-01"
    assert payload["health_and_wellbeing"] == {
        "sdq_assessments": [{"date": "2025-09-05", "score": 14}]
    }
    # A placement no longer derived (the move was recorded wrongly and the period corrected)
    # is purged once.
    from kith.care.models import Placement

    Placement.objects.filter(period=period, kind="K2").update(started_on=date(2025, 9, 8))
    [changed] = everything()
    ids = [
        p["child_looked_after_placement_id"]
        for p in changed["social_care_episodes"][0]["child_looked_after_placements"]
        if p.get("purge")
    ]
    assert ids == [f"CLA{period.pk}-20250901"]
    assert feed.problems([changed]) == []
