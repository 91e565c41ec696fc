"""``CredentialStore``: saved profiles, shared with the ``spotdraft`` CLI (same file, format
and locking; the work is core's)."""

from __future__ import annotations

import json
import os
from typing import List, Optional, Union

from . import _native
from ._models import ProfileSummary

__all__ = ["CredentialStore"]


class CredentialStore:
    """Profiles in ``directory``, else ``$SPOTDRAFT_CONFIG_DIR``, else ``~/.config/spotdraft``."""

    __slots__ = ("_native",)

    def __init__(self, directory: Union[str, "os.PathLike[str]", None] = None) -> None:
        self._native = _native.NativeCredentialStore(None if directory is None else os.fspath(directory))

    @property
    def path(self) -> str:
        """The file the profiles live in."""
        return os.fspath(self._native.path)

    def save(
        self,
        name: str,
        credential: _native.Credential,
        *,
        region: Optional[str] = None,
        base_url: Optional[str] = None,
        description: Optional[str] = None,
        overwrite: bool = False,
        rate_limit_url: Optional[str] = None,
    ) -> None:
        """Saves ``credential`` as profile ``name`` (``ConflictError`` if taken, unless
        ``overwrite``). ``rate_limit_url`` (``redis://`` or ``rediss://``) is the shared rate
        limiter that clients built from the profile use; the profile shows it masked."""
        self._native.save(
            name,
            credential,
            region=region,
            base_url=base_url,
            description=description,
            overwrite=overwrite,
            rate_limit_url=rate_limit_url,
        )

    def get(self, name: str) -> _native.Profile:
        """Profile ``name`` (``NotFoundError`` if there is none)."""
        return self._native.get(name)

    def list(self) -> List[ProfileSummary]:
        """Every profile, without secrets."""
        return [ProfileSummary(item) for item in json.loads(self._native._list_json())]

    def remove(self, name: str) -> None:
        """Deletes profile ``name``."""
        self._native.remove(name)

    def rename(self, old: str, new: str) -> None:
        """Renames a profile."""
        self._native.rename(old, new)

    def set_default(self, name: str) -> None:
        """Makes ``name`` the profile used when none is named."""
        self._native.set_default(name)

    def default_name(self) -> Optional[str]:
        """The default profile's name, if any."""
        return self._native.default_name()

    def rotate_secret(self, name: str, new_secret: str) -> None:
        """Replaces the secret of profile ``name``."""
        self._native.rotate_secret(name, new_secret)

    def __repr__(self) -> str:
        return f"CredentialStore({self.path!r})"
