"""Build the center's ``DossierService`` from the configuration (the composition root's part).

It lives in ``server/`` because it joins areas: the dossiers live in the center's
database beside the portal outbox (``motcua.sync.outbox``), and every change a portal
must hear of enqueues its row in the SAME transaction (``sync.dossier_feed.portal_outbox``);
a submitted dossier takes a queue ticket for the reception counter of its procedure's field (issued
right after the dossier's commit through the queue's own API; a failed issue is retried
by submitting again).
"""

from __future__ import annotations

import logging
from pathlib import Path

from motcua.catalog.store import Catalog
from motcua.clock import Clock
from motcua.config import Config
from motcua.dossier.calendar import calendar_from_config
from motcua.dossier.errors import DossierError
from motcua.dossier.models import Dossier
from motcua.dossier.schema import AREA
from motcua.dossier.service import DossierService
from motcua.queue.api import Center
from motcua.storage import Store
from motcua.sync import outbox
from motcua.sync.dossier_feed import intake_hook, portal_outbox
from motcua.sync.personal import Sealer

# The areas beside the queue's in the center's file, in its one store (``motcua serve``).
CENTER_AREAS = (AREA, outbox.AREA)


log = logging.getLogger(__name__)


def reception_service(config: Config, field: str) -> str:
    """The service whose counters receive a dossier of ``field``."""
    d = config.dossier
    return dict(d.reception_by_field).get(field) or d.reception_service or config.services[0].code


def return_service(config: Config) -> str:
    """The service whose counters hand finished results back ("Trả kết quả")."""
    d = config.dossier
    return d.return_service or d.reception_service or config.services[0].code


def open_dossier_service(
    config: Config,
    db_path: str | Path,
    clock: Clock,
    catalog: Catalog,
    center: Center | None,
    store: Store | None = None,
    personal_key: bytes | None = None,
) -> DossierService:
    """``store``: the center's shared store (opened with ``CENTER_AREAS``; its queue owns
    it), so dossier changes and their outbox rows join the center's one writer; without
    it the service opens a store of its own on ``db_path``. ``personal_key`` (the center's
    key file) with ``[portal]``: the applicant's full values are sealed at intake for the
    portal (``motcua.sync.personal``), erased once it has them."""
    db = Path(db_path)
    d = config.dossier

    def issue(dossier: Dossier) -> str:
        assert center is not None
        info = center.issue_ticket(reception_service(config, dossier.field))
        return info.ticket.display_number

    return DossierService(
        store if store is not None else Store(db, list(CENTER_AREAS)),
        papers_dir=d.papers_dir or db.with_name(db.stem + "-papers"),
        unit_code=config.center.unit_code,
        calendar=calendar_from_config(
            config.center.timezone, d.office_hours, d.days_off, d.working_days
        ),
        procedures=catalog.get,
        clock=clock,
        ticket_issuer=issue if center is not None else None,
        max_paper_bytes=d.max_paper_mb * 1024 * 1024,
        on_change=portal_outbox(config.center.unit_code),
        owns_db=store is None,
        on_intake=(
            intake_hook(Sealer.from_center_key(personal_key))
            if personal_key and config.portal is not None
            else None
        ),
    )


def dossiers_or_none(
    config: Config,
    db_path: str | Path,
    clock: Clock,
    catalog: Catalog,
    center: Center | None,
    store: Store | None = None,
    personal_key: bytes | None = None,
) -> DossierService | None:
    """``open_dossier_service``, or None when the center cannot take dossiers (a bad
    ``[dossier]`` section, a papers folder it cannot write): said in the log in both
    languages, and the queue runs on without them. The server, the kiosk hosting its
    center and a counter on the center's database all open dossiers this way."""
    try:
        return open_dossier_service(
            config, db_path, clock, catalog, center, store=store, personal_key=personal_key
        )
    except (DossierError, ValueError, OSError) as exc:
        text = getattr(exc, "message_vi", "") or str(exc)
        log.warning("Không nhận hồ sơ được: %s / dossiers disabled: %s", text, exc)
        return None
