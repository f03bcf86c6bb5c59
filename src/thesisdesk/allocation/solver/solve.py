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

from .model import InfeasibleError, Instance, Result
from .prepare import EPSILON, Prepared, Unit, prepare, unit_candidates

FLOW_COST_LIMIT = 2**62
FLOAT_EXACT_LIMIT = 2**52


@dataclass
class Arc:
    unit: int  # index into Problem.units
    subject: int
    ranks: list[int]  # one per member, 0 when the member did not rank


@dataclass
class Problem:
    """The free part of an instance, in the seed's order."""

    prepared: Prepared
    units: list[Unit]
    arcs: list[Arc]
    pool: list[int]  # single students who did not rank, no forbidden subject: interchangeable
    remaining_capacity: list[int]
    remaining_load: list[float]
    ranked_students: int
    unranked_students: int  # those who may be placed (assign_unranked), pool included
    max_rank: int


def _weights(problem: Problem, objective: str) -> tuple[list[int], int] | None:
    """Integer costs (to minimise) per arc and per pooled student, or None if too large."""
    rankers = problem.ranked_students
    unranked = problem.unranked_students
    k = max(problem.max_rank, 1)
    if objective == "min_rank_sum":
        w_unranked = 1
        w_rank = unranked + 1  # one rank unit outweighs every non-ranker
        w_placed = (k * rankers + 1) * w_rank  # one ranker outweighs any rank sum
        costs = [
            sum(r * w_rank - w_placed for r in arc.ranks)
            if arc.ranks[0]
            else -w_unranked * len(arc.ranks)
            for arc in problem.arcs
        ]
        biggest = w_placed * (rankers + 1)
    else:
        # Rank-maximal: weight of rank j outweighs all students at ranks > j.
        weight_of_rank = [0] * (k + 2)
        below = unranked  # the non-rankers' level, weight 1
        for j in range(k, 0, -1):
            weight_of_rank[j] = below + 1
            below += weight_of_rank[j] * rankers
        w_placed = below + 1
        costs = [
            sum(-w_placed - weight_of_rank[r] for r in arc.ranks)
            if arc.ranks[0]
            else -len(arc.ranks)
            for arc in problem.arcs
        ]
        biggest = (w_placed + weight_of_rank[1]) * (rankers + 1)
    if biggest * (len(problem.prepared.student_ids) + 1) >= FLOW_COST_LIMIT:
        return None
    return costs, -1


def build_problem(prepared: Prepared, seed: int) -> Problem:
    rng = random.Random(seed)
    units = prepared.free_units
    rng.shuffle(units)
    allow_unranked = prepared.instance.options.assign_unranked
    arcs: list[Arc] = []
    pool: list[int] = []
    kept_units: list[Unit] = []
    ranked_students = 0
    unranked_students = 0
    for unit in units:
        is_ranked = prepared.ranked[unit.members[0]]
        if is_ranked:
            ranked_students += unit.size
        elif not allow_unranked:
            continue
        else:
            unranked_students += unit.size
            if unit.size == 1 and not any(
                (unit.members[0], p) in prepared.forbidden for p in range(len(prepared.subject_ids))
            ):
                pool.append(unit.members[0])
                continue
        position = len(kept_units)
        kept_units.append(unit)
        for subject, ranks in unit_candidates(prepared, unit).items():
            arcs.append(Arc(unit=position, subject=subject, ranks=ranks))
    remaining_capacity = [
        prepared.capacity[p] - prepared.locked_count[p] for p in range(len(prepared.subject_ids))
    ]
    remaining_load = [
        prepared.max_load[t] - prepared.locked_load[t] for t in range(len(prepared.supervisor_ids))
    ]
    return Problem(
        prepared=prepared,
        units=kept_units,
        arcs=arcs,
        pool=pool,
        remaining_capacity=remaining_capacity,
        remaining_load=remaining_load,
        ranked_students=ranked_students,
        unranked_students=unranked_students,
        max_rank=prepared.max_rank,
    )


def _needs_minimum(prepared: Prepared, p: int) -> bool:
    return prepared.minimum[p] > max(1, prepared.locked_count[p])


def is_network(problem: Problem) -> bool:
    prepared = problem.prepared
    if any(unit.size > 1 for unit in problem.units):
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
    weights = _weights(problem, options.objective)
    placed: dict[int, int] = {}  # student index → subject index
    if engine != "mip" and weights is not None and is_network(problem):
        optimal = _solve_flow(problem, weights, placed)
        method = "min_cost_flow"
    else:
        optimal = _solve_mip(problem, weights, placed, options.objective, options.time_limit)
        method = "mip"
    for s, subject in enumerate(prepared.locked_subject):
        if subject is not None:
            placed[s] = subject
    return _result(prepared, placed, optimal, method, time.perf_counter() - started)


def _solve_flow(problem: Problem, weights: tuple[list[int], int], placed: dict[int, int]) -> bool:
    from ortools.graph.python import min_cost_flow

    prepared = problem.prepared
    costs, pool_cost = weights
    n_units = len(problem.units)
    n_subjects = len(prepared.subject_ids)
    n_supervisors = len(prepared.supervisor_ids)
    source, sink, pool_node = 0, 1, 2
    unit_base = 3
    subject_base = unit_base + n_units
    supervisor_base = subject_base + n_subjects
    supply = n_units + len(problem.pool)

    arc_count = len(problem.arcs)
    tails = np.empty(arc_count, dtype=np.int64)
    heads = np.empty(arc_count, dtype=np.int64)
    for i, arc in enumerate(problem.arcs):
        tails[i] = arc.unit
        heads[i] = arc.subject
    tails += unit_base
    heads += subject_base
    arc_costs = np.asarray(costs, dtype=np.int64)

    subject_heads = np.empty(n_subjects, dtype=np.int64)
    for p in range(n_subjects):
        supervision = prepared.supervision[p]
        subject_heads[p] = supervisor_base + supervision[0][0] if supervision else sink
    supervisor_caps = np.array(
        [
            supply if math.isinf(load) else max(0, math.floor(load + EPSILON))
            for load in problem.remaining_load
        ],
        dtype=np.int64,
    )
    subjects = np.arange(n_subjects, dtype=np.int64)
    subject_caps = np.asarray(problem.remaining_capacity, dtype=np.int64)
    pool_size = len(problem.pool)

    all_tails = np.concatenate(
        [
            tails,
            np.full(n_units, source, dtype=np.int64),
            subject_base + subjects,
            supervisor_base + np.arange(n_supervisors, dtype=np.int64),
            np.array([source, source], dtype=np.int64),
            np.full(n_subjects if pool_size else 0, pool_node, dtype=np.int64),
        ]
    )
    all_heads = np.concatenate(
        [
            heads,
            unit_base + np.arange(n_units, dtype=np.int64),
            subject_heads,
            np.full(n_supervisors, sink, dtype=np.int64),
            np.array([sink, pool_node], dtype=np.int64),
            (subject_base + subjects) if pool_size else np.zeros(0, dtype=np.int64),
        ]
    )
    all_caps = np.concatenate(
        [
            np.ones(arc_count, dtype=np.int64),
            np.ones(n_units, dtype=np.int64),
            subject_caps,
            supervisor_caps,
            np.array([supply, pool_size], dtype=np.int64),
            subject_caps if pool_size else np.zeros(0, dtype=np.int64),
        ]
    )
    all_costs = np.concatenate(
        [
            arc_costs,
            np.zeros(n_units + n_subjects + n_supervisors + 2, dtype=np.int64),
            np.full(n_subjects if pool_size else 0, pool_cost, dtype=np.int64),
        ]
    )
    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(all_tails, all_heads, all_caps, all_costs)
    flow.set_node_supply(source, supply)
    flow.set_node_supply(sink, -supply)
    status = flow.solve()
    if status != flow.OPTIMAL:
        raise InfeasibleError(f"The flow solver stopped with status {status}.", constraint="solver")
    if arc_count:
        used = flow.flows(np.arange(arc_count, dtype=np.int64))
        for index in np.flatnonzero(used > 0):
            arc = problem.arcs[int(index)]
            placed[problem.units[arc.unit].members[0]] = arc.subject
    if pool_size:
        first_pool_arc = len(all_tails) - n_subjects
        pool_flows = flow.flows(np.arange(first_pool_arc, len(all_tails), dtype=np.int64))
        _distribute_pool(problem, [int(v) for v in pool_flows], placed)
    return True


def _distribute_pool(problem: Problem, per_subject: list[int], placed: dict[int, int]) -> None:
    students = iter(problem.pool)  # already in the seed's order
    for p, count in enumerate(per_subject):
        for _ in range(count):
            placed[next(students)] = p


def _solve_mip(
    problem: Problem,
    weights: tuple[list[int], int] | None,
    placed: dict[int, int],
    objective: str,
    time_limit: float | None,
) -> bool:
    import highspy

    prepared = problem.prepared
    n_subjects = len(prepared.subject_ids)
    arcs = problem.arcs
    pool_size = len(problem.pool)
    n_x = len(arcs)
    # Columns: x per arc (binary), g per subject for the pool (integer), y per subject
    # needing a minimum (binary: opened).
    g_base = n_x
    n_g = n_subjects if pool_size else 0
    y_subjects = [
        p
        for p in range(n_subjects)
        if _needs_minimum(prepared, p) and prepared.locked_count[p] == 0
    ]
    y_base = g_base + n_g
    y_of = {p: y_base + i for i, p in enumerate(y_subjects)}
    n_cols = y_base + len(y_subjects)

    if n_cols == 0:
        return True  # nobody left to place: the locks are the whole assignment
    lower = np.zeros(n_cols)
    upper = np.ones(n_cols)
    for p in range(n_g):
        upper[g_base + p] = problem.remaining_capacity[p]

    rows: list[tuple[list[int], list[float], float, float]] = []
    inf = highspy.kHighsInf
    by_unit: dict[int, list[int]] = {}
    by_subject: list[list[tuple[int, float]]] = [[] for _ in range(n_subjects)]
    for i, arc in enumerate(arcs):
        by_unit.setdefault(arc.unit, []).append(i)
        by_subject[arc.subject].append((i, float(len(arc.ranks))))
    for columns in by_unit.values():
        if len(columns) > 1:
            rows.append((columns, [1.0] * len(columns), -inf, 1.0))
    if pool_size:
        rows.append((list(range(g_base, g_base + n_g)), [1.0] * n_g, -inf, float(pool_size)))
    for p in range(n_subjects):
        columns = [i for i, _ in by_subject[p]]
        values = [v for _, v in by_subject[p]]
        if pool_size:
            columns.append(g_base + p)
            values.append(1.0)
        room = float(problem.remaining_capacity[p])
        if p in y_of:
            opened = [*columns, y_of[p]]
            rows.append((opened, [*values, -room], -inf, 0.0))
            rows.append((opened, [*values, -float(prepared.minimum[p])], 0.0, inf))
        else:
            if columns:
                rows.append((columns, values, -inf, room))
            if _needs_minimum(prepared, p):  # forced open by its locked students
                need = float(prepared.minimum[p] - prepared.locked_count[p])
                rows.append((columns, values, need, inf))
    for t, load in enumerate(problem.remaining_load):
        if math.isinf(load):
            continue
        columns, values = [], []
        for p in range(n_subjects):
            weight = dict(prepared.supervision[p]).get(t)
            if not weight:
                continue
            for i, v in by_subject[p]:
                columns.append(i)
                values.append(v * weight)
            if pool_size:
                columns.append(g_base + p)
                values.append(weight)
        if columns:
            rows.append((columns, values, -inf, load + EPSILON))

    highs = _new_highs()
    highs.setOptionValue("output_flag", False)
    highs.setOptionValue("mip_rel_gap", 0.0)
    highs.setOptionValue("mip_abs_gap", 0.5)  # objectives are integers: gap < 1 proves it
    highs.setOptionValue("random_seed", 0)
    if time_limit:
        highs.setOptionValue("time_limit", float(time_limit))

    lp = highspy.HighsLp()
    lp.num_col_ = n_cols
    lp.num_row_ = len(rows)
    lp.col_lower_ = lower
    lp.col_upper_ = upper
    lp.col_cost_ = np.zeros(n_cols)
    lp.row_lower_ = np.array([row[2] for row in rows], dtype=float)
    lp.row_upper_ = np.array([row[3] for row in rows], dtype=float)
    starts = [0]
    indices: list[int] = []
    values_all: list[float] = []
    for columns, values, _, _ in rows:
        indices.extend(columns)
        values_all.extend(values)
        starts.append(len(indices))
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.start_ = np.array(starts, dtype=np.int32)
    lp.a_matrix_.index_ = np.array(indices, dtype=np.int32)
    lp.a_matrix_.value_ = np.array(values_all, dtype=float)
    lp.integrality_ = [highspy.HighsVarType.kInteger] * n_cols
    highs.passModel(lp)

    for level_costs in _objective_levels(problem, weights, objective, n_g):
        cost = np.zeros(n_cols)
        cost[: len(level_costs)] = level_costs
        highs.changeColsCost(n_cols, np.arange(n_cols, dtype=np.int32), cost)
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
        highs.addRow(
            -inf,
            math.floor(value + 0.5) + 0.5,
            len(nonzero),
            nonzero.astype(np.int32),
            cost[nonzero],
        )
    solution = np.asarray(highs.getSolution().col_value)
    for index in np.flatnonzero(solution[:n_x] > 0.5):
        arc = arcs[int(index)]
        for member in problem.units[arc.unit].members:
            placed[member] = arc.subject
    if pool_size:
        counts = [round(v) for v in solution[g_base : g_base + n_g]]
        _distribute_pool(problem, counts, placed)
    return optimal


_banner_shown = False


def _new_highs() -> Any:
    """A HiGHS instance; the first one prints a banner on file descriptor 1: hide it, so
    `thesisdesk allocate solve` without --out prints clean JSON."""
    import highspy

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


def _objective_levels(
    problem: Problem, weights: tuple[list[int], int] | None, objective: str, n_g: int
) -> list[np.ndarray]:
    """The costs to minimise, one vector per level (a single one when weights fit)."""
    if weights is not None:
        costs, pool_cost = weights
        biggest = max((abs(c) for c in costs), default=0) * (len(problem.prepared.student_ids) + 1)
        if biggest < FLOAT_EXACT_LIMIT:
            pool_costs = np.full(n_g, float(pool_cost))
            return [np.concatenate([np.asarray(costs, dtype=float), pool_costs])]
    arcs = problem.arcs
    zeros_g = np.zeros(n_g)
    levels = [
        np.concatenate([np.array([-float(sum(1 for r in a.ranks if r)) for a in arcs]), zeros_g])
    ]
    if objective == "min_rank_sum":
        levels.append(np.concatenate([np.array([float(sum(a.ranks)) for a in arcs]), zeros_g]))
    else:
        for j in range(1, problem.max_rank + 1):
            levels.append(
                np.concatenate(
                    [np.array([-float(sum(1 for r in a.ranks if r == j)) for a in arcs]), zeros_g]
                )
            )
    levels.append(
        np.concatenate(
            [np.array([-float(sum(1 for r in a.ranks if not r)) for a in arcs]), np.full(n_g, -1.0)]
        )
    )
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
