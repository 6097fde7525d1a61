"""The ``sanctionmatch`` command: screen names and texts from a shell or a CI step.

Exit status follows the linters' and diff's convention so a script can act on a hit:
0 = nothing matched, 1 = at least one match, 2 = a usage or input error (one line on stderr).

    sanctionmatch screen "Dmitriy Peskov" "Olaf Scholz"
    sanctionmatch screen-text article.txt --json
    sanctionmatch screen "PESKOV, Dmitry" --lists my_list.json
    sanctionmatch schema
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from typing import TextIO

from pydantic import TypeAdapter

from ._version import __version__
from .errors import SanctionMatchError
from .models import Match, ScreeningResult, TextScreeningResult
from .screen import DEFAULT_LIMIT, DEFAULT_THRESHOLD, Screener

__all__ = ["main"]

EXIT_CLEAN, EXIT_MATCH, EXIT_ERROR = 0, 1, 2


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(message)


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="sanctionmatch",
        description="Screen names and texts against sanctions lists (EU, OFAC SDN, UN, UK).",
        epilog="Exit status: 0 no match, 1 at least one match, 2 usage or input error.",
    )
    parser.add_argument("--version", action="version", version=f"sanctionmatch {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def add_screening_options(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--json", action="store_true", help="print one JSON document")
        sub.add_argument(
            "--threshold",
            type=float,
            default=DEFAULT_THRESHOLD,
            help=f"lowest score reported (default {DEFAULT_THRESHOLD})",
        )
        sub.add_argument(
            "--limit",
            type=int,
            default=DEFAULT_LIMIT,
            help=f"most matches per name (default {DEFAULT_LIMIT})",
        )
        sub.add_argument(
            "--lists",
            nargs="+",
            action="extend",
            metavar="FILE",
            help="screen against these list files instead of the bundled default lists",
        )

    screen = commands.add_parser("screen", help="screen one or more names")
    screen.add_argument("names", nargs="+", metavar="NAME")
    add_screening_options(screen)
    text = commands.add_parser("screen-text", help="find listed names in a text file")
    text.add_argument("file", metavar="FILE", help="a UTF-8 text file, or - for standard input")
    add_screening_options(text)
    commands.add_parser("schema", help="print the JSON schema of the result models")
    return parser


def _screener(lists: Sequence[str] | None) -> Screener:
    return Screener.from_files(lists) if lists else Screener.default()


def _read_text(path: str) -> str:
    try:
        if path == "-":
            return sys.stdin.buffer.read().decode("utf-8")
        with open(path, "rb") as handle:
            return handle.read().decode("utf-8")
    except UnicodeDecodeError as error:
        raise _UsageError(f"{path}: not UTF-8 text (byte {error.start})") from None
    except OSError as error:
        raise _UsageError(f"{path}: {error.strerror}") from None


def _use_colour(stream: TextIO) -> bool:
    return stream.isatty() and "NO_COLOR" not in os.environ


def _describe(match: Match) -> str:
    listings = []
    for listing in match.entity.listings:
        detail = ", ".join(listing.programmes)
        if listing.listed_on:
            detail += f"{', ' if detail else ''}listed {listing.listed_on.isoformat()}"
        listings.append(f"{listing.source.value}" + (f" ({detail})" if detail else ""))
    return (
        f"  {match.score:.3f}  {match.entity.caption}  [{match.entity.id}, "
        f"{match.entity.schema_.value}] {'; '.join(listings)}\n"
        f"         matched name: {match.matched_name}"
    )


def _print_screening(results: list[ScreeningResult], out: TextIO) -> None:
    for result in results:
        if not result.matches:
            print(f"{result.query}: no match", file=out)
            continue
        print(f"{result.query}: {len(result.matches)} match(es)", file=out)
        for match in result.matches:
            print(_describe(match), file=out)


def _print_text(result: TextScreeningResult, text: str, out: TextIO) -> None:
    if not result.mentions:
        print("no listed names mentioned", file=out)
        return
    colour = _use_colour(out)
    for mention in result.mentions:
        line = text.count("\n", 0, mention.start) + 1
        column = mention.start - (text.rfind("\n", 0, mention.start) + 1) + 1
        line_start = text.rfind("\n", 0, mention.start) + 1
        line_end = text.find("\n", mention.end)
        line_end = len(text) if line_end < 0 else line_end
        before = text[max(line_start, mention.start - 60) : mention.start]
        after = text[mention.end : min(line_end, mention.end + 60)]
        found = f"\x1b[1;31m{mention.text}\x1b[0m" if colour else f"[{mention.text}]"
        print(f"{line}:{column}: …{before}{found}{after}…", file=out)
        for match in mention.matches:
            print(_describe(match), file=out)


def _run(args: argparse.Namespace, out: TextIO) -> int:
    if args.command == "schema":
        schema = {
            "ScreeningResult": TypeAdapter(ScreeningResult).json_schema(),
            "TextScreeningResult": TypeAdapter(TextScreeningResult).json_schema(),
        }
        print(json.dumps(schema, indent=2, sort_keys=True), file=out)
        return EXIT_CLEAN
    if args.command == "screen":
        screener = _screener(args.lists)
        results = [
            screener.screen(name, threshold=args.threshold, limit=args.limit)
            for name in args.names
        ]
        if args.json:
            document = {"results": [r.model_dump(mode="json") for r in results]}
            print(json.dumps(document, ensure_ascii=False, indent=2), file=out)
        else:
            _print_screening(results, out)
        return EXIT_MATCH if any(r.matches for r in results) else EXIT_CLEAN
    text = _read_text(args.file)
    screener = _screener(args.lists)
    result = screener.screen_text(text, threshold=args.threshold, limit=args.limit)
    if args.json:
        print(result.model_dump_json(indent=2), file=out)
    else:
        _print_text(result, text, out)
    return EXIT_MATCH if result.mentions else EXIT_CLEAN


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 clean, 1 match, 2 error)."""
    try:
        args = _build_parser().parse_args(argv)
        return _run(args, sys.stdout)
    except _UsageError as error:
        print(f"sanctionmatch: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    except SanctionMatchError as error:
        message = " ".join(str(error).split())
        print(f"sanctionmatch: error: {message}", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
