"""Fixtures for the web tests: clients signed in as each persona, uploads kept in tmp."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import translation


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _english(settings: Any) -> Any:
    """These tests read the English msgids; test_french.py checks the French pages."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def client_as(personas: Any) -> Any:
    """`client_as("student")`: a test client signed in as that persona."""

    def make(name: str) -> Client:
        client = Client()
        client.force_login(personas.users()[name])
        return client

    return make
