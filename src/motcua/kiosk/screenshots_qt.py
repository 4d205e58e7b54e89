"""`motcua kiosk --screenshots DIR`: a PNG of every screen, portrait and landscape.

Runs offscreen against a throw-away embedded center (temp dir, sim printer and
scanner, a fixed clock) and walks the real widgets through each flow, so the
pictures show what a citizen would see, including failures.
"""

from __future__ import annotations

import logging
import os
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

SIZES = {"portrait": (1080, 1920), "landscape": (1920, 1080)}
DEMO_CARD = (
    "001090123456|012345678|Nguyễn Văn An|01011990|Nam|"
    "Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh|15042021"
)
ELDER_CARD = "038156001234||Lê Thị Cúc|12031956|Nữ|Xã Quảng Phú, Tỉnh Thanh Hóa|02052021"


def settle(win, until: Callable[[], bool] | None = None, timeout: float = 10.0) -> None:
    """Let queued signals and background tasks finish (no fixed sleeps)."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        QApplication.processEvents()
        if win.runner.pending == 0 and (until is None or until()):
            break
        time.sleep(0.005)
    QApplication.processEvents()
    # what the event loop does between frames: free widgets given to deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def write_screenshots(out_dir: str | Path, config_path: str | None = None) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtWidgets import QApplication

    from motcua.config import load_config

    _app = QApplication.instance() or QApplication([])  # kept alive while drawing
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    config = load_config(config_path)
    written: list[Path] = []
    for orientation in SIZES:
        written += visit_screens(config, orientation, out)
    for path in written:
        print(path)
    return 0


# Called with (shot name, window) on every screen the walk shows, after it settled.
OnScreen = Callable[[str, Any], None]


def visit_screens(
    config, orientation: str, out: Path | None = None, on_screen: OnScreen | None = None
) -> list[Path]:
    """Walk every screen at ``orientation`` against a throw-away embedded center: save a
    PNG of each into ``out`` (when given) and hand each to ``on_screen`` (layout tests)."""
    from motcua.clock import FakeClock
    from motcua.kiosk.runtime import build_runtime
    from motcua.scanner.documents.samplepages import write_sample_pages

    with tempfile.TemporaryDirectory(prefix="motcua-shots-") as tmp:
        clock = FakeClock(datetime(2026, 11, 20, 2, 5, tzinfo=UTC))
        glass = write_sample_pages(Path(tmp) / "glass", 2, dpi=100)[0].parent
        rt = build_runtime(
            config,
            clock,
            db_path=Path(tmp) / "motcua.db",
            serve=False,
            paper_scanner_url=f"sim://?pages={glass}&dpi=100",
        )
        try:
            return walk(rt, out, orientation, SIZES[orientation], on_screen)
        finally:
            rt.close()


def walk(
    rt,
    out: Path | None,
    orientation: str,
    size: tuple[int, int],
    on_screen: OnScreen | None = None,
) -> list[Path]:
    """Drive one window through every screen, saving a PNG of each (when ``out``)."""
    from motcua.kiosk.app_qt import KioskWindow
    from motcua.queue.models import Satisfaction
    from motcua.scanner.barcode import SimScanner

    scanner = SimScanner()
    rt.scanner = scanner
    if rt.chip is None:  # show the chip screens with the sim reader (scanner/chip/sim.py)
        from motcua.kiosk.chip_reader import KioskChipReader
        from motcua.scanner.chip.sim import SimCardReader

        # no card on it until the chip shots (a card left on it is reminded about)
        rt.chip = KioskChipReader(SimCardReader(present=False))  # type: ignore[arg-type]
    card_reader: Any = rt.chip.reader
    win = KioskWindow(rt)
    screens: dict[str, Any] = dict(win.screens)  # the concrete screens, untyped for brevity

    def current() -> Any:
        return win.current

    win.attach_scanner(scanner)
    win.resize(*size)
    win.show()
    shots: list[Path] = []

    def capture(window, name: str) -> None:
        settle(window)
        if on_screen is not None:
            on_screen(name, window)
        if out is not None:
            path = out / f"{orientation}-{len(shots) + 1:02d}-{name}.png"
            window.grab().save(str(path))
            shots.append(path)

    def shot(name: str) -> None:
        capture(win, name)

    def card_on_reader(on: bool) -> None:
        if hasattr(card_reader, "insert"):  # the sim reader (a real one: leave it be)
            card_reader.insert() if on else card_reader.remove()

    def scan(line: str) -> None:
        scanner.inject(line)
        settle(win)

    def take_a_number(prefix: str) -> None:
        """The ticket screens in a mode: services, card step, group pre-selected, confirm."""
        win.go("ticket")
        shot(f"{prefix}-field")
        current().follow(rt.tickets.choose_service("HT"))
        settle(win)
        shot(f"{prefix}-idscan")
        scan(ELDER_CARD)
        shot(f"{prefix}-priority")
        current().follow(rt.tickets.choose_priority("elderly"))
        shot(f"{prefix}-confirm")
        win.home()

    try:
        shot("home")
        win.go("ticket")
        shot("field")
        current().flow.choose_field("Tư pháp")
        win.go("service")
        shot("service")
        current().follow(current().flow.choose_service("HT"))
        scan("this is not an ID card")
        shot("idscan-error")
        screens["idscan"].error.hide()
        shot("idscan")
        # the chip (issue 15): the prompt, then the sim card refusing honestly
        screens["idscan"].chip.click()
        card_on_reader(True)
        screens["chip"].pad.type("123456")
        shot("chip")
        screens["chip"].read()
        settle(win, lambda: screens["chip"].error.isVisible())
        shot("chip-failed")
        # a card that will not open with the 6 digits: what is printed on its front
        screens["chip"].error.hide()
        screens["chip"].set_mode("mrz")
        screens["chip"].pad.type("00109012345601011990")
        shot("chip-mrz")
        card_on_reader(False)
        win.go("idscan")
        scan(DEMO_CARD)
        shot("priority")
        current()._choose("elderly")
        shot("priority-refused")
        current()._choose(None)
        shot("confirm")
        win.go("printing")
        shot("printing")
        win.go("confirm")
        screens["confirm"].submit()
        settle(win, lambda: current().name == "result")
        shot("printed")
        card_on_reader(True)  # the ticket is out and the card still on the reader
        win.flow_ended()
        shot("card-left")
        card_on_reader(False)
        win.check_card_left()
        # the same ID and service again: the existing ticket, kindly
        win.home()
        win.go("ticket")
        screens["ticket"].follow(rt.tickets.choose_field("Tư pháp"))
        current().follow(rt.tickets.choose_service("HT"))
        scan(DEMO_CARD)
        current().follow(rt.tickets.choose_priority(None))
        screens["confirm"].submit()
        settle(win, lambda: current().name == "result")
        shot("existing")
        # a card scanned on the home screen: the services with the citizen known, then
        # the elderly group pre-selected from the card's birth date
        win.home()
        scan(ELDER_CARD)
        shot("home-card-services")
        current().follow(rt.tickets.choose_service("HT"))
        shot("priority-preselected")
        win.home()
        # out of paper: the number and its QR on screen, an apology
        rt.printer.set_paper_out(True)
        win.home()
        win.go("ticket")
        screens["ticket"].follow(rt.tickets.choose_field("Tài nguyên và Môi trường"))
        current().follow(rt.tickets.skip_id())
        current().follow(rt.tickets.choose_priority(None))
        screens["confirm"].submit()
        settle(win, lambda: current().name == "result")
        shot("print-failed")
        failed = screens["result"].result  # shown again in large text and in English
        rt.printer.set_paper_out(False)
        win.home()
        intake(win, rt, shot, scan)
        # lookup
        win.go("lookup")
        look = screens["lookup"]
        shot("lookup-most-asked")
        look.box.setText("dang ky ket hon")
        shot("lookup-results")
        look.box.clear()
        look.toggle_keyboard()
        look.keyboard.type("ddawng kys khai sinh")
        shot("lookup-keyboard")
        look.toggle_keyboard()
        look.show_fields()
        shot("lookup-fields")
        results = rt.lookup.search("dang ky ket hon")
        if results:
            rt.lookup.open(results[0].code)
            win.go("procedure")
            shot("procedure")
            screens["procedure"].print_list()
            settle(win, lambda: screens["procedure"].print_papers.isEnabled())
            shot("procedure-papers-printed")
        # an appointment
        win.home()
        win.go("appointment")
        shot("appointment")
        screens["appointment"].box.setText("LH-0099")
        screens["appointment"].submit()
        settle(win, lambda: screens["appointment"].message.isVisible())
        shot("appointment-unknown")
        # dossier status
        win.home()
        win.go("dossier")
        code = _demo_dossier_code(rt)
        if code:
            scan(code)
            shot("dossier-found")
        screens["dossier"].box.setText("000.00.06.H56-231027-9999")
        screens["dossier"].submit()
        shot("dossier-not-found")
        screens["dossier"].box.setText("xin chao")
        screens["dossier"].submit()
        shot("dossier-malformed")
        screens["dossier"].box.clear()
        screens["dossier"].toggle_keyboard()
        screens["dossier"].keyboard.type("000.00.06.h56-")
        shot("dossier-keyboard")
        # rating
        win.home()
        served = serve_one(rt, 5)
        win.go("rating")
        shot("rating-scan")
        scan(DEMO_CARD)  # the wrong QR: the ID card's, not the ticket's
        settle(win, lambda: screens["rating"].message.isVisible())
        shot("rating-scan-wrong")
        screens["rating"].open_keyboard()
        screens["rating"].keyboard.type(served.public_code[:5])
        shot("rating-code-keyboard")
        screens["rating"].reset()
        win.go("rating_counter")
        shot("rating-counter")
        win.go("rating")
        scan(f"{rt.config.center.public_url}/t/{served.public_code}")
        settle(win, lambda: current().name == "rate")
        shot("rating")
        screens["rate"].choose(Satisfaction.UNSATISFIED)
        shot("rating-reasons")
        screens["reasons"].submit()
        shot("rating-reason-required")
        screens["reasons"].toggles["wait"].setChecked(True)
        screens["reasons"].submit()
        settle(win, lambda: current().name == "thanks")
        shot("rating-thanks")
        # the countdown before the idle timeout
        win.go("ticket")
        rt.clock.advance(seconds=rt.config.kiosk.idle_timeout_seconds - 7)
        win.check_idle()
        shot("idle-warning")
        win.idle.touch()
        win.check_idle()
        # technician
        win.home()
        for _ in range(5):
            win.logo_tapped()
        for k in "0000":
            screens["pin"].press(k)
        screens["pin"].submit()
        shot("technician-pin-wrong")
        for k in "1234":
            screens["pin"].press(k)
        shot("technician-pin")
        screens["pin"].submit()
        settle(win, lambda: current().name == "technician")
        shot("technician-status")
        # accessibility and language
        win.home()
        win.large_button.setChecked(True)
        shot("large-text-home")
        take_a_number("large-text")
        screens["result"].show_result(failed)
        win.go("result")
        shot("large-text-result")
        win.go("lookup")
        screens["lookup"].box.setText("chung thuc")
        shot("large-text-lookup")
        screens["lookup"].toggle_keyboard()
        shot("large-text-lookup-keyboard")
        screens["lookup"].toggle_keyboard()
        intake(win, rt, shot, scan, prefix="large-text-", short=True)
        win.large_button.setChecked(False)
        win.home()
        win.toggle_language()
        shot("english-home")
        take_a_number("english")
        win.go("lookup")
        screens["lookup"].box.setText("dang ky")
        shot("english-lookup")
        screens["result"].show_result(failed)
        win.go("result")
        shot("english-result")
        serve_one(rt, 5)
        rt.rating.choose_counter(5)
        win.go("rate")
        shot("english-rating")
        intake(win, rt, shot, scan, prefix="english-", short=True)
        win.toggle_language()
    finally:
        win.shutdown()
        win.close()
    # the counter's rating tablet between citizens
    tablet = KioskWindow(rt, rating_counter=5)
    try:
        tablet.resize(*size)
        tablet.show()
        capture(tablet, "rating-tablet-resting")
    finally:
        tablet.shutdown()
        tablet.close()
    return shots


def intake(win, rt, shot, scan, prefix: str = "", short: bool = False) -> None:
    """ "Nộp hồ sơ": every screen, a jam, blank pages, a slip not printed (``short``: the
    main path only, for large text and English)."""
    from motcua.dossier.scanning import DocumentPaperScanner

    screens: dict[str, Any] = dict(win.screens)
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
            if button == "start":
                shot(f"{prefix}intake-scan-ready") if n == 1 else None
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


def serve_one(rt, counter: int):
    """A citizen served at ``counter`` so the rating page has a ticket to rate (returned:
    its QR opens the rating)."""
    center = rt.center
    cfg = rt.config.counter(counter)
    center.issue_ticket(cfg.services[0])
    center.call_next(counter)
    center.start(counter)
    return center.finish(counter)


def _demo_dossier_code(rt) -> str | None:
    """A seeded dossier that asks something of the citizen (the more telling picture)."""
    from motcua.sync.dossier_status import DossierStatus

    for code in rt.demo_dossier_codes:
        record = rt.dossiers.lookup(code)
        if record is not None and record.status == DossierStatus.SUPPLEMENT_REQUIRED:
            return code
    return rt.demo_dossier_codes[0] if rt.demo_dossier_codes else None
