"""Built-in wording of each event in French and English, and the variables it offers.

Coordinators override a wording on the templates page (`NotificationTemplate`); these are
used when no override exists. Templates use Django's template language, autoescaped.
"""

from __future__ import annotations

from thesisdesk.notifications.models import Event

VARIABLES: dict[str, tuple[str, ...]] = {
    Event.SUBJECT_APPROVED: ("person", "subject_title", "campaign", "url"),
    Event.SUBJECT_REJECTED: ("person", "subject_title", "campaign", "reason", "url"),
    Event.ALLOCATION_PUBLISHED: ("person", "thesis_title", "campaign", "url"),
    Event.DEADLINE_REMINDER: ("person", "milestone", "thesis_title", "due_at", "days", "url"),
    Event.DEPOSIT_RECEIPT: ("person", "milestone", "thesis_title", "submitted_at", "url"),
    Event.DEPOSIT_NOTICE: (
        "person",
        "milestone",
        "thesis_title",
        "students",
        "submitted_at",
        "url",
    ),
    Event.LATE_DEPOSIT: (
        "person",
        "milestone",
        "thesis_title",
        "students",
        "submitted_at",
        "due_at",
        "url",
    ),
}

DEFAULTS: dict[tuple[str, str], tuple[str, str]] = {
    (Event.SUBJECT_APPROVED, "fr"): (
        "Sujet approuvé : {{ subject_title }}",
        "<p>Bonjour {{ person }},</p><p>Le sujet « {{ subject_title }} » ({{ campaign }}) "
        'a été approuvé.</p><p><a href="{{ url }}">Voir le sujet</a></p>',
    ),
    (Event.SUBJECT_APPROVED, "en"): (
        "Subject approved: {{ subject_title }}",
        "<p>Hello {{ person }},</p><p>The subject “{{ subject_title }}” ({{ campaign }}) "
        'has been approved.</p><p><a href="{{ url }}">See the subject</a></p>',
    ),
    (Event.SUBJECT_REJECTED, "fr"): (
        "Sujet refusé : {{ subject_title }}",
        "<p>Bonjour {{ person }},</p><p>Le sujet « {{ subject_title }} » ({{ campaign }}) "
        "a été refusé.</p><p>Motif : {{ reason }}</p>"
        '<p><a href="{{ url }}">Voir le sujet</a></p>',
    ),
    (Event.SUBJECT_REJECTED, "en"): (
        "Subject rejected: {{ subject_title }}",
        "<p>Hello {{ person }},</p><p>The subject “{{ subject_title }}” ({{ campaign }}) "
        "has been rejected.</p><p>Reason: {{ reason }}</p>"
        '<p><a href="{{ url }}">See the subject</a></p>',
    ),
    (Event.ALLOCATION_PUBLISHED, "fr"): (
        "Attribution des mémoires publiée",
        "<p>Bonjour {{ person }},</p><p>L'attribution des sujets de {{ campaign }} est "
        "publiée. Votre mémoire : « {{ thesis_title }} ».</p>"
        '<p><a href="{{ url }}">Voir le mémoire</a></p>',
    ),
    (Event.ALLOCATION_PUBLISHED, "en"): (
        "Thesis allocation published",
        "<p>Hello {{ person }},</p><p>The allocation of subjects of {{ campaign }} is "
        "published. Your thesis: “{{ thesis_title }}”.</p>"
        '<p><a href="{{ url }}">See the thesis</a></p>',
    ),
    (Event.DEADLINE_REMINDER, "fr"): (
        "Rappel : {{ milestone }} pour le {{ due_at }}",
        "<p>Bonjour {{ person }},</p><p>L'échéance « {{ milestone }} » de votre mémoire "
        "« {{ thesis_title }} » est le {{ due_at }} (dans {{ days }} jour(s)). Nous n'avons "
        "pas encore reçu votre dépôt.</p>",
    ),
    (Event.DEADLINE_REMINDER, "en"): (
        "Reminder: {{ milestone }} due {{ due_at }}",
        "<p>Hello {{ person }},</p><p>The deadline “{{ milestone }}” of your thesis "
        "“{{ thesis_title }}” is {{ due_at }} (in {{ days }} day(s)). We have not received "
        "your deposit yet.</p>",
    ),
    (Event.DEPOSIT_RECEIPT, "fr"): (
        "Accusé de réception : {{ milestone }}",
        "<p>Bonjour {{ person }},</p><p>Votre dépôt « {{ milestone }} » pour le mémoire "
        "« {{ thesis_title }} » a été reçu le {{ submitted_at }}.</p>",
    ),
    (Event.DEPOSIT_RECEIPT, "en"): (
        "Receipt: {{ milestone }}",
        "<p>Hello {{ person }},</p><p>Your deposit “{{ milestone }}” for the thesis "
        "“{{ thesis_title }}” was received on {{ submitted_at }}.</p>",
    ),
    (Event.DEPOSIT_NOTICE, "fr"): (
        "Nouveau dépôt : {{ milestone }} — {{ thesis_title }}",
        "<p>Bonjour {{ person }},</p><p>{{ students }} a déposé « {{ milestone }} » pour "
        "le mémoire « {{ thesis_title }} » le {{ submitted_at }}.</p>"
        '<p><a href="{{ url }}">Voir le dépôt</a></p>',
    ),
    (Event.DEPOSIT_NOTICE, "en"): (
        "New deposit: {{ milestone }} — {{ thesis_title }}",
        "<p>Hello {{ person }},</p><p>{{ students }} deposited “{{ milestone }}” for the "
        "thesis “{{ thesis_title }}” on {{ submitted_at }}.</p>"
        '<p><a href="{{ url }}">See the deposit</a></p>',
    ),
    (Event.LATE_DEPOSIT, "fr"): (
        "Dépôt en retard : {{ milestone }} — {{ thesis_title }}",
        "<p>Bonjour {{ person }},</p><p>{{ students }} a déposé « {{ milestone }} » pour "
        "le mémoire « {{ thesis_title }} » le {{ submitted_at }}, après l'échéance du "
        '{{ due_at }}.</p><p><a href="{{ url }}">Voir le dépôt</a></p>',
    ),
    (Event.LATE_DEPOSIT, "en"): (
        "Late deposit: {{ milestone }} — {{ thesis_title }}",
        "<p>Hello {{ person }},</p><p>{{ students }} deposited “{{ milestone }}” for the "
        "thesis “{{ thesis_title }}” on {{ submitted_at }}, after the deadline of "
        '{{ due_at }}.</p><p><a href="{{ url }}">See the deposit</a></p>',
    ),
}

LANGUAGES = ("fr", "en")

# Example values for the preview on the templates page.
SAMPLE_CONTEXT: dict[str, str] = {
    "person": "Alice Martin",
    "subject_title": "Apprentissage fédéré sur capteurs",
    "thesis_title": "Apprentissage fédéré sur capteurs",
    "campaign": "Master en sciences informatiques 2026-2027",
    "reason": "Le périmètre est trop large.",
    "milestone": "Dépôt final",
    "due_at": "01/06/2027 12:00",
    "days": "7",
    "students": "Alice Martin",
    "submitted_at": "31/05/2027 18:42",
    "url": "https://thesisdesk.example/",
}
