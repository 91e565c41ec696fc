"""``Sandbox``: an offline SpotDraft workspace running in this process, for testing your own
code without an account::

    with spotdraft.testing.Sandbox() as sandbox:
        with spotdraft.Client(sandbox.credential, base_url=sandbox.base_url) as client:
            client.contracts.list()
"""

from __future__ import annotations

import json
from typing import Any, Dict, List, Mapping, Optional, Tuple

from . import _native

__all__ = ["Sandbox"]


class Sandbox:
    """A running sandbox (loopback only). Its rate limit is off unless ``rate_limit=True``."""

    def __init__(self, *, rate_limit: bool = False, pdf_size: Optional[int] = None) -> None:
        self._native = _native.NativeSandbox(rate_limit=rate_limit, pdf_size=pdf_size)
        client_id, secret = _native.NativeSandbox.demo_credential()
        #: The demo credential the sandbox accepts.
        self.credential = _native.Credential(client_id, secret)

    @property
    def base_url(self) -> str:
        """Where the sandbox listens, e.g. ``http://127.0.0.1:41234``."""
        return self._native.base_url

    def client_options(self) -> Dict[str, Any]:
        """Keyword arguments for ``Client``/``AsyncClient``: the demo credential, this
        sandbox's URL, no client rate limit."""
        return {"credential": self.credential, "base_url": self.base_url, "rate_limit": 0}

    def inject(
        self,
        path: str,
        fault: Mapping[str, Any],
        *,
        method: Optional[str] = None,
        times: int = 1,
    ) -> None:
        """Makes the next ``times`` matching requests fail: ``fault`` is e.g.
        ``{"kind": "status", "status": 503}``, ``{"kind": "reset"}``,
        ``{"kind": "delay", "millis": 500}``."""
        rule: Dict[str, Any] = {"path": path, "fault": dict(fault), "times": times}
        if method is not None:
            rule["method"] = method
        self._native.inject(json.dumps(rule))

    def inject_rule(self, rule: Mapping[str, Any]) -> None:
        """Installs a fault rule in the scenario files' format."""
        self._native.inject(json.dumps(dict(rule)))

    def clear_faults(self) -> None:
        """Removes every fault rule."""
        self._native.clear_faults()

    @property
    def requests(self) -> List[Dict[str, Any]]:
        """What the sandbox received (no secret values: only whether they matched)."""
        return json.loads(self._native.requests_json())  # type: ignore[no-any-return]

    def clear_requests(self) -> None:
        """Empties the request log."""
        self._native.clear_requests()

    def connection_counts(self) -> Tuple[int, int]:
        """(connections opened, connections closed) since start."""
        return self._native.connection_counts()

    def set_rate_limit(self, enabled: bool) -> None:
        """Turns the 10 requests/second limit on or off."""
        self._native.set_rate_limit(enabled)

    def close(self) -> None:
        """Stops the sandbox."""
        self._native.shutdown()

    def __enter__(self) -> "Sandbox":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<spotdraft.testing.Sandbox {self.base_url}>"
