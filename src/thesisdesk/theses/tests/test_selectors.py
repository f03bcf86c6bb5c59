import pytest

from thesisdesk.core.errors import NotFound
from thesisdesk.subjects.models import SubjectState
from thesisdesk.subjects.selectors import subject_get, subject_list, subjects_needing_action
from thesisdesk.testing.factories import make_campaign, make_member, make_subject, make_thesis
from thesisdesk.theses.models import ThesisState
from thesisdesk.theses.selectors import (
    theses_needing_action,
    thesis_counts_by_state,
    thesis_get,
    thesis_list,
)

pytestmark = pytest.mark.django_db


def test_each_persona_sees_only_their_theses(personas):
    p = personas
    other = make_thesis(
        campaign=p.campaign, students=[p.other_student.person], supervisors=[p.supervisor.person]
    )
    seen = {name: set(thesis_list(viewer=user)) for name, user in p.users().items()}
    assert seen["coordinator"] == {p.thesis, other}
    assert seen["admin"] == {p.thesis, other}
    assert seen["supervisor"] == {p.thesis, other}
    assert seen["co_supervisor"] == {p.thesis}
    assert seen["reader"] == {p.thesis}
    assert seen["student"] == {p.thesis}
    assert seen["other_student"] == {other}
    assert seen["outsider"] == set()
    with pytest.raises(NotFound):
        thesis_get(viewer=p.student, thesis_id=other.pk)


def test_coordinator_sees_only_their_campaigns(personas):
    elsewhere = make_campaign()
    student = make_member(elsewhere, "student")
    make_thesis(campaign=elsewhere, students=[student])
    assert list(thesis_list(viewer=personas.coordinator)) == [personas.thesis]


def test_subject_visibility(personas):
    p = personas
    proposed = make_subject(
        campaign=p.campaign, supervisor=p.supervisor.person, state=SubjectState.PROPOSED
    )
    own_proposal = make_subject(
        campaign=p.campaign,
        supervisor=None,
        proposed_by=p.student.person,
        state=SubjectState.PROPOSED_BY_STUDENT,
    )
    seen = {name: set(subject_list(viewer=user)) for name, user in p.users().items()}
    assert seen["coordinator"] == {p.subject, proposed, own_proposal}
    assert seen["supervisor"] == {p.subject, proposed, own_proposal}  # addressed to nobody
    assert seen["student"] == {p.subject, own_proposal}
    assert seen["other_student"] == {p.subject}
    assert seen["reader"] == {p.subject}
    assert seen["outsider"] == set()
    with pytest.raises(NotFound):
        subject_get(viewer=p.student, subject_id=proposed.pk)
    assert set(subjects_needing_action(viewer=p.coordinator)) == {proposed}
    assert set(subjects_needing_action(viewer=p.supervisor)) == {own_proposal}


def test_search_filters_and_counts(personas):
    p = personas
    assert list(thesis_list(viewer=p.coordinator, search="étudiante")) == [p.thesis]
    assert list(thesis_list(viewer=p.coordinator, search="introuvable")) == []
    assert list(thesis_list(viewer=p.coordinator, state=ThesisState.GRADED)) == []
    assert list(thesis_list(viewer=p.coordinator, person=p.reader.person)) == [p.thesis]
    counts = thesis_counts_by_state(viewer=p.coordinator, campaign=p.campaign)
    assert counts[ThesisState.IN_PROGRESS] == 1 and counts[ThesisState.GRADED] == 0
    p.thesis.state = ThesisState.DEPOSITED
    p.thesis.save()
    assert list(theses_needing_action(viewer=p.coordinator)) == [p.thesis]
    assert list(theses_needing_action(viewer=p.student)) == []
