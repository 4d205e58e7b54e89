"""A dossier's papers on disk: PDFs, one folder per dossier, recorded crash-safely.

An upload is streamed into a temporary file inside the dossier's folder, checked (a PDF,
not over the limit), fsynced, and renamed to a fresh name inside the transaction that
records it; the old file goes only after that commit, and the folder is fsynced. A crash
at any point leaves either the old paper or the new one recorded, never a dossier that
claims a paper it does not have. A paper change is not a history step (the portal learns
the papers with the step that follows: submit, accept...), so ``on_change`` is not told.

``DossierService`` holds one of these and is still the one door: its paper methods call
here.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Iterable
from pathlib import Path

from motcua.clock import Clock
from motcua.dossier import records
from motcua.dossier.errors import InvalidDossier, PaperTooLarge, UnknownDossier
from motcua.dossier.lifecycle import check_papers_open
from motcua.dossier.models import Dossier
from motcua.storage import Store, Tx

MAX_PAPER_BYTES = 20 * 1024 * 1024


class PaperFiles:
    def __init__(self, db: Store, root: str | Path, clock: Clock, max_bytes: int) -> None:
        self.db = db
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self.clock = clock
        self.max_bytes = max_bytes

    def folder(self, code: str) -> Path:
        return self.root / code

    def path(self, d: Dossier, n: int) -> Path:
        """Where paper ``n`` of ``d`` is; UnknownDossier when it is not scanned."""
        paper = d.paper(n)
        if paper is None or not paper.present:
            raise UnknownDossier(
                f"Hồ sơ {d.code} chưa có giấy tờ số {n}", f"dossier {d.code} has no paper {n}"
            )
        return self.folder(d.code) / paper.file

    def too_large(self) -> PaperTooLarge:
        mb = self.max_bytes // (1024 * 1024)
        return PaperTooLarge(
            f"Tệp quá lớn: mỗi giấy tờ tối đa {mb} MB", f"file too large: at most {mb} MB a paper"
        )

    # ------------------------------------------------------------------ upload
    def upload_target(self, code: str) -> Path:
        """A fresh temporary file inside the dossier's folder for a streamed upload."""
        d = self.db.read(lambda tx: records.require(tx, records.normal_code(code)))
        check_papers_open(d.code, d.status)
        folder = self.folder(d.code)
        folder.mkdir(parents=True, exist_ok=True)
        return folder / f".upload-{uuid.uuid4().hex}.part"

    def put(self, code: str, n: int, data: bytes | Iterable[bytes]) -> Dossier:
        """Store paper ``n`` from bytes or chunks (in-process callers: the kiosk, tests)."""
        target = self.upload_target(code)
        total = 0
        with open(target, "wb") as f:
            for chunk in [data] if isinstance(data, bytes) else data:
                total += len(chunk)
                if total > self.max_bytes:
                    f.close()
                    target.unlink(missing_ok=True)
                    raise self.too_large()
                f.write(chunk)
        return self.attach(code, n, target)

    def attach(self, code: str, n: int, part: Path) -> Dossier:
        """Record the uploaded file ``part`` (from ``upload_target``) as paper ``n``."""
        try:
            size = part.stat().st_size
            with open(part, "rb") as f:
                head = f.read(5)
                digest = hashlib.sha256(head)
                for chunk in iter(lambda: f.read(1 << 20), b""):
                    digest.update(chunk)
                os.fsync(f.fileno())
            if size > self.max_bytes:
                raise self.too_large()
            if head != b"%PDF-":
                raise InvalidDossier("Tệp gửi lên không phải PDF", "the uploaded file is not a PDF")
            final = f"{n:02d}-{digest.hexdigest()[:12]}-{uuid.uuid4().hex[:8]}.pdf"
            now = self.clock.now()
            old: list[str] = []

            def op(tx: Tx) -> Dossier:
                d = self._open_paper(tx, code, n, old)
                os.replace(part, self.folder(d.code) / final)
                records.set_paper(tx, d.code, n, final, size, digest.hexdigest(), now)
                return records.require(tx, d.code)

            result = self.db.write(op)
        finally:
            part.unlink(missing_ok=True)
        self._remove(result.code, old)
        _fsync_dir(self.folder(result.code))
        return result

    def delete(self, code: str, n: int) -> Dossier:
        old: list[str] = []

        def op(tx: Tx) -> Dossier:
            d = self._open_paper(tx, code, n, old)
            records.clear_papers(tx, d.code, n)
            return records.require(tx, d.code)

        result = self.db.write(op)
        self._remove(result.code, old)
        return result

    def remove_all(self, code: str) -> None:
        """Every file of dossier ``code`` and its folder (after its papers were cleared)."""
        folder = self.folder(code)
        if folder.exists():
            for f in folder.iterdir():
                f.unlink(missing_ok=True)
            folder.rmdir()

    # ------------------------------------------------------------------ helpers
    def _open_paper(self, tx: Tx, code: str, n: int, old: list[str]) -> Dossier:
        """The dossier whose paper ``n`` is about to change (its current file noted in
        ``old``, removed once the change commits); 409 when its papers are closed."""
        d = records.require(tx, records.normal_code(code))
        check_papers_open(d.code, d.status)
        paper = d.paper(n)
        if paper is None:
            raise UnknownDossier(
                f"Thủ tục này không có giấy tờ số {n} (có {len(d.papers)} giấy tờ)",
                f"this procedure has no paper {n} (it has {len(d.papers)})",
            )
        old.append(paper.file)
        return d

    def _remove(self, code: str, names: list[str]) -> None:
        for name in names:
            if name:
                (self.folder(code) / name).unlink(missing_ok=True)


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
