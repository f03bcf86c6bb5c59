"""The solver on small instances whose optimum can be checked by hand."""

from __future__ import annotations

import dataclasses

import pytest

from thesisdesk.allocation.solver import (
    CoSupervision,
    InfeasibleError,
    Instance,
    InstanceError,
    Options,
    Student,
    StudentSubject,
    Subject,
    Supervisor,
    solve,
)
from thesisdesk.allocation.solver.check import check_assignment
from thesisdesk.allocation.solver.explain import compare, explain


def students(*rows: tuple[str, tuple[str, ...]]) -> tuple[Student, ...]:
    return tuple(Student(sid, ranking) for sid, ranking in rows)


def test_conflict_goes_to_the_smaller_rank_sum() -> None:
    # s1 and s2 both want p1 first; s2's second choice p3 is free, s1's p2 is free too;
    # s3 only wants p1. Best: s3 gets p1 (else s3 is unplaced), the others their second.
    instance = Instance(
        students=students(("s1", ("p1", "p2")), ("s2", ("p1", "p3")), ("s3", ("p1",))),
        subjects=(Subject("p1", 1), Subject("p2", 1), Subject("p3", 1)),
    )
    result = solve(instance)
    assert result.assignments == {"s1": "p2", "s2": "p3", "s3": "p1"}
    assert result.profile == [1, 2, 0]
    assert (result.assigned, result.rank_sum, result.optimal) == (3, 5, True)
    assert result.method == "min_cost_flow"


def test_placing_more_rankers_comes_before_better_ranks() -> None:
    # Giving s1 its first choice would leave s2 without a place.
    instance = Instance(
        students=students(("s1", ("p1", "p2")), ("s2", ("p1",))),
        subjects=(Subject("p1", 1), Subject("p2", 1)),
    )
    result = solve(instance)
    assert result.assignments == {"s1": "p2", "s2": "p1"}
    assert result.unassigned == []


def test_ties_are_broken_by_the_seed_and_reproducible() -> None:
    base = Instance(
        students=students(("s1", ("p1", "p2")), ("s2", ("p1", "p2"))),
        subjects=(Subject("p1", 1), Subject("p2", 1)),
    )
    winners = set()
    for seed in range(12):
        instance = dataclasses.replace(base, options=Options(seed=seed))
        first, again = solve(instance), solve(instance)
        assert first.assignments == again.assignments
        assert first.rank_sum == 3
        winners.add(next(s for s, p in first.assignments.items() if p == "p1"))
    assert winners == {"s1", "s2"}


def test_a_subject_below_its_minimum_is_not_opened() -> None:
    instance = Instance(
        students=students(("s1", ("p1", "p2")), ("s2", ("p1", "p2")), ("s3", ("p2",))),
        subjects=(Subject("p1", 3, min=3), Subject("p2", 3)),
    )
    result = solve(instance)
    assert result.assignments == {"s1": "p2", "s2": "p2", "s3": "p2"}
    assert result.closed_subjects == ["p1"]
    assert result.method == "mip"
    why = explain(instance, result)["students"]["s1"]["reasons"]
    assert [(r["subject"], r["code"]) for r in why] == [("p1", "not_opened")]


def test_a_subject_reaching_its_minimum_opens() -> None:
    instance = Instance(
        students=students(("s1", ("p1", "p2")), ("s2", ("p1", "p2")), ("s3", ("p2", "p1"))),
        subjects=(Subject("p1", 3, min=3), Subject("p2", 1)),
    )
    result = solve(instance)
    # Opening p1 with all three places everyone; keeping it closed places only one.
    assert result.assignments == {"s1": "p1", "s2": "p1", "s3": "p1"}


def test_partners_are_placed_together_on_a_subject_with_two_places() -> None:
    instance = Instance(
        students=(
            Student("s1", ("p1", "p2"), partner="s2"),
            Student("s2", ("p1", "p2"), partner="s1"),
            Student("s3", ("p2",)),
        ),
        subjects=(Subject("p1", 1), Subject("p2", 3)),
    )
    result = solve(instance)
    assert result.assignments == {"s1": "p2", "s2": "p2", "s3": "p2"}


def test_a_partner_who_did_not_rank_follows_the_pair_ranking() -> None:
    instance = Instance(
        students=(Student("s1", ("p2", "p1"), partner="s2"), Student("s2", (), partner="s1")),
        subjects=(Subject("p1", 2), Subject("p2", 2)),
    )
    result = solve(instance)
    assert result.assignments == {"s1": "p2", "s2": "p2"}
    assert result.profile == [2, 0, 0]


def test_locked_students_take_their_places_first() -> None:
    instance = Instance(
        students=students(("s1", ("p1", "p2")), ("s2", ("p2",))),
        subjects=(Subject("p1", 1), Subject("p2", 1)),
        locked=(StudentSubject("s2", "p1"),),
    )
    result = solve(instance)
    assert result.assignments == {"s1": "p2", "s2": "p1"}
    assert result.profile == [0, 1, 1]  # s2 ranked but is placed outside its choices
    reasons = explain(instance, result)["students"]["s1"]["reasons"]
    assert reasons[0]["code"] == "full" and "1 placed by hand" in reasons[0]["message"]


def test_forbidden_pairs_are_respected() -> None:
    instance = Instance(
        students=students(("s1", ("p1", "p2"))),
        subjects=(Subject("p1", 1), Subject("p2", 1)),
        forbidden=(StudentSubject("s1", "p1"),),
    )
    result = solve(instance)
    assert result.assignments == {"s1": "p2"}
    assert explain(instance, result)["students"]["s1"]["reasons"][0]["code"] == "forbidden"


def test_supervisor_maximum_load_over_all_their_subjects() -> None:
    instance = Instance(
        students=students(
            ("s1", ("p1", "p3")), ("s2", ("p1", "p3")), ("s3", ("p2", "p3")), ("s4", ("p2", "p3"))
        ),
        subjects=(Subject("p1", 2, "t1"), Subject("p2", 2, "t1"), Subject("p3", 4, "t2")),
        supervisors=(Supervisor("t1", 2), Supervisor("t2", 10)),
    )
    result = solve(instance)
    assert sum(1 for p in result.assignments.values() if p in {"p1", "p2"}) == 2
    assert result.rank_sum == 6
    details = explain(instance, result)
    loads = {row["supervisor"]: row["load"] for row in details["supervisors"]}
    assert loads == {"t1": 2, "t2": 2}
    second = [s for s, p in result.assignments.items() if p == "p3"]
    assert details["students"][second[0]]["reasons"][0]["code"] == "supervisor_full"


def test_co_supervision_counts_its_weight() -> None:
    # t2 co-supervises p1 at 0.5 per student with a maximum load of 1: two students.
    instance = Instance(
        students=students(*((f"s{i}", ("p1", "p2")) for i in range(4))),
        subjects=(
            Subject("p1", 4, "t1", co_supervisors=(CoSupervision("t2"),)),
            Subject("p2", 4, "t1"),
        ),
        supervisors=(Supervisor("t1", 10), Supervisor("t2", 1)),
    )
    result = solve(instance)
    assert list(result.assignments.values()).count("p1") == 2
    assert result.profile == [2, 2, 0]


def test_students_who_did_not_rank_get_remaining_places_only_if_asked() -> None:
    base = Instance(
        students=students(("s1", ("p1",)), ("s2", ()), ("s3", ())),
        subjects=(Subject("p1", 1), Subject("p2", 1)),
    )
    without = solve(base)
    assert without.assignments == {"s1": "p1"}
    assert without.unassigned == ["s2", "s3"]
    with_unranked = solve(dataclasses.replace(base, options=Options(assign_unranked=True)))
    assert with_unranked.assignments["s1"] == "p1"  # never at the expense of a ranker
    assert len(with_unranked.assignments) == 2
    details = explain(base, without)
    assert details["unassigned_unranked"] == ["s2", "s3"]
    assert details["unassigned_ranked"] == []


def test_ranked_but_no_place_is_explained() -> None:
    instance = Instance(
        students=students(("s1", ("p1",)), ("s2", ("p1",))),
        subjects=(Subject("p1", 1),),
        options=Options(seed=3),
    )
    result = solve(instance)
    loser = result.unassigned[0]
    details = explain(instance, result)
    assert details["unassigned_ranked"] == [loser]
    reason = details["students"][loser]["reasons"][0]
    assert reason["code"] == "full"
    assert "1 ranked it as high or higher" in reason["message"]
    assert result.profile == [1, 1]


def test_rank_maximal_prefers_first_choices_over_the_rank_sum() -> None:
    instance = Instance(
        students=students(
            ("s1", ("e", "a", "d", "b", "c")),
            ("s2", ("a", "d")),
            ("s3", ("d", "c")),
            ("s4", ("e", "d")),
        ),
        subjects=tuple(Subject(p, 1) for p in "abcde"),
    )
    by_sum = solve(instance)
    maximal = solve(dataclasses.replace(instance, options=Options(objective="rank_maximal")))
    assert (by_sum.profile, by_sum.rank_sum) == ([2, 2, 0, 0, 0, 0], 6)
    assert (maximal.profile, maximal.rank_sum) == ([3, 0, 0, 1, 0, 0], 7)
    assert maximal.assigned == by_sum.assigned == 4
    difference = compare(by_sum, maximal, instance=instance)
    assert {row["student"] for row in difference["moved"]} == {"s1", "s3", "s4"}
    assert difference["rank_sum"] == {"a": 6, "b": 7}


def test_rank_maximal_with_long_rankings_uses_levels() -> None:
    # 30 choices each: exponential weights overflow, the levels are solved in turn.
    subjects = tuple(Subject(f"p{i}", 1) for i in range(30))
    ranking = tuple(f"p{i}" for i in range(30))
    instance = Instance(
        students=tuple(Student(f"s{i}", ranking[i % 3 :] + ranking[: i % 3]) for i in range(40)),
        subjects=subjects,
        options=Options(objective="rank_maximal"),
    )
    result = solve(instance)
    assert result.optimal and result.method == "mip"
    assert result.assigned == 30
    assert result.profile[0] == 3  # p0, p1, p2 are the only first choices


def test_every_result_respects_the_constraints() -> None:
    instance = Instance(
        students=(
            Student("s1", ("p1", "p2", "p3"), partner="s2"),
            Student("s2", ("p2", "p1"), partner="s1"),
            Student("s3", ("p1", "p3")),
            Student("s4", ()),
            Student("s5", ("p3",)),
        ),
        subjects=(
            Subject("p1", 2, "t1", min=2),
            Subject("p2", 2, "t2", co_supervisors=(CoSupervision("t1", 1.0),)),
            Subject("p3", 1, "t2"),
        ),
        supervisors=(Supervisor("t1", 3), Supervisor("t2", 2)),
        locked=(StudentSubject("s5", "p3"),),
        forbidden=(StudentSubject("s3", "p3"),),
        options=Options(assign_unranked=True),
    )
    result = solve(instance)
    assert check_assignment(instance, result.assignments) == []
    assert result.assignments["s5"] == "p3"
    assert result.assignments["s1"] == result.assignments["s2"]


@pytest.mark.parametrize(
    ("change", "item", "words"),
    [
        ({"students": students(("s1", ("p9",)))}, "s1", "unknown subject 'p9'"),
        ({"students": students(("s1", ("p1", "p1")))}, "s1", "ranks subject 'p1' twice"),
        ({"students": students(("s1", ()), ("s1", ()))}, "s1", "appears twice"),
        (
            {"locked": (StudentSubject("s1", "p1"), StudentSubject("s2", "p1"))},
            "p1",
            "capacity 1 but 2 students are locked",
        ),
        (
            {"locked": (StudentSubject("s1", "p1"), StudentSubject("s1", "p2"))},
            "s1",
            "locked to both 'p1' and 'p2'",
        ),
        (
            {"locked": (StudentSubject("s1", "p1"),), "forbidden": (StudentSubject("s1", "p1"),)},
            "s1",
            "both locked to and forbidden",
        ),
        ({"locked": (StudentSubject("s7", "p1"),)}, "s7", "unknown student 's7'"),
        ({"forbidden": (StudentSubject("s1", "p7"),)}, "p7", "unknown subject 'p7'"),
        ({"subjects": (Subject("p1", 1, "t9"), Subject("p2", 1))}, "p1", "unknown supervisor"),
        ({"subjects": (Subject("p1", 1, min=2), Subject("p2", 1))}, "p1", "minimum of 2"),
        (
            {"students": (Student("s1", (), partner="s2"), Student("s2", ()))},
            "s1",
            "has not confirmed",
        ),
    ],
)
def test_bad_input_names_the_item(change: dict, item: str, words: str) -> None:
    base = Instance(
        students=students(("s1", ("p1",)), ("s2", ("p1",))),
        subjects=(Subject("p1", 1), Subject("p2", 1)),
    )
    with pytest.raises(InstanceError) as caught:
        solve(dataclasses.replace(base, **change))
    assert caught.value.item == item
    assert words in caught.value.message


def test_partners_locked_apart_are_contradictory() -> None:
    instance = Instance(
        students=(Student("s1", (), partner="s2"), Student("s2", (), partner="s1")),
        subjects=(Subject("p1", 2), Subject("p2", 2)),
        locked=(StudentSubject("s1", "p1"), StudentSubject("s2", "p2")),
    )
    with pytest.raises(InstanceError, match="partners 's1' and 's2' are locked to different"):
        solve(instance)


def test_infeasible_supervisor_load_is_named() -> None:
    instance = Instance(
        students=students(("s1", ()), ("s2", ())),
        subjects=(Subject("p1", 2, "t1"),),
        supervisors=(Supervisor("t1", 1),),
        locked=(StudentSubject("s1", "p1"), StudentSubject("s2", "p1")),
    )
    with pytest.raises(InfeasibleError) as caught:
        solve(instance)
    assert caught.value.constraint == "supervisor_max_load"
    assert caught.value.item == "t1"


def test_infeasible_minimum_of_a_locked_subject_is_named() -> None:
    instance = Instance(
        students=students(("s1", ()), ("s2", ("p2",))),
        subjects=(Subject("p1", 3, min=3), Subject("p2", 1)),
        locked=(StudentSubject("s1", "p1"),),
    )
    with pytest.raises(InfeasibleError) as caught:
        solve(instance)
    assert caught.value.constraint == "subject_min"
    assert caught.value.item == "p1"
