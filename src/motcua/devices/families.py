"""The device families motcua knows, and where each one's drivers live.

Adding a family is one ``define_family`` call here; its drivers then call
``register(name, scheme, ...)`` in the modules listed in ``packages``, which are
imported the first time the family is used (as pyserial's protocol_handler_packages).
"""

from __future__ import annotations

from motcua.devices.registry import define_family

PRINTER = define_family(
    "printer",
    title_vi="máy in",
    title_en="ticket printer",
    packages=("motcua.printer.drivers",),
)
ID_SCANNER = define_family(
    "id_scanner",
    title_vi="máy quét",
    title_en="QR / barcode scanner",
    packages=("motcua.scanner.barcode",),
)
BUS = define_family(
    "bus",
    title_vi="bàn phím gọi số / bảng LED",
    title_en="keypad / LED board line",
    packages=("motcua.counter.bus",),
)
AUDIO = define_family(
    "audio",
    title_vi="thiết bị âm thanh",
    title_en="audio output",
    packages=("motcua.voice.audio_drivers",),
)
DOCUMENT_SCANNER = define_family(
    "document_scanner",
    title_vi="máy quét tài liệu",
    title_en="document scanner",
    packages=("motcua.scanner.documents.drivers",),
)
CARD_READER = define_family(
    "card_reader",
    title_vi="đầu đọc thẻ căn cước",
    title_en="ID card (chip) reader",
    packages=("motcua.scanner.chip.reader", "motcua.scanner.chip.sim"),
)
