"""What can go wrong reading a chip, said to the citizen (Vietnamese) and the operator (English)."""

from __future__ import annotations

from motcua.scanner.cccd_qr import IdCardError


class ChipError(IdCardError):
    """A chip that cannot be read. ``code`` is stable for programs; messages are for people."""


def no_reader(detail: str = "") -> ChipError:
    return ChipError(
        "Không tìm thấy đầu đọc thẻ. Xin báo cán bộ kiểm tra đầu đọc thẻ căn cước.",
        "No card reader found"
        + (f" ({detail})" if detail else "")
        + ". Check that the reader is plugged in and pcscd is running.",
        "no_reader",
    )


def no_card() -> ChipError:
    return ChipError(
        "Chưa có thẻ trên đầu đọc. Xin đặt thẻ căn cước lên đầu đọc.",
        "No card on the reader. Place the ID card on the reader.",
        "no_card",
    )


def card_removed() -> ChipError:
    return ChipError(
        "Thẻ đã bị nhấc ra khi đang đọc. Xin đặt lại thẻ và giữ yên cho đến khi đọc xong.",
        "The card was removed while reading. Place it again and keep it still until done.",
        "card_removed",
    )


def wrong_key(what: str) -> ChipError:
    vi = {
        "can": "Sáu số cuối của số căn cước không khớp với thẻ. Xin kiểm tra lại.",
        "mrz": "Số thẻ, ngày sinh hoặc ngày hết hạn không khớp với chip. Xin kiểm tra lại.",
    }[what]
    en = {
        "can": "The card refused the CAN (last six digits of the ID number): wrong number?",
        "mrz": "The card refused the MRZ key (document number, birth or expiry date): check them.",
    }[what]
    return ChipError(vi, en, "wrong_key")


def needs_mrz(refused: bool) -> ChipError:
    """The CAN cannot open this chip: it does not do PACE, or it refused PACE with the CAN.
    BAC with the MRZ key (document number, birth and expiry dates) is the way in."""
    return ChipError(
        "Chip của thẻ này không mở được bằng 6 số. Cần số căn cước, ngày sinh và ngày hết "
        "hạn in trên thẻ để mở chip.",
        ("The card refused PACE with the CAN" if refused else "This card does not do PACE")
        + ": give the MRZ key (DOCNO:YYMMDD:YYMMDD) for BAC.",
        "needs_mrz",
    )


def bad_key_format(en: str) -> ChipError:
    return ChipError(
        "Thông tin để mở chip không đúng dạng. Cần 6 chữ số (CAN) hoặc SỐ THẺ:YYMMDD:YYMMDD (MRZ).",
        en,
        "bad_key",
    )


def unreadable(en: str) -> ChipError:
    return ChipError(
        "Không đọc được chip của thẻ. Xin đặt lại thẻ hoặc dùng mã QR.",
        en,
        "unreadable",
    )


def tampered(en: str) -> ChipError:
    return ChipError(
        "Dữ liệu chip không khớp chữ ký của cơ quan cấp. Xin gặp cán bộ.",
        en,
        "not_as_issued",
    )
