"""The exceptions of sanctionmatch: one base class, argument errors that are also ValueErrors.

Catch :class:`SanctionMatchError` to handle everything the library raises on purpose. "No
match" is never an exception: it is a result with no matches.
"""

from __future__ import annotations

__all__ = [
    "EmptyNameError",
    "InputTooLongError",
    "InvalidInputError",
    "SanctionMatchError",
    "SourceError",
]


class SanctionMatchError(Exception):
    """Base class of every exception sanctionmatch raises on purpose."""


class InvalidInputError(SanctionMatchError, ValueError):
    """An argument is not what the function accepts; the message says what was expected."""


class EmptyNameError(InvalidInputError):
    """A name has no letter or digit left once spaces, punctuation and titles are removed."""


class InputTooLongError(InvalidInputError):
    """An input is longer than the documented limit (see ``sanctionmatch.limits``)."""


class SourceError(SanctionMatchError, ValueError):
    """A list file cannot be read: names the file and, where known, the position (line and
    column, or row), the record (its native id) and the field at fault."""

    def __init__(
        self,
        message: str,
        *,
        file: str,
        position: str | None = None,
        record: str | None = None,
        field: str | None = None,
    ) -> None:
        self.file = file
        self.position = position
        self.record = record
        self.field = field
        self.reason = message
        where = file
        if position is not None:
            where += f", {position}"
        if record is not None:
            where += f", record {record}"
        if field is not None:
            where += f", field {field}"
        super().__init__(f"{where}: {message}")
