"""``AsyncClient``: the same API as ``Client`` for asyncio. Work runs on core's runtime, not the
event loop; cancelling the awaiting task cancels the request (its connection is closed)."""

from __future__ import annotations

import json
from typing import Any, Callable, Generic, Iterator, List, Mapping, Optional, Tuple, TypeVar, Union

from . import _native
from ._errors import InvalidArgumentError
from ._models import Response, Verification
from ._aresources import ContractTypes, Contracts, Counterparties, Roles, Templates, Users, Webhooks
from ._run import Params, await_op, dumps, maybe_dumps, query_pairs

T = TypeVar("T")
Decode = Callable[[Any], Any]


def _native_client(credential: Optional[_native.Credential], kwargs: Mapping[str, Any]) -> _native.NativeClient:
    if credential is not None and not isinstance(credential, _native.Credential):
        raise TypeError("credential must be a spotdraft.Credential (or None to resolve one like the CLI)")
    return _native.NativeClient(credential, **kwargs)


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


class AsyncClient:
    """A SpotDraft client for asyncio; the same settings as ``Client``.

    ``credential=None`` resolves one exactly as the ``spotdraft`` CLI does: ``profile``,
    else ``SPOTDRAFT_CLIENT_ID``/``SPOTDRAFT_CLIENT_SECRET``, else the default saved profile.
    Times are in seconds; ``rate_limit`` is requests per second (0: off)."""

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
        _native_client_: Optional[_native.NativeClient] = None,
    ) -> None:
        if _native_client_ is None:
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
                ),
            )
        self._n: Optional[_native.NativeClient] = _native_client_
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

    async def __aenter__(self) -> "AsyncClient":
        return self

    async def __aexit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<spotdraft.AsyncClient {self._n.base_url if self._n else 'closed'}>"

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
