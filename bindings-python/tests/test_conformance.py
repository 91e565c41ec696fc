"""Every scenario in tests/conformance/, through the Python Client (sync) and AsyncClient."""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path
from typing import Any, Dict

import pytest

import spotdraft
from conftest import REPO, fast
from spotdraft.testing import Sandbox

SCENARIOS = sorted((REPO / "tests" / "conformance").glob("*.json"))


def test_scenarios_exist() -> None:
    assert len(SCENARIOS) >= 15


def credential_for(spec: Dict[str, Any]) -> spotdraft.Credential:
    client_id, secret = "sandbox-demo-client-id", "sandbox-demo-client-secret"
    if spec.get("secret") == "wrong":
        secret = "wrong-secret-for-conformance"
    return spotdraft.Credential(client_id, secret, user_email=spec.get("user_email"))


def check(scenario: Dict[str, Any], sandbox: Sandbox, outcome: Any, elapsed_ms: float) -> None:
    expect = scenario["expect"]
    if expect["ok"]:
        assert isinstance(outcome, spotdraft.Response), f"expected success, got {outcome!r}"
        if "status" in expect:
            assert outcome.status == expect["status"]
        if "attempts" in expect:
            assert outcome.attempts == expect["attempts"]
        for key in expect.get("json_has", []):
            assert key in outcome.json()
    else:
        assert isinstance(outcome, spotdraft.SpotDraftError), f"expected an error, got {outcome!r}"
        assert "sandbox-demo-client-secret" not in str(outcome)
        assert "wrong-secret-for-conformance" not in str(outcome)
        if "error" in expect:
            assert outcome.kind == expect["error"]
            assert type(outcome) is spotdraft.error_class(expect["error"])
        if "status" in expect:
            assert outcome.status == expect["status"]
        if "attempts" in expect:
            assert outcome.attempts == expect["attempts"]
        if "retryable" in expect:
            assert outcome.retryable == expect["retryable"]
        if "code" in expect:
            assert outcome.code == expect["code"]
        for name in expect.get("field_errors", []):
            assert name in outcome.field_errors
        for text in expect.get("message_contains", []):
            assert text in str(outcome)
    if "requests_logged" in expect:
        assert len(sandbox.requests) == expect["requests_logged"]
    if "min_elapsed_ms" in expect:
        assert elapsed_ms >= expect["min_elapsed_ms"]


def prepare(sandbox: Sandbox, scenario: Dict[str, Any]) -> Dict[str, Any]:
    sandbox.clear_faults()
    sandbox.clear_requests()
    for rule in scenario.get("faults", []):
        sandbox.inject_rule(rule)
    return fast(sandbox, credential_for(scenario.get("credential", {})), **client_settings(scenario.get("client", {})))


def client_settings(spec: Dict[str, Any]) -> Dict[str, Any]:
    """A scenario's `client` block in this binding's terms (seconds, snake_case)."""
    known = {"attempt_timeout_ms", "total_timeout_ms", "max_body_size"}
    assert set(spec) <= known, f"unknown client settings {set(spec) - known}"
    settings: Dict[str, Any] = {}
    if "attempt_timeout_ms" in spec:
        settings["attempt_timeout"] = spec["attempt_timeout_ms"] / 1000
    if "total_timeout_ms" in spec:
        settings["timeout"] = spec["total_timeout_ms"] / 1000
    if "max_body_size" in spec:
        settings["max_body_size"] = spec["max_body_size"]
    return settings


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_scenario_sync(sandbox: Sandbox, path: Path) -> None:
    scenario = json.loads(path.read_text())
    options = prepare(sandbox, scenario)
    req = scenario["request"]
    with spotdraft.Client(**options) as client:
        start = time.monotonic()
        try:
            outcome: Any = client.request(req["method"], req["path"], params=req.get("query"), json=req.get("body"))
        except spotdraft.SpotDraftError as e:
            outcome = e
        check(scenario, sandbox, outcome, (time.monotonic() - start) * 1000)


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_scenario_async(sandbox: Sandbox, path: Path) -> None:
    scenario = json.loads(path.read_text())
    options = prepare(sandbox, scenario)
    req = scenario["request"]

    async def run() -> Any:
        async with spotdraft.AsyncClient(**options) as client:
            try:
                return await client.request(req["method"], req["path"], params=req.get("query"), json=req.get("body"))
            except spotdraft.SpotDraftError as e:
                return e

    start = time.monotonic()
    outcome = asyncio.run(run())
    check(scenario, sandbox, outcome, (time.monotonic() - start) * 1000)
