"""What the center reads from the portal, and the daily statistics it pushes.

- ``pull_catalog``: LayDanhSachTTHC (and LayThuTuc for procedures the list gives without
  their papers) written as the kiosk's procedure catalog file, with a report of what was
  added, changed and removed. The file is replaced atomically; a failed pull leaves the
  old one.
- ``StatusPuller``: for dossiers received here and processed elsewhere, read each open
  dossier back with TraCuuHoSo (at most ``per_minute`` a minute) and hand the steps the
  portal has and we do not to ``apply`` (the dossier service records them as steps, so the
  kiosk's lookup shows them).
- ``push_statistics``: the day's figures through the adapter's statistics call.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from motcua.catalog.procedure import PORTAL_URL, Procedure
from motcua.catalog.store import load_catalog
from motcua.sync.portal import Portal, PortalProcedure, StepPayload, step_key


@dataclass(frozen=True)
class CatalogReport:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    total: int = 0

    def summary(self) -> str:
        return (
            f"{self.total} thủ tục / procedures: +{len(self.added)} mới / added,"
            f" {len(self.changed)} thay đổi / changed, -{len(self.removed)} bỏ / removed"
        )


def _procedure(p: PortalProcedure) -> Procedure:
    return Procedure(
        code=p.code,
        name=p.name,
        field=p.field,
        agency_level=p.agency_level,
        processing_time=p.processing_time,
        fee=p.fee,
        online_level=p.online_level,
        papers=p.papers,
        online_url=PORTAL_URL.format(code=p.code),
        legal_basis=p.legal_basis,
    )


def pull_catalog(portal: Portal, path: str | Path) -> CatalogReport:
    from motcua.catalog.generator import write_catalog

    listed = portal.list_procedures()
    fresh: dict[str, Procedure] = {}
    for item in listed:
        if not item.code:
            continue
        if not item.papers:
            detail = portal.get_procedure(item.code)
            item = detail or item
        fresh[item.code] = _procedure(item)
    path = Path(path)
    old: dict[str, Procedure] = {}
    if path.is_file():
        old = {p.code: p for p in load_catalog(path).procedures}
    report = CatalogReport(
        added=sorted(set(fresh) - set(old)),
        changed=sorted(c for c in set(fresh) & set(old) if fresh[c] != old[c]),
        removed=sorted(set(old) - set(fresh)),
        total=len(fresh),
    )
    if fresh:  # an empty answer never wipes the catalog
        write_catalog(path, fresh.values(), source="portal")
    return report


def missing_steps(ours: Iterable[StepPayload], theirs: Iterable[StepPayload]) -> list[StepPayload]:
    """The portal's steps that are not ours (multiset difference, the portal's order)."""
    have = Counter(step_key(s) for s in ours)
    out = []
    for s in theirs:
        k = step_key(s)
        if have[k] > 0:
            have[k] -= 1
        else:
            out.append(s)
    return out


class StatusPuller:
    def __init__(
        self,
        portal: Portal,
        open_dossiers: Callable[[], list[tuple[str, list[StepPayload]]]],
        apply: Callable[[str, StepPayload], None],
        *,
        per_minute: int = 30,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.portal = portal
        self.open_dossiers = open_dossiers
        self.apply = apply
        self.per_minute = max(1, per_minute)
        self._sleep = sleep

    def run_once(self) -> int:
        """One pass over the open dossiers; returns how many steps were applied."""
        applied = 0
        for i, (code, ours) in enumerate(self.open_dossiers()):
            if i:
                self._sleep(60.0 / self.per_minute)
            held = self.portal.get_dossier(code)
            if held is None:
                continue
            for s in missing_steps(ours, held.steps):
                self.apply(code, s)
                applied += 1
        return applied


def push_statistics(portal: Portal, day: str, figures: dict[str, Any]) -> None:
    portal.push_statistics(day, figures)


def daily_figures(stats: Any, dossiers_on_time: float | None = None) -> dict[str, Any]:
    """The day's figures the portal gets (from a queue ``DayStats``): counts, durations
    and rates only, never a person."""
    t = stats.totals
    return {
        "ngay": stats.day.isoformat(),
        "so_phieu_cap": t.issued,
        "so_phieu_phuc_vu": t.served,
        "so_vang_mat": t.no_show,
        "cho_trung_binh_giay": t.waiting_seconds.mean,
        "cho_p90_giay": t.waiting_seconds.p90,
        "phuc_vu_trung_binh_giay": t.service_seconds.mean,
        "so_danh_gia": t.ratings.rated,
        "ty_le_hai_long": t.ratings.satisfaction_rate,
        "ty_le_ho_so_dung_han": dossiers_on_time,
    }


def push_yesterday(portal: Portal, db: Any, day_stats: Callable[[date], Any], today: date) -> bool:
    """Push yesterday's figures unless already pushed; True when it pushed now."""
    day = (today - timedelta(days=1)).isoformat()
    if db.read(lambda tx: tx.one("SELECT 1 AS x FROM sync_pushes WHERE day = ?", (day,))):
        return False
    portal.push_statistics(day, daily_figures(day_stats(date.fromisoformat(day))))
    db.write(
        lambda tx: tx.run(
            "INSERT OR IGNORE INTO sync_pushes (day, pushed_at) VALUES (?, ?)", (day, time.time())
        )
    )
    return True
