"""Every API point against the sandbox: credentials, client settings, requests and catalogue
calls, typed resources, paging, downloads, the store, webhooks, errors and logging."""

from __future__ import annotations

import copy
import inspect
import logging
import pickle
import pydoc
import traceback
from pathlib import Path
from typing import Any, List

import pytest

import spotdraft
from conftest import CANARY, fast
from spotdraft.testing import Sandbox

CONTRACTS = "/api/v2.1/public/contracts/"


# --- Credential -------------------------------------------------------------------------


def test_credential_attributes_are_read_only_and_validated() -> None:
    c = spotdraft.Credential("id-1", CANARY, user_email="ops@acme.com", name="prod", description="EU")
    assert (c.client_id, c.user_email, c.name, c.description) == ("id-1", "ops@acme.com", "prod", "EU")
    assert c.expose_secret() == CANARY
    with pytest.raises(AttributeError):
        c.client_id = "other"  # type: ignore[misc]
    with pytest.raises(spotdraft.InvalidCredentialError) as info:
        spotdraft.Credential("", CANARY)
    assert isinstance(info.value, ValueError)
    with pytest.raises(spotdraft.InvalidCredentialError):
        spotdraft.Credential("id", CANARY, user_email="not-an-email")
    with pytest.raises(TypeError):
        spotdraft.Credential(1, CANARY)  # type: ignore[arg-type]


def test_the_secret_never_shows(caplog: pytest.LogCaptureFixture) -> None:
    c = spotdraft.Credential("id-1", CANARY)
    assert CANARY not in repr(c) and CANARY not in str(c) and CANARY not in f"{c!r} {c}"
    with pytest.raises(TypeError):
        vars(c)
    with pytest.raises(TypeError, match="cannot be pickled"):
        pickle.dumps(c)
    assert copy.copy(c) is c and copy.deepcopy(c) is c
    assert CANARY not in repr([c, {"k": c}])
    with caplog.at_level(logging.DEBUG):
        logging.getLogger("test").warning("credential %s %r", c, c)
    assert CANARY not in caplog.text
    client = spotdraft.Client(c, base_url="http://127.0.0.1:9")
    assert CANARY not in repr(client) and CANARY not in repr(client.credential)
    assert CANARY not in repr(vars(client)) and CANARY not in repr(inspect.getmembers(c))
    assert CANARY not in pydoc.render_doc(c) and CANARY not in repr(inspect.getmembers(client))


def test_canary_never_reaches_errors_logs_or_tracebacks(sandbox: Sandbox, caplog: pytest.LogCaptureFixture) -> None:
    logging.getLogger("spotdraft").setLevel(logging.DEBUG)
    spotdraft.refresh_logging()
    try:
        with caplog.at_level(logging.DEBUG, logger="spotdraft"):
            wrong = spotdraft.Credential("sandbox-demo-client-id", CANARY)
            with spotdraft.Client(**fast(sandbox, wrong)) as client:
                with pytest.raises(spotdraft.AuthenticationError) as info:
                    client.request("GET", CONTRACTS, params={"secret": CANARY[:8]})
                sandbox.inject(CONTRACTS, {"kind": "status", "status": 503}, method="GET", times=2)
                with pytest.raises(spotdraft.SpotDraftError):
                    client.contracts.list()
        text = "".join(traceback.format_exception(type(info.value), info.value, info.value.__traceback__))
        assert CANARY not in text and CANARY not in repr(info.value) and CANARY not in str(info.value.__dict__)
        records = [r for r in caplog.records if r.name.startswith("spotdraft")]
        assert records, "core's log records did not reach the spotdraft logger"
        assert all(CANARY not in r.getMessage() for r in caplog.records)
        assert CANARY not in caplog.text
    finally:
        logging.getLogger("spotdraft").setLevel(logging.NOTSET)
        spotdraft.refresh_logging()


# --- Client -----------------------------------------------------------------------------


def test_settings_are_checked_by_core(sandbox: Sandbox) -> None:
    cred = sandbox.credential
    for bad in (dict(timeout=-1.0), dict(timeout=float("nan")), dict(connect_timeout=1e9), dict(region="mars")):
        with pytest.raises(spotdraft.InvalidArgumentError):
            spotdraft.Client(cred, **bad)  # type: ignore[arg-type]
    with pytest.raises(spotdraft.InvalidArgumentError):
        spotdraft.Client(cred, region="eu", base_url=sandbox.base_url)
    with pytest.raises(TypeError):
        spotdraft.Client("not a credential")  # type: ignore[arg-type]
    # Whole numbers out of any range are named, not reported as a bare conversion overflow.
    for name, value in (("rate_limit", -5), ("max_attempts", 10**30), ("max_body_size", -1)):
        with pytest.raises(spotdraft.InvalidArgumentError, match=name):
            spotdraft.Client(cred, **{name: value})
    with pytest.raises(TypeError, match="rate_limit"):
        spotdraft.Client(cred, rate_limit=2.5)  # type: ignore[arg-type]
    eu = spotdraft.Client(cred, region="eu")
    assert "eu" in eu.base_url
    assert eu.credential_source == "explicit"


def test_credential_from_environment_and_profiles(sandbox: Sandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPOTDRAFT_CONFIG_DIR", str(tmp_path))
    monkeypatch.delenv("SPOTDRAFT_CLIENT_ID", raising=False)
    monkeypatch.delenv("SPOTDRAFT_CLIENT_SECRET", raising=False)
    with pytest.raises(spotdraft.SpotDraftError):
        spotdraft.Client()
    monkeypatch.setenv("SPOTDRAFT_CLIENT_ID", "sandbox-demo-client-id")
    monkeypatch.setenv("SPOTDRAFT_CLIENT_SECRET", "sandbox-demo-client-secret")
    monkeypatch.setenv("SPOTDRAFT_BASE_URL", sandbox.base_url)
    with spotdraft.Client(rate_limit=0) as client:
        assert client.credential_source == "environment"
        assert client.verify().contract_types > 0
    for name in ("SPOTDRAFT_CLIENT_ID", "SPOTDRAFT_CLIENT_SECRET", "SPOTDRAFT_BASE_URL"):
        monkeypatch.delenv(name)
    store = spotdraft.CredentialStore()
    store.save("local", sandbox.credential, base_url=sandbox.base_url, description="sandbox")
    with spotdraft.Client(profile="local", rate_limit=0) as client:
        assert client.credential_source == "profile:local"
        assert client.verify().base_url == sandbox.base_url
    with spotdraft.Client(rate_limit=0) as client:  # the first profile saved is the default
        assert client.credential_source.startswith("profile:")


def test_request_call_verify_as_user_and_close(sandbox: Sandbox, client: spotdraft.Client) -> None:
    r = client.request("GET", CONTRACTS, params={"limit": 5, "page": 1})
    assert r.status == 200 and r.attempts == 1
    assert r.headers["Content-Type"].startswith("application/json")
    assert len(r.json()["results"]) == 5 and r.text.startswith("{") and isinstance(r.content, bytes)
    first = r.json()["results"][0]["id"]
    status = client.call("contracts.status", composite_id=first)
    assert status.status == 200
    with pytest.raises(spotdraft.InvalidArgumentError):
        client.call("contracts.no_such_operation")
    assert "contracts.status" in spotdraft.operation_names() and len(spotdraft.operation_names()) == 102
    v = client.verify()
    assert v.base_url == sandbox.base_url and v.acting_as is None
    other = client.as_user("ops@acme.com") if False else None
    with pytest.raises(spotdraft.InvalidCredentialError):
        client.as_user("not an email")
    sandbox.clear_requests()
    with pytest.raises(spotdraft.PermissionDeniedError):
        client.as_user("nobody@example.com").request("GET", CONTRACTS)
    assert sandbox.requests[-1]["user_email"] == "nobody@example.com"
    assert other is None
    with pytest.raises(spotdraft.InvalidArgumentError):
        client.request("GET", "https://evil.example.com/steal")
    with pytest.raises(spotdraft.InvalidArgumentError):
        client.request("GET", CONTRACTS, json={"x": object()})
    client.close()
    with pytest.raises(spotdraft.InvalidArgumentError, match="closed"):
        client.request("GET", CONTRACTS)


def test_per_request_timeout_is_a_builtin_timeout_error(sandbox: Sandbox, client: spotdraft.Client) -> None:
    sandbox.inject(CONTRACTS, {"kind": "delay", "millis": 3000}, method="GET", times=4)
    with pytest.raises(TimeoutError) as info:
        client.request("GET", CONTRACTS, timeout=0.2)
    assert isinstance(info.value, spotdraft.TimeoutError) and info.value.kind == "timeout"


# --- Resources and paging ---------------------------------------------------------------


def test_contracts(sandbox: Sandbox, client: spotdraft.Client) -> None:
    page = client.contracts.list(limit=5)
    assert isinstance(page, spotdraft.Page) and len(page.results) == 5 and page.total_results > 5
    contract = page.results[0]
    assert isinstance(contract, spotdraft.Contract)
    assert contract["id"] == contract.id and "id" in contract.to_dict()
    with pytest.raises(AttributeError):
        contract.no_such_field
    everything = list(client.contracts.list_all(page_size=9))
    assert len(everything) == page.total_results
    assert len({c.id for c in everything}) == len(everything)
    assert [c.id for c in client.paginate(client.contracts, page_size=9)] == [c.id for c in everything]
    raw = list(client.paginate(CONTRACTS, page_size=25))
    assert [r["id"] for r in raw] == [c.id for c in everything] and isinstance(raw[0], dict)
    capped = client.paginate(CONTRACTS, page_size=5, max_pages=2)
    assert len([next(capped) for _ in range(10)]) == 10
    with pytest.raises(spotdraft.InvalidArgumentError, match="max_pages"):  # core's safety cap
        next(capped)
    executed = spotdraft.Filters().eq("display_status", "EXECUTED")
    assert all(c.contract_status == "EXECUTED" for c in client.contracts.list_all(filters=executed))
    with pytest.raises(spotdraft.InvalidArgumentError):
        client.contracts.list(filters=spotdraft.Filters().eq("bad field!", "x"))
    with pytest.raises(spotdraft.InvalidArgumentError):
        client.contracts.list(limit=0)
    got = client.contracts.get(contract.id)
    assert got.id == contract.id
    assert isinstance(client.contracts.status(contract.id), spotdraft.ContractStatusInfo)
    with pytest.raises(spotdraft.NotFoundError):
        client.contracts.get("T-999999")
    with pytest.raises(spotdraft.InvalidArgumentError):
        client.contracts.get("X-1")
    link = client.contracts.download_link(contract.id)
    assert link.url and "?[REDACTED]" in repr(link)
    pointers = client.contracts.key_pointers(contract.id)
    assert all(isinstance(p, spotdraft.KeyPointer) for p in pointers)
    comment = client.contracts.add_comment(contract.id, "looks good")
    assert isinstance(comment, spotdraft.Comment)
    assert any(isinstance(c, spotdraft.Comment) for c in client.contracts.all_comments(contract.id))
    assert isinstance(client.contracts.comments(contract.id), spotdraft.Page)


def test_contract_lifecycle_and_metadata(sandbox: Sandbox, client: spotdraft.Client) -> None:
    template = client.templates.list()[0]
    assert isinstance(template, spotdraft.Template)
    assert client.templates.get(template.id).id == template.id
    client.templates.metadata(template.id)
    created = client.contracts.create({"contract_template_id": template.id, "contract_data": {}, "counter_party_details": []})
    assert isinstance(created, spotdraft.Contract)
    meta = client.contracts.set_external_metadata(created.id, {"id": "crm-42", "integration_name": "crm"})
    assert isinstance(meta, spotdraft.ExternalMetadata)
    assert client.contracts.external_metadata(created.id).id == "crm-42"
    assert [c.id for c in client.contracts.by_external_metadata("crm-42")] == [created.id]
    with pytest.raises(spotdraft.InvalidArgumentError):
        client.contracts.update_key_pointers(created.id, [])
    try:
        client.contracts.mark_for_execution(created.id)
        client.contracts.unmark_for_execution(created.id, note="not yet")
    except spotdraft.BusinessRuleError as e:
        assert e.code and e.code.startswith("SD_")
    client.contracts.void(created.id, "created by a test")


def test_directory_resources(client: spotdraft.Client) -> None:
    assert all(isinstance(t, spotdraft.ContractType) for t in client.contract_types.list())
    assert all(isinstance(r, spotdraft.Role) for r in client.roles.list())
    users = list(client.users.list_all())
    assert users and all(isinstance(u, spotdraft.User) for u in users)
    assert isinstance(client.users.list(limit=1), spotdraft.Page)
    cps = list(client.counterparties.list_all())
    assert all(isinstance(c, spotdraft.Counterparty) for c in cps)
    made = client.counterparties.create(
        {"is_individual": True, "contact_name": "Ada", "contact_email": "ada@example.com"}
    )
    assert client.counterparties.get(made.id).id == made.id
    client.counterparties.update(made.id, {"name": "Ada L."})
    with pytest.raises(spotdraft.ValidationError) as info:
        client.counterparties.create({"is_individual": True})
    assert isinstance(info.value, ValueError)
    assert client.templates.find_by_name("no such template, surely") is None


def test_webhooks_and_signatures(client: spotdraft.Client) -> None:
    hook = client.webhooks.create(
        {"title": "t", "url": "https://example.com/hook", "only_for_activities": ["CONTRACT_CREATED"], "custom_headers": {"X-Key": CANARY}}
    )
    assert isinstance(hook, spotdraft.Webhook) and CANARY not in repr(hook)
    key = client.webhooks.hmac_key()
    assert "REDACTED" in repr(key) and key.expose_secret() not in repr(key)
    with pytest.raises(TypeError):
        pickle.dumps(key)
    body = b'{"event":"CONTRACT_CREATED"}'
    signature = spotdraft.webhooks.sign(body, key)
    spotdraft.webhooks.verify(body, signature, key)
    spotdraft.webhooks.verify(body, signature, key.expose_secret())
    with pytest.raises(spotdraft.SpotDraftError):
        spotdraft.webhooks.verify(body + b" ", signature, key)
    assert spotdraft.webhooks.header_name(key)
    client.webhooks.delete(hook.id)


def test_download_with_progress(sandbox: Sandbox, client: spotdraft.Client, tmp_path: Path) -> None:
    contract = client.contracts.list(limit=1).results[0]
    seen: List[Any] = []
    target = tmp_path / "c.pdf"
    info = client.contracts.download(contract.id, target, progress=lambda done, total: seen.append((done, total)))
    assert target.read_bytes()[:4] == b"%PDF" and info.bytes == target.stat().st_size
    assert seen and seen[-1][0] == info.bytes
    with pytest.raises(spotdraft.SpotDraftError) as exists:
        client.contracts.download(contract.id, target)
    assert exists.value.kind in ("file", "conflict")
    with pytest.raises(spotdraft.CancelledError):
        client.contracts.download(contract.id, tmp_path / "stop.pdf", progress=lambda d, t: False)
    assert not (tmp_path / "stop.pdf").exists()

    def boom(done: int, total: Any) -> None:
        raise RuntimeError("callback failed")

    with pytest.raises(RuntimeError, match="callback failed"):
        client.contracts.download(contract.id, tmp_path / "boom.pdf", progress=boom)
    client.contracts.download(contract.id, target, overwrite=True)


# --- Store ------------------------------------------------------------------------------


def test_credential_store(tmp_path: Path) -> None:
    store = spotdraft.CredentialStore(tmp_path)
    cred = spotdraft.Credential("id-1", CANARY, user_email="ops@acme.com")
    store.save("prod", cred, region="eu", description="EU workspace")
    with pytest.raises(spotdraft.ConflictError):
        store.save("prod", cred)
    store.save("prod", cred, region="eu", overwrite=True)
    store.save("dev", cred, base_url="http://127.0.0.1:1234")
    profile = store.get("prod")
    assert profile.endpoint == "eu" and profile.credential.expose_secret() == CANARY
    assert CANARY not in repr(profile)
    listed = store.list()
    assert [p.name for p in listed] == ["dev", "prod"] and CANARY not in repr(listed)
    assert store.default_name() == "prod"
    store.set_default("dev")
    assert store.default_name() == "dev"
    store.rename("dev", "local")
    store.rotate_secret("prod", "new-secret-value-1234")
    assert store.get("prod").credential.expose_secret() == "new-secret-value-1234"
    store.remove("prod")
    with pytest.raises(spotdraft.NotFoundError):
        store.get("prod")
    with pytest.raises(spotdraft.InvalidArgumentError):
        store.save("bad name!", cred)
    assert Path(store.path).stat().st_mode & 0o077 == 0  # the same 0600 file as the CLI


# --- Errors -----------------------------------------------------------------------------


def test_one_exception_class_per_kind() -> None:
    kinds = spotdraft.error_kinds()
    assert len(kinds) == 18 and kinds[0] == "invalid_credential" and kinds[-1] == "cancelled"
    classes = {spotdraft.error_class(k) for k in kinds}
    assert len(classes) == 18 and spotdraft.SpotDraftError not in classes
    for kind in kinds:
        cls = spotdraft.error_class(kind)
        assert cls.kind == kind and issubclass(cls, spotdraft.SpotDraftError) and cls.__doc__
    assert issubclass(spotdraft.TimeoutError, TimeoutError)
    assert issubclass(spotdraft.ConnectionError, ConnectionError)
    assert issubclass(spotdraft.InvalidArgumentError, ValueError)
    assert spotdraft.error_class("some_future_kind") is spotdraft.SpotDraftError


def test_errors_carry_fields_and_pickle(sandbox: Sandbox, client: spotdraft.Client) -> None:
    sandbox.inject(CONTRACTS, {"kind": "status", "status": 429, "retry_after": "0"}, method="GET", times=10)
    with pytest.raises(spotdraft.RateLimitError) as info:
        client.request("GET", CONTRACTS)
    e = info.value
    assert e.kind == "rate_limited" and e.status == 429 and e.attempts == 4 and e.retryable
    again = pickle.loads(pickle.dumps(e))
    assert type(again) is spotdraft.RateLimitError and again.attempts == 4 and again.status == 429
    sandbox.clear_faults()
    sandbox.inject(CONTRACTS, {"kind": "reset"}, method="GET", times=10)
    with pytest.raises(spotdraft.ConnectionError):
        client.request("GET", CONTRACTS)
    sandbox.clear_faults()
    sandbox.inject(CONTRACTS, {"kind": "status", "status": 500}, method="GET", times=10)
    with pytest.raises(spotdraft.ServerError) as server:
        client.request("GET", CONTRACTS)
    assert server.value.status == 500 and "ServerError" in repr(server.value)
