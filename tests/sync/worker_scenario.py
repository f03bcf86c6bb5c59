"""Set up a campaign for the worker tests, in the database named by DATABASE_URL, linked
to the simulated Moodle named by MOODLE_URL / MOODLE_TOKEN, and queue its first sync.

    python tests/sync/worker_scenario.py THESES
"""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime


def main(theses: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thesisdesk.settings")
    import django

    django.setup()
    from thesisdesk.campaigns.models import Role
    from thesisdesk.milestones.models import MilestoneKind
    from thesisdesk.moodle import services
    from thesisdesk.moodle.models import SyncRun
    from thesisdesk.testing.factories import make_campaign, make_member, make_milestone, make_thesis

    campaign = make_campaign(slug="worker-test", name="Worker test")
    students = [make_member(campaign, Role.STUDENT, moodle_user_id=6 + n) for n in range(10)]
    supervisors = [make_member(campaign, Role.SUPERVISOR, moodle_user_id=3 + n) for n in range(3)]
    for n in range(theses):
        make_thesis(
            campaign=campaign,
            students=[students[n % 10]],
            supervisors=[supervisors[n % 3]],
            title=f"Mémoire numéro {n}",
        )
    for kind, day in (
        (MilestoneKind.PLAN, 1),
        (MilestoneKind.FINAL_DEPOSIT, 2),
        (MilestoneKind.DEFENSE_PERIOD, 3),
        (MilestoneKind.OTHER, 4),
    ):
        make_milestone(
            campaign=campaign,
            kind=kind,
            title=f"{kind} {day}",
            due_at=datetime(2027, 6, day, 12, tzinfo=UTC),
        )
    services.moodle_link_campaign(actor=None, campaign=campaign, shortname="MEM-2026")
    run = services.sync_apply_request(
        actor=None, campaign=campaign, trigger=SyncRun.Trigger.COMMAND
    )
    print(run.pk)


if __name__ == "__main__":
    main(int(sys.argv[1]))
