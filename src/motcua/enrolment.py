"""Enrolling a kiosk to a center by QR: the admin prints it, the kiosk's scanner reads it.

    motcua-enrol:1?server=http%3A%2F%2F10.0.0.5%3A8080&token=...

``motcua token create --role kiosk --server URL --qr FILE.png`` writes the QR (mode 0600:
it holds a device token); the technician console reads it with the ID scanner, checks the
token against the center, and writes ``[kiosk] server`` and a token file (0600), which the
kiosk joins at its next start.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

PREFIX = "motcua-enrol:1?"


@dataclass(frozen=True, repr=False)
class Enrolment:
    server: str
    token: str

    def __repr__(self) -> str:  # never the token in a log
        return f"Enrolment({self.server!r}, token={self.token[:4]}…)"


def encode(server: str, token: str) -> str:
    return PREFIX + urlencode({"server": server.rstrip("/"), "token": token})


def parse(text: str) -> Enrolment | None:
    """The enrolment in a scanned line, or None when it is not one."""
    raw = text.strip()
    if not raw.startswith(PREFIX):
        return None
    fields = dict(parse_qsl(raw[len(PREFIX) :]))
    server, token = fields.get("server", ""), fields.get("token", "")
    if not server.startswith(("http://", "https://")) or not token:
        return None
    return Enrolment(server, token)


def write_qr_png(payload: str, path: str) -> None:
    import os

    import qrcode

    image = qrcode.make(payload, border=4, box_size=8)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        image.save(f, format="PNG")
