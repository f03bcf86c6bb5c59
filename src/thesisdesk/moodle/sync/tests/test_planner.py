"""The planner, pure: any desired state applied to any current state plans nothing more."""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from thesisdesk.moodle.sync.drift import detect_drift
from thesisdesk.moodle.sync.planner import Limits, count_vars, plan, summarize
from thesisdesk.moodle.sync.state import (
    CurrentState,
    DesiredAssignment,
    DesiredEvent,
    DesiredExtension,
    DesiredGroup,
    DesiredSection,
    DesiredState,
    DesiredSubject,
)
from thesisdesk.moodle.sync.tests.plugin_model import apply_actions, renumber

PREFIX = "campaign:1/"


def build_desired(
    theses: dict[int, tuple[str, tuple[int, ...], bool]],
    deposits: list[int],
    events: list[int],
    subjects: dict[int, str],
    extensions: dict[tuple[int, int], int],
    published: bool = True,
) -> DesiredState:
    groups, sections, assignments, events_, exts = [], [], [], [], []
    enrolments: dict[int, frozenset[int]] = {}
    for thesis_id, (title, members, abandoned) in sorted(theses.items()):
        base = f"{PREFIX}thesis:{thesis_id}"
        groups.append(
            DesiredGroup(key=f"{base}/group", name=f"T{thesis_id} {title}", members=members)
        )
        sections.append(
            DesiredSection(
                key=f"{base}/section",
                name=title,
                summary="<p>s</p>",
                visible=published and not abandoned,
                groupkey=f"{base}/group",
            )
        )
        for n, due in enumerate(deposits):
            key = f"{base}/milestone:{n}/assignment"
            assignments.append(
                DesiredAssignment(
                    key=key,
                    sectionkey=f"{base}/section",
                    name=f"Deposit {n}",
                    duedate=due,
                    cutoffdate=due,
                )
            )
            for (tid, userid), extra in extensions.items():
                if tid == thesis_id:
                    exts.append(DesiredExtension(key, userid, due + extra))
        if not abandoned:
            for n, start in enumerate(events):
                events_.append(
                    DesiredEvent(
                        key=f"{base}/milestone:{100 + n}/event",
                        name=f"Event {n}",
                        timestart=start,
                        groupkey=f"{base}/group",
                    )
                )
        for userid in members:
            enrolments[userid] = frozenset({5})
    return DesiredState(
        courseid=2,
        key_prefix=PREFIX,
        enrolments=enrolments,
        groups=tuple(groups),
        sections=tuple(sections),
        assignments=tuple(assignments),
        events=tuple(events_),
        subjects=tuple(
            DesiredSubject(key=f"{PREFIX}subject:{i}", title=t) for i, t in sorted(subjects.items())
        ),
        extensions=tuple(exts),
    )


titles = st.sampled_from(["Alpha", "Beta", "Gamma", "Δ thèse"])
thesis_spec = st.tuples(titles, st.lists(st.integers(6, 15), max_size=3).map(tuple), st.booleans())
desired_states = st.builds(
    build_desired,
    theses=st.dictionaries(st.integers(1, 8), thesis_spec, max_size=6),
    deposits=st.lists(st.integers(1_800_000_000, 1_800_000_100), max_size=2),
    events=st.lists(st.integers(1_800_000_000, 1_800_000_100), max_size=2),
    subjects=st.dictionaries(st.integers(1, 5), titles, max_size=3),
    extensions=st.dictionaries(
        st.tuples(st.integers(1, 8), st.integers(6, 15)), st.integers(-5, 50), max_size=3
    ),
    published=st.booleans(),
)

HAND_CHANGES = ("rename", "hide", "show", "delete", "move", "members", "duedate", "unenrol")


@st.composite
def current_states(draw: st.DrawFn) -> CurrentState:
    """Moodle after some other desired state was applied, then edited by hand."""
    start = CurrentState(courseid=2)
    if draw(st.booleans()):
        earlier = draw(desired_states)
        start = apply_actions(plan(earlier, start), start)
    items = dict(start.items)
    enrolments = dict(start.enrolments)
    for _ in range(draw(st.integers(0, 4))):
        if not items:
            break
        key = draw(st.sampled_from(sorted(items)))
        item = items[key]
        change = draw(st.sampled_from(HAND_CHANGES))
        if change == "rename":
            items[key] = dataclasses.replace(item, name="Renamed by hand")
        elif change in ("hide", "show"):
            items[key] = dataclasses.replace(item, visible=change == "show")
        elif change == "delete":
            items[key] = dataclasses.replace(item, exists=False)
        elif change == "move" and item.sectionnum is not None:
            moved_to = draw(st.integers(0, 30)) + 0.25  # between two sections
            items[key] = dataclasses.replace(item, sectionnum=moved_to)  # type: ignore[arg-type]
            renumber(items)
        elif change == "members" and item.kind == "group":
            items[key] = dataclasses.replace(item, members=(7,))
        elif change == "duedate" and item.kind == "assignment":
            items[key] = dataclasses.replace(item, duedate=1)
        elif change == "unenrol" and enrolments:
            enrolments.pop(sorted(enrolments)[0])
    return dataclasses.replace(start, items=items, enrolments=enrolments)


limits_strategy = st.builds(lambda v: Limits(max_input_vars=v), st.integers(60, 5000))


@settings(max_examples=300, deadline=None)
@given(desired=desired_states, current=current_states(), limits=limits_strategy)
def test_applying_the_plan_leaves_nothing_to_plan(desired, current, limits):
    after = apply_actions(plan(desired, current, limits=limits), current)
    assert plan(desired, after, limits=limits) == []


@settings(max_examples=300, deadline=None)
@given(desired=desired_states, current=current_states())
def test_repairing_everything_leaves_no_drift(desired, current):
    after = apply_actions(plan(desired, current, repair_all=True), current)
    assert detect_drift(desired, after) == []
    assert plan(desired, after, repair_all=True) == []


@settings(max_examples=200, deadline=None)
@given(desired=desired_states, current=current_states(), limits=limits_strategy)
def test_every_request_fits_the_sites_max_input_vars(desired, current, limits):
    for action in plan(desired, current, limits=limits):
        assert count_vars(action.params()) + 3 <= limits.max_input_vars or len(action.items) == 1


def test_from_nothing_groups_come_before_sections_before_assignments():
    desired = build_desired(
        {1: ("Alpha", (6, 7), False)}, [1_800_000_000], [1_800_000_050], {1: "Alpha"}, {}
    )
    actions = plan(desired, CurrentState(courseid=2))
    assert [a.function for a in actions] == [
        "enrol_manual_enrol_users",
        "local_thesisdesk_sync_groups",
        "local_thesisdesk_sync_sections",
        "local_thesisdesk_sync_assignments",
        "local_thesisdesk_sync_events",
        "local_thesisdesk_sync_subjects",
    ]
    assert summarize(actions)["create section"] == 1


def test_moving_a_deadline_sends_only_what_changed():
    before = build_desired(
        {1: ("A", (6,), False), 2: ("B", (7,), False)}, [1_800_000_000], [], {}, {}
    )
    current = apply_actions(plan(before, CurrentState(courseid=2)), CurrentState(courseid=2))
    after = build_desired(
        {1: ("A", (6,), False), 2: ("B", (7,), False)}, [1_800_000_099], [], {}, {}
    )
    actions = plan(after, current)
    assert len(actions) == 1
    (action,) = actions
    assert action.function == "local_thesisdesk_sync_assignments"
    assert [sorted(item) for item in action.items] == [
        ["cutoffdate", "duedate", "fingerprint", "key", "name", "sectionkey"]
    ] * 2
    assert {c.fields for c in action.changes} == {("cutoffdate", "duedate")}


def test_a_section_hidden_by_hand_is_drift_not_a_silent_change():
    desired = build_desired({1: ("A", (6,), False)}, [], [], {}, {})
    current = apply_actions(plan(desired, CurrentState(courseid=2)), CurrentState(courseid=2))
    key = f"{PREFIX}thesis:1/section"
    hidden = dataclasses.replace(
        current,
        items={**current.items, key: dataclasses.replace(current.items[key], visible=False)},
    )
    assert plan(desired, hidden) == []
    (drift,) = detect_drift(desired, hidden)
    assert (drift.key, drift.change) == (key, "hidden")
    assert detect_drift(desired, hidden, accepted=[drift.ident]) == []
    (repair,) = plan(desired, hidden, repair=[key])
    assert repair.items[0]["visible"] == 1
    assert repair.changes[0].op == "repair"


def test_an_abandoned_thesis_keeps_its_section_hidden_and_loses_its_events():
    active = build_desired({1: ("A", (6,), False)}, [], [1_800_000_000], {}, {})
    current = apply_actions(plan(active, CurrentState(courseid=2)), CurrentState(courseid=2))
    abandoned = build_desired({1: ("A", (6,), True)}, [], [1_800_000_000], {}, {})
    actions = plan(abandoned, current)
    ops = {(c.kind, c.op) for a in actions for c in a.changes}
    assert ops == {("section", "update"), ("event", "delete")}
    section_action = next(a for a in actions if a.kind == "section")
    assert section_action.items[0]["visible"] == 0


def test_withdrawn_people_leave_the_group_and_are_unenrolled():
    desired = build_desired({1: ("A", (6, 7), False)}, [], [], {}, {})
    current = apply_actions(plan(desired, CurrentState(courseid=2)), CurrentState(courseid=2))
    withdrawn = build_desired({1: ("A", (6,), False)}, [], [], {}, {})
    actions = plan(withdrawn, current)
    assert [a.function for a in actions] == [
        "local_thesisdesk_sync_groups",
        "enrol_manual_unenrol_users",
    ]
    assert actions[0].items[0]["members"] == [6]
    assert actions[1].items == ({"userid": 7, "courseid": 2},)


def test_people_enrolled_by_hand_are_never_unenrolled():
    desired = build_desired({}, [], [], {}, {})
    current = CurrentState(courseid=2, enrolments={3: frozenset({3})})
    assert plan(desired, current) == []


def test_items_of_other_campaigns_in_the_same_course_are_left_alone():
    other = build_desired({1: ("A", (6,), False)}, [], [], {}, {})
    other = dataclasses.replace(other, key_prefix="campaign:9/")
    current = apply_actions(plan(other, CurrentState(courseid=2)), CurrentState(courseid=2))
    mine = dataclasses.replace(build_desired({}, [], [], {}, {}), key_prefix="campaign:2/")
    assert [a for a in plan(mine, current) if a.kind == "delete"] == []
