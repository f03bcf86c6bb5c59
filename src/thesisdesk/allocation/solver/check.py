"""Check a complete assignment against an instance's hard constraints, and score it.

Used to check a coordinator's hand move, and by the tests to cross-check the solver.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Instance
from .prepare import EPSILON, Prepared, prepare


@dataclass(frozen=True)
class Violation:
    code: str
    item: str
    message: str


@dataclass(frozen=True)
class Score:
    """Objective levels of an assignment (see `key` for the lexicographic comparison)."""

    ranked_assigned: int
    rank_sum: int
    unranked_assigned: int
    rank_counts: tuple[int, ...]  # students at rank 1, 2, …, K

    def key(self, objective: str) -> tuple[int, ...]:
        """Larger is better."""
        if objective == "rank_maximal":
            return (self.ranked_assigned, *self.rank_counts, self.unranked_assigned)
        return (self.ranked_assigned, -self.rank_sum, self.unranked_assigned)


def subject_counts(prepared: Prepared, placed: dict[int, int]) -> list[int]:
    counts = [0] * len(prepared.subject_ids)
    for subject in placed.values():
        counts[subject] += 1
    return counts


def supervisor_loads(prepared: Prepared, counts: list[int]) -> list[float]:
    loads = [0.0] * len(prepared.supervisor_ids)
    for p, count in enumerate(counts):
        for t, weight in prepared.supervision[p]:
            loads[t] += weight * count
    return loads


def to_indices(prepared: Prepared, assignments: dict[str, str]) -> dict[int, int]:
    placed: dict[int, int] = {}
    for student, subject in assignments.items():
        if student not in prepared.student_index:
            raise KeyError(f"Unknown student {student!r}.")
        if subject not in prepared.subject_index:
            raise KeyError(f"Unknown subject {subject!r}.")
        placed[prepared.student_index[student]] = prepared.subject_index[subject]
    return placed


def check_assignment(
    instance: Instance, assignments: dict[str, str], *, prepared: Prepared | None = None
) -> list[Violation]:
    """Every hard constraint that `assignments` (student → subject) breaks."""
    prepared = prepared or prepare(instance)
    violations: list[Violation] = []
    try:
        placed = to_indices(prepared, assignments)
    except KeyError as error:
        return [Violation("unknown", "", str(error.args[0]))]
    ids, subject_ids = prepared.student_ids, prepared.subject_ids
    for s, locked in enumerate(prepared.locked_subject):
        if locked is not None and placed.get(s) != locked:
            violations.append(
                Violation(
                    "locked",
                    ids[s],
                    f"Student {ids[s]!r} is locked to subject {subject_ids[locked]!r}.",
                )
            )
    for s, p in placed.items():
        if (s, p) in prepared.forbidden:
            violations.append(
                Violation(
                    "forbidden",
                    ids[s],
                    f"Student {ids[s]!r} may not take subject {subject_ids[p]!r}.",
                )
            )
        partner = prepared.partner_of[s]
        if partner is not None and placed.get(partner) != p:
            violations.append(
                Violation(
                    "partners",
                    ids[s],
                    f"Student {ids[s]!r} and their partner {ids[partner]!r} must share a subject.",
                )
            )
    counts = subject_counts(prepared, placed)
    for p, count in enumerate(counts):
        if count > prepared.capacity[p]:
            violations.append(
                Violation(
                    "capacity",
                    subject_ids[p],
                    f"Subject {subject_ids[p]!r} has {count} students for "
                    f"{prepared.capacity[p]} places.",
                )
            )
        if 0 < count < prepared.minimum[p]:
            violations.append(
                Violation(
                    "minimum",
                    subject_ids[p],
                    f"Subject {subject_ids[p]!r} has {count} students, below its minimum of "
                    f"{prepared.minimum[p]}.",
                )
            )
    for t, load in enumerate(supervisor_loads(prepared, counts)):
        if load > prepared.max_load[t] + EPSILON:
            violations.append(
                Violation(
                    "supervisor_load",
                    prepared.supervisor_ids[t],
                    f"Supervisor {prepared.supervisor_ids[t]!r} would carry a load of {load:g}, "
                    f"above their maximum of {prepared.max_load[t]:g}.",
                )
            )
    return violations


def score(
    instance: Instance, assignments: dict[str, str], *, prepared: Prepared | None = None
) -> Score:
    prepared = prepared or prepare(instance)
    placed = to_indices(prepared, assignments)
    ranked_assigned = rank_sum = unranked_assigned = 0
    rank_counts = [0] * prepared.max_rank
    for s, p in placed.items():
        if not prepared.ranked[s]:
            unranked_assigned += 1
            continue
        rank = prepared.rank_of[s].get(p, 0)
        if rank:
            ranked_assigned += 1
            rank_sum += rank
            rank_counts[rank - 1] += 1
    return Score(ranked_assigned, rank_sum, unranked_assigned, tuple(rank_counts))
