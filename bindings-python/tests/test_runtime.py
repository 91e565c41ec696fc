"""Runtime behaviour: the GIL is released, Ctrl-C interrupts, asyncio cancellation closes the
connection, awaits overlap, and a forked child can use its own client. Time bounds are
generous: they separate "parallel" from "serial", not fast from slow."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time

import pytest

import spotdraft
from conftest import fast
from spotdraft.testing import Sandbox

CONTRACTS = "/api/v2.1/public/contracts/"


def test_blocking_call_releases_the_gil(sandbox: Sandbox, client: spotdraft.Client) -> None:
    sandbox.inject(CONTRACTS, {"kind": "delay", "millis": 600}, method="GET")
    ticks = 0
    stop = threading.Event()

    def count() -> None:
        nonlocal ticks
        while not stop.is_set():
            ticks += 1
            time.sleep(0.001)

    counter = threading.Thread(target=count)
    counter.start()
    try:
        client.request("GET", CONTRACTS)
    finally:
        stop.set()
        counter.join()
    assert ticks > 50, f"the other thread ran only {ticks} times during a 600 ms call"


def test_eight_threads_share_one_client_concurrently(sandbox: Sandbox, client: spotdraft.Client) -> None:
    sandbox.inject(CONTRACTS, {"kind": "delay", "millis": 700}, method="GET", times=8)
    errors: list = []

    def work() -> None:
        try:
            client.request("GET", CONTRACTS)
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(8)]
    start = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - start
    assert not errors
    assert elapsed < 8 * 0.7 / 2, f"8 delayed calls took {elapsed:.2f}s: they did not overlap"


CTRL_C_CHILD = textwrap.dedent(
    """
    import sys, time, spotdraft
    from spotdraft.testing import Sandbox
    with Sandbox() as s:
        s.inject("/api/v2.1/public/contracts/", {"kind": "delay", "millis": 60000})
        with spotdraft.Client(**s.client_options()) as c:
            print("ready", flush=True)
            try:
                c.request("GET", "/api/v2.1/public/contracts/")
                print("finished", flush=True)
            except KeyboardInterrupt:
                print("interrupted", flush=True)
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                opened, closed = s.connection_counts()
                if opened and closed >= opened:
                    print("connection closed", flush=True)
                    break
                time.sleep(0.01)
    """
)


def test_ctrl_c_interrupts_a_blocking_call() -> None:
    child = subprocess.Popen([sys.executable, "-c", CTRL_C_CHILD], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        time.sleep(0.3)
        sent = time.monotonic()
        child.send_signal(signal.SIGINT)
        out, _ = child.communicate(timeout=20)
        assert "interrupted" in out
        assert "connection closed" in out, "the interrupted request was not cancelled"
        assert time.monotonic() - sent < 15
    finally:
        if child.poll() is None:
            child.kill()


def test_cancelling_a_task_closes_its_connection(sandbox: Sandbox) -> None:
    sandbox.inject(CONTRACTS, {"kind": "delay", "millis": 30000}, method="GET")

    async def run() -> None:
        async with spotdraft.AsyncClient(**fast(sandbox)) as client:
            opened_before, _ = sandbox.connection_counts()
            task = asyncio.ensure_future(client.request("GET", CONTRACTS))
            deadline = time.monotonic() + 10
            while sandbox.connection_counts()[0] == opened_before:
                assert time.monotonic() < deadline, "the request never connected"
                await asyncio.sleep(0.01)
            await asyncio.sleep(0.1)
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
            while True:
                opened, closed = sandbox.connection_counts()
                if closed >= opened:
                    break
                assert time.monotonic() < deadline, f"connection still open: {opened} opened, {closed} closed"
                await asyncio.sleep(0.01)

    asyncio.run(run())


def test_many_awaits_overlap(sandbox: Sandbox) -> None:
    sandbox.inject(CONTRACTS, {"kind": "delay", "millis": 700}, method="GET", times=32)

    async def run() -> float:
        async with spotdraft.AsyncClient(**fast(sandbox)) as client:
            start = time.monotonic()
            answers = await asyncio.gather(*(client.request("GET", CONTRACTS) for _ in range(32)))
            assert all(a.status == 200 for a in answers)
            return time.monotonic() - start

    elapsed = asyncio.run(run())
    assert elapsed < 32 * 0.7 / 4, f"32 delayed awaits took {elapsed:.2f}s: they did not overlap"


def test_async_iterators_and_typed_resources(sandbox: Sandbox, tmp_path: "os.PathLike[str]") -> None:
    async def run() -> None:
        async with spotdraft.AsyncClient(**fast(sandbox)) as client:
            listed = [c async for c in client.contracts.list_all(page_size=7)]
            raw = [c async for c in client.paginate(CONTRACTS, page_size=50)]
            assert len(listed) == len(raw) > 20
            assert all(isinstance(c, spotdraft.Contract) for c in listed)
            first = await client.contracts.get(listed[0].id)
            assert first.id == listed[0].id
            assert (await client.verify()).contract_types > 0
            seen = []
            info = await client.contracts.download(first.id, os.path.join(tmp_path, "a.pdf"), progress=lambda d, t: seen.append(d))
            assert info.bytes > 0 and seen[-1] == info.bytes
            with pytest.raises(spotdraft.NotFoundError):
                await client.contracts.get("T-999999")
            with pytest.raises(spotdraft.PermissionDeniedError):
                await client.as_user("nobody@example.com").request("GET", CONTRACTS)
            assert [t.id async for t in client.paginate(client.users)]

    asyncio.run(run())


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")
def test_forked_child_makes_its_own_client(sandbox: Sandbox, client: spotdraft.Client) -> None:
    client.request("GET", CONTRACTS)
    pid = os.fork()
    if pid == 0:  # pragma: no cover - child
        code = 1
        try:
            with spotdraft.Client(**fast(sandbox)) as own:
                code = 0 if own.request("GET", CONTRACTS).status == 200 else 2
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
    assert client.request("GET", CONTRACTS).status == 200
