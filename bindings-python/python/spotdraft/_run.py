"""How ops run: blocking (the Rust side releases the GIL and watches for Ctrl-C) or on
asyncio (the Rust side completes a future through ``call_soon_threadsafe``; cancelling the
awaiting task cancels the request and closes its connection)."""

from __future__ import annotations

import json
from typing import Any, List, Mapping, Optional, Sequence, Tuple, Union

from . import _native

Params = Union[Mapping[str, Any], Sequence[Tuple[str, Any]], None]


async def await_op(op: _native.Op) -> Any:
    """Runs ``op`` on core's runtime and awaits it without blocking the event loop."""
    # Imported here, not at the top: asyncio (and the ssl it loads) is most of what
    # `import spotdraft` would cost, and blocking users never need it.
    import asyncio

    loop = asyncio.get_running_loop()
    future: asyncio.Future[Any] = loop.create_future()

    def settle(ok: bool, value: Any) -> None:
        if future.done():
            return
        if ok:
            future.set_result(value)
        else:
            future.set_exception(value)

    def done(ok: bool, value: Any) -> None:
        try:
            loop.call_soon_threadsafe(settle, ok, value)
        except RuntimeError:
            pass  # the loop is closed: nobody is waiting any more

    op.start(done)
    try:
        return await future
    except asyncio.CancelledError:
        op.cancel()
        raise


def query_text(value: Any) -> str:
    """A query parameter value as SpotDraft expects it (booleans in lower case)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def query_pairs(params: Params) -> List[Tuple[str, str]]:
    """``params`` (a mapping or pairs; list values repeat the name) as string pairs."""
    if params is None:
        return []
    items = params.items() if isinstance(params, Mapping) else params
    pairs: List[Tuple[str, str]] = []
    for name, value in items:
        if value is None:
            continue
        if isinstance(value, (list, tuple)):
            pairs.extend((str(name), query_text(v)) for v in value)
        else:
            pairs.append((str(name), query_text(value)))
    return pairs


def dumps(value: Any) -> str:
    """JSON text for the Rust side (which decodes it into core's types)."""
    try:
        return json.dumps(value)
    except (TypeError, ValueError) as e:
        from ._errors import InvalidArgumentError

        raise InvalidArgumentError(f"not JSON-serializable: {e}") from None


def maybe_dumps(value: Any) -> Optional[str]:
    """``dumps`` unless ``None``."""
    return None if value is None else dumps(value)
