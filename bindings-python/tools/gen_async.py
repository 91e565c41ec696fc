"""Writes python/spotdraft/_aresources.py (AsyncClient's resources) from _resources.py, so
the two faces cannot drift apart. Run: python tools/gen_async.py [--check]"""

import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent / "python" / "spotdraft"
HEADER = '''"""Typed resources of ``AsyncClient``: generated from ``_resources.py`` by
``tools/gen_async.py`` (do not edit; a test fails when it drifts). Every method that talks to
SpotDraft is a coroutine; ``list_all`` and ``all_comments`` return async iterators."""
'''


def transform(source: str) -> str:
    body = source.split('"""', 2)[2]
    body = body.replace("from ._client import Client, PageIterator", "from ._async import AsyncClient, AsyncPageIterator")
    body = re.sub(r'"Client"', '"AsyncClient"', body)
    body = re.sub(r"PageIterator\[", "AsyncPageIterator[", body)
    blocks = re.split(r"(?m)^(?=    def |class )", body)
    out = []
    for block in blocks:
        if block.startswith("    def ") and re.search(r"self\._c\._(resource|download)\(", block):
            block = "    async def " + block[len("    def "):]
            block = re.sub(r"self\._c\._(resource|download)\(", r"await self._c._\1(", block)
        out.append(block)
    return HEADER + "".join(out)


def main() -> int:
    generated = transform((HERE / "_resources.py").read_text())
    target = HERE / "_aresources.py"
    if "--check" in sys.argv:
        if not target.exists() or target.read_text() != generated:
            print("_aresources.py is out of date: run python tools/gen_async.py", file=sys.stderr)
            return 1
        return 0
    target.write_text(generated)
    return 0


if __name__ == "__main__":
    sys.exit(main())
