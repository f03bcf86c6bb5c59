"""Uploads to the draft area and streamed downloads through webservice/pluginfile.php."""

from __future__ import annotations

import hashlib
import io

import pytest

from thesisdesk.moodle.client import FileNotFound, InvalidToken

from .conftest import unique

MB = 1024 * 1024


class HashingSink(io.RawIOBase):
    """A file object that keeps only a hash and a size: proves the download streamed."""

    def __init__(self) -> None:
        self.digest = hashlib.sha256()
        self.size = 0
        self.largest_write = 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:  # type: ignore[override]
        self.digest.update(data)
        self.size += len(data)
        self.largest_write = max(self.largest_write, len(data))
        return len(data)


def published_file_url(manager, courseid: int, key: str) -> tuple[str, int]:
    state = manager.local_thesisdesk_get_state(courseid=courseid, kinds=["resource"])
    cmid = {item.key: item.id for item in state.items}[key]
    for section in manager.core_course_get_contents(courseid=courseid):
        for module in section.modules:
            if module.id == cmid:
                return module.contents[0].fileurl, module.contents[0].filesize
    raise AssertionError(f"resource {key} (cm {cmid}) not in the course contents")


def test_a_20_mb_file_goes_up_and_comes_back_streamed(manager, course):
    content = (b"%PDF-1.7 ThesisDesk contract " + bytes(range(256)) * 64) * (20 * MB // 16413 + 1)
    content = content[: 20 * MB]
    uploaded = manager.upload([("Mémoire final é 🎓.pdf", content, "application/pdf")])
    assert uploaded.itemid > 0
    assert uploaded.files[0].filesize == 20 * MB
    assert uploaded.files[0].filename == "Mémoire final é 🎓.pdf"

    key = unique("file")
    published = manager.local_thesisdesk_publish_files(
        courseid=course.id,
        items=[{"key": key, "type": "resource", "name": key, "draftitemid": uploaded.itemid}],
    )
    assert published.items[0].status == "created"
    url, size = published_file_url(manager, course.id, key)
    assert size == 20 * MB

    sink = HashingSink()
    with manager.download(url) as download:
        assert download.size in (None, 20 * MB)
        written = download.save(sink)
    assert written == 20 * MB
    assert sink.digest.hexdigest() == hashlib.sha256(content).hexdigest()
    assert sink.largest_write < 2 * MB


def test_part_of_a_file_can_be_asked_for(manager, course):
    # Moodle serves byte ranges for every type but text/plain.
    uploaded = manager.upload([("range.pdf", b"0123456789abcdef", "application/pdf")])
    key = unique("range")
    manager.local_thesisdesk_publish_files(
        courseid=course.id,
        items=[{"key": key, "type": "resource", "name": key, "draftitemid": uploaded.itemid}],
    )
    url, _ = published_file_url(manager, course.id, key)
    with manager.download(url, byte_range=(2, 5)) as download:
        assert download.status == 206
        assert b"".join(download) == b"2345"


def test_several_files_share_one_draft_area(manager):
    first = manager.upload([("a.txt", b"a", "text/plain")])
    second = manager.upload([("b.txt", b"b", "text/plain")], itemid=first.itemid)
    assert second.itemid == first.itemid


def test_a_missing_file_is_file_not_found(manager, course):
    with (
        pytest.raises(FileNotFound),
        manager.download(f"/1/course/overviewfiles/0/{unique('x')}.pdf"),
    ):
        pass


def test_a_draft_file_cannot_be_downloaded(manager):
    uploaded = manager.upload([("draft.txt", b"draft", "text/plain")])
    record = uploaded.files[0]
    path = f"/{record.contextid}/user/draft/{record.itemid}/draft.txt"
    with pytest.raises(FileNotFound), manager.download(path):
        pass


def test_downloads_need_a_valid_token(contract_site):
    client = contract_site.client(token="0" * 32)
    with pytest.raises(InvalidToken), client.download("/1/course/overviewfiles/0/x.pdf"):
        pass


def test_uploads_need_a_valid_token(contract_site):
    client = contract_site.client(token="0" * 32)
    with pytest.raises(InvalidToken):
        client.upload([("x.txt", b"x", "text/plain")])
