"""The one device URL grammar, and the option parsers every family shares."""

from __future__ import annotations

import pytest

from motcua.devices import SERIAL_OPTIONS, DeviceUrlError, parse_url
from motcua.devices.url import pyserial_port, serial_kwargs, typed


def test_parts_of_a_url() -> None:
    url = parse_url("serial:///dev/ttyUSB0?baudrate=9600&parity=e")
    assert (url.scheme, url.target, dict(url.raw_options)) == (
        "serial",
        "/dev/ttyUSB0",
        {"baudrate": "9600", "parity": "e"},
    )
    tcp = parse_url("tcp://192.168.1.50:9100")
    assert (tcp.host, tcp.port, tcp.target) == ("192.168.1.50", 9100, "192.168.1.50:9100")
    usb = parse_url("usb://04b8:0e15")  # a colon that is not host:port
    assert (usb.target, usb.port) == ("04b8:0e15", None)


def test_bare_words_empty_and_dev_paths() -> None:
    assert parse_url("").scheme == "none"
    assert parse_url("  wedge ").scheme == "wedge"
    assert parse_url("default").scheme == "default"
    dev = parse_url("/dev/ttyACM0")
    assert (dev.scheme, dev.target) == ("serial", "/dev/ttyACM0")


def test_options_are_typed() -> None:
    url = typed(
        parse_url("serial:///dev/x?baudrate=19200&stopbits=1.5&parity=o&rtscts=yes"),
        SERIAL_OPTIONS,
    )
    assert serial_kwargs(url) == {"baudrate": 19200, "stopbits": 1.5, "parity": "O", "rtscts": True}
    assert pyserial_port(url) == "/dev/x"
    assert pyserial_port(typed(parse_url("loop://?baudrate=9600"), SERIAL_OPTIONS)) == "loop://"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("serial:///dev/x?baudrate=abc", "baudrate 'abc'"),
        ("serial:///dev/x?baudrate=10", "baudrate '10'"),
        ("serial:///dev/x?stopbits=3", "stopbits '3'"),
        ("serial:///dev/x?parity=Q", "parity 'Q'"),
        ("serial:///dev/x?colour=red", "colour"),
        ("serial:///dev/x?baudrate=1&baudrate=2", "twice"),
    ],
)
def test_bad_options_are_explained_in_both_languages(text: str, words: str) -> None:
    with pytest.raises(DeviceUrlError) as err:
        typed(parse_url(text), SERIAL_OPTIONS)
    message = str(err.value.at("[devices] printer"))
    assert message.startswith("[devices] printer: ")
    assert words in message
    assert err.value.message_vi and err.value.message_en
    assert message.index(err.value.message_vi) < message.index(err.value.message_en)


def test_a_url_that_is_not_one() -> None:
    with pytest.raises(DeviceUrlError):
        parse_url("not a url at all")
