"""Root pytest configuration: shared fixtures come from these plugin modules."""

pytest_plugins: list[str] = [
    "thesisdesk.testing.fixtures",
    "thesisdesk.moodle.simulator.pytest_plugin",
]
