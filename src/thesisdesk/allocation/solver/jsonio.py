"""The JSON shapes of `thesisdesk allocate solve` (issue #7), to and from the dataclasses.

Input::

    {"students": [{"id": "s1", "ranking": ["p3", "p1"], "partner": null}],
     "subjects": [{"id": "p1", "supervisor": "t1", "capacity": 2, "min": 0,
                   "co_supervisors": [{"id": "t2", "weight": 0.5}]}],
     "supervisors": [{"id": "t1", "max_load": 4}],
     "locked": [{"student": "s9", "subject": "p2"}],
     "forbidden": [{"student": "s3", "subject": "p1"}],
     "options": {"objective": "min_rank_sum", "assign_unranked": false, "seed": 1}}

`co_supervisors` (ids or {id, weight}) and options `co_supervision_weight` and
`time_limit` are optional additions. Output::

    {"assignments": [{"student": "s1", "subject": "p3"}], "unassigned": ["s7"],
     "profile": [410, 52, 20, 8, 5, 0], "objective": {"assigned": 495, "rank_sum": 612},
     "optimal": true, "seconds": 0.12}
"""

from __future__ import annotations

from typing import Any

from .model import (
    OBJECTIVES,
    CoSupervision,
    Instance,
    InstanceError,
    Options,
    Result,
    Student,
    StudentSubject,
    Subject,
    Supervisor,
)


def _list(data: dict[str, Any], key: str, *, required: bool = False) -> list[Any]:
    if key not in data or data[key] is None:
        if required:
            raise InstanceError(f"The instance has no {key!r} list.", item=key)
        return []
    value = data[key]
    if not isinstance(value, list):
        raise InstanceError(f"{key!r} must be a list.", item=key)
    return value


def _object(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise InstanceError(f"{where} must be an object.", item=where)
    return value


def _text(value: Any, where: str) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int)) or value == "":
        raise InstanceError(f"{where} must be a non-empty id.", item=where)
    return str(value)


def _number(value: Any, where: str, *, integer: bool = False) -> Any:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InstanceError(f"{where} must be a number.", item=where)
    if integer and value != int(value):
        raise InstanceError(f"{where} must be a whole number.", item=where)
    return int(value) if integer else value


def instance_from_dict(data: Any) -> Instance:
    data = _object(data, "The instance")
    students = []
    for i, raw in enumerate(_list(data, "students", required=True)):
        raw = _object(raw, f"students[{i}]")
        sid = _text(raw.get("id"), f"students[{i}].id")
        ranking = raw.get("ranking") or []
        if not isinstance(ranking, list):
            raise InstanceError(f"Student {sid!r}: ranking must be a list.", item=sid)
        partner = raw.get("partner")
        students.append(
            Student(
                id=sid,
                ranking=tuple(_text(p, f"student {sid!r} ranking") for p in ranking),
                partner=None if partner is None else _text(partner, f"student {sid!r} partner"),
            )
        )
    subjects = []
    for i, raw in enumerate(_list(data, "subjects", required=True)):
        raw = _object(raw, f"subjects[{i}]")
        pid = _text(raw.get("id"), f"subjects[{i}].id")
        if "capacity" not in raw:
            raise InstanceError(f"Subject {pid!r} has no capacity.", item=pid)
        co = []
        for entry in raw.get("co_supervisors") or []:
            if isinstance(entry, dict):
                weight = entry.get("weight")
                co.append(
                    CoSupervision(
                        supervisor=_text(entry.get("id"), f"subject {pid!r} co-supervisor"),
                        weight=None
                        if weight is None
                        else _number(weight, f"subject {pid!r} weight"),
                    )
                )
            else:
                co.append(CoSupervision(supervisor=_text(entry, f"subject {pid!r} co-supervisor")))
        supervisor = raw.get("supervisor")
        subjects.append(
            Subject(
                id=pid,
                capacity=_number(raw["capacity"], f"subject {pid!r} capacity", integer=True),
                supervisor=None if supervisor is None else _text(supervisor, f"subject {pid!r}"),
                min=_number(raw.get("min") or 0, f"subject {pid!r} min", integer=True),
                co_supervisors=tuple(co),
            )
        )
    supervisors = []
    for i, raw in enumerate(_list(data, "supervisors")):
        raw = _object(raw, f"supervisors[{i}]")
        tid = _text(raw.get("id"), f"supervisors[{i}].id")
        load = raw.get("max_load")
        supervisors.append(
            Supervisor(
                id=tid, max_load=None if load is None else _number(load, f"supervisor {tid!r}")
            )
        )
    locked = [_pair(raw, "locked", i) for i, raw in enumerate(_list(data, "locked"))]
    forbidden = [_pair(raw, "forbidden", i) for i, raw in enumerate(_list(data, "forbidden"))]
    options = options_from_dict(data.get("options") or {})
    return Instance(
        students=tuple(students),
        subjects=tuple(subjects),
        supervisors=tuple(supervisors),
        locked=tuple(locked),
        forbidden=tuple(forbidden),
        options=options,
    )


def options_from_dict(raw: Any) -> Options:
    raw = _object(raw, "options")
    objective = raw.get("objective", "min_rank_sum")
    if objective not in OBJECTIVES:
        raise InstanceError(
            f"Unknown objective {objective!r}; expected one of {', '.join(OBJECTIVES)}.",
            item="options.objective",
        )
    time_limit = raw.get("time_limit")
    return Options(
        objective=objective,
        assign_unranked=bool(raw.get("assign_unranked", False)),
        seed=_number(raw.get("seed", 0), "options.seed", integer=True),
        co_supervision_weight=float(
            _number(raw.get("co_supervision_weight", 0.5), "options.co_supervision_weight")
        ),
        time_limit=None if time_limit is None else float(_number(time_limit, "options.time_limit")),
    )


def _pair(raw: Any, kind: str, i: int) -> StudentSubject:
    raw = _object(raw, f"{kind}[{i}]")
    return StudentSubject(
        student=_text(raw.get("student"), f"{kind}[{i}].student"),
        subject=_text(raw.get("subject"), f"{kind}[{i}].subject"),
    )


def instance_to_dict(instance: Instance) -> dict[str, Any]:
    options = instance.options
    return {
        "students": [
            {"id": s.id, "ranking": list(s.ranking), "partner": s.partner}
            for s in instance.students
        ],
        "subjects": [
            {
                "id": p.id,
                "supervisor": p.supervisor,
                "capacity": p.capacity,
                "min": p.min,
                **(
                    {
                        "co_supervisors": [
                            {"id": c.supervisor, "weight": c.weight} for c in p.co_supervisors
                        ]
                    }
                    if p.co_supervisors
                    else {}
                ),
            }
            for p in instance.subjects
        ],
        "supervisors": [{"id": t.id, "max_load": t.max_load} for t in instance.supervisors],
        "locked": [{"student": x.student, "subject": x.subject} for x in instance.locked],
        "forbidden": [{"student": x.student, "subject": x.subject} for x in instance.forbidden],
        "options": {
            "objective": options.objective,
            "assign_unranked": options.assign_unranked,
            "seed": options.seed,
            "co_supervision_weight": options.co_supervision_weight,
            **({"time_limit": options.time_limit} if options.time_limit else {}),
        },
    }


def result_to_dict(result: Result) -> dict[str, Any]:
    return {
        "assignments": [
            {"student": student, "subject": subject}
            for student, subject in result.assignments.items()
        ],
        "unassigned": list(result.unassigned),
        "profile": list(result.profile),
        "objective": {"assigned": result.assigned, "rank_sum": result.rank_sum},
        "optimal": result.optimal,
        "seconds": round(result.seconds, 6),
    }


def result_from_dict(data: dict[str, Any]) -> Result:
    return Result(
        assignments={row["student"]: row["subject"] for row in data.get("assignments", [])},
        unassigned=list(data.get("unassigned", [])),
        profile=list(data.get("profile", [])),
        assigned=int(data.get("objective", {}).get("assigned", 0)),
        rank_sum=int(data.get("objective", {}).get("rank_sum", 0)),
        optimal=bool(data.get("optimal", False)),
        seconds=float(data.get("seconds", 0.0)),
        method=str(data.get("method", "")),
        seed=int(data.get("seed", 0)),
        objective=data.get("objective_name", "min_rank_sum"),
        closed_subjects=list(data.get("closed_subjects", [])),
    )
