"""init-config's own PIN, set-pin, and the checked in-place edits of the configuration file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from motcua.cli import main
from motcua.config import ConfigError, load_config
from motcua.config_file import set_keys
from motcua.pin import DEMO_PIN_HASH, is_demo_hash, verify_pin


def _init(tmp_path: Path, capsys, name: str = "center.toml") -> tuple[Path, str]:
    target = tmp_path / name
    assert main(["init-config", str(target)]) == 0
    out = capsys.readouterr().out
    pins = re.findall(r"shown once, write it down\): (\d+)", out)
    assert len(pins) == 1, out
    return target, pins[0]


def test_init_config_gives_each_file_its_own_pin_printed_once(tmp_path: Path, capsys) -> None:
    first, pin = _init(tmp_path, capsys)
    second, _other = _init(tmp_path, capsys, "other.toml")
    config = load_config(first, env={})
    stored = config.kiosk.technician_pin_hash
    assert not is_demo_hash(stored) and DEMO_PIN_HASH not in first.read_text("utf-8")
    assert verify_pin(pin, stored) and not verify_pin("1234", stored)
    assert stored != load_config(second, env={}).kiosk.technician_pin_hash
    assert pin not in first.read_text("utf-8")  # the hash is kept, never the PIN
    text = first.read_text("utf-8")
    assert "The demo PIN is 1234" not in text and "Hộ tịch" in text  # comments kept


def test_set_pin_writes_a_new_hash_and_refuses_easy_ones(tmp_path: Path, capsys) -> None:
    target, old = _init(tmp_path, capsys)
    assert main(["kiosk", "set-pin", "1111", "--config", str(target)]) == 2
    assert "too easy" in capsys.readouterr().out
    assert main(["kiosk", "set-pin", "480213", "--config", str(target)]) == 0
    stored = load_config(target, env={}).kiosk.technician_pin_hash
    assert verify_pin("480213", stored) and not verify_pin(old, stored)


def test_a_bad_value_is_refused_and_the_file_is_left_as_it_was(tmp_path: Path, capsys) -> None:
    target, _pin = _init(tmp_path, capsys)
    before = target.read_bytes()
    with pytest.raises(ConfigError, match=r"\[devices\] printer"):
        set_keys(target, {("devices", "printer"): "serial:///dev/ttyUSB0?baudrate=abc"})
    assert target.read_bytes() == before
    config = set_keys(target, {("devices", "printer"): "tcp://127.0.0.1:9100"})
    assert config.devices.printer == "tcp://127.0.0.1:9100"
    assert load_config(target, env={}).devices.printer == "tcp://127.0.0.1:9100"
    assert "Hộ tịch" in target.read_text("utf-8")
