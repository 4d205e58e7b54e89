"""The day's numbers already handed out, kept beside the database (``<db>.numbers``).

Why outside the database: a restore from an older backup, or a WAL whose tail was lost,
takes ``number_seq`` back in time, and the next ticket would carry a number that is
already in a citizen's hand. A small file next to the database (never inside it, never
in its backups, and left alone by ``motcua db restore``) keeps, per business day and
service, a *ceiling*: a number at or above every number handed out.

The rule (one place: ``cover``, called by ``numbering.allocate`` inside the write
transaction, before the number is committed or returned):

- numbers are reserved in blocks of ``BLOCK`` (50): a number beyond the reserved ceiling
  first writes the new ceiling (temporary file, fsync, rename, fsync of the folder) and
  only then is issued — one fsync per 50 tickets, not one per ticket;
- a ceiling never goes down: the file is re-read and merged (``max``) before each write,
  so two processes on one database never lower each other's reservation (their writes
  are serialised by SQLite's write lock, which ``allocate`` holds);
- at start (``raise_floors``), each service's next number is above
  ``max(database, ceiling)``: numbers never repeat, and up to ``BLOCK - 1`` numbers are
  skipped after each restart (gaps are expected; duplicates are not).

A missing file where one was kept before (the database says so: ``meta.numbers_file``;
a database of an older release starts one without fuss), or an unreadable one
(bad JSON, a wrong checksum), is logged as an error and kept aside
(``<db>.numbers.unreadable``); issuing goes on from the database's numbers *plus one
block*, so a file lost together with a short WAL tail still repeats nothing, and the
problem stays listed (``problem``, shown by ``/health``) until the next start. A file
that cannot be written (disk full, permissions) never blocks issuing: the error is
logged once and the write is retried at the next number.

Positions are ``(wraps, number)``: a range that runs out starts again at its first
number (``numbering.allocate``), and the ceiling follows it into the next lap.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import threading
from collections.abc import Mapping
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import unquote, urlsplit

from motcua.config import Numbering
from motcua.storage import Tx

log = logging.getLogger(__name__)

BLOCK = 50  # numbers reserved per fsynced write
KEEP_DAYS = 7  # days kept in the file (a clock set back a few days still finds its marks)
SUFFIX = ".numbers"
FORMAT = 1

Key = tuple[str, str]  # (day ISO, service code)
Position = tuple[int, int]  # (wraps, number)


def sidecar_path(db_path: str | Path) -> Path | None:
    """``<db>.numbers`` for a database file; None for memory or read-only databases."""
    text = str(db_path)
    if text.startswith("file:"):
        parts = urlsplit(text)
        if "mode=ro" in parts.query or "mode=memory" in parts.query:
            return None
        text = unquote(parts.path)
    if not text or text == ":memory:":
        return None
    return Path(f"{text}{SUFFIX}")


def _digest(days: Mapping[str, Mapping[str, list[int]]]) -> str:
    canonical = json.dumps(days, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


class Unreadable(ValueError):
    pass


def decode(text: str | bytes) -> dict[Key, Position]:
    """The ceilings in a sidecar's text; ``Unreadable`` when it is not whole."""
    try:
        data = json.loads(text.decode("utf-8") if isinstance(text, bytes) else text)
        days = data["days"]
        if data.get("format") != FORMAT or data.get("sha256") != _digest(days):
            raise Unreadable("wrong format or checksum")
        out: dict[Key, Position] = {}
        for day, services in days.items():
            date.fromisoformat(day)
            for code, (wraps, ceiling) in services.items():
                out[(day, str(code))] = (int(wraps), int(ceiling))
        return out
    except Unreadable:
        raise
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise Unreadable(str(exc)) from exc


def encode(marks: Mapping[Key, Position]) -> str:
    days: dict[str, dict[str, list[int]]] = {}
    for (day, code), (wraps, ceiling) in sorted(marks.items()):
        days.setdefault(day, {})[code] = [wraps, ceiling]
    return json.dumps({"format": FORMAT, "days": days, "sha256": _digest(days)}) + "\n"


def _prune(marks: dict[Key, Position]) -> dict[Key, Position]:
    if not marks:
        return marks
    newest = max(date.fromisoformat(day) for day, _ in marks)
    oldest = (newest - timedelta(days=KEEP_DAYS)).isoformat()
    return {k: v for k, v in marks.items() if k[0] >= oldest}


class NumberMarks:
    """The sidecar of one database, as this process knows it. Used on the writer thread."""

    def __init__(self, path: Path | None, block: int = BLOCK) -> None:
        self.path = path
        self.block = max(1, int(block))
        self.writes = 0  # fsynced writes of the file by this process (tests, benchmarks)
        self.problem: tuple[str, str] | None = None  # (vi, en) while something is wrong
        self._reserved: dict[Key, Position] = {}
        self._write_failing = False
        self._lock = threading.Lock()

    @classmethod
    def beside(cls, db_path: str | Path, block: int = BLOCK) -> NumberMarks:
        return cls(sidecar_path(db_path), block)

    # ------------------------------------------------------------------ the file
    def _read(self) -> dict[Key, Position] | None:
        """The file's ceilings; None when there is no file. Raises Unreadable, OSError."""
        assert self.path is not None
        try:
            text = self.path.read_bytes()
        except FileNotFoundError:
            return None
        return decode(text)

    def _write(self, marks: dict[Key, Position]) -> None:
        assert self.path is not None
        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(encode(marks))
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise
        dir_fd = os.open(self.path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
        self.writes += 1

    # ------------------------------------------------------------------ at start
    def raise_floors(self, tx: Tx, numberings: Mapping[str, Numbering]) -> None:
        """Inside a write at open: lift ``number_seq`` to the file's ceilings, so the next
        number of every service is above anything handed out (even if the database lost
        it). A missing or unreadable file: the database's numbers plus one block."""
        if self.path is None:
            return
        try:
            found = self._read()
        except (Unreadable, OSError) as exc:
            aside = self.path.with_name(f"{self.path.name}.unreadable")
            with contextlib.suppress(OSError):
                os.replace(self.path, aside)
            log.error(
                "numbers file %s is unreadable (%s), kept as %s: numbers continue %d above "
                "the database's, so none is repeated",
                self.path,
                exc,
                aside.name,
                self.block,
            )
            self.problem = (
                f"Tệp số đã phát {self.path.name} không đọc được; số thứ tự tiếp tục "
                f"cách số trong cơ sở dữ liệu {self.block} số (không số nào bị phát lại)",
                f"numbers file {self.path.name} was unreadable ({exc}); numbers continue "
                f"{self.block} above the database's (none repeats)",
            )
            self._skip_a_block(tx, numberings)
            return
        kept_before = tx.one("SELECT 1 AS x FROM meta WHERE key = 'numbers_file'") is not None
        if not kept_before:  # from now on this database's numbers are kept beside it
            tx.run("INSERT OR IGNORE INTO meta (key, value) VALUES ('numbers_file', ?)", ("1",))
        if found is None:
            # A database from a release without the file: its numbers are all there is.
            if kept_before and self._skip_a_block(tx, numberings):
                log.error(
                    "numbers file %s is missing although the database handed out numbers: "
                    "numbers continue %d above the database's, so none is repeated",
                    self.path,
                    self.block,
                )
            return
        for (day, code), (wraps, ceiling) in found.items():
            row = tx.one(
                "SELECT last, wraps FROM number_seq WHERE day = ? AND service_code = ?",
                (day, code),
            )
            if row is not None and (int(row["wraps"]), int(row["last"])) >= (wraps, ceiling):
                continue
            tx.run(
                "INSERT INTO number_seq (day, service_code, last, wraps) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (day, service_code) DO UPDATE SET last = excluded.last,"
                " wraps = excluded.wraps",
                (day, code, ceiling, wraps),
            )
            had = "none" if row is None else f"{row['last']} (lap {row['wraps']})"
            log.info(
                "numbers of %s on %s continue above %d (lap %d); the database had %s",
                code,
                day,
                ceiling,
                wraps,
                had,
            )
        with self._lock:
            self._reserved = found

    def _skip_a_block(self, tx: Tx, numberings: Mapping[str, Numbering]) -> bool:
        """Move the recent days' numbers one block on; whether there were any."""
        rows = tx.all(
            "SELECT day, service_code, last, wraps FROM number_seq"
            " WHERE day >= date((SELECT MAX(day) FROM number_seq), ?)",
            (f"-{KEEP_DAYS} days",),
        )
        for r in rows:
            numbering = numberings.get(r["service_code"])
            last = int(r["last"]) + self.block
            if numbering is not None:
                last = min(last, numbering.last())  # the next one wraps, skipping live numbers
            tx.run(
                "UPDATE number_seq SET last = ? WHERE day = ? AND service_code = ?",
                (last, r["day"], r["service_code"]),
            )
        return bool(rows)

    # ------------------------------------------------------------------ issuing
    def cover(self, day: date, service_code: str, position: Position, numbering: Numbering) -> None:
        """Make sure ``position`` is at or below a durable ceiling before it is issued."""
        if self.path is None:
            return
        key = (day.isoformat(), service_code)
        with self._lock:
            reserved = self._reserved.get(key)
            if reserved is not None and position <= reserved:
                return
            wraps, number = position
            wanted = (wraps, min(number + self.block - 1, max(number, numbering.last())))
            try:
                try:
                    merged = self._read() or {}
                except Unreadable as exc:
                    log.error("numbers file %s became unreadable (%s): rewritten", self.path, exc)
                    merged = {}
                for k, v in self._reserved.items():  # never lower what this process knew
                    if merged.get(k, (-1, -1)) < v:
                        merged[k] = v
                if merged.get(key, (-1, -1)) < wanted:
                    merged[key] = wanted
                merged = _prune(merged)
                self._write(merged)
            except OSError as exc:
                if not self._write_failing:
                    log.error(
                        "numbers file %s cannot be written (%s): tickets are still issued "
                        "from the database; retried at every number until it works",
                        self.path,
                        exc,
                    )
                self._write_failing = True
                self.problem = (
                    f"Không ghi được tệp số đã phát {self.path.name}: {exc}",
                    f"cannot write the numbers file {self.path.name}: {exc}",
                )
                return
            if self._write_failing:
                log.info("numbers file %s is written again", self.path)
                self._write_failing = False
                self.problem = None
            self._reserved = merged
