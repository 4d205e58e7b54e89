"""BAC end to end: pcscd + vpcd + an emulated ePass (vicc), read through PcscReader."""

from __future__ import annotations

import pytest
from tests.scanner.chip import chipdata
from tests.scanner.chip.conftest import Pcscd, Vicc, wait_until

from motcua.scanner.chip.bac import MrzKey
from motcua.scanner.chip.card import AccessKey, read_card
from motcua.scanner.chip.errors import ChipError
from motcua.scanner.chip.reader import CardWatcher, PcscReader, ReaderEvent

pytestmark = pytest.mark.slow


def _reader_with_card() -> PcscReader:
    reader = PcscReader("pcsc://")
    assert wait_until(lambda: any(reader.card_states().values()))
    return reader


def test_bac_reads_back_the_mrz_the_card_was_built_with(vicc: Vicc, card_files: dict) -> None:
    reader = _reader_with_card()
    conn = reader.connect()
    try:
        card = read_card(
            conn, AccessKey(mrz=MrzKey.parse(chipdata.MRZ_KEY)), csca_pem=card_files["csca_pem"]
        )
    finally:
        conn.close()
    assert card.access == "BAC"
    mrz = card.mrz
    lines = chipdata.MRZ_LINES
    assert mrz.id_number == "001090123456" and mrz.document_number == lines[0][5:14]
    assert mrz.full_name == "NGUYEN VAN AN"
    assert card.dg13["full_name"] == "Nguyễn Văn An"
    assert card.dg13["mother"] == "Trần Thị Cúc"
    assert card.sod is not None and card.sod.groups == {1: "ok", 2: "ok", 13: "ok"}
    assert card.sod.signer == "verified" and card.as_issued
    img = card.photo_image()
    assert img is not None and img.size == (24, 32)
    cccd = card.to_cccd()
    assert cccd.id_number == "001090123456" and cccd.full_name == "Nguyễn Văn An"


def test_a_wrong_mrz_key_fails_clearly(vicc: Vicc) -> None:
    reader = _reader_with_card()
    conn = reader.connect()
    try:
        with pytest.raises(ChipError) as err:
            read_card(conn, AccessKey(mrz=MrzKey.parse("090123456:900102:310101")))
    finally:
        conn.close()
    assert err.value.code == "wrong_key"
    assert "không khớp" in err.value.message_vi


def test_a_can_alone_on_a_bac_only_card_asks_for_the_mrz(vicc: Vicc) -> None:
    conn = _reader_with_card().connect()
    try:
        with pytest.raises(ChipError) as err:
            read_card(conn, AccessKey(can=chipdata.CAN))
    finally:
        conn.close()
    assert err.value.code == "needs_mrz"


def test_reader_unplugged_and_back_is_seen_and_read_again(pcscd: Pcscd, vicc: Vicc) -> None:
    events: list[ReaderEvent] = []
    reader = _reader_with_card()
    watcher = CardWatcher(reader, events.append, interval=0.05).start()
    try:
        assert wait_until(lambda: any(e.kind == "inserted" for e in events))
        conn = reader.connect()
        vicc.stop()  # the card (and the virtual reader's slot) goes away mid-session
        with pytest.raises(ChipError) as err:
            read_card(conn, AccessKey(mrz=MrzKey.parse(chipdata.MRZ_KEY)))
        assert err.value.code == "card_removed", err.value.message_en
        assert wait_until(lambda: any(e.kind == "removed" for e in events))
        with pytest.raises(ChipError) as err:
            reader.connect()
        assert err.value.code == "no_card"
        vicc.start()
        assert wait_until(lambda: [e.kind for e in events].count("inserted") >= 2)
        conn = reader.connect()
        card = read_card(conn, AccessKey(mrz=MrzKey.parse(chipdata.MRZ_KEY)), photo=False)
        conn.close()
        assert card.mrz.id_number == "001090123456"
    finally:
        watcher.stop()


def test_pcscd_restart_is_survived_by_the_same_reader_object(pcscd: Pcscd, vicc: Vicc) -> None:
    events: list[ReaderEvent] = []
    reader = _reader_with_card()
    watcher = CardWatcher(reader, events.append, interval=0.05).start()
    try:
        assert wait_until(lambda: any(e.kind == "inserted" for e in events))
        vicc.stop()
        pcscd.stop()
        assert wait_until(lambda: any(e.kind == "service_lost" for e in events))
        with pytest.raises(ChipError) as err:
            reader.connect()
        assert err.value.code == "no_reader"
        assert reader.health().reason == "no_reader"
        pcscd.start()
        vicc.start()
        assert wait_until(lambda: [e.kind for e in events].count("inserted") >= 2, timeout=30)
        conn = reader.connect()
        card = read_card(conn, AccessKey(mrz=MrzKey.parse(chipdata.MRZ_KEY)), photo=False)
        conn.close()
        assert card.mrz.full_name == "NGUYEN VAN AN"
        assert reader.health().is_ok
    finally:
        watcher.stop()


def test_cli_read_chip_masks_by_default_and_explains_errors(
    vicc: Vicc, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from motcua.cli import main

    _reader_with_card()
    assert main(["scanner", "read-chip", "--mrz-key", chipdata.MRZ_KEY, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["access"] == "BAC" and out["id_number"] == "********3456"
    assert "Nguyễn Văn An" not in json.dumps(out, ensure_ascii=False)
    assert out["sod"]["as_issued"] and out["sod"]["signer"] == "unverified"

    assert main(["scanner", "read-chip", "--mrz-key", chipdata.MRZ_KEY, "--show-id"]) == 0
    assert "Nguyễn Văn An" in capsys.readouterr().out

    assert main(["scanner", "read-chip", "--mrz-key", "090123456:900101:310102"]) == 2
    err = capsys.readouterr().err
    assert "không khớp" in err and "refused the MRZ key" in err

    assert main(["scanner", "read-chip", "--reader", "pcsc://No%20Such", "--can", "123456"]) == 2
    assert "No card reader" in capsys.readouterr().err
