"""List executed contracts with AsyncClient, ten requests in flight at most."""

from __future__ import annotations

import asyncio
from typing import List

import spotdraft
from spotdraft.testing import Sandbox


async def main(sandbox: Sandbox) -> List[str]:
    async with spotdraft.AsyncClient(**sandbox.client_options()) as client:
        executed = spotdraft.Filters().eq("display_status", "EXECUTED")
        ids = [str(c.id) async for c in client.contracts.list_all(filters=executed)]
        statuses = await asyncio.gather(*(client.contracts.status(i) for i in ids[:10]))
        print(len(ids), "executed;", len(statuses), "statuses fetched")
        return ids


if __name__ == "__main__":
    with Sandbox() as s:
        asyncio.run(main(s))
