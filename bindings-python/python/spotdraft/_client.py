"""The blocking ``Client``. Calls release the GIL while core works, so threads run in
parallel, and Ctrl-C interrupts a call promptly (the request is cancelled)."""

from __future__ import annotations

import json
from typing import Any, Callable, Generic, Iterator, List, Mapping, Optional, TypeVar, Union

from . import _native
from ._base import ClientBase
from ._models import Response, Verification
from ._resources import ContractTypes, Contracts, Counterparties, Roles, Templates, Users, Webhooks
from ._run import Params, dumps, maybe_dumps, query_pairs

T = TypeVar("T")
Decode = Callable[[Any], Any]


class PageIterator(Generic[T]):
    """Items of a paged list, fetched one page at a time as you iterate."""

    __slots__ = ("_pager", "_decode", "_buffer", "_done")

    def __init__(self, pager: _native.NativePager, decode: Decode) -> None:
        self._pager = pager
        self._decode = decode
        self._buffer: List[Any] = []
        self._done = False

    def __iter__(self) -> "PageIterator[T]":
        return self

    def __next__(self) -> T:
        while not self._buffer:
            if self._done:
                raise StopIteration
            text = self._pager.next_page().wait()
            if text is None:
                self._done = True
                raise StopIteration
            self._buffer = [self._decode(item) for item in json.loads(text)["results"]]
            self._buffer.reverse()
        return self._buffer.pop()  # type: ignore[no-any-return]


class Client(ClientBase):
    """A blocking SpotDraft client; thread-safe, one per process is enough.

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

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def as_user(self, email: str) -> "Client":
        """A client acting as another workspace user; shares connections and rate limit."""
        return Client(_native_client_=self._nc.as_user(email))

    def request(
        self, method: str, path: str, *, params: Params = None, json: Any = None, timeout: Optional[float] = None
    ) -> Response:
        """Any request below the base URL (e.g. ``GET /api/v2.1/public/contracts/``)."""
        op = self._nc.request(method, path, query_pairs(params), maybe_dumps(json), timeout)
        return Response(*op.wait())

    def call(self, name: str, *, json: Any = None, **params: Any) -> Response:
        """One of the 102 catalogue operations by name, e.g. ``call("contracts.status",
        composite_id="T-1")``; ``json`` is the request body."""
        return Response(*self._nc.call(name, dumps(params), maybe_dumps(json)).wait())

    def verify(self) -> Verification:
        """Checks the credential; raises ``AuthenticationError`` etc. saying why not."""
        return Verification(json.loads(self._nc.verify().wait()))

    def paginate(
        self,
        path_or_resource: Union[str, Any],
        *,
        params: Params = None,
        page_size: Optional[int] = None,
        max_pages: Optional[int] = None,
        **kwargs: Any,
    ) -> PageIterator[Any]:
        """Lazily iterates a paged list: a path (items are plain dicts) or a resource with
        ``list_all`` (``client.paginate(client.contracts, filters=...)``)."""
        if isinstance(path_or_resource, str):
            pager = self._nc.pages(path_or_resource, query_pairs(params), page_size, max_pages)
            return PageIterator(pager, lambda item: item)
        return path_or_resource.list_all(**kwargs)  # type: ignore[no-any-return]

    def _resource(self, name: str, args: Mapping[str, Any]) -> Optional[str]:
        return self._nc.resource(name, dumps(args)).wait()  # type: ignore[no-any-return]

    def _resource_pages(
        self, name: str, args: Mapping[str, Any], cls: Decode, page_size: Optional[int], max_pages: Optional[int]
    ) -> PageIterator[Any]:
        return PageIterator(self._nc.resource_pages(name, dumps(args), page_size, max_pages), cls)

    def _download(self, id: Any, path: str, overwrite: bool, progress: Any) -> str:
        return self._nc.download(id, path, overwrite, progress).wait()  # type: ignore[no-any-return]
