"""Factories and personas shared by every app's tests (see docs/domain.md)."""
