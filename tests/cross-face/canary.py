"""Secret canary across faces: the CLI (-vv, RUST_LOG=trace), Python (logging DEBUG), Node
(setLogger at trace) and C use a credential whose secret is a distinctive canary, through
successes, retries, a 404, a refused redirect to another host and an uncaught error. Every
byte they print is captured; the test fails if the canary appears anywhere, or if the other
host ever received a client-secret header. Run by scripts/test-all after the binding suites,
whose builds it uses (arguments: the CLI binary, libspotdraft's folder, the sandbox binary).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import textwrap
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CANARY = "CANARY-sEcReT-7f3a9c-do-not-print"
CLIENT_ID = "canary-client-id"
CONTRACTS = "/api/v2.1/public/contracts/"
# Each kind of trouble on a path of its own, so a call meets only the fault meant for it.
REDIRECTED = "/api/v2.1/public/contract_types/"
ECHOING = "/api/v2.1/public/templates/"
MISSING = "/api/v2.1/public/contracts/T-999999/status"


class SandboxProcess:
    def __init__(self, binary: str, secret: str) -> None:
        env = dict(os.environ, SPOTDRAFT_SANDBOX_CLIENT_SECRET=secret)
        self.process = subprocess.Popen(
            [binary, "--port", "0", "--no-rate-limit", "--client-id", CLIENT_ID],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True,
        )
        first = self.process.stdout.readline().strip()  # type: ignore[union-attr]
        assert first.startswith("listening on "), first
        self.base_url = first.removeprefix("listening on ")

    def control(self, method: str, what: str, body: object = None) -> object:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(f"{self.base_url}/__sandbox/{what}", data=data, method=method)
        request.add_header("content-type", "application/json")
        with urllib.request.urlopen(request, timeout=10) as answer:
            text = answer.read()
        return json.loads(text) if text else None

    def fault(self, rule: dict) -> None:
        self.control("POST", "faults", rule)

    def stop(self) -> None:
        self.process.kill()
        self.process.wait()


def run(name: str, command: list, env: dict, output: list, expect_failure: bool = False) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    output.append(f"--- {name}: exit {result.returncode}\n{result.stdout}\n{result.stderr}")
    if (result.returncode != 0) != expect_failure:
        sys.exit(f"canary: {name} exited {result.returncode} unexpectedly:\n{result.stdout}\n{result.stderr}")


def main() -> None:
    cli, libdir, sandbox_binary = sys.argv[1:4]
    server = SandboxProcess(sandbox_binary, CANARY)
    other = SandboxProcess(sandbox_binary, "some-other-secret-value")
    output: list = []
    try:
        env = dict(
            os.environ,
            SPOTDRAFT_CLIENT_ID=CLIENT_ID,
            SPOTDRAFT_CLIENT_SECRET=CANARY,
            SPOTDRAFT_BASE_URL=server.base_url,
            RUST_LOG="trace",
            RUST_BACKTRACE="1",
        )
        redirect = {"path": REDIRECTED, "method": "GET", "times": 1,
                    "fault": {"kind": "redirect", "location": f"{other.base_url}{REDIRECTED}"}}
        retry = {"path": CONTRACTS, "method": "GET", "times": 2, "fault": {"kind": "status", "status": 503}}
        echo = {"path": ECHOING, "method": "GET", "times": 1,
                "fault": {"kind": "status", "status": 400, "body": {"detail": f"bad secret {CANARY}", CANARY: [CANARY]}}}
        with tempfile.TemporaryDirectory() as scratch:
            env["SPOTDRAFT_CONFIG_DIR"] = os.path.join(scratch, "config")
            env["HOME"] = scratch
            # The CLI, most verbose.
            for args, fails, rule in [
                (["contracts", "list"], False, retry),
                (["contracts", "status", "T-999999"], True, None),
                (["api", "GET", REDIRECTED], True, redirect),
                (["api", "GET", ECHOING], True, echo),
            ]:
                if rule:
                    server.fault(rule)
                run(f"cli {' '.join(args)}", [cli, "-vv", *args], env, output, expect_failure=fails)
            add = subprocess.run([cli, "-vv", "credentials", "add", "canary", "--client-id", CLIENT_ID, "--secret-stdin"],
                                 input=CANARY + "\n", env=env, capture_output=True, text=True, timeout=60)
            output.append(add.stdout + add.stderr)
            assert add.returncode == 0, add.stderr
            for args in (["credentials", "list"], ["credentials", "show", "canary"], ["--profile", "canary", "credentials", "test"]):
                run(f"cli {' '.join(args)}", [cli, "-vv", *args], env, output)

            # Python, logging at DEBUG, reprs, an uncaught error's traceback.
            for rule in (retry, redirect, echo):
                server.fault(rule)
            python = textwrap.dedent(f"""
                import logging, traceback, spotdraft
                logging.basicConfig(level=logging.DEBUG)
                spotdraft.refresh_logging()
                with spotdraft.Client(rate_limit=0, max_attempts=4) as client:
                    print(repr(client), repr(client.credential), str(client.credential))
                    print(client.contracts.list(limit=2))
                    for call in (lambda: client.request("GET", "{REDIRECTED}"),
                                 lambda: client.request("GET", "{ECHOING}"),
                                 lambda: client.contracts.get("T-999999")):
                        try:
                            call()
                        except spotdraft.SpotDraftError as error:
                            print(repr(error), error, vars(error))
                            traceback.print_exc()
                    client.contracts.get("T-999998")
            """)
            run("python", [str(ROOT / ".venv-test/bin/python"), "-c", python], env, output, expect_failure=True)

            # Node, every log record at trace, inspected errors, an unhandled rejection.
            for rule in (retry, redirect, echo):
                server.fault(rule)
            node = textwrap.dedent(f"""
                const util = require('node:util')
                const sd = require({json.dumps(str(ROOT / 'bindings-node'))})
                sd.setLogger((record) => console.error(util.inspect(record, {{ depth: 9 }})), {{ level: 'trace' }})
                const client = new sd.Client(undefined, {{ rateLimit: 0, maxAttempts: 4 }})
                ;(async () => {{
                  console.log(util.inspect(client, {{ depth: 9, showHidden: true }}), JSON.stringify(client))
                  console.log(util.inspect(await client.contracts.list({{ limit: 2 }}), {{ depth: 9 }}))
                  for (const call of [() => client.request('GET', '{REDIRECTED}'), () => client.request('GET', '{ECHOING}'), () => client.contracts.get('T-999999')]) {{
                    try {{ await call() }} catch (error) {{ console.log(util.inspect(error, {{ depth: 9, showHidden: true }}), JSON.stringify(error), error.stack) }}
                  }}
                  await client.contracts.get('T-999998')
                }})()
            """)
            run("node", ["node", "-e", node], env, output, expect_failure=True)

            # C: every error message and kind printed.
            for rule in (retry, redirect, echo):
                server.fault(rule)
            program = Path(scratch) / "canary"
            subprocess.run(
                ["cc", "-std=c11", "-Wall", "-Wextra", "-Werror", f"-I{ROOT / 'bindings-c/include'}",
                 str(ROOT / "tests/cross-face/canary.c"), f"-L{libdir}", "-lspotdraft", f"-Wl,-rpath,{scratch}",
                 "-o", str(program)],
                check=True,
            )
            os.symlink(os.path.join(libdir, "libspotdraft.so"), os.path.join(scratch, "libspotdraft.so.0"))
            run("c", [str(program), CONTRACTS, REDIRECTED, ECHOING, MISSING], env, output)

        reached_other = [r for r in other.control("GET", "requests") if r.get("client_secret_present")]  # type: ignore[union-attr]
    finally:
        server.stop()
        other.stop()

    everything = "\n".join(output)
    if os.environ.get("CANARY_OUTPUT"):
        Path(os.environ["CANARY_OUTPUT"]).write_text(everything)
    # Each face must really have met the hostile cases, or a clean output proves nothing.
    for face in ("--- python", "--- node", "--- c:", f"--- cli api GET {REDIRECTED}"):
        section = next((part for part in output if part.startswith(face)), "")
        assert "redirect" in section.lower(), f"{face}: the refused redirect is not in its output"
    for face in ("--- python", "--- node"):
        section = next(part for part in output if part.startswith(face))
        assert "[REDACTED]" in section, f"{face}: the error body echoing the secret was not met"
    if CANARY in everything:
        lines = [line for line in everything.splitlines() if CANARY in line]
        sys.exit("canary: the secret was printed:\n" + "\n".join(lines[:10]))
    if reached_other:
        sys.exit(f"canary: another host received the client-secret header: {reached_other}")
    print(f"canary: {len(everything.splitlines())} lines from the CLI, Python, Node and C; the secret is in none, "
          "and the other host never received it")


if __name__ == "__main__":
    main()
