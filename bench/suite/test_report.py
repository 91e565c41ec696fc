"""Checks the report's arithmetic and verdicts on made-up figures:
    python3 -m unittest discover -s bench/suite"""

import unittest

import report


def figures(core_us: float, python_download_peak_kib: int) -> dict:
    timing = lambda us: {"us_per_request": us, "cpu_us_per_request": us / 2, "ratio_to_raw": us / 100}  # noqa: E731
    download = lambda peak: {"bytes": 536870912, "baseline_kib": 10240, "peak_kib": peak}  # noqa: E731
    return {
        "rust": {
            "in_flight": 64,
            "sequential": {"raw reqwest (async)": timing(100), "spotdraft::Client": timing(core_us),
                           "spotdraft::BlockingClient": timing(110)},
            "concurrent": {"raw reqwest (async)": timing(20), "spotdraft::Client": timing(25),
                           "spotdraft::BlockingClient (threads)": timing(30)},
            "wrk": {"sequential_rps": 20000, "concurrent_rps": 50000, "client_sequential_ratio": 0.5,
                    "client_concurrent_ratio": 0.8},
            "downloads": {"core": download(12288), "cli": download(12288)},
            "limiter": {"callers": 16, "seconds": 30, "rate": 9.9, "sent": 297, "throttled": 0},
        },
        "python": {
            "sequential": {"rps": {"spotdraft.Client": 4000, "requests.Session": 1000, "httpx.Client": 2000}},
            "concurrent": {"rps": {"spotdraft.AsyncClient": 3000, "aiohttp": 3000, "httpx.AsyncClient": 100}},
            "download": download(python_download_peak_kib),
            "import_ms": {"spotdraft": 50, "requests": 100},
        },
        "node": {
            "rps": {"sequential": {"spotdraft": 900, "undici.request": 1000, "fetch": 500}},
            "download": download(12288),
            "requireMs": {"spotdraft": 10, "axios": 50},
        },
        "c": {"ratio_median": 0.85, "download": download(12288)},
    }


class ReportTest(unittest.TestCase):
    def test_ratios_and_their_verdicts(self) -> None:
        rows = {(r.face, r.ours, r.peer, r.what): r for r in report.ratios(figures(103, 12288))}
        core = rows[("Rust", "spotdraft::Client", "raw reqwest", "time per sequential request")]
        self.assertAlmostEqual(core.ratio, 1.03)
        self.assertFalse(core.met)  # lower is better, goal <= 1.02
        wrk = rows[("Rust", "spotdraft::Client", "wrk -c64", "requests/s, 64 in flight")]
        self.assertAlmostEqual(wrk.ratio, 0.8)
        self.assertTrue(wrk.met)  # higher is better, goal >= 0.8, met at the edge
        self.assertTrue(rows[("Python", "Client", "requests.Session", "requests/s, sequential")].met)
        self.assertTrue(rows[("Python", "AsyncClient", "aiohttp", "requests/s, 64 in flight")].met)
        self.assertFalse(rows[("C", "libspotdraft", "libcurl easy", "requests/s, sequential")].met)
        self.assertIsNone(rows[("Python", "import spotdraft", "import requests", "import time")].met)

    def test_download_goal_is_judged_on_growth(self) -> None:
        by_face = {d.face: d for d in report.downloads(figures(100, 10240 + 40 * 1024))}
        self.assertAlmostEqual(by_face["Python"].growth_mib, 40)
        self.assertAlmostEqual(by_face["Node"].growth_mib, 2)
        self.assertAlmostEqual(by_face["Node"].peak_mib, 12)


if __name__ == "__main__":
    unittest.main()
