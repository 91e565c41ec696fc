"""``AsyncClient``: the same API as ``Client`` for asyncio. Work runs on core's runtime, not the
event loop; cancelling the awaiting task cancels the request (its connection is closed)."""

from __future__ import annotations

import json
from typing import Any, Callable, Generic, Iterator, List, Mapping, Optional, TypeVar, Union

from . import _native
from ._base import ClientBase
from ._models import Response, Verification
from ._aresources import ContractTypes, Contracts, Counterparties, Roles, Templates, Users, Webhooks
from ._run import Params, await_op, dumps, maybe_dumps, query_pairs

T = TypeVar("T")
Decode = Callable[[Any], Any]


class AsyncPageIterator(Generic[T]):
    """Items of a paged list, fetched one page at a time as you ``async for``."""

    __slots__ = ("_pager", "_decode", "_buffer", "_done")

    def __init__(self, pager: _native.NativePager, decode: Decode) -> None:
        self._pager = pager
        self._decode = decode
        self._buffer: List[Any] = []
        self._done = False

    def __aiter__(self) -> "AsyncPageIterator[T]":
        return self

    async def __anext__(self) -> T:
        while not self._buffer:
            if self._done:
                raise StopAsyncIteration
            text = await await_op(self._pager.next_page())
            if text is None:
                self._done = True
                raise StopAsyncIteration
            self._buffer = [self._decode(item) for item in json.loads(text)["results"]]
            self._buffer.reverse()
        return self._buffer.pop()  # type: ignore[no-any-return]


class AsyncClient(ClientBase):
    """A SpotDraft client for asyncio; the same settings as ``Client``.

    ``credential=None`` resolves one exactly as the ``spotdraft`` CLI does: ``profile``,
    else ``SPOTDRAFT_CLIENT_ID``/``SPOTDRAFT_CLIENT_SECRET``, else the default saved profile.
    Times are in seconds; ``rate_limit`` is requests per second (0: off).
    ``rate_limit_url`` (``redis://`` or ``rediss://``; default ``SPOTDRAFT_RATE_LIMIT_URL``,
    else the profile's) shares that limit with every process using the workspace;
    ``rate_limit_strict=True`` fails calls when it is unreachable instead of falling back
    to a per-process limit."""

    def _attach_resources(self) -> None:
        #: Contracts: list, get, create, status, downloads, ...
        self.contracts = Contracts(self)
        #: Contract templates.
        self.templates = Templates(self)
        #: Contract types.
        self.contract_types = ContractTypes(self)
        #: Counterparties.
        self.counterparties = Counterparties(self)
        #: Workspace users.
        self.users = Users(self)
        #: Workspace roles.
        self.roles = Roles(self)
        #: Webhook subscriptions.
        self.webhooks = Webhooks(self)

    async def __aenter__(self) -> "AsyncClient":
        return self

    async def __aexit__(self, *exc: object) -> None:
        self.close()

    def as_user(self, email: str) -> "AsyncClient":
        """A client acting as another workspace user; shares connections and rate limit."""
        return AsyncClient(_native_client_=self._nc.as_user(email))

    async def request(
        self, method: str, path: str, *, params: Params = None, json: Any = None, timeout: Optional[float] = None
    ) -> Response:
        """Any request below the base URL (e.g. ``GET /api/v2.1/public/contracts/``)."""
        op = self._nc.request(method, path, query_pairs(params), maybe_dumps(json), timeout)
        return Response(*(await await_op(op)))

    async def call(self, name: str, *, json: Any = None, **params: Any) -> Response:
        """One of the 102 catalogue operations by name, e.g. ``call("contracts.status",
        composite_id="T-1")``; ``json`` is the request body."""
        return Response(*(await await_op(self._nc.call(name, dumps(params), maybe_dumps(json)))))

    async def verify(self) -> Verification:
        """Checks the credential; raises ``AuthenticationError`` etc. saying why not."""
        return Verification(json.loads(await await_op(self._nc.verify())))

    def paginate(
        self,
        path_or_resource: Union[str, Any],
        *,
        params: Params = None,
        page_size: Optional[int] = None,
        max_pages: Optional[int] = None,
        **kwargs: Any,
    ) -> AsyncPageIterator[Any]:
        """Lazily iterates (``async for``) a paged list: a path (items are plain dicts) or a resource with
        ``list_all`` (``client.paginate(client.contracts, filters=...)``)."""
        if isinstance(path_or_resource, str):
            pager = self._nc.pages(path_or_resource, query_pairs(params), page_size, max_pages)
            return AsyncPageIterator(pager, lambda item: item)
        return path_or_resource.list_all(**kwargs)  # type: ignore[no-any-return]

    async def _resource(self, name: str, args: Mapping[str, Any]) -> Optional[str]:
        return await await_op(self._nc.resource(name, dumps(args)))  # type: ignore[no-any-return]

    def _resource_pages(
        self, name: str, args: Mapping[str, Any], cls: Decode, page_size: Optional[int], max_pages: Optional[int]
    ) -> AsyncPageIterator[Any]:
        return AsyncPageIterator(self._nc.resource_pages(name, dumps(args), page_size, max_pages), cls)

    async def _download(self, id: Any, path: str, overwrite: bool, progress: Any) -> str:
        return await await_op(self._nc.download(id, path, overwrite, progress))  # type: ignore[no-any-return]
