"""Drift: what was changed by hand in Moodle since ThesisDesk last wrote it. Pure.

An item drifted when Moodle still holds ThesisDesk's fingerprint for it (so ThesisDesk's
side did not change) but Moodle's observed values differ from the desired ones, or the
Moodle object is gone. Each drift is either repaired (the planner puts it back, see
`plan(..., repair=...)`) or accepted (ThesisDesk stops reporting it while the item's
desired state stays the same).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from thesisdesk.moodle.sync.planner import expected_group_id, moved_sections, observed_differences
from thesisdesk.moodle.sync.state import CurrentState, DesiredState


@dataclass(frozen=True)
class Drift:
    key: str
    kind: str
    change: str  # renamed | shown | hidden | deleted | moved | changed
    label: str
    field: str
    desired: Any
    current: Any
    fingerprint: str

    @property
    def ident(self) -> str:
        """Identifies this very drift (item, field and the value found in Moodle)."""
        return f"{self.key}|{self.field}|{self.current}|{self.fingerprint}"


def detect_drift(
    desired: DesiredState,
    current: CurrentState,
    *,
    accepted: Collection[str] = (),
) -> list[Drift]:
    """Hand changes in Moodle, minus those whose `ident` was accepted."""
    drifts: list[Drift] = []
    moved = moved_sections(desired, current)
    for item in desired.items():
        cur = current.items.get(item.key)
        fingerprint = item.fingerprint()
        if cur is None or cur.fingerprint != fingerprint:
            continue  # new or changed by ThesisDesk: the plan handles it
        params = item.params()
        if not cur.exists:
            drifts.append(
                Drift(
                    item.key, item.KIND, "deleted", item.label, "exists", True, False, fingerprint
                )
            )
            continue
        for param in observed_differences(item, cur, current):
            reported = item.OBSERVED[param]
            want: Any = params.get(param)
            have = cur.value(reported)
            if param == "name":
                change = "renamed"
            elif param == "visible":
                change = "hidden" if not have else "shown"
            elif param == "sectionkey":
                change = "moved"
            else:
                change = "changed"
            if param == "groupkey":
                want = expected_group_id(str(want or ""), current)
            drifts.append(
                Drift(item.key, item.KIND, change, item.label, param, want, have, fingerprint)
            )
        if item.key in moved:
            drifts.append(
                Drift(
                    item.key,
                    item.KIND,
                    "moved",
                    item.label,
                    "position",
                    None,
                    cur.sectionnum,
                    fingerprint,
                )
            )
    accepted_set = set(accepted)
    return [drift for drift in drifts if drift.ident not in accepted_set]
