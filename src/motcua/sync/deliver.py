"""Delivering one outbox row so that doing it twice is harmless.

The portal has no idempotency key. What makes a repeat safe is what we know about the
previous attempt: a row is ``uncertain`` when an earlier attempt may have been applied
(its answer was lost: timeout, reset, a 5xx, a crash while in flight). Then:

- a creation is skipped if the portal already holds the dossier;
- a step is skipped if the portal's step list already holds it (as many copies of it as
  our own list has up to it — the portal records a repeated step twice);
- an update (a replace by MaHoSo) is repeated: replacing twice gives the same dossier.

A creation the portal refuses because the dossier exists (made by an answer we lost
without knowing, or by another system) becomes a replace with our content.
"""

from __future__ import annotations

from collections.abc import Callable

from motcua.sync.outbox import CREATE, STEP, UPDATE, OutboxRow
from motcua.sync.portal import REFUSED, Portal, PortalError, StepPayload, step_is_held

SENT = "sent"
ALREADY = "already"  # the portal had it: nothing sent


def deliver(portal: Portal, row: OutboxRow, our_steps: Callable[[], list[StepPayload]]) -> str:
    if row.kind == CREATE:
        dossier = row.dossier()
        if row.uncertain and portal.get_dossier(dossier.code) is not None:
            return ALREADY
        try:
            portal.create_dossier(dossier)
        except PortalError as exc:
            if exc.kind != REFUSED or portal.get_dossier(dossier.code) is None:
                raise
            portal.update_dossier(dossier)
        return SENT
    if row.kind == UPDATE:
        portal.update_dossier(row.dossier())
        return SENT
    if row.kind == STEP:
        step = row.step()
        if row.uncertain:
            held = portal.get_dossier(step.dossier_code)
            if held is not None and step_is_held(step, our_steps(), held.steps):
                return ALREADY
        portal.add_steps([step])
        return SENT
    raise ValueError(f"unknown outbox row kind {row.kind!r}")
