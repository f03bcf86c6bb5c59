"""`thesisdesk bench client`: the Moodle client's speed against the simulator
(`--site`: against the configured Moodle instead).

Prints requests per second and median latency of a read call over HTTP, and the client's
own overhead per call (encoding the parameters plus decoding and validating the answer,
no network): the goal is under 0.2 ms for an ordinary call.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from typing import Any, TextIO
from urllib.parse import urlencode

from thesisdesk.moodle import catalogue
from thesisdesk.moodle.client import encoding, models, schema
from thesisdesk.moodle.client.client import MoodleClient, _adapter
from thesisdesk.moodle.client.retry import RetryPolicy

GOAL_MS = 0.2


def _overhead(
    function: str, params: dict[str, Any], answer: str, result: Any, n: int, *, check: bool = False
) -> float:
    """Median ms of encode (flatten + form body) + decode (JSON + model) for one call;
    with `check`, also the parameter check against the catalogue done before sending."""
    adapter = _adapter(result)
    parameters = catalogue.describe(function)["parameters"]
    times = []
    for _ in range(n):
        started = time.perf_counter()
        if check:
            schema.params_problems(params, parameters)
        fields = [
            ("wstoken", "x" * 32),
            ("wsfunction", function),
            ("moodlewsrestformat", "json"),
            *encoding.flatten(params),
        ]
        urlencode(fields).encode()
        adapter.validate_python(encoding.decode_json(answer))
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main(argv: list[str], out: TextIO) -> int:
    parser = argparse.ArgumentParser(prog="thesisdesk bench client")
    parser.add_argument("--requests", type=int, default=300, help="HTTP calls to time")
    parser.add_argument("--iterations", type=int, default=5000, help="overhead iterations")
    parser.add_argument(
        "--site",
        action="store_true",
        help="time the configured Moodle (MOODLE_URL, MOODLE_TOKEN) instead of the simulator",
    )
    options = parser.parse_args(argv)

    sim: Any = None
    if options.site:
        from django.conf import settings

        url, token, where = settings.MOODLE_URL, settings.MOODLE_TOKEN, settings.MOODLE_URL
    else:
        from thesisdesk.moodle.simulator import Simulator

        sim = Simulator.start()
        url, token, where = sim.url, sim.token("thesisdesk"), "the simulator (127.0.0.1)"
    try:
        client = MoodleClient(url, token, retry=RetryPolicy.none())
        read = ("core_course_get_courses_by_field", {"field": "id", "value": "2"})
        answer_value = client.call(*read)
        for _ in range(20):  # warm up connections and lazily built models
            client.core_course_get_courses_by_field(field="id", value="2")
        latencies = []
        started = time.perf_counter()
        for _ in range(options.requests):
            call_started = time.perf_counter()
            client.core_course_get_courses_by_field(field="id", value="2")
            latencies.append(time.perf_counter() - call_started)
        elapsed = time.perf_counter() - started
        groups_answer = client.call("core_group_get_course_groups", {"courseid": 2})
        client.close()
    finally:
        if sim is not None:
            sim.stop()

    ordinary = _overhead(
        "core_course_get_courses_by_field",
        {"field": "id", "value": "2"},
        json.dumps(answer_value),
        models.CourseGetCoursesByFieldResult,
        options.iterations,
    )
    ordinary_checked = _overhead(
        "core_course_get_courses_by_field",
        {"field": "id", "value": "2"},
        json.dumps(answer_value),
        models.CourseGetCoursesByFieldResult,
        options.iterations,
        check=True,
    )
    sync_params = {
        "courseid": 2,
        "groups": [
            {"key": f"g{i}", "name": f"Binôme {i}", "members": [6, 7], "fingerprint": "f" * 16}
            for i in range(20)
        ],
    }
    sync_answer = json.dumps(
        {"groups": [{"key": f"g{i}", "groupid": i, "status": "unchanged"} for i in range(20)]}
    )
    batch = _overhead(
        "local_thesisdesk_sync_groups",
        sync_params,
        sync_answer,
        models.SyncGroupsResult,
        max(options.iterations // 5, 100),
    )
    small = _overhead(
        "core_group_get_course_groups",
        {"courseid": 2},
        json.dumps(groups_answer),
        list[models.GroupGetCourseGroupsItem],
        options.iterations,
    )

    out.write(f"Moodle client against {where}\n")
    out.write(f"  read call core_course_get_courses_by_field, {options.requests} requests\n")
    out.write(f"    requests per second   {options.requests / elapsed:10.0f}\n")
    out.write(f"    median latency        {statistics.median(latencies) * 1000:10.2f} ms\n")
    out.write("  client overhead per call (encode + decode + validate, no network)\n")
    out.write(f"    core_course_get_courses_by_field  {ordinary:7.3f} ms  (goal < {GOAL_MS} ms)\n")
    out.write(f"      + parameter check               {ordinary_checked:7.3f} ms\n")
    out.write(f"    core_group_get_course_groups      {small:7.3f} ms\n")
    out.write(f"    local_thesisdesk_sync_groups x20  {batch:7.3f} ms\n")
    out.write(f"  goal met: {'yes' if ordinary < GOAL_MS else 'NO'}\n")
    return 0
