"""SpotDraft API client for Python, built on the Rust ``spotdraft`` core.

Quickstart::

    import spotdraft
    with spotdraft.Client() as client:          # credential from env or saved profile
        for contract in client.contracts.list_all():
            print(contract.id, contract.contract_name)

Core's log records reach the standard ``logging`` module under the ``spotdraft`` logger.
"""

import atexit as _atexit

from . import _native, testing, webhooks
from ._async import AsyncClient, AsyncPageIterator
from ._client import Client, PageIterator
from ._errors import (
    AuthenticationError,
    BusinessRuleError,
    CancelledError,
    ConflictError,
    ConnectionError,
    DecodeError,
    FileError,
    InvalidArgumentError,
    InvalidCredentialError,
    NotEnabledError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    RedirectError,
    ServerError,
    SpotDraftError,
    StoreError,
    TimeoutError,
    ValidationError,
    error_class,
)
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
    Headers,
    HmacKey,
    KeyPointer,
    Model,
    Page,
    ProfileSummary,
    Response,
    Role,
    Template,
    User,
    Verification,
    Webhook,
)
from ._native import Credential, Profile, error_kinds, operation_names, refresh_logging
from ._store import CredentialStore

__version__ = "0.1.0"

# Runtime threads must stop calling into Python before the interpreter finalizes.
_atexit.register(_native._python_exiting)

# TimeoutError and ConnectionError are reachable as spotdraft.TimeoutError/ConnectionError but
# left out of __all__, so `from spotdraft import *` never shadows the builtins.
__all__ = [
    "AsyncClient",
    "AsyncPageIterator",
    "AuthenticationError",
    "BusinessRuleError",
    "CancelledError",
    "Client",
    "Comment",
    "ConflictError",
    "Contract",
    "ContractStatusInfo",
    "ContractType",
    "Counterparty",
    "Credential",
    "CredentialStore",
    "DecodeError",
    "Download",
    "DownloadLink",
    "ExternalMetadata",
    "FileError",
    "Filters",
    "Headers",
    "HmacKey",
    "InvalidArgumentError",
    "InvalidCredentialError",
    "KeyPointer",
    "Model",
    "NotEnabledError",
    "NotFoundError",
    "Page",
    "PageIterator",
    "PermissionDeniedError",
    "Profile",
    "ProfileSummary",
    "RateLimitError",
    "RedirectError",
    "Response",
    "Role",
    "ServerError",
    "SpotDraftError",
    "StoreError",
    "Template",
    "User",
    "ValidationError",
    "Verification",
    "Webhook",
    "error_class",
    "error_kinds",
    "operation_names",
    "refresh_logging",
    "testing",
    "webhooks",
]
