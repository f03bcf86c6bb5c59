"""What the browser journeys share: signing in with a local account, running queued jobs."""

from __future__ import annotations

from typing import Any

from thesisdesk.testing.factories import PASSWORD


def sign_in(page: Any, base_url: str, username: str) -> None:
    """Sign in on ThesisDesk's page with a local account (the factories' password)."""
    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.url == f"{base_url}/", f"{username} could not sign in"


def run_queued_jobs() -> None:
    """What the worker does, in the test's thread: the test database is shared only with the
    live server's thread, so a worker process would not see it."""
    from thesisdesk.moodle.worker import db_worker

    db_worker(batch=True, install_signals=False, interval=0.1).run()
