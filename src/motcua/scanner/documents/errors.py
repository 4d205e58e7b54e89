"""What can go wrong with a document scanner, said in Vietnamese first and English second.

``ScannerConfigError``: the URL or an option is wrong (fix the configuration).
``ScannerFault``: the device stopped mid-batch (jam, cover open, lost device, I/O);
``reason`` is a stable code for DeviceHealth and programs, never matched by wording.
A batch that ends in a fault keeps the pages scanned before it.
"""

from __future__ import annotations

from motcua.errors import MotcuaError


class ScanError(MotcuaError):
    """motcua's bilingual error; ``reason`` (= ``code``) says which condition it is."""

    code = "scan_error"

    def __init__(self, message_vi: str, message_en: str, reason: str | None = None) -> None:
        super().__init__(message_vi, message_en)
        if reason is not None:
            self.code = reason

    @property
    def reason(self) -> str:
        return self.code

    def one_line(self) -> str:
        """One line for a CLI or a log: Vietnamese / English."""
        return self.message


class ScannerConfigError(ScanError, ValueError):
    code = "config"


class ScannerFault(ScanError):
    """The device failed during a batch: a person has to act (clear the jam, close the cover)."""

    code = "io_error"
    http_status = 503


class ScanCancelled(ScanError):
    code = "cancelled"

    def __init__(self) -> None:
        super().__init__("Đã hủy lượt quét", "Scan cancelled", "cancelled")


# reason code -> (Vietnamese, English): one table for SANE statuses and the sim scanner
FAULTS: dict[str, tuple[str, str]] = {
    "jammed": (
        "Kẹt giấy trong khay nạp: mở nắp, gỡ tờ bị kẹt rồi quét lại từ tờ đó",
        "Paper jam in the feeder: open it, remove the jammed sheet and rescan from that sheet",
    ),
    "cover_open": (
        "Nắp máy quét đang mở: đóng nắp rồi quét lại",
        "The scanner cover is open: close it and scan again",
    ),
    "disconnected": (
        "Mất kết nối với máy quét: kiểm tra cáp USB / mạng và nguồn điện",
        "Lost the scanner: check its USB / network cable and power",
    ),
    "busy": (
        "Máy quét đang bận (một chương trình khác đang dùng)",
        "The scanner is busy (another program is using it)",
    ),
    "io_error": (
        "Lỗi đọc dữ liệu từ máy quét",
        "Error reading from the scanner",
    ),
    "no_memory": ("Máy quét hết bộ nhớ", "The scanner ran out of memory"),
    "access_denied": (
        "Không có quyền dùng máy quét (nhóm 'scanner' / udev)",
        "No permission to use the scanner (the 'scanner' group / udev rules)",
    ),
    "no_docs": (
        "Khay nạp giấy trống: đặt giấy vào rồi bấm quét",
        "The feeder is empty: load the papers and press scan",
    ),
}


def fault(reason: str, detail: str = "") -> ScannerFault:
    vi, en = FAULTS.get(reason, FAULTS["io_error"])
    if detail:
        en = f"{en} [{detail}]"
    return ScannerFault(vi, en, reason)
