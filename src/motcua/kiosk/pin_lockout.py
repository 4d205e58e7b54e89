"""Wrong technician PINs, counted on disk: a restart does not give five more tries.

After ``max_attempts`` wrong PINs in a row the menu locks; each lockout lasts twice the one
before (5 min, 10, 20, ... at most a day), until the right PIN is entered. The count, the
end of the lockout and how many lockouts came before live in the kiosk's own SQLite file
(area ``technician_pin``, through motcua.storage), written before the answer is shown, so
pulling the plug after a wrong PIN does not forget it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TypeVar

from motcua.clock import Clock
from motcua.storage import Area, ReadTx, Store, Tx

AREA = Area(
    "technician_pin",
    (
        """
        CREATE TABLE technician_pin (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            wrong INTEGER NOT NULL,
            lockouts INTEGER NOT NULL,
            locked_until TEXT
        );
        INSERT INTO technician_pin (id, wrong, lockouts, locked_until) VALUES (1, 0, 0, NULL);
        """,
    ),
)

MAX_LOCKOUT = timedelta(days=1)
T = TypeVar("T")


@dataclass(frozen=True)
class PinState:
    wrong: int  # wrong PINs since the last right one or the last lockout
    lockouts: int  # lockouts since the last right PIN
    locked_until: datetime | None


class PinLockout:
    """The wrong-PIN count and lockout, persisted in ``path`` (None: kept in memory only,
    for tests and the demo without a database)."""

    def __init__(
        self,
        clock: Clock,
        path: str | Path | None = None,
        *,
        max_attempts: int = 5,
        first_lockout: timedelta = timedelta(minutes=5),
    ) -> None:
        self._clock = clock
        self.max_attempts = max_attempts
        self.first_lockout = first_lockout
        self._store = Store(path, [AREA]) if path is not None else None
        self._memory = PinState(0, 0, None)

    def state(self) -> PinState:
        if self._store is None:
            return self._memory
        return self._store.read(_read)

    def _save(self, tx: Tx | None, new: PinState) -> None:
        if tx is None:
            self._memory = new
            return
        tx.run(
            "UPDATE technician_pin SET wrong = ?, lockouts = ?, locked_until = ? WHERE id = 1",
            (new.wrong, new.lockouts, new.locked_until.isoformat() if new.locked_until else None),
        )

    def _change(self, step: Callable[[PinState], tuple[PinState, T]]) -> T:
        """Read, change and write the state in one transaction."""
        if self._store is None:
            new, result = step(self._memory)
            self._memory = new
            return result

        def write(tx: Tx) -> T:
            new, result = step(_read(tx))
            self._save(tx, new)
            return result

        return self._store.write(write)

    def locked_seconds(self) -> int:
        until = self.state().locked_until
        if until is None:
            return 0
        left = (until - self._clock.now()).total_seconds()
        return int(left + 0.999) if left > 0 else 0

    def lockout_for(self, lockouts: int) -> timedelta:
        """How long the ``lockouts``-th lockout lasts (1: the first)."""
        return min(self.first_lockout * 2 ** max(0, lockouts - 1), MAX_LOCKOUT)

    def wrong(self) -> tuple[int, int]:
        """A wrong PIN: (attempts left, seconds locked — 0 unless this one locked it)."""
        now = self._clock.now()

        def step(old: PinState) -> tuple[PinState, tuple[int, int]]:
            wrong = old.wrong + 1
            if wrong < self.max_attempts:
                return PinState(wrong, old.lockouts, old.locked_until), (
                    self.max_attempts - wrong,
                    0,
                )
            span = self.lockout_for(old.lockouts + 1)
            return PinState(0, old.lockouts + 1, now + span), (0, int(span.total_seconds()))

        return self._change(step)

    def right(self) -> None:
        self._change(lambda _old: (PinState(0, 0, None), None))

    def close(self) -> None:
        if self._store is not None:
            self._store.close()


def _read(tx: ReadTx | Tx) -> PinState:
    row = tx.one("SELECT wrong, lockouts, locked_until FROM technician_pin WHERE id = 1")
    assert row is not None  # the migration inserts the one row
    until = datetime.fromisoformat(row["locked_until"]) if row["locked_until"] else None
    return PinState(int(row["wrong"]), int(row["lockouts"]), until)
