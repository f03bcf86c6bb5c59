"""Replay recorded Moodle exchanges (tests/exchanges) through httpx.MockTransport."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import httpx

from thesisdesk.moodle.client import MoodleClient, RetryPolicy

EXCHANGES = Path(__file__).parent / "exchanges"
TOKEN = "0123456789abcdef0123456789abcdef"


@cache
def index() -> list[dict[str, Any]]:
    data = json.loads((EXCHANGES / "index.json").read_text(encoding="utf-8"))
    return list(data["exchanges"])


@cache
def load(file: str) -> dict[str, Any]:
    return json.loads((EXCHANGES / file).read_text(encoding="utf-8"))


def exchange(version: str, name: str, case: str) -> dict[str, Any]:
    return load(f"{version}/{name}__{case}.json")


def untruncated(value: Any) -> Any:
    """The answer without the recorder's `{"_truncated": N}` markers."""
    if isinstance(value, list):
        return [
            untruncated(v) for v in value if not (isinstance(v, dict) and set(v) == {"_truncated"})
        ]
    if isinstance(value, dict):
        return {k: untruncated(v) for k, v in value.items()}
    return value


def body_of(recorded: dict[str, Any]) -> bytes:
    if recorded.get("response_raw") is not None:
        return str(recorded["response_raw"]).encode()
    fmt = recorded["response_format"]
    if fmt == "json":
        return json.dumps(untruncated(recorded["response"])).encode()
    if fmt == "binary":
        return b"x" * int(recorded.get("response_bytes") or 0)
    return str(recorded.get("response") or "").encode()


def response_of(recorded: dict[str, Any]) -> httpx.Response:
    headers = {
        k: v
        for k, v in recorded.get("headers", {}).items()
        if k.lower() not in ("transfer-encoding", "content-length")
    }
    headers.setdefault("Content-Type", recorded["content_type"])
    return httpx.Response(recorded["status"], headers=headers, content=body_of(recorded))


class Recorder:
    """A transport answering with fixed responses (or a callable), keeping the requests."""

    def __init__(self, *answers: httpx.Response | Callable[[httpx.Request], httpx.Response]):
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if callable(answer) and not isinstance(answer, httpx.Response):
            return answer(request)
        return answer

    def client(self, **options: Any) -> MoodleClient:
        options.setdefault("retry", RetryPolicy(attempts=1))
        return MoodleClient(
            "https://moodle.test", TOKEN, transport=httpx.MockTransport(self), **options
        )


def replay_client(recorded: dict[str, Any], **options: Any) -> tuple[MoodleClient, Recorder]:
    recorder = Recorder(response_of(recorded))
    return recorder.client(**options), recorder


def form_of(request: httpx.Request) -> dict[str, str]:
    from urllib.parse import parse_qsl

    return dict(parse_qsl(request.content.decode(), keep_blank_values=True))
