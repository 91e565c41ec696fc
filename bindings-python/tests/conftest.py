"""Shared fixtures: one in-process sandbox per test module, clients with fast retries."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

import spotdraft
from spotdraft.testing import Sandbox

REPO = Path(__file__).resolve().parents[2]
CANARY = "canary-secret-4f9d2c81-do-not-leak"


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    with Sandbox() as s:
        yield s


@pytest.fixture(autouse=True)
def _clean(request: pytest.FixtureRequest) -> None:
    if "sandbox" in request.fixturenames:
        s = request.getfixturevalue("sandbox")
        s.clear_faults()
        s.clear_requests()


def fast(sandbox: Sandbox, credential: "spotdraft.Credential | None" = None, **kw: object) -> dict:
    options = dict(sandbox.client_options(), max_attempts=4, retry_backoff=(0.005, 0.04))
    if credential is not None:
        options["credential"] = credential
    options.update(kw)
    return options


@pytest.fixture
def client(sandbox: Sandbox) -> Iterator[spotdraft.Client]:
    with spotdraft.Client(**fast(sandbox)) as c:
        yield c
