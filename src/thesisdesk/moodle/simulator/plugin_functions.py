"""The `local_thesisdesk` plugin's functions, as the simulator plays them.

Semantics (shared with the PHP plugin, see the catalogue's local_thesisdesk.json):
every item carries a `key` unique within the course; optional fields left out are not
changed on update; each item answers `status` created / updated / unchanged / deleted /
error (with `errorcode` and `message`), and a failed item does not undo the others.
`fingerprint` is stored and returned by get_state. Mappings (key -> Moodle object) live in
the site's `mappings` table, the simulator's stand-in for the plugin's own tables.

Per-item errorcodes (the same as the PHP plugin's): invalidkey (also a key used for
another kind), duplicatekey, unknownsectionkey (also an unknown afterkey), unknowngroupkey
(also a group event without a group), unknowngroup, unknowngrouping, groupnametaken,
unknownuser, usernotenrolled, invalidmaxfiles, invaliddate, cutoffbeforedue, duebeforeallow,
invalideventtype, invalidduration, invalidtype, nofiles, unknownkey, deleted, notapplicable,
unknowncourse.
"""

from __future__ import annotations

import time
from typing import Any

from . import protocol
from .core_functions import FUNCTIONS, Call, function

# In the order get_state lists them (the plugin's order).
KINDS = ("section", "assignment", "resource", "folder", "group", "event", "subject")


class ItemError(Exception):
    def __init__(self, errorcode: str, message: str) -> None:
        super().__init__(message)
        self.errorcode = errorcode
        self.message = message


def _course(
    call: Call, courseid: int, capability: str = "local/thesisdesk:manage"
) -> dict[str, Any]:
    course = call.site.course(courseid)
    call.require(capability, courseid)
    return course


def _mapping_key(courseid: int, key: str) -> str:
    return f"{courseid}|{key}"


def _mapping(call: Call, courseid: int, key: str) -> dict[str, Any] | None:
    mapping: dict[str, Any] | None = call.data["mappings"].get(_mapping_key(courseid, key))
    return mapping


def _save_mapping(
    call: Call,
    courseid: int,
    key: str,
    kind: str,
    objectid: int,
    fingerprint: str | None,
    **extra: Any,
) -> dict[str, Any]:
    mapping = _mapping(call, courseid, key) or {
        "courseid": courseid,
        "key": key,
        "kind": kind,
        "fingerprint": "",
        "order": len(call.data["mappings"]),
    }
    mapping.update({"kind": kind, "objectid": objectid, "timemodified": int(time.time()), **extra})
    if fingerprint is not None:
        mapping["fingerprint"] = fingerprint
    call.data["mappings"][_mapping_key(courseid, key)] = mapping
    return mapping


def _check_key(key: str) -> None:
    if not key or len(key) > 255:
        raise ItemError("invalidkey", "A key must have between 1 and 255 characters.")


def _existing(
    call: Call, courseid: int, key: str, kind: str | tuple[str, ...]
) -> tuple[dict[str, Any] | None, Any]:
    """The item's mapping and its Moodle object (None when deleted by hand)."""
    mapping = _mapping(call, courseid, key)
    kinds = (kind,) if isinstance(kind, str) else kind
    if mapping is None:
        return None, None
    if mapping["kind"] not in kinds:
        raise ItemError("invalidkey", f"The key {key} is already used for a {mapping['kind']}.")
    table = {
        "section": "sections",
        "assignment": "cms",
        "resource": "cms",
        "folder": "cms",
        "group": "groups",
        "event": "events",
        "subject": "subjects",
    }[mapping["kind"]]
    return mapping, call.data[table].get(mapping["objectid"])


def _result(key: str, status: str, **fields: Any) -> dict[str, Any]:
    return {"key": key, **fields, "status": status}


def _error(key: str, error: ItemError) -> dict[str, Any]:
    return {"key": key, "status": "error", "errorcode": error.errorcode, "message": error.message}


def _group_restriction(
    call: Call, courseid: int, item: dict[str, Any]
) -> tuple[bool, int | None, int | None]:
    """(given, groupid, groupingid) from groupkey / groupid / groupingid."""
    groupid: int | None = None
    groupingid: int | None = None
    given = False
    if "groupkey" in item:
        given = True
        if item["groupkey"] == "":
            groupid = 0
        else:
            mapping = _mapping(call, courseid, item["groupkey"])
            if (
                mapping is None
                or mapping["kind"] != "group"
                or mapping["objectid"] not in call.data["groups"]
            ):
                raise ItemError(
                    "unknowngroupkey", f"No group has the key {item['groupkey']} in this course."
                )
            groupid = mapping["objectid"]
    elif "groupid" in item:
        given = True
        groupid = item["groupid"]
        if groupid and (
            groupid not in call.data["groups"]
            or call.data["groups"][groupid]["courseid"] != courseid
        ):
            raise ItemError("unknowngroup", f"Group {groupid} is not a group of this course.")
    if "groupingid" in item:
        given = True
        groupingid = item["groupingid"]
        if groupingid:  # the simulator has no groupings
            raise ItemError("unknowngrouping", f"Grouping {groupingid} is not in this course.")
    return given, groupid, groupingid


def _availability(groupid: int | None, groupingid: int | None) -> dict[str, Any] | None:
    conditions = []
    if groupid:
        conditions.append({"type": "group", "id": groupid})
    if groupingid:
        conditions.append({"type": "grouping", "id": groupingid})
    if not conditions:
        return None
    return {"op": "&", "c": conditions, "showc": [False] * len(conditions)}


def _restriction_of(availability: dict[str, Any] | None) -> tuple[int, int]:
    groupid = groupingid = 0
    for condition in (availability or {}).get("c", []):
        if condition["type"] == "group":
            groupid = condition["id"]
        elif condition["type"] == "grouping":
            groupingid = condition["id"]
    return groupid, groupingid


def _merge_restriction(
    current: dict[str, Any] | None, groupid: int | None, groupingid: int | None
) -> dict[str, Any] | None:
    old_group, old_grouping = _restriction_of(current)
    return _availability(
        old_group if groupid is None else groupid,
        old_grouping if groupingid is None else groupingid,
    )


def _per_item(items: list[dict[str, Any]], handle: Any) -> list[dict[str, Any]]:
    results = []
    seen: set[str] = set()
    for item in items:
        try:
            _check_key(item["key"])
            if item["key"] in seen:
                raise ItemError(
                    "duplicatekey", f"The key {item['key']} appears twice in this call."
                )
            seen.add(item["key"])
            results.append(handle(item))
        except ItemError as error:
            results.append(_error(item["key"], error))
    return results


# ---------------------------------------------------------------------------- sections
@function("local_thesisdesk_sync_sections")
def sync_sections(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    course = _course(call, params["courseid"])
    courseid = course["id"]
    site = call.site

    def position_after(afterkey: str) -> int:
        if afterkey == "":
            return 1
        _mapping_found, section = _existing(call, courseid, afterkey, "section")
        if section is None:
            raise ItemError(
                "unknownsectionkey", f"No section has the key {afterkey} in this course."
            )
        number: int = section["section"]
        return number + 1

    def handle(item: dict[str, Any]) -> dict[str, Any]:
        key = item["key"]
        mapping, section = _existing(call, courseid, key, "section")
        given, groupid, groupingid = _group_restriction(call, courseid, item)
        position = position_after(item["afterkey"]) if "afterkey" in item else None
        if section is None:
            sectionid = site.create_section(
                courseid,
                name=item["name"],
                summary=item.get("summary", ""),
                visible=item.get("visible", True),
                position=position,
            )
            section = site.data["sections"][sectionid]
            section["summaryformat"] = item["summaryformat"]
            section["availability"] = _availability(groupid, groupingid)
            _save_mapping(call, courseid, key, "section", sectionid, item.get("fingerprint"))
            return _result(key, "created", sectionid=sectionid, sectionnum=section["section"])
        changed = False
        if section["name"] != item["name"]:
            section["name"] = item["name"]
            changed = True
        for field in ("summary", "summaryformat"):
            if field in item and section[field] != item[field]:
                section[field] = item[field]
                changed = True
        if "visible" in item and section["visible"] != item["visible"]:
            site.set_section_visible(section["id"], item["visible"])
            changed = True
        if given:
            availability = _merge_restriction(section["availability"], groupid, groupingid)
            if availability != section["availability"]:
                section["availability"] = availability
                changed = True
        if position is not None:
            target = position if position <= section["section"] else position - 1
            if target != section["section"]:
                site.move_section(section["id"], target)
                changed = True
        if (
            item.get("fingerprint") is not None
            and mapping
            and mapping["fingerprint"] != item["fingerprint"]
        ):
            changed = True
        if changed:
            section["timemodified"] = int(time.time())
            site._touch_course(courseid)
            _save_mapping(call, courseid, key, "section", section["id"], item.get("fingerprint"))
        return _result(
            key,
            "updated" if changed else "unchanged",
            sectionid=section["id"],
            sectionnum=section["section"],
        )

    return {"sections": _per_item(params["sections"], handle), "warnings": []}


# ---------------------------------------------------------------------------- assignments
_ASSIGN_FIELDS = (
    "intro",
    "introformat",
    "allowsubmissionsfromdate",
    "duedate",
    "cutoffdate",
    "gradingduedate",
    "maxfiles",
    "maxbytes",
    "filetypes",
    "requiresubmissionstatement",
    "sendnotifications",
    "sendlatenotifications",
    "grade",
)


@function("local_thesisdesk_sync_assignments")
def sync_assignments(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    course = _course(call, params["courseid"])
    courseid = course["id"]
    site = call.site

    def handle(item: dict[str, Any]) -> dict[str, Any]:
        key = item["key"]
        _smapping, section = _existing(call, courseid, item["sectionkey"], "section")
        if section is None:
            raise ItemError(
                "unknownsectionkey", f"No section has the key {item['sectionkey']} in this course."
            )
        mapping, cm = _existing(call, courseid, key, "assignment")
        given, groupid, _grouping = _group_restriction(call, courseid, item)
        fields: dict[str, Any] = {}
        for field in _ASSIGN_FIELDS:
            if field in item:
                value = item[field]
                fields[field] = (
                    int(value) if isinstance(value, bool) and field != "filetypes" else value
                )
        if "maxfiles" in fields and not 1 <= fields["maxfiles"] <= 100:
            raise ItemError("invalidmaxfiles", "maxfiles must be between 1 and 100.")
        for field in ("allowsubmissionsfromdate", "duedate", "cutoffdate", "gradingduedate"):
            if item.get(field, 0) < 0:
                raise ItemError("invaliddate", f"{field} cannot be negative.")
        if item.get("duedate") and item.get("cutoffdate") and item["cutoffdate"] < item["duedate"]:
            raise ItemError("cutoffbeforedue", "The cut-off date is before the due date.")
        due, allow = item.get("duedate"), item.get("allowsubmissionsfromdate")
        if due and allow and due < allow:
            raise ItemError("duebeforeallow", "The due date is before submissions open.")
        if cm is None:
            cmid, assignid = site.create_assign(
                courseid,
                section["id"],
                item["name"],
                visible=item.get("visible", True),
                availability=_availability(groupid, None),
                **fields,
            )
            _save_mapping(
                call,
                courseid,
                key,
                "assignment",
                cmid,
                item.get("fingerprint"),
                instanceid=assignid,
            )
            return _result(key, "created", cmid=cmid, assignid=assignid)
        assign = site.data["assigns"][cm["instance"]]
        changes = {k: v for k, v in fields.items() if assign.get(k) != v}
        if assign["name"] != item["name"]:
            changes["name"] = item["name"]
        changed = bool(changes)
        if changes:
            site.update_assign(assign["id"], changes)
        if not assign["filesubmissions"]:
            site.update_assign(assign["id"], {"filesubmissions": True})
            changed = True
        if cm["section"] != section["id"]:
            site.data["sections"][cm["section"]]["sequence"].remove(cm["id"])
            section["sequence"].append(cm["id"])
            cm["section"] = section["id"]
            changed = True
        if "visible" in item and cm["visible"] != item["visible"]:
            cm["visible"] = cm["visibleold"] = item["visible"]
            changed = True
        if given:
            availability = _merge_restriction(cm["availability"], groupid, None)
            if availability != cm["availability"]:
                cm["availability"] = availability
                changed = True
        if (
            item.get("fingerprint") is not None
            and mapping
            and mapping["fingerprint"] != item["fingerprint"]
        ):
            changed = True
        if changed:
            site._touch_course(courseid)
            _save_mapping(
                call,
                courseid,
                key,
                "assignment",
                cm["id"],
                item.get("fingerprint"),
                instanceid=assign["id"],
            )
        return _result(
            key, "updated" if changed else "unchanged", cmid=cm["id"], assignid=assign["id"]
        )

    return {"assignments": _per_item(params["assignments"], handle), "warnings": []}


# ---------------------------------------------------------------------------- groups
@function("local_thesisdesk_sync_groups")
def sync_groups(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    course = _course(call, params["courseid"])
    courseid = course["id"]
    site = call.site

    def handle(item: dict[str, Any]) -> dict[str, Any]:
        key = item["key"]
        mapping, group = _existing(call, courseid, key, "group")
        members = list(dict.fromkeys(item.get("members", [])))
        for userid in members:
            if not site.is_enrolled(courseid, userid):
                user = call.data["users"].get(userid)
                if user is None or user["deleted"]:
                    raise ItemError("unknownuser", f"User {userid} does not exist.")
                raise ItemError("usernotenrolled", f"User {userid} is not enrolled in this course.")
        if site.group_name_taken(courseid, item["name"], exclude=group["id"] if group else None):
            raise ItemError(
                "groupnametaken", f"A group named {item['name']} already exists in this course."
            )
        status = "unchanged"
        if group is None:
            groupid = site.create_group(courseid, item["name"], item.get("description", ""))
            group = call.data["groups"][groupid]
            status = "created"
        else:
            if group["name"] != item["name"]:
                group["name"] = item["name"]
                status = "updated"
            if "description" in item and group["description"] != item["description"]:
                group["description"] = item["description"]
                status = "updated"
        added = [u for u in members if u not in group["members"]]
        removed = [u for u in group["members"] if u not in members]
        group["members"] = [u for u in group["members"] if u in members] + added
        if (added or removed) and status == "unchanged":
            status = "updated"
        if (
            item.get("fingerprint") is not None
            and mapping
            and mapping["fingerprint"] != item["fingerprint"]
            and status == "unchanged"
        ):
            status = "updated"
        if status != "unchanged":
            _save_mapping(call, courseid, key, "group", group["id"], item.get("fingerprint"))
        return _result(key, status, groupid=group["id"], added=len(added), removed=len(removed))

    return {"groups": _per_item(params["groups"], handle), "warnings": []}


# ---------------------------------------------------------------------------- events
@function("local_thesisdesk_sync_events")
def sync_events(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    course = _course(call, params["courseid"])
    courseid = course["id"]
    site = call.site

    def handle(item: dict[str, Any]) -> dict[str, Any]:
        key = item["key"]
        mapping, event = _existing(call, courseid, key, "event")
        if item["delete"]:
            if mapping is None:
                return _result(key, "unchanged")
            if event is not None:
                call.data["events"].pop(event["id"])
            call.data["mappings"].pop(_mapping_key(courseid, key))
            return _result(key, "deleted", eventid=mapping["objectid"])
        eventtype = item["eventtype"]
        if eventtype not in ("course", "group"):
            raise ItemError("invalideventtype", "eventtype must be course or group.")
        groupid = 0
        if eventtype == "group":
            given, found, _grouping = _group_restriction(call, courseid, item)
            if not given or not found:
                raise ItemError(
                    "unknowngroupkey",
                    "A group event needs a group key or group id.",
                )
            groupid = found
        if item["timeduration"] < 0:
            raise ItemError("invalidduration", "timeduration cannot be negative.")
        values = {
            "name": item["name"],
            "timestart": item["timestart"],
            "timeduration": item["timeduration"],
            "eventtype": eventtype,
            "groupid": groupid,
            "courseid": courseid,
        }
        if "description" in item:
            values["description"] = item["description"]
        if "visible" in item:
            values["visible"] = int(item["visible"])
        if event is None:
            eventid = site.add_event(userid=call.userid, **values)
            _save_mapping(call, courseid, key, "event", eventid, item.get("fingerprint"))
            return _result(key, "created", eventid=eventid)
        changes = {k: v for k, v in values.items() if event.get(k) != v}
        fingerprint_changed = (
            item.get("fingerprint") is not None
            and mapping is not None
            and mapping["fingerprint"] != item["fingerprint"]
        )
        if changes:
            event.update(changes)
            event["timemodified"] = int(time.time())
            event["sequence"] += 1
        if changes or fingerprint_changed:
            _save_mapping(call, courseid, key, "event", event["id"], item.get("fingerprint"))
        return _result(
            key, "updated" if changes or fingerprint_changed else "unchanged", eventid=event["id"]
        )

    return {"events": _per_item(params["events"], handle), "warnings": []}


# ---------------------------------------------------------------------------- subjects
_SUBJECT_FIELDS = ("title", "description", "supervisors", "keywords", "placesleft", "sortorder")


@function("local_thesisdesk_sync_subjects")
def sync_subjects(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    course = _course(call, params["courseid"])
    courseid = course["id"]
    site = call.site
    items = params.get("subjects") or []
    listed = {item["key"] for item in items}

    def handle(item: dict[str, Any]) -> dict[str, Any]:
        key = item["key"]
        mapping, subject = _existing(call, courseid, key, "subject")
        values = {field: item[field] for field in _SUBJECT_FIELDS}
        if subject is None:
            subjectid = site._next_id("local_thesisdesk_subject")
            call.data["subjects"][subjectid] = {
                "id": subjectid,
                "courseid": courseid,
                "key": key,
                **values,
            }
            _save_mapping(call, courseid, key, "subject", subjectid, item.get("fingerprint"))
            return _result(key, "created", subjectid=subjectid)
        changed = any(subject[field] != value for field, value in values.items())
        changed = changed or (
            item.get("fingerprint") is not None
            and mapping is not None
            and mapping["fingerprint"] != item["fingerprint"]
        )
        subject.update(values)
        if changed:
            _save_mapping(call, courseid, key, "subject", subject["id"], item.get("fingerprint"))
        return _result(key, "updated" if changed else "unchanged", subjectid=subject["id"])

    results = _per_item(items, handle)
    removed = 0
    if params["replace"]:
        for mapping_key, mapping in list(call.data["mappings"].items()):
            if (
                mapping["courseid"] == courseid
                and mapping["kind"] == "subject"
                and mapping["key"] not in listed
            ):
                call.data["subjects"].pop(mapping["objectid"], None)
                call.data["mappings"].pop(mapping_key)
                removed += 1
    return {"subjects": results, "removed": removed, "warnings": []}


# ---------------------------------------------------------------------------- files
@function("local_thesisdesk_publish_files")
def publish_files(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    course = _course(call, params["courseid"])
    courseid = course["id"]
    site = call.site
    user_context = site.context_of("user", call.userid)

    def handle(item: dict[str, Any]) -> dict[str, Any]:
        key = item["key"]
        kind = item["type"]
        if kind not in ("resource", "folder"):
            raise ItemError("invalidtype", "type must be resource or folder.")
        if item["sectionkey"]:
            _smapping, section = _existing(call, courseid, item["sectionkey"], "section")
            if section is None:
                raise ItemError(
                    "unknownsectionkey",
                    f"No section has the key {item['sectionkey']} in this course.",
                )
        else:
            section = site.course_sections(courseid)[0]
        drafts = site.area_files(user_context, "user", "draft", item["draftitemid"])
        if not drafts:
            raise ItemError("nofiles", f"The draft area {item['draftitemid']} holds no file.")
        _mapping_found, cm = _existing(call, courseid, key, ("resource", "folder"))
        status = "updated"
        if cm is not None and cm["module"] != kind:
            raise ItemError("invalidkey", f"The key {key} is already used for a {cm['module']}.")
        if cm is None:
            instance = site._next_id(kind)
            call.data["resources"][instance] = {
                "id": instance,
                "name": item["name"],
                "intro": item.get("intro", ""),
            }
            cmid = site.create_cm(
                courseid,
                section["id"],
                kind,
                instance,
                name=item["name"],
                visible=item.get("visible", True),
            )
            cm = call.data["cms"][cmid]
            status = "created"
        else:
            resource = call.data["resources"][cm["instance"]]
            resource["name"] = item["name"]
            if "intro" in item:
                resource["intro"] = item["intro"]
            if "visible" in item:
                cm["visible"] = cm["visibleold"] = item["visible"]
            if cm["section"] != section["id"]:
                site.data["sections"][cm["section"]]["sequence"].remove(cm["id"])
                section["sequence"].append(cm["id"])
                cm["section"] = section["id"]
        for old in site.area_files(cm["contextid"], f"mod_{kind}", "content", 0):
            call.data["files"].pop(old["id"])
        for draft in drafts:
            site.add_file(
                contextid=cm["contextid"],
                component=f"mod_{kind}",
                filearea="content",
                itemid=0,
                filepath=draft["filepath"],
                filename=draft["filename"],
                content=site.get_blob(draft["blob"]),
                userid=call.userid,
                author=draft["author"],
                license=draft["license"],
            )
        _save_mapping(
            call, courseid, key, kind, cm["id"], item.get("fingerprint"), instanceid=cm["instance"]
        )
        site._touch_course(courseid)
        return _result(key, status, cmid=cm["id"], files=len(drafts))

    return {"items": _per_item(params["items"], handle), "warnings": []}


# ---------------------------------------------------------------------------- visibility, deletion
@function("local_thesisdesk_set_visibility")
def set_visibility(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    course = _course(call, params["courseid"])
    courseid = course["id"]
    site = call.site

    def handle(item: dict[str, Any]) -> dict[str, Any]:
        key = item["key"]
        mapping = _mapping(call, courseid, key)
        if mapping is None:
            raise ItemError("unknownkey", f"Nothing has the key {key} in this course.")
        _mapping_found, target = _existing(call, courseid, key, KINDS)
        if target is None:
            raise ItemError("deleted", f"The Moodle object of {key} was deleted.")
        visible = item["visible"]
        kind = mapping["kind"]
        if kind == "section":
            changed = target["visible"] != visible
            if changed:
                site.set_section_visible(target["id"], visible)
        elif kind in ("assignment", "resource", "folder"):
            changed = target["visible"] != visible
            target["visible"] = target["visibleold"] = visible
        elif kind == "event":
            changed = bool(target["visible"]) != visible
            target["visible"] = int(visible)
        else:
            raise ItemError("notapplicable", f"A {kind} has no visibility.")
        if changed:
            site._touch_course(courseid)
        return _result(key, "updated" if changed else "unchanged")

    return {"items": _per_item(params["items"], handle), "warnings": []}


@function("local_thesisdesk_delete_items")
def delete_items(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    course = _course(call, params["courseid"])
    courseid = course["id"]
    site = call.site
    results = []
    for key in params["keys"]:
        mapping = _mapping(call, courseid, key)
        if mapping is None:
            results.append(
                _error(key, ItemError("unknownkey", f"Nothing has the key {key} in this course."))
            )
            continue
        kind, objectid = mapping["kind"], mapping["objectid"]
        if kind == "section" and objectid in site.data["sections"]:
            site.remove_section(objectid)
        elif kind in ("assignment", "resource", "folder"):
            site.remove_cm(objectid)
        elif kind == "group":
            site.remove_group(objectid)
        elif kind == "event":
            call.data["events"].pop(objectid, None)
        elif kind == "subject":
            call.data["subjects"].pop(objectid, None)
        call.data["mappings"].pop(_mapping_key(courseid, key))
        results.append(_result(key, "deleted"))
    return {"items": results, "warnings": []}


# ---------------------------------------------------------------------------- reads
def _state_item(
    call: Call, mapping: dict[str, Any], section_keys: dict[int, str]
) -> dict[str, Any]:
    site = call.site
    kind, objectid = mapping["kind"], mapping["objectid"]
    item: dict[str, Any] = {"key": mapping["key"], "kind": kind}
    tail = {"fingerprint": mapping["fingerprint"], "timemodified": mapping["timemodified"]}
    if kind == "section":
        section = site.data["sections"].get(objectid)
        if section is None:
            return {**item, "exists": False, "id": objectid, **tail}
        groupid, groupingid = _restriction_of(section["availability"])
        return {
            **item,
            "exists": True,
            "id": objectid,
            "sectionnum": section["section"],
            "name": section["name"] or "",  # the stored name, as the plugin reads it
            "visible": bool(section["visible"]),
            "summary": section["summary"],
            "groupid": groupid,
            "groupingid": groupingid,
            **tail,
        }
    if kind in ("assignment", "resource", "folder"):
        cm = site.data["cms"].get(objectid)
        if cm is None:
            return {
                **item,
                "exists": False,
                "id": objectid,
                "instanceid": mapping.get("instanceid", 0),
                **tail,
            }
        section = site.data["sections"][cm["section"]]
        groupid, groupingid = _restriction_of(cm["availability"])
        record = {
            **item,
            "exists": True,
            "id": objectid,
            "instanceid": cm["instance"],
            "sectionnum": section["section"],
        }
        if section["id"] in section_keys:  # left out when the section is not managed
            record["sectionkey"] = section_keys[section["id"]]
        record.update({"name": site.cm_name(cm), "visible": bool(cm["visible"])})
        if kind == "assignment":
            assign = site.data["assigns"][cm["instance"]]
            record.update(
                {
                    "summary": assign["intro"],
                    "groupid": groupid,
                    "groupingid": groupingid,
                    "allowsubmissionsfromdate": assign["allowsubmissionsfromdate"],
                    "duedate": assign["duedate"],
                    "cutoffdate": assign["cutoffdate"],
                    "gradingduedate": assign["gradingduedate"],
                    "maxfiles": assign["maxfiles"],
                    "maxbytes": assign["maxbytes"],
                    "filetypes": assign["filetypes"],
                    "filesubmissions": bool(assign["filesubmissions"]),
                }
            )
        else:
            resource = site.data["resources"].get(cm["instance"], {})
            record["summary"] = resource.get("intro", "")
            record["groupid"] = groupid
            record["groupingid"] = groupingid
            record["files"] = len(site.area_files(cm["contextid"], f"mod_{kind}", "content", 0))
        return {**record, **tail}
    if kind == "group":
        group = site.data["groups"].get(objectid)
        if group is None:
            return {**item, "exists": False, "id": objectid, **tail}
        return {
            **item,
            "exists": True,
            "id": objectid,
            "name": group["name"],
            "summary": group["description"],
            "members": list(group["members"]),
            **tail,
        }
    if kind == "event":
        event = site.data["events"].get(objectid)
        if event is None:
            return {**item, "exists": False, "id": objectid, **tail}
        return {
            **item,
            "exists": True,
            "id": objectid,
            "name": event["name"],
            "visible": bool(event["visible"]),
            "summary": event["description"],
            "groupid": event["groupid"],
            "timestart": event["timestart"],
            "timeduration": event["timeduration"],
            "eventtype": event["eventtype"],
            **tail,
        }
    subject = call.data["subjects"].get(objectid)
    if subject is None:
        return {**item, "exists": False, "id": objectid, **tail}
    return {
        **item,
        "exists": True,
        "id": objectid,
        "name": subject["title"],
        "summary": subject["description"],
        **tail,
    }


def _course_mappings(call: Call, courseid: int) -> list[dict[str, Any]]:
    mappings = [m for m in call.data["mappings"].values() if m["courseid"] == courseid]
    return sorted(mappings, key=lambda m: m["order"])


@function("local_thesisdesk_get_state")
def get_state(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    course = _course(call, params["courseid"], "local/thesisdesk:view")
    kinds = set(params.get("kinds") or KINDS)
    mappings = _course_mappings(call, course["id"])
    section_keys = {m["objectid"]: m["key"] for m in mappings if m["kind"] == "section"}
    # Grouped by kind in KINDS order, like the plugin's get_state.
    ordered = sorted(
        (m for m in mappings if m["kind"] in kinds),
        key=lambda m: (KINDS.index(m["kind"]), m["order"]),
    )
    items = [_state_item(call, m, section_keys) for m in ordered]
    return {"courseid": course["id"], "items": items, "warnings": []}


@function("local_thesisdesk_get_user_roles")
def get_user_roles(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    userid = params["userid"] or call.userid
    if userid != call.userid and not call.can("moodle/role:review"):
        raise protocol.no_permissions("Review permissions for others")
    if userid not in call.data["users"]:
        raise protocol.missing_record(call.version, "user")
    courseids = params.get("courseids")
    if courseids is None:
        courseids = [c["id"] for c in call.data["courses"].values() if userid in c["enrolled"]]
    courses = []
    warnings = []
    for courseid in courseids:
        course = call.data["courses"].get(courseid)
        if course is None:
            warnings.append(
                {
                    "item": "course",
                    "itemid": courseid,
                    "warningcode": "unknowncourse",
                    "message": f"Unknown course {courseid}",
                }
            )
            continue
        courses.append(
            {
                "courseid": courseid,
                "shortname": course["shortname"],
                "roles": [
                    role["shortname"] for role in call.site.user_roles_in_course(userid, courseid)
                ],
                "canmanage": call.site.has_capability(userid, "local/thesisdesk:manage", courseid),
                "canview": call.site.has_capability(userid, "local/thesisdesk:view", courseid),
            }
        )
    return {"userid": userid, "courses": courses, "warnings": warnings}


@function("local_thesisdesk_notify")
def notify(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    call.require("local/thesisdesk:notify")
    results = []
    for item in params["notifications"]:
        key = item["key"]
        try:
            _check_key(key)
        except ItemError as error:
            results.append(_error(key, error))
            continue
        existing = next((n for n in call.data["notifications"].values() if n["key"] == key), None)
        if existing is not None:
            results.append(
                _result(key, "unchanged", userid=existing["userid"], messageid=existing["id"])
            )
            continue
        user = call.data["users"].get(item["userid"])
        if user is None or user["deleted"]:
            results.append(
                _error(key, ItemError("unknownuser", f"User {item['userid']} does not exist."))
            )
            continue
        if item["courseid"] and item["courseid"] not in call.data["courses"]:
            unknown = ItemError("unknowncourse", f"Course {item['courseid']} does not exist.")
            results.append(_error(key, unknown))
            continue
        messageid = call.site._next_id("notifications")
        call.data["notifications"][messageid] = {
            "id": messageid,
            "key": key,
            "useridfrom": call.userid,
            "userid": item["userid"],
            "courseid": item["courseid"],
            "subject": item["subject"],
            "fullmessagehtml": item["fullmessagehtml"],
            "fullmessage": item["fullmessage"],
            "contexturl": item.get("contexturl", ""),
            "contexturlname": item.get("contexturlname", ""),
            "timecreated": int(time.time()),
        }
        results.append(_result(key, "created", userid=item["userid"], messageid=messageid))
    return {"notifications": results, "warnings": []}


__all__ = ["FUNCTIONS"]
