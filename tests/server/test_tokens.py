"""Device tokens: hashed at rest, roles, counter binding, revocation, own migration."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from motcua.server.tokens import Role, TokenError, TokenStore, hash_token


@pytest.fixture
def store(tmp_path: Path):
    s = TokenStore(tmp_path / "t.db", cache_seconds=0)
    yield s
    s.close()


def test_created_token_verifies_with_its_role_and_counter(store: TokenStore):
    token = store.create("counter", counter=5, name="Quầy 5")
    device = store.verify(token)
    assert device is not None
    assert (device.role, device.counter, device.name) == (Role.COUNTER, 5, "Quầy 5")
    assert store.verify(token + "x") is None
    assert store.verify("") is None


def test_only_the_hash_is_stored(tmp_path: Path, store: TokenStore):
    token = store.create(Role.ADMIN)
    raw = (tmp_path / "t.db").read_bytes() + b"".join(
        p.read_bytes() for p in tmp_path.glob("t.db-*")
    )
    assert token.encode() not in raw
    rows = sqlite3.connect(tmp_path / "t.db").execute("SELECT token_hash FROM device_tokens")
    assert [r[0] for r in rows] == [hash_token(token)]


def test_tokens_are_unique_and_long(store: TokenStore):
    tokens = {store.create("kiosk") for _ in range(50)}
    assert len(tokens) == 50
    assert min(len(t) for t in tokens) >= 30


@pytest.mark.parametrize(
    ("role", "counter"),
    [("counter", None), ("counter", 0), ("kiosk", 3), ("boss", None)],
)
def test_invalid_enrollments_are_refused_in_vietnamese(store: TokenStore, role, counter):
    with pytest.raises(TokenError) as err:
        store.create(role, counter=counter)
    assert any(ord(c) > 127 for c in str(err.value))


def test_revoke_takes_effect_and_list_shows_it(store: TokenStore):
    keep = store.create("display", name="Màn hình")
    gone = store.create("kiosk", name="Kiosk cũ")
    gone_id = store.verify(gone).id
    assert store.revoke(gone_id) is True
    assert store.revoke(gone_id) is False
    assert store.verify(gone) is None
    assert store.verify(keep) is not None
    assert [d.name for d in store.list()] == ["Màn hình"]
    assert [d.active for d in store.list(include_revoked=True)] == [True, False]


def test_revoke_in_another_process_is_seen_after_the_cache(tmp_path: Path):
    a = TokenStore(tmp_path / "t.db", cache_seconds=0)
    b = TokenStore(tmp_path / "t.db", cache_seconds=0)
    token = a.create("kiosk")
    assert b.verify(token) is not None
    a.revoke(a.verify(token).id)
    assert b.verify(token) is None
    a.close()
    b.close()


def test_reopening_keeps_tokens_and_leaves_other_tables_alone(tmp_path: Path):
    db = tmp_path / "t.db"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE tickets (id INTEGER PRIMARY KEY, x TEXT)")
    con.execute("INSERT INTO tickets (x) VALUES ('queue data')")
    con.commit()
    con.close()
    first = TokenStore(db)
    token = first.create("admin")
    first.close()
    second = TokenStore(db)
    assert second.verify(token).role is Role.ADMIN
    assert second.has_role(Role.ADMIN) and not second.has_role(Role.KIOSK)
    second.close()
    con = sqlite3.connect(db)
    assert con.execute("SELECT x FROM tickets").fetchall() == [("queue data",)]
    assert con.execute("SELECT version FROM schema_versions WHERE area='tokens'").fetchone() == (2,)
