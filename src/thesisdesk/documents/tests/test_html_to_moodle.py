"""Rich text is sanitized again on its way to Moodle (the sync engine's desired state),
even when the database holds HTML that did not go through a form or service."""

from __future__ import annotations

import pytest

from thesisdesk.documents.widgets import RichTextWidget
from thesisdesk.milestones.models import MilestoneKind
from thesisdesk.moodle.models import MoodleCourseLink
from thesisdesk.moodle.sync.desired import desired_state
from thesisdesk.subjects.models import Subject
from thesisdesk.testing.factories import make_milestone

pytestmark = pytest.mark.django_db

DIRTY = '<p onclick="steal()">Sujet <b>riche</b><script>alert(1)</script></p>'


def test_section_summary_subject_and_assignment_intro_are_sanitized(personas):
    Subject.objects.filter(pk=personas.subject.pk).update(description=DIRTY)
    make_milestone(
        campaign=personas.campaign,
        kind=MilestoneKind.FINAL_DEPOSIT,
        description='<img src=x onerror="x()">Consignes',
    )
    personas.campaign.allocation_published_at = personas.campaign.created_at
    personas.campaign.save()
    link = MoodleCourseLink.objects.create(
        campaign=personas.campaign, courseid=2, shortname="MEM-2026"
    )
    state = desired_state(link)
    texts = [s.summary for s in state.sections] + [a.intro for a in state.assignments]
    texts += [s.description for s in state.subjects]
    assert texts
    for text in texts:
        assert "<script" not in text and "onclick" not in text and "onerror" not in text
    assert any("<b>riche</b>" in text for text in texts)


def test_editor_widget_renders_a_textarea_that_works_without_javascript():
    html = RichTextWidget().render("description", "<p>x</p>")
    assert html.startswith("<textarea") and 'data-rich-text="1"' in html
    assert "&lt;p&gt;x&lt;/p&gt;" in html
    assert "documents/editor.js" in html  # works without {{ form.media }}
