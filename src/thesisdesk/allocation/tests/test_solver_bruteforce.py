"""The solver against exhaustive search on random tiny instances."""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from thesisdesk.allocation.solver import (
    CoSupervision,
    Instance,
    InstanceError,
    Options,
    Student,
    StudentSubject,
    Subject,
    Supervisor,
    solve,
)
from thesisdesk.allocation.solver.check import check_assignment, score


def brute_force_best(instance: Instance) -> tuple[int, ...] | None:
    """The best objective key over every assignment allowed by the rules, by enumeration.

    Independent of the solver: a student who ranked may only get a subject they (or, if
    they ranked nothing, their partner) ranked; one who did not rank any subject, if the
    options allow it; locked students their lock; check_assignment decides the rest.
    """
    students = instance.students
    by_id = {s.id: s for s in students}
    locked = {pair.student: pair.subject for pair in instance.locked}
    choices = []
    for student in students:
        ranking = student.ranking
        if not ranking and student.partner:
            ranking = by_id[student.partner].ranking
        if student.id in locked:
            options: list[str | None] = [locked[student.id]]
        elif student.partner in locked:  # a lock takes the partner along
            options = [locked[student.partner]]
        elif ranking:
            options = [None, *ranking]
        elif instance.options.assign_unranked:
            options = [None, *(p.id for p in instance.subjects)]
        else:
            options = [None]
        choices.append(options)
    best = None
    for combo in itertools.product(*choices):
        assignments = {s.id: p for s, p in zip(students, combo, strict=True) if p is not None}
        if check_assignment(instance, assignments):
            continue
        key = score(instance, assignments).key(instance.options.objective)
        if best is None or key > best:
            best = key
    return best


@st.composite
def instances(draw: st.DrawFn) -> Instance:
    n_subjects = draw(st.integers(1, 3))
    n_students = draw(st.integers(1, 5))
    n_supervisors = draw(st.integers(1, 2))
    subject_ids = [f"p{i}" for i in range(n_subjects)]
    supervisor_ids = [f"t{i}" for i in range(n_supervisors)]
    subjects = []
    for pid in subject_ids:
        capacity = draw(st.integers(0, 3))
        co = ()
        if n_supervisors > 1 and draw(st.booleans()):
            co = (CoSupervision("t1", draw(st.sampled_from([None, 0.5, 1.0]))),)
        subjects.append(
            Subject(
                id=pid,
                capacity=capacity,
                supervisor=draw(st.sampled_from([None, "t0"])),
                min=draw(st.integers(0, capacity)),
                co_supervisors=co,
            )
        )
    supervisors = tuple(
        Supervisor(tid, draw(st.sampled_from([None, 0, 1, 1.5, 2, 3]))) for tid in supervisor_ids
    )
    students = []
    for i in range(n_students):
        ranking = draw(st.permutations(subject_ids))
        length = draw(st.integers(0, n_subjects))
        students.append(Student(f"s{i}", tuple(ranking[:length])))
    if n_students >= 2 and draw(st.booleans()):
        students[0] = Student("s0", students[0].ranking, "s1")
        students[1] = Student("s1", students[1].ranking, "s0")
    pairs = st.tuples(st.sampled_from(range(n_students)), st.sampled_from(subject_ids))
    forbidden = draw(st.lists(pairs, max_size=2))
    locked = draw(st.lists(pairs, max_size=1))
    return Instance(
        students=tuple(students),
        subjects=tuple(subjects),
        supervisors=supervisors,
        locked=tuple(StudentSubject(f"s{s}", p) for s, p in locked),
        forbidden=tuple(StudentSubject(f"s{s}", p) for s, p in forbidden),
        options=Options(
            objective=draw(st.sampled_from(["min_rank_sum", "rank_maximal"])),
            assign_unranked=draw(st.booleans()),
            seed=draw(st.integers(0, 5)),
        ),
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_solver_matches_exhaustive_search(instance: Instance) -> None:
    try:
        result = solve(instance)
    except InstanceError:
        # Bad or infeasible input: exhaustive search must find nothing feasible either,
        # unless the input is malformed (then there is nothing to compare).
        best = brute_force_best_or_none(instance)
        assert best is None
        return
    assert result.optimal
    assert check_assignment(instance, result.assignments) == []
    best = brute_force_best(instance)
    assert best is not None
    assert score(instance, result.assignments).key(instance.options.objective) == best


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_flow_and_integer_program_agree(instance: Instance) -> None:
    try:
        flow_or_auto = solve(instance)
    except InstanceError:
        assume(False)
        return
    forced = solve(instance, engine="mip")
    objective = instance.options.objective
    assert score(instance, forced.assignments).key(objective) == score(
        instance, flow_or_auto.assignments
    ).key(objective)


def brute_force_best_or_none(instance: Instance) -> tuple[int, ...] | None:
    try:
        return brute_force_best(instance)
    except InstanceError:
        return None
