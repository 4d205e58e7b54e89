"""kiosk/chip_reader.py's plain rules: the MRZ key from the card's front, the reminder."""

from __future__ import annotations

import pytest

from motcua.clock import FakeClock
from motcua.kiosk.chip_reader import CardReminder, typed_mrz_key
from motcua.scanner.chip.bac import MrzKey
from motcua.scanner.chip.errors import ChipError
from tests.scanner.chip import chipdata


def test_the_front_of_the_card_gives_the_mrz_key_of_its_chip() -> None:
    key = typed_mrz_key("001090123456", "01011990", "01012031")
    assert key.mrz_information() == MrzKey.parse(chipdata.MRZ_KEY).mrz_information()
    # the document number is the last 9 digits (DOMAIN.md), as line 1 of the MRZ has it
    assert key.document_number == chipdata.MRZ_LINES[0][5:14]
    assert typed_mrz_key("001 090 123 456", "01/01/1990", "01.01.2031") == key


def test_a_card_marked_no_expiry_gives_the_key_with_the_mrz_filler() -> None:
    """'Thẻ không thời hạn': no expiry typed; the chip's MRZ has '<<<<<<' there."""
    key = typed_mrz_key(chipdata.SENIOR_NUMBER, "01011950", None)
    assert key.mrz_information() == MrzKey.parse(chipdata.SENIOR_MRZ_KEY).mrz_information()
    assert key.expiry_date == chipdata.SENIOR_MRZ_LINES[1][8:14] == "<<<<<<"
    with pytest.raises(ChipError):  # the birth date is still checked
        typed_mrz_key(chipdata.SENIOR_NUMBER, "3102195", None)


@pytest.mark.parametrize(
    ("number", "birth", "expiry", "said"),
    [
        ("09012345", "01011990", "01012031", "12 chữ số"),
        ("001090123456", "0101199", "01012031", "Ngày sinh cần đủ 8 số"),
        ("001090123456", "31021990", "01012031", "Ngày sinh"),  # no 31 February
        ("001090123456", "01011990", "", "Ngày hết hạn cần đủ 8 số"),
        ("001090123456", "01011990", "01011980", "sau ngày sinh"),
    ],
)
def test_a_mistyped_front_names_the_box(number, birth, expiry, said) -> None:
    with pytest.raises(ChipError) as err:
        typed_mrz_key(number, birth, expiry)
    assert said in err.value.message_vi and err.value.code == "bad_key"


def test_the_reminder_starts_at_the_end_of_a_flow_and_ends_when_the_card_goes(
    clock: FakeClock,
) -> None:
    present = {"card": False}
    r = CardReminder(lambda: present["card"], clock, again=15)
    assert not r.flow_ended() and not r.active  # nothing on the reader
    present["card"] = True
    assert not r.poll() and not r.active  # mid-flow a card is in use: not a reminder
    assert r.flow_ended() and r.active  # the sound, now
    assert not r.flow_ended()  # already reminding: no second start
    clock.advance(seconds=14)
    assert not r.poll()
    clock.advance(seconds=1)
    assert r.poll() and r.active  # again
    present["card"] = False
    assert not r.poll() and not r.active
