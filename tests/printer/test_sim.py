"""The sim:// printer prints honestly: jobs, pictures, states and status."""

from __future__ import annotations

from printer_readback import decode_qr, ocr_rasters

from motcua.printer import PrinterStatus, open_printer
from motcua.printer.decoder import texts
from motcua.printer.samples import sample_receipt, sample_ticket


def test_sim_keeps_jobs_and_renders_them(config):
    printer = open_printer("sim://")
    slip = sample_ticket(config, config.services[1])
    result = printer.print_ticket(slip)
    assert result.ok and result.code == "printed"
    (job,) = printer.jobs
    assert len(job.data) == result.bytes_sent
    assert decode_qr(job.image()) == [slip.qr_url]
    assert slip.display_number in [t.data.decode() for t in texts(job.ops)]
    assert "Chứng thực" in ocr_rasters(job.ops)


def test_sim_out_dir_gets_a_png_per_job(config, tmp_path):
    printer = open_printer(f"sim://?out={tmp_path}")
    printer.print_ticket(sample_ticket(config))
    printer.print_receipt(sample_receipt(config))
    pngs = sorted(tmp_path.glob("*.png"))
    assert [p.name for p in pngs] == ["job-0001.png", "job-0002.png"]


def test_status_reports_what_the_sim_is_told(config):
    printer = open_printer("sim://")
    assert printer.status() == PrinterStatus(True, "ok", False, False)
    assert printer.status().ok
    printer.set_paper_near_end(True)
    st = printer.status()
    assert st.paper == "near_end" and st.ok  # still prints, a technician is warned
    printer.set_paper_out(True)
    st = printer.status()
    assert st.paper == "out" and st.online is False and not st.ok
    printer.set_paper_out(False)
    printer.set_cover_open(True)
    assert printer.status().cover_open is True and not printer.status().ok
    printer.set_cover_open(False)
    printer.set_offline(True)
    assert printer.status().online is False
    printer.set_offline(False)
    printer.set_silent(True)
    st = printer.status()
    assert st == PrinterStatus.unknown() and not st.ok and not st.known


def test_paper_out_fails_and_nothing_is_printed(config):
    printer = open_printer("sim://")
    printer.set_paper_out(True)
    result = printer.print_ticket(sample_ticket(config))
    assert not result.ok and result.code == "paper_out" and result.bytes_sent == 0
    assert "hết giấy" in result.message_vi
    assert printer.jobs == []


def test_offline_cover_and_silence_fail_with_their_reason(config):
    printer = open_printer("sim://")
    for setter, code in (
        (printer.set_offline, "offline"),
        (printer.set_cover_open, "cover_open"),
        (printer.set_silent, "no_reply"),
    ):
        setter(True)
        result = printer.print_ticket(sample_ticket(config))
        assert (result.ok, result.code) == (False, code)
        assert result.message_vi and result.message_en
        setter(False)
    assert printer.jobs == []
    assert printer.print_ticket(sample_ticket(config)).ok
    assert len(printer.jobs) == 1


def test_bytes_sent_while_not_ready_are_not_printed(config, fonts):
    """Even a host that ignores status gets nothing printed from an empty printer."""
    from motcua.printer.layouts import ticket_job
    from motcua.printer.profiles import get_profile

    printer = open_printer("sim://")
    printer.set_paper_out(True)
    printer.transport.open()
    data = ticket_job(sample_ticket(config), get_profile("80mm"), fonts)
    printer.transport.write(data)
    assert printer.jobs == [] and printer.device.rejected_bytes == len(data)


def test_closed_printer_reports_closed(config):
    printer = open_printer("sim://")
    printer.close()
    result = printer.print_ticket(sample_ticket(config))
    assert not result.ok and result.code == "closed"


def test_test_page_prints(config):
    printer = open_printer("sim://", profile="58mm")
    assert printer.print_test_page().ok
    ops = printer.jobs[0].ops
    assert "1023" in [t.data.decode() for t in texts(ops)]
    assert "TRANG IN THỬ" in ocr_rasters(ops)


def test_missing_font_is_a_clear_startup_error(tmp_path):
    import pytest

    from motcua.printer import PrinterConfigError

    with pytest.raises(PrinterConfigError, match="DejaVuSans"):
        open_printer("sim://", font_dir=str(tmp_path))


def test_font_lost_after_startup_is_a_failed_result_not_tofu(config, tmp_path):
    import shutil

    from motcua.printer.fonts import FONT_FILES, default_font_dir

    for name in FONT_FILES.values():
        shutil.copy(default_font_dir() / name, tmp_path / name)
    printer = open_printer("sim://", font_dir=str(tmp_path))
    (tmp_path / FONT_FILES["bold"]).unlink()  # e.g. a broken update removed it
    slip = sample_ticket(config)
    result = printer.print_ticket(slip)
    assert (result.ok, result.code) == (False, "font_missing")
    assert "phông chữ" in result.message_vi
    assert printer.jobs == []
