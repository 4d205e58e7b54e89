"""The ``dvcqg`` portal adapter: the DVCQG dossier-sync protocol as OpenCPS v2 speaks it.

Every call is one JSON object POSTed to one URL (DOMAIN.md, "The national portal
protocol"): a login with the ``dstcode`` header gives a session; DongBoHoSoMC creates
(``isUpdating: "False"``) or replaces (``"True"``) a dossier; CapNhatTienDoHoSoMC appends
steps; TraCuuHoSo reads a dossier and its QuaTrinhXuLy back; LayDanhSachTTHC / LayThuTuc
give the procedure catalog. ``error_code`` 0, "0" or "00" is success, anything else is a
failure even with HTTP 200. A call refused because the session expired is repeated once
after a new login. Dates travel as ``yyyyMMddHHmmss`` in Asia/Ho_Chi_Minh.

Optionally a provincial LGSP sits in front: OAuth2 client credentials against its token
URL, a Bearer token on every call, renewed once on 401.

Thread-safe: the sender calls it from ``max_in_flight`` threads at once; they share one
urllib3 connection pool (keep-alive connections to the portal) and the portal session token.

The transport is urllib3 itself rather than requests on top of it: requests spent 2.8
times the CPU per call (678 vs 243 us, `bench/portal_http.py`), mostly merging
environment settings (proxies, netrc, CA paths) anew for every request, and the sender's
CPU is taken from the same interpreter that answers the hall (issue 11: ticket-issue p99
during a drain). Proxies from the environment (``HTTP_PROXY``/``HTTPS_PROXY``/``NO_PROXY``)
are read once; certificates are checked against the system's store.
"""

from __future__ import annotations

import json
import logging
import threading
import time
import urllib.parse
import urllib.request
from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import urllib3
from urllib3.exceptions import (
    ConnectTimeoutError,
    HTTPError,
    NewConnectionError,
    ReadTimeoutError,
)

if TYPE_CHECKING:
    from motcua.config import PortalConfig

from motcua.sync.portal import (
    AUTH,
    HTTP,
    INVALID,
    REFUSED,
    RESET,
    SESSION,
    THROTTLED,
    TIMEOUT,
    UNREACHABLE,
    DossierPayload,
    PortalDossier,
    PortalError,
    PortalProcedure,
    StepPayload,
)

log = logging.getLogger(__name__)

VN = ZoneInfo("Asia/Ho_Chi_Minh")
WIRE_DATE = "%Y%m%d%H%M%S"
SUCCESS = ("0", "00")


def to_wire_date(iso: str) -> str:
    """'2026-12-01T02:03:04+00:00' -> '20261201090304' (Asia/Ho_Chi_Minh); '' stays ''."""
    if not iso:
        return ""
    when = datetime.fromisoformat(iso)
    if when.tzinfo is None:
        when = when.replace(tzinfo=VN)
    return when.astimezone(VN).strftime(WIRE_DATE)


def from_wire_date(text: str) -> str:
    """'20261201090304' -> '2026-12-01T09:03:04+07:00'; '' or garbage -> ''."""
    try:
        return datetime.strptime(str(text), WIRE_DATE).replace(tzinfo=VN).isoformat()
    except ValueError:
        return ""


def is_success(code: object) -> bool:
    return code == 0 or (isinstance(code, str) and code.strip() in SUCCESS)


def dossier_to_wire(d: DossierPayload) -> dict[str, Any]:
    return {
        "MaHoSo": d.code,
        "MaTTHC": d.procedure_code,
        "TenTTHC": d.procedure_name,
        "MaLinhVuc": d.field_code,
        "TenLinhVuc": d.field_name,
        "SoBienNhan": d.receipt_number or d.code,
        "ChuHoSo": d.applicant_name,
        "LoaiDoiTuong": str(d.applicant_kind),
        "MaDoiTuong": d.applicant_id,
        "SoDienThoai": d.phone,
        "Email": d.email,
        "DiaChi": d.address,
        "TrichYeuHoSo": d.summary,
        "NgayTiepNhan": to_wire_date(d.received_at),
        "NgayHenTra": to_wire_date(d.due_at),
        "TrangThaiHoSo": str(d.status),
        "NgayTra": to_wire_date(d.returned_at),
        "HinhThuc": str(d.channel),
        "NgayKetThucXuLy": to_wire_date(d.finished_at),
        "DonViXuLy": d.unit,
        "GhiChu": d.note,
        "TaiLieuNop": [
            {
                "TepDinhKemId": p.get("id", ""),
                "TenTepDinhKem": p.get("name", ""),
                "DuongDanTaiTep": p.get("url", ""),
            }
            for p in d.papers
        ],
        "DanhSachLePhi": [
            {"TenPhiLePhi": f.get("name", ""), "MucPhi": f.get("amount", 0)} for f in d.fees
        ],
    }


def step_to_wire(s: StepPayload) -> dict[str, Any]:
    return {
        "MaHoSo": s.dossier_code,
        "NguoiXuLy": s.actor,
        "ChucDanh": s.title,
        "ThoiDiemXuLy": to_wire_date(s.at),
        "PhongBanXuLy": s.department,
        "NoiDungXuLy": s.content,
        "TrangThai": str(s.status),
        "NgayBatDau": to_wire_date(s.started_at),
        "NgayKetThucTheoQuyDinh": to_wire_date(s.due_at),
    }


def _int(value: object, default: int = 0) -> int:
    try:
        return int(str(value).strip())
    except ValueError:
        return default


def step_from_wire(code: str, w: dict[str, Any]) -> StepPayload:
    return StepPayload(
        dossier_code=str(w.get("MaHoSo") or code),
        actor=str(w.get("NguoiXuLy", "")),
        title=str(w.get("ChucDanh", "")),
        at=from_wire_date(w.get("ThoiDiemXuLy", "")),
        department=str(w.get("PhongBanXuLy", "")),
        content=str(w.get("NoiDungXuLy", "")),
        status=_int(w.get("TrangThai")),
        started_at=from_wire_date(w.get("NgayBatDau", "")),
        due_at=from_wire_date(w.get("NgayKetThucTheoQuyDinh", "")),
    )


def procedure_from_wire(w: dict[str, Any]) -> PortalProcedure:
    papers = w.get("ThanhPhanHoSo") or ()
    return PortalProcedure(
        code=str(w.get("MaTTHC", "")),
        name=str(w.get("TenTTHC", "")),
        field=str(w.get("TenLinhVuc", "")),
        agency_level=str(w.get("CapThucHien", "")),
        processing_time=str(w.get("ThoiHanGiaiQuyet", "")),
        fee=str(w.get("LePhi", "")),
        online_level=str(w.get("MucDo", "")),
        papers=tuple(str(p) for p in papers),
        legal_basis=str(w.get("CanCuPhapLy", "")),
    )


class DvcqgPortal:
    def __init__(
        self,
        url: str,
        username: str,
        password: str,
        unit_code: str,
        *,
        timeout_s: float = 10.0,
        permanent_codes: tuple[str, ...] = ("422",),
        stats_url: str = "",
        stats_service: str = "DongBoThongKeMC",
        lgsp_token_url: str = "",
        lgsp_client_id: str = "",
        lgsp_client_secret: str = "",
    ) -> None:
        self.url = url
        self.username = username
        self._password = password
        self.unit_code = unit_code
        self.timeout_s = timeout_s
        self.permanent_codes = tuple(str(c) for c in permanent_codes)
        self.stats_url = stats_url or url
        self.stats_service = stats_service
        self.lgsp_token_url = lgsp_token_url
        self._lgsp_client = (lgsp_client_id, lgsp_client_secret)
        self._session: str | None = None
        self._bearer: str | None = None
        self._bearer_until = 0.0
        self._lock = threading.Lock()
        # one pool per URL it calls (the portal, the statistics endpoint, an LGSP's token
        # URL may be other hosts, each with its own proxy or none)
        self._pools = {u: _pool_for(u) for u in {url, self.stats_url, lgsp_token_url} if u}
        self.calls = 0  # HTTP requests made (figures for the bench)

    @classmethod
    def from_config(cls, pc: PortalConfig, unit_code: str = "") -> DvcqgPortal:
        """The adapter ``[portal]`` describes (its secrets read from their files)."""
        return cls(
            pc.url,
            pc.username,
            pc.password(),
            pc.unit_code or unit_code,
            timeout_s=pc.timeout_s,
            permanent_codes=pc.permanent_error_codes,
            stats_url=pc.stats_url,
            stats_service=pc.stats_service,
            lgsp_token_url=pc.lgsp_token_url,
            lgsp_client_id=pc.lgsp_client_id,
            lgsp_client_secret=pc.lgsp_secret(),
        )

    def __repr__(self) -> str:  # never the password
        return f"DvcqgPortal({self.url!r}, unit={self.unit_code!r})"

    # ------------------------------------------------------------------ transport

    def _request(self, url: str, body: bytes, headers: dict[str, str]) -> Any:
        """One POST; transport failures become PortalError with the right flags."""
        try:
            return self._pools[url].request(
                "POST", url, body=body, headers=headers, timeout=self.timeout_s, retries=False
            )
        except NewConnectionError as exc:  # before ConnectTimeoutError: it is one of them
            raise PortalError(UNREACHABLE, "connection refused") from exc
        except ConnectTimeoutError as exc:
            raise PortalError(UNREACHABLE, "connect timeout") from exc
        except ReadTimeoutError as exc:
            raise PortalError(TIMEOUT, "no answer in time", maybe_applied=True) from exc
        except (HTTPError, OSError) as exc:  # reset, closed, protocol error mid-call
            raise PortalError(RESET, type(exc).__name__, maybe_applied=True) from exc

    def _post(self, url: str, body: dict[str, Any], headers: dict[str, str]) -> dict[str, Any]:
        """One POST; transport failures become PortalError with the right flags."""
        self.calls += 1
        hdrs = {"Content-Type": "application/json; charset=utf-8", **headers}
        if self.lgsp_token_url:
            hdrs["Authorization"] = f"Bearer {self._lgsp_token()}"
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        answer = self._request(url, data, hdrs)
        status = answer.status
        if status in (401, 403):
            if self.lgsp_token_url:
                self._bearer = None
            raise PortalError(AUTH, f"HTTP {status}")
        if status == 429:
            raise PortalError(THROTTLED, "HTTP 429")
        if status >= 500:
            raise PortalError(HTTP, f"HTTP {status}", maybe_applied=True)
        if status != 200:
            raise PortalError(HTTP, f"HTTP {status}")
        try:
            parsed = json.loads(answer.data)
        except ValueError as exc:
            raise PortalError(INVALID, "answer is not JSON", maybe_applied=True) from exc
        if not isinstance(parsed, dict) or "error_code" not in parsed:
            raise PortalError(INVALID, "answer has no error_code", maybe_applied=True)
        return parsed

    def _lgsp_token(self) -> str:
        with self._lock:
            if self._bearer and time.monotonic() < self._bearer_until:
                return self._bearer
            client_id, secret = self._lgsp_client
            headers = urllib3.make_headers(basic_auth=f"{client_id}:{secret}")
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            form = urllib.parse.urlencode({"grant_type": "client_credentials"}).encode()
            try:
                answer = self._request(self.lgsp_token_url, form, headers)
            except PortalError as exc:
                raise PortalError(UNREACHABLE, "LGSP token endpoint unreachable") from exc
            if answer.status != 200:
                raise PortalError(AUTH, f"LGSP token refused (HTTP {answer.status})")
            try:
                token = json.loads(answer.data)
                self._bearer = str(token["access_token"])
                expires = float(token.get("expires_in", 300))
            except (ValueError, KeyError, TypeError) as exc:
                raise PortalError(INVALID, "LGSP token answer not understood") from exc
            self._bearer_until = time.monotonic() + max(expires - 30, 5)
            return self._bearer

    # ------------------------------------------------------------------ session

    def _login(self, stale: str | None) -> str:
        with self._lock:
            if self._session is not None and self._session != stale:
                return self._session  # another thread already renewed it
        answer = self._post(
            self.url,
            {"username": self.username, "password": self._password},
            {"dstcode": self.unit_code},
        )
        if not is_success(answer.get("error_code")) or not answer.get("session"):
            raise PortalError(AUTH, "login refused", code=str(answer.get("error_code")))
        with self._lock:
            self._session = str(answer["session"])
            return self._session

    def _session_expired(self, answer: dict[str, Any]) -> bool:
        return (
            "session" in str(answer.get("message", "")).lower()
            or "session" in str(answer.get("error_code", "")).lower()
        )

    def _call(self, service: str, fields: dict[str, Any], url: str = "") -> dict[str, Any]:
        """A service call; a session-expired refusal is repeated once after a new login."""
        session = self._session or self._login(None)
        for attempt in (1, 2):
            body = {"session": session, "madonvi": self.unit_code, "service": service, **fields}
            answer = self._post(url or self.url, body, {"dstcode": self.unit_code})
            if is_success(answer.get("error_code")):
                return answer
            if self._session_expired(answer):
                if attempt == 1:
                    session = self._login(session)
                    continue
                raise PortalError(SESSION, f"{service}: session refused after a new login")
            code = str(answer.get("error_code"))
            message = str(answer.get("message", ""))[:200]
            raise PortalError(
                REFUSED,
                f"{service}: {code} {message}".strip(),
                permanent=code in self.permanent_codes,
                code=code,
            )
        raise AssertionError("unreachable")  # pragma: no cover

    # ------------------------------------------------------------------ Portal

    def get_dossier(self, code: str) -> PortalDossier | None:
        answer = self._call("TraCuuHoSo", {"mahoso": code})
        result = answer.get("result") or []
        if not isinstance(result, list):
            raise PortalError(INVALID, "TraCuuHoSo: result is not a list")
        for item in result:
            if isinstance(item, dict) and item.get("MaHoSo") == code:
                steps = tuple(
                    step_from_wire(code, s)
                    for s in item.get("QuaTrinhXuLy") or ()
                    if isinstance(s, dict)
                )
                return PortalDossier(code, _int(item.get("TrangThaiHoSo")), steps, raw=item)
        return None

    def create_dossier(self, dossier: DossierPayload) -> None:
        self._call("DongBoHoSoMC", {"isUpdating": "False", "data": [dossier_to_wire(dossier)]})

    def update_dossier(self, dossier: DossierPayload) -> None:
        self._call("DongBoHoSoMC", {"isUpdating": "True", "data": [dossier_to_wire(dossier)]})

    def add_steps(self, steps: list[StepPayload]) -> None:
        self._call("CapNhatTienDoHoSoMC", {"data": [step_to_wire(s) for s in steps]})

    def list_procedures(self) -> list[PortalProcedure]:
        answer = self._call("LayDanhSachTTHC", {})
        return [procedure_from_wire(w) for w in answer.get("result") or () if isinstance(w, dict)]

    def get_procedure(self, code: str) -> PortalProcedure | None:
        answer = self._call("LayThuTuc", {"maTTHC": code})
        result = answer.get("result") or []
        items = result if isinstance(result, list) else [result]
        for w in items:
            if isinstance(w, dict) and w.get("MaTTHC") == code:
                return procedure_from_wire(w)
        return None

    def push_statistics(self, day: str, figures: dict[str, Any]) -> None:
        self._call(
            self.stats_service,
            {"ngay": day.replace("-", ""), "data": figures},
            url=self.stats_url,
        )

    def close(self) -> None:
        for pool in self._pools.values():
            pool.clear()


def _pool_for(url: str) -> urllib3.PoolManager:
    """A connection pool to ``url``'s host, through the environment's proxy if it names
    one for that host (read once, not on every call as requests does)."""
    parts = urllib.parse.urlsplit(url)
    proxy = urllib.request.getproxies().get(parts.scheme)
    # connections kept per host: more than the sender's max_in_flight ever asks for
    # (a busier caller opens extra ones, closed after use)
    if proxy and not urllib.request.proxy_bypass(parts.hostname or ""):
        return urllib3.ProxyManager(proxy, maxsize=16)
    return urllib3.PoolManager(maxsize=16)
