"""Safe, streaming XML for the list readers: defusedxml under ElementTree's iterparse.

The official lists are XML files of tens of megabytes, and a list file may come from anywhere.
``defusedxml`` (a well-kept library made for exactly this) refuses DTDs, entity declarations
("billion laughs") and external entities before they are expanded or fetched, so nothing is
read from outside the file. Elements are yielded as they end and cleared by the caller's loop,
so memory stays proportional to the entities kept, not to the XML tree.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from ..errors import SourceError

__all__ = ["iter_elements", "local_name", "text_of"]


def local_name(tag: str) -> str:
    """The tag without its ``{namespace}``."""
    return tag.rsplit("}", 1)[-1]


def text_of(element: Element | None) -> str:
    """The element's text with runs of white space collapsed; empty for a missing element."""
    if element is None or element.text is None:
        return ""
    return " ".join(element.text.split())


def iter_elements(
    stream: BinaryIO, *, file: str, record_tags: frozenset[str]
) -> Iterator[tuple[str, Element]]:
    """Yield ``(local tag, element)`` for each element whose local name is in ``record_tags``,
    and for the root element first (event ``start``), then clear each record once consumed.

    XML errors, DTDs and entity declarations become :class:`SourceError` with the line and
    column where the parser stopped.
    """
    parser = iterparse(stream, events=("start", "end"), forbid_dtd=True)
    root: Element | None = None
    try:
        for event, element in parser:
            if root is None and event == "start":
                root = element
                yield local_name(element.tag), element
                continue
            if event == "end" and local_name(element.tag) in record_tags:
                yield local_name(element.tag), element
                element.clear()
                if root is not None:
                    # Drop finished records (and containers of them) so the tree never grows;
                    # the root keeps its attributes.
                    del root[:]
    except ParseError as error:
        line, column = getattr(error, "position", (0, 0))
        reason = str(error).split(":", 1)[0]
        raise SourceError(
            f"malformed or truncated XML ({reason})",
            file=file,
            position=f"line {line}, column {column}",
        ) from None
    except LookupError as error:  # an XML declaration naming an encoding Python lacks
        raise SourceError(
            f"the XML declares an unknown encoding ({error})", file=file, position="line 1"
        ) from None
    except DefusedXmlException as error:
        raise SourceError(
            f"refused: the XML declares a DTD or entities ({type(error).__name__}); "
            "list files never need them and they are how XML attacks work",
            file=file,
        ) from None
