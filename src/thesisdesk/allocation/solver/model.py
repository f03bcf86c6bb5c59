"""The solver's input and output: plain typed dataclasses, no Django.

An `Instance` is everything the solver needs; a `Result` is what it proposes. Both map
one to one onto the JSON shapes of `thesisdesk allocate solve` (see `jsonio`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Objective = Literal["min_rank_sum", "rank_maximal"]
OBJECTIVES: tuple[Objective, ...] = ("min_rank_sum", "rank_maximal")


class InstanceError(ValueError):
    """The instance is malformed; `item` names the offending student, subject, lock…"""

    def __init__(self, message: str, *, item: str = "", code: str = "invalid_instance"):
        super().__init__(message)
        self.message = message
        self.item = item
        self.code = code


class InfeasibleError(InstanceError):
    """No assignment satisfies the hard constraints; `constraint` says which one."""

    def __init__(self, message: str, *, item: str = "", constraint: str = ""):
        super().__init__(message, item=item, code="infeasible")
        self.constraint = constraint


@dataclass(frozen=True)
class Student:
    id: str
    ranking: tuple[str, ...] = ()
    partner: str | None = None


@dataclass(frozen=True)
class CoSupervision:
    supervisor: str
    weight: float | None = None  # None: the instance's `co_supervision_weight`


@dataclass(frozen=True)
class Subject:
    id: str
    capacity: int
    supervisor: str | None = None
    min: int = 0
    co_supervisors: tuple[CoSupervision, ...] = ()


@dataclass(frozen=True)
class Supervisor:
    id: str
    max_load: float | None = None  # None: no limit


@dataclass(frozen=True)
class StudentSubject:
    student: str
    subject: str


@dataclass(frozen=True)
class Options:
    objective: Objective = "min_rank_sum"
    assign_unranked: bool = False
    seed: int = 0
    co_supervision_weight: float = 0.5
    time_limit: float | None = None  # seconds; a run cut short is reported not optimal


@dataclass(frozen=True)
class Instance:
    students: tuple[Student, ...]
    subjects: tuple[Subject, ...]
    supervisors: tuple[Supervisor, ...] = ()
    locked: tuple[StudentSubject, ...] = ()
    forbidden: tuple[StudentSubject, ...] = ()
    options: Options = field(default_factory=Options)


@dataclass
class Result:
    """What the solver proposes.

    `assignments` maps student id → subject id for every assigned student (locked ones
    included), in the instance's student order. `profile[k]` counts students who got
    their (k+1)-th choice; the last entry counts students who ranked but got none of
    their choices. `assigned` counts every assigned student, `rank_sum` adds the ranks
    of those placed on a subject they ranked.
    """

    assignments: dict[str, str]
    unassigned: list[str]
    profile: list[int]
    assigned: int
    rank_sum: int
    optimal: bool
    seconds: float
    method: str = ""
    seed: int = 0
    objective: Objective = "min_rank_sum"
    closed_subjects: list[str] = field(default_factory=list)
