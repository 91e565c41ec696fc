"""Benchmark (not a test): spotdraft's Client and AsyncClient next to requests, httpx and
aiohttp against one loopback sandbox in a child process, rate limits off everywhere.
Prints requests/s and ratios, peak RSS while downloading a 512 MiB contract, and import
times. Run through bench/run, which installs the comparison libraries in their own venv.

  bench.py [--json FILE] [--base-url URL]

--base-url uses a sandbox someone else started (rate limit off, 512 MiB contracts; as
scripts/bench does, pinned to its own core) instead of starting one; --json also writes the
figures as JSON. BENCH_SEQUENTIAL / BENCH_CONCURRENT set the requests per round."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple

HERE = Path(__file__).resolve().parent
PATH = "/api/v2.1/public/contract_types/"
HEADERS = {"client-id": "sandbox-demo-client-id", "client-secret": "sandbox-demo-client-secret"}
SEQUENTIAL = int(os.environ.get("BENCH_SEQUENTIAL", "3000"))
CONCURRENT = int(os.environ.get("BENCH_CONCURRENT", "6000"))
IN_FLIGHT = 64
ROUNDS = 3
CORES = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []


DOWNLOAD_SIZE = 512 * 1024 * 1024


@contextlib.contextmanager
def sandbox(external: Optional[str]) -> Iterator[str]:
    """The given sandbox, else one of our own in a child process on the last core."""
    if external:
        yield external
        return
    args = [sys.executable, str(HERE / "serve.py"), str(CORES[-1] if len(CORES) > 1 else 0), str(DOWNLOAD_SIZE)]
    child = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    try:
        yield child.stdout.readline().strip()
    finally:
        child.communicate("")


def rate(run: Callable[[], None], n: int) -> float:
    best: List[float] = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        run()
        best.append(n / (time.perf_counter() - start))
    return statistics.median(best)


def sync_rates(base: str) -> Dict[str, float]:
    import httpx
    import requests

    import spotdraft

    results: Dict[str, float] = {}
    credential = spotdraft.Credential(HEADERS["client-id"], HEADERS["client-secret"])
    with spotdraft.Client(credential, base_url=base, rate_limit=0) as client:
        client.request("GET", PATH)
        results["spotdraft.Client"] = rate(lambda: [client.request("GET", PATH) for _ in range(SEQUENTIAL)], SEQUENTIAL)
    with requests.Session() as session:
        session.headers.update(HEADERS)
        session.get(base + PATH).raise_for_status()
        results["requests.Session"] = rate(lambda: [session.get(base + PATH).json() for _ in range(SEQUENTIAL)], SEQUENTIAL)
    with httpx.Client(headers=HEADERS) as hx:
        hx.get(base + PATH).raise_for_status()
        results["httpx.Client"] = rate(lambda: [hx.get(base + PATH).json() for _ in range(SEQUENTIAL)], SEQUENTIAL)
    return results


async def in_flight(call: Callable[[], Any], n: int) -> None:
    left = n

    async def worker() -> None:
        nonlocal left
        while left > 0:
            left -= 1
            await call()

    await asyncio.gather(*(worker() for _ in range(IN_FLIGHT)))


def async_rates(base: str) -> Dict[str, float]:
    import aiohttp
    import httpx

    import spotdraft

    results: Dict[str, float] = {}

    async def ours() -> float:
        credential = spotdraft.Credential(HEADERS["client-id"], HEADERS["client-secret"])
        async with spotdraft.AsyncClient(credential, base_url=base, rate_limit=0) as client:
            await in_flight(lambda: client.request("GET", PATH), IN_FLIGHT)
            start = time.perf_counter()
            await in_flight(lambda: client.request("GET", PATH), CONCURRENT)
            return CONCURRENT / (time.perf_counter() - start)

    async def aio() -> float:
        connector = aiohttp.TCPConnector(limit=IN_FLIGHT)
        async with aiohttp.ClientSession(headers=HEADERS, connector=connector) as session:

            async def get() -> None:
                async with session.get(base + PATH) as r:
                    await r.json()

            await in_flight(get, IN_FLIGHT)
            start = time.perf_counter()
            await in_flight(get, CONCURRENT)
            return CONCURRENT / (time.perf_counter() - start)

    async def hx() -> float:
        limits = httpx.Limits(max_connections=IN_FLIGHT, max_keepalive_connections=IN_FLIGHT)
        async with httpx.AsyncClient(headers=HEADERS, limits=limits) as client:

            async def get() -> None:
                (await client.get(base + PATH)).json()

            await in_flight(get, IN_FLIGHT)
            start = time.perf_counter()
            await in_flight(get, CONCURRENT)
            return CONCURRENT / (time.perf_counter() - start)

    for name, run in (("spotdraft.AsyncClient", ours), ("aiohttp", aio), ("httpx.AsyncClient", hx)):
        results[name] = statistics.median(asyncio.run(run()) for _ in range(ROUNDS))
    return results


# A fresh interpreter: the peak before the download (spotdraft imported, client built, one
# request made) is its idle baseline; the download's own cost is the growth over it. The
# peak is VmHWM, not ru_maxrss: Linux carries ru_maxrss over fork and exec, so the child
# would report at least this (much larger) benchmark process's size.
DOWNLOAD_CHILD = """
import sys, spotdraft
def peak():
    with open("/proc/self/status") as f:
        return next(int(l.split()[1]) for l in f if l.startswith("VmHWM:"))
base, path = sys.argv[1], sys.argv[2]
with spotdraft.Client(spotdraft.Credential("sandbox-demo-client-id", "sandbox-demo-client-secret"), base_url=base, rate_limit=0) as c:
    c.contracts.get("T-1001")
    before = peak()
    info = c.contracts.download("T-1001", path)
    after = peak()
print(info.bytes, before, after)
"""


def download_rss(base: str) -> Tuple[int, float, float]:
    """Bytes, peak RSS before and during the download, in MiB."""
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run(
            [sys.executable, "-c", DOWNLOAD_CHILD, base, os.path.join(tmp, "big.pdf")],
            capture_output=True, text=True, check=True,
        ).stdout.split()
    if int(out[0]) != DOWNLOAD_SIZE:
        raise SystemExit(f"the download gave {out[0]} bytes, not {DOWNLOAD_SIZE}")
    return int(out[0]), int(out[1]) / 1024, int(out[2]) / 1024


def import_time(module: str) -> float:
    times = []
    for _ in range(7):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", f"import {module}"], check=True)
        times.append(time.perf_counter() - start)
    base = min(
        (lambda s: (subprocess.run([sys.executable, "-c", "pass"], check=True), time.perf_counter() - s)[1])(time.perf_counter())
        for _ in range(7)
    )
    return (min(times) - base) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description="spotdraft vs requests/httpx/aiohttp (a report, not a test)")
    parser.add_argument("--json", help="also write the figures as JSON here")
    parser.add_argument("--base-url", help="a running sandbox (rate limit off, 512 MiB contracts)")
    options = parser.parse_args()
    if len(CORES) > 1 and not options.base_url:
        os.sched_setaffinity(0, {CORES[0]})
    lines: List[str] = []
    say = lambda text: (print(text, flush=True), lines.append(text))  # noqa: E731
    with sandbox(options.base_url) as base:
        sync = sync_rates(base)
        say(f"sequential keep-alive GETs ({SEQUENTIAL} per round, median of {ROUNDS}):")
        for name, value in sync.items():
            say(f"  {name:24} {value:8.0f} req/s")
        ours = sync["spotdraft.Client"]
        say(f"  Client / requests = {ours / sync['requests.Session']:.2f}x (goal >= 2)")
        say(f"  Client / httpx    = {ours / sync['httpx.Client']:.2f}x (goal >= 1.5)")
        conc = async_rates(base)
        say(f"{IN_FLIGHT} in flight ({CONCURRENT} per round, median of {ROUNDS}):")
        for name, value in conc.items():
            say(f"  {name:24} {value:8.0f} req/s")
        ours = conc["spotdraft.AsyncClient"]
        say(f"  AsyncClient / aiohttp = {ours / conc['aiohttp']:.2f}x (goal >= 1)")
        say(f"  AsyncClient / httpx   = {ours / conc['httpx.AsyncClient']:.2f}x")
        size, before, after = download_rss(base)
    say(
        f"download of {size / 2**20:.0f} MiB: peak RSS {after:.1f} MiB, {before:.1f} MiB before the download, "
        f"growth {after - before:.1f} MiB (goal: growth < 32 MiB)"
    )
    ours_ms, req_ms = import_time("spotdraft"), import_time("requests")
    say(f"import spotdraft {ours_ms:.0f} ms, import requests {req_ms:.0f} ms ({ours_ms / req_ms:.2f}x)")
    (HERE / "results.txt").write_text("\n".join(lines) + "\n")
    if options.json:
        figures = {
            "face": "python",
            "sequential": {"requests": SEQUENTIAL, "rounds": ROUNDS, "rps": sync},
            "concurrent": {"requests": CONCURRENT, "in_flight": IN_FLIGHT, "rounds": ROUNDS, "rps": conc},
            "download": {"bytes": size, "baseline_kib": before * 1024, "peak_kib": after * 1024},
            "import_ms": {"spotdraft": ours_ms, "requests": req_ms},
        }
        Path(options.json).write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
