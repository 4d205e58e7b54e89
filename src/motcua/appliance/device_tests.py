"""`motcua devices test KIND --url URL`: try one device, say what worked and what to do.

Each test opens the device through the same drivers the apps use, does one small real
thing with it, and returns a ``TestReport``: ok or not, and lines in Vietnamese and English
(what happened, then what to do next). Nothing here raises into the CLI.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from motcua.logs import mask_id


@dataclass
class TryReport:
    ok: bool
    lines: list[tuple[str, str]] = field(default_factory=list)  # (vi, en)

    def say(self, vi: str, en: str) -> TryReport:
        self.lines.append((vi, en))
        return self


def try_printer(url: str, config: Any, *, page: bool = True) -> TryReport:
    from motcua.printer import open_configured_printer

    try:
        printer = open_configured_printer(config, url)
    except Exception as exc:
        return TryReport(False).say(
            f"Không mở được máy in: {exc}", f"Cannot open the printer: {exc}"
        )
    try:
        health = printer.health()
        report = TryReport(health.is_ok)
        report.say(f"Trạng thái: {health.message_vi}", f"Status: {health.message_en}")
        if page and health.state.value != "error":
            result = printer.print_test_page()
            report.ok = result.ok
            report.say(
                f"Trang in thử: {result.message_vi} ({result.bytes_sent} byte)",
                f"Test page: {result.message_en} ({result.bytes_sent} bytes)",
            )
        if not report.ok:
            report.say(
                "Kiểm tra giấy, nắp, nguồn và cáp máy in; URL đúng chưa (motcua devices list).",
                "Check paper, cover, power and cable; is the URL right (motcua devices list)?",
            )
        return report
    finally:
        printer.close()


def try_id_scanner(url: str, timeout: float = 20.0) -> TryReport:
    from motcua.scanner.barcode import open_scanner
    from motcua.scanner.cccd_qr import IdCardError, parse_cccd_qr

    try:
        scanner = open_scanner(url)
    except Exception as exc:
        return TryReport(False).say(
            f"Không mở được máy quét: {exc}", f"Cannot open the scanner: {exc}"
        )
    got: list[str] = []
    done = threading.Event()

    def on_line(text: str) -> None:
        got.append(text)
        done.set()

    scanner.start(on_line)
    try:
        if not done.wait(timeout):
            return TryReport(False).say(
                f"Không nhận được lần quét nào trong {timeout:g} giây: quét thử một mã QR.",
                f"No scan within {timeout:g} s: scan a QR code and try again.",
            )
    finally:
        scanner.stop()
    text = got[0]
    try:
        card = parse_cccd_qr(text)
    except IdCardError:
        shown = "".join("*" if c.isdigit() else c for c in text[:40])
        return TryReport(True).say(
            f"Đã nhận một mã (không phải thẻ căn cước): {shown}",
            f"Got a code (not an ID card): {shown}",
        )
    return TryReport(True).say(
        f"Đã đọc thẻ căn cước {mask_id(card.id_number)} ({card.masked_name})",
        f"Read an ID card {mask_id(card.id_number)} ({card.masked_name})",
    )


def try_line(
    url: str,
    kind: str,
    addresses: range,
    pause: float = 2.0,
    sleep: Callable[[float], object] = time.sleep,
) -> TryReport:
    """LED boards: every board shows 8888 then blanks; keypads: each display shows TEST."""
    from motcua.counter.bus import open_line
    from motcua.counter.line_protocol import FrameKind, encode_frame

    try:
        line = open_line(url)
    except Exception as exc:
        return TryReport(False).say(
            f"Không mở được đường dây: {exc}", f"Cannot open the line: {exc}"
        )
    if line is None:
        return TryReport(False).say("Không có thiết bị (URL trống).", "No device (empty URL).")
    try:
        deadline = time.monotonic() + 5  # a serial line opens on its own thread
        while not line.connected and time.monotonic() < deadline:
            sleep(0.05)
        if not line.connected:
            return TryReport(False).say(
                "Không mở được cổng: kiểm tra cáp, bộ chuyển RS-485 và quyền (nhóm dialout).",
                "Cannot open the port: check the cable, the RS-485 adapter and the dialout group.",
            )
        sent = 0
        if kind == "led":
            sent += line.send(encode_frame(FrameKind.BOARD, 0, "8888"))
            sleep(pause)
            sent += line.send(encode_frame(FrameKind.BOARD, 0, ""))
            frames = 2
        else:
            frames = 0
            for address in addresses:
                sent += line.send(encode_frame(FrameKind.REPLY, address, "TEST"))
                frames += 1
        ok = sent == frames
        report = TryReport(ok)
        if kind == "led":
            report.say(
                "Đã gửi 8888 tới mọi bảng LED rồi xóa: mỗi bảng có hiện 8888 không?",
                "Sent 8888 to every LED board, then blank: did each board show it?",
            )
        else:
            report.say(
                f"Đã gửi TEST tới bàn phím {addresses.start:02d}–{addresses.stop - 1:02d}: "
                "màn hình nhỏ của mỗi bàn phím có hiện TEST không?",
                f"Sent TEST to keypads {addresses.start:02d}-{addresses.stop - 1:02d}: "
                "did each keypad's display show it?",
            )
        if not ok:
            report.say(
                "Không gửi được: kiểm tra bộ chuyển RS-485 và cáp.",
                "Could not send: check the RS-485 adapter and cable.",
            )
        return report
    finally:
        line.close()


def try_document_scanner(url: str, out: Path, cancel: threading.Event | None = None) -> TryReport:
    """One page (the first of a feeder's batch) saved as PNG in ``out``."""
    from motcua.errors import MotcuaError
    from motcua.scanner.documents import open_document_scanner

    try:
        scanner = open_document_scanner(url)
    except MotcuaError as exc:
        return TryReport(False).say(
            f"Không mở được máy quét tài liệu: {exc.message_vi}",
            f"Cannot open the document scanner: {exc.message_en}",
        )
    try:
        pages = scanner.scan(cancel)
        try:
            page = next(pages, None)
        finally:
            stop = getattr(pages, "close", None)  # a generator: a feeder stops after one sheet
            if stop is not None:
                stop()
    except MotcuaError as exc:
        return TryReport(False).say(
            f"Quét không được: {exc.message_vi}", f"The scan failed: {exc.message_en}"
        )
    finally:
        scanner.close()
    if page is None:
        return TryReport(False).say(
            "Máy quét không đưa ra trang nào: đặt giấy vào khay rồi thử lại.",
            "The scanner gave no page: load a sheet and try again.",
        )
    out.mkdir(parents=True, exist_ok=True)
    path = out / "scan-test.png"
    page.image.save(path)
    w, h = page.image.size
    return TryReport(True).say(
        f"Đã quét một trang {w}×{h} điểm ảnh, {page.dpi} dpi: {path}. Ảnh có rõ không?",
        f"Scanned one page, {w}x{h} pixels at {page.dpi} dpi: {path}. Is it clear?",
    )


def try_card_reader(url: str) -> TryReport:
    """The reader, the card's ATR, then SELECT of the ID application (no key needed)."""
    from motcua.scanner.chip.card import AID
    from motcua.scanner.chip.errors import ChipError
    from motcua.scanner.chip.reader import open_card_reader

    try:
        reader = open_card_reader(url)
        names = reader.readers()
    except ChipError as exc:
        return TryReport(False).say(
            f"Không dùng được đầu đọc thẻ: {exc.message_vi}",
            f"Cannot use the card reader: {exc.message_en}",
        )
    try:
        if not names:
            return TryReport(False).say(
                "Không thấy đầu đọc thẻ: cắm lại đầu đọc USB; kiểm tra pcscd.",
                "No card reader found: replug the USB reader; check pcscd.",
            )
        report = TryReport(True).say(f"Đầu đọc: {', '.join(names)}", f"Readers: {', '.join(names)}")
        try:
            conn = reader.connect()
        except ChipError as exc:
            report.ok = exc.code != "no_reader"
            return report.say(
                f"{exc.message_vi} (Đầu đọc trả lời; chip chưa được thử.)",
                f"{exc.message_en} (The reader answers; the chip is not tried yet.)",
            )
        try:
            report.say(f"ATR của thẻ: {conn.atr.hex(' ')}", f"Card ATR: {conn.atr.hex(' ')}")
            _data, sw = conn.transmit(bytes([0x00, 0xA4, 0x04, 0x0C, len(AID)]) + AID)
        except ChipError as exc:
            report.ok = False
            return report.say(exc.message_vi, exc.message_en)
        finally:
            conn.close()
        if sw == 0x9000:
            return report.say(
                "Thẻ có ứng dụng căn cước (chọn được). Đầu đọc hoạt động.",
                "The card holds the ID application (selected). The reader works.",
            )
        report.ok = False
        return report.say(
            f"Thẻ không có ứng dụng căn cước (SW {sw:04X}): đây có phải thẻ căn cước gắn chip?",
            f"The card has no ID application (SW {sw:04X}): is it a chip ID card?",
        )
    finally:
        reader.close()
