"""The exception hierarchy. Core classifies every failure into a stable kind; each kind has
one class here, so callers can ``except spotdraft.RateLimitError`` or inspect ``.kind``.
Messages come from core, already scrubbed of the client secret."""

from __future__ import annotations

import builtins
import json
from typing import Any, Dict, List, Optional, Tuple, Type

__all__ = [
    "SpotDraftError",
    "InvalidCredentialError",
    "InvalidArgumentError",
    "AuthenticationError",
    "PermissionDeniedError",
    "NotFoundError",
    "ConflictError",
    "BusinessRuleError",
    "ValidationError",
    "RateLimitError",
    "ServerError",
    "NotEnabledError",
    "RedirectError",
    "TimeoutError",
    "ConnectionError",
    "DecodeError",
    "FileError",
    "StoreError",
    "CancelledError",
]


class SpotDraftError(Exception):
    """A SpotDraft call failed. ``kind`` is core's stable kind string (``"rate_limited"``,
    ``"not_found"``, ...); the other attributes say what the server and the client saw."""

    kind: str = "unknown"

    def __init__(
        self,
        message: str,
        *,
        status: Optional[int] = None,
        code: Optional[str] = None,
        field_errors: Optional[Dict[str, List[str]]] = None,
        attempts: int = 0,
        retryable: bool = False,
        hint: Optional[str] = None,
        request_id: Optional[str] = None,
    ) -> None:
        super().__init__(message)
        #: What went wrong, in words (never containing the secret).
        self.message: str = message
        #: The HTTP status, when the server answered.
        self.status: Optional[int] = status
        #: SpotDraft's ``SD_...`` error code, when it sent one.
        self.code: Optional[str] = code
        #: Per-field validation messages, by field name.
        self.field_errors: Dict[str, List[str]] = dict(field_errors or {})
        #: Requests sent before giving up (0 when nothing was sent).
        self.attempts: int = attempts
        #: Whether trying again later could succeed.
        self.retryable: bool = retryable
        #: What to do about it, when core has advice.
        self.hint: Optional[str] = hint
        #: The server's request id, for support.
        self.request_id: Optional[str] = request_id

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message} ({self.hint})"

    def __repr__(self) -> str:
        return f"{type(self).__name__}(kind={self.kind!r}, status={self.status!r}, code={self.code!r}, message={self.message!r})"

    def __reduce__(self) -> Tuple[Any, ...]:
        """Pickles (e.g. across multiprocessing) as the same class with the same fields."""
        return (
            _from_native,
            (
                self.kind,
                self.message,
                self.status,
                self.code,
                json.dumps(self.field_errors),
                self.attempts,
                self.retryable,
                self.hint,
                self.request_id,
            ),
        )


class InvalidCredentialError(SpotDraftError, ValueError):
    """The credential is malformed or missing (nothing was sent)."""

    kind = "invalid_credential"


class InvalidArgumentError(SpotDraftError, ValueError):
    """An argument was refused before anything was sent."""

    kind = "invalid_argument"


class AuthenticationError(SpotDraftError):
    """SpotDraft refused the client id or secret (HTTP 401)."""

    kind = "authentication"


class PermissionDeniedError(SpotDraftError):
    """The credential or acting user may not do this (HTTP 403)."""

    kind = "permission_denied"


class NotFoundError(SpotDraftError):
    """No such object (HTTP 404)."""

    kind = "not_found"


class ConflictError(SpotDraftError):
    """The object already exists or changed meanwhile (HTTP 409)."""

    kind = "conflict"


class BusinessRuleError(SpotDraftError):
    """SpotDraft refused the operation by a business rule (its ``SD_...`` code says which)."""

    kind = "business_rule"


class ValidationError(SpotDraftError, ValueError):
    """SpotDraft refused the input; ``field_errors`` says which fields (HTTP 400/422)."""

    kind = "validation"


class RateLimitError(SpotDraftError):
    """Too many requests (HTTP 429) even after waiting and retrying."""

    kind = "rate_limited"


class ServerError(SpotDraftError):
    """SpotDraft failed (HTTP 5xx) even after retrying where that was safe."""

    kind = "server"


class NotEnabledError(SpotDraftError):
    """The feature is not enabled for the workspace (HTTP 501)."""

    kind = "not_enabled"


class RedirectError(SpotDraftError):
    """The server redirected; redirects are never followed (they could leak the secret)."""

    kind = "redirect"


class TimeoutError(SpotDraftError, builtins.TimeoutError):
    """The call ran out of time (also a builtin ``TimeoutError``)."""

    kind = "timeout"


class ConnectionError(SpotDraftError, builtins.ConnectionError):
    """The server could not be reached or dropped the connection (also a builtin
    ``ConnectionError``)."""

    kind = "connection"


class DecodeError(SpotDraftError):
    """The answer did not have the expected shape."""

    kind = "decode"


class FileError(SpotDraftError):
    """A local file could not be written (downloads)."""

    kind = "file"


class StoreError(SpotDraftError):
    """The credential store could not be read or written."""

    kind = "store"


class CancelledError(SpotDraftError):
    """The call was cancelled (e.g. a download's progress callback answered ``False``)."""

    kind = "cancelled"


_BY_KIND: Dict[str, Type[SpotDraftError]] = {
    cls.kind: cls
    for cls in (
        InvalidCredentialError,
        InvalidArgumentError,
        AuthenticationError,
        PermissionDeniedError,
        NotFoundError,
        ConflictError,
        BusinessRuleError,
        ValidationError,
        RateLimitError,
        ServerError,
        NotEnabledError,
        RedirectError,
        TimeoutError,
        ConnectionError,
        DecodeError,
        FileError,
        StoreError,
        CancelledError,
    )
}


def error_class(kind: str) -> Type[SpotDraftError]:
    """The exception class of a kind string (``SpotDraftError`` for a kind added later)."""
    return _BY_KIND.get(kind, SpotDraftError)


def _from_native(
    kind: str,
    message: str,
    status: Optional[int],
    code: Optional[str],
    field_errors: str,
    attempts: int,
    retryable: bool,
    hint: Optional[str],
    request_id: Optional[str],
) -> SpotDraftError:
    """Called by the Rust half to build the exception of a core error."""
    cls = error_class(kind)
    error = cls(
        message,
        status=status,
        code=code,
        field_errors=json.loads(field_errors),
        attempts=attempts,
        retryable=retryable,
        hint=hint,
        request_id=request_id,
    )
    if cls is SpotDraftError:
        error.kind = kind
    return error
