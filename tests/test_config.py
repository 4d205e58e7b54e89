from __future__ import annotations

import pytest

from motcua.config import ConfigError, load_config, parse_config
from motcua.logs import PersonalDataFilter, mask_id, mask_name
from motcua.pin import hash_pin, verify_pin


def test_demo_config_has_a_provincial_center(config):
    assert len(config.services) == 8
    assert len(config.counters) == 12
    assert config.service("HT").numbering.display(1023) == "1023"
    assert config.service("DKKD").numbering.display(7) == "B007"
    assert {g.code for g in config.priority_groups} >= {"elderly", "disability", "pregnant"}
    assert verify_pin("1234", config.kiosk.technician_pin_hash)
    assert not verify_pin("0000", config.kiosk.technician_pin_hash)


def test_environment_overrides_a_device_url():
    config = load_config(
        None, env={"MOTCUA_DEVICES_PRINTER": "tcp://10.0.0.5:9100", "MOTCUA_SERVER_PORT": "9000"}
    )
    assert config.devices.printer == "tcp://10.0.0.5:9100"
    assert config.server.port == 9000


def test_counter_serving_unknown_service_is_rejected():
    data = {
        "center": {"name": "X"},
        "services": [
            {
                "code": "A",
                "name": "A",
                "name_en": "A",
                "numbering": {"kind": "prefix", "prefix": "A", "digits": 3},
            }
        ],
        "counters": [{"number": 1, "services": ["ZZ"]}],
    }
    with pytest.raises(ConfigError, match="unknown services"):
        parse_config(data)


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(ConfigError, match="không tìm thấy"):
        load_config(tmp_path / "nope.toml")


def test_pin_hash_round_trip():
    stored = hash_pin("482910")
    assert verify_pin("482910", stored)
    assert not verify_pin("482911", stored)
    assert not verify_pin("482910", "garbage")


def test_masking():
    assert mask_id("001090123456") == "********3456"
    assert mask_name("Nguyễn Văn An") == "Nguyễn V. A."
    # stores mask what they are given, masked or not: masking twice changes nothing
    assert mask_name("Nguyễn V. A.") == "Nguyễn V. A."


def test_log_filter_masks_id_runs():
    import logging

    rec = logging.LogRecord("x", logging.INFO, "f", 1, "citizen %s came", ("001090123456",), None)
    PersonalDataFilter().filter(rec)
    assert rec.getMessage() == "citizen ********3456 came"
