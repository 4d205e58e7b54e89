"""Document scanners chosen by URL: ``sane://DEVICE?option=value`` and ``sim://?pages=DIR``.

Every driver has the same small interface (``DocumentScanner``): ``scan(cancel)`` is one
press of the scan button and yields ``ScannedPage``s as they come off the device: one page
on a flatbed, every sheet until the feeder is empty on a feeder, front and back of each
sheet in duplex. An empty feeder ends the batch normally; a jam, an open cover or a lost
device raises ``ScannerFault`` *after* the pages before it were yielded, so the caller
keeps them. ``health()`` says how the device was last seen. The drivers live in
``sim_scanner`` and ``sane_scanner``, what they share in ``page``; this module registers
them with the device layer and opens one by URL.

Call ``scan`` from a worker thread, never from a UI thread: a page takes seconds.
"""

from __future__ import annotations

from motcua.devices import DeviceUrl, DeviceUrlError, integer, open_device, register
from motcua.scanner.documents.errors import ScannerConfigError
from motcua.scanner.documents.page import (
    IMAGE_SUFFIXES,
    DocumentScanner,
    ScannedPage,
    Side,
    Source,
)
from motcua.scanner.documents.sane_scanner import SaneDocumentScanner, sane_status
from motcua.scanner.documents.sim_scanner import SimDocumentScanner

__all__ = [
    "IMAGE_SUFFIXES",
    "DocumentScanner",
    "SaneDocumentScanner",
    "ScannedPage",
    "Side",
    "SimDocumentScanner",
    "Source",
    "open_document_scanner",
    "sane_status",
]

# --------------------------------------------------------------------------- URLs

HOW_TO_WRITE = (
    "dùng sane://THIẾT-BỊ?tùy-chọn=giá-trị hoặc sim://?pages=THƯ-MỤC",
    "use sane://DEVICE?option=value or sim://?pages=DIR",
)


def open_document_scanner(url: str) -> DocumentScanner:
    """The scanner for ``url`` through the device registry (family ``document_scanner``);
    ``ScannerConfigError`` names what is wrong. SANE device names hold colons and slashes
    (``airscan:e0:Canon``, ``hpaio:/usb/...``): the target is everything between ``://``
    and ``?``, percent-decoded; options keep their order (``source`` before ``resolution``)."""
    try:
        scanner = open_device("document_scanner", url)
    except DeviceUrlError as exc:
        raise ScannerConfigError(
            f"{exc.message_vi} ({HOW_TO_WRITE[0]})", f"{exc.message_en} ({HOW_TO_WRITE[1]})"
        ) from None
    if scanner is None:
        raise ScannerConfigError(
            f"Chưa cấu hình máy quét tài liệu ({HOW_TO_WRITE[0]})",
            f"No document scanner is configured ({HOW_TO_WRITE[1]})",
        )
    return scanner


def _as_url_error(url: DeviceUrl, exc: ScannerConfigError) -> DeviceUrlError:
    return url.error(exc.message_vi, exc.message_en)


def _check_sim(url: DeviceUrl) -> None:
    try:
        SimDocumentScanner.parse_options(dict(url.raw_options))
    except ScannerConfigError as exc:
        raise _as_url_error(url, exc) from None


def _open_sim(url: DeviceUrl) -> SimDocumentScanner:
    """A sheet feeder over a folder of page images (demo, tests)."""
    return SimDocumentScanner(url.text, url.target, list(url.raw_options.items()))


def _open_sane(url: DeviceUrl) -> SaneDocumentScanner:
    """Any SANE device; its options are checked against the device when it opens."""
    return SaneDocumentScanner(url.text, url.target, list(url.raw_options.items()))


def _open_none(url: DeviceUrl) -> None:
    """No document scanner at this kiosk."""
    return None


register(
    "document_scanner",
    "sim",
    example="sim://?pages=/srv/demo-papers&source=feeder",
    device_options=True,
    check=_check_sim,
)(_open_sim)
register(
    "document_scanner",
    "sane",
    example="sane://test:0?source=Flatbed&resolution=300",
    target="required",
    options={"max_pages": integer(1, 10000), "max-pages": integer(1, 10000)},
    device_options=True,
)(_open_sane)
register("document_scanner", "none", example="none://", target="none")(_open_none)
