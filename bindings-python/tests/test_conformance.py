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


# The fields this runner knows, level by level: any other is refused, so a field added to a
# scenario cannot be silently skipped here.
FIELDS = {
    "scenario": {"name", "description", "credential", "faults", "client", "before", "request", "expect"},
    "credential": {"secret", "user_email"},
    "client": {"base_url", "attempt_timeout_ms", "total_timeout_ms", "max_body_size"},
    "before": {"method", "path", "query", "body", "wait_after_ms"},
    "request": {"method", "path", "query", "body"},
    "expect": {
        "ok", "status", "error", "attempts", "requests_logged", "retryable", "code", "field_errors",
        "message_contains", "message_excludes", "json_has", "min_elapsed_ms", "max_elapsed_ms",
    },
}


def check_fields(scenario: Dict[str, Any]) -> None:
    """Fails on a field this runner does not know, naming where it is."""

    def known(where: str, obj: Dict[str, Any]) -> None:
        unknown = set(obj) - FIELDS[where]
        assert not unknown, f"{scenario.get('name')}: unknown {where} field(s) {sorted(unknown)}"

    known("scenario", scenario)
    for where in ("credential", "client", "request", "expect"):
        known(where, scenario.get(where, {}))
    for before in scenario.get("before", []):
        known("before", before)


@pytest.mark.parametrize(
    "where, scenario",
    [
        ("scenario", {"befor": []}),
        ("client", {"client": {"baseurl": "x"}}),
        ("before", {"before": [{"method": "GET", "path": "/", "wait_ms": 1}]}),
        ("request", {"request": {"querry": {}}}),
        ("expect", {"expect": {"max_elapsed": 5}}),
    ],
)
def test_an_unknown_field_is_refused(where: str, scenario: Dict[str, Any]) -> None:
    with pytest.raises(AssertionError, match=f"unknown {where} field"):
        check_fields({"name": "n", "request": {}, "expect": {}, **scenario})


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
        for text in expect.get("message_excludes", []):
            assert text not in str(outcome)
    if "requests_logged" in expect:
        assert len(sandbox.requests) == expect["requests_logged"]
    if "min_elapsed_ms" in expect:
        assert elapsed_ms >= expect["min_elapsed_ms"]
    if "max_elapsed_ms" in expect:
        assert elapsed_ms <= expect["max_elapsed_ms"], f"took {elapsed_ms:.0f} ms"


def prepare(sandbox: Sandbox, scenario: Dict[str, Any]) -> Dict[str, Any]:
    check_fields(scenario)
    sandbox.clear_faults()
    sandbox.clear_requests()
    for rule in scenario.get("faults", []):
        sandbox.inject_rule(rule)
    return fast(sandbox, credential_for(scenario.get("credential", {})), **client_settings(scenario.get("client", {})))


def client_settings(spec: Dict[str, Any]) -> Dict[str, Any]:
    """A scenario's `client` block in this binding's terms (seconds, snake_case)."""
    settings: Dict[str, Any] = {}
    if "base_url" in spec:
        settings["base_url"] = spec["base_url"]
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
    start = time.monotonic()
    try:
        # A client the settings refuse is the outcome: nothing was sent.
        with spotdraft.Client(**options) as client:
            for before in scenario.get("before", []):
                client.request(before["method"], before["path"], params=before.get("query"), json=before.get("body"))
                time.sleep(before.get("wait_after_ms", 0) / 1000)
            start = time.monotonic()
            outcome: Any = client.request(req["method"], req["path"], params=req.get("query"), json=req.get("body"))
    except spotdraft.SpotDraftError as e:
        outcome = e
    check(scenario, sandbox, outcome, (time.monotonic() - start) * 1000)


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_scenario_async(sandbox: Sandbox, path: Path) -> None:
    scenario = json.loads(path.read_text())
    options = prepare(sandbox, scenario)
    req = scenario["request"]
    start = time.monotonic()

    async def run() -> Any:
        nonlocal start
        try:
            async with spotdraft.AsyncClient(**options) as client:
                for before in scenario.get("before", []):
                    await client.request(
                        before["method"], before["path"], params=before.get("query"), json=before.get("body")
                    )
                    await asyncio.sleep(before.get("wait_after_ms", 0) / 1000)
                start = time.monotonic()
                return await client.request(req["method"], req["path"], params=req.get("query"), json=req.get("body"))
        except spotdraft.SpotDraftError as e:
            return e

    outcome = asyncio.run(run())
    check(scenario, sandbox, outcome, (time.monotonic() - start) * 1000)
