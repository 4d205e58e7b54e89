"""The center's list of devices: what every app reports of its devices' health.

Each app (kiosk, counter console, hall display, keypad bridge) reports its devices'
``DeviceHealth`` when one changes and as a heartbeat (``POST /api/v1/devices/health``
with the app's token). The center keeps the latest report per (reporter, device) in
its database (area ``device_health``), so every server process sharing the file sees
the same list. A device whose reporter has gone silent for more than three heartbeats
is listed as *unknown* — never as still fine.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from motcua.clock import Clock, SystemClock
from motcua.devices.health import DeviceHealth, HealthState
from motcua.queue.clock_guard import ClockStatus
from motcua.storage import Area, ReadTx, Row, Store, Tx

# Silence for this many heartbeats turns a device into "unknown".
MISSED_HEARTBEATS = 3
LOCAL_REPORTER = 0  # the app hosting the center in-process (no token)

_STATES = ", ".join(f"'{s.value}'" for s in HealthState)  # the enum, spelled once

AREA = Area(
    "device_health",
    (
        f"""
        CREATE TABLE device_health (
            reporter_id INTEGER NOT NULL,
            location TEXT NOT NULL,
            device TEXT NOT NULL,
            kind TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ({_STATES})),
            reason TEXT NOT NULL,
            message_vi TEXT NOT NULL,
            message_en TEXT NOT NULL,
            since TEXT,
            reported_at TEXT NOT NULL,
            heartbeat_seconds REAL NOT NULL,
            PRIMARY KEY (reporter_id, device)
        )
        """,
    ),
)


@dataclass(frozen=True)
class CenterDevice:
    """A device as the center sees it: where it is, its health, when it last spoke."""

    reporter_id: int
    location: str  # the reporting app's name: "Kiosk sảnh A", "Quầy 5"
    kind: str  # the device family: printer, id_scanner, card_reader, ...
    health: DeviceHealth
    reported_at: datetime
    heartbeat_seconds: float
    stale: bool  # its reporter has been silent too long: health is "unknown"

    @property
    def key(self) -> str:
        return f"{self.location}/{self.health.device}"

    def to_json(self, now: datetime) -> dict[str, object]:
        h = self.health
        return {
            "location": self.location,
            "device": h.device,
            "kind": self.kind,
            "state": h.state.value,
            "reason": h.reason,
            "message": h.message_vi,
            "message_en": h.message_en,
            "since": h.since.isoformat() if h.since else None,
            "reported_at": self.reported_at.isoformat(),
            "heartbeat_age_seconds": max(0.0, (now - self.reported_at).total_seconds()),
            "stale": self.stale,
        }


@dataclass(frozen=True)
class Report:
    """One device's entry in a report (the API body's item)."""

    kind: str
    health: DeviceHealth


def put(
    tx: Tx,
    reporter_id: int,
    location: str,
    reports: list[Report],
    at: datetime,
    heartbeat_seconds: float,
) -> None:
    for r in reports:
        h = r.health
        tx.run(
            "INSERT INTO device_health (reporter_id, location, device, kind, state, reason,"
            " message_vi, message_en, since, reported_at, heartbeat_seconds)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (reporter_id, device) DO UPDATE SET location = excluded.location,"
            " kind = excluded.kind, state = excluded.state, reason = excluded.reason,"
            " message_vi = excluded.message_vi, message_en = excluded.message_en,"
            " since = excluded.since, reported_at = excluded.reported_at,"
            " heartbeat_seconds = excluded.heartbeat_seconds",
            (
                reporter_id,
                location,
                h.device,
                r.kind,
                h.state.value,
                h.reason,
                h.message_vi,
                h.message_en,
                h.since.isoformat() if h.since else None,
                at.isoformat(),
                heartbeat_seconds,
            ),
        )
    # The reporter's devices it no longer lists are gone (unplugged, reconfigured).
    names = [r.health.device for r in reports]
    marks = ", ".join("?" for _ in names) or "''"
    tx.run(
        f"DELETE FROM device_health WHERE reporter_id = ? AND device NOT IN ({marks})",
        (reporter_id, *names),
    )


def forget(tx: Tx, reporter_id: int) -> None:
    tx.run("DELETE FROM device_health WHERE reporter_id = ?", (reporter_id,))


def rows(tx: ReadTx) -> list[Row]:
    return tx.all("SELECT * FROM device_health ORDER BY location, device")


def _device(row: Row, now: datetime) -> CenterDevice:
    reported = datetime.fromisoformat(row["reported_at"])
    beat = float(row["heartbeat_seconds"])
    stale = now - reported > timedelta(seconds=beat * MISSED_HEARTBEATS)
    since = datetime.fromisoformat(row["since"]) if row["since"] else None
    health = DeviceHealth(
        row["device"],
        HealthState(row["state"]),
        row["reason"],
        row["message_vi"],
        row["message_en"],
        since,
    )
    if stale:
        health = DeviceHealth(
            row["device"],
            HealthState.UNKNOWN,
            "heartbeat_lost",
            f"{row['location']} không báo trạng thái từ {reported:%H:%M}",
            f"{row['location']} has not reported since {reported:%H:%M}",
            reported,
        )
    return CenterDevice(
        int(row["reporter_id"]), row["location"], row["kind"], health, reported, beat, stale
    )


class DeviceRegistry:
    """The center's device list over a ``Store`` opened with ``AREA`` (or its own)."""

    def __init__(
        self, db_path: str | Path, clock: Clock | None = None, *, store: Store | None = None
    ) -> None:
        self._clock = clock or SystemClock()
        self._owned = store is None
        self._store = store or Store(db_path, [AREA])

    def report(
        self, reporter_id: int, location: str, reports: list[Report], heartbeat_seconds: float
    ) -> None:
        at = self._clock.now()
        self._store.write(lambda tx: put(tx, reporter_id, location, reports, at, heartbeat_seconds))

    def forget(self, reporter_id: int) -> None:
        self._store.write(lambda tx: forget(tx, reporter_id))

    def devices(self) -> list[CenterDevice]:
        now = self._clock.now()
        return [_device(r, now) for r in self._store.read(rows)]

    def problems(self) -> list[CenterDevice]:
        """What needs a person: warnings, errors, and devices gone silent."""
        return [d for d in self.devices() if d.health.is_problem or d.stale]

    def close(self) -> None:
        if self._owned:
            self._store.close()


CLOCK_LOCATION = "Máy chủ trung tâm"


def clock_devices(status: ClockStatus, now: datetime) -> list[CenterDevice]:
    """The center's own clock as a device while it has jumped (``queue.clock_guard``):
    a warning on the technicians' and counters' alert lines, and in the device metrics."""
    if not status.jumped:
        return []
    vi, en = status.message()
    reason = "clock_day_held" if status.day_held else "clock_jump"
    health = DeviceHealth("clock", HealthState.WARNING, reason, vi, en, status.since)
    return [CenterDevice(LOCAL_REPORTER, CLOCK_LOCATION, "clock", health, now, 15.0, False)]


def _label(value: object) -> str:
    return str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")


def render_device_metrics(devices: list[CenterDevice], now: datetime) -> str:
    """``motcua_device_up`` (1 ok or warning, 0 error or unknown), the state number and
    the age of each device's last heartbeat, labelled by device, kind and location."""
    lines = [
        "# HELP motcua_device_up 1 when a device works (ok or warning), 0 on a fault or unknown.",
        "# TYPE motcua_device_up gauge",
    ]
    samples = []
    for d in devices:
        labels = (
            f'{{device="{_label(d.key)}",kind="{_label(d.kind)}",location="{_label(d.location)}"}}'
        )
        samples.append((labels, d))
    for labels, d in samples:
        up = 1 if d.health.state in (HealthState.OK, HealthState.WARNING) else 0
        lines.append(f"motcua_device_up{labels} {up}")
    lines += [
        "# HELP motcua_device_state 0 ok, 1 warning, 2 error, 3 unknown.",
        "# TYPE motcua_device_state gauge",
    ]
    lines += [f"motcua_device_state{lb} {d.health.state.value_number}" for lb, d in samples]
    lines += [
        "# HELP motcua_device_heartbeat_age_seconds Seconds since the device's app last reported.",
        "# TYPE motcua_device_heartbeat_age_seconds gauge",
    ]
    lines += [
        f"motcua_device_heartbeat_age_seconds{lb} "
        f"{max(0.0, (now - d.reported_at).total_seconds()):g}"
        for lb, d in samples
    ]
    return "\n".join(lines) + "\n"
