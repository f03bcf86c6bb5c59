"""`thesisdesk moodle sim`: run the simulator in the foreground."""

from __future__ import annotations

import argparse
from typing import Any

from thesisdesk.moodle.simulator import Simulator


def register(subparsers: Any) -> dict[str, Any]:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "sim", help="Run the Moodle simulator (a stand-in Moodle for tests and the demo)."
    )
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)"
    )
    parser.add_argument(
        "--port", type=int, default=8045, help="port (default 8045; 0 picks a free one)"
    )
    parser.add_argument(
        "--fixture", default=None, help="JSON fixture to seed the site (default: built-in)"
    )
    parser.add_argument(
        "--db", default=None, help="SQLite file that keeps the state across restarts"
    )
    parser.add_argument("--version", dest="moodle_version", default="4.5", choices=("4.5", "5.1"))
    parser.add_argument(
        "--webhook-url",
        default="",
        help="ThesisDesk's deposit webhook (e.g. http://127.0.0.1:8000/hooks/moodle/)",
    )
    parser.add_argument(
        "--webhook-secret", default="", help="shared secret for the webhook signature"
    )
    return {"sim": run_simulator}


def run_simulator(options: dict[str, Any], stdout: Any) -> int:
    sim = Simulator.create(
        fixture=options.get("fixture"),
        version=options.get("moodle_version") or "4.5",
        db_path=options.get("db"),
        port=options.get("port", 8045),
        host=options.get("host") or "127.0.0.1",
    )
    if options.get("webhook_url"):
        sim.site.set_webhook(options["webhook_url"], options.get("webhook_secret") or "")
    stdout.write(f"Moodle simulator (Moodle {sim.site.config['release']}) on {sim.url}\n")
    stdout.write(f"  thesisdesk manager token: {sim.token('thesisdesk')}\n")
    stdout.write(f"  student deposit page:     {sim.url}/simulator/\n")
    stdout.flush()
    try:
        sim.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        sim.stop()
    return 0
