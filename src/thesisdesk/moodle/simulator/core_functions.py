"""Moodle's core web service functions, with the behaviour recorded on real 4.5 and 5.1 sites.

Each function takes the `Call` (site, calling user, service) and the validated parameters
and returns what Moodle would return (before JSON encoding), or raises a
`protocol.MoodleException`. Key order follows the recorded answers.
"""

from __future__ import annotations

import base64
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from . import protocol
from .site import CAPABILITY_NAMES, PLUGIN_VERSION, Site, file_icon


@dataclass
class Call:
    site: Site
    userid: int
    service: str
    token: str

    @property
    def version(self) -> str:
        return self.site.version

    @property
    def data(self) -> dict[str, Any]:
        return self.site.data

    def can(self, capability: str, courseid: int | None = None) -> bool:
        return self.site.has_capability(self.userid, capability, courseid)

    def require(self, capability: str, courseid: int | None = None) -> None:
        if not self.can(capability, courseid):
            raise protocol.no_permissions(CAPABILITY_NAMES.get(capability, capability))

    def url(self, path: str) -> str:
        return self.site.base_url + path


Function = Callable[[Call, dict[str, Any]], Any]
FUNCTIONS: dict[str, Function] = {}


def function(name: str) -> Callable[[Function], Function]:
    def register(implementation: Function) -> Function:
        FUNCTIONS[name] = implementation
        return implementation

    return register


def _rev(call: Call) -> int:
    rev: int = call.site.config["timecreated"]
    return rev


def _picture(call: Call, size: str) -> str:
    return call.url(f"/theme/image.php/boost/core/{_rev(call)}/u/{size}")


# ---------------------------------------------------------------------------- site and users
@function("core_webservice_get_site_info")
def get_site_info(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    site = call.site
    user = call.data["users"][call.userid]
    service = call.data["services"][call.service]
    config = site.config
    admin = site.is_siteadmin(call.userid)
    return {
        "sitename": config["sitename"],
        "username": user["username"],
        "firstname": user["firstname"],
        "lastname": user["lastname"],
        "fullname": site.fullname(call.userid),
        "lang": user["lang"],
        "userid": call.userid,
        "siteurl": site.base_url,
        "userpictureurl": _picture(call, "f1"),
        # Each function carries its component's version: the plugin's for local_thesisdesk.
        "functions": [
            {
                "name": name,
                "version": config.get("plugin_version", PLUGIN_VERSION)
                if name.startswith("local_thesisdesk_")
                else config["version"],
            }
            for name in service["functions"]
            if name in site.functions or name in FUNCTIONS
        ],
        "downloadfiles": service["downloadfiles"],
        "uploadfiles": service["uploadfiles"],
        "release": config["release"],
        "version": config["version"],
        "mobilecssurl": "",
        "advancedfeatures": [
            {"name": name, "value": 1}
            for name in ("usecomments", "usetags", "enablenotes", "messaging", "enableblogs")
        ]
        + [{"name": "enablewebservices", "value": int(config["enablewebservices"])}],
        "usercanmanageownfiles": True,
        "userquota": 0 if admin else 104857600,
        "usermaxuploadfilesize": -1 if admin else 104857600,
        "userhomepage": 1,
        "userprivateaccesskey": user["privatekey"],
        "siteid": 1,
        "sitecalendartype": "gregorian",
        "usercalendartype": "gregorian",
        "userissiteadmin": admin,
        "theme": "boost",
        "limitconcurrentlogins": 0,
        "policyagreed": 0,
    }


def _user_details(call: Call, user: dict[str, Any], *, full: bool = True) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": user["id"],
        "username": user["username"],
        "firstname": user["firstname"],
        "lastname": user["lastname"],
        "fullname": f"{user['firstname']} {user['lastname']}",
        "email": user["email"],
        "department": user["department"],
        "idnumber": user["idnumber"],
        "firstaccess": 0,
        "lastaccess": 0,
    }
    if full:
        record.update(
            {
                "auth": user["auth"],
                "suspended": bool(user["suspended"]),
                "confirmed": True,
                "lang": user["lang"],
                "theme": "",
                "timezone": "99",
                "mailformat": 1,
                "trackforums": 0,
            }
        )
    record["profileimageurlsmall"] = _picture(call, "f2")
    record["profileimageurl"] = _picture(call, "f1")
    return record


@function("core_user_get_users_by_field")
def get_users_by_field(call: Call, params: dict[str, Any]) -> list[dict[str, Any]]:
    field = params["field"]
    if field not in ("id", "idnumber", "username", "email"):
        raise protocol.coding_error("invalid field parameter")
    values = [str(value) for value in params["values"]]
    result = []
    for user in call.data["users"].values():
        if user["deleted"] or user["id"] == 1:
            continue
        if str(user[field]) in values:
            result.append(_user_details(call, user))
    return result


_PASSWORD_POLICY = (
    "<div>Passwords must be at least 8 characters long.</div>",
    "<div>Passwords must have at least 1 digit(s).</div>",
    "<div>Passwords must have at least 1 upper case letter(s).</div>",
    "<div>The password must have at least 1 special character(s) such as *, -, or #.</div>",
)


def _password_errors(password: str) -> str:
    failures = []
    if len(password) < 8:
        failures.append(_PASSWORD_POLICY[0])
    if not re.search(r"[0-9]", password):
        failures.append(_PASSWORD_POLICY[1])
    if not re.search(r"[A-Z]", password):
        failures.append(_PASSWORD_POLICY[2])
    if not re.search(r"[^A-Za-z0-9]", password):
        failures.append(_PASSWORD_POLICY[3])
    return "".join(failures)


@function("core_user_create_users")
def create_users(call: Call, params: dict[str, Any]) -> list[dict[str, Any]]:
    call.require("moodle/user:create")
    created = []
    for user in params["users"]:
        if call.site.user_by_username(user["username"]) is not None:
            raise protocol.invalid_parameter()
        errors = _password_errors(user.get("password", ""))
        if errors:
            raise protocol.moodle_error(errors, f"error/{errors}")
        userid = call.site.add_user(
            username=user["username"],
            password=user.get("password", ""),
            firstname=user["firstname"],
            lastname=user["lastname"],
            email=user["email"],
            idnumber=user.get("idnumber", ""),
            auth=user.get("auth", "manual"),
            department=user.get("department", ""),
            lang=user.get("lang", "en"),
        )
        created.append({"id": userid, "username": user["username"]})
    return created


def _roles(call: Call, userid: int, courseid: int) -> list[dict[str, Any]]:
    return [
        {"roleid": role["id"], "name": role["name"], "shortname": role["shortname"], "sortorder": 0}
        for role in call.site.user_roles_in_course(userid, courseid)
    ]


def _enrolled_courses(call: Call, userid: int) -> list[dict[str, Any]]:
    return [
        {"id": course["id"], "fullname": course["fullname"], "shortname": course["shortname"]}
        for course in call.data["courses"].values()
        if userid in course["enrolled"]
    ]


def _user_groups(call: Call, userid: int, courseid: int) -> list[dict[str, Any]]:
    return [
        {
            "id": group["id"],
            "name": group["name"],
            "description": group["description"],
            "descriptionformat": group["descriptionformat"],
        }
        for group in call.data["groups"].values()
        if group["courseid"] == courseid and userid in group["members"]
    ]


def _course_roles(call: Call, course: dict[str, Any]) -> dict[int, list[dict[str, Any]]]:
    """Every user's roles in a course, in one pass over the role assignments."""
    roleids: dict[int, list[int]] = {}
    for ra in call.data["role_assignments"]:
        if ra["contextid"] == course["contextid"] and ra["roleid"] in call.data["roles"]:
            roleids.setdefault(ra["userid"], [])
            if ra["roleid"] not in roleids[ra["userid"]]:
                roleids[ra["userid"]].append(ra["roleid"])
    result = {}
    for userid, ids in roleids.items():
        roles = sorted((call.data["roles"][r] for r in ids), key=lambda role: role["sortorder"])
        result[userid] = [
            {"roleid": r["id"], "name": r["name"], "shortname": r["shortname"], "sortorder": 0}
            for r in roles
        ]
    return result


def _course_groups(call: Call, courseid: int) -> dict[int, list[dict[str, Any]]]:
    result: dict[int, list[dict[str, Any]]] = {}
    for group in call.data["groups"].values():
        if group["courseid"] != courseid:
            continue
        entry = {
            "id": group["id"],
            "name": group["name"],
            "description": group["description"],
            "descriptionformat": group["descriptionformat"],
        }
        for userid in group["members"]:
            result.setdefault(userid, []).append(entry)
    return result


@function("core_enrol_get_users_courses")
def get_users_courses(call: Call, params: dict[str, Any]) -> list[dict[str, Any]]:
    userid = params["userid"]
    if userid != call.userid:
        call.require("moodle/course:viewparticipants")
    result = []
    for course in call.data["courses"].values():
        if userid not in course["enrolled"]:
            continue
        record: dict[str, Any] = {
            "id": course["id"],
            "shortname": course["shortname"],
            "fullname": course["fullname"],
            "displayname": course["fullname"],
        }
        if params["returnusercount"]:
            record["enrolledusercount"] = len(course["enrolled"])
        record.update(
            {
                "idnumber": course["idnumber"],
                "visible": course["visible"],
                "summary": course["summary"],
                "summaryformat": course["summaryformat"],
                "format": course["format"],
                "courseimage": _course_image(call, course),
                "showgrades": bool(course["showgrades"]),
                "lang": course["lang"],
                "enablecompletion": bool(course["enablecompletion"]),
                "completionhascriteria": False,
                "completionusertracked": False,
                "category": course["category"],
                "progress": None,
                "completed": None,
                "startdate": course["startdate"],
                "enddate": course["enddate"],
                "marker": course["marker"],
                "lastaccess": None,
                "isfavourite": False,
                "hidden": False,
                "overviewfiles": [],
                "showactivitydates": bool(course["enablecompletion"]),
                "showcompletionconditions": True,
                "timemodified": course["timemodified"],
            }
        )
        result.append(record)
    return result


def _course_image(call: Call, course: dict[str, Any]) -> str:
    return call.url(f"/pluginfile.php/{course['contextid']}/course/generated/course.svg")


@function("core_enrol_get_enrolled_users")
def get_enrolled_users(call: Call, params: dict[str, Any]) -> list[dict[str, Any]]:
    course = call.site.course(params["courseid"])
    courseid = course["id"]
    if not (call.can("moodle/course:viewparticipants", courseid)):
        raise protocol.no_permissions("View participants")
    options = {option["name"]: option["value"] for option in params["options"]}
    userfields = (
        [f.strip() for f in options["userfields"].split(",")] if "userfields" in options else None
    )
    limitfrom = int(options.get("limitfrom", 0) or 0)
    limitnumber = int(options.get("limitnumber", 0) or 0)
    groupid = int(options.get("groupid", 0) or 0)
    withcapability = options.get("withcapability")
    privileged = call.can("moodle/course:update", courseid)
    userids = sorted(course["enrolled"])
    if groupid:
        group = call.data["groups"].get(groupid)
        members = set(group["members"]) if group else set()
        userids = [u for u in userids if u in members]
    if withcapability:
        userids = [u for u in userids if call.site.has_capability(u, withcapability, courseid)]
    userids = userids[limitfrom:]
    if limitnumber:
        userids = userids[:limitnumber]
    roles_by_user = _course_roles(call, course)
    groups_by_user = _course_groups(call, courseid)
    enrolled_courses = {userid: _enrolled_courses(call, userid) for userid in userids}
    result = []
    for userid in userids:
        user = call.data["users"][userid]
        record = _user_details(call, user, full=False)
        record["lastcourseaccess"] = 0
        record["profileimageurlsmall"] = record.pop("profileimageurlsmall")
        record["profileimageurl"] = record.pop("profileimageurl")
        if not privileged:
            for hidden in ("username", "idnumber", "department"):
                record.pop(hidden)
        groups = groups_by_user.get(userid, [])
        if groups:
            record["groups"] = groups
        record["roles"] = roles_by_user.get(userid, [])
        record["enrolledcourses"] = enrolled_courses[userid]
        if userfields is not None:
            keep = set(userfields) | {"id"}
            record = {key: value for key, value in record.items() if key in keep}
        result.append(record)
    return result


@function("core_user_get_course_user_profiles")
def get_course_user_profiles(call: Call, params: dict[str, Any]) -> list[dict[str, Any]]:
    result = []
    for item in params["userlist"]:
        course = call.data["courses"].get(item["courseid"])
        user = call.data["users"].get(item["userid"])
        if user is None or user["deleted"]:
            continue
        if course is None:
            # validate_context() of a missing course context (4.5 and 5.1).
            raise protocol.invalid_parameter()
        if item["userid"] not in course["enrolled"]:
            continue
        record = _user_details(call, user)
        groups = _user_groups(call, user["id"], course["id"])
        if groups:
            record["groups"] = groups
        record["roles"] = _roles(call, user["id"], course["id"])
        record["enrolledcourses"] = _enrolled_courses(call, user["id"])
        result.append(record)
    return result


# ---------------------------------------------------------------------------- courses
@function("core_course_create_courses")
def create_courses(call: Call, params: dict[str, Any]) -> list[dict[str, Any]]:
    result = []
    for course in params["courses"]:
        category = call.data["categories"].get(course["categoryid"])
        if category is None:
            raise protocol.moodle_error(
                "errorcatcontextnotvalid",
                "You cannot execute functions in the category context (category id:"
                f"{course['categoryid']}). The context error message was: "
                "Invalid parameter value detected",
            )
        call.require("moodle/course:create")
        if any(c["shortname"] == course["shortname"] for c in call.data["courses"].values()):
            raise protocol.moodle_error(
                "shortnametaken",
                f"Short name is already used for another course ({course['shortname']})",
            )
        if course.get("idnumber") and any(
            c["idnumber"] == course["idnumber"] for c in call.data["courses"].values()
        ):
            raise protocol.moodle_error(
                "courseidnumbertaken",
                f"ID number is already used for another course ({course['idnumber']})",
            )
        now = int(time.time())
        start = course.get("startdate", now - now % 86400)
        courseid = call.site.create_course(
            fullname=course["fullname"],
            shortname=course["shortname"],
            categoryid=course["categoryid"],
            idnumber=course.get("idnumber", ""),
            summary=course.get("summary", ""),
            summaryformat=int(course.get("summaryformat", 1)),
            format=course.get("format", "topics"),
            numsections=course.get("numsections", 4),
            visible=course.get("visible", 1),
            startdate=start,
            enddate=course.get("enddate", start + 365 * 86400),
            newsitems=int(course.get("newsitems", 5)),
            showgrades=int(course.get("showgrades", 1)),
            maxbytes=int(course.get("maxbytes", 0)),
            groupmode=int(course.get("groupmode", 0)),
            enablecompletion=course.get("enablecompletion", 1),
        )
        result.append({"id": courseid, "shortname": course["shortname"]})
    return result


def _course_record(call: Call, course: dict[str, Any]) -> dict[str, Any]:
    category = call.data["categories"].get(course["category"], {"name": ""})
    contacts = [
        {"id": userid, "fullname": call.site.fullname(userid)}
        for userid in sorted(course["enrolled"], reverse=True)
        if any(
            role["shortname"] == "editingteacher"
            for role in call.site.user_roles_in_course(userid, course["id"])
        )
    ]
    return {
        "id": course["id"],
        "fullname": course["fullname"],
        "displayname": course["fullname"],
        "shortname": course["shortname"],
        "courseimage": _course_image(call, course),
        "categoryid": course["category"],
        "categoryname": category["name"],
        # Newest course first in its category, as Moodle sorts a category's courses.
        "sortorder": 10000
        + sum(
            1
            for other in call.data["courses"].values()
            if other["category"] == course["category"] and other["id"] >= course["id"]
        ),
        "summary": course["summary"],
        "summaryformat": course["summaryformat"],
        "summaryfiles": [],
        "overviewfiles": [],
        "showactivitydates": bool(course["enablecompletion"]),
        "showcompletionconditions": True,
        "contacts": contacts,
        "enrollmentmethods": ["manual"],
        "idnumber": course["idnumber"],
        "format": course["format"],
        "showgrades": course["showgrades"],
        "newsitems": course["newsitems"],
        "startdate": course["startdate"],
        "enddate": course["enddate"],
        "maxbytes": course["maxbytes"],
        "showreports": course["showreports"],
        "visible": course["visible"],
        "groupmode": course["groupmode"],
        "groupmodeforce": course["groupmodeforce"],
        "defaultgroupingid": course["defaultgroupingid"],
        "enablecompletion": course["enablecompletion"],
        "completionnotify": course["completionnotify"],
        "lang": course["lang"],
        "theme": course["theme"],
        "marker": course["marker"],
        "legacyfiles": 0,
        "calendartype": "",
        "timecreated": course["timecreated"],
        "timemodified": course["timemodified"],
        "requested": 0,
        "cacherev": course["cacherev"],
        "filters": [
            {"filter": name, "localstate": 0, "inheritedstate": 1}
            for name in (
                "displayh5p",
                "activitynames",
                "mathjaxloader",
                "emoticon",
                "mediaplugin",
                "urltolink",
            )
        ],
        "courseformatoptions": [
            {"name": "hiddensections", "value": 1},
            {"name": "coursedisplay", "value": 0},
            {"name": "indentation", "value": "1"},
        ],
    }


@function("core_course_get_courses_by_field")
def get_courses_by_field(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    field, value = params["field"], params["value"]
    courses = [c for c in call.data["courses"].values()]
    if field == "id":
        courses = [c for c in courses if str(c["id"]) == value]
    elif field == "ids":
        wanted = [v.strip() for v in value.split(",")]
        by_id = {str(c["id"]): c for c in courses}
        courses = [by_id[v] for v in dict.fromkeys(wanted) if v in by_id]
    elif field in ("shortname", "idnumber"):
        courses = [c for c in courses if c[field] == value]
    elif field == "category":
        courses = [c for c in courses if str(c["category"]) == value]
    elif field:
        raise protocol.invalid_parameter()
    visible = []
    for course in courses:
        if course["visible"] or call.can("moodle/course:viewhiddencourses", course["id"]):
            visible.append(_course_record(call, course))
    return {"courses": visible, "warnings": []}


def _can_see_hidden(call: Call, courseid: int) -> bool:
    return call.can("moodle/course:viewhiddensections", courseid)


def _module_record(call: Call, cm: dict[str, Any], privileged: bool) -> dict[str, Any]:
    module = cm["module"]
    purposes = {
        "assign": "assessment",
        "forum": "collaboration",
        "resource": "content",
        "folder": "content",
    }
    plurals = {"assign": "Assignments", "forum": "Forums", "resource": "Files", "folder": "Folders"}
    record: dict[str, Any] = {
        "id": cm["id"],
        "url": call.url(f"/mod/{module}/view.php?id={cm['id']}"),
        "name": call.site.cm_name(cm),
        "instance": cm["instance"],
        "contextid": cm["contextid"],
        "visible": int(cm["visible"]),
        "uservisible": True,
        "visibleoncoursepage": 1,
        "modicon": call.url(f"/theme/image.php/boost/{module}/{_rev(call)}/monologo?filtericon=1"),
        "modname": module,
        "purpose": purposes.get(module, "other"),
        "branded": False,
        "modplural": plurals.get(module, module),
    }
    if privileged:
        record["availability"] = json.dumps(cm["availability"]) if cm.get("availability") else None
    record.update({"indent": 0, "onclick": "", "afterlink": None})
    if module == "forum":
        record["activitybadge"] = []
        record["customdata"] = json.dumps({"trackingtype": "1"}, separators=(",", ":"))
    elif module == "assign":
        assign = call.data["assigns"].get(cm["instance"], {})
        custom = {}
        if assign.get("duedate"):
            custom["duedate"] = str(assign["duedate"])
        record["customdata"] = json.dumps(custom, separators=(",", ":")) if custom else "[]"
    else:
        record["customdata"] = '""'
    record.update({"noviewlink": False, "completion": 0, "downloadcontent": 1})
    dates = []
    if module == "assign":
        assign = call.data["assigns"].get(cm["instance"], {})
        if assign.get("allowsubmissionsfromdate"):
            dates.append(
                {
                    "label": "Opened:",
                    "timestamp": assign["allowsubmissionsfromdate"],
                    "dataid": "allowsubmissionsfromdate",
                }
            )
        if assign.get("duedate"):
            dates.append({"label": "Due:", "timestamp": assign["duedate"], "dataid": "duedate"})
    record["dates"] = dates
    record["groupmode"] = 0
    if module in ("resource", "folder"):
        resource = call.data["resources"].get(cm["instance"], {})
        record["contents"] = (
            [
                {
                    "type": "file",
                    "filename": f["filename"],
                    "filepath": f["filepath"],
                    "filesize": f["filesize"],
                    "fileurl": call.site.pluginfile_url(f, webservice=False) + "?forcedownload=1",
                    "timecreated": f["timecreated"],
                    "timemodified": f["timemodified"],
                    "sortorder": 0,
                    "mimetype": f["mimetype"],
                    "isexternalfile": False,
                    "userid": f["userid"],
                    "author": f["author"],
                    "license": f["license"],
                }
                for f in call.site.area_files(cm["contextid"], f"mod_{module}", "content", 0)
            ]
            if resource is not None
            else []
        )
    return record


@function("core_course_get_contents")
def get_contents(call: Call, params: dict[str, Any]) -> list[dict[str, Any]]:
    course = call.site.course(params["courseid"])
    courseid = course["id"]
    if not call.site.is_enrolled(courseid, call.userid) and not call.can(
        "moodle/course:update", courseid
    ):
        raise protocol.moodle_error("requireloginerror", "Course or activity not accessible.")
    options = {option["name"]: option["value"] for option in params["options"]}
    privileged = _can_see_hidden(call, courseid)
    exclude_modules = options.get("excludemodules") in ("1", "true")
    exclude_contents = options.get("excludecontents") in ("1", "true")
    sectionid = int(options["sectionid"]) if options.get("sectionid", "").isdigit() else None
    sectionnumber = (
        int(options["sectionnumber"]) if options.get("sectionnumber", "").isdigit() else None
    )
    cmid_filter = int(options["cmid"]) if options.get("cmid", "").isdigit() else None
    modname_filter = options.get("modname")
    result = []
    for section in call.site.course_sections(courseid):
        if sectionid is not None and section["id"] != sectionid:
            continue
        if sectionnumber is not None and section["section"] != sectionnumber:
            continue
        if not section["visible"] and not privileged:
            continue
        # The plugin hides its restrictions entirely (showc false): a student outside the
        # group does not see the section at all.
        if not privileged and not _available_to(call, section.get("availability"), call.userid):
            continue
        modules = []
        if not exclude_modules:
            for cmid in section["sequence"]:
                cm = call.data["cms"][cmid]
                if cmid_filter is not None and cmid != cmid_filter:
                    continue
                if modname_filter and cm["module"] != modname_filter:
                    continue
                if not cm["visible"] and not privileged:
                    continue
                if not privileged and not _available_to(call, cm.get("availability"), call.userid):
                    continue
                record = _module_record(call, cm, privileged)
                if exclude_contents:
                    record.pop("contents", None)
                modules.append(record)
        entry: dict[str, Any] = {
            "id": section["id"],
            "name": call.site.section_title(section),
            "visible": int(section["visible"]),
            "summary": section["summary"],
            "summaryformat": section["summaryformat"],
            "section": section["section"],
            "hiddenbynumsections": 0,
            "uservisible": True,
        }
        if section.get("availability") and privileged:
            entry["availabilityinfo"] = "Not available unless: You belong to a group"
        entry.update({"component": None, "itemid": None, "modules": modules})
        result.append(entry)
    return result


def _available_to(call: Call, availability: dict[str, Any] | None, userid: int) -> bool:
    if not availability:
        return True
    for condition in availability.get("c", []):
        if condition.get("type") == "group" and condition.get("id"):
            group = call.data["groups"].get(condition["id"])
            if group is None or userid not in group["members"]:
                return False
    return True


@function("core_course_update_courses")
def update_courses(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    warnings = []
    for item in params["courses"]:
        course = call.data["courses"].get(item["id"])
        if course is None:
            error = protocol.missing_record(call.version, "course")
            warnings.append(
                {
                    "item": "course",
                    "itemid": item["id"],
                    "warningcode": error.errorcode,
                    "message": error.message,
                }
            )
            continue
        if not call.can("moodle/course:update", course["id"]):
            warnings.append(
                {
                    "item": "course",
                    "itemid": item["id"],
                    "warningcode": "nopermissions",
                    "message": "Sorry, but you do not currently have permissions to do that "
                    "(Update course settings).",
                }
            )
            continue
        if "shortname" in item and any(
            c["shortname"] == item["shortname"] and c["id"] != course["id"]
            for c in call.data["courses"].values()
        ):
            raise protocol.moodle_error(
                "shortnametaken",
                f"Short name is already used for another course ({item['shortname']})",
            )
        for key, value in item.items():
            if key in (
                "id",
                "courseformatoptions",
                "customfields",
                "numsections",
                "hiddensections",
            ):
                continue
            target = {"categoryid": "category", "forcetheme": "theme"}.get(key, key)
            course[target] = value
        course["timemodified"] = int(time.time())
        call.site._touch_course(course["id"])
    return {"warnings": warnings}


@function("core_course_delete_courses")
def delete_courses(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    warnings = []
    for courseid in params["courseids"]:
        if courseid not in call.data["courses"]:
            warnings.append(
                {
                    "item": "course",
                    "itemid": courseid,
                    "warningcode": "unknowncourseidnumber",
                    "message": f"Unknown course ID {courseid}",
                }
            )
            continue
        if not call.can("moodle/course:delete", courseid):
            warnings.append(
                {
                    "item": "course",
                    "itemid": courseid,
                    "warningcode": "cannotdeletecourse",
                    "message": "You don't have the permission to delete the course with id: "
                    f"{courseid}",
                }
            )
            continue
        call.site.delete_course(courseid)
    return {"warnings": warnings}


# ---------------------------------------------------------------------------- course format state
def _section_state(call: Call, section: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": str(section["id"]),
        "section": section["section"],
        "number": section["section"],
        "title": call.site.section_title(section),
        "hassummary": bool(section["summary"]),
        "rawtitle": section["name"] if section["name"] not in (None, "") else None,
        "cmlist": [str(cmid) for cmid in section["sequence"]],
        "visible": bool(section["visible"]),
        "sectionurl": call.url(f"/course/section.php?id={section['id']}"),
        "current": False,
        "indexcollapsed": False,
        "contentcollapsed": False,
        "hasrestrictions": bool(section.get("availability")),
        "bulkeditable": section["section"] != 0,
        "component": None,
        "itemid": None,
        "parentsectionid": None,
    }


def _cm_state(call: Call, cm: dict[str, Any]) -> dict[str, Any]:
    module = cm["module"]
    names = {"assign": "Assignment", "forum": "Forum", "resource": "File", "folder": "Folder"}
    section = call.data["sections"][cm["section"]]
    return {
        "id": str(cm["id"]),
        "anchor": f"module-{cm['id']}",
        "name": call.site.cm_name(cm),
        "visible": bool(cm["visible"]),
        "stealth": False,
        "sectionid": str(cm["section"]),
        "sectionnumber": section["section"],
        "uservisible": True,
        "hascmrestrictions": bool(cm.get("availability")),
        "modname": names.get(module, module),
        "indent": 0,
        "groupmode": 0,
        "module": module,
        "plugin": f"mod_{module}",
        "hasdelegatedsection": False,
        "accessvisible": bool(cm["visible"]),
        "url": call.url(f"/mod/{module}/view.php?id={cm['id']}"),
        "istrackeduser": False,
        "allowstealth": False,
    }


def _course_state(call: Call, course: dict[str, Any]) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "id": str(course["id"]),
        "numsections": len(course["sections"]) - 1,
        "sectionlist": [str(sid) for sid in course["sections"]],
        "editmode": False,
        "highlighted": "Highlighted",
    }
    if call.version == "4.5":
        fields["maxsections"] = str(call.site.config["maxsections"])
    fields.update(
        {
            "baseurl": call.url(f"/course/view.php?id={course['id']}"),
            "statekey": f"{course['cacherev']}_{course['timemodified']}",
            "maxbytes": -1,
            "maxbytestext": "Unlimited",
        }
    )
    return {"name": "course", "action": "put", "fields": fields}


def _full_state(call: Call, course: dict[str, Any]) -> list[dict[str, Any]]:
    updates = [_course_state(call, course)]
    sections = call.site.course_sections(course["id"])
    updates += [
        {"name": "section", "action": "put", "fields": _section_state(call, s)} for s in sections
    ]
    for section in sections:
        for cmid in section["sequence"]:
            updates.append(
                {"name": "cm", "action": "put", "fields": _cm_state(call, call.data["cms"][cmid])}
            )
    return updates


def _state_string(updates: list[dict[str, Any]]) -> str:
    return protocol.php_json(updates)


@function("core_courseformat_update_course")
def update_course_state(call: Call, params: dict[str, Any]) -> str:
    course = call.site.course(params["courseid"])
    courseid = course["id"]
    action = params["action"]
    ids = params["ids"]
    actions = {
        "section_add",
        "section_hide",
        "section_show",
        "section_delete",
        "section_move",
        "section_move_after",
        "cm_hide",
        "cm_show",
        "cm_delete",
        "cm_duplicate",
        "cm_move",
    }
    if action not in actions:
        message = (
            f"Invalid course state action {action} in "
            f"format_{course['format']}\\courseformat\\stateactions"
        )
        raise protocol.moodle_error(message, f"error/{message}")
    if action.startswith("section_"):
        for sectionid in ids:
            section = call.data["sections"].get(sectionid)
            if section is None or section["course"] != courseid:
                raise protocol.moodle_error("unexistingsectionid", "error/unexistingsectionid")
        call.require(
            "moodle/course:sectionvisibility"
            if action in ("section_hide", "section_show")
            else "moodle/course:update",
            courseid,
        )
    else:
        for cmid in ids:
            cm = call.data["cms"].get(cmid)
            if cm is None or cm["course"] != courseid:
                raise protocol.moodle_error("unexistingcmid", "error/unexistingcmid")
        call.require("moodle/course:manageactivities", courseid)
    site = call.site
    updates: list[dict[str, Any]] = []
    if action == "section_add":
        if call.version == "4.5" and len(course["sections"]) - 1 >= site.config["maxsections"]:
            raise protocol.moodle_error("maxsectionslimit", "error/maxsectionslimit")
        position = None
        target = params.get("targetsectionid")
        if target is not None and target in site.data["sections"]:
            position = site.data["sections"][target]["section"] + 1
        site.create_section(courseid, position=position)
        return _state_string(_full_state(call, course))
    if action in ("section_hide", "section_show"):
        visible = action == "section_show"
        for sectionid in ids:
            changed = site.set_section_visible(sectionid, visible)
            updates.append(
                {
                    "name": "section",
                    "action": "put",
                    "fields": _section_state(call, site.data["sections"][sectionid]),
                }
            )
            updates += [
                {"name": "cm", "action": "put", "fields": _cm_state(call, site.data["cms"][c])}
                for c in changed
            ]
        return _state_string(updates)
    if action == "section_delete":
        for sectionid in ids:
            site.remove_section(sectionid)
            updates.append({"name": "section", "action": "remove", "fields": {"id": sectionid}})
        return _state_string(updates + _full_state(call, course))
    if action in ("section_move", "section_move_after"):
        target = params.get("targetsectionid")
        if target is None or target not in site.data["sections"]:
            raise protocol.moodle_error("unexistingsectionid", "error/unexistingsectionid")
        for sectionid in ids:
            site.move_section(
                sectionid,
                site.data["sections"][target]["section"]
                + (1 if action == "section_move_after" else 0),
            )
        return _state_string(_full_state(call, course))
    if action in ("cm_hide", "cm_show"):
        for cmid in ids:
            cm = site.data["cms"][cmid]
            cm["visible"] = action == "cm_show"
            cm["visibleold"] = cm["visible"]
            updates.append({"name": "cm", "action": "put", "fields": _cm_state(call, cm)})
        return _state_string(updates)
    if action == "cm_delete":
        for cmid in ids:
            section = site.data["sections"][site.data["cms"][cmid]["section"]]
            site.remove_cm(cmid)
            updates.append({"name": "cm", "action": "remove", "fields": {"id": cmid}})
            updates.append(
                {"name": "section", "action": "put", "fields": _section_state(call, section)}
            )
        return _state_string(updates)
    if action == "cm_duplicate":
        for cmid in ids:
            cm = site.data["cms"][cmid]
            name = f"{site.cm_name(cm)} (copy)"
            if cm["module"] == "assign":
                original = site.data["assigns"][cm["instance"]]
                fields = {
                    k: original[k]
                    for k in (
                        "intro",
                        "introformat",
                        "duedate",
                        "allowsubmissionsfromdate",
                        "cutoffdate",
                        "gradingduedate",
                        "maxfiles",
                        "maxbytes",
                        "filetypes",
                        "grade",
                    )
                }
                newcmid, _ = site.create_assign(courseid, cm["section"], name, **fields)
            else:
                newcmid = site.create_cm(courseid, cm["section"], cm["module"], 0, name=name)
            section = site.data["sections"][cm["section"]]
            updates.append(
                {
                    "name": "cm",
                    "action": "put",
                    "fields": _cm_state(call, site.data["cms"][newcmid]),
                }
            )
            updates.append(
                {"name": "section", "action": "put", "fields": _section_state(call, section)}
            )
        return _state_string(updates)
    # cm_move
    target = params.get("targetsectionid")
    if target is None or target not in site.data["sections"]:
        raise protocol.moodle_error("unexistingsectionid", "error/unexistingsectionid")
    for cmid in ids:
        cm = site.data["cms"][cmid]
        site.data["sections"][cm["section"]]["sequence"].remove(cmid)
        site.data["sections"][target]["sequence"].append(cmid)
        cm["section"] = target
    return _state_string(_full_state(call, course))


@function("core_course_edit_section")
def edit_section(call: Call, params: dict[str, Any]) -> str | None:
    section = call.data["sections"].get(params["id"])
    if section is None:
        raise protocol.missing_record(call.version, "course_sections")
    courseid = section["course"]
    action = params["action"]
    if action in ("hide", "show"):
        call.require("moodle/course:sectionvisibility", courseid)
        changed = call.site.set_section_visible(section["id"], action == "show")
        modules = {str(cmid): "" for cmid in changed}
        return protocol.php_json(
            {
                "modules": modules or [],
                "section_availability": '<div class="section_availability">\n</div>',
            }
        )
    if action in ("setmarker", "removemarker"):
        call.require("moodle/course:setcurrentsection", courseid)
        call.data["courses"][courseid]["marker"] = (
            section["section"] if action == "setmarker" else 0
        )
        return None
    raise protocol.moodle_error("unknowaction", "error/unknowaction")


@function("core_update_inplace_editable")
def update_inplace_editable(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    component, itemtype = params["component"], params["itemtype"]
    if not component.startswith("format_") or itemtype not in ("sectionname", "sectionnamenl"):
        raise protocol.moodle_error("inplaceeditableerror", "Error calling update processor")
    if not protocol._INT.fullmatch(params["itemid"]):
        raise protocol.invalid_parameter()
    section = call.data["sections"].get(int(params["itemid"]))
    if section is None:
        raise protocol.missing_record(call.version, "course_sections")
    call.require("moodle/course:update", section["course"])
    value = re.sub(r"<[^>]*>", "", params["value"]).strip()
    section["name"] = value
    section["timemodified"] = int(time.time())
    call.site._touch_course(section["course"])
    title = call.site.section_title(section)
    url = call.url(f"/course/section.php?id={section['id']}")
    return {
        "displayvalue": f'<a href="{url}">{title}</a>' if itemtype == "sectionname" else title,
        "component": component,
        "itemtype": itemtype,
        "value": value,
        "itemid": params["itemid"],
        "edithint": "Edit section name",
        "editlabel": f"New name for section {title}",
        "editicon": {"key": "t/editstring", "component": "moodle", "title": "Edit section name"},
        "type": "text",
        "options": "",
        "linkeverything": 0,
    }


@function("core_course_delete_modules")
def delete_modules(call: Call, params: dict[str, Any]) -> None:
    for cmid in params["cmids"]:
        cm = call.data["cms"].get(cmid)
        if cm is None:
            if call.version == "4.5":
                raise protocol.MoodleException(
                    "invalidcoursemodule",
                    "Invalid course module ID",
                    "dml_missing_record_exception",
                )
            raise protocol.missing_record(call.version, "course_modules")
        call.require("moodle/course:manageactivities", cm["course"])
    for cmid in params["cmids"]:
        call.site.remove_cm(cmid)
    return None


# ---------------------------------------------------------------------------- assignments
def _intro_attachments(call: Call, cm: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        call.site.file_record(f, call.site.pluginfile_url(f))
        for f in call.site.area_files(cm["contextid"], "mod_assign", "introattachment", 0)
    ]


def _assign_record(call: Call, assign: dict[str, Any], cm: dict[str, Any]) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": assign["id"],
        "cmid": cm["id"],
        "course": assign["course"],
        "name": assign["name"],
        "nosubmissions": 0,
        "submissiondrafts": 0,
        "sendnotifications": assign["sendnotifications"],
        "sendlatenotifications": assign["sendlatenotifications"],
        "sendstudentnotifications": 1,
        "duedate": assign["duedate"],
        "allowsubmissionsfromdate": assign["allowsubmissionsfromdate"],
        "grade": assign["grade"],
        "timemodified": assign["timemodified"],
        "completionsubmit": 0,
        "cutoffdate": assign["cutoffdate"],
        "gradingduedate": assign["gradingduedate"],
        "teamsubmission": 0,
        "requireallteammemberssubmit": 0,
        "teamsubmissiongroupingid": 0,
        "blindmarking": 0,
        "hidegrader": 0,
        "revealidentities": 0,
        "attemptreopenmethod": "untilpass",
        "maxattempts": 1,
        "markingworkflow": 0,
        "markingallocation": 0,
        "markinganonymous": 0,
        "requiresubmissionstatement": assign["requiresubmissionstatement"],
        "preventsubmissionnotingroup": 0,
        "configs": [
            {
                "plugin": "file",
                "subtype": "assignsubmission",
                "name": "enabled",
                "value": "1" if assign["filesubmissions"] else "0",
            },
            {
                "plugin": "file",
                "subtype": "assignsubmission",
                "name": "maxfilesubmissions",
                "value": str(assign["maxfiles"]),
            },
            {
                "plugin": "file",
                "subtype": "assignsubmission",
                "name": "maxsubmissionsizebytes",
                "value": str(assign["maxbytes"]),
            },
            {
                "plugin": "file",
                "subtype": "assignsubmission",
                "name": "filetypeslist",
                "value": assign["filetypes"],
            },
            {"plugin": "comments", "subtype": "assignsubmission", "name": "enabled", "value": "1"},
            {"plugin": "comments", "subtype": "assignfeedback", "name": "enabled", "value": "1"},
            {"plugin": "editpdf", "subtype": "assignfeedback", "name": "enabled", "value": "1"},
            {"plugin": "offline", "subtype": "assignfeedback", "name": "enabled", "value": "0"},
        ],
        "intro": assign["intro"],
        "introformat": assign["introformat"],
        "introfiles": [],
        "introattachments": _intro_attachments(call, cm),
        "timelimit": 0,
        "submissionattachments": 0,
    }
    if call.version != "4.5":
        items = list(record.items())
        position = [key for key, _ in items].index("grade") + 1
        items.insert(position, ("gradepenalty", 0))
        record = dict(items)
    return record


@function("mod_assign_get_assignments")
def get_assignments(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    courseids = params["courseids"] or [
        c["id"] for c in call.data["courses"].values() if call.userid in c["enrolled"]
    ]
    courses = []
    warnings = []
    for courseid in courseids:
        course = call.data["courses"].get(courseid)
        enrolled = course is not None and call.userid in course["enrolled"]
        allowed = course is not None and (
            enrolled
            or (
                params["includenotenrolledcourses"]
                and call.can("moodle/course:viewhiddencourses", courseid)
            )
        )
        if not allowed:
            warnings.append(
                {
                    "item": "course",
                    "itemid": courseid,
                    "warningcode": "2",
                    "message": "User is not enrolled or does not have requested capability",
                }
            )
            continue
        assert course is not None
        privileged = _can_see_hidden(call, courseid)
        assignments = []
        for section in call.site.course_sections(courseid):
            # validate_context() -> require_login(): the activity must be visible and
            # available to the user, and so must its section (hidden or restricted).
            section_open = section["visible"] and _available_to(
                call, section.get("availability"), call.userid
            )
            for cmid in section["sequence"]:
                cm = call.data["cms"][cmid]
                if cm["module"] != "assign":
                    continue
                if (
                    not section_open
                    or not cm["visible"]
                    or not _available_to(call, cm.get("availability"), call.userid)
                ) and not privileged:
                    warnings.append(
                        {
                            "item": "module",
                            "itemid": cmid,
                            "warningcode": "1",
                            "message": "No access rights in module context",
                        }
                    )
                    continue
                assignments.append(_assign_record(call, call.data["assigns"][cm["instance"]], cm))
        courses.append(
            {
                "id": courseid,
                "fullname": course["fullname"],
                "shortname": course["shortname"],
                "timemodified": course["timemodified"],
                "assignments": assignments,
            }
        )
    return {"courses": courses, "warnings": warnings}


def _submission_plugins(
    call: Call, submission: dict[str, Any], cm: dict[str, Any]
) -> list[dict[str, Any]]:
    files = [
        call.site.file_record(f, call.site.pluginfile_url(f))
        for f in call.site.area_files(
            cm["contextid"], "assignsubmission_file", "submission_files", submission["id"]
        )
    ]
    return [
        {
            "type": "file",
            "name": "File submissions",
            "fileareas": [{"area": "submission_files", "files": files}],
        },
        {"type": "comments", "name": "Submission comments"},
    ]


def _assign_and_cm(call: Call, assignid: int) -> tuple[dict[str, Any], dict[str, Any]]:
    assign = call.data["assigns"].get(assignid)
    if assign is None:
        raise protocol.missing_record(call.version, "assign")
    return assign, call.data["cms"][assign["cmid"]]


@function("mod_assign_get_submissions")
def get_submissions(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    assignments = []
    warnings = []
    for assignid in params["assignmentids"]:
        assign = call.data["assigns"].get(assignid)
        if assign is None:
            # Moodle looks the ids up with one query: an unknown one is silently left out.
            continue
        if not call.can("mod/assign:viewgrades", assign["course"]):
            warnings.append(
                {
                    "item": "assignment",
                    "itemid": assignid,
                    "warningcode": "1",
                    "message": "No access rights in module context",
                }
            )
            continue
        cm = call.data["cms"][assign["cmid"]]
        submissions = []
        for submission in call.data["submissions"].values():
            if submission["assignment"] != assignid:
                continue
            if params["status"] and submission["status"] != params["status"]:
                continue
            if params["since"] and submission["timemodified"] < params["since"]:
                continue
            if params["before"] and submission["timemodified"] > params["before"]:
                continue
            submissions.append(
                {
                    "id": submission["id"],
                    "userid": submission["userid"],
                    "attemptnumber": submission["attemptnumber"],
                    "timecreated": submission["timecreated"],
                    "timemodified": submission["timemodified"],
                    "timestarted": None,
                    "status": submission["status"],
                    "groupid": submission["groupid"],
                    "plugins": _submission_plugins(call, submission, cm),
                    "gradingstatus": "notgraded",
                }
            )
        assignments.append({"assignmentid": assignid, "submissions": submissions})
    return {"assignments": assignments, "warnings": warnings}


def _extension(call: Call, assignid: int, userid: int) -> int | None:
    value: int | None = call.data["extensions"].get(f"{assignid}:{userid}")
    return value


def _students(call: Call, courseid: int) -> list[int]:
    course = call.data["courses"][courseid]
    roles = _course_roles(call, course)
    return [
        userid
        for userid in sorted(course["enrolled"])
        if any(role["shortname"] == "student" for role in roles.get(userid, []))
    ]


@function("mod_assign_get_submission_status")
def get_submission_status(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    assign, cm = _assign_and_cm(call, params["assignid"])
    userid = params["userid"] or call.userid
    courseid = assign["course"]
    if not call.can("mod/assign:view", courseid) or (
        userid != call.userid and not call.can("mod/assign:viewgrades", courseid)
    ):
        raise protocol.no_permission_string()
    result: dict[str, Any] = {}
    submissions = [s for s in call.data["submissions"].values() if s["assignment"] == assign["id"]]
    if call.can("mod/assign:viewgrades", courseid):
        submitted = [s for s in submissions if s["status"] == "submitted"]
        result["gradingsummary"] = {
            "participantcount": len(_students(call, courseid)),
            "submissiondraftscount": len([s for s in submissions if s["status"] == "draft"]),
            "submissionsenabled": True,
            "submissionssubmittedcount": len(submitted),
            "submissionsneedgradingcount": len(submitted),
            "warnofungroupedusers": "",
        }
    own = next((s for s in submissions if s["userid"] == userid), None)
    lastattempt: dict[str, Any] = {}
    if own is not None:
        lastattempt["submission"] = {
            "id": own["id"],
            "userid": own["userid"],
            "attemptnumber": own["attemptnumber"],
            "timecreated": own["timecreated"],
            "timemodified": own["timemodified"],
            "timestarted": None,
            "status": own["status"],
            "groupid": own["groupid"],
            "assignment": assign["id"],
            "latest": 1,
            "plugins": _submission_plugins(call, own, cm),
        }
    now = int(time.time())
    open_for_submission = not assign["cutoffdate"] or now <= assign["cutoffdate"]
    lastattempt.update(
        {
            "submissiongroupmemberswhoneedtosubmit": [],
            "submissionsenabled": True,
            "locked": False,
            "graded": False,
            "canedit": open_for_submission,
            "caneditowner": open_for_submission,
            "cansubmit": own is not None and own["status"] != "submitted",
            "extensionduedate": _extension(call, assign["id"], userid),
            "timelimit": 0,
            "blindmarking": False,
            "gradingstatus": "notgraded",
            "usergroups": [
                g["id"]
                for g in call.data["groups"].values()
                if g["courseid"] == courseid and userid in g["members"]
            ],
        }
    )
    result["lastattempt"] = lastattempt
    result["assignmentdata"] = {"attachments": {"intro": _intro_attachments(call, cm)}}
    result["warnings"] = []
    return result


@function("mod_assign_list_participants")
def list_participants(call: Call, params: dict[str, Any]) -> list[dict[str, Any]]:
    assign, _cm = _assign_and_cm(call, params["assignid"])
    courseid = assign["course"]
    if not call.can("mod/assign:viewgrades", courseid):
        raise protocol.no_permission_string()
    userids = _students(call, courseid)
    if params["groupid"]:
        group = call.data["groups"].get(params["groupid"])
        members = set(group["members"]) if group else set()
        userids = [u for u in userids if u in members]
    needle = params["filter"].lower()
    users = [call.data["users"][u] for u in userids]
    if needle:
        users = [
            u
            for u in users
            if needle in f"{u['firstname']} {u['lastname']} {u['email']} {u['username']}".lower()
        ]
    users.sort(key=lambda u: (u["lastname"], u["firstname"]))
    users = users[params["skip"] :]
    if params["limit"]:
        users = users[: params["limit"]]
    result = []
    for user in users:
        submission = next(
            (
                s
                for s in call.data["submissions"].values()
                if s["assignment"] == assign["id"] and s["userid"] == user["id"]
            ),
            None,
        )
        if params["onlyids"]:
            record: dict[str, Any] = {"id": user["id"], "fullname": call.site.fullname(user["id"])}
        else:
            record = {
                "id": user["id"],
                "username": user["username"],
                "firstname": user["firstname"],
                "lastname": user["lastname"],
                "fullname": call.site.fullname(user["id"]),
                "email": user["email"],
                "department": user["department"],
                "idnumber": user["idnumber"],
                "firstaccess": 0,
                "lastaccess": 0,
                "suspended": bool(user["suspended"]),
                "trackforums": 0,
                "profileimageurlsmall": _picture(call, "f2"),
                "profileimageurl": _picture(call, "f1"),
                "recordid": -1,
            }
            groups = _user_groups(call, user["id"], courseid)
            if groups:
                record["groups"] = groups
            record["roles"] = _roles(call, user["id"], courseid)
            if params["includeenrolments"]:
                record["enrolledcourses"] = _enrolled_courses(call, user["id"])
        submitted = submission is not None and submission["status"] == "submitted"
        record.update(
            {
                "submitted": submitted,
                "requiregrading": submitted,
                "grantedextension": _extension(call, assign["id"], user["id"]) is not None,
                "submissionstatus": submission["status"] if submission else "",
            }
        )
        result.append(record)
    return result


@function("mod_assign_save_user_extensions")
def save_user_extensions(call: Call, params: dict[str, Any]) -> list[dict[str, Any]]:
    assign, _cm = _assign_and_cm(call, params["assignmentid"])
    if not call.can("mod/assign:grantextension", assign["course"]):
        raise protocol.no_permission_string()
    userids, dates = params["userids"], params["dates"]
    if len(userids) != len(dates):
        return [
            {
                "item": "Length of userids and dates parameters differ.",
                "itemid": assign["id"],
                "warningcode": "invalidparameters",
                "message": "Invalid parameters.",
            }
        ]
    warnings = []
    for userid, date in zip(userids, dates, strict=True):
        if (assign["duedate"] and date < assign["duedate"]) or userid not in call.data["courses"][
            assign["course"]
        ]["enrolled"]:
            warnings.append(
                {
                    "item": f"User id: {userid}, Assignment id: {assign['id']}, "
                    f"Extension date: {date}",
                    "itemid": assign["id"],
                    "warningcode": "couldnotgrantextensions",
                    "message": "Could not grant submission date extensions.",
                }
            )
            continue
        call.data["extensions"][f"{assign['id']}:{userid}"] = date
    return warnings


# ---------------------------------------------------------------------------- groups
def _group_course(call: Call, courseid: int) -> dict[str, Any]:
    course = call.data["courses"].get(courseid)
    if course is None:
        raise protocol.moodle_error(
            "errorcoursecontextnotvalid",
            f"You cannot execute functions in the course context (course id:{courseid}). "
            "The context error message was: Invalid parameter value detected",
        )
    found: dict[str, Any] = course
    return found


@function("core_group_create_groups")
def create_groups(call: Call, params: dict[str, Any]) -> list[dict[str, Any]]:
    result = []
    for group in params["groups"]:
        course = _group_course(call, group["courseid"])
        call.require("moodle/course:managegroups", course["id"])
        if call.site.group_name_taken(course["id"], group["name"]):
            raise protocol.invalid_parameter()
        if group.get("idnumber") and any(
            g["courseid"] == course["id"] and g["idnumber"] == group["idnumber"]
            for g in call.data["groups"].values()
        ):
            raise protocol.invalid_parameter()
        groupid = call.site.create_group(
            course["id"],
            group["name"],
            group["description"],
            descriptionformat=group["descriptionformat"],
            enrolmentkey=group.get("enrolmentkey", ""),
            idnumber=group.get("idnumber", ""),
            visibility=group["visibility"],
            participation=group["participation"],
        )
        record = call.data["groups"][groupid]
        result.append(
            {
                "id": groupid,
                "courseid": course["id"],
                "name": record["name"],
                "description": record["description"],
                "descriptionformat": record["descriptionformat"],
                "enrolmentkey": record["enrolmentkey"],
                "idnumber": record["idnumber"],
                "visibility": record["visibility"],
                "participation": record["participation"],
            }
        )
    return result


def _group(call: Call, groupid: int) -> dict[str, Any]:
    group = call.data["groups"].get(groupid)
    if group is None:
        raise protocol.missing_record(call.version, "groups")
    found: dict[str, Any] = group
    return found


@function("core_group_add_group_members")
def add_group_members(call: Call, params: dict[str, Any]) -> None:
    for member in params["members"]:
        group = _group(call, member["groupid"])
        call.require("moodle/course:managegroups", group["courseid"])
        if not call.site.is_enrolled(group["courseid"], member["userid"]):
            raise protocol.invalid_parameter()
        call.site.add_group_member(group["id"], member["userid"])
    return None


@function("core_group_delete_group_members")
def delete_group_members(call: Call, params: dict[str, Any]) -> None:
    for member in params["members"]:
        group = _group(call, member["groupid"])
        call.require("moodle/course:managegroups", group["courseid"])
        if member["userid"] in group["members"]:
            group["members"].remove(member["userid"])
    return None


def _group_record(group: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": group["id"],
        "courseid": group["courseid"],
        "name": group["name"],
        "description": group["description"],
        "descriptionformat": group["descriptionformat"],
        "enrolmentkey": group["enrolmentkey"] or None,
        "idnumber": group["idnumber"],
        "visibility": group["visibility"],
        "participation": group["participation"],
    }


@function("core_group_get_course_groups")
def get_course_groups(call: Call, params: dict[str, Any]) -> list[dict[str, Any]]:
    # An unknown course fails validate_context(): errorcoursecontextnotvalid (4.5 and 5.1).
    course = _group_course(call, params["courseid"])
    call.require("moodle/course:managegroups", course["id"])
    groups = [g for g in call.data["groups"].values() if g["courseid"] == course["id"]]
    return [_group_record(g) for g in sorted(groups, key=lambda g: g["name"])]


@function("core_group_get_group_members")
def get_group_members(call: Call, params: dict[str, Any]) -> list[dict[str, Any]]:
    result = []
    for groupid in params["groupids"]:
        group = _group(call, groupid)
        call.require("moodle/course:managegroups", group["courseid"])
        result.append({"groupid": groupid, "userids": list(group["members"])})
    return result


@function("core_group_delete_groups")
def delete_groups(call: Call, params: dict[str, Any]) -> None:
    for groupid in params["groupids"]:
        group = call.data["groups"].get(groupid)
        if group is None:
            continue
        call.require("moodle/course:managegroups", group["courseid"])
        call.site.remove_group(groupid)
    return None


# ---------------------------------------------------------------------------- enrolments and roles
@function("enrol_manual_enrol_users")
def enrol_users(call: Call, params: dict[str, Any]) -> None:
    for enrolment in params["enrolments"]:
        course = call.data["courses"].get(enrolment["courseid"])
        if course is None:
            raise protocol.invalid_parameter()
        call.require("enrol/manual:enrol", course["id"])
        if (
            enrolment["roleid"] not in call.data["roles"]
            or enrolment["userid"] not in call.data["users"]
        ):
            raise protocol.invalid_parameter()
        call.site.enrol(course["id"], enrolment["userid"], enrolment["roleid"])
    return None


@function("enrol_manual_unenrol_users")
def unenrol_users(call: Call, params: dict[str, Any]) -> None:
    for enrolment in params["enrolments"]:
        course = call.data["courses"].get(enrolment["courseid"])
        if course is None:
            raise protocol.invalid_parameter()
        call.require("enrol/manual:unenrol", course["id"])
        call.site.unenrol(course["id"], enrolment["userid"])
    return None


@function("core_role_assign_roles")
def assign_roles(call: Call, params: dict[str, Any]) -> None:
    for assignment in params["assignments"]:
        if (
            assignment["roleid"] not in call.data["roles"]
            or assignment["userid"] not in call.data["users"]
        ):
            raise protocol.invalid_parameter()
        if "contextid" in assignment:
            contextid = assignment["contextid"]
            if contextid not in call.data["contexts"]:
                raise protocol.invalid_parameter()
        else:
            level = {
                "course": "course",
                "system": "system",
                "user": "user",
                "coursecat": "coursecat",
                "module": "module",
            }.get(assignment.get("contextlevel", ""), "")
            if not level:
                raise protocol.invalid_parameter()
            try:
                contextid = call.site.context_of(level, assignment.get("instanceid", 0))
            except KeyError:
                raise protocol.invalid_parameter() from None
        context = call.data["contexts"][contextid]
        courseid = context["instance"] if context["level"] == "course" else None
        call.require("moodle/role:assign", courseid)
        call.site.assign_role(assignment["userid"], assignment["roleid"], contextid)
    return None


# ---------------------------------------------------------------------------- calendar
def _event_raw(event: dict[str, Any]) -> dict[str, Any]:
    return {
        key: event[key]
        for key in (
            "id",
            "name",
            "description",
            "format",
            "courseid",
            "groupid",
            "userid",
            "modulename",
            "instance",
            "eventtype",
            "timestart",
            "timeduration",
            "visible",
            "uuid",
            "sequence",
            "timemodified",
            "subscriptionid",
        )
    }


def _event_listed(event: dict[str, Any], *, raw: bool) -> dict[str, Any]:
    record = {
        "id": event["id"],
        "name": event["name"],
        "description": event["description"],
        "format": event["format"],
        "courseid": event["courseid"],
        "categoryid": event["categoryid"],
        "groupid": event["groupid"],
        "userid": event["userid"],
        "repeatid": event["repeatid"],
        "modulename": event["modulename"],
        "instance": event["instance"],
        "eventtype": event["eventtype"],
        "timestart": event["timestart"],
        "timeduration": event["timeduration"],
        "visible": event["visible"],
    }
    if raw:
        record["uuid"] = event["uuid"]
    else:
        for key in ("categoryid", "groupid", "repeatid", "modulename", "instance"):
            record[key] = record[key] or None
    record.update(
        {
            "sequence": event["sequence"],
            "timemodified": event["timemodified"],
            "subscriptionid": event["subscriptionid"],
        }
    )
    return record


@function("core_calendar_create_calendar_events")
def create_calendar_events(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    events = []
    warnings = []
    for item in params["events"]:
        eventtype = item["eventtype"]
        courseid = item["courseid"] if eventtype in ("course", "group") else 0
        allowed = True
        if eventtype == "course":
            allowed = courseid in call.data["courses"] and call.can(
                "moodle/calendar:manageentries", courseid
            )
        elif eventtype == "group":
            group = call.data["groups"].get(item["groupid"])
            allowed = group is not None and call.can(
                "moodle/calendar:managegroupentries", group["courseid"]
            )
            courseid = group["courseid"] if group else courseid
        elif eventtype == "site":
            allowed = call.can("moodle/calendar:manageentries")
        if not allowed:
            warnings.append(
                {
                    "item": item["name"],
                    "warningcode": "nopermissions",
                    "message": "you do not have permissions to create this event",
                }
            )
            continue
        timestart = item["timestart"] if item["timestart"] is not None else int(time.time())
        eventid = call.site.add_event(
            name=item["name"],
            description=item["description"] or "",
            format=item["format"],
            courseid=courseid,
            groupid=item["groupid"] if eventtype == "group" else 0,
            userid=call.userid,
            eventtype=eventtype,
            timestart=timestart,
            timeduration=item["timeduration"],
            visible=item["visible"],
        )
        events.append(_event_raw(call.data["events"][eventid]))
    return {"events": events, "warnings": warnings}


@function("core_calendar_get_calendar_events")
def get_calendar_events(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    selection, options = params["events"], params["options"]
    by_id = set(selection.get("eventids") or [])
    courseids = set(selection.get("courseids") or [])
    groupids = set(selection.get("groupids") or [])
    listed: list[dict[str, Any]] = []
    seen: set[int] = set()
    timestart, timeend = options["timestart"], options["timeend"]

    def in_window(event: dict[str, Any]) -> bool:
        if options["ignorehidden"] and not event["visible"]:
            return False
        if timestart and event["timestart"] + event["timeduration"] < timestart:
            return False
        return not (timeend and event["timestart"] > timeend)

    def visible_to_caller(event: dict[str, Any]) -> bool:
        if event["eventtype"] == "user":
            return event["userid"] == call.userid
        if event["courseid"]:
            return call.site.is_enrolled(event["courseid"], call.userid) or call.can(
                "moodle/course:update", event["courseid"]
            )
        return True

    ordered = sorted(call.data["events"].values(), key=lambda e: (e["timestart"], e["id"]))
    for event in ordered:
        matched = (
            (
                options["userevents"]
                and event["eventtype"] == "user"
                and event["userid"] == call.userid
            )
            or (options["siteevents"] and event["eventtype"] == "site")
            or (event["courseid"] in courseids and event["eventtype"] not in ("user", "group"))
            or (event["groupid"] and event["groupid"] in groupids)
        )
        if matched and in_window(event) and visible_to_caller(event):
            listed.append(_event_listed(event, raw=False))
            seen.add(event["id"])
    for eventid in sorted(by_id):
        event = call.data["events"].get(eventid)
        if event is None or event["id"] in seen or not visible_to_caller(event):
            continue
        listed.append(_event_listed(event, raw=True))
    return {"events": listed, "warnings": []}


@function("core_calendar_delete_calendar_events")
def delete_calendar_events(call: Call, params: dict[str, Any]) -> None:
    for item in params["events"]:
        event = call.data["events"].get(item["eventid"])
        if event is None:
            raise protocol.missing_record(call.version, "event")
        if event["eventtype"] == "user":
            allowed = event["userid"] == call.userid or call.can("moodle/calendar:manageentries")
        else:
            allowed = call.can("moodle/calendar:manageentries", event["courseid"] or None)
        if not allowed:
            raise protocol.no_permissions("Manage any calendar entries")
        call.data["events"].pop(event["id"])
    return None


# ---------------------------------------------------------------------------- messages
@function("core_message_send_instant_messages")
def send_instant_messages(call: Call, params: dict[str, Any]) -> list[dict[str, Any]]:
    call.require("moodle/site:sendmessage")
    result = []
    for message in params["messages"]:
        recipient = call.data["users"].get(message["touserid"])
        if recipient is None or recipient["deleted"]:
            record: dict[str, Any] = {"msgid": -1}
            if "clientmsgid" in message:
                record["clientmsgid"] = message["clientmsgid"]
            record["errormessage"] = (
                f"You cannot send a message to a user ID ({message['touserid']}) "
                "that doesn't exist."
            )
            record["candeletemessagesforallusers"] = False
            result.append(record)
            continue
        text = message["text"]
        if message["textformat"] in (0, 1) and not text.lstrip().startswith("<p"):
            text = f"<p>{text}</p>"
        msgid = call.site._next_id("messages")
        conversation = _conversation(call, call.userid, recipient["id"])
        now = int(time.time())
        call.data["messages"][msgid] = {
            "id": msgid,
            "useridfrom": call.userid,
            "useridto": recipient["id"],
            "text": text,
            "timecreated": now,
            "conversationid": conversation,
        }
        record = {"msgid": msgid}
        if "clientmsgid" in message:
            record["clientmsgid"] = message["clientmsgid"]
        record.update(
            {
                "text": text,
                "timecreated": now,
                "conversationid": conversation,
                "useridfrom": call.userid,
                "candeletemessagesforallusers": call.site.is_siteadmin(call.userid),
            }
        )
        result.append(record)
    if any(r["msgid"] == -1 for r in result) and any(r["msgid"] != -1 for r in result):
        # Real Moodle (4.5 and 5.1) posts the valid messages, then fails the whole call
        # while decorating the results: the failed ones have no message record, and
        # validate_format(null) throws. The messages already posted stay sent.
        raise protocol.moodle_error("formatnotsupported", "webservice/formatnotsupported")
    return result


def _conversation(call: Call, userfrom: int, userto: int) -> int:
    members = tuple(sorted({userfrom, userto}))
    for message in call.data["messages"].values():
        if tuple(sorted({message["useridfrom"], message["useridto"]})) == members:
            conversation: int = message["conversationid"]
            return conversation
    return call.site._next_id("message_conversations")


# ---------------------------------------------------------------------------- files
def _draft_url(call: Call, f: dict[str, Any]) -> str:
    return call.url(
        f"/draftfile.php/{f['contextid']}/user/draft/{f['itemid']}{quote(f['filepath'])}{quote(f['filename'])}"
    )


@function("core_files_get_files")
def get_files(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    contextid = params["contextid"]
    if contextid == -1:
        level = params.get("contextlevel") or ""
        try:
            contextid = call.site.context_of(level, params.get("instanceid") or 0)
        except KeyError:
            raise protocol.invalid_parameter() from None
    context = call.data["contexts"].get(contextid)
    if context is None:
        raise protocol.invalid_parameter()
    if context["level"] == "user" and context["instance"] != call.userid:
        raise protocol.no_permissions("View user profiles")
    files = [
        f
        for f in call.site.area_files(
            contextid, params["component"], params["filearea"], params["itemid"]
        )
        if f["filepath"] == params["filepath"]
        and (not params["filename"] or f["filename"] == params["filename"])
        and (not params.get("modified") or f["timemodified"] >= params["modified"])
    ]
    parents: list[dict[str, Any]] = []
    if context["level"] != "user":
        parents = _context_parents(call, contextid)
    listed = []
    for f in files:
        if f["filearea"] == "draft":
            url = _draft_url(call, f)
        else:
            url = call.site.pluginfile_url(f, webservice=False, with_itemid=f["itemid"] != 0)
        listed.append(
            {
                "contextid": f["contextid"],
                "component": f["component"],
                "filearea": f["filearea"],
                "itemid": f["itemid"],
                "filepath": f["filepath"],
                "filename": f["filename"],
                "isdir": False,
                "url": url,
                "timemodified": f["timemodified"],
                "timecreated": f["timecreated"],
                "filesize": f["filesize"],
                "author": f["author"],
                "license": f["license"],
            }
        )
    return {"parents": parents, "files": listed}


def _context_parents(call: Call, contextid: int) -> list[dict[str, Any]]:
    def entry(ctx: int, name: str) -> dict[str, Any]:
        return {
            "contextid": ctx,
            "component": None,
            "filearea": None,
            "itemid": None,
            "filepath": None,
            "filename": name,
        }

    parents = [entry(1, "System")]
    context = call.data["contexts"][contextid]
    course = None
    if context["level"] == "module":
        cm = call.data["cms"][context["instance"]]
        course = call.data["courses"][cm["course"]]
    elif context["level"] == "course":
        course = call.data["courses"][context["instance"]]
    if course is not None:
        category = call.data["categories"].get(course["category"])
        if category:
            parents.append(entry(category["contextid"], category["name"]))
        parents.append(entry(course["contextid"], course["fullname"]))
    if context["level"] == "module":
        cm = call.data["cms"][context["instance"]]
        parents.append(entry(contextid, call.site.cm_name(cm)))
    return parents


@function("core_files_upload")
def files_upload(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    if params["filearea"] != "draft" or params["component"] != "user":
        raise protocol.coding_error("File can be uploaded to user draft area only")
    contextid = call.site.context_of("user", call.userid)
    itemid = params["itemid"] or call.site.new_draft_itemid()
    content = base64.b64decode(params["filecontent"])
    user = call.data["users"][call.userid]
    fileid = call.site.add_file(
        contextid=contextid,
        component="user",
        filearea="draft",
        itemid=itemid,
        filepath=params["filepath"],
        filename=params["filename"],
        content=content,
        userid=call.userid,
    )
    f = call.data["files"][fileid]
    del user
    return {
        "contextid": contextid,
        "component": "user",
        "filearea": "draft",
        "itemid": itemid,
        "filepath": f["filepath"],
        "filename": f["filename"],
        "url": _draft_url(call, f),
    }


__all__ = ["FUNCTIONS", "Call", "file_icon"]
