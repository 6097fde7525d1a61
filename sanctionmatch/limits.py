"""Documented input size limits, checked before any work is done.

A name longer than :data:`MAX_NAME_LENGTH` characters or a text longer than
:data:`MAX_TEXT_LENGTH` characters is refused with :class:`~sanctionmatch.errors.InputTooLongError`
rather than processed slowly.
"""

from __future__ import annotations

from .errors import InputTooLongError, InvalidInputError

__all__ = [
    "MAX_LIST_FILE_BYTES",
    "MAX_NAME_LENGTH",
    "MAX_NAME_TOKENS",
    "MAX_TEXT_LENGTH",
    "check_text_argument",
]

#: Longest name accepted by ``screen`` and ``compare_names`` (characters).
MAX_NAME_LENGTH = 1_000
#: Tokens of a name beyond this many are not scored (real names have far fewer).
MAX_NAME_TOKENS = 24
#: Longest text accepted by ``screen_text`` (characters).
MAX_TEXT_LENGTH = 2_000_000


def check_text_argument(value: object, *, what: str, limit: int) -> str:
    """Return ``value`` if it is valid text within ``limit`` characters, else raise a typed error
    (a lone surrogate cannot be encoded, stored in a result or written as JSON)."""
    if not isinstance(value, str):
        raise InvalidInputError(f"{what} must be a str, got {type(value).__name__}")
    if len(value) > limit:
        raise InputTooLongError(f"{what} is {len(value):,} characters long; the limit is {limit:,}")
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as error:
            raise InvalidInputError(
                f"{what} has a lone surrogate (U+{ord(value[error.start]):04X}) at position "
                f"{error.start}: not valid Unicode text"
            ) from None
    return value


#: Largest list file read (bytes): the biggest official list is about 25 MB today.
MAX_LIST_FILE_BYTES = 512 * 1024 * 1024
