"""ticket_code: what a citizen scans or types at the rating kiosk -> the ticket's code."""

from __future__ import annotations

import pytest

from motcua.kiosk.ticket_result import TicketCodeError, ticket_code, ticket_url
from motcua.printer.layouts import short_url
from motcua.queue.issuing import public_code

from .conftest import CARD

CODE = public_code(lambda n: bytes(range(250, 250 - n, -1)))  # has "-" or "_" in it


def test_the_printed_qr_and_the_line_under_it_give_the_code() -> None:
    url = ticket_url("http://192.168.1.10:8080/", CODE)  # what the ticket's QR holds
    assert ticket_code(url) == CODE
    assert ticket_code(short_url(url)) == CODE  # the line printed under the QR
    assert ticket_code(CODE) == CODE


@pytest.mark.parametrize(
    "payload",
    [
        f"http://10.0.0.5:8080/t/{CODE}\r\n",  # a serial scanner's line ending
        f"https://motcua.example.vn/t/{CODE}/",
        f"http://x/t/{CODE}?utm=sms",
        f"http://x/t/{CODE}#top",
        f"  {CODE[:4]} {CODE[4:8]} {CODE[8:]} ",  # typed in groups
    ],
)
def test_line_endings_queries_and_spaces_are_forgiven(payload: str) -> None:
    assert ticket_code(payload) == CODE


def test_case_is_kept_because_codes_are_case_sensitive() -> None:
    assert ticket_code("aBcD3fGh_-12") == "aBcD3fGh_-12"


@pytest.mark.parametrize(
    ("payload", "kind"),
    [
        ("", "empty"),
        (" \r\n", "empty"),
        (CARD, "card"),  # the ID card's QR, by mistake
        ("http://192.168.1.10:8080/hoso/000.00.06.H56-261120-0001", "not_ticket"),
        ("http://x/t/", "not_ticket"),
        ("http://x/t/ab<script>", "not_ticket"),
        ("xin chao", "not_ticket"),  # spaces dropped: "xinchao" is too short for a code
        ("A012", "not_ticket"),  # the big number on the ticket is not its code
        ("đăngkýkếthôn", "not_ticket"),
    ],
)
def test_what_is_not_a_ticket_code_says_so_in_vietnamese_first(payload: str, kind: str) -> None:
    with pytest.raises(TicketCodeError) as caught:
        ticket_code(payload)
    assert caught.value.kind == kind
    assert "ông/bà" in caught.value.message_vi
    assert caught.value.message_en and caught.value.message_en != caught.value.message_vi
    assert "Nguyễn" not in caught.value.message  # the card's data is never repeated back
