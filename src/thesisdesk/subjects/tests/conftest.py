import pytest


@pytest.fixture(autouse=True)
def _messages_in_english(english):
    """These tests read service messages; they are written against the English msgids."""
    yield
