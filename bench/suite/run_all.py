"""Runs every face's benchmark against one sandbox and writes BENCHMARKS.md and
benchmarks.png. Called by scripts/bench after the builds; see README.md here.

The sandbox (rate limit off, 512 MiB contracts) and a second, rate-limited one for the
limiter run are pinned to one core with taskset; every client to the other. Each face
writes JSON next to its human output; this script only starts, collects and reports."""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack, contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Dict, Iterator, List

import report

ROOT = Path(__file__).resolve().parents[2]
DOWNLOAD_BYTES = 512 * 1024 * 1024


class BenchFailed(Exception):
    """A face could not run: the whole benchmark fails, loudly."""


def cores() -> tuple[List[str], List[str], str]:
    """taskset prefixes for the server and the clients, and how they were pinned."""
    available = sorted(os.sched_getaffinity(0))
    if len(available) < 2:
        return [], [], f"not pinned: only {len(available)} core available"
    server, client = available[-1], available[0]
    return (["taskset", "-c", str(server)], ["taskset", "-c", str(client)],
            f"sandbox on core {server}, clients on core {client} (taskset)")


@contextmanager
def sandbox(binary: Path, pin: List[str], rate_limit: bool) -> Iterator[str]:
    args = [*pin, str(binary), "--port", "0", "--pdf-size", str(DOWNLOAD_BYTES)]
    if not rate_limit:
        args.append("--no-rate-limit")
    try:
        child = subprocess.Popen(args, stdout=subprocess.PIPE, text=True)
    except OSError as e:
        raise BenchFailed(f"the sandbox could not be started ({' '.join(args)}): {e}") from e
    try:
        assert child.stdout is not None
        first = child.stdout.readline().strip()
        if not first.startswith("listening on "):
            raise BenchFailed(f"the sandbox did not start ({' '.join(args)}): {first!r}")
        yield first.removeprefix("listening on ")
    finally:
        child.terminate()
        child.wait(timeout=10)


def run(what: str, args: List[str], env: Dict[str, str] | None = None) -> str:
    print(f"\n--- {what}: {' '.join(args)}", flush=True)
    started = time.monotonic()
    try:
        done = subprocess.run(args, cwd=ROOT, env={**os.environ, **(env or {})}, stdout=subprocess.PIPE, text=True)
    except OSError as e:
        raise BenchFailed(f"{what} could not be started: {e}") from e
    sys.stdout.write(done.stdout)
    if done.returncode != 0:
        raise BenchFailed(f"{what} failed (exit {done.returncode}); its output is above")
    print(f"--- {what}: {time.monotonic() - started:.0f} s", flush=True)
    return done.stdout


def load(path: Path, what: str) -> Dict[str, Any]:
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError) as e:
        raise BenchFailed(f"{what} wrote no readable JSON at {path}: {e}") from e


def machine(pinning: str) -> Dict[str, str]:
    def version(args: List[str]) -> str:
        # Not check=True: `wrk -v` prints its version and exits 1.
        try:
            done = subprocess.run(args, capture_output=True, text=True)
            return (done.stdout + done.stderr).strip().splitlines()[0]
        except (OSError, IndexError):
            return "unknown"

    cpu = "unknown"
    try:
        cpu = next(l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return {
        "cpu": f"{cpu}, {os.cpu_count()} cores",
        "os": f"{platform.system()} {platform.release()}",
        "pinning": pinning,
        "rustc": version(["rustc", "--version"]),
        "python": platform.python_version(),
        "node": version(["node", "--version"]),
        "libcurl": version(["curl-config", "--version"]),
        "wrk": " ".join(version(["wrk", "-v"]).split()[:2]) if shutil.which("wrk") else "missing",
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--release", required=True, type=Path, help="target/<triple>/release")
    parser.add_argument("--python", required=True, help="the venv's python with spotdraft and its peers")
    options = parser.parse_args()
    quick = os.environ.get("BENCH_QUICK") == "1"
    server_pin, client_pin, pinning = cores()
    load_before = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    started = datetime.now(timezone.utc)
    out = ROOT / "target" / "bench-results"
    out.mkdir(parents=True, exist_ok=True)
    results: Dict[str, Any] = {}
    sandbox_bin = options.release / "spotdraft-sandbox"
    c_lib = ROOT / "bindings-c" / "build" / "bench-prefix" / "lib"
    c_bench = ROOT / "bindings-c" / "build" / "bench" / "bench"
    with ExitStack() as stack, tempfile.TemporaryDirectory() as scratch:
        base = stack.enter_context(sandbox(sandbox_bin, server_pin, rate_limit=False))
        limited = stack.enter_context(sandbox(sandbox_bin, server_pin, rate_limit=True))
        # The whole run takes a few minutes; more rounds than each bench's default buy steadier medians.
        rust = ["--requests", "1000", "--rounds", "1", "--limiter-seconds", "10"] if quick else [
            "--rounds", "11", "--limiter-seconds", "30"]
        run("Rust core, CLI, wrk, limiter", [
            *client_pin, str(options.release / "spotdraft-bench"), *rust, "--base-url", base, "--limited-url", limited,
            "--cli", str(options.release / "spotdraft"), "--json", str(out / "rust.json"),
        ])
        results["rust"] = load(out / "rust.json", "spotdraft-bench")
        python_env = {"BENCH_SEQUENTIAL": "500", "BENCH_CONCURRENT": "500"} if quick else {}
        run("Python", [*client_pin, options.python, "bindings-python/bench/bench.py", "--base-url", base,
                       "--json", str(out / "python.json")], python_env)
        results["python"] = load(out / "python.json", "the Python benchmark")
        node = ["--requests", "300", "--rounds", "3"] if quick else ["--rounds", "15"]
        run("Node", [*client_pin, "node", "bindings-node/bench/bench.js", *node, "--base-url", base,
                     "--json", str(out / "node.json")])
        results["node"] = load(out / "node.json", "the Node benchmark")
        c_env = {"LD_LIBRARY_PATH": str(c_lib)}
        run("C", [*client_pin, str(c_bench), "1000" if quick else "8000", "--base-url", base,
                  "--json", str(out / "c.json")], c_env)
        results["c"] = load(out / "c.json", "the C benchmark")
        target = Path(scratch) / "c-download.pdf"
        line = run("C download", [*client_pin, str(c_bench), "--download", base, str(target)], c_env)
        results["c"]["download"] = json.loads(line.strip().splitlines()[-1])
    load_after = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    run_info = {
        "date": started.strftime("%Y-%m-%d %H:%M UTC"),
        "minutes": (datetime.now(timezone.utc) - started).total_seconds() / 60,
        "load_before": load_before,
        "load_after": load_after,
        "quick": quick,
        "machine": machine(pinning),
    }
    (out / "run.json").write_text(json.dumps({"run": run_info, "results": results}, indent=2) + "\n")
    report.write(ROOT, results, run_info)
    print(f"\nwritten: BENCHMARKS.md, benchmarks.png (raw JSON in {out.relative_to(ROOT)}/)")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchFailed as e:
        print(f"bench: FAILED: {e}", file=sys.stderr)
        sys.exit(1)
