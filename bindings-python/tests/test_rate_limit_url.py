"""``rate_limit_url=`` / ``rate_limit_strict=``: the fleet-wide (Redis) rate limit option reaches
core, and the Redis password never shows in errors, reprs or logs."""

from __future__ import annotations

import logging
import socket

import pytest

import spotdraft
from spotdraft.testing import Sandbox

from conftest import fast

PASSWORD = "py-redis-pw-31337"


def shared(sandbox: Sandbox, **kw: object) -> dict:
    """Fast client options with a rate (the sandbox's own options turn the limit off)."""
    return fast(sandbox, rate_limit=10, **kw)


def unreachable_redis() -> str:
    """A Redis URL on a loopback port where nothing listens."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"redis://:{PASSWORD}@127.0.0.1:{port}"


def test_strict_fails_with_a_connection_error_without_the_password(sandbox: Sandbox) -> None:
    url = unreachable_redis()
    with spotdraft.Client(**shared(sandbox, rate_limit_url=url, rate_limit_strict=True)) as client:
        with pytest.raises(spotdraft.ConnectionError) as caught:
            client.contract_types.list()
        assert "shared rate limiter at redis://:****@127.0.0.1" in str(caught.value)
        for text in (str(caught.value), repr(caught.value), repr(client)):
            assert PASSWORD not in text
    assert not [r for r in sandbox.requests if r["path"].endswith("/contract_types/")]


def test_fallback_keeps_working_and_warns_once_without_the_password(
    sandbox: Sandbox, caplog: pytest.LogCaptureFixture
) -> None:
    url = unreachable_redis()
    spotdraft.refresh_logging()
    with caplog.at_level(logging.INFO, logger="spotdraft"):
        with spotdraft.Client(**shared(sandbox, rate_limit_url=url)) as client:
            for _ in range(3):
                assert client.contract_types.list()
    warnings = [r for r in caplog.records if "is unavailable" in r.getMessage()]
    assert len(warnings) == 1, caplog.text
    assert PASSWORD not in caplog.text


def test_a_bad_url_is_an_invalid_argument_without_the_password(sandbox: Sandbox) -> None:
    with pytest.raises(spotdraft.InvalidArgumentError) as caught:
        spotdraft.Client(**shared(sandbox, rate_limit_url=f"http://:{PASSWORD}@127.0.0.1:6379"))
    assert "redis://" in str(caught.value)
    assert PASSWORD not in str(caught.value) and PASSWORD not in repr(caught.value)


def test_the_environment_variable_is_read(sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPOTDRAFT_RATE_LIMIT_URL", unreachable_redis())
    with spotdraft.Client(**shared(sandbox, rate_limit_strict=True)) as client:
        with pytest.raises(spotdraft.ConnectionError):
            client.contract_types.list()


async def _async_strict(sandbox: Sandbox, url: str) -> None:
    async with spotdraft.AsyncClient(**shared(sandbox, rate_limit_url=url, rate_limit_strict=True)) as client:
        with pytest.raises(spotdraft.ConnectionError):
            await client.contract_types.list()


def test_the_async_client_takes_the_option_too(sandbox: Sandbox) -> None:
    import asyncio

    asyncio.run(_async_strict(sandbox, unreachable_redis()))
