"""Why the solver proposed what it did: profile, fill, and per student why not better.

`explain(instance, result)` returns plain JSON-ready data; `compare(a, b)` sets two
results side by side.
"""

from __future__ import annotations

from typing import Any

from .check import subject_counts, supervisor_loads, to_indices
from .model import Instance, Result
from .prepare import EPSILON, Prepared, prepare


def explain(instance: Instance, result: Result) -> dict[str, Any]:
    prepared = prepare(instance)
    placed = to_indices(prepared, result.assignments)
    counts = subject_counts(prepared, placed)
    loads = supervisor_loads(prepared, counts)
    ids, subject_ids = prepared.student_ids, prepared.subject_ids

    unassigned_ranked = [ids[s] for s in range(len(ids)) if s not in placed and prepared.ranked[s]]
    unassigned_unranked = [
        ids[s] for s in range(len(ids)) if s not in placed and not prepared.ranked[s]
    ]
    subjects = []
    for p, subject in enumerate(instance.subjects):
        subjects.append(
            {
                "subject": subject.id,
                "supervisor": subject.supervisor,
                "assigned": counts[p],
                "capacity": prepared.capacity[p],
                "min": prepared.minimum[p],
                "opened": counts[p] > 0,
                "locked": prepared.locked_count[p],
            }
        )
    supervisors = [
        {
            "supervisor": supervisor_id,
            "load": round(loads[t], 3),
            "max_load": None if prepared.max_load[t] == float("inf") else prepared.max_load[t],
        }
        for t, supervisor_id in enumerate(prepared.supervisor_ids)
    ]
    students: dict[str, Any] = {}
    for s, student_id in enumerate(ids):
        current = placed.get(s)
        rank = prepared.rank_of[s].get(current, 0) if current is not None else 0
        entry: dict[str, Any] = {
            "subject": subject_ids[current] if current is not None else None,
            "rank": rank or None,
            "ranked": prepared.ranked[s],
            "locked": prepared.locked_subject[s] is not None,
            "reasons": [],
        }
        if prepared.ranked[s] and rank != 1:
            better = sorted(
                (r, p)
                for p, r in prepared.rank_of[s].items()
                if current is None or rank == 0 or r < rank
            )
            for r, p in better:
                code, message = _why_not(prepared, placed, counts, loads, s, p)
                entry["reasons"].append(
                    {"subject": subject_ids[p], "rank": r, "code": code, "message": message}
                )
        students[student_id] = entry
    return {
        "profile": result.profile,
        "assigned": result.assigned,
        "rank_sum": result.rank_sum,
        "unassigned_ranked": unassigned_ranked,
        "unassigned_unranked": unassigned_unranked,
        "closed_subjects": result.closed_subjects,
        "subjects": subjects,
        "supervisors": supervisors,
        "students": students,
    }


def _why_not(
    prepared: Prepared,
    placed: dict[int, int],
    counts: list[int],
    loads: list[float],
    s: int,
    p: int,
) -> tuple[str, str]:
    """The first reason that keeps student `s` off subject `p`, as (code, message)."""
    ids, subject_ids = prepared.student_ids, prepared.subject_ids
    name = subject_ids[p]
    partner = prepared.partner_of[s]
    members = [s] if partner is None else [s, partner]
    size = len(members)
    if any((m, p) in prepared.forbidden for m in members):
        return "forbidden", f"{name}: this student-subject pair is forbidden."
    if prepared.locked_subject[s] is not None:
        return "locked", f"{name}: the student was placed by hand (locked assignment)."
    if partner is not None and p not in prepared.rank_of[partner]:
        return "partner", f"{name}: the partner {ids[partner]!r} did not rank it."
    if prepared.minimum[p] > 1 and counts[p] == 0:
        return (
            "not_opened",
            f"{name}: not opened, fewer than {prepared.minimum[p]} students (its minimum) could "
            "be placed on it.",
        )
    if counts[p] + size > prepared.capacity[p]:
        my_rank = prepared.rank_of[s][p]
        higher = lower = locked = 0
        for other, subject in placed.items():
            if subject != p or other in members:
                continue
            if prepared.locked_subject[other] is not None:
                locked += 1
            elif prepared.rank_of[other].get(p, 0) and prepared.rank_of[other][p] <= my_rank:
                higher += 1
            else:
                lower += 1
        details = [f"{higher} ranked it as high or higher"]
        if lower:
            details.append(f"{lower} ranked it lower (moving them would cost more elsewhere)")
        if locked:
            details.append(f"{locked} placed by hand")
        free = "place" if size == 1 else "two places"
        return (
            "full",
            f"{name}: full ({counts[p]}/{prepared.capacity[p]}, no {free} left); "
            + ", ".join(details)
            + ".",
        )
    current = placed.get(s)
    for t, weight in prepared.supervision[p]:
        already = 0.0
        if current is not None:
            already = dict(prepared.supervision[current]).get(t, 0.0) * size
        if loads[t] - already + weight * size > prepared.max_load[t] + EPSILON:
            return (
                "supervisor_full",
                f"{name}: supervisor {prepared.supervisor_ids[t]!r} is at maximum load "
                f"({loads[t]:g}/{prepared.max_load[t]:g}).",
            )
    if (
        current is not None
        and prepared.minimum[current] > 1
        and counts[current] - size < prepared.minimum[current]
    ):
        return (
            "keeps_open",
            f"{name}: moving would close {subject_ids[current]!r}, which needs "
            f"{prepared.minimum[current]} students.",
        )
    return (
        "trade_off",
        f"{name}: a place was free, but giving it to this student would make the whole "
        "assignment worse (fewer students placed or a higher rank sum).",
    )


def compare(a: Result, b: Result, *, instance: Instance | None = None) -> dict[str, Any]:
    """Two results side by side: objective figures and the students who moved."""
    rank_of: dict[str, dict[str, int]] = {}
    if instance is not None:
        rank_of = {
            student.id: {subject: i for i, subject in enumerate(student.ranking, start=1)}
            for student in instance.students
        }
    moved = []
    for student in sorted(set(a.assignments) | set(b.assignments) | set(a.unassigned)):
        before, after = a.assignments.get(student), b.assignments.get(student)
        if before != after:
            ranks = rank_of.get(student, {})
            moved.append(
                {
                    "student": student,
                    "a": before,
                    "b": after,
                    "rank_a": ranks.get(before) if before else None,
                    "rank_b": ranks.get(after) if after else None,
                }
            )
    return {
        "profile": {"a": a.profile, "b": b.profile},
        "assigned": {"a": a.assigned, "b": b.assigned},
        "rank_sum": {"a": a.rank_sum, "b": b.rank_sum},
        "moved": moved,
    }
