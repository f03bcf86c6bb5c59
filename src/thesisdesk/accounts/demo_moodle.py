"""A simulated Moodle that knows the demo's people, so they sign in with Moodle passwords.

Under `make run` (no MOODLE_URL) ThesisDesk starts the Moodle simulator. Seeded with
`demo_moodle_build()`'s fixture, the simulated Moodle has one account per person of the
demo (password `DEMO_MOODLE_PASSWORD`) and one course per campaign where each person is
enrolled with the Moodle role that gives back their ThesisDesk role at sign-in:

    demo = demo_moodle_build()
    sim = Simulator.start(fixture=demo.fixture, db_path=...)
    demo_moodle_apply(demo)            # Person.moodle_user_id / moodle_username
    # then link each campaign to demo.courses[campaign.pk] (the Moodle app's link service)

Readers who hold no other role get no course role: Moodle's "teacher" would give them the
supervisor role at sign-in (default mapping); their reader membership lives in ThesisDesk.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from thesisdesk.campaigns.models import Campaign, Membership, Role
from thesisdesk.people.models import Person

DEMO_MOODLE_PASSWORD = "Demo#2026"

#: The Moodle course role a demo person gets, strongest ThesisDesk role first.
MOODLE_ROLE_FOR = [
    (Role.COORDINATOR, "manager"),
    (Role.SUPERVISOR, "editingteacher"),
    (Role.CO_SUPERVISOR, "editingteacher"),
    (Role.STUDENT, "student"),
]
FIRST_DEMO_USER_ID = 100
FIRST_DEMO_COURSE_ID = 10


@dataclass
class DemoMoodle:
    fixture: dict[str, Any]
    #: person id → (Moodle user id, Moodle username)
    accounts: dict[int, tuple[int, str]] = field(default_factory=dict)
    #: campaign id → (Moodle course id, course short name)
    courses: dict[int, tuple[int, str]] = field(default_factory=dict)


def _username(person: Person, taken: set[str]) -> str:
    candidates = [
        person.moodle_username,
        person.user.username if person.user is not None else "",
        person.email.split("@")[0],
    ]
    for candidate in candidates:
        name = re.sub(r"[^a-z0-9_.@-]", "", (candidate or "").lower())
        if name and name not in taken:
            return name
    return f"person{person.pk}"


def demo_moodle_build(
    *, base: dict[str, Any] | None = None, password: str = DEMO_MOODLE_PASSWORD
) -> DemoMoodle:
    """The simulator fixture: `base` (the simulator's default site) plus the demo's people
    and one course per active campaign."""
    from thesisdesk.moodle.simulator import default_fixture

    fixture = dict(base if base is not None else default_fixture())
    users = [dict(user) for user in fixture.get("users", [])]
    courses = [dict(course) for course in fixture.get("courses", [])]
    role_ids = {role["shortname"]: role["id"] for role in fixture.get("roles", [])}
    taken_names = {str(user["username"]) for user in users}
    taken_emails = {str(user.get("email", "")).lower() for user in users}
    taken_ids = {int(user["id"]) for user in users}
    next_id = max([FIRST_DEMO_USER_ID - 1, *taken_ids]) + 1
    demo = DemoMoodle(fixture=fixture)

    people = Person.objects.filter(memberships__campaign__is_archived=False).distinct()
    for person in people.select_related("user").order_by("pk"):
        if person.email.lower() in taken_emails:
            continue  # already in the base site (e.g. s1@example.com)
        userid = person.moodle_user_id
        if userid is None or userid in taken_ids:
            userid = next_id
        next_id = max(next_id, userid) + 1
        username = _username(person, taken_names)
        taken_ids.add(userid)
        taken_names.add(username)
        users.append(
            {
                "id": userid,
                "username": username,
                "password": password,
                "firstname": person.first_name,
                "lastname": person.last_name,
                "email": person.email,
                "lang": person.preferred_language,
            }
        )
        demo.accounts[person.pk] = (userid, username)

    taken_courses = {int(course["id"]) for course in courses}
    next_course = max([FIRST_DEMO_COURSE_ID - 1, *taken_courses]) + 1
    memberships = Membership.objects.filter(
        campaign__is_archived=False, person_id__in=list(demo.accounts)
    ).values_list("campaign_id", "person_id", "role")
    roles: dict[int, dict[int, set[str]]] = {}
    for campaign_id, person_id, role in memberships:
        roles.setdefault(campaign_id, {}).setdefault(person_id, set()).add(role)
    for campaign in Campaign.objects.filter(pk__in=list(roles)).order_by("pk"):
        link = getattr(campaign, "moodle_link", None)
        courseid = int(link.courseid) if link is not None else next_course
        shortname = str(link.shortname) if link is not None else campaign.slug.upper()
        next_course = max(next_course, courseid) + 1
        enrolments = []
        for person_id, held in sorted(roles[campaign.pk].items()):
            for role, moodle_role in MOODLE_ROLE_FOR:
                if role in held and moodle_role in role_ids:
                    enrolments.append(
                        {"userid": demo.accounts[person_id][0], "roleid": role_ids[moodle_role]}
                    )
                    break
        courses.append(
            {
                "id": courseid,
                "shortname": shortname,
                "fullname": campaign.name,
                "idnumber": campaign.slug,
                "categoryid": 1,
                "sections": [{}, {}],
                "enrolments": enrolments,
            }
        )
        demo.courses[campaign.pk] = (courseid, shortname)
    fixture["users"] = users
    fixture["courses"] = courses
    return demo


def demo_moodle_apply(demo: DemoMoodle) -> None:
    """Record the demo people's simulated Moodle accounts on their Person rows."""
    with transaction.atomic():
        for person in Person.objects.filter(pk__in=list(demo.accounts)).select_for_update():
            userid, username = demo.accounts[person.pk]
            if (person.moodle_user_id, person.moodle_username) != (userid, username):
                person.moodle_user_id = userid
                person.moodle_username = username
                person.save(update_fields=["moodle_user_id", "moodle_username", "updated_at"])


def demo_moodle_start(
    *,
    db_path: str | None = None,
    port: int = 0,
    version: str = "4.5",
    password: str = DEMO_MOODLE_PASSWORD,
) -> Any:
    """Start the Moodle simulator for the demo, wired to ThesisDesk (for `thesisdesk run`).

    Builds the fixture from the demo data already in the database, starts the simulator
    (its state kept in `db_path` across restarts), records the people's Moodle accounts,
    points this process's settings and environment (MOODLE_URL, MOODLE_TOKEN,
    MOODLE_SIMULATED, for child processes too) at it, and links each demo campaign to its
    simulated course. Returns the running `Simulator` (stop it with `.stop()`).
    """
    import os

    from django.conf import settings

    from thesisdesk.moodle.services import moodle_link_campaign
    from thesisdesk.moodle.simulator import Simulator

    demo = demo_moodle_build(password=password)
    sim = Simulator.start(fixture=demo.fixture, db_path=db_path, port=port, version=version)
    demo_moodle_apply(demo)
    token = sim.token("thesisdesk")
    values = {"MOODLE_URL": sim.url, "MOODLE_TOKEN": token, "MOODLE_SIMULATED": "true"}
    os.environ.update(values)
    settings.MOODLE_URL = sim.url
    settings.MOODLE_TOKEN = token
    settings.MOODLE_SIMULATED = True
    for campaign in Campaign.objects.filter(pk__in=list(demo.courses)):
        courseid, _shortname = demo.courses[campaign.pk]
        link = getattr(campaign, "moodle_link", None)
        if link is None or link.courseid != courseid:
            moodle_link_campaign(actor=None, campaign=campaign, courseid=courseid)
    return sim
