"""/hooks/moodle/: signature, timestamp window, replays, unknown course or key, limits."""

from __future__ import annotations

import json
import time
import uuid

import pytest

from thesisdesk.deposits.models import WebhookDelivery
from thesisdesk.deposits.signature import sign
from thesisdesk.milestones.models import MilestoneKind
from thesisdesk.moodle.models import MoodleCourseLink
from thesisdesk.testing.factories import make_milestone

pytestmark = pytest.mark.django_db

SECRET = "s3cret-for-tests"
URL = "/hooks/moodle/"


@pytest.fixture
def target(personas, settings):
    settings.MOODLE_WEBHOOK_SECRET = SECRET
    campaign = personas.campaign
    MoodleCourseLink.objects.create(campaign=campaign, courseid=2, shortname="MEM-2026")
    milestone = make_milestone(campaign=campaign, kind=MilestoneKind.FINAL_DEPOSIT)
    key = f"campaign:{campaign.pk}/thesis:{personas.thesis.pk}/milestone:{milestone.pk}/assignment"
    return {"key": key, "courseid": 2}


def body(target, **changes):
    value = {
        "event": "submission_submitted",
        "eventid": str(uuid.uuid4()),
        "site": "http://127.0.0.1:1",
        "courseid": target["courseid"],
        "key": target["key"],
        "cmid": 10,
        "assignid": 3,
        "userid": 6,
        "groupid": 0,
        "submissionid": 1,
        "status": "submitted",
        "timemodified": int(time.time()),
    }
    value.update(changes)
    return value


def post(client, payload, *, secret=SECRET, timestamp=None, signature=None, raw=None):
    raw = raw if raw is not None else json.dumps(payload).encode()
    timestamp = str(int(time.time())) if timestamp is None else str(timestamp)
    signature = signature if signature is not None else sign(secret, timestamp, raw)
    return client.post(
        URL,
        data=raw,
        content_type="application/json",
        headers={"X-ThesisDesk-Timestamp": timestamp, "X-ThesisDesk-Signature": signature},
    )


def test_signed_call_is_accepted_and_queued(client, target, django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    payload = body(target)
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, payload)
    assert response.status_code == 202
    assert response.json() == {"result": "accepted"}
    delivery = WebhookDelivery.objects.get()
    assert delivery.eventid == payload["eventid"]
    assert delivery.key == target["key"]
    (job,) = DBTaskResult.objects.all()
    assert job.task_path.endswith("process_webhook_delivery")
    assert job.args_kwargs["args"] == [delivery.pk]


def test_wrong_secret_is_refused(client, target):
    response = post(client, body(target), secret="not-the-secret")
    assert response.status_code == 403
    assert not WebhookDelivery.objects.exists()


def test_body_changed_after_signing_is_refused(client, target):
    payload = body(target)
    timestamp = str(int(time.time()))
    signature = sign(SECRET, timestamp, json.dumps(payload).encode())
    payload["userid"] = 7
    response = post(client, payload, timestamp=timestamp, signature=signature)
    assert response.status_code == 403
    assert not WebhookDelivery.objects.exists()


def test_missing_signature_is_refused(client, target):
    response = client.post(URL, data=json.dumps(body(target)), content_type="application/json")
    assert response.status_code == 403


@pytest.mark.parametrize("age", [360, -360, 3600])
def test_timestamp_outside_the_window_is_refused(client, target, age):
    response = post(client, body(target), timestamp=int(time.time()) - age)
    assert response.status_code == 403
    assert "window" in response.json()["message"]
    assert not WebhookDelivery.objects.exists()


def test_timestamp_inside_the_window_is_accepted(client, target):
    response = post(client, body(target), timestamp=int(time.time()) - 240)
    assert response.status_code == 202


def test_replayed_eventid_is_refused(client, target):
    payload = body(target)
    assert post(client, payload).status_code == 202
    # The same call again, freshly signed: still the same delivery.
    response = post(client, payload)
    assert response.status_code == 409
    assert response.json()["result"] == "replay"
    assert WebhookDelivery.objects.count() == 1


def test_unknown_course_is_answered_without_side_effects(client, target):
    response = post(client, body(target, courseid=999))
    assert response.status_code == 202
    assert response.json()["result"] == "ignored"
    assert not WebhookDelivery.objects.exists()


@pytest.mark.parametrize(
    "key",
    [
        "campaign:1/thesis:1/section",
        "not a key",
        "",
        "campaign:999/thesis:1/milestone:1/assignment",
    ],
)
def test_unknown_key_is_answered_without_side_effects(client, target, key):
    response = post(client, body(target, key=key))
    assert response.status_code == 202
    assert response.json()["result"] == "ignored"
    assert not WebhookDelivery.objects.exists()


def test_key_of_a_thesis_of_another_campaign_is_ignored(client, target, personas):
    from thesisdesk.testing.factories import make_campaign, make_thesis

    other = make_campaign()
    thesis = make_thesis(campaign=other, students=[personas.other_student.person])
    key = target["key"].replace(f"thesis:{personas.thesis.pk}/", f"thesis:{thesis.pk}/")
    response = post(client, body(target, key=key))
    assert response.json()["result"] == "ignored"


def test_malformed_body_is_refused(client, target):
    assert post(client, None, raw=b"not json").status_code == 400
    assert post(client, body(target, event="something_else")).status_code == 400
    assert post(client, body(target, courseid="two")).status_code == 400
    assert not WebhookDelivery.objects.exists()


def test_big_body_is_refused(client, target):
    payload = body(target, padding="x" * 20_000)
    response = post(client, payload)
    assert response.status_code == 413


def test_without_a_configured_secret_everything_is_refused(client, target, settings):
    settings.MOODLE_WEBHOOK_SECRET = ""
    response = post(client, body(target), secret="")
    assert response.status_code == 403


def test_only_post(client, target):
    assert client.get(URL).status_code == 405


def test_no_csrf_token_needed(target):
    from django.test import Client

    response = post(Client(enforce_csrf_checks=True), body(target))
    assert response.status_code == 202
