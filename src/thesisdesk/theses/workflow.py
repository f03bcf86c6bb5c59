"""The thesis state machine as data: which action moves a thesis from which states."""

from __future__ import annotations

from thesisdesk.theses.models import ThesisState

T = ThesisState
NON_FINAL = frozenset({T.PROPOSAL, T.IN_PROGRESS, T.DEPOSITED, T.DEFENDED})

# action → (states it may start from, state it leads to); None: the state does not change.
TRANSITIONS: dict[str, tuple[frozenset[str], str | None]] = {
    "thesis.start": (frozenset({T.PROPOSAL}), T.IN_PROGRESS),
    "thesis.deposit": (frozenset({T.IN_PROGRESS}), T.DEPOSITED),
    "thesis.defend": (frozenset({T.DEPOSITED}), T.DEFENDED),
    "thesis.grade": (frozenset({T.DEFENDED}), T.GRADED),
    "thesis.abandon": (NON_FINAL, T.ABANDONED),
    "thesis.update": (NON_FINAL, None),
    "thesis.set_people": (NON_FINAL, None),
}
