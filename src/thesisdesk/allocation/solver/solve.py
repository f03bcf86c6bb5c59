"""Exact assignment of students to subjects.

Two engines, chosen per instance (see docs/allocation.md for the formulations):

- a min-cost flow (OR-Tools) when the instance is a network: single students, one
  supervisor per subject counting 1 per student, no effective minimum. The constraint
  matrix is then totally unimodular and the flow optimum is an integral, proven optimal
  assignment;
- an integer program (HiGHS) otherwise: pairs, minimum sizes, co-supervision weights, or
  a rank-maximal objective whose weights do not fit in machine integers (then solved
  level by level).

Both optimise the same lexicographic objective, encoded as integer weights large enough
that a level can never be traded for the levels below it.
"""

from __future__ import annotations

import math
import os
import random
import sys
import time
from dataclasses import dataclass
from typing import Any

import numpy as np
from ortools.graph.python import min_cost_flow

from .model import InfeasibleError, Instance, Result
from .prepare import EPSILON, Prepared, Unit, prepare, unit_candidates

FLOW_COST_LIMIT = 2**62
FLOAT_EXACT_LIMIT = 2**52


@dataclass
class Problem:
    """The free part of an instance, in the seed's order, as arrays of arcs.

    An arc is one way to place one unit (a student or a pair) on one subject; `rank_a`
    and `rank_b` are the members' ranks of that subject (0: did not rank; `rank_b` is 0
    for a single student).
    """

    prepared: Prepared
    units: list[Unit]
    arc_unit: np.ndarray
    arc_subject: np.ndarray
    arc_size: np.ndarray
    rank_a: np.ndarray
    rank_b: np.ndarray
    pool: list[int]  # single students who did not rank, no forbidden subject: interchangeable
    remaining_capacity: list[int]
    remaining_load: list[float]
    ranked_students: int
    unranked_students: int  # those who may be placed (assign_unranked), pool included
    max_rank: int

    @property
    def arc_count(self) -> int:
        return len(self.arc_unit)

    @property
    def ranked_arcs(self) -> np.ndarray:
        return self.rank_a > 0


def build_problem(prepared: Prepared, seed: int) -> Problem:
    rng = random.Random(seed)
    units = prepared.free_units
    rng.shuffle(units)
    allow_unranked = prepared.instance.options.assign_unranked
    with_forbidden = prepared.students_with_forbidden
    room = [prepared.capacity[p] - prepared.locked_count[p] for p in range(len(prepared.capacity))]
    arc_unit: list[int] = []  # single students who ranked: the bulk, built in one go
    arc_subject: list[int] = []
    rank_a: list[int] = []
    other_unit: list[int] = []  # pairs, non-rankers, students with forbidden subjects
    other_subject: list[int] = []
    other_size: list[int] = []
    other_a: list[int] = []
    other_b: list[int] = []
    pool: list[int] = []
    kept: list[Unit] = []
    ranked_students = unranked_students = 0
    for unit in units:
        first = unit.members[0]
        size = len(unit.members)
        if prepared.ranked[first]:
            ranked_students += size
            if size == 1 and first not in with_forbidden:
                # The common case, kept lean: a single student and their ranking; arcs
                # to full subjects are dropped below, all at once.
                order = prepared.ranking_order[first]
                arc_unit.extend([len(kept)] * len(order))
                arc_subject.extend(order)
                rank_a.extend(range(1, len(order) + 1))
                kept.append(unit)
                continue
        elif not allow_unranked:
            continue
        else:
            unranked_students += size
            if size == 1 and first not in with_forbidden:
                pool.append(first)
                continue
        position = len(kept)
        kept.append(unit)
        for p, ranks in unit_candidates(prepared, unit).items():
            other_unit.append(position)
            other_subject.append(p)
            other_size.append(size)
            other_a.append(ranks[0])
            other_b.append(ranks[1] if size == 2 else 0)
    units_array = np.asarray(arc_unit, dtype=np.int64)
    subjects_array = np.asarray(arc_subject, dtype=np.int64)
    ranks_array = np.asarray(rank_a, dtype=np.int64)
    if len(subjects_array):
        open_subject = np.asarray(room, dtype=np.int64) > 0
        keep = open_subject[subjects_array]
        units_array, subjects_array, ranks_array = (
            units_array[keep],
            subjects_array[keep],
            ranks_array[keep],
        )
    fast = len(units_array)
    return Problem(
        prepared=prepared,
        units=kept,
        arc_unit=np.concatenate([units_array, np.asarray(other_unit, dtype=np.int64)]),
        arc_subject=np.concatenate([subjects_array, np.asarray(other_subject, dtype=np.int64)]),
        arc_size=np.concatenate(
            [np.ones(fast, dtype=np.int64), np.asarray(other_size, dtype=np.int64)]
        ),
        rank_a=np.concatenate([ranks_array, np.asarray(other_a, dtype=np.int64)]),
        rank_b=np.concatenate(
            [np.zeros(fast, dtype=np.int64), np.asarray(other_b, dtype=np.int64)]
        ),
        pool=pool,
        remaining_capacity=room,
        remaining_load=[
            prepared.max_load[t] - prepared.locked_load[t]
            for t in range(len(prepared.supervisor_ids))
        ],
        ranked_students=ranked_students,
        unranked_students=unranked_students,
        max_rank=prepared.max_rank,
    )


def arc_costs(
    problem: Problem, objective: str, *, placed_level: bool, limit: int
) -> np.ndarray | None:
    """Integer costs to minimise, one per arc (a pooled student costs -1), or None when
    the weights needed for an exact lexicographic objective would pass `limit`.

    Levels: (1) rankers placed, weight `w_placed` (left out with `placed_level=False`,
    when a maximum flow already fixes it); (2) the rank sum, or for rank-maximal the
    count at rank 1, then 2, …; (3) non-rankers placed, weight 1. Each weight exceeds
    the largest total the levels below it can reach.
    """
    rankers = problem.ranked_students
    unranked = problem.unranked_students
    k = max(problem.max_rank, 1)
    students = len(problem.prepared.student_ids) + 1
    ranked = problem.ranked_arcs
    size = problem.arc_size
    if objective == "min_rank_sum":
        w_rank = unranked + 1
        w_placed = (k * rankers + 1) * w_rank if placed_level else 0
        if (w_placed + k * w_rank) * 2 * students >= limit:
            return None
        ranks = problem.rank_a + problem.rank_b
        costs = np.where(ranked, ranks * w_rank - w_placed * size, -size)
    else:
        weight_of_rank = [0] * (k + 1)
        below = unranked
        for j in range(k, 0, -1):
            weight_of_rank[j] = below + 1
            below += weight_of_rank[j] * rankers
        w_placed = below + 1 if placed_level else 0
        if (w_placed + weight_of_rank[1]) * 2 * students >= limit:
            return None
        weights = np.asarray(weight_of_rank, dtype=np.int64)
        costs = np.where(
            ranked, -w_placed * size - weights[problem.rank_a] - weights[problem.rank_b], -size
        )
    return costs.astype(np.int64)


def _needs_minimum(prepared: Prepared, p: int) -> bool:
    return prepared.minimum[p] > max(1, prepared.locked_count[p])


def is_network(problem: Problem) -> bool:
    prepared = problem.prepared
    if problem.arc_count and int(problem.arc_size.max()) > 1:
        return False
    for p in range(len(prepared.subject_ids)):
        if _needs_minimum(prepared, p):
            return False
        supervision = prepared.supervision[p]
        if len(supervision) > 1 or (supervision and abs(supervision[0][1] - 1.0) > EPSILON):
            return False
    return True


def solve(instance: Instance, *, engine: str = "auto") -> Result:
    """Solve `instance` exactly; raise InstanceError / InfeasibleError on bad input.

    `engine` is "auto" (the flow when the instance is a network), or "mip" to force the
    integer program (tests compare both).
    """
    started = time.perf_counter()
    prepared = prepare(instance)
    options = instance.options
    problem = build_problem(prepared, options.seed)
    placed: dict[int, int] = {}  # student index → subject index
    costs = None
    if engine != "mip" and is_network(problem):
        # Without non-rankers, a maximum flow fixes level 1 and the costs need no big
        # weight for it; otherwise one min-cost flow with a bypass arc does it all.
        only_rankers = problem.unranked_students == 0
        costs = arc_costs(
            problem, options.objective, placed_level=not only_rankers, limit=FLOW_COST_LIMIT
        )
        if costs is not None:
            optimal = _solve_flow(problem, costs, placed, max_flow=only_rankers)
            method = "min_cost_flow"
    if costs is None:
        # HiGHS takes half a second to import; load it on first need, off the clock.
        loading = time.perf_counter()
        _load_highs()
        started += time.perf_counter() - loading
        optimal = _solve_mip(problem, placed, options.objective, options.time_limit)
        method = "mip"
    for s, subject in enumerate(prepared.locked_subject):
        if subject is not None:
            placed[s] = subject
    return _result(prepared, placed, optimal, method, time.perf_counter() - started)


def _solve_flow(
    problem: Problem, costs: np.ndarray, placed: dict[int, int], *, max_flow: bool
) -> bool:
    """Source → unit → subject → supervisor → sink; pooled non-rankers through one node.

    With `max_flow`, OR-Tools finds a maximum flow of minimum cost (every unit counts
    the same at level 1); otherwise all supply must reach the sink and a zero-cost
    bypass arc carries the students left unplaced.
    """
    prepared = problem.prepared
    n_units = len(problem.units)
    n_subjects = len(prepared.subject_ids)
    n_supervisors = len(prepared.supervisor_ids)
    source, sink, pool_node = 0, 1, 2
    unit_base = 3
    subject_base = unit_base + n_units
    supervisor_base = subject_base + n_subjects
    pool_size = len(problem.pool)
    supply = n_units + pool_size
    subjects = np.arange(n_subjects, dtype=np.int64)

    subject_heads = np.full(n_subjects, sink, dtype=np.int64)
    for p in range(n_subjects):
        supervision = prepared.supervision[p]
        if supervision:
            subject_heads[p] = supervisor_base + supervision[0][0]
    supervisor_caps = np.array(
        [
            supply if math.isinf(load) else max(0, math.floor(load + EPSILON))
            for load in problem.remaining_load
        ],
        dtype=np.int64,
    )
    subject_caps = np.asarray(problem.remaining_capacity, dtype=np.int64)
    pool_arcs = n_subjects if pool_size else 0
    bypass = 0 if max_flow else 1
    empty = np.zeros(0, dtype=np.int64)
    tails = np.concatenate(
        [
            problem.arc_unit + unit_base,
            np.full(n_units, source, dtype=np.int64),
            subject_base + subjects,
            supervisor_base + np.arange(n_supervisors, dtype=np.int64),
            np.full(bypass, source, dtype=np.int64),
            np.full(1 if pool_size else 0, source, dtype=np.int64),
            np.full(pool_arcs, pool_node, dtype=np.int64),
        ]
    )
    heads = np.concatenate(
        [
            problem.arc_subject + subject_base,
            unit_base + np.arange(n_units, dtype=np.int64),
            subject_heads,
            np.full(n_supervisors, sink, dtype=np.int64),
            np.full(bypass, sink, dtype=np.int64),
            np.full(1 if pool_size else 0, pool_node, dtype=np.int64),
            subject_base + subjects if pool_size else empty,
        ]
    )
    capacities = np.concatenate(
        [
            np.ones(problem.arc_count + n_units, dtype=np.int64),
            subject_caps,
            supervisor_caps,
            np.full(bypass, supply, dtype=np.int64),
            np.full(1 if pool_size else 0, pool_size, dtype=np.int64),
            subject_caps if pool_size else empty,
        ]
    )
    unit_costs = np.concatenate(
        [
            costs,
            np.zeros(n_units + n_subjects + n_supervisors + bypass, dtype=np.int64),
            np.zeros(1 if pool_size else 0, dtype=np.int64),
            np.full(pool_arcs, -1, dtype=np.int64),
        ]
    )
    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(tails, heads, capacities, unit_costs)
    flow.set_node_supply(source, supply)
    flow.set_node_supply(sink, -supply)
    status = flow.solve_max_flow_with_min_cost() if max_flow else flow.solve()
    if status != flow.OPTIMAL:
        raise InfeasibleError(f"The flow solver stopped with status {status}.", constraint="solver")
    if problem.arc_count:
        used = flow.flows(np.arange(problem.arc_count, dtype=np.int64))
        chosen = np.flatnonzero(used > 0)
        units = problem.units
        for unit, subject in zip(
            problem.arc_unit[chosen].tolist(), problem.arc_subject[chosen].tolist(), strict=True
        ):
            placed[units[unit].members[0]] = subject
    if pool_size:
        first = len(tails) - pool_arcs
        pool_flows = flow.flows(np.arange(first, len(tails), dtype=np.int64))
        _distribute_pool(problem, pool_flows.tolist(), placed)
    return True


def _distribute_pool(problem: Problem, per_subject: list[int], placed: dict[int, int]) -> None:
    students = iter(problem.pool)  # already in the seed's order
    for p, count in enumerate(per_subject):
        for _ in range(int(count)):
            placed[next(students)] = p


def _solve_mip(
    problem: Problem, placed: dict[int, int], objective: str, time_limit: float | None
) -> bool:
    """The integer program of docs/allocation.md, solved by HiGHS."""
    prepared = problem.prepared
    n_subjects = len(prepared.subject_ids)
    n_x = problem.arc_count
    pool_size = len(problem.pool)
    n_units = len(problem.units)
    # Columns: x per arc (binary), g per subject for the pool (integer), y per subject
    # needing a minimum and not forced open by a lock (binary: opened).
    g_base = n_x
    n_g = n_subjects if pool_size else 0
    y_subjects = [
        p
        for p in range(n_subjects)
        if _needs_minimum(prepared, p) and prepared.locked_count[p] == 0
    ]
    y_base = g_base + n_g
    n_cols = y_base + len(y_subjects)
    if n_cols == 0:
        return True  # nobody left to place: the locks are the whole assignment
    inf = highspy.kHighsInf

    # Rows: one per unit, one capacity row per subject, then minimum rows, supervisor
    # rows and the pool row, numbered as they come.
    row_lower: list[float] = [-inf] * n_units + [-inf] * n_subjects
    row_upper: list[float] = [1.0] * n_units + [float(c) for c in problem.remaining_capacity]
    rows_i: list[np.ndarray] = [problem.arc_unit, n_units + problem.arc_subject]
    cols_i: list[np.ndarray] = [np.arange(n_x), np.arange(n_x)]
    vals_i: list[np.ndarray] = [np.ones(n_x), problem.arc_size.astype(float)]
    order = np.argsort(problem.arc_subject, kind="stable")
    bounds = np.searchsorted(problem.arc_subject[order], np.arange(n_subjects + 1))

    def add_subject_terms(row: int, p: int, factor: float) -> None:
        arcs = order[bounds[p] : bounds[p + 1]]
        rows_i.append(np.full(len(arcs), row))
        cols_i.append(arcs)
        vals_i.append(problem.arc_size[arcs] * factor)
        if pool_size:
            rows_i.append(np.array([row]))
            cols_i.append(np.array([g_base + p]))
            vals_i.append(np.array([factor]))

    def add_entry(row: int, column: int, value: float) -> None:
        rows_i.append(np.array([row]))
        cols_i.append(np.array([column]))
        vals_i.append(np.array([value]))

    if pool_size:
        for p in range(n_subjects):
            add_entry(n_units + p, g_base + p, 1.0)
    for i, p in enumerate(y_subjects):
        row_upper[n_units + p] = 0.0
        add_entry(n_units + p, y_base + i, -float(problem.remaining_capacity[p]))
        row = len(row_lower)
        row_lower.append(0.0)
        row_upper.append(inf)
        add_subject_terms(row, p, 1.0)
        add_entry(row, y_base + i, -float(prepared.minimum[p]))
    for p in range(n_subjects):
        if _needs_minimum(prepared, p) and prepared.locked_count[p]:  # forced open
            row = len(row_lower)
            row_lower.append(float(prepared.minimum[p] - prepared.locked_count[p]))
            row_upper.append(inf)
            add_subject_terms(row, p, 1.0)
    supervisor_terms: dict[int, list[tuple[int, float]]] = {}
    for p in range(n_subjects):
        for t, weight in prepared.supervision[p]:
            if not math.isinf(problem.remaining_load[t]):
                supervisor_terms.setdefault(t, []).append((p, weight))
    for t, terms in supervisor_terms.items():
        row = len(row_lower)
        row_lower.append(-inf)
        row_upper.append(problem.remaining_load[t] + EPSILON)
        for p, weight in terms:
            add_subject_terms(row, p, weight)
    if pool_size:
        row = len(row_lower)
        row_lower.append(-inf)
        row_upper.append(float(pool_size))
        for p in range(n_subjects):
            add_entry(row, g_base + p, 1.0)

    rows = np.concatenate(rows_i).astype(np.int64)
    cols = np.concatenate(cols_i).astype(np.int64)
    vals = np.concatenate(vals_i).astype(float)
    by_column = np.lexsort((rows, cols))
    starts = np.concatenate([[0], np.cumsum(np.bincount(cols, minlength=n_cols))])

    upper = np.ones(n_cols)
    if pool_size:
        upper[g_base : g_base + n_g] = problem.remaining_capacity
    lp = highspy.HighsLp()
    lp.num_col_ = n_cols
    lp.num_row_ = len(row_lower)
    lp.col_lower_ = np.zeros(n_cols)
    lp.col_upper_ = upper
    lp.col_cost_ = np.zeros(n_cols)
    lp.row_lower_ = np.asarray(row_lower, dtype=float)
    lp.row_upper_ = np.asarray(row_upper, dtype=float)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = starts.astype(np.int32)
    lp.a_matrix_.index_ = rows[by_column].astype(np.int32)
    lp.a_matrix_.value_ = vals[by_column]
    lp.integrality_ = [highspy.HighsVarType.kInteger] * n_cols

    highs = _new_highs()
    highs.setOptionValue("output_flag", False)
    highs.setOptionValue("mip_rel_gap", 0.0)
    highs.setOptionValue("mip_abs_gap", 0.5)  # objectives are integers: gap < 1 proves it
    highs.setOptionValue("random_seed", 0)
    if time_limit:
        highs.setOptionValue("time_limit", float(time_limit))
    highs.passModel(lp)

    optimal = False
    columns = np.arange(n_cols, dtype=np.int32)
    for level_costs in _objective_levels(problem, objective, n_g):
        cost = np.zeros(n_cols)
        cost[: len(level_costs)] = level_costs
        highs.changeColsCost(n_cols, columns, cost)
        highs.run()
        status = highs.getModelStatus()
        if status == highspy.HighsModelStatus.kInfeasible:
            raise InfeasibleError(
                "Infeasible: the subjects forced open by locked students cannot reach their "
                "minimum within the capacities and supervisors' maximum loads.",
                constraint="subject_min",
            )
        if status != highspy.HighsModelStatus.kOptimal:
            optimal = False
            if highs.getInfo().primal_solution_status != 2:  # no feasible solution
                raise InfeasibleError(
                    f"The solver stopped ({highs.modelStatusToString(status)}) without a "
                    "feasible assignment.",
                    constraint="solver",
                )
            break
        optimal = True
        value = highs.getInfo().objective_function_value
        nonzero = np.flatnonzero(cost)
        # Hold this level at its optimum while the next ones are optimised.
        highs.addRow(
            -inf,
            math.floor(value + 0.5) + 0.5,
            len(nonzero),
            nonzero.astype(np.int32),
            cost[nonzero],
        )
    solution = np.asarray(highs.getSolution().col_value)
    for index in np.flatnonzero(solution[:n_x] > 0.5).tolist():
        unit = problem.units[int(problem.arc_unit[index])]
        for member in unit.members:
            placed[member] = int(problem.arc_subject[index])
    if pool_size:
        counts = [round(v) for v in solution[g_base : g_base + n_g]]
        _distribute_pool(problem, counts, placed)
    return optimal


_banner_shown = False
highspy: Any = None


def _load_highs() -> None:
    global highspy
    if highspy is None:
        import highspy as module

        highspy = module


def _new_highs() -> Any:
    """A HiGHS instance; the first one prints a banner on file descriptor 1: hide it, so
    `thesisdesk allocate solve` without --out prints clean JSON."""
    global _banner_shown
    if _banner_shown:
        return highspy.Highs()
    sys.stdout.flush()
    saved = os.dup(1)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 1)
        highs = highspy.Highs()
    finally:
        os.dup2(saved, 1)
        os.close(saved)
        os.close(devnull)
        _banner_shown = True
    return highs


def _objective_levels(problem: Problem, objective: str, n_g: int) -> list[np.ndarray]:
    """The costs to minimise, one vector per level (a single one when weights fit)."""
    pool_costs = np.full(n_g, -1.0)
    costs = arc_costs(problem, objective, placed_level=True, limit=FLOAT_EXACT_LIMIT)
    if costs is not None:
        return [np.concatenate([costs.astype(float), pool_costs])]
    ranked = problem.ranked_arcs
    size = problem.arc_size.astype(float)
    zeros_g = np.zeros(n_g)
    levels = [np.concatenate([np.where(ranked, -size, 0.0), zeros_g])]
    if objective == "min_rank_sum":
        levels.append(np.concatenate([(problem.rank_a + problem.rank_b).astype(float), zeros_g]))
    else:
        for j in range(1, problem.max_rank + 1):
            at_rank = (problem.rank_a == j).astype(float) + (problem.rank_b == j).astype(float)
            levels.append(np.concatenate([-at_rank, zeros_g]))
    levels.append(np.concatenate([np.where(ranked, 0.0, -size), pool_costs]))
    return levels


def _result(
    prepared: Prepared, placed: dict[int, int], optimal: bool, method: str, seconds: float
) -> Result:
    k = prepared.max_rank
    profile = [0] * (k + 1)
    assignments: dict[str, str] = {}
    unassigned: list[str] = []
    rank_sum = 0
    counts = [0] * len(prepared.subject_ids)
    for s, student_id in enumerate(prepared.student_ids):
        subject = placed.get(s)
        if subject is None:
            unassigned.append(student_id)
            if prepared.ranked[s]:
                profile[k] += 1
            continue
        counts[subject] += 1
        assignments[student_id] = prepared.subject_ids[subject]
        rank = prepared.rank_of[s].get(subject, 0)
        if rank:
            profile[rank - 1] += 1
            rank_sum += rank
        elif prepared.ranked[s]:
            profile[k] += 1
    options = prepared.instance.options
    return Result(
        assignments=assignments,
        unassigned=unassigned,
        profile=profile,
        assigned=len(assignments),
        rank_sum=rank_sum,
        optimal=optimal,
        seconds=seconds,
        method=method,
        seed=options.seed,
        objective=options.objective,
        closed_subjects=[
            prepared.subject_ids[p]
            for p in range(len(prepared.subject_ids))
            if prepared.minimum[p] > 1 and counts[p] == 0
        ],
    )


def summarize(instance: Instance, assignments: dict[str, str], *, method: str = "hand") -> Result:
    """The Result figures (profile, objective) of any assignment, e.g. after hand moves.

    Not claimed optimal."""
    prepared = prepare(instance)
    placed = {
        prepared.student_index[student]: prepared.subject_index[subject]
        for student, subject in assignments.items()
    }
    return _result(prepared, placed, False, method, 0.0)
