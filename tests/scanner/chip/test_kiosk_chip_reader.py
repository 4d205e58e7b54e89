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

from motcua.kiosk.chip_reader import PROMPT, REMINDER, KioskChipReader
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
