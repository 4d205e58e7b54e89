"""Build the center's ``DossierService`` from the configuration (the composition root's part).

It lives in ``server/`` because it joins two areas: a submitted dossier takes a queue
ticket for the reception counter of its procedure's field. Until ``motcua.storage``
puts both areas in one database, the ticket is issued right after the dossier's own
commit, and a failed issue is retried by submitting again.
"""

from __future__ import annotations

from pathlib import Path

from motcua.catalog.store import Catalog
from motcua.clock import Clock
from motcua.config import Config
from motcua.dossier.calendar import calendar_from_config
from motcua.dossier.models import Dossier
from motcua.dossier.service import DossierService
from motcua.queue.api import Center


def reception_service(config: Config, field: str) -> str:
    """The service whose counters receive a dossier of ``field``."""
    d = config.dossier
    return dict(d.reception_by_field).get(field) or d.reception_service or config.services[0].code


def open_dossier_service(
    config: Config, db_path: str | Path, clock: Clock, catalog: Catalog, center: Center | None
) -> DossierService:
    db = Path(db_path)
    path = db.with_name(db.stem + "-dossier.db")
    d = config.dossier

    def issue(dossier: Dossier) -> str:
        assert center is not None
        info = center.issue_ticket(reception_service(config, dossier.field))
        return info.ticket.display_number

    return DossierService.open(
        path,
        papers_dir=d.papers_dir or db.with_name(db.stem + "-papers"),
        unit_code=config.center.unit_code,
        calendar=calendar_from_config(
            config.center.timezone, d.office_hours, d.days_off, d.working_days
        ),
        procedures=catalog.get,
        clock=clock,
        ticket_issuer=issue if center is not None else None,
        max_paper_bytes=d.max_paper_mb * 1024 * 1024,
    )
