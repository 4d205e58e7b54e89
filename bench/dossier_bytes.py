"""Bytes on the wire of the dossier receipt ("Giấy tiếp nhận hồ sơ và hẹn trả kết quả").

    PYTHONPATH=src .venv/bin/python bench/dossier_bytes.py

Target (issue 10): <= 12 KB each for the receipt and the slips on 80 mm paper. Only the
receipt exists today (raster text); the supplement and refusal slips are not built yet.
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
    print("supplement slip / refusal slip: not built yet")


if __name__ == "__main__":
    main()
