"""The kiosk's chip reader (kiosk/chip_reader.py) with the ticket flow, on the virtual card.

Lives beside the pcscd/vicc fixtures it needs; it tests motcua.kiosk.chip_reader.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from tests.kiosk.conftest import *  # noqa: F403  (the ticket flow's fixtures)
from tests.scanner.chip import chipdata
from tests.scanner.chip.conftest import Vicc, wait_until
from tests.scanner.chip.test_pace_end_to_end import AES128_BRAINPOOL256

from motcua.kiosk.chip_reader import PROMPT, REMINDER, KioskChipReader, typed_mrz_key
from motcua.kiosk.ticket_flow import Step, TicketFlow
from motcua.scanner.chip.errors import ChipError
from motcua.scanner.chip.reader import PcscReader

pytestmark = pytest.mark.slow


def test_chip_fills_the_qr_fields_as_stronger_proof_and_is_forgotten(
    pace_card: Callable[..., Vicc], flow: TicketFlow
) -> None:
    assert PROMPT[0] == "Đặt thẻ căn cước lên đầu đọc"
    pace_card(AES128_BRAINPOOL256)
    chip = KioskChipReader(PcscReader("pcsc://"))
    assert wait_until(chip.card_present)
    s = flow.info.services[0]
    step = flow.choose_field(s.field or s.name)
    if step == Step.SERVICE:
        step = flow.choose_service(s.code)
    assert step == Step.ID_SCAN

    identity = chip.read(can=chipdata.CAN)
    assert identity.proof == "chip_as_issued" and identity.access == "PACE-CAN"
    assert "001090123456" not in repr(identity)
    flow.scan_chip(identity.card, identity.proof)
    assert flow.card is not None and flow.card.full_name == "Nguyễn Văn An"
    assert flow.card.birth_date.isoformat() == "1990-01-01" and flow.card_proof == "chip_as_issued"
    assert chip.last is not None and chip.last.photo
    assert chip.reminder() == REMINDER  # the card is still on the reader

    flow.reset()  # idle timeout
    chip.forget()
    assert flow.card is None and flow.card_proof == "" and chip.last is None


def test_no_card_is_said_plainly(pcscd: object) -> None:
    chip = KioskChipReader(PcscReader("pcsc://"))
    assert wait_until(lambda: not chip.card_present())  # an earlier test's card is gone
    with pytest.raises(ChipError) as err:
        chip.read(can=chipdata.CAN)
    assert err.value.code in ("no_card", "no_reader")
    assert chip.reminder() is None


# ------------------------------------------------------------------ BAC fallback (item 2)
# What the citizen types from the front of the card (chipdata: 001090123456, born
# 01/01/1990, valid until 01/01/2031), made into the MRZ key by the kiosk's own rule.
FRONT = ("001090123456", "01011990", "01012031")


def test_a_card_refusing_pace_with_the_can_opens_by_bac_with_what_is_printed(
    pace_card: Callable[..., Vicc],
) -> None:
    pace_card(AES128_BRAINPOOL256, refuse_can=True, refuse_mrz=True)
    chip = KioskChipReader(PcscReader("pcsc://"))
    assert wait_until(chip.card_present)
    with pytest.raises(ChipError) as err:
        chip.read(can=chipdata.CAN)
    assert err.value.code == "needs_mrz" and "không mở được bằng 6 số" in err.value.message_vi
    identity = chip.read(mrz_key=typed_mrz_key(*FRONT))
    assert identity.access == "BAC" and identity.proof == "chip_as_issued"
    assert chip.last is not None  # DG1 read back is the MRZ the card was built with
    assert chip.last.mrz.document_number == chipdata.MRZ_LINES[0][5:14]
    assert f"{chip.last.mrz.expiry_date:%y%m%d}" == chipdata.MRZ_LINES[1][8:14]
    assert identity.card.full_name == "Nguyễn Văn An"  # DG13's, as the QR would give


def test_the_typed_key_opens_pace_with_the_mrz_when_the_card_accepts_it(
    pace_card: Callable[..., Vicc],
) -> None:
    pace_card(AES128_BRAINPOOL256, refuse_can=True)
    chip = KioskChipReader(PcscReader("pcsc://"))
    assert wait_until(chip.card_present)
    assert chip.read(mrz_key=typed_mrz_key(*FRONT)).access == "PACE-MRZ"


def test_a_bac_only_card_asks_for_the_front_and_a_wrong_expiry_is_refused(vicc: Vicc) -> None:
    chip = KioskChipReader(PcscReader("pcsc://"))
    assert wait_until(chip.card_present)
    with pytest.raises(ChipError) as err:
        chip.read(can=chipdata.CAN)
    assert err.value.code == "needs_mrz"
    with pytest.raises(ChipError) as err:
        chip.read(mrz_key=typed_mrz_key(FRONT[0], FRONT[1], "01012032"))
    assert err.value.code == "wrong_key" and "ngày hết hạn" in err.value.message_vi
    assert chip.read(mrz_key=typed_mrz_key(*FRONT)).access == "BAC"


def test_a_card_with_no_expiry_opens_by_bac_with_no_expiry(senior_vicc: Vicc) -> None:
    """A card marked "Không thời hạn": its MRZ (and so its BAC key) has '<<<<<<' for the
    expiry; the kiosk's key with no expiry opens it, any typed date does not."""
    chip = KioskChipReader(PcscReader("pcsc://"))
    assert wait_until(chip.card_present)
    with pytest.raises(ChipError) as err:
        chip.read(can=chipdata.CAN)
    assert err.value.code == "needs_mrz"
    with pytest.raises(ChipError) as err:
        chip.read(mrz_key=typed_mrz_key(chipdata.SENIOR_NUMBER, "01011950", "01012031"))
    assert err.value.code == "wrong_key"
    identity = chip.read(mrz_key=typed_mrz_key(chipdata.SENIOR_NUMBER, "01011950", None))
    assert identity.access == "BAC" and identity.proof == "chip_as_issued"
    assert chip.last is not None  # DG1 read back is the MRZ the card was built with
    assert chip.last.mrz.expiry_date is None
    assert chip.last.mrz.document_number == chipdata.SENIOR_MRZ_LINES[0][5:14]
    assert chipdata.SENIOR_MRZ_LINES[1][8:15] == "<<<<<<0"
    assert identity.card.full_name == "Trần Văn Bình"


def test_the_kiosk_screen_falls_back_to_bac_on_the_virtual_card(qtbot, vicc: Vicc, runtime) -> None:
    """The real path end to end: the chip screen, the worker, PC/SC, vicc's BAC."""
    from PySide6.QtCore import QPoint, Qt

    from motcua.kiosk.app_qt import KioskWindow

    runtime.chip = KioskChipReader(PcscReader("pcsc://"))
    assert wait_until(runtime.chip.card_present)
    win = KioskWindow(runtime)
    qtbot.addWidget(win)
    win.resize(1080, 1920)
    win.show()

    def click(w) -> None:
        qtbot.mouseClick(w, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))

    try:
        click(win.screens["home"].buttons["ticket"])
        click(win.screens["ticket"].buttons["HT"])
        click(win.screens["idscan"].chip)
        screen = win.screens["chip"]
        screen.pad.type(chipdata.CAN)
        click(screen.read_button)
        qtbot.waitUntil(lambda: screen.mrz_box.isVisibleTo(win), timeout=20_000)
        screen.pad.type("".join(FRONT))
        click(screen.read_button)
        qtbot.waitUntil(lambda: win.current.name == "priority", timeout=20_000)
        assert runtime.tickets.card.full_name == "Nguyễn Văn An"
        assert runtime.tickets.card_proof == "chip_as_issued"
        # the card is still on the reader when the citizen goes home: reminded
        click(win.home_button)
        assert win.card_left.isVisibleTo(win)
    finally:
        win.shutdown()
