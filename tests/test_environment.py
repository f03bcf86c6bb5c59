import pytest

from thesisdesk.environment import (
    ConfigurationError,
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_secret,
    env_url,
)


def test_env_bool_reads_common_spellings(monkeypatch):
    monkeypatch.setenv("FLAG", "yes")
    assert env_bool("FLAG") is True
    monkeypatch.setenv("FLAG", "0")
    assert env_bool("FLAG", True) is False


def test_bad_values_name_the_variable(monkeypatch):
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ConfigurationError, match="FLAG"):
        env_bool("FLAG")
    monkeypatch.setenv("WORKERS", "four")
    with pytest.raises(ConfigurationError, match="WORKERS"):
        env_int("WORKERS", 1)
    monkeypatch.setenv("WORKERS", "0")
    with pytest.raises(ConfigurationError, match="at least 1"):
        env_int("WORKERS", 1, minimum=1)
    monkeypatch.setenv("MOODLE_URL", "moodle.example.org")
    with pytest.raises(ConfigurationError, match="MOODLE_URL"):
        env_url("MOODLE_URL")
    monkeypatch.setenv("TASKS_BACKEND", "celery")
    with pytest.raises(ConfigurationError, match="TASKS_BACKEND"):
        env_choice("TASKS_BACKEND", ("database", "rq"), "database")


def test_defaults_when_unset_or_blank(monkeypatch):
    monkeypatch.delenv("HOSTS", raising=False)
    assert env_list("HOSTS", ["a"]) == ["a"]
    monkeypatch.setenv("HOSTS", "  ")
    assert env_list("HOSTS", ["a"]) == ["a"]
    monkeypatch.setenv("HOSTS", "a.example, b.example")
    assert env_list("HOSTS") == ["a.example", "b.example"]


def test_secret_from_file(tmp_path, monkeypatch):
    secret = tmp_path / "token"
    secret.write_text("s3cret\n")
    monkeypatch.setenv("MOODLE_TOKEN_FILE", str(secret))
    assert env_secret("MOODLE_TOKEN") == "s3cret"
    monkeypatch.setenv("MOODLE_TOKEN_FILE", str(tmp_path / "missing"))
    with pytest.raises(ConfigurationError, match="MOODLE_TOKEN_FILE"):
        env_secret("MOODLE_TOKEN")
