"""Runs a sandbox (rate limit off) until stdin closes; prints its base URL first. The
benchmark starts it as a child process so the server's CPU is not the client's."""

import os
import sys

from spotdraft.testing import Sandbox

if len(sys.argv) > 1 and hasattr(os, "sched_setaffinity"):
    os.sched_setaffinity(0, {int(sys.argv[1])})
pdf_size = int(sys.argv[2]) if len(sys.argv) > 2 else None
with Sandbox(pdf_size=pdf_size) as sandbox:
    print(sandbox.base_url, flush=True)
    sys.stdin.read()
