"""The subject state machine as data: which action moves a subject from which states."""

from __future__ import annotations

from thesisdesk.subjects.models import SubjectState

S = SubjectState

# action → (states it may start from, state it leads to); None: depends (see services).
TRANSITIONS: dict[str, tuple[frozenset[str], str | None]] = {
    "subject.accept": (frozenset({S.PROPOSED_BY_STUDENT}), S.PROPOSED),
    "subject.approve": (frozenset({S.PROPOSED}), S.APPROVED),
    "subject.reject": (frozenset({S.PROPOSED, S.PROPOSED_BY_STUDENT}), S.REJECTED),
    "subject.resubmit": (frozenset({S.REJECTED}), None),
    "subject.publish": (frozenset({S.APPROVED}), S.PUBLISHED),
    "subject.withdraw": (
        frozenset({S.PROPOSED_BY_STUDENT, S.PROPOSED, S.APPROVED, S.PUBLISHED}),
        S.WITHDRAWN,
    ),
    "subject.update": (
        frozenset({S.PROPOSED_BY_STUDENT, S.PROPOSED, S.APPROVED, S.REJECTED, S.PUBLISHED}),
        None,
    ),
}
