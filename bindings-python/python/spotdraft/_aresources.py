"""Typed resources of ``AsyncClient``: generated from ``_resources.py`` by
``tools/gen_async.py`` (do not edit; a test fails when it drifts). Every method that talks to
SpotDraft is a coroutine; ``list_all`` and ``all_comments`` return async iterators."""


from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING, Any, Callable, Dict, Iterable, List, Mapping, Optional, Tuple, Union

from ._filters import Filters
from ._models import (
    Comment,
    Contract,
    ContractStatusInfo,
    ContractType,
    Counterparty,
    Download,
    DownloadLink,
    ExternalMetadata,
    HmacKey,
    KeyPointer,
    Page,
    Role,
    Template,
    User,
    Webhook,
    _models,
)

if TYPE_CHECKING:
    from ._async import AsyncClient, AsyncPageIterator

ContractId = Union[str, int]
Progress = Callable[[int, Optional[int]], Optional[bool]]


def _page(text: Optional[str], cls: Any) -> Page:
    data = json.loads(text or "{}")
    data["results"] = [cls(item) for item in data.get("results", [])]
    return Page(data)


def _one(text: Optional[str], cls: Any) -> Any:
    return cls(json.loads(text or "{}"))


def _filters(filters: Optional[Filters]) -> List[List[Any]]:
    return filters._encode() if filters is not None else []


class _Resource:
    __slots__ = ("_c",)

    def __init__(self, client: "AsyncClient") -> None:
        self._c = client

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {self._c!r}>"


class Contracts(_Resource):
    """Contracts: list, get, create, status, void, execution marks, downloads, key
    pointers, external metadata, comments."""

    __slots__ = ()

    async def list(
        self, *, query: Optional[str] = None, filters: Optional[Filters] = None, page: int = 1, limit: int = 20
    ) -> Page:
        """One page of contracts (``Page.results`` are ``Contract``)."""
        args = {"query": query, "filters": _filters(filters), "page": page, "limit": limit}
        return _page(await self._c._resource("contracts.list", args), Contract)

    def list_all(
        self,
        *,
        query: Optional[str] = None,
        filters: Optional[Filters] = None,
        page_size: Optional[int] = None,
        max_pages: Optional[int] = None,
    ) -> "AsyncPageIterator[Contract]":
        """Every matching contract, fetched page by page as you iterate."""
        args = {"query": query, "filters": _filters(filters)}
        return self._c._resource_pages("contracts.list_all", args, Contract, page_size, max_pages)

    async def get(self, id: ContractId) -> Contract:
        """One contract by id."""
        return _one(await self._c._resource("contracts.get", {"id": id}), Contract)  # type: ignore[no-any-return]

    async def create(self, contract: Mapping[str, Any]) -> Contract:
        """Creates a contract from a template (``contract_template_id``, ``contract_data``, ...)."""
        return _one(await self._c._resource("contracts.create", {"input": dict(contract)}), Contract)  # type: ignore[no-any-return]

    async def status(self, id: ContractId) -> ContractStatusInfo:
        """The contract's status details."""
        return _one(await self._c._resource("contracts.status", {"id": id}), ContractStatusInfo)  # type: ignore[no-any-return]

    async def void(self, id: ContractId, note: str) -> None:
        """Voids the contract, saying why."""
        await self._c._resource("contracts.void", {"id": id, "note": note})

    async def mark_for_execution(self, id: ContractId, *, affix_stamp_documents: Optional[bool] = None) -> None:
        """Marks the contract ready for execution."""
        await self._c._resource("contracts.mark_for_execution", {"id": id, "affix_stamp_documents": affix_stamp_documents})

    async def unmark_for_execution(self, id: ContractId, *, note: Optional[str] = None) -> None:
        """Takes back the execution mark."""
        await self._c._resource("contracts.unmark_for_execution", {"id": id, "note": note})

    async def download(
        self,
        id: ContractId,
        path: Union[str, "os.PathLike[str]"],
        overwrite: bool = False,
        progress: Optional[Progress] = None,
    ) -> Download:
        """Downloads the contract's file to ``path`` (streamed; the file appears complete or
        not at all). ``progress(bytes, total)`` is called per chunk; returning ``False`` stops."""
        return Download(json.loads(await self._c._download(id, os.fspath(path), overwrite, progress)))

    async def download_link(self, id: ContractId, *, format: Optional[str] = None) -> DownloadLink:
        """A short-lived signed URL to the file (``format``: ``PDF`` or ``DOCX``)."""
        return _one(await self._c._resource("contracts.download_link", {"id": id, "format": format}), DownloadLink)  # type: ignore[no-any-return]

    async def key_pointers(self, id: ContractId) -> List[KeyPointer]:
        """The contract's key pointers."""
        return _models(KeyPointer, await self._c._resource("contracts.key_pointers", {"id": id}))

    async def update_key_pointers(self, id: ContractId, updates: Iterable[Mapping[str, Any]]) -> List[KeyPointer]:
        """Sets key pointer values (``{"key_pointer_id" or "key_pointer_field_name", "value"}``)."""
        args = {"id": id, "updates": [dict(u) for u in updates]}
        return _models(KeyPointer, await self._c._resource("contracts.update_key_pointers", args))

    async def external_metadata(self, id: ContractId) -> ExternalMetadata:
        """Your own id and record details attached to the contract."""
        return _one(await self._c._resource("contracts.external_metadata", {"id": id}), ExternalMetadata)  # type: ignore[no-any-return]

    async def set_external_metadata(self, id: ContractId, metadata: Mapping[str, Any]) -> ExternalMetadata:
        """Attaches your own id and record details to the contract."""
        args = {"id": id, "metadata": dict(metadata)}
        return _one(await self._c._resource("contracts.set_external_metadata", args), ExternalMetadata)  # type: ignore[no-any-return]

    async def by_external_metadata(self, external_id: str) -> List[Contract]:
        """The contracts carrying your external id."""
        return _models(Contract, await self._c._resource("contracts.by_external_metadata", {"external_id": external_id}))

    async def comments(self, id: ContractId, *, page: int = 1, limit: int = 20) -> Page:
        """One page of the contract's comments."""
        return _page(await self._c._resource("contracts.comments", {"id": id, "page": page, "limit": limit}), Comment)

    def all_comments(self, id: ContractId) -> "AsyncPageIterator[Comment]":
        """Every comment of the contract, page by page as you iterate."""
        return self._c._resource_pages("contracts.all_comments", {"id": id}, Comment, None, None)

    async def add_comment(self, id: ContractId, comment: str) -> Comment:
        """Adds a comment to the contract."""
        return _one(await self._c._resource("contracts.add_comment", {"id": id, "comment": comment}), Comment)  # type: ignore[no-any-return]


class Templates(_Resource):
    """Contract templates."""

    __slots__ = ()

    async def list(
        self,
        *,
        tags: Iterable[str] = (),
        tags_all: Iterable[str] = (),
        cp_types: Optional[str] = None,
        cp_types_all: Optional[bool] = None,
        include_archived: Optional[bool] = None,
        exclude_multi_party: Optional[bool] = None,
    ) -> List[Template]:
        """The workspace's templates, optionally filtered."""
        args: Dict[str, Any] = {
            "tags": list(tags),
            "tags_all": list(tags_all),
            "cp_types": cp_types,
            "cp_types_all": cp_types_all,
            "include_archived": include_archived,
            "exclude_multi_party": exclude_multi_party,
        }
        return _models(Template, await self._c._resource("templates.list", args))

    async def get(self, id: int) -> Template:
        """One template by id."""
        return _one(await self._c._resource("templates.get", {"id": id}), Template)  # type: ignore[no-any-return]

    async def metadata(self, id: int) -> Any:
        """The template's field metadata (plain JSON: core has no model for it)."""
        return json.loads(await self._c._resource("templates.metadata", {"id": id}) or "null")

    async def find_by_name(self, name: str) -> Optional[Template]:
        """The template with this name, if any."""
        data = json.loads(await self._c._resource("templates.find_by_name", {"name": name}) or "null")
        return None if data is None else Template(data)


class ContractTypes(_Resource):
    """The workspace's contract types."""

    __slots__ = ()

    async def list(self) -> List[ContractType]:
        """Every contract type."""
        return _models(ContractType, await self._c._resource("contract_types.list", {}))


class Counterparties(_Resource):
    """Counterparties."""

    __slots__ = ()

    async def list(self, *, custom: Optional[Mapping[str, str]] = None, page: int = 1, limit: int = 20) -> Page:
        """One page of counterparties; ``custom`` filters by custom fields."""
        args = {"custom": list((custom or {}).items()), "page": page, "limit": limit}
        return _page(await self._c._resource("counterparties.list", args), Counterparty)

    def list_all(self, *, custom: Optional[Mapping[str, str]] = None) -> "AsyncPageIterator[Counterparty]":
        """Every counterparty, page by page as you iterate."""
        args = {"custom": list((custom or {}).items())}
        return self._c._resource_pages("counterparties.list_all", args, Counterparty, None, None)

    async def get(self, id: int) -> Counterparty:
        """One counterparty by id."""
        return _one(await self._c._resource("counterparties.get", {"id": id}), Counterparty)  # type: ignore[no-any-return]

    async def create(self, counterparty: Mapping[str, Any]) -> Counterparty:
        """Creates a counterparty (``is_individual`` and names, see the API reference)."""
        return _one(await self._c._resource("counterparties.create", {"input": dict(counterparty)}), Counterparty)  # type: ignore[no-any-return]

    async def update(self, id: int, changes: Mapping[str, Any]) -> Counterparty:
        """Changes a counterparty's fields."""
        args = {"id": id, "input": dict(changes)}
        return _one(await self._c._resource("counterparties.update", args), Counterparty)  # type: ignore[no-any-return]


class Users(_Resource):
    """Workspace users."""

    __slots__ = ()

    async def list(
        self, *, user_email: Optional[str] = None, user_name: Optional[str] = None, page: int = 1, limit: int = 20
    ) -> Page:
        """One page of users."""
        args = {"user_email": user_email, "user_name": user_name, "page": page, "limit": limit}
        return _page(await self._c._resource("users.list", args), User)

    def list_all(self, *, user_email: Optional[str] = None, user_name: Optional[str] = None) -> "AsyncPageIterator[User]":
        """Every user, page by page as you iterate."""
        args = {"user_email": user_email, "user_name": user_name}
        return self._c._resource_pages("users.list_all", args, User, None, None)


class Roles(_Resource):
    """Workspace roles."""

    __slots__ = ()

    async def list(self) -> List[Role]:
        """Every role."""
        return _models(Role, await self._c._resource("roles.list", {}))


class Webhooks(_Resource):
    """Webhook subscriptions and the signing key."""

    __slots__ = ()

    async def create(self, webhook: Mapping[str, Any]) -> Webhook:
        """Subscribes a URL to activities (``title``, ``url``, ``only_for_activities``)."""
        return _one(await self._c._resource("webhooks.create", {"input": dict(webhook)}), Webhook)  # type: ignore[no-any-return]

    async def hmac_key(self) -> HmacKey:
        """The workspace's signing key, for ``spotdraft.webhooks.verify``."""
        return HmacKey(json.loads(await self._c._resource("webhooks.hmac_key", {}) or '""'))

    async def delete(self, id: int) -> None:
        """Deletes a webhook."""
        await self._c._resource("webhooks.delete", {"id": id})
