"""The block-cipher pieces ICAO 9303 part 11 needs, over ``cryptography``.

3DES (two-key, for BAC and 3DES secure messaging), the ISO 9797-1 MAC algorithm 3
("retail MAC") over single DES, AES-CBC, AES-CMAC, ISO 9797-1 padding method 2 and the
key derivation function KDF(K, c). Only the composition is ours; every cipher is
``cryptography``'s.
"""

from __future__ import annotations

import hashlib

from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.cmac import CMAC

ENC, MAC, PACE_PI = 1, 2, 3  # the counter c of KDF(K, c)


def pad(data: bytes, block: int) -> bytes:
    """ISO/IEC 9797-1 padding method 2: 80 then zeros up to a whole block."""
    data = data + b"\x80"
    return data + b"\x00" * (-len(data) % block)


def unpad(data: bytes) -> bytes:
    end = data.rstrip(b"\x00")
    if not end or end[-1] != 0x80:
        raise ValueError("bad ISO 9797-1 padding")
    return end[:-1]


def _tdes_key(key: bytes) -> bytes:
    return key + key[:8] if len(key) == 16 else key


def tdes_encrypt(key: bytes, data: bytes, iv: bytes = bytes(8)) -> bytes:
    enc = Cipher(TripleDES(_tdes_key(key)), modes.CBC(iv)).encryptor()
    return enc.update(data) + enc.finalize()


def tdes_decrypt(key: bytes, data: bytes, iv: bytes = bytes(8)) -> bytes:
    dec = Cipher(TripleDES(_tdes_key(key)), modes.CBC(iv)).decryptor()
    return dec.update(data) + dec.finalize()


def _des_ecb(key8: bytes, block: bytes, decrypt: bool = False) -> bytes:
    # Single DES is 3DES with K1 = K2 = K3.
    cipher = Cipher(TripleDES(key8 * 3), modes.ECB())
    op = cipher.decryptor() if decrypt else cipher.encryptor()
    return op.update(block) + op.finalize()


def retail_mac(key: bytes, data: bytes) -> bytes:
    """ISO 9797-1 MAC algorithm 3 with DES; ``data`` already padded to 8 bytes."""
    if len(data) % 8:
        raise ValueError("retail MAC input must be padded")
    k1, k2 = key[:8], key[8:16]
    h = bytes(8)
    for i in range(0, len(data), 8):
        block = bytes(a ^ b for a, b in zip(h, data[i : i + 8], strict=True))
        h = _des_ecb(k1, block)
    h = _des_ecb(k2, h, decrypt=True)
    return _des_ecb(k1, h)


def aes_encrypt(key: bytes, data: bytes, iv: bytes = bytes(16)) -> bytes:
    enc = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    return enc.update(data) + enc.finalize()


def aes_decrypt(key: bytes, data: bytes, iv: bytes = bytes(16)) -> bytes:
    dec = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return dec.update(data) + dec.finalize()


def aes_ecb(key: bytes, block: bytes) -> bytes:
    enc = Cipher(algorithms.AES(key), modes.ECB()).encryptor()
    return enc.update(block) + enc.finalize()


def aes_cmac(key: bytes, data: bytes) -> bytes:
    c = CMAC(algorithms.AES(key))
    c.update(data)
    return c.finalize()


def des_parity(key: bytes) -> bytes:
    """Set each byte's low bit so the byte has odd parity (DES ignores it; the vectors show it)."""
    return bytes((b & 0xFE) | ((bin(b >> 1).count("1") + 1) & 1) for b in key)


def kdf(secret: bytes, counter: int, cipher: str = "3DES", key_bits: int = 112) -> bytes:
    """ICAO 9303-11 section 9.7.1: KDF(K, c) = H(K || c) cut to the cipher's key."""
    data = secret + counter.to_bytes(4, "big")
    if cipher == "3DES":
        return des_parity(hashlib.sha1(data).digest()[:16])
    if key_bits == 128:
        return hashlib.sha1(data).digest()[:16]
    if key_bits == 192:
        return hashlib.sha256(data).digest()[:24]
    if key_bits == 256:
        return hashlib.sha256(data).digest()
    raise ValueError(f"no KDF for {cipher}-{key_bits}")
