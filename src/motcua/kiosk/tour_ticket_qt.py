"""The screenshot tour's chapter "Lấy số": every ticket screen, the chip, the card left
on the reader, a number already held, a card scanned on the home screen, and the
ticket shown on screen when the printer is out of paper."""

from __future__ import annotations

from motcua.kiosk.ticket_result import TicketResult
from motcua.kiosk.tour_qt import DEMO_CARD, ELDER_CARD, Tour, settle


def ticket_screens(t: Tour) -> TicketResult:
    """Returns the print-failed result (shown again in large text and in English)."""
    win, rt, screens, shot, scan = t.win, t.rt, t.screens, t.shot, t.scan
    shot("home")
    win.go("ticket")
    shot("field")
    t.current().flow.choose_field("Tư pháp")
    win.go("service")
    shot("service")
    t.current().follow(t.current().flow.choose_service("HT"))
    scan("this is not an ID card")
    shot("idscan-error")
    screens["idscan"].error.hide()
    shot("idscan")
    # the chip (issue 15): the prompt, then the sim card refusing honestly
    screens["idscan"].chip.click()
    t.card_on_reader(True)
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
    t.card_on_reader(False)
    win.go("idscan")
    scan(DEMO_CARD)
    shot("priority")
    t.current()._choose("elderly")
    shot("priority-refused")
    t.current()._choose(None)
    shot("confirm")
    win.go("printing")
    shot("printing")
    win.go("confirm")
    screens["confirm"].submit()
    settle(win, lambda: t.current().name == "result")
    shot("printed")
    t.card_on_reader(True)  # the ticket is out and the card still on the reader
    win.flow_ended()
    shot("card-left")
    t.card_on_reader(False)
    win.check_card_left()
    # the same ID and service again: the existing ticket, kindly
    win.home()
    win.go("ticket")
    screens["ticket"].follow(rt.tickets.choose_field("Tư pháp"))
    t.current().follow(rt.tickets.choose_service("HT"))
    scan(DEMO_CARD)
    t.current().follow(rt.tickets.choose_priority(None))
    screens["confirm"].submit()
    settle(win, lambda: t.current().name == "result")
    shot("existing")
    # a card scanned on the home screen: the services with the citizen known, then
    # the elderly group pre-selected from the card's birth date
    win.home()
    scan(ELDER_CARD)
    shot("home-card-services")
    t.current().follow(rt.tickets.choose_service("HT"))
    shot("priority-preselected")
    win.home()
    # out of paper: the number and its QR on screen, an apology
    rt.printer.set_paper_out(True)
    win.home()
    win.go("ticket")
    screens["ticket"].follow(rt.tickets.choose_field("Tài nguyên và Môi trường"))
    t.current().follow(rt.tickets.skip_id())
    t.current().follow(rt.tickets.choose_priority(None))
    screens["confirm"].submit()
    settle(win, lambda: t.current().name == "result")
    shot("print-failed")
    failed: TicketResult = screens["result"].result
    rt.printer.set_paper_out(False)
    win.home()
    return failed


def take_a_number(t: Tour, prefix: str) -> None:
    """The ticket screens in a mode: services, card step, group pre-selected, confirm."""
    t.win.go("ticket")
    t.shot(f"{prefix}-field")
    t.current().follow(t.rt.tickets.choose_service("HT"))
    settle(t.win)
    t.shot(f"{prefix}-idscan")
    t.scan(ELDER_CARD)
    t.shot(f"{prefix}-priority")
    t.current().follow(t.rt.tickets.choose_priority("elderly"))
    t.shot(f"{prefix}-confirm")
    t.win.home()
