"""The applicant's full name, ID number and address, kept sealed until the portal has them.

The national portal needs ChuHoSo (name), MaDoiTuong (ID number) and DiaChi in full
(DOMAIN.md); the center itself keeps only masked values and a keyed hash. So at intake
(``DossierService.create``, in its own transaction) the full values are sealed into
``sync_personal``, one row per dossier, and:

- the sender unseals them into the dossier's creation just before it is sent (never into
  the outbox payload, never into a log line: the payload keeps the masked values);
- the row is erased in the same transaction that marks the creation delivered — from then
  on the portal is the only holder of the full values;
- a later update (DongBoHoSoMC isUpdating "True" replaces the dossier) takes them from the
  portal's own copy, read back with TraCuuHoSo just before (one call more per update, and
  nothing personal kept here for the weeks a dossier is processed);
- a draft discarded before submission erases its row; rows never claimed by a creation are
  pruned after ``sender.retention_s`` with the delivered rows.

Sealing: AES-256-GCM (``cryptography``), a fresh 96-bit nonce per row, the dossier code as
associated data (a sealed row moved to another dossier does not open). The key is derived
with HKDF-SHA256 (info ``motcua/portal-personal/v1``) from the center's key file outside
the database (``[server] id_key_file``, issue 12's hardening), never the raw key itself:
a copied database without the key file yields nothing; the hash key and this one stay
independent. See docs/integrators/portal-sync.md, "Personal data".
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from motcua.sync.outbox import TxLike

_VERSION = b"\x01"
_INFO = b"motcua/portal-personal/v1"
# The payload fields the sealed values fill (DossierPayload's names).
FIELDS = ("applicant_name", "applicant_id", "address")


@dataclass(frozen=True)
class Sealer:
    """Seals and opens one dossier's personal values with the center's derived key."""

    _aead: AESGCM

    @classmethod
    def from_center_key(cls, key: bytes) -> Sealer:
        if len(key) < 16:
            raise ValueError("the center key is too short")
        derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(key)
        return cls(AESGCM(derived))

    def seal(self, code: str, values: dict[str, str]) -> bytes:
        nonce = os.urandom(12)
        plain = json.dumps(values, ensure_ascii=False, sort_keys=True).encode()
        return _VERSION + nonce + self._aead.encrypt(nonce, plain, code.encode())

    def open(self, code: str, sealed: bytes) -> dict[str, str] | None:
        """The values, or None when they do not open (another key, another dossier)."""
        if sealed[:1] != _VERSION or len(sealed) < 29:
            return None
        try:
            plain = self._aead.decrypt(sealed[1:13], sealed[13:], code.encode())
        except InvalidTag:
            return None
        data = json.loads(plain)
        return {k: str(data.get(k, "")) for k in FIELDS}

    def __repr__(self) -> str:  # never show key material
        return "Sealer(<key>)"


def keep(
    tx: TxLike, sealer: Sealer, code: str, *, name: str, id_number: str, address: str, now: float
) -> None:
    """At intake, in the dossier's creating transaction."""
    values = {"applicant_name": name, "applicant_id": id_number, "address": address}
    tx.run(
        "INSERT OR REPLACE INTO sync_personal (dossier_code, sealed, created_at) VALUES (?, ?, ?)",
        (code, sealer.seal(code, values), now),
    )


def held(tx: TxLike, sealer: Sealer, code: str) -> dict[str, str] | None:
    row = tx.one("SELECT sealed FROM sync_personal WHERE dossier_code = ?", (code,))
    return None if row is None else sealer.open(code, bytes(row["sealed"]))


def erase(tx: TxLike, code: str) -> None:
    tx.run("DELETE FROM sync_personal WHERE dossier_code = ?", (code,))


def prune(tx: TxLike, before: float) -> int:
    """Rows older than ``before`` whose dossier has no creation waiting to be sent."""
    cur = tx.run(
        "DELETE FROM sync_personal WHERE created_at < ? AND NOT EXISTS (SELECT 1 FROM"
        " sync_outbox o WHERE o.dossier_code = sync_personal.dossier_code"
        " AND o.kind = 'create' AND o.state != 'delivered')",
        (before,),
    )
    return int(cur.rowcount)


def from_portal(raw: dict[str, Any]) -> dict[str, str] | None:
    """The full values from the portal's own copy of a dossier (TraCuuHoSo), if it has
    them unmasked (an ID number of digits, a name without abbreviations)."""
    number = str(raw.get("MaDoiTuong") or "")
    if not number.isdigit():
        return None
    return {
        "applicant_name": str(raw.get("ChuHoSo") or ""),
        "applicant_id": number,
        "address": str(raw.get("DiaChi") or ""),
    }
