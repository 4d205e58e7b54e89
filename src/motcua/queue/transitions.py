"""Ticket life at the counter: call, recall, start, finish, no-show, transfer,
restore, cancel, expire (a counter's own state is in ``counters.py``). Each function runs
inside one write operation (``Tx``), checks the transition is allowed, updates the row and
appends its event.

    waiting -> called -> serving -> done
    called --(recall x N, then one more)--> no_show --restore--> waiting
    called/serving --transfer--> waiting (another service or a specific counter)
    waiting/called/no_show --cancel--> cancelled ; active --rollover/close_day--> expired
"""

from __future__ import annotations

from datetime import date
from typing import Any

from motcua.queue.call_policy import Candidate, choose
from motcua.queue.context import OpContext, counter_config, ticket_row
from motcua.queue.counters import counter_row, current_row
from motcua.queue.errors import (
    CounterPaused,
    InvalidRequest,
    InvalidTransition,
    NoCurrentTicket,
    UnknownService,
)
from motcua.queue.event_log import emit
from motcua.queue.models import ACTIVE_STATUSES, LIVE_STATUSES, EventKind, Ticket
from motcua.queue.models import TicketStatus as S
from motcua.queue.records import Row, status_list, ticket_from_row
from motcua.queue.timeutil import from_db, from_db_req, to_db
from motcua.queue.waits import due_window
from motcua.storage import Tx

_ACTIVE = status_list(ACTIVE_STATUSES)
# A ticket not yet at a counter may be cancelled (a no-show too: it may come back).
_CANCELLABLE = LIVE_STATUSES - {S.SERVING}

STATUS_VI = {
    "waiting": "đang chờ",
    "called": "đã được gọi",
    "serving": "đang được phục vụ",
    "done": "đã xong",
    "no_show": "vắng mặt",
    "cancelled": "đã hủy",
    "expired": "đã hết hạn",
}


def _invalid(row: Row, action_vi: str, action_en: str) -> InvalidTransition:
    st = row["status"]
    return InvalidTransition(
        f"Không thể {action_vi} phiếu {row['display_number']}: phiếu {STATUS_VI.get(st, st)}",
        f"cannot {action_en} ticket {row['display_number']}: it is {st}",
    )


def _emit(tx: Tx, ctx: OpContext, kind: EventKind, row: Row, **data: Any) -> None:
    emit(
        tx,
        kind,
        ctx.now,
        from_db_date(row["day"]),
        ticket_id=int(row["id"]),
        service_code=row["service_code"],
        counter=row["counter"],
        display_number=row["display_number"],
        data=data,
    )


def from_db_date(text: str) -> date:
    return date.fromisoformat(text)


_COLUMNS = frozenset(
    [
        "status",
        "service_code",
        "counter",
        "target_counter",
        "recalls",
        "called_at",
        "first_called_at",
        "started_at",
        "finished_at",
        "order_at",
    ]
)


def _update(tx: Tx, ticket_id: int, **changes: Any) -> Row:
    """Update a ticket and return its new row (one statement, RETURNING)."""
    assert _COLUMNS.issuperset(changes), "column names are code, never input"
    cols = ", ".join(f"{k} = ?" for k in changes)
    row = tx.one(
        f"UPDATE tickets SET {cols} WHERE id = ? RETURNING *", (*changes.values(), ticket_id)
    )
    assert row is not None
    return row


def _require_current(tx: Tx, ctx: OpContext, counter: int) -> Row:
    counter_config(ctx, counter)
    row = current_row(tx, ctx, counter)
    if row is None:
        raise NoCurrentTicket(
            f"Quầy {counter} không có phiếu nào đang gọi hoặc đang phục vụ",
            f"counter {counter} has no called or serving ticket",
        )
    return row


def _service_seconds(row: Row, ctx: OpContext) -> float:
    began = from_db(row["started_at"]) or from_db(row["called_at"])
    return round((ctx.now - began).total_seconds(), 3) if began else 0.0


def _finish_row(tx: Tx, ctx: OpContext, row: Row) -> Row:
    seconds = _service_seconds(row, ctx)
    done = _update(tx, int(row["id"]), status="done", finished_at=to_db(ctx.now))
    _emit(tx, ctx, EventKind.FINISHED, done, service_seconds=seconds)
    return done


# ---------------------------------------------------------------------------- calling
def _candidates(tx: Tx, ctx: OpContext, counter: int, services: tuple[str, ...]) -> list[Row]:
    """Enough waiting tickets for the policy: the head of every group, and due appointments.

    The policy only ever takes the minimum of a group (by order_at, id) or a due
    appointment, so fetching those keeps a call O(services) however long the queue."""
    # Each query below is served by an index (schema.py); the WHERE terms repeat the
    # partial indexes' conditions literally so that SQLite can use them.
    base = "SELECT * FROM tickets WHERE day = ? AND status = 'waiting'"
    order = " ORDER BY order_at, id LIMIT 1"
    queries: list[tuple[str, tuple]] = []
    for svc in services:
        queries.append(
            (
                f"{base} AND service_code = ? AND target_counter IS NULL"
                f" AND priority_group IS NULL{order}",
                (ctx.day_text, svc),
            )
        )
        queries.append(
            (
                # Without table statistics SQLite would pick the general queue index
                # and walk every normal ticket to find no priority one: name the index.
                "SELECT * FROM tickets INDEXED BY tickets_waiting_priority"
                " WHERE day = ? AND status = 'waiting' AND service_code = ?"
                f" AND priority_group IS NOT NULL AND target_counter IS NULL{order}",
                (ctx.day_text, svc),
            )
        )
    for prio in ("IS NULL", "IS NOT NULL"):
        queries.append(
            (
                f"{base} AND target_counter IS NOT NULL AND target_counter = ?"
                f" AND priority_group {prio}{order}",
                (ctx.day_text, counter),
            )
        )
    low, high = due_window(ctx.now, ctx.config.policy)
    queries.append(
        (
            f"{base} AND appointment_at IS NOT NULL AND appointment_at BETWEEN ? AND ?",
            (ctx.day_text, low, high),
        )
    )
    # One statement for all of them (each arm still planned on its own index): a
    # statement costs the writer thread more than the few rows each arm reads.
    sql = " UNION ALL ".join(f"SELECT * FROM ({q})" for q, _ in queries)
    rows: dict[int, Row] = {}
    for row in tx.all(sql, [p for _, params in queries for p in params]):
        rows[int(row["id"])] = row
    return list(rows.values())


def call_next(tx: Tx, ctx: OpContext, counter: int, clerk: str = "") -> Ticket | None:
    """``clerk``: who is signed in at the counter (the name of its counter token, as the
    server knows it), recorded on the CALLED event; the reports list it per counter."""
    cfg = counter_config(ctx, counter)
    state = counter_row(tx, counter)
    if state["paused"]:
        raise CounterPaused(
            f"Quầy {counter} đang tạm dừng; hãy mở lại trước khi gọi số",
            f"counter {counter} is paused; resume it before calling",
        )
    current = current_row(tx, ctx, counter)
    if current is not None:
        _finish_row(tx, ctx, current)
    rows = _candidates(tx, ctx, counter, cfg.services)
    choice = choose(
        [
            Candidate(
                id=int(r["id"]),
                service_code=r["service_code"],
                order_at=from_db_req(r["order_at"]),
                priority=r["priority_group"] is not None,
                appointment_at=from_db(r["appointment_at"]),
                target_counter=r["target_counter"],
            )
            for r in rows
        ],
        counter=counter,
        services=cfg.services,
        now=ctx.now,
        policy=ctx.config.policy,
        priority_streak=int(state["priority_streak"]),
    )
    if choice is None:
        return None
    if choice.priority_streak != state["priority_streak"]:
        tx.run(
            "UPDATE counters SET priority_streak = ? WHERE number = ?",
            (choice.priority_streak, counter),
        )
    now = to_db(ctx.now)
    row = tx.one(
        "UPDATE tickets SET status = 'called', counter = ?, called_at = ?, recalls = 0,"
        " first_called_at = COALESCE(first_called_at, ?) WHERE id = ? RETURNING *",
        (counter, now, now, choice.ticket_id),
    )
    assert row is not None
    tx.run(
        "INSERT INTO service_day (day, service_code, last_called) VALUES (?, ?, ?)"
        " ON CONFLICT (day, service_code) DO UPDATE SET last_called = excluded.last_called",
        (ctx.day_text, row["service_code"], row["display_number"]),
    )
    _emit(
        tx,
        ctx,
        EventKind.CALLED,
        row,
        reason=choice.reason,
        recalls=0,
        priority_group=row["priority_group"],
        **({"clerk": clerk} if clerk else {}),
    )
    return ticket_from_row(row)


def recall(tx: Tx, ctx: OpContext, counter: int) -> Ticket:
    row = _require_current(tx, ctx, counter)
    if row["status"] != "called":
        raise _invalid(row, "gọi lại", "recall")
    recalls = int(row["recalls"])
    if recalls >= ctx.config.policy.recalls_before_no_show:
        row = _update(tx, int(row["id"]), status="no_show")
        _emit(tx, ctx, EventKind.NO_SHOW, row, recalls=recalls, by="recall")
    else:
        row = _update(tx, int(row["id"]), recalls=recalls + 1, called_at=to_db(ctx.now))
        _emit(tx, ctx, EventKind.RECALLED, row, recalls=recalls + 1)
    return ticket_from_row(row)


def start(tx: Tx, ctx: OpContext, counter: int) -> Ticket:
    row = _require_current(tx, ctx, counter)
    if row["status"] != "called":
        raise _invalid(row, "bắt đầu phục vụ", "start serving")
    row = _update(tx, int(row["id"]), status="serving", started_at=to_db(ctx.now))
    _emit(tx, ctx, EventKind.STARTED, row)
    return ticket_from_row(row)


def finish(tx: Tx, ctx: OpContext, counter: int) -> Ticket:
    row = _require_current(tx, ctx, counter)
    return ticket_from_row(_finish_row(tx, ctx, row))


def no_show(tx: Tx, ctx: OpContext, counter: int) -> Ticket:
    row = _require_current(tx, ctx, counter)
    if row["status"] != "called":
        raise _invalid(row, "đánh dấu vắng mặt", "mark as no-show")
    row = _update(tx, int(row["id"]), status="no_show")
    _emit(tx, ctx, EventKind.NO_SHOW, row, recalls=int(row["recalls"]), by="clerk")
    return ticket_from_row(row)


def transfer(
    tx: Tx, ctx: OpContext, counter: int, to_service: str | None, to_counter: int | None
) -> Ticket:
    if not to_service and to_counter is None:
        raise InvalidRequest(
            "Hãy chọn dịch vụ hoặc quầy để chuyển phiếu",
            "give a service or a counter to transfer to",
        )
    row = _require_current(tx, ctx, counter)
    service = row["service_code"]
    if to_service:
        if ctx.config.service(to_service) is None:
            raise UnknownService(
                f"Không có dịch vụ mã {to_service}", f"there is no service {to_service}"
            )
        service = to_service
    if to_counter is not None:
        counter_config(ctx, to_counter)
        if to_counter == counter:
            raise InvalidRequest(
                "Không thể chuyển phiếu về chính quầy đang phục vụ",
                "cannot transfer a ticket to the same counter",
            )
    if to_service == row["service_code"] and to_counter is None:
        raise InvalidRequest(
            "Phiếu đã thuộc dịch vụ này; hãy chọn dịch vụ hoặc quầy khác",
            "the ticket already belongs to this service",
        )
    keep = ctx.config.policy.transfer_keeps_place
    from_service = row["service_code"]
    row = _update(
        tx,
        int(row["id"]),
        status="waiting",
        service_code=service,
        target_counter=to_counter,
        counter=None,
        recalls=0,
        called_at=None,
        started_at=None,
        order_at=row["order_at"] if keep else to_db(ctx.now),
    )
    _emit(
        tx,
        ctx,
        EventKind.TRANSFERRED,
        {**row, "counter": counter},
        from_counter=counter,
        from_service=from_service,
        to_service=service,
        to_counter=to_counter,
        kept_place=keep,
    )
    return ticket_from_row(row)


def restore(tx: Tx, ctx: OpContext, ticket_id: int) -> Ticket:
    row = ticket_row(tx, ticket_id)
    if row["status"] != "no_show" or row["day"] != ctx.day_text:
        raise _invalid(row, "đưa lại vào hàng đợi", "restore")
    row = _update(
        tx, ticket_id, status="waiting", counter=None, recalls=0, called_at=None, started_at=None
    )
    _emit(tx, ctx, EventKind.RESTORED, row)
    return ticket_from_row(row)


def cancel(tx: Tx, ctx: OpContext, ticket_id: int) -> Ticket:
    row = ticket_row(tx, ticket_id)
    if row["status"] not in _CANCELLABLE:
        raise _invalid(row, "hủy", "cancel")
    row = _update(tx, ticket_id, status="cancelled")
    _emit(tx, ctx, EventKind.CANCELLED, row)
    return ticket_from_row(row)


# The active tickets of earlier days (the rollover) or of today (close_day); the status
# test is ``tickets_active``'s condition, so the rollover reads the active tickets only,
# however long the history (tests/queue/test_query_plans.py).
ACTIVE_BEFORE_SQL = f"SELECT * FROM tickets WHERE day < ? AND status IN ({_ACTIVE})"
ACTIVE_ON_SQL = f"SELECT * FROM tickets WHERE day = ? AND status IN ({_ACTIVE})"


def expire_active(tx: Tx, ctx: OpContext, *, earlier_days: bool) -> int:
    """Expire the active tickets of today (close_day) or of earlier days (the rollover).

    One EXPIRED event each, its reason saying which."""
    reason = "rollover" if earlier_days else "close_day"
    rows = tx.all(ACTIVE_BEFORE_SQL if earlier_days else ACTIVE_ON_SQL, (ctx.day_text,))
    for row in rows:
        done = _update(tx, int(row["id"]), status="expired")
        _emit(tx, ctx, EventKind.EXPIRED, done, reason=reason, was=row["status"])
    return len(rows)
