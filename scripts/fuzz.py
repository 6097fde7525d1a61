"""Run the fuzz tests (tests/fuzz) with many inputs each and report how many were tried.

Runs pytest under the ``fuzz`` Hypothesis profile (``tests/conftest.py``), reads the
statistics Hypothesis prints, and writes a table and ``benchmarks/results/fuzz.json``. Any
failure is pytest's own: the falsifying input is printed and the exit status is non-zero.

    python scripts/fuzz.py                  # 20,000 inputs per test
    FUZZ_EXAMPLES=200000 python scripts/fuzz.py
"""

from __future__ import annotations

import json
import os
import platform
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "results" / "fuzz.json"
_TEST = re.compile(r"^(tests/fuzz/\S+::\w+):$")
_COUNTS = re.compile(r"- (\d+) passing, (\d+) failing, and (\d+) invalid")


def main() -> int:
    started = time.perf_counter()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "tests/fuzz",
            "-q",
            "-p",
            "no:cacheprovider",
            "--hypothesis-profile=fuzz",
            "--hypothesis-show-statistics",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    print(done.stdout[-4000:] if done.returncode else "", end="")
    counts: dict[str, list[int]] = {}
    current = None
    for line in done.stdout.splitlines():
        if found := _TEST.match(line.strip()):
            current = found.group(1)
            counts.setdefault(current, [0, 0, 0])
        elif current and (found := _COUNTS.search(line)):
            for k, value in enumerate(found.groups()):
                counts[current][k] += int(value)
    total = sum(c[0] + c[1] for c in counts.values())
    print(f"{'test':<64}{'inputs':>10}{'failing':>9}")
    for test, (passing, failing, _) in counts.items():
        print(f"{test.split('::')[1]:<64}{passing + failing:>10,}{failing:>9}")
    print(f"{'total':<64}{total:>10,}   in {seconds:.0f} s, exit {done.returncode}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(
        json.dumps(
            {
                "machine": (
                    f"{platform.machine()}, {os.cpu_count()} cores, "
                    f"Python {platform.python_version()}"
                ),
                "examples_per_test": int(os.environ.get("FUZZ_EXAMPLES", "20000")),
                "tests": {
                    t: {"passing": c[0], "failing": c[1], "invalid": c[2]}
                    for t, c in counts.items()
                },
                "total_inputs": total,
                "seconds": seconds,
                "exit": done.returncode,
            },
            indent=2,
        )
    )
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
