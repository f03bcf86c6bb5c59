"""The simulated Moodle site: its state, Moodle's rules for it, and test helpers.

State is plain Python data (dicts keyed by Moodle ids, like Moodle's tables), kept in
memory, and saved to a SQLite file when the simulator was given one. Every web service
call runs under `site.lock`; functions in `core_functions` and `plugin_functions` read and
write the tables through the methods below.

Test helpers ("change things by hand in Moodle", site settings, a student's deposit) are
the public methods without a leading underscore that tests call directly on `sim.site`.
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import json
import mimetypes
import queue
import secrets
import threading
import time
import urllib.request
import uuid
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

from thesisdesk.moodle import catalogue

from . import protocol
from .storage import Storage

RELEASES = {
    "4.5": ("4.5.5+ (Build: 20250613)", "2024100705.01"),
    "5.1": ("5.1+ (Build: 20251017)", "2025100600.02"),
}

# What each archetype may do. Site admins may do everything.
ROLE_CAPABILITIES: dict[str, set[str]] = {
    "manager": {
        "moodle/course:create",
        "moodle/course:update",
        "moodle/course:delete",
        "moodle/course:visibility",
        "moodle/course:viewhiddencourses",
        "moodle/course:viewhiddensections",
        "moodle/course:viewhiddenactivities",
        "moodle/course:managegroups",
        "moodle/course:manageactivities",
        "moodle/course:sectionvisibility",
        "moodle/course:activityvisibility",
        "moodle/course:setcurrentsection",
        "moodle/course:viewparticipants",
        "moodle/course:useremail",
        "moodle/user:viewdetails",
        "moodle/user:viewhiddendetails",
        "moodle/user:create",
        "moodle/user:update",
        "moodle/role:assign",
        "moodle/role:review",
        "moodle/site:accessallgroups",
        "moodle/site:sendmessage",
        "moodle/calendar:manageentries",
        "moodle/calendar:managegroupentries",
        "moodle/calendar:manageownentries",
        "moodle/webservice:createtoken",
        "moodle/webservice:createmobiletoken",
        "enrol/manual:enrol",
        "enrol/manual:unenrol",
        "mod/assign:view",
        "mod/assign:viewgrades",
        "mod/assign:grade",
        "mod/assign:grantextension",
        "local/thesisdesk:manage",
        "local/thesisdesk:view",
        "local/thesisdesk:notify",
    },
    "coursecreator": {"moodle/course:create", "moodle/webservice:createmobiletoken"},
    "editingteacher": {
        "moodle/course:update",
        "moodle/course:viewhiddensections",
        "moodle/course:viewhiddenactivities",
        "moodle/course:managegroups",
        "moodle/course:manageactivities",
        "moodle/course:sectionvisibility",
        "moodle/course:activityvisibility",
        "moodle/course:setcurrentsection",
        "moodle/course:viewparticipants",
        "moodle/course:useremail",
        "moodle/user:viewdetails",
        "moodle/role:assign",
        "moodle/site:accessallgroups",
        "moodle/site:sendmessage",
        "moodle/calendar:manageentries",
        "moodle/calendar:managegroupentries",
        "moodle/calendar:manageownentries",
        "enrol/manual:enrol",
        "enrol/manual:unenrol",
        "mod/assign:view",
        "mod/assign:viewgrades",
        "mod/assign:grade",
        "mod/assign:grantextension",
        "local/thesisdesk:manage",
        "local/thesisdesk:view",
    },
    "teacher": {
        "moodle/course:viewhiddensections",
        "moodle/course:viewhiddenactivities",
        "moodle/course:viewparticipants",
        "moodle/user:viewdetails",
        "moodle/site:accessallgroups",
        "moodle/site:sendmessage",
        "moodle/calendar:manageownentries",
        "mod/assign:view",
        "mod/assign:viewgrades",
        "mod/assign:grade",
        "local/thesisdesk:view",
    },
    "student": {
        "moodle/course:viewparticipants",
        "moodle/site:sendmessage",
        "moodle/calendar:manageownentries",
        "mod/assign:view",
        "mod/assign:submit",
    },
    # Every signed-in user (Moodle's "authenticated user" role).
    "user": {
        "moodle/webservice:createmobiletoken",
        "moodle/site:sendmessage",
        "moodle/calendar:manageownentries",
    },
}

CAPABILITY_NAMES = {
    "moodle/course:managegroups": "Manage groups",
    "moodle/course:create": "Create courses",
    "moodle/course:update": "Update course settings",
    "moodle/course:delete": "Delete courses",
    "moodle/course:manageactivities": "Manage activities",
    "moodle/course:sectionvisibility": "Control section visibility",
    "moodle/course:viewparticipants": "View participants",
    "moodle/role:assign": "Assign roles to users",
    "moodle/user:create": "Create users",
    "moodle/user:viewdetails": "View user profiles",
    "moodle/course:viewhiddencourses": "View hidden courses",
    "enrol/manual:enrol": "Enrol users",
    "enrol/manual:unenrol": "Unenrol users from the course",
    "moodle/calendar:manageentries": "Manage any calendar entries",
    "moodle/site:sendmessage": "Send messages to any user",
    "local/thesisdesk:manage": "Manage what ThesisDesk builds in the course",
    "local/thesisdesk:view": "View what ThesisDesk manages in the course",
    "local/thesisdesk:notify": "Send ThesisDesk notifications",
}

MOBILE_FUNCTIONS = (
    "core_webservice_get_site_info",
    "core_user_get_users_by_field",
    "core_enrol_get_users_courses",
    "core_enrol_get_enrolled_users",
    "core_user_get_course_user_profiles",
    "core_course_get_courses_by_field",
    "core_course_get_contents",
    "mod_assign_get_assignments",
    "mod_assign_get_submissions",
    "mod_assign_get_submission_status",
    "mod_assign_list_participants",
    "mod_assign_save_user_extensions",
    "core_group_get_course_groups",
    "core_calendar_create_calendar_events",
    "core_calendar_get_calendar_events",
    "core_calendar_delete_calendar_events",
    "core_message_send_instant_messages",
    "core_files_get_files",
    # Real Moodle functions the simulator knows by name only (accessexception tests).
    "core_badges_get_user_badges",
)

# Functions that exist in Moodle but that the simulator does not implement: calling one
# that is not in the token's service gives accessexception (as Moodle does) instead of
# the unknown-function error.
KNOWN_UNSIMULATED_FUNCTIONS = frozenset({"core_badges_get_user_badges"})

DEFAULT_SECTION_NAME = "New section"
PLUGIN_VERSION = "2026112600"
MAX_SECTIONS_45 = 52


def _extra_functions() -> dict[str, dict[str, Any]]:
    text = resources.files(__package__).joinpath("extra_functions.json").read_text("utf-8")
    data: dict[str, dict[str, Any]] = json.loads(text)
    data.pop("_meta", None)
    return data


_EXTRA = _extra_functions()


def function_descriptions(version: str) -> dict[str, dict[str, Any]]:
    """Every function the simulator serves, with Moodle's description."""
    functions = {**catalogue.all_functions(version), **copy.deepcopy(_EXTRA)}
    if version != "4.5":
        functions["core_course_edit_section"]["deprecated"] = True
    # The recorded default is the recording site's clock; Moodle uses "now".
    events = functions["core_calendar_create_calendar_events"]["parameters"]["keys"]["events"]
    events["content"]["keys"]["timestart"]["default"] = None
    return functions


def default_fixture() -> dict[str, Any]:
    text = resources.files(__package__).joinpath("fixtures/default.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def mimetype_of(filename: str) -> str:
    guessed, _ = mimetypes.guess_type(filename)
    return guessed or "application/octet-stream"


def file_icon(mimetype: str) -> str:
    if mimetype == "application/pdf":
        return "f/pdf"
    if mimetype.startswith("image/"):
        return "f/image"
    if mimetype.startswith("text/"):
        return "f/text"
    if "zip" in mimetype:
        return "f/archive"
    if "word" in mimetype:
        return "f/document"
    return "f/unknown"


class Site:
    """One simulated Moodle site."""

    SAVE_INTERVAL = 0.5

    TABLES = (
        "users",
        "roles",
        "categories",
        "courses",
        "sections",
        "cms",
        "assigns",
        "groups",
        "events",
        "messages",
        "notifications",
        "files",
        "submissions",
        "extensions",
        "tokens",
        "services",
        "contexts",
        "role_assignments",
        "enrolments",
        "mappings",
        "subjects",
        "resources",
        "webhook_deliveries",
    )

    def __init__(
        self,
        fixture: dict[str, Any] | None = None,
        *,
        version: str = "4.5",
        storage: Storage | None = None,
    ) -> None:
        if version not in RELEASES:
            raise ValueError(f"Unknown Moodle version {version!r}; known: {', '.join(RELEASES)}")
        self.version = version
        self.lock = threading.RLock()
        self.storage = storage
        self.base_url = "http://127.0.0.1"
        self.functions = function_descriptions(version)
        self.fixture = copy.deepcopy(fixture) if fixture is not None else default_fixture()
        self.blobs: dict[str, bytes] = {}
        self.data: dict[str, Any] = {}
        self._dirty = False
        self._saver: threading.Thread | None = None
        self._closing = threading.Event()
        self._webhook_queue: queue.Queue[tuple[dict[str, Any], str]] = queue.Queue()
        self._webhook_sender: threading.Thread | None = None
        if storage is not None and storage.has_state():
            self.data = storage.load_state()
        else:
            self._seed(self.fixture)
            self.flush()

    # ------------------------------------------------------------------ persistence
    def save(self) -> None:
        """Mark the state changed; a background thread writes it to the SQLite file.

        Writes are grouped (at most one every `SAVE_INTERVAL` seconds) so that a burst of
        calls does not rewrite the whole state each time; `flush()` writes at once.
        """
        if self.storage is None:
            return
        with self.lock:
            self._dirty = True
            if self._saver is None or not self._saver.is_alive():
                self._saver = threading.Thread(
                    target=self._save_loop, name="moodle-simulator-save", daemon=True
                )
                self._saver.start()

    def flush(self) -> None:
        """Write the state to the SQLite file now (when there is one)."""
        if self.storage is None:
            return
        with self.lock:
            self.storage.save_state(self.data)
            self._dirty = False

    def close(self) -> None:
        self._closing.set()
        if self._saver is not None:
            self._saver.join(timeout=5)
        self.flush()
        if self.storage is not None:
            self.storage.close()

    def _save_loop(self) -> None:
        while not self._closing.wait(self.SAVE_INTERVAL):
            if self._dirty:
                self.flush()

    def reset(self) -> None:
        """Back to the fixture's starting state."""
        with self.lock:
            self.blobs.clear()
            if self.storage is not None:
                self.storage.clear()
            self._seed(self.fixture)
            self.flush()

    def put_blob(self, content: bytes) -> str:
        digest = hashlib.sha1(content).hexdigest()
        if self.storage is not None:
            self.storage.put_blob(digest, content)
        else:
            self.blobs[digest] = content
        return digest

    def get_blob(self, digest: str) -> bytes:
        if self.storage is not None:
            return self.storage.get_blob(digest)
        return self.blobs[digest]

    # ------------------------------------------------------------------ seeding
    def _seed(self, fixture: dict[str, Any]) -> None:
        fixture = copy.deepcopy(fixture)
        release, version_number = RELEASES[self.version]
        now = int(time.time())
        self.data = {name: {} for name in self.TABLES}
        self.data["role_assignments"] = []
        self.data["next_ids"] = {}
        self.data["config"] = {
            "sitename": fixture.get("sitename", "Moodle Simulator"),
            "release": release,
            "version": version_number,
            # local_thesisdesk's version.php ($plugin->version).
            "plugin_version": str(fixture.get("plugin_version", PLUGIN_VERSION)),
            "enablewebservices": True,
            "maintenance_enabled": False,
            "climaintenance": False,
            "maxbytes": 0,
            "upload_max_filesize": 100 * 1024 * 1024,
            "max_input_vars": 5000,
            "maxsections": MAX_SECTIONS_45,
            "siteadmins": list(fixture.get("siteadmins", [2])),
            "webhook_url": fixture.get("webhook_url", ""),
            "webhook_secret": fixture.get("webhook_secret", ""),
            "role_capabilities": {k: sorted(v) for k, v in ROLE_CAPABILITIES.items()},
            "timecreated": now,
        }
        self.data["contexts"][1] = {"level": "system", "instance": 0}
        self.data["next_ids"]["context"] = 2
        for role in fixture.get("roles", []):
            self.data["roles"][role["id"]] = {
                "id": role["id"],
                "shortname": role["shortname"],
                "name": role.get("name", ""),
                "sortorder": role.get("sortorder", role["id"]),
                "archetype": role.get("archetype", role["shortname"]),
            }
        for shortname, capabilities in fixture.get("role_capabilities", {}).items():
            current = set(self.data["config"]["role_capabilities"].get(shortname, []))
            self.data["config"]["role_capabilities"][shortname] = sorted(
                current | set(capabilities)
            )
        for category in fixture.get("categories", [{"id": 1, "name": "Category 1"}]):
            self._add_category(category["id"], category["name"], category.get("contextid"))
        for user in fixture.get("users", []):
            self.add_user(**user)
        for course in fixture.get("courses", []):
            self._seed_course(course)
        for assignment in fixture.get("role_assignments", []):
            context = self.context_of(
                assignment.get("contextlevel", "system"), assignment.get("instanceid", 0)
            )
            self.data["role_assignments"].append(
                {
                    "userid": assignment["userid"],
                    "roleid": assignment["roleid"],
                    "contextid": context,
                }
            )
        for service in fixture.get("services", []):
            self.add_service(**service)
        for token in fixture.get("tokens", []):
            self.data["tokens"][token["token"]] = {
                "userid": token["userid"],
                "service": token["service"],
                "timecreated": now,
                "permanent": True,
            }
        for name, value in fixture.get("next_ids", {}).items():
            self.data["next_ids"][name] = max(self.data["next_ids"].get(name, 1), value)

    def _next_id(self, table: str) -> int:
        ids = self.data["next_ids"]
        value: int = ids.get(table, 1)
        ids[table] = value + 1
        return value

    def _reserve_id(self, table: str, value: int) -> int:
        ids = self.data["next_ids"]
        ids[table] = max(ids.get(table, 1), value + 1)
        return value

    def _new_context(self, level: str, instance: int, contextid: int | None = None) -> int:
        if contextid is None:
            contextid = self._next_id("context")
        else:
            self._reserve_id("context", contextid)
        self.data["contexts"][contextid] = {"level": level, "instance": instance}
        return contextid

    def context_of(self, level: str, instance: int) -> int:
        if level == "system":
            return 1
        table = {"user": "users", "course": "courses", "module": "cms", "coursecat": "categories"}[
            level
        ]
        record = self.data[table].get(instance)
        if record is None:
            raise KeyError((level, instance))
        contextid: int = record["contextid"]
        return contextid

    def _add_category(self, categoryid: int, name: str, contextid: int | None = None) -> None:
        self._reserve_id("category", categoryid)
        contextid = self._new_context("coursecat", categoryid, contextid)
        self.data["categories"][categoryid] = {
            "id": categoryid,
            "name": name,
            "contextid": contextid,
        }

    def _seed_course(self, course: dict[str, Any]) -> None:
        fields = {
            k: v
            for k, v in course.items()
            if k not in ("sections", "enrolments", "assignments", "groups")
        }
        courseid = self.create_course(**fields)
        for number, section in enumerate(course.get("sections", [])):
            if number == 0:
                sectionid = self.course_sections(courseid)[0]["id"]
                self.data["sections"][sectionid].update(
                    {k: v for k, v in section.items() if k in ("name", "summary", "visible")}
                )
                continue
            self.create_section(
                courseid,
                name=section.get("name"),
                summary=section.get("summary", ""),
                visible=section.get("visible", True),
                sectionid=section.get("id"),
            )
        for enrolment in course.get("enrolments", []):
            self.enrol(courseid, enrolment["userid"], enrolment.get("roleid"))
        for assignment in course.get("assignments", []):
            sectionnum = assignment.pop("sectionnum", 1)
            submissions = assignment.pop("submissions", [])
            introattachments = assignment.pop("introattachments", [])
            section = self.course_sections(courseid)[sectionnum]
            cmid, assignid = self.create_assign(courseid, section["id"], **assignment)
            for attachment in introattachments:
                self.add_file(
                    contextid=self.data["cms"][cmid]["contextid"],
                    component="mod_assign",
                    filearea="introattachment",
                    itemid=0,
                    filename=attachment["filename"],
                    content=attachment["content"].encode("utf-8"),
                    userid=self.data["config"]["siteadmins"][0],
                )
            for submission in submissions:
                files = [
                    (item["filename"], item["content"].encode("utf-8"))
                    for item in submission["files"]
                ]
                self.submit(submission["userid"], assignid, files, notify=False)
        for group in course.get("groups", []):
            groupid = self.create_group(courseid, group["name"], group.get("description", ""))
            for userid in group.get("members", []):
                self.add_group_member(groupid, userid)

    # ------------------------------------------------------------------ settings and test helpers
    @property
    def config(self) -> dict[str, Any]:
        config: dict[str, Any] = self.data["config"]
        return config

    def set_webservices(self, enabled: bool) -> None:
        """Site administration > Advanced features > Enable web services."""
        with self.lock:
            self.config["enablewebservices"] = enabled
            self.save()

    def set_maintenance(self, enabled: bool, *, cli: bool = False) -> None:
        """Maintenance mode: the admin-UI mode (`cli=False`) or `admin/cli/maintenance.php`."""
        with self.lock:
            self.config["climaintenance" if cli else "maintenance_enabled"] = enabled
            self.save()

    def set_max_input_vars(self, limit: int) -> None:
        with self.lock:
            self.config["max_input_vars"] = limit
            self.save()

    def set_maxbytes(self, maxbytes: int) -> None:
        """Site maximum upload size (0: no limit beyond PHP's)."""
        with self.lock:
            self.config["maxbytes"] = maxbytes
            self.save()

    def set_webhook(self, url: str, secret: str) -> None:
        """Where the plugin calls ThesisDesk back on a deposit, and the shared secret."""
        with self.lock:
            self.config["webhook_url"] = url
            self.config["webhook_secret"] = secret
            self.save()

    def remove_function_from_service(self, function: str, service: str = catalogue.SERVICE) -> None:
        with self.lock:
            functions = self.data["services"][service]["functions"]
            if function in functions:
                functions.remove(function)
            self.save()

    def add_function_to_service(self, function: str, service: str = catalogue.SERVICE) -> None:
        with self.lock:
            functions = self.data["services"][service]["functions"]
            if function not in functions:
                functions.append(function)
            self.save()

    def set_service_files(self, service: str, *, uploadfiles: bool, downloadfiles: bool) -> None:
        with self.lock:
            self.data["services"][service]["uploadfiles"] = int(uploadfiles)
            self.data["services"][service]["downloadfiles"] = int(downloadfiles)
            self.save()

    def grant_capability(self, role_shortname: str, capability: str) -> None:
        with self.lock:
            capabilities = set(self.config["role_capabilities"].get(role_shortname, []))
            capabilities.add(capability)
            self.config["role_capabilities"][role_shortname] = sorted(capabilities)
            self.save()

    def revoke_capability(self, role_shortname: str, capability: str) -> None:
        with self.lock:
            capabilities = set(self.config["role_capabilities"].get(role_shortname, []))
            capabilities.discard(capability)
            self.config["role_capabilities"][role_shortname] = sorted(capabilities)
            self.save()

    # Hand edits a teacher could make in Moodle's UI: the sync engine must notice them.
    def rename_section(self, sectionid: int, name: str) -> None:
        with self.lock:
            self._section(sectionid)["name"] = name
            self._touch_course(self._section(sectionid)["course"])
            self.save()

    def set_section_summary(self, sectionid: int, summary: str) -> None:
        with self.lock:
            self._section(sectionid)["summary"] = summary
            self.save()

    def hide_section(self, sectionid: int) -> None:
        with self.lock:
            self.set_section_visible(sectionid, False)
            self.save()

    def show_section(self, sectionid: int) -> None:
        with self.lock:
            self.set_section_visible(sectionid, True)
            self.save()

    def delete_section(self, sectionid: int) -> None:
        with self.lock:
            self.remove_section(sectionid)
            self.save()

    def delete_group(self, groupid: int) -> None:
        with self.lock:
            self.remove_group(groupid)
            self.save()

    def rename_group(self, groupid: int, name: str) -> None:
        with self.lock:
            self.data["groups"][groupid]["name"] = name
            self.save()

    def delete_module(self, cmid: int) -> None:
        with self.lock:
            self.remove_cm(cmid)
            self.save()

    def set_assign_dates(self, assignid: int, **dates: int) -> None:
        """Change an assignment's dates by hand (duedate=..., cutoffdate=...)."""
        with self.lock:
            self.update_assign(assignid, dates)
            self.save()

    def delete_event(self, eventid: int) -> None:
        with self.lock:
            self.data["events"].pop(eventid, None)
            self.save()

    def move_event(self, eventid: int, timestart: int) -> None:
        with self.lock:
            self.data["events"][eventid]["timestart"] = timestart
            self.save()

    # ------------------------------------------------------------------ users, roles, services
    def add_user(
        self,
        username: str,
        password: str = "",
        firstname: str = "",
        lastname: str = "",
        email: str = "",
        idnumber: str = "",
        id: int | None = None,
        auth: str = "manual",
        suspended: bool = False,
        department: str = "",
        lang: str = "en",
        contextid: int | None = None,
    ) -> int:
        """Create a user (test helper and fixture loader); returns the user id."""
        with self.lock:
            userid = self._reserve_id("user", id) if id is not None else self._next_id("user")
            self.data["users"][userid] = {
                "id": userid,
                "username": username,
                "password": password,
                "firstname": firstname,
                "lastname": lastname,
                "email": email,
                "idnumber": idnumber,
                "department": department,
                "auth": auth,
                "suspended": suspended,
                "lang": lang,
                "deleted": False,
                # Moodle's per-user key for file URLs (get_user_key('core_files')), not a token.
                "privatekey": secrets.token_hex(16),
                "contextid": self._new_context("user", userid, contextid),
                "timecreated": int(time.time()),
            }
            return userid

    def user_by_username(self, username: str) -> dict[str, Any] | None:
        for user in self.data["users"].values():
            if user["username"] == username and not user["deleted"]:
                found: dict[str, Any] = user
                return found
        return None

    def fullname(self, userid: int) -> str:
        user = self.data["users"][userid]
        return f"{user['firstname']} {user['lastname']}"

    def is_siteadmin(self, userid: int) -> bool:
        return userid in self.config["siteadmins"]

    def role_by_id(self, roleid: int) -> dict[str, Any] | None:
        role: dict[str, Any] | None = self.data["roles"].get(roleid)
        return role

    def add_service(
        self,
        shortname: str,
        name: str = "",
        functions: Iterable[str] | str = (),
        enabled: int = 1,
        restrictedusers: int = 0,
        uploadfiles: int = 0,
        downloadfiles: int = 0,
        authorised_users: Iterable[int] = (),
    ) -> None:
        if isinstance(functions, str):
            if functions == "thesisdesk":
                resolved = catalogue.service_definition(catalogue.SERVICE)["functions"]
            elif functions == "mobile":
                resolved = list(MOBILE_FUNCTIONS)
            else:
                resolved = [functions]
        else:
            resolved = list(functions)
        self.data["services"][shortname] = {
            "shortname": shortname,
            "name": name or shortname,
            "functions": list(resolved),
            "enabled": int(enabled),
            "restrictedusers": int(restrictedusers),
            "uploadfiles": int(uploadfiles),
            "downloadfiles": int(downloadfiles),
            "authorised_users": list(authorised_users),
        }

    def create_token(self, userid: int, service: str) -> str:
        """A permanent token for a user on a service (as an admin makes one by hand)."""
        with self.lock:
            token = secrets.token_hex(16)
            self.data["tokens"][token] = {
                "userid": userid,
                "service": service,
                "timecreated": int(time.time()),
                "permanent": True,
            }
            self.save()
            return token

    def token_for(self, userid: int, service: str) -> str | None:
        for token, record in self.data["tokens"].items():
            if record["userid"] == userid and record["service"] == service:
                found: str = token
                return found
        return None

    def user_roles_in_course(self, userid: int, courseid: int) -> list[dict[str, Any]]:
        course = self.data["courses"].get(courseid)
        if course is None:
            return []
        roleids = [
            ra["roleid"]
            for ra in self.data["role_assignments"]
            if ra["userid"] == userid and ra["contextid"] == course["contextid"]
        ]
        roles = [
            self.data["roles"][roleid]
            for roleid in dict.fromkeys(roleids)
            if roleid in self.data["roles"]
        ]
        return sorted(roles, key=lambda role: role["sortorder"])

    def has_capability(self, userid: int, capability: str, courseid: int | None = None) -> bool:
        if self.is_siteadmin(userid):
            return True
        role_capabilities = self.config["role_capabilities"]
        if capability in role_capabilities.get("user", []):
            return True
        contexts = {1}
        if courseid is not None and courseid in self.data["courses"]:
            course = self.data["courses"][courseid]
            contexts.add(course["contextid"])
            category = self.data["categories"].get(course["category"])
            if category:
                contexts.add(category["contextid"])
        for ra in self.data["role_assignments"]:
            if ra["userid"] != userid or ra["contextid"] not in contexts:
                continue
            role = self.data["roles"].get(ra["roleid"])
            if role and capability in role_capabilities.get(role["archetype"], []):
                return True
        return False

    # ------------------------------------------------------------------ courses
    def create_course(
        self,
        fullname: str,
        shortname: str,
        categoryid: int = 1,
        id: int | None = None,
        idnumber: str = "",
        summary: str = "",
        summaryformat: int = 1,
        format: str = "topics",
        numsections: int = 0,
        visible: int = 1,
        startdate: int = 0,
        enddate: int = 0,
        newsitems: int = 5,
        showgrades: int = 1,
        maxbytes: int = 0,
        contextid: int | None = None,
        **extra: Any,
    ) -> int:
        now = int(time.time())
        courseid = self._reserve_id("course", id) if id is not None else self._next_id("course")
        context = self._new_context("course", courseid, contextid)
        self.data["courses"][courseid] = {
            "id": courseid,
            "fullname": fullname,
            "shortname": shortname,
            "category": categoryid,
            "contextid": context,
            "idnumber": idnumber,
            "summary": summary,
            "summaryformat": summaryformat,
            "format": format,
            "visible": visible,
            "startdate": startdate,
            "enddate": enddate,
            "newsitems": newsitems,
            "showgrades": showgrades,
            "maxbytes": maxbytes,
            "marker": 0,
            "groupmode": extra.get("groupmode", 0),
            "groupmodeforce": extra.get("groupmodeforce", 0),
            "defaultgroupingid": extra.get("defaultgroupingid", 0),
            "enablecompletion": extra.get("enablecompletion", 1),
            "completionnotify": extra.get("completionnotify", 0),
            "showreports": extra.get("showreports", 0),
            "lang": extra.get("lang", ""),
            "theme": extra.get("forcetheme", ""),
            "timecreated": now,
            "timemodified": now,
            "cacherev": now,
            "sections": [],
            "enrolled": {},
        }
        self.create_section(courseid, name=None, number_zero=True)
        for _ in range(numsections):
            self.create_section(courseid, name=None)
        if newsitems:
            self.create_cm(
                courseid,
                self.data["courses"][courseid]["sections"][0],
                "forum",
                0,
                name="Announcements",
            )
        return courseid

    def course(self, courseid: int) -> dict[str, Any]:
        course = self.data["courses"].get(courseid)
        if course is None:
            raise protocol.missing_record(self.version, "course")
        found: dict[str, Any] = course
        return found

    def _touch_course(self, courseid: int) -> None:
        course = self.data["courses"].get(courseid)
        if course is not None:
            course["cacherev"] = max(int(time.time()), course["cacherev"] + 1)

    def delete_course(self, courseid: int) -> None:
        course = self.data["courses"].pop(courseid)
        for sectionid in list(course["sections"]):
            for cmid in list(self.data["sections"][sectionid]["sequence"]):
                self.remove_cm(cmid)
            self.data["sections"].pop(sectionid, None)
        for groupid in [g["id"] for g in self.data["groups"].values() if g["courseid"] == courseid]:
            self.remove_group(groupid)
        for eventid in [e["id"] for e in self.data["events"].values() if e["courseid"] == courseid]:
            self.data["events"].pop(eventid)
        self.data["role_assignments"] = [
            ra for ra in self.data["role_assignments"] if ra["contextid"] != course["contextid"]
        ]
        for key in [k for k, m in self.data["mappings"].items() if m["courseid"] == courseid]:
            self.data["mappings"].pop(key)
        for subjectid in [
            s["id"] for s in self.data["subjects"].values() if s["courseid"] == courseid
        ]:
            self.data["subjects"].pop(subjectid)

    def enrol(self, courseid: int, userid: int, roleid: int | None = None) -> None:
        course = self.data["courses"][courseid]
        course["enrolled"].setdefault(userid, {"timecreated": int(time.time()), "status": 0})
        if roleid:
            self.assign_role(userid, roleid, course["contextid"])

    def unenrol(self, courseid: int, userid: int) -> None:
        course = self.data["courses"][courseid]
        course["enrolled"].pop(userid, None)
        self.data["role_assignments"] = [
            ra
            for ra in self.data["role_assignments"]
            if not (ra["userid"] == userid and ra["contextid"] == course["contextid"])
        ]
        for group in self.data["groups"].values():
            if group["courseid"] == courseid and userid in group["members"]:
                group["members"].remove(userid)

    def assign_role(self, userid: int, roleid: int, contextid: int) -> None:
        for ra in self.data["role_assignments"]:
            if ra["userid"] == userid and ra["roleid"] == roleid and ra["contextid"] == contextid:
                return
        self.data["role_assignments"].append(
            {"userid": userid, "roleid": roleid, "contextid": contextid}
        )

    def is_enrolled(self, courseid: int, userid: int) -> bool:
        course = self.data["courses"].get(courseid)
        return bool(course) and userid in course["enrolled"]

    # ------------------------------------------------------------------ sections
    def course_sections(self, courseid: int) -> list[dict[str, Any]]:
        return [self.data["sections"][sid] for sid in self.data["courses"][courseid]["sections"]]

    def _section(self, sectionid: int) -> dict[str, Any]:
        section: dict[str, Any] = self.data["sections"][sectionid]
        return section

    def section_number(self, sectionid: int) -> int:
        number: int = self.data["sections"][sectionid]["section"]
        return number

    def _renumber(self, courseid: int) -> None:
        for number, sectionid in enumerate(self.data["courses"][courseid]["sections"]):
            self.data["sections"][sectionid]["section"] = number

    def create_section(
        self,
        courseid: int,
        *,
        name: str | None = None,
        summary: str = "",
        visible: bool = True,
        position: int | None = None,
        number_zero: bool = False,
        sectionid: int | None = None,
    ) -> int:
        """Add a section at `position` (a section number; default: at the end)."""
        course = self.data["courses"][courseid]
        if sectionid is None:
            sectionid = self._next_id("course_sections")
        else:
            self._reserve_id("course_sections", sectionid)
        self.data["sections"][sectionid] = {
            "id": sectionid,
            "course": courseid,
            "section": 0,
            "name": name,
            "summary": summary,
            "summaryformat": 1,
            "visible": bool(visible),
            "sequence": [],
            "availability": None,
            "timemodified": int(time.time()),
        }
        if number_zero or position is None or position >= len(course["sections"]):
            course["sections"].append(sectionid)
        else:
            course["sections"].insert(max(position, 1), sectionid)
        self._renumber(courseid)
        self._touch_course(courseid)
        return sectionid

    def section_title(self, section: dict[str, Any]) -> str:
        if section["name"] not in (None, ""):
            title: str = section["name"]
            return title
        return "General" if section["section"] == 0 else DEFAULT_SECTION_NAME

    def set_section_visible(self, sectionid: int, visible: bool) -> list[int]:
        """Moodle's `set_section_visible`: hiding a section hides its activities.

        Returns the ids of the activities whose visibility changed.
        """
        section = self._section(sectionid)
        section["visible"] = visible
        changed = []
        for cmid in section["sequence"]:
            cm = self.data["cms"][cmid]
            if not visible:
                cm["visibleold"] = cm["visible"]
                cm["visible"] = False
                changed.append(cmid)
            else:
                cm["visible"] = cm.get("visibleold", True)
                changed.append(cmid)
        self._touch_course(section["course"])
        return changed

    def move_section(self, sectionid: int, position: int) -> None:
        section = self._section(sectionid)
        course = self.data["courses"][section["course"]]
        course["sections"].remove(sectionid)
        course["sections"].insert(max(1, min(position, len(course["sections"]))), sectionid)
        self._renumber(course["id"])

    def remove_section(self, sectionid: int) -> None:
        section = self.data["sections"].pop(sectionid)
        for cmid in list(section["sequence"]):
            self.remove_cm(cmid)
        course = self.data["courses"].get(section["course"])
        if course is not None:
            course["sections"].remove(sectionid)
            self._renumber(course["id"])
            self._touch_course(course["id"])

    # ------------------------------------------------------------------ activities
    def create_cm(
        self,
        courseid: int,
        sectionid: int,
        module: str,
        instance: int,
        *,
        name: str,
        visible: bool = True,
        contextid: int | None = None,
    ) -> int:
        cmid = self._next_id("course_modules")
        if module == "forum" and instance == 0:
            instance = self._next_id("forum")
        section = self._section(sectionid)
        self.data["cms"][cmid] = {
            "id": cmid,
            "course": courseid,
            "module": module,
            "instance": instance,
            "section": sectionid,
            "name": name,
            "visible": bool(visible) and section["visible"],
            "visibleold": bool(visible),
            "availability": None,
            "contextid": self._new_context("module", cmid, contextid),
            "added": int(time.time()),
        }
        section["sequence"].append(cmid)
        self._touch_course(courseid)
        return cmid

    def remove_cm(self, cmid: int) -> None:
        cm = self.data["cms"].pop(cmid, None)
        if cm is None:
            return
        section = self.data["sections"].get(cm["section"])
        if section and cmid in section["sequence"]:
            section["sequence"].remove(cmid)
        if cm["module"] == "assign":
            self.data["assigns"].pop(cm["instance"], None)
            for eventid in [
                e["id"]
                for e in self.data["events"].values()
                if e["modulename"] == "assign" and e["instance"] == cm["instance"]
            ]:
                self.data["events"].pop(eventid)
        if cm["module"] in ("resource", "folder"):
            self.data["resources"].pop(cm["instance"], None)
        for fileid in [
            f["id"] for f in self.data["files"].values() if f["contextid"] == cm["contextid"]
        ]:
            self.data["files"].pop(fileid)
        self._touch_course(cm["course"])

    def cm_name(self, cm: dict[str, Any]) -> str:
        if cm["module"] == "assign" and cm["instance"] in self.data["assigns"]:
            name: str = self.data["assigns"][cm["instance"]]["name"]
            return name
        if cm["module"] in ("resource", "folder") and cm["instance"] in self.data["resources"]:
            name = self.data["resources"][cm["instance"]]["name"]
            return name
        name = cm["name"]
        return name

    def create_assign(
        self,
        courseid: int,
        sectionid: int,
        name: str,
        intro: str = "",
        introformat: int = 1,
        duedate: int = 0,
        allowsubmissionsfromdate: int = 0,
        cutoffdate: int = 0,
        gradingduedate: int = 0,
        maxfiles: int = 1,
        maxbytes: int = 0,
        filetypes: str = "",
        grade: int = 100,
        visible: bool = True,
        requiresubmissionstatement: bool = False,
        sendnotifications: bool = False,
        sendlatenotifications: bool = False,
        filesubmissions: bool = True,
        availability: dict[str, Any] | None = None,
        contextid: int | None = None,
    ) -> tuple[int, int]:
        """`create_module` for an assignment with file submissions; returns (cmid, assignid)."""
        assignid = self._next_id("assign")
        now = int(time.time())
        self.data["assigns"][assignid] = {
            "id": assignid,
            "course": courseid,
            "name": name,
            "intro": intro,
            "introformat": introformat,
            "duedate": duedate,
            "allowsubmissionsfromdate": allowsubmissionsfromdate,
            "cutoffdate": cutoffdate,
            "gradingduedate": gradingduedate,
            "maxfiles": maxfiles,
            "maxbytes": maxbytes,
            "filetypes": filetypes,
            "grade": grade,
            "requiresubmissionstatement": int(requiresubmissionstatement),
            "sendnotifications": int(sendnotifications),
            "sendlatenotifications": int(sendlatenotifications),
            "filesubmissions": bool(filesubmissions),
            "timemodified": now,
        }
        cmid = self.create_cm(
            courseid, sectionid, "assign", assignid, name=name, visible=visible, contextid=contextid
        )
        self.data["assigns"][assignid]["cmid"] = cmid
        self.data["cms"][cmid]["availability"] = availability
        self._sync_assign_events(assignid)
        return cmid, assignid

    def update_assign(self, assignid: int, changes: dict[str, Any]) -> None:
        assign = self.data["assigns"][assignid]
        assign.update(changes)
        assign["timemodified"] = int(time.time())
        self._sync_assign_events(assignid)
        self._touch_course(assign["course"])

    def _sync_assign_events(self, assignid: int) -> None:
        """An assignment's due and grading-due dates each make a calendar event."""
        assign = self.data["assigns"][assignid]
        cm = self.data["cms"].get(assign.get("cmid", 0))
        for eventtype, field, suffix in (
            ("due", "duedate", "is due"),
            ("gradingdue", "gradingduedate", "is due to be graded"),
        ):
            # The assignment remembers its events' ids (Moodle finds them by instance).
            eventids = assign.setdefault("eventids", {})
            existing = self.data["events"].get(eventids.get(eventtype, 0))
            if existing is not None and not (
                existing["modulename"] == "assign" and existing["instance"] == assignid
            ):
                existing = None
            when = assign[field]
            if not when:
                if existing:
                    self.data["events"].pop(existing["id"])
                continue
            values = {
                "name": f"{assign['name']} {suffix}",
                "description": assign["intro"],
                "timestart": when,
                "visible": int(cm["visible"]) if cm else 1,
            }
            if existing:
                existing.update(values)
                existing["timemodified"] = int(time.time())
            else:
                eventids[eventtype] = self.add_event(
                    courseid=assign["course"],
                    userid=self.config["siteadmins"][0],
                    eventtype=eventtype,
                    modulename="assign",
                    instance=assignid,
                    **values,
                )

    # ------------------------------------------------------------------ groups
    def create_group(
        self,
        courseid: int,
        name: str,
        description: str = "",
        descriptionformat: int = 1,
        enrolmentkey: str = "",
        idnumber: str = "",
        visibility: int = 0,
        participation: bool = True,
    ) -> int:
        groupid = self._next_id("groups")
        self.data["groups"][groupid] = {
            "id": groupid,
            "courseid": courseid,
            "name": name,
            "description": description,
            "descriptionformat": descriptionformat,
            "enrolmentkey": enrolmentkey,
            "idnumber": idnumber,
            "visibility": visibility,
            "participation": participation,
            "members": [],
            "timecreated": int(time.time()),
        }
        return groupid

    def group_name_taken(self, courseid: int, name: str, exclude: int | None = None) -> bool:
        return any(
            g["courseid"] == courseid and g["name"] == name and g["id"] != exclude
            for g in self.data["groups"].values()
        )

    def add_group_member(self, groupid: int, userid: int) -> bool:
        members = self.data["groups"][groupid]["members"]
        if userid in members:
            return False
        members.append(userid)
        return True

    def remove_group(self, groupid: int) -> None:
        self.data["groups"].pop(groupid, None)
        for eventid in [e["id"] for e in self.data["events"].values() if e["groupid"] == groupid]:
            self.data["events"].pop(eventid)

    # ------------------------------------------------------------------ calendar
    def add_event(
        self,
        *,
        name: str,
        courseid: int,
        userid: int,
        eventtype: str,
        timestart: int,
        description: str = "",
        format: int = 1,
        groupid: int = 0,
        timeduration: int = 0,
        visible: int = 1,
        modulename: str = "",
        instance: int = 0,
    ) -> int:
        eventid = self._next_id("event")
        self.data["events"][eventid] = {
            "id": eventid,
            "name": name,
            "description": description,
            "format": format,
            "courseid": courseid,
            "categoryid": 0,
            "groupid": groupid,
            "userid": userid,
            "repeatid": 0,
            "modulename": modulename,
            "instance": instance,
            "eventtype": eventtype,
            "timestart": timestart,
            "timeduration": timeduration,
            "visible": visible,
            "uuid": "",
            "sequence": 1,
            "timemodified": int(time.time()),
            "subscriptionid": None,
        }
        return eventid

    # ------------------------------------------------------------------ files
    def add_file(
        self,
        *,
        contextid: int,
        component: str,
        filearea: str,
        itemid: int,
        filename: str,
        content: bytes,
        userid: int,
        filepath: str = "/",
        mimetype: str | None = None,
        author: str | None = None,
        license: str | None = None,
        source: str | None = None,
    ) -> int:
        fileid = self._next_id("files")
        now = int(time.time())
        self.data["files"][fileid] = {
            "id": fileid,
            "contextid": contextid,
            "component": component,
            "filearea": filearea,
            "itemid": itemid,
            "filepath": filepath,
            "filename": filename,
            "filesize": len(content),
            "mimetype": mimetype or mimetype_of(filename),
            "blob": self.put_blob(content),
            "userid": userid,
            "author": author,
            "license": license,
            "source": source,
            "timecreated": now,
            "timemodified": now,
        }
        return fileid

    def area_files(
        self, contextid: int, component: str, filearea: str, itemid: int | None
    ) -> list[dict[str, Any]]:
        files = [
            f
            for f in self.data["files"].values()
            if f["contextid"] == contextid
            and f["component"] == component
            and f["filearea"] == filearea
            and (itemid is None or f["itemid"] == itemid)
        ]
        return sorted(files, key=lambda f: (f["filepath"], f["filename"]))

    def find_file(
        self,
        contextid: int,
        component: str,
        filearea: str,
        itemid: int,
        filepath: str,
        filename: str,
    ) -> dict[str, Any] | None:
        for f in self.data["files"].values():
            if (
                f["contextid"] == contextid
                and f["component"] == component
                and f["filearea"] == filearea
                and f["itemid"] == itemid
                and f["filepath"] == filepath
                and f["filename"] == filename
            ):
                found: dict[str, Any] = f
                return found
        return None

    def new_draft_itemid(self) -> int:
        while True:
            itemid = secrets.randbelow(999_999_000) + 1000
            if not any(
                f["itemid"] == itemid and f["filearea"] == "draft"
                for f in self.data["files"].values()
            ):
                return itemid

    def pluginfile_url(
        self, f: dict[str, Any], *, webservice: bool = True, with_itemid: bool = True
    ) -> str:
        from urllib.parse import quote

        prefix = "/webservice/pluginfile.php" if webservice else "/pluginfile.php"
        path = f"{prefix}/{f['contextid']}/{f['component']}/{f['filearea']}"
        if with_itemid:
            path += f"/{f['itemid']}"
        path += quote(f["filepath"]) + quote(f["filename"])
        return self.base_url + path

    def file_record(self, f: dict[str, Any], url: str) -> dict[str, Any]:
        """The `external_files` shape."""
        return {
            "filename": f["filename"],
            "filepath": f["filepath"],
            "filesize": f["filesize"],
            "fileurl": url,
            "timemodified": f["timemodified"],
            "mimetype": f["mimetype"],
            "isexternalfile": False,
            "icon": file_icon(f["mimetype"]),
        }

    # ------------------------------------------------------------------ submissions
    def submit(
        self,
        userid: int,
        assignid: int,
        files: list[tuple[str, bytes]] | None = None,
        *,
        draftitemid: int | None = None,
        notify: bool = True,
    ) -> int:
        """A student submits files to an assignment and submits for grading.

        `files` are (filename, content) pairs, or `draftitemid` names the student's draft
        area filled through webservice/upload.php. Returns the submission id. On a
        ThesisDesk-managed assignment this also calls ThesisDesk's webhook.
        """
        with self.lock:
            assign = self.data["assigns"].get(assignid)
            if assign is None:
                raise protocol.missing_record(self.version, "assign")
            if not self.is_enrolled(assign["course"], userid):
                raise protocol.no_permission_string()
            cm = self.data["cms"][assign["cmid"]]
            existing = next(
                (
                    s
                    for s in self.data["submissions"].values()
                    if s["assignment"] == assignid and s["userid"] == userid
                ),
                None,
            )
            now = int(time.time())
            event = "submission_updated"
            if existing is None:
                submissionid = self._next_id("assign_submission")
                existing = {
                    "id": submissionid,
                    "assignment": assignid,
                    "userid": userid,
                    "attemptnumber": 0,
                    "timecreated": now,
                    "timemodified": now,
                    "status": "new",
                    "groupid": 0,
                }
                self.data["submissions"][submissionid] = existing
                event = "submission_created"
            submissionid = existing["id"]
            for fileid in [
                f["id"]
                for f in self.area_files(
                    cm["contextid"], "assignsubmission_file", "submission_files", submissionid
                )
            ]:
                self.data["files"].pop(fileid)
            if draftitemid is not None:
                user_context = self.context_of("user", userid)
                files = [
                    (f["filename"], self.get_blob(f["blob"]))
                    for f in self.area_files(user_context, "user", "draft", draftitemid)
                ]
            for filename, content in files or []:
                self.add_file(
                    contextid=cm["contextid"],
                    component="assignsubmission_file",
                    filearea="submission_files",
                    itemid=submissionid,
                    filename=filename,
                    content=content,
                    userid=userid,
                )
            existing["status"] = "submitted"
            existing["timemodified"] = now
            self.save()
            if notify:
                self._notify_deposit(assign, cm, existing, event)
                self._notify_deposit(assign, cm, existing, "submission_submitted")
            return submissionid

    def _notify_deposit(
        self, assign: dict[str, Any], cm: dict[str, Any], submission: dict[str, Any], event: str
    ) -> None:
        mapping = next(
            (
                m
                for m in self.data["mappings"].values()
                if m["courseid"] == assign["course"]
                and m["kind"] == "assignment"
                and m["objectid"] == cm["id"]
            ),
            None,
        )
        if mapping is None:
            return
        group = next(
            (
                g["id"]
                for g in self.data["groups"].values()
                if g["courseid"] == assign["course"] and submission["userid"] in g["members"]
            ),
            0,
        )
        body = {
            "event": event,
            "eventid": str(uuid.uuid4()),
            "site": self.base_url,
            "courseid": assign["course"],
            "key": mapping["key"],
            "cmid": cm["id"],
            "assignid": assign["id"],
            "userid": submission["userid"],
            "groupid": group,
            "submissionid": submission["id"],
            "status": submission["status"],
            "timemodified": submission["timemodified"],
        }
        delivery: dict[str, Any] = {
            "url": self.config["webhook_url"],
            "body": body,
            "status": None,
            "error": "",
            "attempts": 0,
        }
        self.data["webhook_deliveries"][len(self.data["webhook_deliveries"]) + 1] = delivery
        if not self.config["webhook_url"]:
            return
        # Like the plugin's adhoc task: sent after the submission is saved, outside the
        # request (ThesisDesk may call Moodle back while handling it), retried on failure.
        self._webhook_queue.put((delivery, self.config["webhook_secret"]))
        with self.lock:
            if self._webhook_sender is None or not self._webhook_sender.is_alive():
                self._webhook_sender = threading.Thread(
                    target=self._send_webhooks, name="moodle-simulator-webhooks", daemon=True
                )
                self._webhook_sender.start()

    WEBHOOK_ATTEMPTS = 3
    WEBHOOK_RETRY_DELAY = 0.5

    def _send_webhooks(self) -> None:
        while True:
            delivery, secret = self._webhook_queue.get()
            try:
                self._deliver(delivery, secret)
            finally:
                self._webhook_queue.task_done()

    def _deliver(self, delivery: dict[str, Any], secret: str) -> None:
        raw = json.dumps(delivery["body"]).encode("utf-8")
        for attempt in range(1, self.WEBHOOK_ATTEMPTS + 1):
            timestamp = str(int(time.time()))
            signature = hmac.new(
                secret.encode("utf-8"), timestamp.encode() + b"." + raw, hashlib.sha256
            ).hexdigest()
            request = urllib.request.Request(
                delivery["url"],
                data=raw,
                method="POST",
                headers={
                    "Content-Type": "application/json",
                    "X-ThesisDesk-Timestamp": timestamp,
                    "X-ThesisDesk-Signature": f"sha256={signature}",
                },
            )
            delivery["attempts"] = attempt
            try:
                with urllib.request.urlopen(request, timeout=10) as response:
                    delivery["status"] = response.status
                    delivery["error"] = ""
                    return
            except Exception as error:
                delivery["error"] = str(error)
                delivery["status"] = getattr(error, "code", None)
            time.sleep(self.WEBHOOK_RETRY_DELAY * attempt)

    def wait_for_webhooks(self, timeout: float = 10.0) -> None:
        """Block until every queued webhook delivery was tried (tests)."""
        deadline = time.monotonic() + timeout
        while self._webhook_queue.unfinished_tasks and time.monotonic() < deadline:
            time.sleep(0.02)

    @property
    def webhook_deliveries(self) -> list[dict[str, Any]]:
        """Every webhook call the plugin made (or tried), oldest first."""
        return [
            self.data["webhook_deliveries"][key] for key in sorted(self.data["webhook_deliveries"])
        ]

    # ------------------------------------------------------------------ messages
    @property
    def messages(self) -> list[dict[str, Any]]:
        return [self.data["messages"][key] for key in sorted(self.data["messages"])]

    @property
    def notifications(self) -> list[dict[str, Any]]:
        return [self.data["notifications"][key] for key in sorted(self.data["notifications"])]


def default_db_path(directory: Path) -> Path:
    return directory / "moodle-simulator.sqlite3"
