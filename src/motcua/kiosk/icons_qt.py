"""Icons drawn with QPainter: no emoji fonts (often missing on kiosk PCs), no image files.

Each icon is a few strokes in a 100x100 box, scaled to the widget; a name not
known here draws a plain rounded square so a new service never shows a blank.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPixmap, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget


def _poly(p: QPainter, *pts: tuple[float, float], close: bool = True) -> None:
    poly = QPolygonF([QPointF(x, y) for x, y in pts])
    if close:
        p.drawPolygon(poly)
    else:
        p.drawPolyline(poly)


def _ticket(p: QPainter) -> None:
    path = QPainterPath()
    path.addRoundedRect(QRectF(12, 24, 76, 52), 8, 8)
    p.drawPath(path)
    p.drawLine(QPointF(62, 24), QPointF(62, 76))
    p.drawLine(QPointF(24, 42), QPointF(50, 42))
    p.drawLine(QPointF(24, 58), QPointF(44, 58))


def _calendar(p: QPainter) -> None:
    """A wall calendar with a ticked day: an appointment."""
    p.drawRoundedRect(QRectF(14, 22, 72, 64), 8, 8)
    p.drawLine(QPointF(14, 40), QPointF(86, 40))
    p.drawLine(QPointF(32, 12), QPointF(32, 30))
    p.drawLine(QPointF(68, 12), QPointF(68, 30))
    _poly(p, (36, 62), (46, 72), (66, 52), close=False)


def _search(p: QPainter) -> None:
    p.drawEllipse(QRectF(16, 16, 46, 46))
    p.drawLine(QPointF(54, 54), QPointF(84, 84))


def _folder(p: QPainter) -> None:
    _poly(p, (12, 28), (40, 28), (48, 36), (88, 36), (88, 78), (12, 78))
    p.drawLine(QPointF(30, 58), QPointF(44, 70))
    p.drawLine(QPointF(44, 70), QPointF(70, 46))


def _upload(p: QPainter) -> None:
    _poly(p, (22, 12), (62, 12), (78, 28), (78, 88), (22, 88))
    p.drawLine(QPointF(50, 74), QPointF(50, 38))
    _poly(p, (36, 50), (50, 36), (64, 50), close=False)


def _star(p: QPainter) -> None:
    import math

    pts = []
    for i in range(10):
        r = 40 if i % 2 == 0 else 17
        a = -math.pi / 2 + i * math.pi / 5
        pts.append((50 + r * math.cos(a), 54 + r * math.sin(a)))
    _poly(p, *pts)


def _person(p: QPainter, x: float, scale: float = 1.0) -> None:
    p.drawEllipse(QRectF(x - 9 * scale, 20, 18 * scale, 18 * scale))
    p.drawArc(QRectF(x - 18 * scale, 44, 36 * scale, 50 * scale), 0, 180 * 16)


def _family(p: QPainter) -> None:
    _person(p, 34)
    _person(p, 66)
    p.drawEllipse(QRectF(44, 58, 12, 12))


def _stamp(p: QPainter) -> None:
    p.drawRoundedRect(QRectF(38, 12, 24, 34), 8, 8)
    _poly(p, (26, 46), (74, 46), (80, 62), (20, 62))
    p.drawLine(QPointF(16, 82), QPointF(84, 82))


def _house(p: QPainter) -> None:
    _poly(p, (12, 48), (50, 14), (88, 48), close=False)
    _poly(p, (22, 42), (22, 86), (78, 86), (78, 42), close=False)
    p.drawRect(QRectF(42, 60, 16, 26))


def _land(p: QPainter) -> None:
    _poly(p, (10, 80), (32, 30), (90, 30), (68, 80))
    p.drawLine(QPointF(21, 55), QPointF(79, 55))
    p.drawLine(QPointF(50, 30), QPointF(39, 80))


def _shop(p: QPainter) -> None:
    _poly(p, (14, 20), (86, 20), (92, 42), (8, 42))
    p.drawRect(QRectF(16, 42, 68, 44))
    p.drawRect(QRectF(42, 60, 18, 26))


def _care(p: QPainter) -> None:
    path = QPainterPath()
    path.moveTo(50, 84)
    path.cubicTo(8, 56, 14, 16, 50, 34)
    path.cubicTo(86, 16, 92, 56, 50, 84)
    p.drawPath(path)


def _passport(p: QPainter) -> None:
    p.drawRoundedRect(QRectF(24, 10, 52, 80), 6, 6)
    p.drawEllipse(QRectF(36, 28, 28, 28))
    p.drawLine(QPointF(36, 72), QPointF(64, 72))


def _building(p: QPainter) -> None:
    p.drawRect(QRectF(22, 14, 56, 74))
    for y in (26, 42, 58):
        p.drawLine(QPointF(34, y), QPointF(44, y))
        p.drawLine(QPointF(56, y), QPointF(66, y))
    p.drawRect(QRectF(42, 72, 16, 16))


def _idcard(p: QPainter) -> None:
    p.drawRoundedRect(QRectF(10, 22, 80, 56), 8, 8)
    p.drawEllipse(QRectF(20, 36, 20, 20))
    p.drawLine(QPointF(50, 40), QPointF(80, 40))
    p.drawLine(QPointF(50, 54), QPointF(74, 54))
    p.drawLine(QPointF(20, 66), QPointF(80, 66))


def _priority(p: QPainter) -> None:
    _person(p, 42)
    p.drawLine(QPointF(70, 30), QPointF(70, 88))
    p.drawArc(QRectF(62, 18, 16, 16), 0, 180 * 16)


def _elderly(p: QPainter) -> None:
    """A bent person with a walking stick."""
    p.drawEllipse(QRectF(30, 12, 18, 18))
    _poly(p, (40, 32), (48, 58), (40, 88), close=False)
    p.drawLine(QPointF(48, 58), QPointF(58, 88))
    p.drawLine(QPointF(44, 42), QPointF(66, 52))
    p.drawLine(QPointF(68, 50), QPointF(72, 90))
    p.drawArc(QRectF(64, 42, 12, 12), 0, 180 * 16)


def _disability(p: QPainter) -> None:
    """The wheelchair sign."""
    p.drawEllipse(QRectF(36, 8, 16, 16))
    _poly(p, (44, 30), (46, 58), (68, 58), (76, 82), close=False)
    p.drawLine(QPointF(45, 42), QPointF(64, 42))
    p.drawArc(QRectF(18, 46, 44, 44), 40 * 16, 260 * 16)


def _pregnant(p: QPainter) -> None:
    p.drawEllipse(QRectF(36, 10, 18, 18))
    path = QPainterPath()
    path.moveTo(44, 32)
    path.cubicTo(40, 44, 40, 50, 46, 54)
    path.cubicTo(74, 54, 74, 80, 50, 80)
    path.lineTo(42, 90)
    p.drawPath(path)
    p.drawLine(QPointF(44, 34), QPointF(36, 90))


def _merit(p: QPainter) -> None:
    """A medal on its ribbon."""
    _poly(p, (36, 10), (46, 40), close=False)
    _poly(p, (64, 10), (54, 40), close=False)
    p.drawEllipse(QRectF(26, 38, 48, 48))
    _star_at(p, 50, 63, 15, 6)


def _star_at(p: QPainter, cx: float, cy: float, r_out: float, r_in: float) -> None:
    import math

    pts = []
    for i in range(10):
        r = r_out if i % 2 == 0 else r_in
        a = -math.pi / 2 + i * math.pi / 5
        pts.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    _poly(p, *pts)


def _child(p: QPainter) -> None:
    """An adult holding a small child's hand."""
    _person(p, 36)
    p.drawEllipse(QRectF(64, 48, 14, 14))
    p.drawArc(QRectF(58, 66, 26, 30), 0, 180 * 16)
    p.drawLine(QPointF(50, 66), QPointF(62, 74))


def _check(p: QPainter) -> None:
    p.drawEllipse(QRectF(12, 12, 76, 76))
    _poly(p, (30, 52), (44, 66), (72, 36), close=False)


def _warning(p: QPainter) -> None:
    _poly(p, (50, 10), (92, 86), (8, 86))
    p.drawLine(QPointF(50, 36), QPointF(50, 62))
    p.drawPoint(QPointF(50, 74))


def _printer(p: QPainter) -> None:
    p.drawRect(QRectF(28, 12, 44, 24))
    p.drawRoundedRect(QRectF(12, 36, 76, 34), 6, 6)
    p.drawRect(QRectF(28, 60, 44, 28))


def _skip(p: QPainter) -> None:
    _poly(p, (18, 22), (54, 50), (18, 78), close=False)
    _poly(p, (46, 22), (82, 50), (46, 78), close=False)


def _face(p: QPainter, mood: int) -> None:
    p.drawEllipse(QRectF(10, 10, 80, 80))
    p.drawEllipse(QRectF(32, 34, 6, 6))
    p.drawEllipse(QRectF(62, 34, 6, 6))
    if mood > 1:  # a broad, open smile
        path = QPainterPath()
        path.moveTo(28, 56)
        path.cubicTo(32, 84, 68, 84, 72, 56)
        path.closeSubpath()
        p.drawPath(path)
    elif mood == 1:  # a gentle smile: satisfied, not indifferent
        p.drawArc(QRectF(32, 46, 36, 26), 200 * 16, 140 * 16)
    elif mood == 0:
        p.drawLine(QPointF(32, 64), QPointF(68, 64))
    else:
        p.drawArc(QRectF(28, 60, 44, 30), 20 * 16, 140 * 16)


def _speaker(p: QPainter) -> None:
    """A loudspeaker with sound waves: the voice guidance."""
    _poly(p, (12, 38), (28, 38), (50, 18), (50, 82), (28, 62), (12, 62))
    p.drawArc(QRectF(46, 34, 20, 32), -60 * 16, 120 * 16)
    p.drawArc(QRectF(44, 22, 34, 56), -60 * 16, 120 * 16)
    p.drawArc(QRectF(42, 10, 48, 80), -60 * 16, 120 * 16)


def _logo(p: QPainter) -> None:
    p.drawRoundedRect(QRectF(8, 8, 84, 84), 20, 20)
    _poly(p, (30, 30), (30, 70), close=False)
    _poly(p, (30, 30), (50, 55), (70, 30), (70, 70), close=False)


def _square(p: QPainter) -> None:
    p.drawRoundedRect(QRectF(18, 18, 64, 64), 12, 12)


ICONS: dict[str, Callable[[QPainter], None]] = {
    "ticket": _ticket,
    "search": _search,
    "calendar": _calendar,
    "folder": _folder,
    "upload": _upload,
    "star": _star,
    "family": _family,
    "stamp": _stamp,
    "house": _house,
    "land": _land,
    "shop": _shop,
    "care": _care,
    "passport": _passport,
    "building": _building,
    "idcard": _idcard,
    "priority": _priority,
    "elderly": _elderly,
    "disability": _disability,
    "pregnant": _pregnant,
    "merit": _merit,
    "child": _child,
    "check": _check,
    "warning": _warning,
    "printer": _printer,
    "skip": _skip,
    "happy": lambda p: _face(p, 2),
    "smile": lambda p: _face(p, 1),
    "neutral": lambda p: _face(p, 0),
    "sad": lambda p: _face(p, -1),
    "logo": _logo,
    "speaker": _speaker,
}


def paint_icon(p: QPainter, name: str, rect: QRectF, color: QColor) -> None:
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    side = min(rect.width(), rect.height())
    p.translate(rect.center().x() - side / 2, rect.center().y() - side / 2)
    p.scale(side / 100, side / 100)
    pen = QPen(
        color, 6.5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin
    )
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    ICONS.get(name, _square)(p)
    p.restore()


def icon_pixmap(name: str, color: QColor, size: int) -> QPixmap:
    """The icon on a transparent pixmap (for a QPushButton's icon)."""
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    paint_icon(p, name, QRectF(0, 0, size, size), color)
    p.end()
    return pix


class IconWidget(QWidget):
    def __init__(self, name: str, color: QColor, size: int = 96, parent=None) -> None:
        super().__init__(parent)
        self.name = name
        self.color = color
        self.setFixedSize(size, size)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)

    def set_color(self, color: QColor) -> None:
        self.color = color
        self.update()

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        paint_icon(p, self.name, QRectF(self.rect()), self.color)
        p.end()
