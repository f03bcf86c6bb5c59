"""The simulator's teacher page: what a teacher can do by hand in Moodle's course page.

A teacher (anyone with moodle/course:update in a course, or a site administrator) signs in
on the simulator's page and may rename, hide or show a section and delete an activity of
their courses. These are the hand edits ThesisDesk's drift check must notice; the page
exists so that they can be made on the demo, in a browser, as in a real Moodle.
"""

from __future__ import annotations

import html
import time
from typing import Any

from .site import Site

EDIT_CAPABILITY = "moodle/course:update"


def teacher_courses(site: Site, userid: int) -> list[dict[str, Any]]:
    """The courses this user may edit by hand."""
    return [
        course
        for courseid, course in sorted(site.data["courses"].items())
        if courseid != 1 and site.has_capability(userid, EDIT_CAPABILITY, courseid)
    ]


def may_edit(site: Site, userid: int, courseid: int) -> bool:
    return courseid != 1 and site.has_capability(userid, EDIT_CAPABILITY, courseid)


def _editable(site: Site, userid: int, table: str, raw: str) -> dict[str, Any] | None:
    """The section or course module of id `raw`, if this user may edit its course."""
    try:
        record: dict[str, Any] | None = site.data[table].get(int(raw))
    except ValueError:
        return None
    if record is None or not may_edit(site, userid, record["course"]):
        return None
    return record


def edit_section(site: Site, userid: int, fields: dict[str, str]) -> str:
    """Apply one hand edit of a section; the message to show."""
    with site.lock:
        section = _editable(site, userid, "sections", fields.get("sectionid", ""))
        if section is None:
            return "You cannot edit this section."
        sectionid, title = section["id"], site.section_title(section)
    action = fields.get("action", "")
    if action == "hide":
        site.hide_section(sectionid)
        return f"Section “{title}” hidden."
    if action == "show":
        site.show_section(sectionid)
        return f"Section “{title}” shown."
    if action == "rename":
        name = fields.get("name", "").strip()
        if not name:
            return "Give the section a name."
        site.rename_section(sectionid, name)
        return f"Section “{title}” renamed “{name}”."
    return "Unknown action."


def delete_activity(site: Site, userid: int, fields: dict[str, str]) -> str:
    with site.lock:
        cm = _editable(site, userid, "cms", fields.get("cmid", ""))
        if cm is None:
            return "You cannot delete this activity."
        cmid, name = cm["id"], site.cm_name(cm)
    site.delete_module(cmid)
    return f"Activity “{name}” deleted."


def _due(site: Site, cmid: int) -> str:
    cm = site.data["cms"][cmid]
    if cm["module"] != "assign":
        return ""
    assign = site.data["assigns"].get(cm["instance"]) or {}
    if not assign.get("duedate"):
        return ""
    return ", due " + time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(assign["duedate"]))


def teacher_page(site: Site, userid: int | None, message: str) -> str:
    notice = f"<p role='status'><strong>{html.escape(message)}</strong></p>" if message else ""
    head = (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<title>Course editing (simulated Moodle)</title></head><body>"
        "<p><em>Simulated Moodle: nothing here reaches a real Moodle site.</em></p>"
    )
    if userid is None:
        return (
            f"{head}<h1>Sign in to edit your courses</h1>{notice}"
            "<form method='post' action='/simulator/login'>"
            "<input type='hidden' name='next' value='/simulator/teacher'>"
            "<p><label>Username <input name='username' autocomplete='username'></label></p>"
            "<p><label>Password <input name='password' type='password' "
            "autocomplete='current-password'></label></p>"
            "<p><button type='submit'>Log in</button></p></form></body></html>"
        )
    parts = []
    with site.lock:
        name = site.fullname(userid)
        for course in teacher_courses(site, userid):
            rows = []
            for section in site.course_sections(course["id"]):
                title = html.escape(site.section_title(section))
                state = "shown" if section["visible"] else "hidden"
                toggle = "hide" if section["visible"] else "show"
                activities = "".join(
                    f"<li>{html.escape(site.cm_name(site.data['cms'][cmid]))} "
                    f"({html.escape(site.data['cms'][cmid]['module'])}{_due(site, cmid)})"
                    "<form method='post' action='/simulator/teacher/activity'>"
                    f"<input type='hidden' name='cmid' value='{cmid}'>"
                    "<button type='submit'>Delete</button></form></li>"
                    for cmid in section["sequence"]
                    if cmid in site.data["cms"]
                )
                rows.append(
                    f"<section data-sectionid='{section['id']}'>"
                    f"<h3>{section['section']}. {title} <small>({state})</small></h3>"
                    "<form method='post' action='/simulator/teacher/section'>"
                    f"<input type='hidden' name='sectionid' value='{section['id']}'>"
                    f"<button type='submit' name='action' value='{toggle}'>"
                    f"{toggle.capitalize()}</button> "
                    f"<label>New name <input name='name' value='{title}'></label> "
                    "<button type='submit' name='action' value='rename'>Rename</button></form>"
                    f"<ul>{activities}</ul></section>"
                )
            parts.append(
                f"<h2>{html.escape(course['fullname'])} ({html.escape(course['shortname'])})</h2>"
                + "".join(rows)
            )
    listing = "".join(parts) or "<p>You cannot edit any course.</p>"
    return (
        f"{head}<h1>My courses</h1><p>Signed in as {html.escape(name)}.</p>"
        "<form method='post' action='/simulator/logout'>"
        "<p><button type='submit'>Log out</button></p></form>"
        f"{notice}{listing}</body></html>"
    )
