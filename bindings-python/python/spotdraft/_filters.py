"""``Filters``: list filters, checked and encoded by core when the list runs."""

from __future__ import annotations

from typing import Any, Iterable, List, Tuple

__all__ = ["Filters"]


class Filters:
    """Immutable builder of SpotDraft list filters (``filter__<field>[$op]=value``)::

        Filters().eq("display_status", "EXECUTED").gte("created_at", "2024-01-01")

    Field names are checked by core when the list runs (``InvalidArgumentError``)."""

    __slots__ = ("_ops",)

    def __init__(self, _ops: Tuple[Tuple[str, str, Any], ...] = ()) -> None:
        self._ops = _ops

    def _with(self, op: str, field: str, value: Any) -> "Filters":
        return Filters(self._ops + ((op, field, value),))

    def eq(self, field: str, value: Any) -> "Filters":
        """The field equals the value."""
        return self._with("eq", field, value)

    def ne(self, field: str, value: Any) -> "Filters":
        """The field differs from the value."""
        return self._with("ne", field, value)

    def gt(self, field: str, value: Any) -> "Filters":
        """The field is greater than the value."""
        return self._with("gt", field, value)

    def gte(self, field: str, value: Any) -> "Filters":
        """The field is at least the value."""
        return self._with("gte", field, value)

    def lt(self, field: str, value: Any) -> "Filters":
        """The field is less than the value."""
        return self._with("lt", field, value)

    def lte(self, field: str, value: Any) -> "Filters":
        """The field is at most the value."""
        return self._with("lte", field, value)

    def is_in(self, field: str, values: Iterable[Any]) -> "Filters":
        """The field is one of the values."""
        return self._with("in", field, [str(v) for v in values])

    def custom(self, name: str, value: Any) -> "Filters":
        """A custom-field filter (``filter_custom__<name>=value``)."""
        return self._with("custom", name, str(value))

    def _encode(self) -> List[List[Any]]:
        return [[op, field, value if isinstance(value, (str, list)) else str(value)] for op, field, value in self._ops]

    def __repr__(self) -> str:
        return f"Filters({list(self._ops)!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Filters) and self._ops == other._ops

    def __hash__(self) -> int:
        return hash(repr(self._ops))
