"""A simulated Moodle holding one big submitted file, run in its own process by the
streaming memory test (so that the file's bytes, which the simulator keeps in memory, do
not count against ThesisDesk's process).

    python -m thesisdesk.deposits.tests.big_file_moodle SIZE_IN_BYTES

prints one JSON line {"url", "token", "fileurl", "size"} then serves until stdin closes.
"""

from __future__ import annotations

import json
import sys


def main() -> None:
    from thesisdesk.moodle.simulator import Simulator

    size = int(sys.argv[1])
    sim = Simulator.start()
    site = sim.site
    with site.lock:
        submission = next(
            s for s in site.data["submissions"].values() if s["status"] == "submitted"
        )
        assign = site.data["assigns"][submission["assignment"]]
        cm = site.data["cms"][assign["cmid"]]
        block = bytes(range(256)) * 4096  # 1 MiB, repeated: not a single byte pattern
        content = (block * (size // len(block) + 1))[:size]
        fileid = site.add_file(
            contextid=cm["contextid"],
            component="assignsubmission_file",
            filearea="submission_files",
            itemid=submission["id"],
            filename="big-memoire.pdf",
            content=content,
            userid=submission["userid"],
        )
        del content
        fileurl = site.pluginfile_url(site.data["files"][fileid])
    print(
        json.dumps(
            {"url": sim.url, "token": sim.token("thesisdesk"), "fileurl": fileurl, "size": size}
        ),
        flush=True,
    )
    try:
        sys.stdin.read()
    finally:
        sim.stop()


if __name__ == "__main__":
    main()
