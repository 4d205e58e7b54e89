"""Tokens are pasted into shells and CLI flags: their shape must survive that."""

from __future__ import annotations

from motcua.server.tokens import TOKEN_PREFIX, TokenStore


def test_tokens_never_look_like_options(tmp_path):
    store = TokenStore(tmp_path / "t.db")
    tokens = [store.create("counter", counter=5) for _ in range(300)]
    assert all(t.startswith(TOKEN_PREFIX) for t in tokens)
    assert not any(t.startswith("-") for t in tokens)
    assert len(set(tokens)) == len(tokens)
