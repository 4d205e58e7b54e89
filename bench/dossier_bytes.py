"""Bytes on the wire of the dossier receipt ("Giấy tiếp nhận hồ sơ và hẹn trả kết quả").

    PYTHONPATH=src .venv/bin/python bench/dossier_bytes.py

Target (issue 10): <= 12 KB each for the receipt and the slips on 80 mm paper. On the
80 mm profiles the text goes as printer text with the Vietnamese letters downloaded as
user-defined characters (printer/udc.py): ~5.4 KB for the receipt, ~2.9 KB a slip (the
raster receipt was 38,480 B). 58 mm has no user-defined characters in its profile: raster.
"""

from __future__ import annotations

import time

from motcua.config import load_config
from motcua.printer import FontSet, get_profile
from motcua.printer.receipt import receipt_job
from motcua.printer.samples import sample_receipt

LINE_BYTES_PER_SECOND = 115_200 / 10  # 8N1: ten bits a byte


def main() -> None:
    config = load_config(None, env={})
    fonts = FontSet().check()
    for pname in ("80mm", "80mm-512", "58mm"):
        profile = get_profile(pname)
        receipt_job(sample_receipt(config), profile, fonts)  # warm caches
        t0 = time.perf_counter()
        data = receipt_job(sample_receipt(config), profile, fonts)
        ms = (time.perf_counter() - t0) * 1000
        print(
            f"receipt {pname:9} {len(data):7d} bytes  "
            f"{len(data) / LINE_BYTES_PER_SECOND:5.2f} s at 115,200 baud  {ms:6.1f} ms"
        )
    from datetime import UTC, datetime

    from motcua.printer.dossier_slips import DossierSlip, dossier_slip_job

    for kind, note in (
        ("intake", ""),
        ("supplement", "Giấy xác nhận tình trạng hôn nhân (bản chính)"),
        ("reject", "Hồ sơ không thuộc thẩm quyền giải quyết của xã"),
    ):
        slip = DossierSlip(
            kind=kind,  # type: ignore[arg-type]
            center_name=config.center.name,
            dossier_code="000.00.00.H56-261120-0001",
            procedure="Đăng ký kết hôn (1.000894)",
            applicant_name="Nguyễn V. A.",
            at=datetime(2026, 11, 20, 2, 10, tzinfo=UTC),
            papers=("Tờ khai đăng ký kết hôn theo mẫu", "Căn cước của hai bên nam, nữ"),
            note=note,
            ticket_number="1005" if kind == "intake" else "",
            counter_hint="Quầy tiếp nhận Hộ tịch" if kind == "intake" else "",
        )
        data = dossier_slip_job(slip, get_profile("80mm"), fonts)
        print(
            f"{kind + ' slip':18} {len(data):7d} bytes  "
            f"{len(data) / LINE_BYTES_PER_SECOND:5.2f} s at 115,200 baud"
        )


if __name__ == "__main__":
    main()
