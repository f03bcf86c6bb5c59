"""A student's deposit, end to end: the student uploads and submits a file to an assignment
ThesisDesk created; ThesisDesk finds it with its manager token and downloads it."""

from __future__ import annotations

import hashlib
import time

from .conftest import unique


def submit_as_student(contract_site, student, course, assignid: int, draftitemid: int) -> None:
    if contract_site.sim is not None:
        contract_site.sim.site.submit(course.student_id, assignid, draftitemid=draftitemid)
        return
    # On a real site, through the functions the Moodle app uses (not in our catalogue).
    answer = student.call(
        "mod_assign_save_submission",
        {"assignmentid": assignid, "plugindata": {"files_filemanager": draftitemid}},
    )
    assert not answer, f"mod_assign_save_submission warned: {answer}"


def test_a_students_submitted_file_reaches_thesisdesk(contract_site, manager, student, course):
    section, key = unique("dsec"), unique("deposit")
    manager.local_thesisdesk_sync_sections(
        courseid=course.id, sections=[{"key": section, "name": section}]
    )
    made = manager.local_thesisdesk_sync_assignments(
        courseid=course.id,
        assignments=[
            {
                "key": key,
                "sectionkey": section,
                "name": f"Dépôt {key}",
                "duedate": int(time.time()) + 7 * 86400,
                "maxfiles": 2,
            }
        ],
    ).assignments[0]
    assert made.status == "created"

    content = b"%PDF-1.4 memoire " + unique("x").encode() * 1000
    uploaded = student.upload([("Mémoire étudiant 🎓.pdf", content, "application/pdf")])
    assert uploaded.files[0].userid == course.student_id
    submit_as_student(contract_site, student, course, made.assignid, uploaded.itemid)

    submissions = manager.mod_assign_get_submissions(assignmentids=[made.assignid])
    mine = [
        s for a in submissions.assignments for s in a.submissions if s.userid == course.student_id
    ]
    assert mine, "the student's submission is not listed"
    files = [
        f
        for plugin in mine[0].plugins
        if plugin.type == "file"
        for area in plugin.fileareas or []
        for f in area.files or []
    ]
    assert [f.filename for f in files] == ["Mémoire étudiant 🎓.pdf"]
    assert files[0].fileurl and "/webservice/pluginfile.php/" in files[0].fileurl

    digest = hashlib.sha256()
    with manager.download(files[0].fileurl) as download:
        for chunk in download:
            digest.update(chunk)
    assert digest.hexdigest() == hashlib.sha256(content).hexdigest()

    status = manager.mod_assign_get_submission_status(
        assignid=made.assignid, userid=course.student_id
    )
    assert status.lastattempt is not None
    assert status.lastattempt.submission is not None
    assert status.lastattempt.submission.status in ("draft", "submitted")
