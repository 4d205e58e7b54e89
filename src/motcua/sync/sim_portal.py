"""The reference DVCQG portal's logic and state, apart from the wire (``sim.py``).

``PortalSim`` answers one protocol call at a time as a real portal would (login with the
``dstcode`` header, sessions that expire, dossiers by MaHoSo with their QuaTrinhXuLy, a
second create refused) and keeps what it was sent for tests to read back; it also picks
which fault a call meets (``SimSettings``). How a fault cuts the connection, the HTTP
framing and the ``/_sim/`` control endpoints are the server's, in ``sim.py``.
"""

from __future__ import annotations

import json
import random
import secrets
import threading
from dataclasses import dataclass, field
from typing import Any

FAULTS = ("refuse", "502", "timeout", "reset", "lost")

REFUSE_BUSY = "99"
SESSION_EXPIRED = "401"
NOT_FOUND = "404"
EXISTS = "409"
INVALID = "422"


@dataclass
class SimSettings:
    fail_rate: float = 0.0
    latency_ms: float = 0.0
    session_calls: int = 0  # 0: sessions never expire
    faults: tuple[str, ...] = FAULTS
    hang_s: float = 30.0
    username: str = ""  # "" accepts any login
    password: str = ""
    unit_code: str = ""  # "" accepts any dstcode
    seed: int | None = None
    down: bool = False
    fail_next: int = 0  # the next N calls fail for sure (first of ``faults``)
    fail_only: tuple[str, ...] = ()  # only these services fail ('' = login); () = all


@dataclass
class SimState:
    dossiers: dict[str, dict[str, Any]] = field(default_factory=dict)
    statistics: list[dict[str, Any]] = field(default_factory=list)
    calls: dict[str, int] = field(default_factory=dict)
    faults: dict[str, int] = field(default_factory=dict)
    refused_creates: int = 0
    logins: int = 0


def _demo_procedures() -> list[dict[str, Any]]:
    from motcua.catalog.generator import real_procedures

    return [
        {
            "MaTTHC": p.code,
            "TenTTHC": p.name,
            "TenLinhVuc": p.field,
            "CapThucHien": p.agency_level,
            "ThoiHanGiaiQuyet": p.processing_time,
            "LePhi": p.fee,
            "MucDo": p.online_level,
            "ThanhPhanHoSo": list(p.papers),
            "CanCuPhapLy": p.legal_basis,
        }
        for p in real_procedures()
    ]


class PortalSim:
    """The portal's logic and state; ``sim.SimServer`` puts it on a TCP port."""

    def __init__(self, settings: SimSettings | None = None) -> None:
        self.settings = settings or SimSettings()
        self.state = SimState()
        self.procedures = _demo_procedures()
        self._sessions: dict[str, int] = {}  # token -> calls left (-1: unlimited)
        self._rng = random.Random(self.settings.seed)
        self._lock = threading.Lock()  # state is read from other threads (tests)

    # ------------------------------------------------------------------ state

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            return json.loads(
                json.dumps(
                    {
                        "dossiers": self.state.dossiers,
                        "statistics": self.state.statistics,
                        "calls": self.state.calls,
                        "faults": self.state.faults,
                        "refused_creates": self.state.refused_creates,
                        "logins": self.state.logins,
                        "settings": {
                            "fail_rate": self.settings.fail_rate,
                            "latency_ms": self.settings.latency_ms,
                            "session_calls": self.settings.session_calls,
                            "faults": list(self.settings.faults),
                            "down": self.settings.down,
                        },
                    },
                    ensure_ascii=False,
                )
            )

    def control(self, changes: dict[str, Any]) -> None:
        with self._lock:
            for key, value in changes.items():
                if key in ("faults", "fail_only"):
                    value = tuple(value)
                if hasattr(self.settings, key):
                    setattr(self.settings, key, value)

    def add_foreign_step(self, code: str, step: dict[str, Any]) -> bool:
        """A step recorded at the portal by someone else (the office that processes it)."""
        with self._lock:
            dossier = self.state.dossiers.get(code)
            if dossier is None:
                return False
            dossier["QuaTrinhXuLy"].append(dict(step, MaHoSo=code))
            if step.get("TrangThai"):
                dossier["TrangThaiHoSo"] = str(step["TrangThai"])
            return True

    # ------------------------------------------------------------------ protocol

    def pick_fault(self, service: str = "") -> str | None:
        with self._lock:
            s = self.settings
            if not s.faults or (s.fail_only and service not in s.fail_only):
                return None
            if s.fail_next > 0:
                s.fail_next -= 1
                fault = s.faults[0]
            elif s.fail_rate <= 0 or self._rng.random() >= s.fail_rate:
                return None
            else:
                fault = self._rng.choice(s.faults)
            if fault == "timeout" and self._rng.random() < 0.5:
                fault = "timeout-applied"
            self.state.faults[fault] = self.state.faults.get(fault, 0) + 1
            return fault

    def handle(self, body: Any, headers: dict[str, str]) -> dict[str, Any]:
        """Apply one protocol call; returns the JSON answer."""
        with self._lock:
            return self._handle(body, headers)

    def _handle(self, body: Any, headers: dict[str, str]) -> dict[str, Any]:
        s, st = self.settings, self.state
        if not isinstance(body, dict):
            return {"error_code": "400", "message": "body must be a JSON object"}
        if "service" not in body:
            st.calls["login"] = st.calls.get("login", 0) + 1
            if s.unit_code and headers.get("dstcode") != s.unit_code:
                return {"error_code": "403", "message": "unknown dstcode"}
            if s.username and (
                body.get("username") != s.username or body.get("password") != s.password
            ):
                return {"error_code": "403", "message": "wrong username or password"}
            token = secrets.token_hex(8)
            self._sessions[token] = s.session_calls if s.session_calls > 0 else -1
            st.logins += 1
            return {"error_code": "0", "session": token}
        service = str(body["service"])
        st.calls[service] = st.calls.get(service, 0) + 1
        token = str(body.get("session", ""))
        left = self._sessions.get(token)
        if left is None or left == 0:
            self._sessions.pop(token, None)
            return {"error_code": SESSION_EXPIRED, "message": "session expired / phiên hết hạn"}
        if left > 0:
            self._sessions[token] = left - 1
        handler = {
            "TraCuuHoSo": self._lookup,
            "DongBoHoSoMC": self._sync_dossier,
            "CapNhatTienDoHoSoMC": self._add_steps,
            "LayDanhSachTTHC": self._list_procedures,
            "LayThuTuc": self._procedure,
        }.get(service)
        if handler is None:
            if service.startswith("DongBoThongKe"):
                st.statistics.append({"service": service, **body, "session": ""})
                return {"error_code": "0", "message": "ok"}
            return {"error_code": "400", "message": f"unknown service {service}"}
        return handler(body)

    def _lookup(self, body: dict[str, Any]) -> dict[str, Any]:
        dossier = self.state.dossiers.get(str(body.get("mahoso", "")))
        return {"error_code": "0", "result": [json.loads(json.dumps(dossier))] if dossier else []}

    def _sync_dossier(self, body: dict[str, Any]) -> dict[str, Any]:
        updating = str(body.get("isUpdating", "False")).lower() == "true"
        items = body.get("data")
        if not isinstance(items, list) or not items:
            return {"error_code": INVALID, "message": "data must be a non-empty list"}
        for item in items:
            if not isinstance(item, dict) or not item.get("MaHoSo") or not item.get("MaTTHC"):
                return {"error_code": INVALID, "message": "MaHoSo and MaTTHC are required"}
            status = str(item.get("TrangThaiHoSo", ""))
            if not status.isdigit() or not 1 <= int(status) <= 10:
                return {"error_code": INVALID, "message": "TrangThaiHoSo must be 1..10"}
        for item in items:
            code = item["MaHoSo"]
            existing = self.state.dossiers.get(code)
            if not updating and existing is not None:
                self.state.refused_creates += 1
                return {"error_code": EXISTS, "message": f"dossier exists: {code}"}
            if updating and existing is None:
                return {"error_code": NOT_FOUND, "message": f"unknown dossier: {code}"}
        for item in items:
            code = item["MaHoSo"]
            existing = self.state.dossiers.get(code)
            steps = existing["QuaTrinhXuLy"] if existing else []
            record = {k: v for k, v in item.items() if k != "QuaTrinhXuLy"}
            record["QuaTrinhXuLy"] = steps
            record["_creates"] = existing["_creates"] if existing else 1
            record["_updates"] = existing["_updates"] + 1 if existing else 0
            self.state.dossiers[code] = record
        return {"error_code": "0", "message": "ok"}

    def _add_steps(self, body: dict[str, Any]) -> dict[str, Any]:
        items = body.get("data")
        if not isinstance(items, list) or not items:
            return {"error_code": INVALID, "message": "data must be a non-empty list"}
        for item in items:
            if not isinstance(item, dict) or item.get("MaHoSo") not in self.state.dossiers:
                return {"error_code": NOT_FOUND, "message": "unknown dossier"}
        for item in items:
            dossier = self.state.dossiers[item["MaHoSo"]]
            dossier["QuaTrinhXuLy"].append(dict(item))
            if str(item.get("TrangThai", "")).isdigit():
                dossier["TrangThaiHoSo"] = str(item["TrangThai"])
        return {"error_code": "0", "message": "ok"}

    def _list_procedures(self, body: dict[str, Any]) -> dict[str, Any]:
        return {"error_code": "0", "result": self.procedures}

    def _procedure(self, body: dict[str, Any]) -> dict[str, Any]:
        code = body.get("maTTHC")
        found = [p for p in self.procedures if p["MaTTHC"] == code]
        return {"error_code": "0", "result": found}
