"""The simulator's SQLite file: the site's state as one JSON document, file contents as blobs.

The state is small (a few MB for a 500-thesis course) and always changed under the site's
lock, so one row rewritten after each write call is simpler and fast enough. File contents
are stored once per content hash, so a large upload is written once.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path
from typing import Any

_INT_KEYS = "__int_keys__"


def _encode(value: Any) -> Any:
    if isinstance(value, dict):
        if value and all(isinstance(key, int) for key in value):
            return {_INT_KEYS: [[key, _encode(item)] for key, item in value.items()]}
        return {key: _encode(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_encode(item) for item in value]
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {_INT_KEYS}:
            return {int(key): _decode(item) for key, item in value[_INT_KEYS]}
        return {key: _decode(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_decode(item) for item in value]
    return value


class Storage:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._connection = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._connection.execute("PRAGMA journal_mode=WAL")
        self._connection.execute(
            "CREATE TABLE IF NOT EXISTS state (id INTEGER PRIMARY KEY, body TEXT)"
        )
        self._connection.execute(
            "CREATE TABLE IF NOT EXISTS blobs (digest TEXT PRIMARY KEY, content BLOB)"
        )

    def has_state(self) -> bool:
        with self._lock:
            row = self._connection.execute("SELECT 1 FROM state WHERE id = 1").fetchone()
        return row is not None

    def load_state(self) -> dict[str, Any]:
        with self._lock:
            row = self._connection.execute("SELECT body FROM state WHERE id = 1").fetchone()
        data: dict[str, Any] = _decode(json.loads(row[0]))
        return data

    def save_state(self, data: dict[str, Any]) -> None:
        body = json.dumps(_encode(data), separators=(",", ":"))
        with self._lock:
            self._connection.execute(
                "INSERT OR REPLACE INTO state (id, body) VALUES (1, ?)", (body,)
            )

    def put_blob(self, digest: str, content: bytes) -> None:
        with self._lock:
            self._connection.execute(
                "INSERT OR IGNORE INTO blobs (digest, content) VALUES (?, ?)", (digest, content)
            )

    def get_blob(self, digest: str) -> bytes:
        with self._lock:
            row = self._connection.execute(
                "SELECT content FROM blobs WHERE digest = ?", (digest,)
            ).fetchone()
        if row is None:
            raise KeyError(digest)
        content: bytes = row[0]
        return content

    def clear(self) -> None:
        with self._lock:
            self._connection.execute("DELETE FROM state")
            self._connection.execute("DELETE FROM blobs")

    def close(self) -> None:
        with self._lock:
            self._connection.close()
