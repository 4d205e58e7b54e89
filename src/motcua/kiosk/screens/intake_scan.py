"""Step 5 of "Nộp hồ sơ", one paper: where to put it, the scan on the window's TaskRunner
with each page's thumbnail relayed as it comes, and plain words for blank pages and a
scanner that stopped (the pages scanned are kept).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QWidget

from motcua.dossier.intake_flow import PaperItem, PaperState
from motcua.errors import MotcuaError  # a DossierError, or the center unreachable
from motcua.kiosk.screens.intake_common import (
    THUMB,
    THUMB_WIDE,
    IntakeScreen,
    clear_layout,
    paper_line,
    thumb_label,
)
from motcua.kiosk.widgets_qt import BiButton, BiLabel, MessageLabel
from motcua.ui import Relay

log = logging.getLogger(__name__)


# ---------------------------------------------------------------------------- scanning
class ScanScreen(IntakeScreen):
    """One paper: where to put it, scan with progress and page thumbnails; blank pages
    and a stopped scanner (a jam) are said plainly, with the pages kept."""

    name = "intake_scan"
    titles = ("Quét giấy tờ", "Scan the paper")
    step_no = 5

    def __init__(self, win) -> None:
        super().__init__(win)
        self.n = 0
        self.paper = BiLabel(self.lang, role="title")
        self.body.addWidget(self.paper)
        self.where = BiLabel(self.lang, role="notice")
        self.body.addWidget(self.where)
        self.progress = BiLabel(self.lang, role="body")
        self.body.addWidget(self.progress)
        # what went wrong comes before the thumbnails: in landscape it must not scroll away
        self.warning = MessageLabel(self.lang)
        self.body.addWidget(self.warning)
        self.thumbs_box = QHBoxLayout()
        self.thumbs_box.setSpacing(12)
        self.thumbs_box.setAlignment(Qt.AlignmentFlag.AlignLeft)
        thumbs = QWidget()
        thumbs.setLayout(self.thumbs_box)
        self.strip = strip = self.scrolled(thumbs)
        strip.setMinimumHeight(THUMB + 40)  # a row of page thumbnails, scrolled sideways
        strip.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body.addWidget(strip)
        self.body.addStretch(1)
        self.buttons: dict[str, BiButton] = {}
        for key, vi, en, role in (
            ("start", "Bắt đầu quét", "Start scanning", ""),
            ("more", "Quét tiếp các tờ còn lại", "Scan the rest", ""),
            ("keep_scanned", "Chỉ dùng các trang đã quét", "Use the pages scanned", "secondary"),
            ("drop_blank", "Bỏ các trang trắng", "Leave the blank pages out", ""),
            ("keep_blank", "Giữ cả trang trắng", "Keep the blank pages", "secondary"),
            ("again", "Quét lại từ đầu", "Scan again from the start", "secondary"),
            ("done", "Xong, về danh sách", "Done, back to the list", ""),
        ):
            b = BiButton(self.lang, vi, en, role)
            b.clicked.connect(lambda _=False, k=key: self.act(k))
            self.buttons[key] = b
        self.footer_row(self.buttons["again"], self.buttons["keep_scanned"])
        self.footer_row(self.buttons["keep_blank"], self.buttons["drop_blank"])
        self.footer_row(self.buttons["more"])
        self.footer_row(self.buttons["start"], self.buttons["done"])
        self.pages = Relay(self)
        self.pages.received.connect(self._page)
        self.scanning = False

    thumb_h = THUMB

    def set_wide(self, wide: bool) -> None:
        super().set_wide(wide)
        self.thumb_h = THUMB_WIDE if wide else THUMB  # landscape has less height to spend
        self.strip.setMinimumHeight(self.thumb_h + 40)

    def open(self, n: int) -> None:
        assert self.flow is not None
        self.n = n
        it = self.flow.item(n)
        self.paper.set_texts(*paper_line(it.paper))
        self.where.set_texts(
            it.where_vi,
            "Put each sheet face down on the glass, against the corner with the arrow."
            if it.paper.copies <= 1
            else "Put the whole stack in the feeder on top, text facing up.",
        )
        self.show_item(it)

    def enter(self) -> None:
        if self.flow is not None and self.n:
            self.show_item(self.flow.item(self.n))

    def show_item(self, it: PaperItem) -> None:
        clear_layout(self.thumbs_box)
        pages = it.scan.pages if it.scan is not None else ()
        for p in pages:
            self.thumbs_box.addWidget(thumb_label(p.thumbnail_png, self.thumb_h, p.blank))
        show = {k: False for k in self.buttons}
        self.warning.hide()
        if it.state is PaperState.TODO:
            self.progress.set_texts(
                "Đặt giấy vào máy quét rồi chạm Bắt đầu quét.",
                "Put the paper in the scanner, then touch Start scanning.",
            )
            show["start"] = True
        elif it.state is PaperState.DONE:
            self.progress.set_texts(
                f"Đã quét xong {len(pages)} trang.", f"{len(pages)} pages scanned."
            )
            show.update(done=True, again=True)
        elif it.state is PaperState.CHECK_BLANK:
            assert it.scan is not None
            blank = ", ".join(str(i) for i in it.scan.blank_pages)
            self.progress.set_texts(f"Đã quét {len(pages)} trang.", f"{len(pages)} pages.")
            self.warning.set_texts(
                f"Trang {blank} có vẻ là trang trắng (viền đỏ). Mặt sau trống thì bỏ đi; "
                "nếu đặt nhầm mặt, xin quét lại.",
                f"Page(s) {blank} look blank (red border). Leave out empty backs; if a sheet "
                "was upside down, scan again.",
            )
            show.update(drop_blank=it.scan.pdf_without_blank is not None, keep_blank=True)
            show["again"] = True
        elif it.state is PaperState.STOPPED:
            assert it.scan is not None
            kept = len(pages)
            self.progress.set_texts(
                f"Máy đã quét được {kept} trang; các trang này được giữ lại.",
                f"{kept} pages were scanned and are kept.",
            )
            more_vi = " Đặt lại các tờ CHƯA quét rồi chạm Quét tiếp." if kept else ""
            more_en = " Put back the sheets NOT yet scanned, then Scan the rest." if kept else ""
            self.warning.set_texts(
                f"{it.scan.failure_vi}.{more_vi}", f"{it.scan.failure_en}.{more_en}"
            )
            show.update(more=kept > 0, keep_scanned=kept > 0, again=True, start=kept == 0)
        for key, b in self.buttons.items():
            b.setVisible(show[key])

    def act(self, key: str) -> None:
        flow = self.flow
        assert flow is not None
        if key in ("start", "again", "more"):
            self.start(more=key == "more")
            return
        try:
            if key == "keep_scanned":
                it = flow.keep_scanned(self.n)
            elif key == "drop_blank":
                it = flow.drop_blank(self.n)
            elif key == "keep_blank":
                it = flow.confirm_blank(self.n, keep=True)
            else:  # done
                self.win.go("intake_papers")
                return
        except MotcuaError as exc:
            self.warning.set_texts(exc.message_vi, exc.message_en)
            return
        self.show_item(it)

    def start(self, more: bool = False) -> None:
        flow, scanner = self.flow, self.rt.paper_scanner
        assert flow is not None and scanner is not None
        it = flow.item(self.n)
        if not more:
            clear_layout(self.thumbs_box)
        self.scanning = True
        for b in self.buttons.values():
            b.hide()
        self.warning.hide()
        self.progress.set_texts(
            "Đang quét… xin không lấy giấy ra.", "Scanning… please leave the paper in."
        )
        push = self.pages.packing()
        self.win.runner.run(
            lambda: flow.scan_paper(it.n, scanner, push, more=more), self._scanned, self._failed
        )

    def _page(self, args: tuple[int, bytes]) -> None:
        n, png = args
        self.progress.set_texts(f"Đang quét trang {n}…", f"Scanning page {n}…")
        self.thumbs_box.addWidget(thumb_label(png, self.thumb_h))

    def _scanned(self, it: PaperItem) -> None:
        self.scanning = False
        self.show_item(it)

    def _failed(self, exc: BaseException) -> None:
        self.scanning = False
        log.error("intake scan failed: %r", exc)
        vi = getattr(exc, "message_vi", "Máy quét chưa quét được")
        en = getattr(exc, "message_en", "The scanner could not scan")
        self.warning.set_texts(
            f"{vi}. Xin thử lại, hoặc hỏi cán bộ tại quầy.", f"{en}. Try again or ask a counter."
        )
        if self.flow is not None:
            it = self.flow.item(self.n)
            self.buttons["start"].setVisible(it.state is not PaperState.DONE)
            self.buttons["done"].setVisible(True)

    def back(self) -> None:
        if not self.scanning:
            self.win.go("intake_papers")
