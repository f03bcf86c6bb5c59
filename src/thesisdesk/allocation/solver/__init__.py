"""The allocation solver: pure Python on OR-Tools and HiGHS, no Django.

`solve(instance) -> Result` is exact; `explain(instance, result)` says why; `compare`
sets two results side by side; `jsonio` reads and writes the command line's JSON.
"""

from .model import (
    OBJECTIVES,
    CoSupervision,
    InfeasibleError,
    Instance,
    InstanceError,
    Options,
    Result,
    Student,
    StudentSubject,
    Subject,
    Supervisor,
)
from .solve import solve, summarize

__all__ = [
    "OBJECTIVES",
    "CoSupervision",
    "InfeasibleError",
    "Instance",
    "InstanceError",
    "Options",
    "Result",
    "Student",
    "StudentSubject",
    "Subject",
    "Supervisor",
    "solve",
    "summarize",
]
