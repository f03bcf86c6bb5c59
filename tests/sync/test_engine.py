"""The sync engine end to end: the domain, the worker's service, the client, and the
Moodle simulator over real HTTP."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from thesisdesk.campaigns.models import Role
from thesisdesk.milestones.models import MilestoneKind
from thesisdesk.milestones.services import milestone_extend, milestone_update
from thesisdesk.moodle import services
from thesisdesk.moodle.models import SyncFailure, SyncRequest, SyncRun
from thesisdesk.moodle.sync.gateway import MoodleGateway
from thesisdesk.testing.factories import make_member, make_milestone, make_thesis
from thesisdesk.theses.services import thesis_abandon, thesis_set_people, thesis_update

pytestmark = pytest.mark.django_db(transaction=True)

COURSE = 2  # MEM-2026 in the simulator's default fixture


@pytest.fixture
def gateway(moodle_client):
    return MoodleGateway(moodle_client)


@pytest.fixture
def campaign_setup(personas):
    """The personas' campaign with Moodle ids (the simulator's users) and two theses."""
    campaign = personas.campaign
    people = {}
    for username, userid in (
        ("coordinator", 2),
        ("supervisor", 3),
        ("co_supervisor", 4),
        ("reader", 5),
        ("student", 6),
        ("other_student", 7),
    ):
        person = getattr(personas, username).person
        person.moodle_user_id = userid
        person.save(update_fields=["moodle_user_id"])
        people[username] = person
    third = make_member(campaign, Role.STUDENT, moodle_user_id=8)
    second = make_thesis(
        campaign=campaign,
        students=[people["other_student"], third],
        supervisors=[people["supervisor"]],
        title="Réseaux de capteurs",
    )
    deposit = make_milestone(
        campaign=campaign,
        kind=MilestoneKind.FINAL_DEPOSIT,
        title="Dépôt final",
        due_at=datetime(2027, 6, 1, 12, tzinfo=UTC),
    )
    defense = make_milestone(
        campaign=campaign,
        kind=MilestoneKind.DEFENSE_PERIOD,
        title="Défenses",
        due_at=datetime(2027, 6, 20, 12, tzinfo=UTC),
    )
    campaign.allocation_published_at = datetime(2026, 10, 1, tzinfo=UTC)
    campaign.save(update_fields=["allocation_published_at"])
    return {
        "campaign": campaign,
        "thesis": personas.thesis,
        "second": second,
        "deposit": deposit,
        "defense": defense,
        "people": people,
    }


def linked(campaign_setup, gateway):
    return services.moodle_link_campaign(
        actor=None, campaign=campaign_setup["campaign"], shortname="MEM-2026", gateway=gateway
    )


def apply_now(campaign, gateway, **options):
    run = services.sync_enqueue(campaign_id=campaign.pk, trigger=SyncRun.Trigger.COMMAND)
    return services.sync_run_execute(run_id=run.pk, gateway=gateway, **options)


def state(gateway):
    return gateway.get_state(COURSE)


def test_link_by_short_name_finds_the_course(campaign_setup, gateway):
    link = linked(campaign_setup, gateway)
    assert (link.courseid, link.shortname) == (COURSE, "MEM-2026")
    assert link.role_mapping["supervisor"] == "editingteacher"


def test_link_to_an_unknown_course_is_refused(campaign_setup, gateway):
    from thesisdesk.core.errors import ValidationFailed

    with pytest.raises(ValidationFailed, match="NOPE"):
        services.moodle_link_campaign(
            actor=None, campaign=campaign_setup["campaign"], shortname="NOPE", gateway=gateway
        )


def test_provisioning_then_nothing_left_to_do(campaign_setup, gateway, moodle_sim):
    campaign = campaign_setup["campaign"]
    linked(campaign_setup, gateway)
    view = services.sync_plan(actor=None, campaign=campaign, gateway=gateway)
    assert view.summary["create section"] == 2
    assert view.summary["create assignment"] == 2
    assert view.summary["create event"] == 2

    run = apply_now(campaign, gateway)
    assert run.status == SyncRun.Status.SUCCEEDED, run.error
    items = state(gateway)
    thesis = campaign_setup["thesis"]
    section = items[f"campaign:{campaign.pk}/thesis:{thesis.pk}/section"]
    group = items[f"campaign:{campaign.pk}/thesis:{thesis.pk}/group"]
    assert section.name == thesis.title and section.visible
    assert section.groupid == group.id
    assert set(group.members) == {3, 4, 5, 6}
    enrolled = gateway.enrolled_roles(COURSE)
    assert 8 in enrolled and 5 in enrolled[8]

    again = services.sync_plan(actor=None, campaign=campaign, gateway=gateway)
    assert again.actions == [] and again.drift == []


def test_domain_changes_reach_moodle_through_the_outbox(campaign_setup, gateway):
    campaign = campaign_setup["campaign"]
    linked(campaign_setup, gateway)
    assert apply_now(campaign, gateway).status == SyncRun.Status.SUCCEEDED
    thesis, second = campaign_setup["thesis"], campaign_setup["second"]
    new_due = datetime(2027, 6, 8, 12, tzinfo=UTC)

    milestone_update(actor=None, milestone=campaign_setup["deposit"], due_at=new_due)
    thesis_update(actor=None, thesis=thesis, title="Un titre renommé")
    thesis_set_people(
        actor=None, thesis=second, students=[campaign_setup["people"]["other_student"]]
    )
    assert SyncRequest.objects.filter(campaign=campaign, run__isnull=True).count() >= 3
    queued = SyncRun.objects.filter(campaign=campaign, status=SyncRun.Status.QUEUED)
    assert queued.count() == 1  # many changes, one run

    run = services.sync_run_execute(run_id=queued.get().pk, gateway=gateway)
    assert run.status == SyncRun.Status.SUCCEEDED, run.error
    assert not SyncRequest.objects.filter(campaign=campaign, run__isnull=True).exists()
    items = state(gateway)
    prefix = f"campaign:{campaign.pk}"
    deposit = campaign_setup["deposit"]
    assert items[f"{prefix}/thesis:{thesis.pk}/milestone:{deposit.pk}/assignment"].duedate == int(
        new_due.timestamp()
    )
    assert items[f"{prefix}/thesis:{thesis.pk}/section"].name == "Un titre renommé"
    assert 8 not in items[f"{prefix}/thesis:{second.pk}/group"].members
    assert 8 in gateway.enrolled_roles(COURSE)  # still a student of the campaign


def test_a_person_removed_from_the_campaign_is_unenrolled(campaign_setup, gateway, moodle_sim):
    from thesisdesk.campaigns.models import Membership
    from thesisdesk.campaigns.services import membership_remove

    campaign = campaign_setup["campaign"]
    newcomer = moodle_sim.site.add_user("s99", firstname="Zoé", lastname="Nouvelle")
    make_member(campaign, Role.READER, moodle_user_id=newcomer)
    linked(campaign_setup, gateway)
    apply_now(campaign, gateway)
    assert 4 in gateway.enrolled_roles(COURSE)[newcomer]  # reader -> teacher

    second = campaign_setup["second"]
    thesis_set_people(
        actor=None, thesis=second, students=[campaign_setup["people"]["other_student"]]
    )
    for membership in Membership.objects.filter(
        campaign=campaign, person__moodle_user_id__in=[8, newcomer]
    ):
        membership_remove(actor=None, membership=membership)
    run = SyncRun.objects.get(campaign=campaign, status=SyncRun.Status.QUEUED)
    assert services.sync_run_execute(run_id=run.pk, gateway=gateway).status == "succeeded"
    enrolled = gateway.enrolled_roles(COURSE)
    assert newcomer not in enrolled
    assert 8 in enrolled  # enrolled in Moodle before ThesisDesk: never unenrolled by it


def test_abandoned_thesis_section_is_hidden_and_kept(campaign_setup, gateway):
    campaign = campaign_setup["campaign"]
    linked(campaign_setup, gateway)
    apply_now(campaign, gateway)
    second = campaign_setup["second"]
    thesis_abandon(actor=None, thesis=second, reason="Changement d'orientation")
    run = SyncRun.objects.get(campaign=campaign, status=SyncRun.Status.QUEUED)
    assert services.sync_run_execute(run_id=run.pk, gateway=gateway).status == "succeeded"
    items = state(gateway)
    section = items[f"campaign:{campaign.pk}/thesis:{second.pk}/section"]
    assert section.exists and section.visible is False
    defense = campaign_setup["defense"]
    assert f"campaign:{campaign.pk}/thesis:{second.pk}/milestone:{defense.pk}/event" not in items


def test_extension_is_applied_as_a_moodle_user_extension(campaign_setup, gateway, moodle_sim):
    campaign = campaign_setup["campaign"]
    linked(campaign_setup, gateway)
    milestone_extend(
        actor=None,
        milestone=campaign_setup["deposit"],
        thesis=campaign_setup["thesis"],
        due_at=datetime(2027, 6, 15, 12, tzinfo=UTC),
        reason="Maladie",
    )
    run = apply_now(campaign, gateway)
    assert run.status == SyncRun.Status.SUCCEEDED, run.error
    from thesisdesk.moodle.models import AppliedExtension

    (extension,) = AppliedExtension.objects.all()
    assert extension.userid == 6
    assert services.sync_plan(actor=None, campaign=campaign, gateway=gateway).actions == []


def test_section_hidden_by_hand_is_reported_then_repaired(campaign_setup, gateway, moodle_sim):
    campaign = campaign_setup["campaign"]
    linked(campaign_setup, gateway)
    apply_now(campaign, gateway)
    key = f"campaign:{campaign.pk}/thesis:{campaign_setup['thesis'].pk}/section"
    moodle_sim.site.hide_section(state(gateway)[key].id)

    drift = services.drift_check(campaign_id=campaign.pk, gateway=gateway)
    assert [(d.key, d.change) for d in drift] == [(key, "hidden")]
    assert services.sync_plan(actor=None, campaign=campaign, gateway=gateway).actions == []

    run = services.drift_repair(actor=None, campaign=campaign, keys=[key])
    assert services.sync_run_execute(run_id=run.pk, gateway=gateway).status == "succeeded"
    assert state(gateway)[key].visible is True
    assert services.drift_check(campaign_id=campaign.pk, gateway=gateway) == []


def test_accepted_drift_is_no_longer_reported(campaign_setup, gateway, moodle_sim):
    campaign = campaign_setup["campaign"]
    linked(campaign_setup, gateway)
    apply_now(campaign, gateway)
    key = f"campaign:{campaign.pk}/thesis:{campaign_setup['thesis'].pk}/section"
    moodle_sim.site.rename_section(state(gateway)[key].id, "Nom choisi dans Moodle")
    (drift,) = services.drift_check(campaign_id=campaign.pk, gateway=gateway)
    assert drift.change == "renamed"
    services.drift_accept(actor=None, campaign=campaign, ident=drift.ident)
    assert services.drift_check(campaign_id=campaign.pk, gateway=gateway) == []
    assert state(gateway)[key].name == "Nom choisi dans Moodle"


def test_permanent_error_stops_only_its_items_and_says_how_to_fix(
    campaign_setup, gateway, moodle_sim
):
    campaign = campaign_setup["campaign"]
    linked(campaign_setup, gateway)
    moodle_sim.site.remove_function_from_service("local_thesisdesk_sync_events")
    run = apply_now(campaign, gateway)
    assert run.status == SyncRun.Status.PARTIAL
    failures = SyncFailure.objects.filter(run=run)
    assert {f.kind for f in failures} == {"event"}
    assert all("external service" in f.fix for f in failures)
    items = state(gateway)
    assert sum(1 for i in items.values() if i.kind == "section") == 2  # the rest went through

    moodle_sim.site.add_function_to_service("local_thesisdesk_sync_events")
    assert apply_now(campaign, gateway).status == SyncRun.Status.SUCCEEDED
    assert not SyncFailure.objects.filter(campaign=campaign, resolved_at__isnull=True).exists()


def test_maintenance_is_waited_out_and_the_run_resumes(campaign_setup, gateway, moodle_sim):
    campaign = campaign_setup["campaign"]
    linked(campaign_setup, gateway)
    gateway.client.retry = type(gateway.client.retry)(attempts=1)
    moodle_sim.site.set_maintenance(True, cli=True)
    waits = []

    def sleep(seconds):
        waits.append(seconds)
        moodle_sim.site.set_maintenance(False, cli=True)

    run = apply_now(campaign, gateway, sleep=sleep)
    assert run.status == SyncRun.Status.SUCCEEDED, run.error
    assert len(waits) == 1
    assert services.sync_plan(actor=None, campaign=campaign, gateway=gateway).actions == []


def test_people_known_only_by_moodle_username_get_their_moodle_id(campaign_setup, gateway):
    from thesisdesk.people.models import Person

    campaign = campaign_setup["campaign"]
    newcomer = make_member(campaign, Role.READER, moodle_username="s10")
    unknown = make_member(campaign, Role.READER, moodle_username="nobody-here")
    linked(campaign_setup, gateway)
    assert apply_now(campaign, gateway).status == SyncRun.Status.SUCCEEDED
    assert Person.objects.get(pk=newcomer.pk).moodle_user_id == 15
    assert Person.objects.get(pk=unknown.pk).moodle_user_id is None
    assert 4 in gateway.enrolled_roles(COURSE)[15]


def test_sections_hidden_until_allocation_published_or_work_started(
    campaign_setup, gateway, moodle_sim
):
    """A proposal stays hidden before the allocation is published; a thesis whose work has
    started (created and started by hand, without an allocation) is shown."""
    from thesisdesk.theses.models import ThesisState

    campaign = campaign_setup["campaign"]
    campaign.allocation_published_at = None
    campaign.save(update_fields=["allocation_published_at"])
    started, proposal = campaign_setup["thesis"], campaign_setup["second"]
    started.state = ThesisState.IN_PROGRESS
    started.save(update_fields=["state"])
    proposal.state = ThesisState.PROPOSAL
    proposal.save(update_fields=["state"])
    linked(campaign_setup, gateway)
    assert apply_now(campaign, gateway).status == SyncRun.Status.SUCCEEDED
    items = state(gateway)
    assert items[f"campaign:{campaign.pk}/thesis:{started.pk}/section"].visible is True
    assert items[f"campaign:{campaign.pk}/thesis:{proposal.pk}/section"].visible is False

    campaign.allocation_published_at = datetime(2026, 10, 1, tzinfo=UTC)
    campaign.save(update_fields=["allocation_published_at"])
    assert apply_now(campaign, gateway).status == SyncRun.Status.SUCCEEDED
    assert state(gateway)[f"campaign:{campaign.pk}/thesis:{proposal.pk}/section"].visible is True
