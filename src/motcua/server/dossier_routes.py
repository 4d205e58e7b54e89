"""The dossier API (issue 10): intake from the kiosk or counter, reception, steps after it.

Every route is a thin call into ``DossierService`` (the one place a dossier changes);
its errors carry both languages and their HTTP status (422 bad input, 404 unknown,
409 wrong state, 413 too large). Papers are PDFs streamed to disk, never held in
memory. JSON never carries the full ID number or name (``Dossier.to_dict``).
"""

from __future__ import annotations

import asyncio
import html
import os
from datetime import date, datetime
from pathlib import Path as FsPath
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Path, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from pydantic import AwareDatetime, BaseModel, Field

from motcua.clock import Clock
from motcua.config import Config
from motcua.dossier.errors import DossierError, InvalidDossier, UnknownDossier
from motcua.dossier.service import ApplicantInput, DossierService
from motcua.dossier.status import DossierStatus
from motcua.public_url import base_url
from motcua.queue.errors import Forbidden
from motcua.scanner.cccd_qr import IdCardError, parse_cccd_qr
from motcua.server.auth import require
from motcua.server.http_errors import JsonResponse
from motcua.server.responses import DossierOut, errors
from motcua.server.routing import API
from motcua.server.schemas import IsoDay
from motcua.server.tokens import Device, Role, TokenStore

PAPERS_PATTERN = API + r"/dossiers/[^/]+/papers/\d+"  # for a body-limit rule (20 MB)

Code = Annotated[str, Path(min_length=20, max_length=40, pattern=r"^[0-9A-Za-z.\-]+$")]
PaperNo = Annotated[int, Path(ge=1, le=99)]


class ApplicantIn(BaseModel):
    cccd_qr: str | None = Field(None, max_length=1000)
    full_name: str | None = Field(None, max_length=200)
    id_number: str | None = Field(None, max_length=20)
    address: str | None = Field(None, max_length=500)


class ConsentIn(BaseModel):
    text_version: str = Field(max_length=40)
    accepted_at: AwareDatetime


class DossierIn(BaseModel):
    procedure_code: str = Field(min_length=1, max_length=60)
    applicant: ApplicantIn
    phone: str | None = Field(None, max_length=30)
    consent: ConsentIn


class NoteIn(BaseModel):
    note: str = Field(min_length=1, max_length=2000)


class ReasonIn(BaseModel):
    reason: str = Field(min_length=1, max_length=2000)


def _applicant(body: ApplicantIn, today: date) -> ApplicantInput:
    if body.cccd_qr:
        try:
            card = parse_cccd_qr(body.cccd_qr, today=today)
        except IdCardError as exc:
            raise InvalidDossier(exc.message_vi, exc.message_en) from None
        return ApplicantInput(card.full_name, card.id_number, card.address)
    if body.full_name and body.id_number:
        return ApplicantInput(body.full_name, body.id_number, body.address or "")
    raise InvalidDossier(
        "Cần mã QR trên thẻ căn cước, hoặc họ tên và số định danh của người nộp",
        "applicant needs cccd_qr, or full_name and id_number",
    )


def install_dossier_routes(
    app: FastAPI,
    service: DossierService,
    tokens: TokenStore,
    config: Config,
    clock: Clock,
) -> None:
    intake = Depends(require(tokens, Role.KIOSK, Role.COUNTER))
    counter = Depends(require(tokens, Role.COUNTER))

    @app.exception_handler(DossierError)
    async def _dossier_error(request: Request, exc: DossierError) -> Response:
        return JsonResponse(exc.to_dict(), status_code=exc.http_status)

    async def run(fn: Any, *args: Any) -> Any:
        return await asyncio.to_thread(fn, *args)

    def actor(device: Device) -> str:
        if device.role is Role.COUNTER:
            return f"counter:{device.counter}"
        return f"{device.role.value}:{device.name}" if device.name else device.role.value

    def body(d: Any) -> dict[str, Any]:
        out: dict[str, Any] = d.to_dict()
        out["url"] = f"{base_url(config)}/d/{d.code}"
        return out

    def answer(d: Any) -> Response:
        return JsonResponse(body(d))

    one: dict[str, Any] = {"response_model": DossierOut, "responses": errors(404, 409)}

    @app.post(
        API + "/dossiers",
        tags=["dossiers"],
        status_code=201,
        response_model=DossierOut,
        responses=errors(404),
    )
    async def create(payload: DossierIn, device: Device = intake) -> Response:
        today = clock.now().astimezone(config.center.tz).date()
        who = _applicant(payload.applicant, today)
        channel = "counter" if device.role is Role.COUNTER else "kiosk"
        d = await run(
            lambda: service.create(
                payload.procedure_code,
                who,
                payload.consent.text_version,
                payload.consent.accepted_at,
                phone=payload.phone or "",
                channel=channel,
                actor=actor(device),
            )
        )
        return JsonResponse(body(d), status_code=201)

    @app.get(API + "/dossiers", tags=["dossiers"], response_model=list[DossierOut])
    async def list_dossiers(
        day: Annotated[IsoDay | None, Query(alias="date")] = None,
        status: Annotated[int | None, Query(ge=0, le=10)] = None,
        limit: Annotated[int, Query(ge=1, le=1000)] = 500,
        ticket: Annotated[str | None, Query(min_length=1, max_length=12)] = None,
        device: Device = counter,
    ) -> Response:
        """``ticket``: the dossier a called reception ticket carries (with ``date``)."""
        found = await run(
            service.list, day, DossierStatus(status) if status is not None else None, limit,
            ticket,
        )  # fmt: skip
        return JsonResponse([body(d) for d in found])

    @app.get(API + "/dossiers/{code}", tags=["dossiers"], **one)
    async def get_one(code: Code, device: Device = intake) -> Response:
        return answer(await run(service.get, code))

    @app.put(
        API + "/dossiers/{code}/papers/{n}",
        tags=["dossiers"],
        **one,
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
            }
        },
    )
    async def put_paper(
        code: Code, n: PaperNo, request: Request, device: Device = intake
    ) -> Response:
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if ctype != "application/pdf":
            raise InvalidDossier(
                "Giấy tờ phải gửi dạng PDF (Content-Type: application/pdf)",
                "papers must be sent as application/pdf",
            )
        limit = service.max_paper_bytes
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > limit:
            raise service.too_large()
        target: FsPath = await run(service.upload_target, code)
        written = 0
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as out:
                async for chunk in request.stream():
                    written += len(chunk)
                    if written > limit:
                        raise service.too_large()
                    out.write(chunk)
        except BaseException:
            target.unlink(missing_ok=True)
            raise
        return answer(await run(service.attach_paper, code, n, target, actor(device)))

    @app.delete(API + "/dossiers/{code}/papers/{n}", tags=["dossiers"], **one)
    async def delete_paper(code: Code, n: PaperNo, device: Device = intake) -> Response:
        return answer(await run(service.delete_paper, code, n, actor(device)))

    @app.get(
        API + "/dossiers/{code}/papers/{n}",
        tags=["dossiers"],
        response_class=FileResponse,
        responses={200: {"content": {"application/pdf": {}}}, **errors(404)},
    )
    async def get_paper(code: Code, n: PaperNo, device: Device = counter) -> Response:
        path = await run(service.paper_path, code, n)
        return FileResponse(path, media_type="application/pdf", filename=f"{code}-{n:02d}.pdf")

    @app.post(API + "/dossiers/{code}/submit", tags=["dossiers"], **one)
    async def submit(code: Code, device: Device = intake) -> Response:
        """Status 1 (Mới đăng ký) and a queue ticket for the reception counter of the
        procedure's field (``ticket_number``). A dossier created with a counter token
        (``channel`` "counter": a walk-in taken in at the counter) takes no ticket — the
        citizen is already there and the clerk goes on to accept — and only a counter
        (or admin) token submits it: 403 for a kiosk."""
        if device.role is Role.KIOSK:
            d = await run(service.get, code)
            if d.walk_in:
                raise Forbidden(
                    f"Hồ sơ {d.code} do quầy tiếp nhận trực tiếp: chỉ quầy nộp được hồ sơ này.",
                    f"dossier {d.code} was taken in at a counter: only a counter submits it.",
                )
        return answer(await run(service.submit, code, actor(device)))

    @app.post(API + "/dossiers/{code}/discard", tags=["dossiers"], **one)
    async def discard(code: Code, device: Device = intake) -> Response:
        """A draft withdrawn and every page scanned for it deleted (the kiosk's idle
        timeout or Huỷ); a submitted dossier is 409."""
        return answer(await run(service.discard, code, actor(device)))

    @app.post(API + "/dossiers/{code}/accept", tags=["reception"], **one)
    async def accept(code: Code, device: Device = counter) -> Response:
        return answer(await run(service.accept, code, actor(device)))

    @app.post(API + "/dossiers/{code}/supplement", tags=["reception"], **one)
    async def supplement(code: Code, payload: NoteIn, device: Device = counter) -> Response:
        return answer(await run(service.supplement, code, payload.note, actor(device)))

    @app.post(API + "/dossiers/{code}/reject", tags=["reception"], **one)
    async def reject(code: Code, payload: ReasonIn, device: Device = counter) -> Response:
        return answer(await run(service.reject, code, payload.reason, actor(device)))

    @app.post(API + "/dossiers/{code}/progress", tags=["reception"], **one)
    async def progress(code: Code, payload: NoteIn, device: Device = counter) -> Response:
        return answer(await run(service.progress, code, payload.note, actor(device)))

    @app.post(API + "/dossiers/{code}/finish", tags=["reception"], **one)
    async def finish(code: Code, device: Device = counter) -> Response:
        return answer(await run(service.finish, code, actor(device)))

    @app.post(API + "/dossiers/{code}/return", tags=["reception"], **one)
    async def return_result(code: Code, device: Device = counter) -> Response:
        return answer(await run(service.return_result, code, actor(device)))

    @app.get(
        "/d/{code}",
        tags=["public"],
        response_class=HTMLResponse,
        responses={404: {"content": {"text/html": {}}, "description": "No such dossier"}},
    )
    async def public_page(code: Code) -> Response:
        try:
            d = await run(service.get, code)
        except UnknownDossier:
            return HTMLResponse(_page(config, None, clock.now()), status_code=404)
        return HTMLResponse(_page(config, d, clock.now()), headers={"Cache-Control": "no-store"})


def _page(config: Config, d: Any, now: datetime) -> str:
    """Procedure, status and return date only: codes are sequential, so nothing personal."""
    esc = html.escape
    center = esc(config.center.name)
    if d is None:
        inner = "<p>Không tìm thấy hồ sơ này. / No dossier with this code.</p>"
    else:
        tz = config.center.tz
        due = d.due_at.astimezone(tz).strftime("%H:%M ngày %d/%m/%Y") if d.due_at else "—"
        late = ""
        if d.overdue(now):
            late = (
                "<p class=late>Hồ sơ đã quá hạn hẹn trả. Chúng tôi xin lỗi ông/bà; xin liên hệ"
                " quầy tiếp nhận hoặc đường dây nóng để biết lý do và thời gian trả mới.</p>"
            )
        inner = (
            f"<p class=code>{esc(d.code)}</p>"
            f"<p><b>Thủ tục:</b> {esc(d.procedure_name)} ({esc(d.procedure_code)})</p>"
            f"<p><b>Trạng thái:</b> {esc(d.status.label_vi)} "
            f"<span class=en>({esc(d.status.label_en)})</span></p>"
            f"<p>{esc(d.status.explanation_vi)}</p>"
            f"<p><b>Hẹn trả kết quả:</b> {esc(due)}</p>{late}"
        )
    return (
        "<!doctype html><html lang=vi><head><meta charset=utf-8>"
        "<meta name=viewport content='width=device-width,initial-scale=1'>"
        f"<title>Tra cứu hồ sơ – {center}</title><style>"
        "body{font-family:sans-serif;max-width:36em;margin:1em auto;padding:0 1em;"
        "font-size:1.15em;line-height:1.5}.code{font-size:1.4em;font-weight:bold}"
        ".en{color:#555}.late{background:#fde8e8;padding:.6em;border-radius:.3em}"
        f"</style></head><body><h1>{center}</h1><h2>Tra cứu hồ sơ</h2>{inner}</body></html>"
    )
