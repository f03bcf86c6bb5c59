"""`thesisdesk moodle check`: is the configured Moodle site ready for ThesisDesk?"""

from __future__ import annotations

import argparse
import json
from typing import Any

from thesisdesk.moodle.client.client import MoodleClient
from thesisdesk.moodle.client.retry import RetryPolicy
from thesisdesk.moodle.client.sitecheck import check_site


def register(subparsers: Any) -> dict[str, Any]:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "check",
        help="Check the configured Moodle site: reachable, release, token user, functions, "
        "plugin, file transfers; prints the fix for each problem.",
    )
    parser.add_argument("--url", default=None, help="Moodle's address (default: MOODLE_URL)")
    parser.add_argument(
        "--token-file",
        default=None,
        help="file holding the token (default: MOODLE_TOKEN); never pass a token as an argument",
    )
    parser.add_argument("--json", action="store_true", help="print the findings as JSON")
    return {"check": run_check}


def run_check(options: dict[str, Any], stdout: Any) -> int:
    from django.conf import settings

    url = options.get("url") or settings.MOODLE_URL
    token = settings.MOODLE_TOKEN
    if options.get("token_file"):
        with open(options["token_file"], encoding="utf-8") as handle:
            token = handle.read().strip()
    if not url or not token:
        stdout.write(
            "No Moodle configured: set MOODLE_URL and MOODLE_TOKEN (or MOODLE_TOKEN_FILE).\n"
        )
        return 2
    with MoodleClient(
        url,
        token,
        timeout=settings.MOODLE_TIMEOUT,
        retry=RetryPolicy(attempts=2, base_delay=0.5, max_delay=2),
    ) as client:
        findings = check_site(client)
    if options.get("json"):
        stdout.write(json.dumps([f.as_dict() for f in findings], indent=2) + "\n")
    else:
        stdout.write(f"Moodle site {url}\n")
        for finding in findings:
            mark = "ok  " if finding.ok else "FIX "
            stdout.write(f"  {mark}{finding.name}: {finding.detail}\n")
            if finding.fix:
                stdout.write(f"        -> {finding.fix}\n")
        problems = sum(not f.ok for f in findings)
        stdout.write("All good.\n" if not problems else f"{problems} problem(s) to fix.\n")
    return 0 if all(f.ok for f in findings) else 1
