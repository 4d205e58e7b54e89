"""The screenshot tour's chapter "Nộp hồ sơ": every intake screen, a jam, blank pages
and a slip not printed, or only the main path (large text, English)."""

from __future__ import annotations

from motcua.kiosk.tour_qt import DEMO_CARD, Tour, settle


def intake(t: Tour, prefix: str = "", short: bool = False) -> None:
    """Every screen, a jam, blank pages, a slip not printed (``short``: the main path
    only, for large text and English)."""
    from motcua.dossier.scanning import DocumentPaperScanner

    win, rt, screens, shot, scan = t.win, t.rt, t.screens, t.shot, t.scan
    real = rt.paper_scanner
    if rt.intake is None or real is None:
        win.go("submit")
        shot(f"{prefix}intake-unavailable")
        return
    win.home()
    win.go("submit")
    shot(f"{prefix}intake-procedure")
    screens["submit"].choose("1.000894")
    shot(f"{prefix}intake-consent")
    screens["intake_consent"].agree()
    if not short:
        scan("not an ID card")
        shot("intake-id-error")
    screens["intake_id"].error.hide()
    shot(f"{prefix}intake-id")
    scan(DEMO_CARD)
    for k in "0912345678":
        screens["intake_phone"].press(k)
    shot(f"{prefix}intake-phone")
    screens["intake_phone"].submit(screens["intake_phone"].box.text())
    shot(f"{prefix}intake-papers")
    papers, scanning = screens["intake_papers"], screens["intake_scan"]

    def scan_paper(n: int, name: str, options: str = "", button: str = "start") -> None:
        rt.paper_scanner = DocumentPaperScanner(real.url + options) if options else real
        if win.current.name != "intake_scan":
            papers.open_paper(n)
            if button == "start" and n == 1:
                shot(f"{prefix}intake-scan-ready")
        scanning.act(button)
        settle(win, lambda: not scanning.scanning, timeout=60)
        shot(f"{prefix}{name}")

    if short:
        scan_paper(1, "intake-scanned")
    else:
        scan_paper(1, "intake-scan-jammed", "&jam_after=1")
        scan_paper(1, "intake-scanned", button="more")
    scanning.act("done")
    if not short:
        scan_paper(2, "intake-scan-blank", "&blank=1")
        scanning.act("drop_blank")
        shot("intake-blank-dropped")
        scanning.act("done")
        shot("intake-papers-done")
    else:
        scan_paper(2, "intake-scanned-2")
        scanning.act("done")
    papers.skip(3)
    papers.review()
    shot(f"{prefix}intake-review")
    if not short:
        rt.printer.set_paper_out(True)
    screens["intake_review"].submit()
    settle(win, lambda: win.current.name == "intake_done", timeout=30)
    shot(f"{prefix}intake-done" if short else "intake-not-printed")
    if not short:
        rt.printer.set_paper_out(False)
        screens["intake_done"].reprint()
        settle(win, lambda: screens["intake_done"].printed.isVisible(), timeout=30)
        shot("intake-done")
    rt.paper_scanner = real
    win.home()
