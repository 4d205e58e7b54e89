"""What printing and status queries report back: plain values, never exceptions.

A kiosk shows ``message_vi`` to the citizen as is, so messages are short,
plain Vietnamese and tell what to do next.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from motcua.devices.health import DeviceHealth

# code -> (message_vi, message_en)
MESSAGES: dict[str, tuple[str, str]] = {
    "printed": ("Đã in phiếu.", "Printed."),
    "sent": (
        "Đã gửi lệnh in (máy in không báo trạng thái).",
        "Sent to the printer (it reports no status).",
    ),
    "paper_out": (
        "Máy in đã hết giấy. Vui lòng báo cán bộ hướng dẫn.",
        "The printer is out of paper. Please tell a staff member.",
    ),
    "offline": (
        "Máy in đang tạm dừng, chưa sẵn sàng. Vui lòng báo cán bộ hướng dẫn.",
        "The printer is offline. Please tell a staff member.",
    ),
    "cover_open": (
        "Nắp máy in đang mở. Vui lòng báo cán bộ hướng dẫn.",
        "The printer cover is open. Please tell a staff member.",
    ),
    "no_reply": (
        "Máy in không phản hồi. Vui lòng báo cán bộ hướng dẫn.",
        "The printer does not answer. Please tell a staff member.",
    ),
    "unreachable": (
        "Không kết nối được máy in. Vui lòng báo cán bộ hướng dẫn.",
        "Cannot connect to the printer. Please tell a staff member.",
    ),
    "io_error": (
        "Gửi dữ liệu tới máy in bị lỗi, phiếu chưa được in. Vui lòng báo cán bộ hướng dẫn.",
        "Sending to the printer failed; nothing was printed. Please tell a staff member.",
    ),
    "font_missing": (
        "Thiếu phông chữ tiếng Việt để in. Vui lòng báo kỹ thuật viên.",
        "The Vietnamese print font is missing. Please call a technician.",
    ),
    "layout_error": (
        "Không tạo được nội dung phiếu in. Vui lòng báo kỹ thuật viên.",
        "The slip could not be laid out. Please call a technician.",
    ),
    "closed": ("Máy in đã được đóng.", "The printer was closed."),
}


@dataclass(frozen=True)
class PrintResult:
    """The outcome of one print job. ``ok`` is True only when it was printed (or sent,
    on a line that reports nothing back: code "sent")."""

    ok: bool
    code: str
    message_vi: str
    message_en: str
    bytes_sent: int = 0

    @classmethod
    def of(cls, code: str, ok: bool = False, bytes_sent: int = 0, detail: str = "") -> PrintResult:
        vi, en = MESSAGES[code]
        if detail:
            en = f"{en} ({detail})"
        return cls(ok=ok, code=code, message_vi=vi, message_en=en, bytes_sent=bytes_sent)


PAPER_STATES = ("ok", "near_end", "out", "unknown")


@dataclass(frozen=True)
class PrinterStatus:
    """What the printer said about itself (DLE EOT). None / "unknown": it did not say."""

    online: bool | None
    paper: str  # "ok" | "near_end" | "out" | "unknown"
    cover_open: bool | None
    error: bool | None = None  # a cutter or mechanical error was reported
    # Why the status is unknown, for a technician ("cannot connect: ..."); not compared.
    detail: str = field(default="", compare=False)

    @classmethod
    def unknown(cls, detail: str = "") -> PrinterStatus:
        return cls(online=None, paper="unknown", cover_open=None, detail=detail)

    @property
    def known(self) -> bool:
        return self.online is not None

    @property
    def ok(self) -> bool:
        """True only when the printer said it is online, has paper and its cover is shut."""
        return (
            self.online is True
            and self.paper in ("ok", "near_end")
            and self.cover_open is False
            and not self.error
        )

    def problem(self) -> str | None:
        """The result code that stops a job, or None when the printer may print."""
        if self.online is None:
            return "no_reply"
        if self.paper == "out":
            return "paper_out"
        if self.cover_open:
            return "cover_open"
        if self.online is False or self.error:
            return "offline"
        return None

    def health(self, device: str = "printer") -> DeviceHealth:
        """The status as the one health model every screen, alert and metric reads."""
        if not self.known:
            return DeviceHealth.unknown(
                device, "no_reply", self.describe_vi(), "Unknown: " + (self.detail or "no reply")
            )
        problem = self.problem()
        if problem:
            vi, en = MESSAGES[problem]
            return DeviceHealth.error(device, problem, vi, en)
        if self.paper == "near_end":
            return DeviceHealth.warning(
                device, "paper_near_end", self.describe_vi(), "Ready; paper near its end"
            )
        return DeviceHealth.ok(device, self.describe_vi(), "Ready")

    def describe_vi(self) -> str:
        if self.online is None:
            return "Không rõ: " + (self.detail or "máy in không trả lời")
        parts = ["Sẵn sàng" if self.online else "Tạm dừng (offline)"]
        parts.append(
            {
                "ok": "giấy: còn",
                "near_end": "giấy: sắp hết",
                "out": "giấy: hết",
                "unknown": "giấy: không rõ",
            }[self.paper]
        )
        if self.cover_open is not None:
            parts.append("nắp: mở" if self.cover_open else "nắp: đóng")
        if self.error:
            parts.append("có lỗi cơ khí")
        return ", ".join(parts)
