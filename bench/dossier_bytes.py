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
    from motcua.printer.dossier_slips import dossier_slip_job
    from motcua.printer.samples import sample_slip

    for kind in ("intake", "supplement", "reject"):
        slip = sample_slip(config, kind)
        data = dossier_slip_job(slip, get_profile("80mm"), fonts)
        print(
            f"{kind + ' slip':18} {len(data):7d} bytes  "
            f"{len(data) / LINE_BYTES_PER_SECOND:5.2f} s at 115,200 baud"
        )


if __name__ == "__main__":
    main()
