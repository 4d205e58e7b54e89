"""Families, drivers by scheme, and the checks that run when the configuration loads."""

from __future__ import annotations

import pytest

from motcua.config import ConfigError, load_config
from motcua.devices import DeviceUrlError, Family, families, family, integer, open_device
from motcua.devices.registry import Driver


def test_every_family_has_a_sim_or_none_driver() -> None:
    for name in ("printer", "id_scanner", "bus", "audio", "document_scanner", "card_reader"):
        schemes = set(family(name).drivers)
        assert schemes & {"sim", "none"}, name
    assert set(families()) >= {"printer", "id_scanner", "bus", "audio"}


def test_the_same_tcp_url_works_for_printer_scanner_and_bus() -> None:
    for name in ("printer", "id_scanner", "bus"):
        assert family(name).parse("tcp://10.0.0.7:4001").port == 4001


def test_stopbits_one_and_a_half_is_accepted_on_every_serial_family() -> None:
    for name in ("printer", "id_scanner", "bus"):
        url = family(name).parse("serial:///dev/ttyUSB0?stopbits=1.5")
        assert url.options["stopbits"] == 1.5


def test_unknown_scheme_lists_the_known_ones() -> None:
    with pytest.raises(DeviceUrlError) as err:
        family("id_scanner").parse("ftp://x", key="[devices] id_scanner")
    text = str(err.value)
    assert text.startswith("[devices] id_scanner: Địa chỉ máy quét không hợp lệ")
    assert "sim://" in text and "serial://" in text


def test_target_rules() -> None:
    with pytest.raises(DeviceUrlError, match="needs a target"):
        family("printer").parse("serial://")
    with pytest.raises(DeviceUrlError, match="takes no target"):
        family("printer").parse("sim://somewhere")
    with pytest.raises(DeviceUrlError, match="VID:PID"):
        family("printer").parse("usb://epson")


def test_a_new_family_is_a_few_lines() -> None:
    """What an engineer adding a device kind writes (without touching the global list)."""
    cards = Family("card_reader_test", "đầu đọc thẻ", "card reader")
    opened: list[object] = []

    def open_sim(url, **context):
        opened.append((url.option("cards", 1), context))
        return "a sim reader"

    cards.add(
        Driver("card_reader_test", "sim", open_sim, {"cards": integer(0, 9)}, "none", "sim://")
    )
    assert cards.open("sim://?cards=2", clock="c") == "a sim reader"
    assert opened == [(2, {"clock": "c"})]
    with pytest.raises(DeviceUrlError, match="cards '12'"):
        cards.parse("sim://?cards=12")


def test_open_device_dispatches_on_scheme() -> None:
    from motcua.scanner.barcode import SimScanner

    assert isinstance(open_device("id_scanner", "sim://"), SimScanner)
    assert open_device("bus", "") is None


def test_a_bad_device_option_stops_the_configuration_naming_the_key() -> None:
    with pytest.raises(ConfigError) as err:
        load_config(env={"MOTCUA_DEVICES_PRINTER": "serial:///dev/ttyUSB0?baudrate=abc"})
    assert "[devices] printer: " in str(err.value)
    assert "baudrate 'abc'" in str(err.value)
    with pytest.raises(ConfigError, match=r"\[devices\] keypads: .*stopbits"):
        load_config(env={"MOTCUA_DEVICES_KEYPADS": "serial:///dev/ttyUSB1?stopbits=3"})
    ok = load_config(env={"MOTCUA_DEVICES_ID_SCANNER": "tcp://10.0.0.5:4001"})
    assert ok.devices.id_scanner == "tcp://10.0.0.5:4001"


def test_document_scanners_register_with_options_the_device_checks() -> None:
    fam = family("document_scanner")
    assert {"sane", "sim", "none"} <= set(fam.drivers)
    url = fam.parse("sane://test:0?source=Flatbed&resolution=300&max_pages=4")
    assert url.target == "test:0"
    assert url.options["max_pages"] == 4  # ours: typed at load
    assert url.options["resolution"] == "300"  # the device's: checked when it opens
    assert list(url.raw_options) == ["source", "resolution", "max_pages"]  # order kept
    with pytest.raises(DeviceUrlError, match="max_pages"):
        fam.parse("sane://test:0?max_pages=lots")
    with pytest.raises(DeviceUrlError, match="needs a target"):
        fam.parse("sane://")
    with pytest.raises(DeviceUrlError, match=r"-15…15"):
        fam.parse("sim://?skew=45")  # the sim's own table, at load, without its folder


def test_a_bad_document_scanner_option_stops_the_configuration() -> None:
    from motcua.config import parse_config

    data = {
        "center": {"name": "X"},
        "services": [{"code": "A", "name": "A", "name_en": "A", "numbering": {"kind": "range"}}],
        "devices": {"document_scanner": "sim://?source=tray"},
    }
    with pytest.raises(ConfigError, match=r"\[devices\] document_scanner"):
        parse_config(data)
