"""pytest plugin (listed in the root conftest): the shared `personas` fixture."""

from __future__ import annotations

from typing import Any

import pytest

from thesisdesk.testing.personas import Personas, make_personas


@pytest.fixture
def personas(db: Any) -> Personas:
    return make_personas()


@pytest.fixture
def english() -> Any:
    """Messages in English (the default language is French), for tests that read them."""
    from django.utils import translation

    with translation.override("en"):
        yield
