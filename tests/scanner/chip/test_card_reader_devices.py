"""The card reader as a registered device: pcsc:// over a real pcscd + vpcd, and sim://."""

from __future__ import annotations

import json

import pytest
from tests.scanner.chip.conftest import Pcscd, Vicc, wait_until

from motcua.appliance.device_tests import try_card_reader
from motcua.config import ConfigError, parse_config
from motcua.devices import DeviceUrlError, HealthState, family, open_device
from motcua.devices.discovery import find_card_readers
from motcua.scanner.chip.sim import SimCardReader


def test_the_family_knows_pcsc_sim_and_none() -> None:
    assert {"pcsc", "sim", "none"} <= set(family("card_reader").drivers)
    assert open_device("card_reader", "") is None
    with pytest.raises(DeviceUrlError, match="atr"):
        family("card_reader").parse("sim://?atr=zz")


def test_a_bad_card_reader_url_stops_the_configuration_naming_the_key() -> None:
    data = {
        "center": {"name": "X"},
        "services": [{"code": "A", "name": "A", "name_en": "A", "numbering": {"kind": "range"}}],
        "devices": {"card_reader": "ftp://reader"},
    }
    with pytest.raises(ConfigError, match=r"\[devices\] card_reader") as err:
        parse_config(data)
    assert "pcsc://" in str(err.value)


def test_sim_reader_health_follows_the_card_and_the_plug() -> None:
    reader = open_device("card_reader", "sim://?card=absent")
    assert isinstance(reader, SimCardReader)
    health = reader.health()
    assert health.state is HealthState.OK and health.device == "card_reader"
    assert "no card" in health.message_en
    reader.insert()
    assert "Card on" in reader.health().message_en
    reader.unplug()
    health = reader.health()
    assert health.state is HealthState.ERROR and health.reason == "no_reader"


def test_trying_the_sim_reader_reads_the_atr_and_selects_the_id_application() -> None:
    report = try_card_reader("sim://?atr=3B8F8001804F0CA000000306030001000000006A")
    assert report.ok
    text = " ".join(en for _vi, en in report.lines)
    assert "3b 8f 80 01" in text and "ID application (selected)" in text
    missing = try_card_reader("sim://?reader=absent")
    assert not missing.ok and "No card reader" in missing.lines[0][1]


def test_pcsc_reader_is_discovered_opened_and_tried(pcscd: Pcscd, vicc: Vicc) -> None:
    found, hints = find_card_readers()
    assert hints == [] and found, hints
    url = found[0].url
    assert url.startswith("pcsc://Virtual%20PCD"), url
    reader = open_device("card_reader", url)
    try:
        assert wait_until(lambda: "Card on" in reader.health().message_en)
        assert reader.health().is_ok
    finally:
        reader.close()
    report = try_card_reader(url)
    assert report.ok, report.lines
    text = " ".join(en for _vi, en in report.lines)
    assert "Card ATR: 3b" in text and "ID application (selected)" in text


def test_devices_list_json_names_the_virtual_reader(
    pcscd: Pcscd, vicc: Vicc, capsys: pytest.CaptureFixture[str]
) -> None:
    from motcua.cli import main

    assert main(["devices", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    readers = [d for d in listed["devices"] if d["kind"] == "card_reader"]
    assert any(d["description"].startswith("Virtual PCD") for d in readers), readers
    assert main(["devices", "test", "card-reader", "--url", readers[0]["url"]]) == 0
    assert "ĐẠT / OK" in capsys.readouterr().out
