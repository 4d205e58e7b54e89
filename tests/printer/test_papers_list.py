"""The papers list of a procedure ("In danh sách giấy tờ"), read back like a person."""

from __future__ import annotations

from printer_readback import decode_qr, ocr_rasters

from motcua.cli import main
from motcua.printer import open_printer
from motcua.printer.cli import _sample_papers


def test_every_paper_is_printed_numbered_in_order_with_the_online_qr(config):
    papers = _sample_papers(config, "1.001193")  # Đăng ký khai sinh
    assert papers is not None and len(papers.papers) >= 3
    printer = open_printer("sim://")
    assert printer.print_papers(papers).ok
    job = printer.jobs[0]
    text = " ".join(ocr_rasters(job.ops).split())
    assert "DANH SÁCH GIẤY TỜ" in text and "Đăng ký khai sinh" in text
    positions = [text.find(f"{i}.") for i in range(1, len(papers.papers) + 1)]
    assert -1 not in positions and positions == sorted(positions)
    assert "Tờ khai" in text and "Thời hạn giải quyết" in text
    assert decode_qr(job.image()) == [papers.online_url]


def test_preview_papers_png(tmp_path, capsys):
    out = tmp_path / "p.png"
    assert main(["printer", "preview", "--layout", "papers", "--out", str(out)]) == 0
    assert "papers" in capsys.readouterr().out
    assert main(["printer", "preview", "--layout", "papers", "--procedure", "nope",
                 "--out", str(out)]) == 2  # fmt: skip
