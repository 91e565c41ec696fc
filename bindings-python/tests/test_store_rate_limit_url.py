"""``CredentialStore.save(..., rate_limit_url=...)``: a profile keeps its shared rate limiter,
shows it masked, and clients built from it use it; the Redis password never shows."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

import spotdraft
from spotdraft.testing import Sandbox

PASSWORD = "py-store-redis-pw-8642"
# Port 1 on loopback: nothing listens, so a connection is refused at once.
UNREACHABLE = f"redis://:{PASSWORD}@127.0.0.1:1"
MASKED = "redis://:****@127.0.0.1:1"


def test_the_url_is_saved_and_shown_masked(tmp_path: Path) -> None:
    store = spotdraft.CredentialStore(tmp_path)
    store.save("fleet", spotdraft.Credential("id-1", "secret-1"), rate_limit_url=UNREACHABLE)
    profile = store.get("fleet")
    assert profile.rate_limit_url == MASKED
    assert MASKED in repr(profile)
    for text in (repr(profile), str(profile), repr(store.list()), repr(profile.rate_limit_url)):
        assert PASSWORD not in text
    # The file keeps the whole URL (it is the secret store, 0600), in the CLI's format.
    saved = json.loads(Path(store.path).read_text())
    assert saved["profiles"]["fleet"]["rate_limit_url"] == UNREACHABLE

    store.save("fleet", spotdraft.Credential("id-1", "secret-1"), overwrite=True)
    assert store.get("fleet").rate_limit_url is None, "saving over a profile without a URL removes it"


def test_a_bad_url_is_refused_and_nothing_is_saved(tmp_path: Path) -> None:
    store = spotdraft.CredentialStore(tmp_path)
    cred = spotdraft.Credential("id-1", "secret-1")
    with pytest.raises(spotdraft.InvalidArgumentError) as caught:
        store.save("fleet", cred, rate_limit_url=f"http://:{PASSWORD}@127.0.0.1:6379")
    assert 'scheme "http"' in str(caught.value) and "redis://" in str(caught.value)
    assert PASSWORD not in str(caught.value) and PASSWORD not in repr(caught.value)
    with pytest.raises(spotdraft.InvalidArgumentError) as caught:
        store.save("fleet", cred, rate_limit_url=f"redis://:{PASSWORD}@127.0.0.1:6379/cache")
    assert "database number" in str(caught.value) and PASSWORD not in str(caught.value)
    with pytest.raises(spotdraft.NotFoundError):
        store.get("fleet")
    with pytest.raises(TypeError):
        store.save("fleet", cred, rate_limit_url=6379)  # type: ignore[arg-type]


def test_a_client_built_from_the_profile_uses_its_url(
    sandbox: Sandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("SPOTDRAFT_CONFIG_DIR", str(tmp_path))
    monkeypatch.delenv("SPOTDRAFT_RATE_LIMIT_URL", raising=False)
    store = spotdraft.CredentialStore()
    store.save("fleet", sandbox.credential, base_url=sandbox.base_url, rate_limit_url=UNREACHABLE)
    spotdraft.refresh_logging()
    with caplog.at_level(logging.DEBUG, logger="spotdraft"):
        with spotdraft.Client(profile="fleet", rate_limit=10, rate_limit_strict=True, max_attempts=1) as client:
            with pytest.raises(spotdraft.ConnectionError) as caught:
                client.contract_types.list()
            texts = (str(caught.value), repr(caught.value), repr(client))
    assert f"shared rate limiter at {MASKED}" in str(caught.value)
    for text in (*texts, caplog.text):
        assert PASSWORD not in text
    assert not [r for r in sandbox.requests if r["path"].endswith("/contract_types/")], "sent without a slot"

    # The same profile without the URL: the call goes through (so the failure above was the URL's).
    store.save("fleet", sandbox.credential, base_url=sandbox.base_url, overwrite=True)
    with spotdraft.Client(profile="fleet", rate_limit=10, rate_limit_strict=True) as client:
        assert client.contract_types.list()
