"""The manager's routes: ``/manage/login`` and logout, ``/manage`` (the live board),
``/manage/reports`` and its CSV / XLSX exports, and the dossier indicators' API. Sessions
are ``sessions.py``; what the pages show is rendered by ``board.py`` and
``report_page.py`` in the frame of ``html.py``. Vietnamese first (``?lang=en`` for
English); every asset inline.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, timedelta
from html import escape
from typing import Annotated, Any
from urllib.parse import parse_qs

from fastapi import Depends, FastAPI, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from motcua.clock import Clock
from motcua.config import Config
from motcua.dossier.service import DossierService
from motcua.queue.api import Center
from motcua.queue.errors import InvalidRequest
from motcua.queue.models import Satisfaction
from motcua.server.auth import require
from motcua.server.http_errors import JsonResponse
from motcua.server.manage.board import render_board
from motcua.server.manage.html import in_lang, page
from motcua.server.manage.report_page import render_report
from motcua.server.manage.reports import (
    DOSSIER_LABELS,
    RangeReport,
    build_report,
    days_between,
    to_csv,
    to_xlsx,
)
from motcua.server.manage.sessions import COOKIE, ManagerSessions
from motcua.server.responses import DossierIndicatorsOut
from motcua.server.schemas import IsoDay
from motcua.server.tokens import Device, Role, TokenStore, hash_token

Call = Callable[..., Awaitable[Any]]


def install_manage(
    app: FastAPI,
    center: Center,
    tokens: TokenStore,
    sessions: ManagerSessions,
    config: Config,
    clock: Clock,
    call: Call,
    dossiers: DossierService | None = None,
) -> None:
    """Add the manager's routes to ``app`` (its session store goes on ``app.state``)."""
    app.state.manager_sessions = sessions
    manager = Depends(require(tokens, Role.MANAGER))

    def today() -> date:
        return clock.now().astimezone(config.center.tz).date()

    def session_device(request: Request) -> Device | None:
        digest = sessions.token_hash(request.cookies.get(COOKIE, ""))
        device = tokens.by_digest(digest) if digest else None
        return device if device is not None and device.role in (Role.MANAGER, Role.ADMIN) else None

    def login_form(lang: str, error: str = "") -> HTMLResponse:
        err = f'<p class="bad">{escape(error)}</p>' if error else ""
        body = (
            f'<form class="login" method="post" action="/manage/login">'
            f"<h2>{in_lang(lang, 'Đăng nhập cho lãnh đạo trung tâm', 'Center manager login')}</h2>{err}"
            f"<label>{in_lang(lang, 'Mã đăng nhập (token quản lý)', 'Manager token')}<br>"
            f'<input type="password" name="token" autocomplete="current-password" required autofocus></label>'
            f'<input type="hidden" name="lang" value="{escape(lang)}">'
            f'<button type="submit">{in_lang(lang, "Đăng nhập", "Log in")}</button>'
            f'<p class="muted">{in_lang(lang, "Tạo token: motcua token create --role manager", "Create one: motcua token create --role manager")}</p>'
            f"</form>"
        )
        return page(config.center.name, body, lang, nav=False)

    @app.get("/manage/login", include_in_schema=False)
    async def login_page(lang: str = "vi") -> HTMLResponse:
        return login_form(lang)

    @app.post("/manage/login", include_in_schema=False)
    async def login(request: Request) -> Response:
        body = await request.body()
        if len(body) > 4096:
            return login_form("vi", "Yêu cầu quá lớn / request too large")
        form = {k: v[0] for k, v in parse_qs(body.decode("utf-8", "replace")).items()}
        lang = form.get("lang", "vi")
        token = form.get("token", "").strip()
        device = await call(tokens.verify, token) if token else None
        if device is None or device.role not in (Role.MANAGER, Role.ADMIN):
            failed = login_form(
                lang,
                in_lang(
                    lang,
                    "Mã đăng nhập không đúng hoặc không có quyền quản lý.",
                    "Wrong token, or not a manager's.",
                ),
            )
            failed.status_code = 401
            return failed
        session = await call(sessions.create, hash_token(token))
        resp = RedirectResponse(f"/manage?lang={lang}", status_code=303)
        resp.set_cookie(
            COOKIE,
            session,
            max_age=int(sessions.lifetime.total_seconds()),
            httponly=True,
            samesite="strict",
            path="/",
        )
        return resp

    @app.post("/manage/logout", include_in_schema=False)
    async def logout(request: Request) -> Response:
        session = request.cookies.get(COOKIE, "")
        if session:
            await call(sessions.end, session)
        resp = RedirectResponse("/manage/login", status_code=303)
        resp.delete_cookie(COOKIE, path="/")
        return resp

    @app.get("/", include_in_schema=False)
    async def root() -> Response:
        return RedirectResponse("/manage", status_code=303)

    @app.get("/manage", include_in_schema=False)
    async def board(request: Request, lang: str = "vi") -> Response:
        if await call(session_device, request) is None:
            return RedirectResponse("/manage/login", status_code=303)
        last_week = (today() - timedelta(days=7)).isoformat()
        return render_board(config.center.name, lang, last_week, dossiers is not None)

    async def range_report(first: date | None, last: date | None) -> RangeReport:
        last = last or today()
        first = first or last - timedelta(days=29)
        try:
            days = days_between(first, last)
        except ValueError as exc:
            raise InvalidRequest(
                "Khoảng ngày không hợp lệ (từ ≤ đến, tối đa 400 ngày).",
                f"Invalid date range: {exc}",
            ) from exc
        stats = await call(center.stats_between, days[0], days[-1])
        # Satisfaction comes from the days' figures; only the complaints' reasons are read.
        ratings = await call(center.ratings_between, first, last, Satisfaction.UNSATISFIED)
        indicators = await call(dossiers.indicators, first, last) if dossiers else None
        return build_report(stats, ratings, first, last, indicators)

    if dossiers is not None:
        dossier_service = dossiers

        @app.get(
            "/api/v1/dossiers/indicators", tags=["dossiers"], response_model=DossierIndicatorsOut
        )
        async def dossier_indicators(
            first: Annotated[IsoDay | None, Query(alias="from")] = None,
            last: Annotated[IsoDay | None, Query(alias="to")] = None,
            device: Device = manager,
        ) -> Response:
            """Decision 766's indicators over center-local days ``from``..``to`` (today by
            default): received, digitized, finished, on time, late, overdue now; counts
            and shares only."""
            last = last or today()
            first = first or last
            if first > last or (last - first).days >= 400:
                raise InvalidRequest(
                    "Khoảng ngày không hợp lệ (từ ≤ đến, tối đa 400 ngày).",
                    "Invalid date range (from <= to, at most 400 days).",
                )
            d = await call(dossier_service.indicators, first, last)
            return JsonResponse(
                {
                    "from": first.isoformat(),
                    "to": last.isoformat(),
                    **{k: getattr(d, k) for k in DOSSIER_LABELS},
                }
            )

    @app.get("/manage/reports", include_in_schema=False)
    async def reports(
        request: Request,
        first: Annotated[IsoDay | None, Query(alias="from")] = None,
        last: Annotated[IsoDay | None, Query(alias="to")] = None,
        lang: str = "vi",
    ) -> Response:
        if await call(session_device, request) is None:
            return RedirectResponse("/manage/login", status_code=303)
        r = await range_report(first, last)
        return page(
            f"{config.center.name} — {in_lang(lang, 'Báo cáo', 'Report')}",
            render_report(r, lang),
            lang,
        )

    @app.get("/manage/reports.csv", include_in_schema=False)
    async def reports_csv(
        first: Annotated[IsoDay | None, Query(alias="from")] = None,
        last: Annotated[IsoDay | None, Query(alias="to")] = None,
        device: Device = manager,
    ) -> Response:
        r = await range_report(first, last)
        return Response(
            to_csv(r),
            media_type="text/csv; charset=utf-8",
            headers={
                "Content-Disposition": f'attachment; filename="motcua-{r.first}-{r.last}.csv"'
            },
        )

    @app.get("/manage/reports.xlsx", include_in_schema=False)
    async def reports_xlsx(
        first: Annotated[IsoDay | None, Query(alias="from")] = None,
        last: Annotated[IsoDay | None, Query(alias="to")] = None,
        device: Device = manager,
    ) -> Response:
        r = await range_report(first, last)
        data = await call(to_xlsx, r)
        return Response(
            data,
            media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            headers={
                "Content-Disposition": f'attachment; filename="motcua-{r.first}-{r.last}.xlsx"'
            },
        )
