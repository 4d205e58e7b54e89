"""What the kiosk's voice guidance says on each screen, in Vietnamese (data, no logic).

Each phrase is one shipped clip (``scripts/make_voice_clips`` makes it with espeak-ng,
offline, like the hall's phrases); numbers (the ticket number, the intake step) are read
with the hall's number words. :mod:`motcua.kiosk.guidance` picks the phrases for the
screen shown. A screen says what it is, then what to touch, naming buttons as they are
written and things by their icon, for people who cannot read the screen.

Speech says "ông bà" where the screen writes "ông/bà".
"""

from __future__ import annotations

GUIDE_ON = "Đã bật hướng dẫn bằng giọng nói."
STEP = "Nộp hồ sơ, bước"  # + the step's number words (intake screens)
YOUR_NUMBER = "Số thứ tự của ông bà là"  # + the ticket's number words
TAKE_TICKET = "Xin nhận phiếu, rồi ngồi chờ nghe gọi số."
NOT_PRINTED = "Máy chưa in được phiếu, xin nhớ số này, hoặc chụp ảnh màn hình."
NO_TICKET = "Chưa cấp được số."
ASK_STAFF = "Xin hỏi cán bộ tại quầy hướng dẫn."
SCAN_CARD = "Xin đưa mã QR trên thẻ căn cước vào ô quét."
# Said after the chime, guidance on or off, while a card stays on the chip reader after the
# flow (kiosk/chip_reader.REMINDER, the words on the screen).
CARD_LEFT = "Xin nhận lại thẻ căn cước trên đầu đọc."

SCREENS: dict[str, tuple[str, ...]] = {
    "home": (
        "Đây là máy lấy số thứ tự.",
        "Muốn lấy số, xin chạm vào ô có hình tấm vé.",
        ASK_STAFF,
    ),
    "ticket": ("Xin chọn việc ông bà cần làm.", "Chạm vào ô có hình giống việc của ông bà."),
    "service": ("Xin chọn dịch vụ.", "Chạm vào ô có tên dịch vụ ông bà cần."),
    "priority": (
        "Ông bà có thuộc nhóm được ưu tiên không?",
        "Người cao tuổi, người khuyết tật, phụ nữ có thai, xin chạm vào ô có hình của mình.",
        "Nếu không, xin chạm vào ô Không.",
    ),
    "idscan": (SCAN_CARD, "Nếu không có thẻ, xin chạm vào nút Bỏ qua ở dưới cùng."),
    "chip": (
        "Xin đặt thẻ căn cước lên đầu đọc chip.",
        "Rồi chạm vào nút Đọc thẻ ở dưới cùng.",
    ),
    "confirm": (
        "Xin kiểm tra lại.",
        "Nếu đúng, xin chạm vào nút In phiếu số thứ tự ở dưới cùng.",
    ),
    "printing": ("Máy đang in phiếu, xin chờ một chút.",),
    # "result" is said by motcua.kiosk.guidance: the number, then TAKE_TICKET or NOT_PRINTED
    "lookup": (
        "Đây là tra cứu thủ tục.",
        "Xin chạm vào tên thủ tục, hoặc gõ tên vào ô tìm kiếm.",
    ),
    "procedure": (
        "Đây là giấy tờ cần chuẩn bị cho thủ tục này.",
        "Muốn lấy số để nộp hồ sơ, xin chạm vào nút ở dưới cùng.",
    ),
    "dossier": (
        "Đây là tra cứu hồ sơ.",
        "Xin đưa mã QR trên giấy hẹn vào ô quét, hoặc gõ mã hồ sơ.",
    ),
    "appointment": (
        "Đây là lấy số cho người có lịch hẹn.",
        "Xin đưa mã QR lịch hẹn vào ô quét, hoặc gõ mã hẹn, rồi chạm vào nút Lấy số.",
    ),
    "submit": ("Xin chạm vào tên thủ tục ông bà muốn nộp.",),
    "intake_consent": (
        "Xin đồng ý cho máy xử lý thông tin của ông bà.",
        "Nếu đồng ý, xin chạm vào nút Tôi đồng ý.",
    ),
    "intake_id": (SCAN_CARD,),
    "intake_phone": (
        "Xin nhập số điện thoại để nhận tin báo kết quả.",
        "Nếu không muốn, xin chạm vào nút Bỏ qua.",
    ),
    "intake_papers": (
        "Đây là các giấy tờ cần nộp.",
        "Xin chạm vào nút Quét bên cạnh từng giấy tờ.",
    ),
    "intake_scan": ("Xin đặt giấy tờ vào máy quét, rồi chạm vào nút Bắt đầu quét.",),
    "intake_review": (
        "Xin kiểm tra lại hồ sơ.",
        "Nếu đúng, xin chạm vào nút Nộp hồ sơ ở dưới cùng.",
    ),
    "intake_done": ("Đã nộp hồ sơ.", "Xin nhận phiếu nộp hồ sơ ở máy in."),
    "rating_counter": ("Ông bà vừa được phục vụ tại quầy nào?", "Xin chạm vào số quầy."),
    "rate": (
        "Ông bà có hài lòng không?",
        "Xin chạm vào một khuôn mặt. Mặt cười là hài lòng.",
    ),
    "reasons": ("Xin chạm vào điều ông bà chưa hài lòng, rồi chạm vào nút Gửi đánh giá.",),
    "thanks": ("Cảm ơn ông bà.",),
    "error": ("Xin lỗi, máy chưa làm được việc này.", ASK_STAFF),
    # (new screens go last: the clip files are numbered in this order)
    "rating": (
        "Đây là đánh giá sự hài lòng.",
        "Xin đưa mã QR trên phiếu số thứ tự vào ô quét.",
    ),
}
# Staff screens (the technician's PIN and console) and the rating tablet's resting screen
# say nothing.

# What espeak-ng must be given to say a word as people here say it.
ESPEAK_SPELLING = {"QR": "kiu a"}


def all_phrases() -> list[str]:
    """Every guidance phrase once, in a fixed order (the clip files are numbered by it)."""
    seen: dict[str, None] = {}
    for p in (GUIDE_ON, STEP, YOUR_NUMBER, TAKE_TICKET, NOT_PRINTED, NO_TICKET, ASK_STAFF):
        seen.setdefault(p)
    for phrases in SCREENS.values():
        for p in phrases:
            seen.setdefault(p)
    seen.setdefault(CARD_LEFT)  # (added after the screens: the files keep their numbers)
    return list(seen)


def espeak_text(phrase: str) -> str:
    """The phrase as espeak-ng is given it."""
    for word, said in ESPEAK_SPELLING.items():
        phrase = phrase.replace(word, said)
    return phrase
