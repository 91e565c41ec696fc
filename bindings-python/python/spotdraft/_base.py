"""What ``Client`` and ``AsyncClient`` share: settings, the native handle, ``close`` and the
read-only properties. Only how a call is awaited (and so the resources' type) differs."""

from __future__ import annotations

from typing import Any, Mapping, Optional, Tuple

from . import _native
from ._errors import InvalidArgumentError


_U32_MAX = 2**32 - 1
_U64_MAX = 2**64 - 1


def _whole_number(name: str, value: Optional[int], largest: int) -> None:
    # The native layer would say only "out of range integral type conversion" without naming
    # the setting; core checks the meaningful ranges once the value fits.
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be a whole number, not {type(value).__name__}")
    if not 0 <= value <= largest:
        raise InvalidArgumentError(f"{name} must be a whole number from 0 to {largest}, not {value}")


def _native_client(credential: Optional[_native.Credential], kwargs: Mapping[str, Any]) -> _native.NativeClient:
    if credential is not None and not isinstance(credential, _native.Credential):
        raise TypeError("credential must be a spotdraft.Credential (or None to resolve one like the CLI)")
    return _native.NativeClient(credential, **kwargs)


class ClientBase:
    """Settings and state of a client; ``Client`` documents their meaning."""

    def __init__(
        self,
        credential: Optional[_native.Credential] = None,
        *,
        profile: Optional[str] = None,
        region: Optional[str] = None,
        base_url: Optional[str] = None,
        timeout: Optional[float] = None,
        connect_timeout: Optional[float] = None,
        attempt_timeout: Optional[float] = None,
        max_attempts: Optional[int] = None,
        rate_limit: int = 10,
        user_agent_suffix: Optional[str] = None,
        max_body_size: Optional[int] = None,
        retry_backoff: Optional[Tuple[float, float]] = None,
        rate_limit_url: Optional[str] = None,
        rate_limit_strict: Optional[bool] = None,
        _native_client_: Optional[_native.NativeClient] = None,
    ) -> None:
        if _native_client_ is None:
            _whole_number("rate_limit", rate_limit, _U32_MAX)
            _whole_number("max_attempts", max_attempts, _U32_MAX)
            _whole_number("max_body_size", max_body_size, _U64_MAX)
            _native_client_ = _native_client(
                credential,
                dict(
                    profile=profile,
                    region=region,
                    base_url=base_url,
                    timeout=timeout,
                    connect_timeout=connect_timeout,
                    attempt_timeout=attempt_timeout,
                    max_attempts=max_attempts,
                    rate_limit=rate_limit,
                    user_agent_suffix=user_agent_suffix,
                    max_body_size=max_body_size,
                    retry_backoff=retry_backoff,
                    rate_limit_url=rate_limit_url,
                    rate_limit_strict=rate_limit_strict,
                ),
            )
        self._n: Optional[_native.NativeClient] = _native_client_
        self._attach_resources()

    def _attach_resources(self) -> None:
        raise NotImplementedError

    @property
    def _nc(self) -> _native.NativeClient:
        if self._n is None:
            raise InvalidArgumentError("the client is closed")
        return self._n

    @property
    def base_url(self) -> str:
        """Where requests go."""
        return self._nc.base_url

    @property
    def credential(self) -> _native.Credential:
        """The credential in use (its secret stays hidden)."""
        return self._nc.credential

    @property
    def credential_source(self) -> str:
        """Where the credential came from: ``explicit``, ``environment`` or ``profile:NAME``."""
        return self._nc.credential_source

    def close(self) -> None:
        """Releases the connection pool; later calls raise ``InvalidArgumentError``."""
        self._n = None

    def __repr__(self) -> str:
        return f"<spotdraft.{type(self).__name__} {self._n.base_url if self._n else 'closed'}>"
