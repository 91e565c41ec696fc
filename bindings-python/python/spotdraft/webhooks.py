"""Webhook signatures: check that a call really came from SpotDraft (constant-time, in core)."""

from __future__ import annotations

from typing import Union

from . import _native
from ._models import HmacKey

__all__ = ["verify", "sign", "header_name"]

Key = Union[str, HmacKey]


def _key(key: Key) -> str:
    return key.expose_secret() if isinstance(key, HmacKey) else key


def verify(raw_body: bytes, signature: str, key: Key, *, callback_secret: bool = False) -> None:
    """Raises ``AuthenticationError`` unless ``signature`` is SpotDraft's signature of
    ``raw_body`` (the bytes as received). ``key`` is the workspace HMAC key (base64, see
    ``client.webhooks.hmac_key()``), or with ``callback_secret=True`` a webhook's own secret."""
    _native.webhook_verify(bytes(raw_body), signature, _key(key), callback_secret)


def sign(raw_body: bytes, key: Key, *, callback_secret: bool = False) -> str:
    """The signature SpotDraft would send for ``raw_body`` (handy in tests)."""
    return _native.webhook_sign(bytes(raw_body), _key(key), callback_secret)


def header_name(key: Key, *, callback_secret: bool = False) -> str:
    """The request header the signature arrives in."""
    return _native.webhook_header_name(_key(key), callback_secret)
