"""Care of the center's database file: checks, online backups, restore, owner-only files.

- ``check(path)``: ``PRAGMA quick_check`` on the file, plus the "unexpectedly empty"
  case: a missing or 0-byte file where a center's database was (its marker file
  ``<db>.center`` exists) is refused, never silently started as a new center.
- ``backup(path, dest_dir, keep)``: SQLite's online backup API (consistent while the
  server writes), to ``motcua-<db name>-<UTC stamp>.db`` created 0600, then the oldest
  beyond ``keep`` removed. ``BackupScheduler`` runs it every N minutes in the server.
- ``restore(backup, path)``: checks the backup, then copies it over the database with the
  backup API (the stale WAL and shared-memory files of the old file are removed first).
- ``owner_only()``: the process umask that makes the database, its WAL, backups and key
  files readable by the service user only.

Every message is Vietnamese first, English second, and says what to do.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

log = logging.getLogger(__name__)

MARKER_SUFFIX = ".center"


@dataclass(frozen=True)
class CheckResult:
    ok: bool
    problems: tuple[str, ...] = ()

    def message(self) -> str:
        return "; ".join(self.problems)


def owner_only() -> None:
    """Files this process creates from now on are owner-only (0600 / 0700)."""
    os.umask(0o077)


def tighten(path: Path) -> None:
    """Make an existing database and its WAL/SHM/marker files owner-only."""
    for p in (path, *sidecars(path), marker(path)):
        with contextlib.suppress(FileNotFoundError, PermissionError):
            if p.stat().st_mode & 0o077:
                p.chmod(0o600)


def sidecars(path: Path) -> tuple[Path, Path]:
    return Path(f"{path}-wal"), Path(f"{path}-shm")


def marker(path: Path) -> Path:
    """A small file beside the database saying a center lives there (see ``check``)."""
    return Path(f"{path}{MARKER_SUFFIX}")


def write_marker(path: Path) -> None:
    m = marker(path)
    if not m.exists():
        m.write_text(
            "motcua: a center's database lives beside this file; if the database is missing "
            "or empty, restore it from a backup (motcua db restore) — do not delete this.\n",
            encoding="utf-8",
        )


def _restore_hint(path: Path) -> tuple[str, str]:
    return (
        f"Khôi phục từ bản sao lưu: motcua db restore <tệp sao lưu> --db {path}",
        f"restore from a backup: motcua db restore <backup file> --db {path}",
    )


def check(path: Path) -> CheckResult:
    """Is the database at ``path`` whole? (quick_check, and not unexpectedly empty)."""
    vi_hint, en_hint = _restore_hint(path)
    if not path.exists() or path.stat().st_size == 0:
        if marker(path).exists():
            what = "không còn" if not path.exists() else "rỗng (0 byte)"
            what_en = "is missing" if not path.exists() else "is empty (0 bytes)"
            return CheckResult(
                False,
                (
                    f"Cơ sở dữ liệu {path} {what} dù trung tâm đã chạy ở đây. {vi_hint}. / "
                    f"The database {path} {what_en} although a center ran here; {en_hint}.",
                ),
            )
        return CheckResult(True)  # a new center: nothing there yet, nothing lost
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
        try:
            rows = [r[0] for r in conn.execute("PRAGMA quick_check(20)").fetchall()]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        rows = [str(exc)]
    if rows == ["ok"]:
        return CheckResult(True)
    detail = "; ".join(rows[:5])
    return CheckResult(
        False,
        (
            f"Cơ sở dữ liệu {path} bị hỏng ({detail}). {vi_hint}. / "
            f"The database {path} is damaged ({detail}); {en_hint}.",
        ),
    )


def backup(path: Path, dest_dir: Path, keep: int = 48) -> Path:
    """An online, consistent copy of ``path`` into ``dest_dir`` (0600), rotated to ``keep``."""
    dest_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    dest = dest_dir / f"motcua-{path.stem}-{stamp}.db"
    tmp = dest.with_suffix(".db.part")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(fd)
    src = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    try:
        out = sqlite3.connect(tmp)
        try:
            src.backup(out)
            out.execute("PRAGMA journal_mode = DELETE")
        finally:
            out.close()
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        src.close()
    with open(tmp, "rb") as f:
        os.fsync(f.fileno())
    tmp.rename(dest)
    rotate(dest_dir, path.stem, keep)
    return dest


def backups(dest_dir: Path, stem: str) -> list[Path]:
    """The backups of database ``stem`` in ``dest_dir``, oldest first."""
    return sorted(dest_dir.glob(f"motcua-{stem}-*.db"))


def rotate(dest_dir: Path, stem: str, keep: int) -> None:
    found = backups(dest_dir, stem)
    for old in found[: max(0, len(found) - max(1, keep))]:
        old.unlink(missing_ok=True)


def restore(backup_file: Path, path: Path) -> None:
    """Replace the database at ``path`` with ``backup_file`` (stop the server first)."""
    result = check(backup_file)
    if not result.ok or not backup_file.exists() or backup_file.stat().st_size == 0:
        raise ValueError(
            f"Bản sao lưu {backup_file} không dùng được / the backup is not usable: "
            + (result.message() or "empty")
        )
    for side in sidecars(path):
        side.unlink(missing_ok=True)
    tmp = Path(f"{path}.restoring")
    tmp.unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)
    try:
        out = sqlite3.connect(tmp)
        try:
            src.backup(out)
        finally:
            out.close()
    finally:
        src.close()
    tmp.chmod(0o600)
    os.replace(tmp, path)
    write_marker(path)


def id_key(key_file: Path, db: Path) -> bytes:
    """The key of the ID-number hash, from its own 0600 file.

    A missing file is created: with the key an older release kept in the database
    (``meta.id_secret``, so today's hashes still match), else a new random key. The
    database no longer holds it afterwards (``QueueService.open(id_key=...)``), so a
    copied database file does not carry the key that protects its ID hashes."""
    if key_file.exists():
        text = key_file.read_text(encoding="ascii").strip()
        return bytes.fromhex(text)
    key = _key_in_database(db) or os.urandom(32)
    key_file.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(key.hex() + "\n")
        f.flush()
        os.fsync(f.fileno())
    return key


def new_id_key_file(key_file: Path) -> Path:
    """Create a fresh key file (``motcua init-config``); an existing one is kept."""
    if not key_file.exists():
        id_key(key_file, Path("/nonexistent"))
    return key_file


def _key_in_database(db: Path) -> bytes | None:
    if not db.exists() or db.stat().st_size == 0:
        return None
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = 'id_secret'").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return bytes.fromhex(row[0]) if row else None


def write_secret(path: Path, text: str) -> Path:
    """Write ``text`` to a new owner-only (0600) file, replacing an old one."""
    path.unlink(missing_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text + "\n")
    return path.resolve()


class BackupScheduler:
    """A daemon thread taking ``backup()`` every ``minutes`` (the first one at start)."""

    def __init__(self, path: Path, dest_dir: Path, minutes: float, keep: int) -> None:
        self.path, self.dest_dir, self.minutes, self.keep = path, dest_dir, minutes, keep
        self.last: Path | None = None
        self.last_error: str | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="motcua-backup", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(10)

    def _run(self) -> None:
        while not self._stop.is_set():
            started = time.monotonic()
            try:
                self.last = backup(self.path, self.dest_dir, self.keep)
                self.last_error = None
            except (OSError, sqlite3.Error) as exc:
                self.last_error = str(exc)
                log.error("backup of %s to %s failed: %s", self.path, self.dest_dir, exc)
            wait = max(1.0, self.minutes * 60 - (time.monotonic() - started))
            self._stop.wait(wait)


class HealthWatch:
    """What /health says about storage: the last quick_check (re-run at most every
    ``every`` seconds, on the caller's thread) and the backup scheduler's state."""

    def __init__(self, path: Path, every: float = 30.0, backups: BackupScheduler | None = None):
        self.path, self.every, self.backups = path, every, backups
        self._checked = -1e9
        self._result = CheckResult(True)
        self._lock = threading.Lock()

    def problems(self) -> list[str]:
        with self._lock:
            if time.monotonic() - self._checked >= self.every:
                self._result = check(self.path)
                self._checked = time.monotonic()
            out = list(self._result.problems)
        if self.backups is not None and self.backups.last_error:
            out.append(f"Sao lưu thất bại / backup failed: {self.backups.last_error}")
        return out
