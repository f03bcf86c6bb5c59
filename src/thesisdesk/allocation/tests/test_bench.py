"""The benchmark's instances are reproducible and shaped as the issue says."""

from __future__ import annotations

from collections import Counter

from thesisdesk.allocation.bench import SIZES, generate


def test_generated_instances_are_seeded_and_skewed() -> None:
    size = SIZES[2]  # 1,000 students x 100 subjects x 5 choices
    first, again, other = generate(size, 1), generate(size, 1), generate(size, 2)
    assert first == again
    assert first != other
    places = sum(subject.capacity for subject in first.subjects)
    assert 1.09 * size.students <= places <= 1.11 * size.students + len(first.subjects)
    assert all(len(student.ranking) == size.choices for student in first.students)
    assert all(len(set(student.ranking)) == size.choices for student in first.students)
    firsts = Counter(student.ranking[0] for student in first.students)
    # Popular subjects: the top tenth of subjects draw far more than a tenth of firsts.
    top = sum(count for _, count in firsts.most_common(size.subjects // 10))
    assert top > 0.25 * size.students


def test_large_sizes_have_supervisors_with_loads() -> None:
    instance = generate(SIZES[3], 5)
    assert len(instance.supervisors) == 500
    assert all(subject.supervisor for subject in instance.subjects)
    assert all(
        supervisor.max_load and supervisor.max_load >= 1 for supervisor in instance.supervisors
    )
