"""Paper to feed the sim scanner: A4 pages rendered from Vietnamese text, and photo pages.

``write_sample_pages(folder, n)`` fills a folder with numbered PNGs (odd pages filled-in
forms, even pages full letters of 12 pt text; every ``photo_every``-th page an ID-card-like
photo copy), so ``sim://?pages=folder`` scans "papers" a clerk could read. Demos, the
tests and bench/scan_pages.py use it.
"""

from __future__ import annotations

import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

A4_MM = (210, 297)

FONT_PATHS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
    "/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
)
MONO_PATHS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansMono-Regular.ttf",
    *FONT_PATHS,
)
BOLD_PATHS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf",
    "/usr/share/fonts/truetype/noto/NotoSerif-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
)

TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
HEADINGS = (
    "ĐƠN ĐĂNG KÝ KHAI SINH",
    "TỜ KHAI ĐĂNG KÝ HỘ KINH DOANH",
    "GIẤY ĐỀ NGHỊ CẤP BẢN SAO TRÍCH LỤC",
    "ĐƠN ĐỀ NGHỊ CHỨNG THỰC CHỮ KÝ",
)
PARAGRAPH = (
    "Kính gửi Ủy ban nhân dân phường Bến Nghé. Tôi tên là Nguyễn Thị Hương, sinh ngày "
    "mười lăm tháng tám năm một nghìn chín trăm tám mươi lăm, nơi cư trú tại số nhà mười "
    "hai đường Lê Lợi, quận Một, thành phố Hồ Chí Minh. Tôi đề nghị cơ quan có thẩm quyền "
    "xem xét giải quyết thủ tục hành chính theo quy định của pháp luật. Tôi xin cam đoan "
    "những nội dung khai trên đây là đúng sự thật và chịu trách nhiệm trước pháp luật về "
    "lời khai của mình. Hồ sơ kèm theo gồm bản sao giấy tờ tùy thân, giấy xác nhận nơi cư "
    "trú và các giấy tờ liên quan khác theo hướng dẫn của cán bộ tiếp nhận."
)


def _font(paths: tuple[str, ...], size: int) -> ImageFont.FreeTypeFont:
    for path in paths:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    raise FileNotFoundError(
        "Cần phông chữ DejaVu hoặc Noto (fonts-dejavu-core / fonts-noto-core) — "
        "needs DejaVu or Noto fonts"
    )


def a4_pixels(dpi: int) -> tuple[int, int]:
    return round(A4_MM[0] / 25.4 * dpi), round(A4_MM[1] / 25.4 * dpi)


def _wrap(
    draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int
) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if draw.textlength(trial, font=font) <= width:
            line = trial
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def _headed_page(
    dpi: int, heading: str
) -> tuple[Image.Image, ImageDraw.ImageDraw, ImageFont.FreeTypeFont, int]:
    """A blank A4 page with the national motto and ``heading``; returns the body font and
    the height where the body starts."""
    w, h = a4_pixels(dpi)
    page = Image.new("L", (w, h), 250)
    draw = ImageDraw.Draw(page)
    pt = dpi / 72
    body = _font(FONT_PATHS, round(12 * pt))
    bold = _font(BOLD_PATHS, round(13 * pt))
    y = round(h * 0.06)
    for text, font in ((TITLE, bold), (MOTTO, body)):
        draw.text(((w - draw.textlength(text, font=font)) / 2, y), text, font=font, fill=20)
        y += round(20 * pt)
    y += round(16 * pt)
    draw.text(((w - draw.textlength(heading, font=bold)) / 2, y), heading, font=bold, fill=15)
    return page, draw, body, y + round(34 * pt)


def text_page(number: int, dpi: int = 300, heading: str | None = None) -> Image.Image:
    """A grey A4 form page in Vietnamese: national motto, a heading, paragraphs, signature."""
    page, draw, body, y = _headed_page(dpi, heading or HEADINGS[number % len(HEADINGS)])
    w, h = page.size
    pt, margin = dpi / 72, round(w * 0.11)
    rng = random.Random(number)
    words = PARAGRAPH.split()
    while y < h * 0.78:
        start = rng.randrange(0, len(words) // 2)
        for line in _wrap(draw, " ".join(words[start:] + words[:start]), body, w - 2 * margin):
            draw.text((margin, y), line, font=body, fill=25)
            y += round(17 * pt)
            if y > h * 0.78:
                break
        y += round(10 * pt)
    sign = f"Người làm đơn (ký, ghi rõ họ tên) — trang {number}"
    draw.text(
        (w - margin - draw.textlength(sign, font=body), y + round(10 * pt)),
        sign,
        font=body,
        fill=25,
    )
    return page


FIELDS = (
    ("Họ, chữ đệm, tên người yêu cầu", "Nguyễn Thị Hương"),
    ("Ngày, tháng, năm sinh", "15/08/1985"),
    ("Nơi cư trú", "Số 12 đường Lê Lợi, phường Bến Nghé, Quận 1, TP. Hồ Chí Minh"),
    ("Giấy tờ tùy thân", "Căn cước công dân"),
    ("Quan hệ với người được khai sinh", "Mẹ"),
    ("Họ, chữ đệm, tên người được khai sinh", "Trần Minh Khôi"),
    ("Giới tính", "Nam"),
    ("Dân tộc", "Kinh"),
    ("Quốc tịch", "Việt Nam"),
    ("Nơi sinh", "Bệnh viện Từ Dũ, Thành phố Hồ Chí Minh"),
    ("Quê quán", "Xã Phước Hưng, huyện Long Điền, tỉnh Bà Rịa - Vũng Tàu"),
)


def form_page(number: int, dpi: int = 300) -> Image.Image:
    """A filled-in A4 form (tờ khai): motto, heading, labelled fields on dotted lines,
    a short declaration and the signature block: the commonest paper at a counter."""
    page, draw, body, y = _headed_page(dpi, HEADINGS[number % len(HEADINGS)])
    w = page.width
    pt, margin = dpi / 72, round(w * 0.11)
    draw.text((margin, y), "Kính gửi: Ủy ban nhân dân phường Bến Nghé", font=body, fill=25)
    y += round(26 * pt)
    for label, value in FIELDS:
        text = f"{label}: "
        draw.text((margin, y), text, font=body, fill=25)
        x = margin + draw.textlength(text, font=body)
        draw.text((x, y - round(1 * pt)), value, font=body, fill=40)
        dots_y = y + round(13 * pt)
        for dx in range(round(x), w - margin, round(3 * pt)):
            draw.point((dx, dots_y), fill=90)
        y += round(21 * pt)
    y += round(10 * pt)
    for line in _wrap(draw, PARAGRAPH.split(". ", 4)[-1], body, w - 2 * margin)[:4]:
        draw.text((margin, y), line, font=body, fill=25)
        y += round(17 * pt)
    sign = f"Người yêu cầu (ký, ghi rõ họ tên) — trang {number}"
    y += round(24 * pt)
    draw.text((w - margin - draw.textlength(sign, font=body), y), sign, font=body, fill=25)
    return page


def photo_page(number: int, dpi: int = 300) -> Image.Image:
    """A colour copy of both sides of an ID-card-like card on A4: gradients, a face and
    printed text on the front; identifying marks, the issue date, two fingerprint boxes
    and a three-line MRZ (fictional) on the back."""
    w, h = a4_pixels(dpi)
    page = Image.new("RGB", (w, h), (246, 246, 244))
    cw, ch = round(85.6 / 25.4 * dpi * 1.6), round(54 / 25.4 * dpi * 1.6)
    f = _font(FONT_PATHS, round(8 * dpi / 72 * 1.6))
    front = _card_background(cw, ch)
    draw = ImageDraw.Draw(front)
    face = (round(cw * 0.06), round(ch * 0.28), round(cw * 0.32), round(ch * 0.9))
    draw.rectangle(face, fill=(200, 170, 150))
    draw.ellipse((face[0] + 40, face[1] + 30, face[2] - 40, face[3] - 120), fill=(170, 120, 95))
    draw.text((round(cw * 0.36), round(ch * 0.1)), "CĂN CƯỚC CÔNG DÂN", font=f, fill=(180, 20, 20))
    for i, line in enumerate(
        ("Họ và tên: NGUYỄN VĂN AN", "Ngày sinh: 01/01/1990", "Quê quán: Hà Nội")
    ):
        draw.text(
            (round(cw * 0.36), round(ch * (0.35 + 0.15 * i))), line, font=f, fill=(20, 20, 60)
        )
    back = _card_background(cw, ch)
    draw = ImageDraw.Draw(back)
    small = _font(FONT_PATHS, round(6 * dpi / 72 * 1.6))
    for i, line in enumerate(
        ("Đặc điểm nhân dạng: Nốt ruồi C:2cm trên", "sau đuôi mắt trái", "Ngày cấp: 10/05/2021")
    ):
        draw.text(
            (round(cw * 0.05), round(ch * (0.06 + 0.1 * i))), line, font=small, fill=(20, 20, 60)
        )
    for k in range(2):  # the fingerprint boxes
        x0 = round(cw * (0.64 + 0.18 * k))
        draw.rectangle(
            (x0, round(ch * 0.06), x0 + round(cw * 0.15), round(ch * 0.5)),
            outline=(60, 60, 80),
            width=4,
        )
    mono = _font(MONO_PATHS, round(7.5 * dpi / 72 * 1.6))
    mrz = (  # a fictional ID number, with the check digits right (scanner/mrz.py reads it)
        "IDVNM0900012345001090001234<<6",
        "9001011M3001019VNM<<<<<<<<<<<8",
        "NGUYEN<<VAN<AN<<<<<<<<<<<<<<<<",
    )
    for i, line in enumerate(mrz):
        draw.text(
            (round(cw * 0.05), round(ch * (0.6 + 0.12 * i))), line, font=mono, fill=(10, 10, 10)
        )
    for side, top in ((front, 0.12), (back, 0.55)):
        page.paste(side.filter(ImageFilter.GaussianBlur(1.2)), ((w - cw) // 2, round(h * top)))
    return page


def _card_background(cw: int, ch: int) -> Image.Image:
    card = Image.linear_gradient("L").resize((cw, ch))
    return Image.merge(
        "RGB",
        (
            card.point(lambda v: 150 + v // 3),
            card.point(lambda v: 190 - v // 4),
            card.point(lambda v: 120 + v // 2),
        ),
    )


def write_sample_pages(
    folder: Path, count: int, dpi: int = 300, photo_every: int = 0, prefix: str = "page"
) -> list[Path]:
    """``count`` numbered PNG pages in ``folder`` (made if missing); returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for n in range(1, count + 1):
        photo = photo_every > 0 and n % photo_every == 0
        # forms and full letters by turns, a colour copy every photo_every-th
        image = photo_page(n, dpi) if photo else form_page(n, dpi) if n % 2 else text_page(n, dpi)
        path = folder / f"{prefix}-{n:04d}.png"
        image.save(path, dpi=(dpi, dpi), compress_level=1)
        paths.append(path)
    return paths
