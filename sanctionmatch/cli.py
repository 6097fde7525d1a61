"""The ``sanctionmatch`` command: screen names and texts from a shell or a CI step.

Exit status follows the linters' and diff's convention so a script can act on a hit:
0 = nothing matched, 1 = at least one match, 2 = a usage or input error (one line on stderr).

    sanctionmatch screen "Dmitriy Peskov" "Olaf Scholz"
    sanctionmatch screen --file customers.txt --jobs 2 --json
    sanctionmatch explain "D. Peskov" "PESKOV, Dmitry Sergeyevich"
    sanctionmatch screen-text article.txt --json
    sanctionmatch screen "PESKOV, Dmitry" --lists my_list.json
    sanctionmatch index sdn.xml eu.xml un.xml -o lists.smidx --report load.json
    sanctionmatch screen-text story.txt --index lists.smidx
    sanctionmatch lists --index lists.smidx
    sanctionmatch fetch-lists --dest lists/
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
from .models import EntitySchema, Explanation, Match, ScreeningResult, TextScreeningResult
from .score import compare_names
from .screen import DEFAULT_LIMIT, DEFAULT_THRESHOLD, Screener
from .sources import LoadReport, load_many

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

    def add_list_options(sub: argparse.ArgumentParser) -> None:
        chosen = sub.add_mutually_exclusive_group()
        chosen.add_argument(
            "--lists",
            nargs="+",
            action="extend",
            metavar="FILE",
            help="use these list files (any supported format) instead of the bundled lists",
        )
        chosen.add_argument(
            "--index", metavar="FILE", help="use an index saved by `sanctionmatch index`"
        )

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
        add_list_options(sub)

    screen = commands.add_parser("screen", help="screen one or more names")
    screen.add_argument("names", nargs="*", metavar="NAME")
    screen.add_argument(
        "--file", metavar="FILE", help="also screen each line of this UTF-8 file (- for stdin)"
    )
    screen.add_argument(
        "--jobs", type=int, default=1, help="worker processes for many names (0: one per core)"
    )
    screen.add_argument(
        "--explain", action="store_true", help="show why each match scored (text output)"
    )
    add_screening_options(screen)
    facts = screen.add_argument_group("facts about the screened party (optional)")
    facts.add_argument("--birth-date", metavar="DATE", help="YYYY, YYYY-MM or YYYY-MM-DD")
    facts.add_argument("--nationality", metavar="CC", help="ISO 3166-1 alpha-2 code, e.g. ru")
    facts.add_argument("--schema", choices=[s.value for s in EntitySchema], help="kind of party")
    explain = commands.add_parser("explain", help="score two names and show why")
    explain.add_argument("query", metavar="NAME")
    explain.add_argument("candidate", metavar="CANDIDATE")
    explain.add_argument("--json", action="store_true", help="print one JSON document")
    text = commands.add_parser("screen-text", help="find listed names in a text file")
    text.add_argument("file", metavar="FILE", help="a UTF-8 text file, or - for standard input")
    add_screening_options(text)
    build = commands.add_parser("index", help="build an index from list files and save it")
    build.add_argument("files", nargs="+", metavar="FILE", help="list files, any supported format")
    build.add_argument("-o", "--output", required=True, metavar="FILE", help="index file to write")
    build.add_argument("--report", metavar="FILE", help="write the full load reports as JSON")
    lists = commands.add_parser("lists", help="show the lists behind the default or given index")
    add_list_options(lists)
    lists.add_argument("--json", action="store_true", help="print one JSON document")
    fetch = commands.add_parser("fetch-lists", help="download the official list files")
    fetch.add_argument("--dest", required=True, metavar="DIR", help="folder to keep them in")
    fetch.add_argument("--only", nargs="+", metavar="KEY", help="fetch only these lists")
    fetch.add_argument("--table", metavar="FILE", help="a publisher table instead of ours")
    commands.add_parser("schema", help="print the JSON schema of the result models")
    return parser


def _screener(args: argparse.Namespace) -> Screener:
    if args.index:
        return Screener.load(args.index)
    return Screener.from_files(args.lists) if args.lists else Screener.default()


class _Progress:
    """A one-line progress bar on standard error, drawn only on a terminal."""

    def __init__(self, label: str) -> None:
        self._label = label
        self._shown = sys.stderr.isatty()

    def __call__(self, done: int, total: int) -> None:
        if not self._shown or not total:
            return
        filled = round(30 * done / total)
        bar = "#" * filled + "." * (30 - filled)
        end = "\n" if done >= total else ""
        print(f"\r{self._label} [{bar}] {done:,}/{total:,}", end=end, file=sys.stderr, flush=True)


def _summarise(report: LoadReport) -> str:
    published = report.published.isoformat() if report.published else "no date"
    line = (
        f"{report.file}: {report.format.value}, {report.source.value}, published {published}; "
        f"{report.records_read:,} records, {report.entities_loaded:,} entities, "
        f"{report.aliases_loaded:,} names, {len(report.rejected):,} rejected, "
        f"{len(report.orphaned):,} orphaned"
    )
    return line + "".join(f"\n  note: {note}" for note in report.notes[:10])


def _run_index(args: argparse.Namespace, out: TextIO) -> int:
    loaded = load_many(args.files)
    for item in loaded:
        print(_summarise(item.report), file=out)
    screener = Screener.from_loaded(loaded, progress=_Progress("normalising names"))
    screener.save(args.output)
    info = screener.info
    print(
        f"wrote {args.output}: {info.entity_count:,} entities, {info.alias_count:,} names, "
        f"fingerprint {info.fingerprint[:16]}",
        file=out,
    )
    if args.report:
        reports = [item.report.model_dump(mode="json") for item in loaded]
        with open(args.report, "w", encoding="utf-8") as handle:
            json.dump({"reports": reports}, handle, ensure_ascii=False, indent=2)
    return EXIT_CLEAN


def _run_lists(args: argparse.Namespace, out: TextIO) -> int:
    info = _screener(args).info
    if args.json:
        print(info.model_dump_json(indent=2), file=out)
        return EXIT_CLEAN
    print(
        f"index {info.fingerprint[:16]}: {info.entity_count:,} entities, "
        f"{info.alias_count:,} names (sanctionmatch {info.library_version})",
        file=out,
    )
    for lst in info.lists:
        published = lst.published.isoformat() if lst.published else "no date"
        print(
            f"  {lst.source.value:<10} {lst.file}  published {published}  "
            f"{lst.entity_count:,} entities  {lst.alias_count:,} names  sha256 {lst.sha256[:16]}",
            file=out,
        )
    return EXIT_CLEAN


def _run_fetch(args: argparse.Namespace, out: TextIO) -> int:
    from pathlib import Path

    from .fetch import fetch_lists, load_publishers

    table = load_publishers(Path(args.table)) if args.table else None
    report = fetch_lists(Path(args.dest), table=table, only=args.only)
    print(report.summary(), file=out)
    return EXIT_ERROR if any(item.outcome == "failed" for item in report.entries) else EXIT_CLEAN


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
        + "".join(
            f"\n         {e.kind} {e.outcome} ({e.adjustment:+.2f}): {e.detail}"
            for e in match.evidence
        )
    )


def _explanation_lines(explanation: Explanation, indent: str) -> list[str]:
    lines = [
        f"{indent}{a.query_token!r} ~ {a.candidate_token!r}: {a.rule}, similarity "
        f"{a.similarity:.3f} x weight {a.weight:.2f} = {a.contribution:+.3f}"
        for a in explanation.alignments
    ]
    lines += [
        f"{indent}{u.side} {u.role} {u.token!r} unmatched: costs {u.weight:.2f}"
        for u in explanation.unmatched
    ]
    lines.append(f"{indent}rules: {', '.join(explanation.rules)}")
    return lines


def _print_screening(results: list[ScreeningResult], out: TextIO, explain: bool) -> None:
    for result in results:
        if result.matches:
            print(f"{result.query}: {len(result.matches)} match(es)", file=out)
        else:
            print(f"{result.query}: no match", file=out)
        for match in result.matches:
            print(_describe(match), file=out)
            if explain:
                print("\n".join(_explanation_lines(match.explanation, " " * 9)), file=out)
        if result.set_aside:
            print(f"  set aside by the facts given ({len(result.set_aside)}):", file=out)
        for match in result.set_aside:
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


def _run_screen(args: argparse.Namespace, out: TextIO) -> int:
    names = list(args.names)
    if args.file:
        names += [line.strip() for line in _read_text(args.file).splitlines() if line.strip()]
    if not names:
        raise _UsageError("give at least one NAME, or --file")
    if args.jobs < 0:
        raise _UsageError(f"--jobs must be 0 (one per core) or more, got {args.jobs}")
    screener = _screener(args)
    has_facts = args.birth_date or args.nationality or args.schema
    if has_facts:
        results = [
            screener.screen(
                name,
                threshold=args.threshold,
                limit=args.limit,
                birth_date=args.birth_date,
                nationality=args.nationality,
                schema=args.schema,
            )
            for name in names
        ]
    else:
        results = screener.screen_many(
            names, threshold=args.threshold, limit=args.limit, jobs=args.jobs
        )
    if args.json:
        document = {"results": [r.model_dump(mode="json") for r in results]}
        print(json.dumps(document, ensure_ascii=False, indent=2), file=out)
    else:
        _print_screening(results, out, args.explain)
    return EXIT_MATCH if any(r.matches for r in results) else EXIT_CLEAN


def _run(args: argparse.Namespace, out: TextIO) -> int:
    if args.command == "schema":
        schema = {
            "ScreeningResult": TypeAdapter(ScreeningResult).json_schema(),
            "TextScreeningResult": TypeAdapter(TextScreeningResult).json_schema(),
        }
        print(json.dumps(schema, indent=2, sort_keys=True), file=out)
        return EXIT_CLEAN
    if args.command == "index":
        return _run_index(args, out)
    if args.command == "lists":
        return _run_lists(args, out)
    if args.command == "fetch-lists":
        return _run_fetch(args, out)
    if args.command == "explain":
        comparison = compare_names(args.query, args.candidate)
        if args.json:
            print(comparison.model_dump_json(indent=2), file=out)
        else:
            print(f"{args.query!r} ~ {args.candidate!r}: score {comparison.score:.3f}", file=out)
            print("\n".join(_explanation_lines(comparison.explanation, "  ")), file=out)
        return EXIT_CLEAN
    if args.command == "screen":
        return _run_screen(args, out)
    text = _read_text(args.file)
    screener = _screener(args)
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
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, as other Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_ERROR


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
