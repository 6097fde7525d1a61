"""Bounded-cost benchmark: screening time against input length, up to the documented limits.

For names (up to ``limits.MAX_NAME_LENGTH`` characters) and texts (up to
``limits.MAX_TEXT_LENGTH``), each in several shapes including pathological repetitive ones
(``"Putin " * 100_000``, one run of capitalised names, one endless word, stacked combining
marks), it times ``Screener.screen`` / ``screen_text`` on the bundled default lists at growing
lengths (median of ``--repeat`` runs) and reports microseconds per character. Linear cost
shows as a flat µs/char column; the last column is the ratio of the largest input's µs/char
to the smallest's. Inputs past the limit are refused before any work: the table shows how
long the refusal takes. Writes ``benchmarks/results/cost.json``.

    python benchmarks/cost/run.py
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sanctionmatch import Screener
from sanctionmatch.errors import SanctionMatchError
from sanctionmatch.limits import MAX_NAME_LENGTH, MAX_TEXT_LENGTH

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = (ROOT / "fixtures" / "text" / "seed_article_en.txt").read_text(encoding="utf-8")


def repeat_to(unit: str, length: int) -> str:
    """``unit`` repeated and cut to ``length`` characters."""
    return (unit * (length // len(unit) + 1))[:length]


NAME_SHAPES: dict[str, Callable[[int], str]] = {
    "repeated listed name": lambda n: repeat_to("Putin ", n),
    "distinct capitalised words": lambda n: " ".join(f"Name{k:x}" for k in range(n // 8 + 1))[:n],
    "one endless word": lambda n: "a" * n,
    "stacked combining marks": lambda n: "P" + "\u0301" * (n - 1),
    "Cyrillic, repeated": lambda n: repeat_to("Песков Дмитрий ", n),
}
TEXT_SHAPES: dict[str, Callable[[int], str]] = {
    "news article, repeated": lambda n: repeat_to(ARTICLE + "\n", n),
    '"Putin " * k': lambda n: repeat_to("Putin ", n),
    "one run of listed names": lambda n: repeat_to("Dmitry Peskov Vladimir Putin ", n),
    "one endless word": lambda n: "a" * n,
    "stacked combining marks": lambda n: "P" + "\u0301" * (n - 1),
}


def median_seconds(call: Callable[[], object], repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        with contextlib.suppress(SanctionMatchError):
            call()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def measure(
    screen: Callable[[str], object],
    shapes: dict[str, Callable[[int], str]],
    lengths: list[int],
    repeat: int,
) -> dict[str, Any]:
    table: dict[str, Any] = {}
    for shape, make in shapes.items():
        rows = []
        for length in lengths:
            text = make(length)
            seconds = median_seconds(lambda t=text: screen(t), repeat)
            rows.append(
                {"length": len(text), "seconds": seconds, "us_per_char": seconds * 1e6 / len(text)}
            )
        table[shape] = rows
        print(
            f"  {shape:<30}" + "".join(f"{r['length']:>11,}:{r['us_per_char']:7.2f}" for r in rows),
            flush=True,
        )
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "results" / "cost.json")
    args = parser.parse_args()
    screener = Screener.default()
    screener.screen("warm up")
    result: dict[str, Any] = {
        "machine": (
            f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
        ),
        "limits": {"name": MAX_NAME_LENGTH, "text": MAX_TEXT_LENGTH},
    }
    name_lengths = [10, 100, 300, MAX_NAME_LENGTH]
    text_lengths = [1_000, 10_000, 100_000, 600_000, MAX_TEXT_LENGTH]
    print("names: length: µs per character")
    result["names"] = measure(screener.screen, NAME_SHAPES, name_lengths, args.repeat)
    print("texts: length: µs per character")
    result["texts"] = measure(screener.screen_text, TEXT_SHAPES, text_lengths, 1)
    over = {
        "name": median_seconds(lambda: screener.screen("a" * (MAX_NAME_LENGTH + 1)), 5),
        "text": median_seconds(lambda: screener.screen_text("a" * (MAX_TEXT_LENGTH + 1)), 5),
    }
    result["refusal_seconds"] = over
    print(
        f"refused past the limit in {over['name'] * 1e6:.0f} µs (name), "
        f"{over['text'] * 1e6:.0f} µs (text)"
    )
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
