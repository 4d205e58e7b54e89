"""Technician PIN hashing (PBKDF2-SHA256, stdlib): the configuration never holds a PIN."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

ITERATIONS = 200_000


def _b64(b: bytes) -> str:
    return base64.urlsafe_b64encode(b).decode().rstrip("=")


def _unb64(s: str) -> bytes:
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))


def hash_pin(pin: str, salt: bytes | None = None, iterations: int = ITERATIONS) -> str:
    salt = salt or os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, iterations)
    return f"pbkdf2_sha256${iterations}${_b64(salt)}${_b64(digest)}"


def verify_pin(pin: str, stored: str) -> bool:
    try:
        algo, iters, salt, digest = stored.split("$")
        if algo != "pbkdf2_sha256":
            return False
        got = hashlib.pbkdf2_hmac("sha256", pin.encode(), _unb64(salt), int(iters))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, _unb64(digest))


#: The demo configuration's hash of PIN 1234 (a fixed salt, public in the repository). A
#: real configuration holding it has no secret PIN: the kiosk refuses it until one is set.
DEMO_PIN_HASH = (
    "pbkdf2_sha256$200000$bW90Y3VhLWRlbW8tc2FsdA$XfBYohnzPTj_dAW4BBPfehmLes8Fz2Lj5XD119HFnCM"
)


def is_demo_hash(stored: str) -> bool:
    return hmac.compare_digest(stored.encode(), DEMO_PIN_HASH.encode())


def new_pin(digits: int = 6) -> str:
    """A random PIN for a new configuration (``init-config`` prints it once)."""
    import secrets

    return "".join(secrets.choice("0123456789") for _ in range(digits))


def pin_problem(pin: str) -> tuple[str, str] | None:
    """What is wrong with a PIN a person chose ((vi, en)), or None."""
    if not pin.isdigit() or not 4 <= len(pin) <= 12:
        return "Mã PIN phải gồm 4 đến 12 chữ số", "the PIN must be 4 to 12 digits"
    if len(set(pin)) == 1 or pin in "01234567890" or pin in "09876543210":
        return "Mã PIN quá dễ đoán (1111, 1234...)", "the PIN is too easy to guess (1111, 1234...)"
    return None
