"""Case-insensitive text search that also works for accented letters on SQLite.

SQLite's LIKE folds the case of ASCII letters only, so "étudiante" would not find
"Étudiante". Searching for the word's lower, upper and capitalized spellings covers what
people type; PostgreSQL folds every letter anyway.
"""

from __future__ import annotations

from django.db.models import Q


def spellings(word: str) -> set[str]:
    return {word, word.lower(), word.upper(), word.capitalize()}


def icontains(field: str, word: str) -> Q:
    """Q matching rows whose `field` contains `word`, ignoring case."""
    condition = Q()
    for spelling in spellings(word):
        condition |= Q(**{f"{field}__icontains": spelling})
    return condition


def icontains_any(fields: list[str], word: str) -> Q:
    condition = Q()
    for field in fields:
        condition |= icontains(field, word)
    return condition
