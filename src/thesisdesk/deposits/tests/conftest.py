"""Deposit fixtures: the personas' campaign linked to the simulated Moodle course, its
deposit assignments created by the sync engine, and helpers to deposit as a student."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest

from thesisdesk.campaigns.models import Role
from thesisdesk.milestones.models import Milestone, MilestoneKind
from thesisdesk.testing.factories import make_member, make_milestone, make_thesis
from thesisdesk.theses.models import Thesis

COURSE = 2  # MEM-2026 in the simulator's default fixture
STUDENT_ID = 6  # s1, the personas' student
OTHER_STUDENT_ID = 7


@dataclass
class Linked:
    campaign: Any
    thesis: Thesis  # student (6), supervisor, co_supervisor, reader
    second: Thesis  # other_student (7) and a third student (8), supervisor, no reader
    final: Milestone
    plan: Milestone
    sim: Any
    client: Any
    personas: Any

    def assignid(self, thesis: Thesis, milestone: Milestone) -> int:
        key = f"campaign:{self.campaign.pk}/thesis:{thesis.pk}/milestone:{milestone.pk}/assignment"
        answer = self.client.local_thesisdesk_get_state(courseid=COURSE, kinds=["assignment"])
        for item in answer.model_dump()["items"]:
            if item["key"] == key:
                return int(item["instanceid"])
        raise AssertionError(f"no assignment {key} in Moodle")

    def deposit(
        self,
        userid: int,
        thesis: Thesis,
        milestone: Milestone,
        files: list[tuple[str, bytes]],
        notify: bool = False,
    ) -> int:
        return int(
            self.sim.site.submit(
                userid, self.assignid(thesis, milestone), files=files, notify=notify
            )
        )

    def apply(self) -> None:
        from thesisdesk.moodle import services
        from thesisdesk.moodle.models import SyncRun
        from thesisdesk.moodle.sync.gateway import MoodleGateway

        run = services.sync_enqueue(campaign_id=self.campaign.pk, trigger=SyncRun.Trigger.COMMAND)
        run = services.sync_run_execute(run_id=run.pk, gateway=MoodleGateway(self.client))
        assert run.status == SyncRun.Status.SUCCEEDED, run.error


@pytest.fixture
def linked(personas, moodle_sim, moodle_client, settings) -> Linked:
    from thesisdesk.moodle import services
    from thesisdesk.moodle.sync.gateway import MoodleGateway

    campaign = personas.campaign
    for username, userid in (
        ("coordinator", 2),
        ("supervisor", 3),
        ("co_supervisor", 4),
        ("reader", 5),
        ("student", STUDENT_ID),
        ("other_student", OTHER_STUDENT_ID),
    ):
        person = getattr(personas, username).person
        person.moodle_user_id = userid
        person.save(update_fields=["moodle_user_id"])
    third = make_member(campaign, Role.STUDENT, moodle_user_id=8)
    second = make_thesis(
        campaign=campaign,
        students=[personas.other_student.person, third],
        supervisors=[personas.supervisor.person],
        title="Réseaux de capteurs",
    )
    final = make_milestone(
        campaign=campaign,
        kind=MilestoneKind.FINAL_DEPOSIT,
        title="Dépôt final",
        due_at=datetime(2027, 6, 1, 12, tzinfo=UTC),
    )
    plan = make_milestone(
        campaign=campaign,
        kind=MilestoneKind.PLAN,
        title="Plan",
        due_at=datetime(2026, 1, 15, 12, tzinfo=UTC),
    )
    campaign.allocation_published_at = datetime(2026, 10, 1, tzinfo=UTC)
    campaign.save(update_fields=["allocation_published_at"])
    services.moodle_link_campaign(
        actor=None, campaign=campaign, shortname="MEM-2026", gateway=MoodleGateway(moodle_client)
    )
    settings.MOODLE_URL = moodle_sim.url
    settings.MOODLE_TOKEN = moodle_sim.token("thesisdesk")
    state = Linked(
        campaign, personas.thesis, second, final, plan, moodle_sim, moodle_client, personas
    )
    state.apply()
    return state
