"""The screenshot tour's chapters beyond the ticket: looking a procedure up, an
appointment, a dossier's status, rating a counter, the idle countdown, the technician
(and the center's clock warning on the console)."""

from __future__ import annotations

from motcua.kiosk.tour_qt import DEMO_CARD, Tour, settle


def lookup(t: Tour) -> None:
    win, rt, screens, shot = t.win, t.rt, t.screens, t.shot
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


def appointment_and_dossier(t: Tour) -> None:
    win, rt, screens, shot = t.win, t.rt, t.screens, t.shot
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
        t.scan(code)
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


def rating(t: Tour) -> None:
    from motcua.queue.models import Satisfaction

    win, rt, screens, shot = t.win, t.rt, t.screens, t.shot
    win.home()
    served = serve_one(rt, 5)
    win.go("rating")
    shot("rating-scan")
    t.scan(DEMO_CARD)  # the wrong QR: the ID card's, not the ticket's
    settle(win, lambda: screens["rating"].message.isVisible())
    shot("rating-scan-wrong")
    screens["rating"].open_keyboard()
    screens["rating"].keyboard.type(served.public_code[:5])
    shot("rating-code-keyboard")
    screens["rating"].reset()
    win.go("rating_counter")
    shot("rating-counter")
    win.go("rating")
    t.scan(f"{rt.config.center.public_url}/t/{served.public_code}")
    settle(win, lambda: t.current().name == "rate")
    shot("rating")
    screens["rate"].choose(Satisfaction.UNSATISFIED)
    shot("rating-reasons")
    screens["reasons"].submit()
    shot("rating-reason-required")
    screens["reasons"].toggles["wait"].setChecked(True)
    screens["reasons"].submit()
    settle(win, lambda: t.current().name == "thanks")
    shot("rating-thanks")


def idle_and_technician(t: Tour) -> None:
    win, rt, screens, shot = t.win, t.rt, t.screens, t.shot
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
    settle(win, lambda: t.current().name == "technician")
    shot("technician-status")
    # the center's wall clock set a day ahead: the console's warning (then set right again)
    rt.clock.jump(hours=20)
    win.idle.touch()  # the technician is at it: no idle timeout from the jump
    win.header.tick()
    screens["technician"].refresh()
    settle(win, lambda: screens["technician"].center_warning.isVisible())
    shot("technician-clock-warning")
    rt.clock.jump(hours=-20)
    win.idle.touch()
    win.header.tick()


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
