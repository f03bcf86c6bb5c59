"""Every catalogued core function, called the way ThesisDesk calls it.

Each answer is checked against the catalogue's description (CheckedClient), so this file
is also the response-shape contract of the core functions.
"""

from __future__ import annotations

import time

import pytest

from thesisdesk.moodle.client import InvalidRecord

from .conftest import unique


def test_users_and_enrolments(manager, course):
    users = manager.core_user_get_users_by_field(field="id", values=[course.student_id])
    assert users[0].id == course.student_id
    assert manager.core_user_get_users_by_field(field="username", values=[unique("nobody")]) == []
    enrolled = manager.core_enrol_get_enrolled_users(courseid=course.id)
    me = {user.id: user for user in enrolled}[course.student_id]
    assert "student" in {role.shortname for role in me.roles}
    courses = manager.core_enrol_get_users_courses(userid=course.student_id)
    assert course.id in {c.id for c in courses}
    profiles = manager.core_user_get_course_user_profiles(
        userlist=[{"userid": course.student_id, "courseid": course.id}]
    )
    assert profiles[0].id == course.student_id


def test_role_assignment(manager, course):
    # Assigning the role the student already has: the call's answer without side effects.
    assert (
        manager.core_role_assign_roles(
            assignments=[
                {
                    "roleid": 5,
                    "userid": course.student_id,
                    "contextlevel": "course",
                    "instanceid": course.id,
                }
            ]
        )
        is None
    )
    enrolled = manager.core_enrol_get_enrolled_users(courseid=course.id)
    roles = {r.shortname for u in enrolled if u.id == course.student_id for r in u.roles}
    assert roles == {"student"}


def test_courses(manager, course):
    found = manager.core_course_get_courses_by_field(field="shortname", value=course.shortname)
    assert found.courses[0].id == course.id
    assert manager.core_course_get_courses_by_field(field="id", value="987654321").courses == []
    updated = manager.core_course_update_courses(
        courses=[{"id": course.id, "fullname": f"Contract suite {course.shortname} é"}]
    )
    assert updated.warnings == []
    missing = manager.core_course_update_courses(courses=[{"id": 987654321, "fullname": "x"}])
    assert missing.warnings[0].warningcode in ("invalidrecord", "invalidrecordunknown")
    sections = manager.core_course_get_contents(courseid=course.id)
    assert sections[0].section == 0


def test_sections_through_the_course_format(manager, course):
    updates = manager.core_courseformat_update_course(action="section_add", courseid=course.id)
    added = [u for u in updates if u.name == "section" and u.action == "put"]
    sectionid = int(added[-1].fields["id"])
    renamed = manager.core_update_inplace_editable(
        component="format_topics", itemtype="sectionname", itemid=str(sectionid), value="Renommée é"
    )
    assert renamed.value == "Renommée é"
    hidden = manager.core_courseformat_update_course(
        action="section_hide", courseid=course.id, ids=[sectionid]
    )
    assert any(u.fields.get("visible") is False for u in hidden if u.name == "section")
    manager.core_courseformat_update_course(
        action="section_show", courseid=course.id, ids=[sectionid]
    )
    manager.core_courseformat_update_course(
        action="section_delete", courseid=course.id, ids=[sectionid]
    )
    numbers = {s.id for s in manager.core_course_get_contents(courseid=course.id)}
    assert sectionid not in numbers


def test_groups(manager, course):
    name = unique("Groupe")
    group = manager.core_group_create_groups(
        groups=[{"courseid": course.id, "name": name, "description": "<p>x</p>"}]
    )[0]
    assert (
        manager.core_group_add_group_members(
            members=[{"groupid": group.id, "userid": course.student_id}]
        )
        is None
    )
    members = manager.core_group_get_group_members(groupids=[group.id])
    assert members[0].userids == [course.student_id]
    manager.core_group_delete_group_members(
        members=[{"groupid": group.id, "userid": course.student_id}]
    )
    assert manager.core_group_get_group_members(groupids=[group.id])[0].userids == []
    assert group.id in {g.id for g in manager.core_group_get_course_groups(courseid=course.id)}
    manager.core_group_delete_groups(groupids=[group.id])
    with pytest.raises(InvalidRecord):
        manager.core_group_get_group_members(groupids=[group.id])


def test_calendar(manager, course):
    start = int(time.time()) + 7 * 86400
    created = manager.core_calendar_create_calendar_events(
        events=[
            {
                "name": unique("Soutenance"),
                "courseid": course.id,
                "eventtype": "course",
                "timestart": start,
            }
        ]
    )
    event = created.events[0]
    assert event.timestart == start
    read = manager.core_calendar_get_calendar_events(
        events={"eventids": [event.id]}, options={"userevents": False, "siteevents": False}
    )
    assert [e.id for e in read.events] == [event.id]
    assert (
        manager.core_calendar_delete_calendar_events(
            events=[{"eventid": event.id, "repeat": False}]
        )
        is None
    )


def test_messages(manager, course):
    sent = manager.core_message_send_instant_messages(
        messages=[{"touserid": course.student_id, "text": "Bonjour é 🎓", "textformat": 1}]
    )
    assert sent[0].msgid and sent[0].msgid > 0
    # A recipient that does not exist is a per-message failure inside a normal answer.
    # (Mixing it with a valid recipient in one call makes Moodle 4.5 fail the whole call
    # with errorcode "formatnotsupported": send such messages apart.)
    failed = manager.core_message_send_instant_messages(
        messages=[{"touserid": 987654321, "text": "nobody", "textformat": 1}]
    )
    assert failed[0].msgid == -1 and failed[0].errormessage


def test_assignments(manager, course, student):
    section, key = unique("as"), unique("assign")
    manager.local_thesisdesk_sync_sections(
        courseid=course.id, sections=[{"key": section, "name": section}]
    )
    due = int(time.time()) + 14 * 86400
    made = manager.local_thesisdesk_sync_assignments(
        courseid=course.id,
        assignments=[{"key": key, "sectionkey": section, "name": key, "duedate": due}],
    ).assignments[0]
    assigns = manager.mod_assign_get_assignments(
        courseids=[course.id], includenotenrolledcourses=True
    )
    found = {a.id: a for c in assigns.courses for a in c.assignments}[made.assignid]
    assert found.cmid == made.cmid
    assert found.duedate == due
    participants = manager.mod_assign_list_participants(
        assignid=made.assignid, groupid=0, filter=""
    )
    assert course.student_id in {p.id for p in participants}
    submissions = manager.mod_assign_get_submissions(assignmentids=[made.assignid])
    assert submissions.assignments == [] or submissions.assignments[0].assignmentid == made.assignid
    status = manager.mod_assign_get_submission_status(
        assignid=made.assignid, userid=course.student_id
    )
    assert (
        status.lastattempt is None
        or status.lastattempt.submission is None
        or status.lastattempt.submission.status
    )
    extended = manager.mod_assign_save_user_extensions(
        assignmentid=made.assignid, userids=[course.student_id], dates=[due + 86400]
    )
    assert extended == []
    mine = student.mod_assign_get_assignments(courseids=[course.id])
    assert made.assignid in {a.id for c in mine.courses for a in c.assignments}
    assert manager.core_course_delete_modules(cmids=[made.cmid]) is None


def test_files_listing(manager):
    uploaded = manager.upload([("liste é.txt", b"hello", "text/plain")])
    record = uploaded.files[0]
    listing = manager.core_files_get_files(
        contextid=record.contextid,
        component="user",
        filearea="draft",
        itemid=record.itemid,
        filepath="/",
        filename="",
    )
    assert "liste é.txt" in {f.filename for f in listing.files}
