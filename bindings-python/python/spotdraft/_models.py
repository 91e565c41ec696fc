"""Answers. The rule, everywhere: where core has a model, the answer is a ``Model``
subclass (attribute access with type hints, plus read-only mapping access, unknown fields
kept as SpotDraft sent them); where core has none (``request``, ``call``, ``paginate`` over
a path, template metadata), the answer is plain JSON (``dict``/``list``)."""

from __future__ import annotations

import json as _json
from typing import Any, Dict, Iterator, List, Mapping, Optional, Tuple, TypeVar, Union

__all__ = [
    "Model",
    "Contract",
    "ContractStatusInfo",
    "DownloadLink",
    "KeyPointer",
    "ExternalMetadata",
    "Comment",
    "Template",
    "ContractType",
    "Counterparty",
    "User",
    "Role",
    "Webhook",
    "HmacKey",
    "Page",
    "Verification",
    "Download",
    "ProfileSummary",
    "Response",
    "Headers",
]

M = TypeVar("M", bound="Model")


class Model(Mapping[str, Any]):
    """A JSON object from SpotDraft with attribute access. Every field SpotDraft sent is
    kept, modelled or not: ``obj.field``, ``obj["field"]`` and ``obj.to_dict()``."""

    __slots__ = ("_data",)

    def __init__(self, data: Mapping[str, Any]) -> None:
        object.__setattr__(self, "_data", dict(data))

    def __getattr__(self, name: str) -> Any:
        try:
            return self._data[name]
        except KeyError:
            raise AttributeError(f"{type(self).__name__} has no field {name!r}") from None

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Model):
            return bool(self._data == other._data)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._data!r})"

    def __dir__(self) -> List[str]:
        return sorted(set(super().__dir__()) | set(self._data))

    def to_dict(self) -> Dict[str, Any]:
        """A copy of the JSON object as SpotDraft sent it."""
        copied: Dict[str, Any] = _json.loads(_json.dumps(self._data))
        return copied


class Contract(Model):
    """A contract. ``id`` is ``"T-123"`` (from a template), ``"H-123"`` (uploaded) or a number."""

    id: Union[str, int]
    created: Optional[str]
    created_by: Optional[str]
    contract_link: Optional[str]
    contract_status: Optional[str]
    contract_name: Optional[str]
    counter_party_name: Optional[str]
    contract_type_name: Optional[str]
    contract_type_id: Optional[int]
    reference_id: Optional[str]


class ContractStatusInfo(Model):
    """A contract's status details, as SpotDraft sent them."""


class DownloadLink(Model):
    """A short-lived signed URL to a contract's file. The URL is a bearer secret:
    ``repr`` hides its query string."""

    url: str
    file_name: Optional[str]
    current_version_id: Optional[int]

    def __repr__(self) -> str:
        shown = str(self._data.get("url", "")).split("?")[0]
        return f"DownloadLink(url={shown + '?[REDACTED]'!r}, file_name={self._data.get('file_name')!r})"


class KeyPointer(Model):
    """A contract's key pointer (an extracted field such as a date or amount)."""

    id: Optional[int]
    value: Any
    label: Optional[str]
    field_name: Optional[str]
    data_type: Optional[str]


class ExternalMetadata(Model):
    """Your own id and record details attached to a contract."""

    id: Any
    integration_name: Optional[str]
    record_type: Optional[str]


class Comment(Model):
    """A comment on a contract."""


class Template(Model):
    """A contract template."""

    id: int
    name: Optional[str]


class ContractType(Model):
    """A contract type of the workspace."""

    id: int
    name: Optional[str]


class Counterparty(Model):
    """A counterparty (organisation or individual)."""

    id: int


class User(Model):
    """A workspace user."""


class Role(Model):
    """A workspace role."""


class Webhook(Model):
    """A webhook subscription. ``custom_headers`` may carry access keys: ``repr`` shows only
    their names."""

    id: int
    title: Optional[str]
    url: Optional[str]
    only_for_activities: List[str]
    status: Optional[str]

    def __repr__(self) -> str:
        headers = sorted((self._data.get("custom_headers") or {}).keys())
        return (
            f"Webhook(id={self._data.get('id')!r}, title={self._data.get('title')!r}, "
            f"url={self._data.get('url')!r}, custom_headers={headers!r})"
        )


class Verification(Model):
    """What a successful ``verify()`` found."""

    base_url: str
    acting_as: Optional[str]
    contract_types: int


class Download(Model):
    """A finished download."""

    bytes: int
    content_type: Optional[str]
    file_name: Optional[str]
    attempts: int


class ProfileSummary(Model):
    """One saved profile, without its secret."""

    name: str
    description: Optional[str]
    client_id: str
    user_email: Optional[str]
    endpoint: str
    is_default: bool
    created_at: str
    updated_at: str


class HmacKey:
    """The workspace's webhook signing key. A secret: ``repr`` and ``str`` hide it; use
    ``expose_secret()`` only to check signatures."""

    __slots__ = ("__key",)

    def __init__(self, key: str) -> None:
        self.__key = key

    def expose_secret(self) -> str:
        """The base64 key itself."""
        return self.__key

    def __repr__(self) -> str:
        return "HmacKey([REDACTED])"

    __str__ = __repr__

    def __reduce__(self) -> Any:
        raise TypeError("an HmacKey cannot be pickled: it would write the key in clear")


T = TypeVar("T")


class Page(Model):
    """One page of a list: ``results`` plus where it sits (``page``, ``limit``, ``total_results``)."""

    page: int
    limit: int
    total_results: int

    @property
    def results(self) -> List[Any]:
        """The items of this page."""
        return list(self._data["results"])


class Headers(Mapping[str, str]):
    """Response headers, looked up case-insensitively (names are lower case)."""

    __slots__ = ("_items",)

    def __init__(self, items: List[Tuple[str, str]]) -> None:
        merged: Dict[str, str] = {}
        for name, value in items:
            key = name.lower()
            merged[key] = f"{merged[key]}, {value}" if key in merged else value
        self._items = merged

    def __getitem__(self, name: str) -> str:
        return self._items[name.lower()]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        return f"Headers({self._items!r})"


class Response:
    """A successful HTTP answer (errors raise ``SpotDraftError`` instead)."""

    __slots__ = ("status", "headers", "content", "attempts")

    def __init__(self, status: int, headers: List[Tuple[str, str]], content: bytes, attempts: int) -> None:
        #: The HTTP status (2xx).
        self.status: int = status
        #: The headers, case-insensitive.
        self.headers: Headers = Headers(headers)
        #: The raw body.
        self.content: bytes = content
        #: Requests it took (retries included).
        self.attempts: int = attempts

    @property
    def text(self) -> str:
        """The body decoded as UTF-8 (undecodable bytes replaced)."""
        return self.content.decode("utf-8", errors="replace")

    def json(self) -> Any:
        """The body parsed as JSON."""
        return _json.loads(self.content)

    def __repr__(self) -> str:
        return f"<Response [{self.status}] {len(self.content)} bytes>"


def _models(cls: type[M], text: Optional[str]) -> List[M]:
    return [cls(item) for item in _json.loads(text or "[]")]
