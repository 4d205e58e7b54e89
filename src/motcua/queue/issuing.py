"""Issuing tickets (with ID-card dedupe and appointments), appointments, ratings, purging.

Citizen ID numbers are never stored: only an HMAC of the number with a random
per-database secret (so two tickets of one person can be matched, but the
number cannot be recovered from a stolen database by trying the ~10^12
possible numbers without the secret), and the masked name.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from datetime import date, datetime, timedelta

from motcua.logs import mask_name
from motcua.queue import priority
from motcua.queue.context import OpContext, ticket_row
from motcua.queue.errors import (
    AlreadyRated,
    InvalidRequest,
    InvalidTransition,
    ReasonRequired,
    UnknownAppointment,
    UnknownPriorityGroup,
    UnknownService,
)
from motcua.queue.event_log import emit
from motcua.queue.models import (
    ACTIVE_STATUSES,
    Appointment,
    CitizenInfo,
    EventKind,
    Rating,
    Satisfaction,
    TicketInfo,
)
from motcua.queue.numbering import allocate
from motcua.queue.records import (
    Row,
    appointment_from_row,
    rating_from_row,
    status_list,
    ticket_from_row,
)
from motcua.queue.timeutil import from_db_req, to_db
from motcua.queue.waits import estimate_for, people_ahead
from motcua.storage import Tx

_ACTIVE = status_list(ACTIVE_STATUSES)


def id_hash(secret: bytes, id_number: str) -> str:
    return hmac.new(secret, id_number.strip().encode(), hashlib.sha256).hexdigest()


def public_code(random_bytes) -> str:
    """12 URL-safe characters (72 random bits): unguessable ticket page addresses."""
    return base64.urlsafe_b64encode(random_bytes(9)).decode("ascii")


def ticket_info(tx: Tx, ctx: OpContext, row: Row, existing: bool = False) -> TicketInfo:
    ahead = people_ahead(tx, row, ctx.now, ctx.config.policy)
    wait = (
        estimate_for(tx, ctx.config, date.fromisoformat(row["day"]), row["service_code"], ahead)
        if row["status"] == "waiting"
        else 0
    )
    return TicketInfo(ticket_from_row(row), ahead, wait, existing)


def _service(ctx: OpContext, code: str):
    svc = ctx.config.service(code)
    if svc is None:
        raise UnknownService(f"Không có dịch vụ mã {code!r}", f"there is no service {code!r}")
    return svc


def issue(
    tx: Tx,
    ctx: OpContext,
    service_code: str,
    priority_group: str | None,
    citizen: CitizenInfo | None,
    appointment_code: str | None,
) -> TicketInfo:
    appointment: Row | None = None
    if appointment_code:
        appointment = tx.one(
            "SELECT * FROM appointments WHERE code = ?", (appointment_code.strip(),)
        )
        if appointment is None:
            raise UnknownAppointment(
                f"Không tìm thấy lịch hẹn mã {appointment_code}",
                f"no appointment with code {appointment_code}",
            )
        if appointment["ticket_id"] is not None:
            return ticket_info(tx, ctx, ticket_row(tx, int(appointment["ticket_id"])), True)
        slot = from_db_req(appointment["slot_at"]).astimezone(ctx.config.center.tz)
        if slot.date() != ctx.day:
            # An early visit must not use up tomorrow's booking (nor a late one yesterday's).
            raise InvalidRequest(
                f"Lịch hẹn {appointment['code']} là ngày {slot:%d/%m/%Y} lúc {slot:%H:%M},"
                " không phải hôm nay",
                f"appointment {appointment['code']} is on {slot:%Y-%m-%d %H:%M}, not today",
            )
        if service_code and service_code != appointment["service_code"]:
            raise InvalidRequest(
                f"Lịch hẹn {appointment_code} là của dịch vụ {appointment['service_code']}",
                f"appointment {appointment_code} is for service {appointment['service_code']}",
            )
        service_code = appointment["service_code"]
    if not service_code:
        raise InvalidRequest("Hãy chọn dịch vụ", "a service is required")
    svc = _service(ctx, service_code)
    group = ctx.config.priority_group(priority_group) if priority_group else None
    if priority_group and group is None:
        raise UnknownPriorityGroup(
            f"Không có nhóm ưu tiên {priority_group!r}",
            f"unknown priority group {priority_group!r}",
        )
    birth = citizen.birth_date if citizen is not None else None
    if group is not None and birth is not None and not priority.card_fits(group, birth, ctx.day):
        raise InvalidRequest(*priority.refusal(group, birth, ctx.day))
    hashed = None
    name = ""
    if citizen is not None:
        number = (citizen.id_number or "").strip()
        if not number.isdigit() or len(number) not in (9, 12):
            raise InvalidRequest(
                "Số định danh không hợp lệ (cần 12 hoặc 9 chữ số)",
                "invalid ID number (12 or 9 digits expected)",
            )
        hashed = id_hash(ctx.secret, number)
        name = mask_name(citizen.full_name)
        same = tx.one(
            "SELECT * FROM tickets WHERE id_hash = ? AND service_code = ? AND day = ?"
            f" AND status IN ({_ACTIVE}) ORDER BY id LIMIT 1",
            (hashed, svc.code, ctx.day_text),
        )
        if same is not None:
            return ticket_info(tx, ctx, same, existing=True)
    if appointment is not None and not name:
        name = appointment["citizen_name"] or ""

    alloc = allocate(tx, ctx.day, svc.code, svc.numbering, ctx.marks)
    now = to_db(ctx.now)
    row = tx.one(
        "INSERT INTO tickets (public_code, day, service_code, number_service, number,"
        " display_number, status, issued_at, order_at, priority_group, appointment_code,"
        " appointment_at, citizen_name, id_hash)"
        " VALUES (?, ?, ?, ?, ?, ?, 'waiting', ?, ?, ?, ?, ?, ?, ?) RETURNING *",
        (
            public_code(ctx.random_bytes),
            ctx.day_text,
            svc.code,
            svc.code,
            alloc.number,
            alloc.display_number,
            now,
            now,
            priority_group or None,
            appointment["code"] if appointment else None,
            appointment["slot_at"] if appointment else None,
            name,
            hashed,
        ),
    )
    assert row is not None
    ticket_id = int(row["id"])
    if appointment is not None:
        tx.run(
            "UPDATE appointments SET ticket_id = ? WHERE code = ?", (ticket_id, appointment["code"])
        )
    if alloc.wrapped:
        emit(
            tx,
            EventKind.NUMBER_WRAPPED,
            ctx.now,
            ctx.day,
            ticket_id=ticket_id,
            service_code=svc.code,
            display_number=alloc.display_number,
            data={"first": svc.numbering.first(), "last": svc.numbering.last()},
        )
    emit(
        tx,
        EventKind.ISSUED,
        ctx.now,
        ctx.day,
        ticket_id=ticket_id,
        service_code=svc.code,
        display_number=alloc.display_number,
        data={
            "priority_group": priority_group or None,
            "appointment": appointment is not None,
            "with_id": hashed is not None,
        },
    )
    return ticket_info(tx, ctx, row)


def add_appointment(
    tx: Tx, ctx: OpContext, code: str, service_code: str, slot_at: datetime, citizen_name: str
) -> Appointment:
    code = (code or "").strip()
    if not code or len(code) > 64:
        raise InvalidRequest("Mã lịch hẹn không hợp lệ", "invalid appointment code")
    if slot_at.tzinfo is None:
        raise InvalidRequest("Giờ hẹn phải kèm múi giờ", "the appointment time needs a time zone")
    svc = _service(ctx, service_code)
    name = mask_name(citizen_name)
    existing = tx.one("SELECT * FROM appointments WHERE code = ?", (code,))
    if existing is not None:
        same = existing["service_code"] == svc.code and existing["slot_at"] == to_db(slot_at)
        if same:
            return appointment_from_row(existing)
        raise InvalidRequest(
            f"Mã lịch hẹn {code} đã tồn tại với nội dung khác",
            f"appointment code {code} already exists with different details",
        )
    tx.run(
        "INSERT INTO appointments (code, service_code, slot_at, citizen_name, created_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (code, svc.code, to_db(slot_at), name, to_db(ctx.now)),
    )
    emit(
        tx,
        EventKind.APPOINTMENT_ADDED,
        ctx.now,
        ctx.day,
        service_code=svc.code,
        data={"code": code, "slot_at": slot_at.isoformat()},
    )
    row = tx.one("SELECT * FROM appointments WHERE code = ?", (code,))
    assert row is not None
    return appointment_from_row(row)


def rate(tx: Tx, ctx: OpContext, ticket_id: int, level: Satisfaction | str, reason: str) -> Rating:
    try:
        level = Satisfaction(level)
    except ValueError:
        raise InvalidRequest(
            f"Mức đánh giá không hợp lệ: {level!r}", f"invalid rating level {level!r}"
        ) from None
    row = ticket_row(tx, ticket_id)
    if row["status"] != "done":
        raise InvalidTransition(
            f"Chỉ đánh giá được phiếu đã phục vụ xong (phiếu {row['display_number']})",
            f"only a finished ticket can be rated (ticket {row['display_number']})",
        )
    if tx.one("SELECT 1 AS x FROM ratings WHERE ticket_id = ?", (ticket_id,)) is not None:
        raise AlreadyRated(
            f"Phiếu {row['display_number']} đã được đánh giá",
            f"ticket {row['display_number']} has already been rated",
        )
    reason = (reason or "").strip()
    if level.needs_reason and not reason:
        raise ReasonRequired(
            "Vui lòng cho biết lý do không hài lòng", "a reason is required for 'not satisfied'"
        )
    tx.run(
        "INSERT INTO ratings (ticket_id, level, at, counter, service_code, reason)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (ticket_id, level.value, to_db(ctx.now), row["counter"], row["service_code"], reason),
    )
    emit(
        tx,
        EventKind.RATED,
        ctx.now,
        date.fromisoformat(row["day"]),
        ticket_id=ticket_id,
        service_code=row["service_code"],
        counter=row["counter"],
        display_number=row["display_number"],
        data={"level": level.value},
    )
    saved = tx.one("SELECT * FROM ratings WHERE ticket_id = ?", (ticket_id,))
    assert saved is not None
    return rating_from_row(saved)


# The tickets before a day still holding personal data: ``tickets_personal``'s condition,
# written as it is there, so a purge reads those tickets only (the retention period's),
# not the whole history (tests/queue/test_query_plans.py).
PURGE_TICKETS_SQL = (
    "UPDATE tickets SET id_hash = NULL, citizen_name = '' WHERE day < ?"
    " AND (id_hash IS NOT NULL OR citizen_name != '')"
)


def purge_personal_data(tx: Tx, ctx: OpContext) -> int:
    """Drop ID hashes and names of tickets older than ``id_retention_days``; count tickets."""
    cutoff = (ctx.day - timedelta(days=ctx.config.policy.id_retention_days)).isoformat()
    cur = tx.run(PURGE_TICKETS_SQL, (cutoff,))
    tx.run(
        "UPDATE appointments SET citizen_name = '' WHERE slot_at < ? AND citizen_name != ''",
        (to_db(ctx.now - timedelta(days=ctx.config.policy.id_retention_days)),),
    )
    return cur.rowcount
