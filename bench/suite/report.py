"""Turns one run's JSON figures into BENCHMARKS.md and benchmarks.png (ratios as bars,
goals as marks). Only arithmetic and formatting: every figure comes from the run.

run_all.py calls write(); to redraw from a finished run's figures:
    python bench/suite/report.py target/bench-results/run.json"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional

RSS_GOAL_MIB = 32.0
LIMITER_GOAL = 9.8


@dataclass
class Ratio:
    face: str
    what: str
    ours: str
    peer: str
    ratio: float
    higher_is_better: bool
    goal: Optional[float]

    @property
    def met(self) -> Optional[bool]:
        if self.goal is None:
            return None
        return self.ratio >= self.goal if self.higher_is_better else self.ratio <= self.goal

    @property
    def goal_text(self) -> str:
        if self.goal is None:
            return "-"
        return f"{'>=' if self.higher_is_better else '<='} {self.goal:g}x"


@dataclass
class Download:
    face: str
    baseline_mib: float
    peak_mib: float

    @property
    def growth_mib(self) -> float:
        return self.peak_mib - self.baseline_mib


def ratios(results: Dict[str, Any]) -> List[Ratio]:
    rust, py, node, c = results["rust"], results["python"], results["node"], results["c"]
    # spotdraft-bench pairs its rounds (each contender's round i ran side by side in time)
    # and gives the median of the pairs' ratios, steadier under load than a ratio of medians.
    seq, conc, wrk = rust["sequential"], rust["concurrent"], rust["wrk"]
    to_raw = lambda table, name: table[name]["ratio_to_raw"]  # noqa: E731
    flight = rust["in_flight"]
    out = [
        Ratio("Rust", "time per sequential request", "spotdraft::Client", "raw reqwest",
              to_raw(seq, "spotdraft::Client"), False, 1.02),
        Ratio("Rust", "time per sequential request", "spotdraft::BlockingClient", "raw reqwest",
              to_raw(seq, "spotdraft::BlockingClient"), False, None),
        Ratio("Rust", f"time per request, {flight} in flight", "spotdraft::Client", "raw reqwest",
              to_raw(conc, "spotdraft::Client"), False, None),
        Ratio("Rust", f"requests/s, {flight} in flight", "spotdraft::Client", f"wrk -c{flight}",
              wrk["client_concurrent_ratio"], True, 0.8),
        Ratio("Rust", "requests/s, sequential", "spotdraft::Client", "wrk -c1",
              wrk["client_sequential_ratio"], True, None),
    ]
    s, a = py["sequential"]["rps"], py["concurrent"]["rps"]
    out += [
        Ratio("Python", "requests/s, sequential", "Client", "requests.Session",
              s["spotdraft.Client"] / s["requests.Session"], True, 2.0),
        Ratio("Python", "requests/s, sequential", "Client", "httpx.Client",
              s["spotdraft.Client"] / s["httpx.Client"], True, 1.5),
        Ratio("Python", "requests/s, 64 in flight", "AsyncClient", "aiohttp",
              a["spotdraft.AsyncClient"] / a["aiohttp"], True, 1.0),
        Ratio("Python", "requests/s, 64 in flight", "AsyncClient", "httpx.AsyncClient",
              a["spotdraft.AsyncClient"] / a["httpx.AsyncClient"], True, None),
    ]
    for mode, rps in node["rps"].items():
        out += [
            Ratio("Node", f"requests/s, {mode}", "spotdraft", "undici.request",
                  rps["spotdraft"] / rps["undici.request"], True, 0.8),
            Ratio("Node", f"requests/s, {mode}", "spotdraft", "fetch", rps["spotdraft"] / rps["fetch"], True, 1.5),
        ]
    out.append(Ratio("C", "requests/s, sequential", "libspotdraft", "libcurl easy",
                     c["ratio_median"], True, 0.9))
    out += [
        Ratio("Python", "import time", "import spotdraft", "import requests",
              py["import_ms"]["spotdraft"] / py["import_ms"]["requests"], False, None),
        Ratio("Node", "require time", "require('spotdraft')", "require('axios')",
              node["requireMs"]["spotdraft"] / node["requireMs"]["axios"], False, None),
    ]
    return out


def downloads(results: Dict[str, Any]) -> List[Download]:
    figures = [
        ("Rust core", results["rust"]["downloads"]["core"]),
        ("CLI", results["rust"]["downloads"]["cli"]),
        ("Python", results["python"]["download"]),
        ("Node", results["node"]["download"]),
        ("C", results["c"]["download"]),
    ]
    return [Download(face, f["baseline_kib"] / 1024, f["peak_kib"] / 1024) for face, f in figures]


def verdict(met: Optional[bool]) -> str:
    return "-" if met is None else ("met" if met else "**missed**")


def chart(path: Path, rows: List[Ratio], dl: List[Download], limiter: Dict[str, Any], title: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    green, red, grey = "#3a923a", "#c8413b", "#8c8c8c"
    fig, (left, right) = plt.subplots(1, 2, figsize=(15, 9), gridspec_kw={"width_ratios": [2.2, 1]})
    labels = [f"{r.face}: {r.ours} / {r.peer}\n{r.what} ({'higher' if r.higher_is_better else 'lower'} is better)"
              for r in rows]
    colours = [grey if r.met is None else (green if r.met else red) for r in rows]
    ys = list(range(len(rows)))[::-1]
    left.barh(ys, [r.ratio for r in rows], color=colours)
    for y, r in zip(ys, rows):
        # Three decimals near 1, so a ratio of 1.016 is not drawn as the 1.02 of its goal.
        left.text(r.ratio, y, f" {r.ratio:.3f}x" if r.ratio < 10 else f" {r.ratio:.1f}x", va="center", fontsize=8)
        if r.goal is not None:
            left.plot([r.goal, r.goal], [y - 0.45, y + 0.45], color="black", linewidth=2)
    left.set_yticks(ys, labels, fontsize=7)
    left.axvline(1.0, color=grey, linestyle=":", linewidth=1)
    left.set_xscale("log")
    left.set_xlabel("ratio, log scale (black mark: goal; green met, red missed, grey no goal)")
    left.set_title("ratios to each face's peers, same sandbox, same run")

    top, bottom = right.inset_axes([0, 0.42, 1, 0.58]), right.inset_axes([0, 0, 1, 0.28])
    right.axis("off")
    xs = list(range(len(dl)))
    top.bar(xs, [d.baseline_mib for d in dl], color="#c9d7e8", label="before the download (idle)")
    top.bar(xs, [d.growth_mib for d in dl], bottom=[d.baseline_mib for d in dl],
            color=[green if d.growth_mib < RSS_GOAL_MIB else red for d in dl], label="growth while downloading")
    top.axhline(RSS_GOAL_MIB, color="black", linestyle="--", linewidth=1, label=f"goal: growth < {RSS_GOAL_MIB:g} MiB")
    for i, d in enumerate(dl):
        top.text(i, d.peak_mib, f"{d.peak_mib:.0f}\n(+{d.growth_mib:.1f})", ha="center", va="bottom", fontsize=8)
    top.set_xticks(xs, [d.face for d in dl], fontsize=8)
    top.set_ylabel("peak RSS, MiB")
    top.set_title("peak RSS downloading a 512 MiB contract", fontsize=10)
    top.legend(fontsize=7, loc="upper left")
    top.set_ylim(0, max(max(d.peak_mib for d in dl), RSS_GOAL_MIB) * 1.35)
    ok = limiter["rate"] >= LIMITER_GOAL and limiter["throttled"] == 0
    bottom.barh([0], [limiter["rate"]], color=green if ok else red)
    bottom.axvline(LIMITER_GOAL, color="black", linewidth=2)
    bottom.axvline(10.0, color=grey, linestyle=":")
    bottom.set_xlim(0, 11)
    bottom.set_yticks([0], [f"{limiter['callers']} callers"])
    bottom.set_xlabel(f"requests/s over {limiter['seconds']} s (goal >= {LIMITER_GOAL:g}, sandbox limit 10); "
                      f"{limiter['throttled']} answered 429")
    bottom.set_title("rate limiter, sustained", fontsize=10)
    fig.suptitle(title, fontsize=11)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def write(root: Path, results: Dict[str, Any], run: Dict[str, Any]) -> None:
    rows, dl, limiter = ratios(results), downloads(results), results["rust"]["limiter"]
    m = run["machine"]
    chart(root / "benchmarks.png", rows, dl, limiter, f"spotdraft benchmarks, {run['date']} ({m['cpu']})")
    rust, py, node, c = results["rust"], results["python"], results["node"], results["c"]
    md: List[str] = []
    add = md.append
    add("# Benchmarks\n")
    add("Written by `./scripts/bench` from one run; every figure below was measured in that run. "
        "A report, not a test: nothing here fails a build.\n")
    add(f"- date: {run['date']}, the run took {run['minutes']:.1f} min after the builds"
        + (" (**quick run**: `BENCH_QUICK=1`, fewer requests)" if run["quick"] else ""))
    add(f"- machine: {m['cpu']}, {m['os']}; {m['pinning']}")
    add(f"- load: before `{run['load_before']}`; after `{run['load_after']}`")
    add(f"- tools: {m['rustc']}; Python {m['python']}; Node {m['node']}; {m['libcurl']}; {m['wrk']}")
    add("- every client talked to one sandbox (release build, rate limit off, serving 512 MiB contracts); "
        "the limiter run used a second one with its 10/s limit on, pinned the same way\n")
    add("![ratios, download memory and limiter rate](benchmarks.png)\n")
    add("## Ratios\n")
    add("| face | measure | ours / peer | ratio | goal | |")
    add("| --- | --- | --- | --- | --- | --- |")
    for r in rows:
        better = "higher" if r.higher_is_better else "lower"
        add(f"| {r.face} | {r.what} ({better} is better) | {r.ours} / {r.peer} | {r.ratio:.3f}x | {r.goal_text} "
            f"| {verdict(r.met)} |")
    add("\n## Peak RSS while downloading a 512 MiB contract\n")
    add("Each face downloads the same contract to a file in a fresh process. *Before* is the process's peak after "
        "loading the library, building a client and making one small request (for the CLI: the peak of "
        "`spotdraft contracts get`, the same program without the download); *growth* is what the download added. "
        f"**The goal (under {RSS_GOAL_MIB:g} MiB) is judged on the growth**, because the idle footprint is the "
        "language runtime's, not the download's: a bare `node` process is about 40 MiB before it does anything, "
        "a Python interpreter with the extension loaded about 20 MiB. The absolute peak is shown too.\n")
    add("Peaks are `VmHWM` from `/proc/PID/status`, not `getrusage`'s `ru_maxrss`: Linux carries `ru_maxrss` "
        "over `fork` and `exec`, so a child reports at least its parent's size when it was forked. The earlier "
        "Python figure (58 MiB, the same before and during the download) was the benchmark parent's size, not "
        "the download's; Node's earlier 51.6 MiB was about right, and almost all of it is Node itself.\n")
    add("| face | before | peak | growth | goal: growth < 32 MiB |")
    add("| --- | --- | --- | --- | --- |")
    for d in dl:
        add(f"| {d.face} | {d.baseline_mib:.1f} MiB | {d.peak_mib:.1f} MiB | {d.growth_mib:.1f} MiB "
            f"| {verdict(d.growth_mib < RSS_GOAL_MIB)} |")
    ok = limiter["rate"] >= LIMITER_GOAL and limiter["throttled"] == 0
    add("\n## Rate limiter\n")
    add(f"{limiter['callers']} concurrent callers through one client (its default 10/s limiter, retries off) for "
        f"{limiter['seconds']} s against the sandbox's own 10/s window: **{limiter['rate']:.2f} requests/s** "
        f"sustained, {limiter['sent']} sent, {limiter['throttled']} answered 429. Goal >= {LIMITER_GOAL:g}/s with "
        f"no 429: {verdict(ok)}.\n")
    add("## Raw figures\n")
    add(f"Rust ({rust['requests']} requests per round, median of {rust['rounds']} rounds, the contenders taking "
        "turns round by round; the ratios above are medians of each round's ratio; client CPU is the client "
        "process's own):\n")
    add("| client | mode | time/request | CPU/request |")
    add("| --- | --- | --- | --- |")
    for mode, table in (("sequential", rust["sequential"]), (f"{rust['in_flight']} in flight", rust["concurrent"])):
        for name, f in table.items():
            add(f"| {name} | {mode} | {f['us_per_request']:.1f} us | {f['cpu_us_per_request']:.1f} us |")
    add(f"| wrk -t1 -c1 | sequential | {1e6 / rust['wrk']['sequential_rps']:.1f} us "
        f"({rust['wrk']['sequential_rps']:.0f}/s) | - |")
    add(f"| wrk -t1 -c{rust['in_flight']} | {rust['in_flight']} in flight | "
        f"{1e6 / rust['wrk']['concurrent_rps']:.1f} us ({rust['wrk']['concurrent_rps']:.0f}/s) | - |")
    add(f"\nPython ({py['sequential']['requests']} sequential / {py['concurrent']['requests']} concurrent requests "
        f"per round, median of {py['sequential']['rounds']}), requests/s: "
        + ", ".join(f"{k} {v:.0f}" for k, v in {**py["sequential"]["rps"], **py["concurrent"]["rps"]}.items())
        + f"; import spotdraft {py['import_ms']['spotdraft']:.0f} ms, import requests "
        f"{py['import_ms']['requests']:.0f} ms.\n")
    add(f"Node ({node['requests']} requests x {node['rounds']} rounds, median; {node['addon']} addon), requests/s: "
        + "; ".join(f"{mode}: " + ", ".join(f"{k} {v:.0f}" for k, v in rps.items()) for mode, rps in node["rps"].items())
        + f"; JavaScript -> I/O thread -> JavaScript round trip {node['roundTripUs']:.1f} us; "
        f"require('spotdraft') {node['requireMs']['spotdraft']:.1f} ms, require('axios') "
        f"{node['requireMs']['axios']:.1f} ms; the download took {node['download']['seconds']:.1f} s.\n")
    add(f"C ({c['rounds']} alternating rounds of {c['per_round']} requests each side): libspotdraft "
        f"{c['spotdraft_rps']:.0f}/s, libcurl {c['libcurl_rps']:.0f}/s, per-round ratios "
        f"{c['ratio_min']:.2f}x..{c['ratio_max']:.2f}x.\n")
    missed = [r for r in rows if r.met is False] + [d for d in dl if d.growth_mib >= RSS_GOAL_MIB]
    add("## Goals missed in this run\n")
    if not missed and ok:
        add("None.")
    for r in rows:
        if r.met is False:
            add(f"- {r.face}: {r.ours} / {r.peer}, {r.what}: {r.ratio:.3f}x, goal {r.goal_text}")
    for d in dl:
        if d.growth_mib >= RSS_GOAL_MIB:
            add(f"- {d.face}: download growth {d.growth_mib:.1f} MiB, goal under {RSS_GOAL_MIB:g} MiB")
    if not ok:
        add(f"- rate limiter: {limiter['rate']:.2f}/s with {limiter['throttled']} 429s")
    add("\nA loaded machine moves these figures by tens of percent (see the load above); rerun on a quiet one "
        "before reading much into a near miss.\n")
    add("## Reproduce\n")
    add("    ./scripts/bench                 # installs what is missing, builds release once, runs every face\n")
    add("See [bench/suite/README.md](bench/suite/README.md) for what each face measures and how. "
        "Raw JSON of the run is left in `target/bench-results/`.")
    (root / "BENCHMARKS.md").write_text("\n".join(md) + "\n")


if __name__ == "__main__":
    import json
    import sys

    saved = json.loads(Path(sys.argv[1]).read_text())
    write(Path(__file__).resolve().parents[2], saved["results"], saved["run"])
