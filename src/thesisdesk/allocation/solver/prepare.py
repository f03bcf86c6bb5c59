"""Validate an `Instance` and index it for the solvers.

Every malformed input raises `InstanceError` naming the item; hard constraints that
cannot hold together (locks against capacities, loads or minimums) raise
`InfeasibleError` naming the constraint.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .model import OBJECTIVES, InfeasibleError, Instance, InstanceError

EPSILON = 1e-9


@dataclass
class Unit:
    """Students placed together: one student, or a confirmed pair."""

    members: tuple[int, ...]
    locked: int | None = None  # subject index

    @property
    def size(self) -> int:
        return len(self.members)


@dataclass
class Prepared:
    instance: Instance
    student_ids: list[str]
    subject_ids: list[str]
    supervisor_ids: list[str]
    student_index: dict[str, int]
    subject_index: dict[str, int]
    # rank_of[s][p] = rank (1-based) of subject p in student s's effective ranking.
    rank_of: list[dict[int, int]]
    ranking_order: list[list[int]]  # the same, as subject indices in rank order
    ranked: list[bool]
    partner_of: list[int | None]
    units: list[Unit]
    forbidden: set[tuple[int, int]]
    capacity: list[int]
    minimum: list[int]
    # supervision[p] = [(supervisor index, weight)] for the subject's load.
    supervision: list[list[tuple[int, float]]]
    max_load: list[float]  # math.inf when unlimited
    locked_subject: list[int | None]
    locked_count: list[int] = field(default_factory=list)
    locked_load: list[float] = field(default_factory=list)
    max_rank: int = 0

    @property
    def free_units(self) -> list[Unit]:
        return [unit for unit in self.units if unit.locked is None]

    @property
    def students_with_forbidden(self) -> set[int]:
        return {student for student, _ in self.forbidden}

    def forbidden_for(self, unit: Unit, subject: int) -> bool:
        return any((member, subject) in self.forbidden for member in unit.members)


def _unique(ids: list[str], kind: str) -> dict[str, int]:
    index: dict[str, int] = {}
    for position, item in enumerate(ids):
        if not isinstance(item, str) or not item:
            raise InstanceError(f"A {kind} has an empty or non-text id.", item=str(item))
        if item in index:
            raise InstanceError(f"The {kind} id {item!r} appears twice.", item=item)
        index[item] = position
    return index


def prepare(instance: Instance) -> Prepared:
    options = instance.options
    if options.objective not in OBJECTIVES:
        raise InstanceError(
            f"Unknown objective {options.objective!r}; expected one of {', '.join(OBJECTIVES)}.",
            item="options.objective",
        )
    if options.co_supervision_weight < 0:
        raise InstanceError(
            "The co-supervision weight cannot be negative.", item="options.co_supervision_weight"
        )

    student_ids = [student.id for student in instance.students]
    subject_ids = [subject.id for subject in instance.subjects]
    supervisor_ids = [supervisor.id for supervisor in instance.supervisors]
    student_index = _unique(student_ids, "student")
    subject_index = _unique(subject_ids, "subject")
    supervisor_index = _unique(supervisor_ids, "supervisor")

    max_load: list[float] = []
    for supervisor in instance.supervisors:
        load = supervisor.max_load
        if load is None:
            max_load.append(math.inf)
        elif load < 0 or not math.isfinite(load):
            raise InstanceError(
                f"Supervisor {supervisor.id!r} has an invalid maximum load {load!r}.",
                item=supervisor.id,
            )
        else:
            max_load.append(float(load))

    capacity: list[int] = []
    minimum: list[int] = []
    supervision: list[list[tuple[int, float]]] = []
    for subject in instance.subjects:
        if isinstance(subject.capacity, bool) or not isinstance(subject.capacity, int):
            raise InstanceError(
                f"Subject {subject.id!r} has a non-integer capacity.", item=subject.id
            )
        if subject.capacity < 0:
            raise InstanceError(f"Subject {subject.id!r} has a negative capacity.", item=subject.id)
        if subject.min < 0 or subject.min > subject.capacity:
            raise InstanceError(
                f"Subject {subject.id!r} has a minimum of {subject.min} outside "
                f"0..{subject.capacity} (its capacity).",
                item=subject.id,
            )
        weights: dict[int, float] = {}
        if subject.supervisor is not None:
            if subject.supervisor not in supervisor_index:
                raise InstanceError(
                    f"Subject {subject.id!r} names an unknown supervisor {subject.supervisor!r}.",
                    item=subject.id,
                )
            weights[supervisor_index[subject.supervisor]] = 1.0
        for co in subject.co_supervisors:
            if co.supervisor not in supervisor_index:
                raise InstanceError(
                    f"Subject {subject.id!r} names an unknown co-supervisor {co.supervisor!r}.",
                    item=subject.id,
                )
            weight = options.co_supervision_weight if co.weight is None else co.weight
            if weight < 0:
                raise InstanceError(
                    f"Subject {subject.id!r} gives co-supervisor {co.supervisor!r} a negative "
                    "weight.",
                    item=subject.id,
                )
            position = supervisor_index[co.supervisor]
            weights[position] = weights.get(position, 0.0) + float(weight)
        capacity.append(subject.capacity)
        minimum.append(subject.min)
        supervision.append([(t, w) for t, w in weights.items() if w > 0])

    n = len(instance.students)
    own_rank: list[dict[int, int]] = []
    own_order: list[list[int]] = []
    for student in instance.students:
        try:
            indices = [subject_index[subject_id] for subject_id in student.ranking]
        except KeyError as error:
            raise InstanceError(
                f"Student {student.id!r} ranks an unknown subject {error.args[0]!r}.",
                item=student.id,
            ) from None
        ranks = dict(zip(indices, range(1, len(indices) + 1), strict=True))
        if len(ranks) != len(indices):
            twice = next(x for x in student.ranking if student.ranking.count(x) > 1)
            raise InstanceError(
                f"Student {student.id!r} ranks subject {twice!r} twice.", item=student.id
            )
        own_rank.append(ranks)
        own_order.append(indices)

    partner_of: list[int | None] = [None] * n
    for s, student in enumerate(instance.students):
        if student.partner is None:
            continue
        if student.partner not in student_index:
            raise InstanceError(
                f"Student {student.id!r} names an unknown partner {student.partner!r}.",
                item=student.id,
            )
        other = student_index[student.partner]
        if other == s:
            raise InstanceError(
                f"Student {student.id!r} names themself as partner.", item=student.id
            )
        if instance.students[other].partner != student.id:
            raise InstanceError(
                f"Student {student.id!r} names {student.partner!r} as partner, but "
                f"{student.partner!r} has not confirmed (names "
                f"{instance.students[other].partner or 'nobody'}).",
                item=student.id,
            )
        partner_of[s] = other

    # A partner who ranked nothing follows the other's ranking: the pair ranks together.
    rank_of: list[dict[int, int]] = []
    ranking_order: list[list[int]] = []
    for s in range(n):
        partner = partner_of[s]
        if not own_rank[s] and partner is not None and own_rank[partner]:
            rank_of.append(dict(own_rank[partner]))
            ranking_order.append(own_order[partner])
        else:
            rank_of.append(own_rank[s])
            ranking_order.append(own_order[s])
    ranked = [bool(ranks) for ranks in rank_of]

    forbidden: set[tuple[int, int]] = set()
    for pair in instance.forbidden:
        s, p = _pair_indices(pair.student, pair.subject, student_index, subject_index, "forbidden")
        forbidden.add((s, p))

    locked_subject: list[int | None] = [None] * n
    for pair in instance.locked:
        s, p = _pair_indices(pair.student, pair.subject, student_index, subject_index, "locked")
        previous = locked_subject[s]
        if previous is not None and previous != p:
            raise InstanceError(
                f"Contradictory locks: student {pair.student!r} is locked to both "
                f"{subject_ids[previous]!r} and {pair.subject!r}.",
                item=pair.student,
                code="contradictory_locks",
            )
        if (s, p) in forbidden:
            raise InstanceError(
                f"Contradictory constraints: student {pair.student!r} is both locked to and "
                f"forbidden from subject {pair.subject!r}.",
                item=pair.student,
                code="contradictory_locks",
            )
        locked_subject[s] = p

    # Partners go together: a lock on one takes the other along.
    for s in range(n):
        partner = partner_of[s]
        if partner is None or partner < s:
            continue
        a, b = locked_subject[s], locked_subject[partner]
        if a is not None and b is not None and a != b:
            raise InstanceError(
                f"Contradictory locks: partners {student_ids[s]!r} and {student_ids[partner]!r} "
                f"are locked to different subjects ({subject_ids[a]!r}, {subject_ids[b]!r}).",
                item=student_ids[s],
                code="contradictory_locks",
            )
        target = a if a is not None else b
        if target is not None:
            for member in (s, partner):
                if (member, target) in forbidden:
                    raise InstanceError(
                        f"Contradictory constraints: student {student_ids[member]!r} must follow "
                        f"their partner to {subject_ids[target]!r}, which is forbidden to them.",
                        item=student_ids[member],
                        code="contradictory_locks",
                    )
            locked_subject[s] = locked_subject[partner] = target

    units: list[Unit] = []
    for s in range(n):
        partner = partner_of[s]
        if partner is not None and partner < s:
            continue
        members = (s,) if partner is None else (s, partner)
        units.append(Unit(members=members, locked=locked_subject[s]))

    locked_count = [0] * len(subject_ids)
    for target in locked_subject:
        if target is not None:
            locked_count[target] += 1
    for p, count in enumerate(locked_count):
        if count > capacity[p]:
            raise InstanceError(
                f"Subject {subject_ids[p]!r} has capacity {capacity[p]} but {count} students are "
                "locked to it.",
                item=subject_ids[p],
                code="capacity_below_locked",
            )
    locked_load = [0.0] * len(supervisor_ids)
    for p, count in enumerate(locked_count):
        for t, weight in supervision[p]:
            locked_load[t] += weight * count
    for t, load in enumerate(locked_load):
        if load > max_load[t] + EPSILON:
            raise InfeasibleError(
                f"Infeasible: the students locked to subjects of supervisor "
                f"{supervisor_ids[t]!r} already weigh {load:g}, above their maximum load "
                f"{max_load[t]:g}.",
                item=supervisor_ids[t],
                constraint="supervisor_max_load",
            )

    prepared = Prepared(
        instance=instance,
        student_ids=student_ids,
        subject_ids=subject_ids,
        supervisor_ids=supervisor_ids,
        student_index=student_index,
        subject_index=subject_index,
        rank_of=rank_of,
        ranking_order=ranking_order,
        ranked=ranked,
        partner_of=partner_of,
        units=units,
        forbidden=forbidden,
        capacity=capacity,
        minimum=minimum,
        supervision=supervision,
        max_load=max_load,
        locked_subject=locked_subject,
        locked_count=locked_count,
        locked_load=locked_load,
        max_rank=max((len(ranks) for ranks in rank_of), default=0),
    )
    _check_locked_minimums(prepared)
    return prepared


def _pair_indices(
    student: str,
    subject: str,
    student_index: dict[str, int],
    subject_index: dict[str, int],
    kind: str,
) -> tuple[int, int]:
    if student not in student_index:
        raise InstanceError(f"A {kind} pair names an unknown student {student!r}.", item=student)
    if subject not in subject_index:
        raise InstanceError(
            f"A {kind} pair names an unknown subject {subject!r} (student {student!r}).",
            item=subject,
        )
    return student_index[student], subject_index[subject]


def unit_candidates(prepared: Prepared, unit: Unit) -> dict[int, list[int]]:
    """Subjects a free unit may take, each with its members' ranks (0: not ranked).

    A student who ranked is only placed on a subject they ranked (both partners for a
    pair); one who did not rank may take any subject, if the options allow it.
    """
    ranked = [prepared.ranked[m] for m in unit.members]
    result: dict[int, list[int]] = {}
    if any(ranked):
        first = unit.members[0] if ranked[0] else unit.members[-1]
        for p in prepared.rank_of[first]:
            ranks = [prepared.rank_of[m].get(p, 0) for m in unit.members]
            if any(r == 0 for r in ranks):
                continue
            if prepared.capacity[p] - prepared.locked_count[p] < unit.size:
                continue
            if prepared.forbidden_for(unit, p):
                continue
            result[p] = ranks
    elif prepared.instance.options.assign_unranked:
        for p in range(len(prepared.subject_ids)):
            if prepared.capacity[p] - prepared.locked_count[p] < unit.size:
                continue
            if prepared.forbidden_for(unit, p):
                continue
            result[p] = [0] * unit.size
    return result


def _check_locked_minimums(prepared: Prepared) -> None:
    """A lock opens its subject: enough other students must be able to join it."""
    if not any(0 < count < prepared.minimum[p] for p, count in enumerate(prepared.locked_count)):
        return
    possible = list(prepared.locked_count)
    for unit in prepared.free_units:
        for p in unit_candidates(prepared, unit):
            possible[p] += unit.size
    for p, count in enumerate(prepared.locked_count):
        need = prepared.minimum[p]
        if count and count < need and possible[p] < need:
            raise InfeasibleError(
                f"Infeasible: subject {prepared.subject_ids[p]!r} must open (it has locked "
                f"students) but only {possible[p]} students can be placed on it, below its "
                f"minimum of {need}.",
                item=prepared.subject_ids[p],
                constraint="subject_min",
            )
