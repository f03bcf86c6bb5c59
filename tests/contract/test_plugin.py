"""The plugin's functions: keyed, batched, idempotent, per-item errors, state read back."""

from __future__ import annotations

import time

from .conftest import unique


def by_key(items):
    return {item.key: item for item in items}


def test_sections_by_key_are_idempotent(manager, course):
    key = unique("sec")
    sections = [{"key": key, "name": f"Chapitre {key}", "summary": "<p>Résumé</p>"}]
    first = manager.local_thesisdesk_sync_sections(courseid=course.id, sections=sections)
    again = manager.local_thesisdesk_sync_sections(courseid=course.id, sections=sections)
    assert first.sections[0].status == "created"
    assert again.sections[0].status == "unchanged"
    assert again.sections[0].sectionid == first.sections[0].sectionid
    renamed = manager.local_thesisdesk_sync_sections(
        courseid=course.id, sections=[{"key": key, "name": f"Renamed {key}"}]
    )
    assert renamed.sections[0].status == "updated"
    state = by_key(manager.local_thesisdesk_get_state(courseid=course.id, kinds=["section"]).items)
    assert state[key].name == f"Renamed {key}"
    assert state[key].summary == "<p>Résumé</p>"  # left out: not changed


def test_groups_members_and_per_item_errors(manager, course):
    good, bad = unique("grp"), unique("grp-bad")
    groups = [
        {"key": good, "name": good, "members": [course.student_id]},
        {"key": bad, "name": bad, "members": [987654321]},
    ]
    first = by_key(manager.local_thesisdesk_sync_groups(courseid=course.id, groups=groups).groups)
    assert first[good].status == "created"
    assert first[bad].status == "error"
    assert first[bad].errorcode and first[bad].message
    again = by_key(
        manager.local_thesisdesk_sync_groups(courseid=course.id, groups=groups[:1]).groups
    )
    assert again[good].status == "unchanged"
    assert again[good].groupid == first[good].groupid
    members = manager.core_group_get_group_members(groupids=[first[good].groupid])
    assert members[0].userids == [course.student_id]


def test_state_shows_objects_deleted_by_hand(manager, course):
    key = unique("gone")
    result = manager.local_thesisdesk_sync_groups(
        courseid=course.id, groups=[{"key": key, "name": key, "fingerprint": "fp-1"}]
    )
    groupid = result.groups[0].groupid
    state = by_key(manager.local_thesisdesk_get_state(courseid=course.id, kinds=["group"]).items)
    assert state[key].exists is True
    assert state[key].fingerprint == "fp-1"
    manager.core_group_delete_groups(groupids=[groupid])
    state = by_key(manager.local_thesisdesk_get_state(courseid=course.id, kinds=["group"]).items)
    assert state[key].exists is False


def test_state_shows_a_section_hidden_by_hand(manager, course):
    key = unique("hidden")
    result = manager.local_thesisdesk_sync_sections(
        courseid=course.id, sections=[{"key": key, "name": key}]
    )
    sectionid = result.sections[0].sectionid
    manager.core_courseformat_update_course(
        action="section_hide", courseid=course.id, ids=[sectionid]
    )
    state = by_key(manager.local_thesisdesk_get_state(courseid=course.id, kinds=["section"]).items)
    assert state[key].visible is False


def test_assignments_events_and_visibility(manager, course):
    section, assignment, event = unique("asec"), unique("assign"), unique("event")
    due = int(time.time()) + 30 * 86400
    manager.local_thesisdesk_sync_sections(
        courseid=course.id, sections=[{"key": section, "name": section}]
    )
    spec = {
        "key": assignment,
        "sectionkey": section,
        "name": f"Dépôt {assignment}",
        "intro": "<p>Déposez votre mémoire</p>",
        "duedate": due,
        "maxfiles": 2,
        "filetypes": ".pdf",
    }
    first = manager.local_thesisdesk_sync_assignments(courseid=course.id, assignments=[spec])
    again = manager.local_thesisdesk_sync_assignments(courseid=course.id, assignments=[spec])
    assert first.assignments[0].status == "created"
    assert again.assignments[0].status == "unchanged"
    assert again.assignments[0].cmid == first.assignments[0].cmid
    state = by_key(manager.local_thesisdesk_get_state(courseid=course.id).items)
    assert state[assignment].duedate == due
    assert state[assignment].sectionkey == section
    assert state[assignment].filesubmissions is True

    events = [{"key": event, "name": f"Soutenance {event}", "timestart": due, "timeduration": 3600}]
    made = manager.local_thesisdesk_sync_events(courseid=course.id, events=events)
    assert made.events[0].status == "created"
    assert (
        manager.local_thesisdesk_sync_events(courseid=course.id, events=events).events[0].status
        == "unchanged"
    )

    hidden = manager.local_thesisdesk_set_visibility(
        courseid=course.id, items=[{"key": assignment, "visible": False}]
    )
    assert hidden.items[0].status == "updated"
    deleted = manager.local_thesisdesk_delete_items(courseid=course.id, keys=[assignment, event])
    assert {item.status for item in deleted.items} == {"deleted"}


def test_subjects_catalogue_replace(manager, course):
    first = manager.local_thesisdesk_sync_subjects(
        courseid=course.id,
        subjects=[
            {"key": "sub-a", "title": "Sujet A", "placesleft": 2},
            {"key": "sub-b", "title": "Sujet B é 🎓"},
        ],
    )
    assert {s.status for s in first.subjects} == {"created"}
    second = manager.local_thesisdesk_sync_subjects(
        courseid=course.id, subjects=[{"key": "sub-a", "title": "Sujet A", "placesleft": 2}]
    )
    assert second.subjects[0].status == "unchanged"
    assert second.removed == 1
    emptied = manager.local_thesisdesk_sync_subjects(courseid=course.id, replace=True)
    assert emptied.removed == 1


def test_user_roles_and_notifications(manager, course):
    roles = manager.local_thesisdesk_get_user_roles(userid=course.student_id, courseids=[course.id])
    assert roles.userid == course.student_id
    assert "student" in roles.courses[0].roles
    assert roles.courses[0].canmanage is False
    key = unique("notif")
    note = {
        "key": key,
        "userid": course.student_id,
        "courseid": course.id,
        "subject": "Rappel: dépôt",
        "fullmessagehtml": "<p>Dépôt demain</p>",
        "fullmessage": "Dépôt demain",
    }
    first = manager.local_thesisdesk_notify(notifications=[note])
    again = manager.local_thesisdesk_notify(notifications=[note])
    assert first.notifications[0].status == "created"
    assert again.notifications[0].status == "unchanged"
