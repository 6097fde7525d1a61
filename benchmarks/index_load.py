"""Benchmark: building an index from the official list files vs loading a saved index.

Each mode runs in a fresh child process (so the timing includes imports' caches being cold
and the peak RSS is the mode's own), ``--repeat`` times, alternating; the table reports the
median wall time, the median peak RSS, and the ratio build / load. Writes JSON next to the
table (``--json``). Needs ../shared/data/lists (the real OFAC, EU and UN files).

    python benchmarks/index_load.py --repeat 5
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LISTS = ROOT.parent / "shared" / "data" / "lists"
FILES = [
    LISTS / "ofac" / "SDN_2024-05-07.xml",
    LISTS / "ofac" / "CONSOLIDATED_nonSDN_2026-01-28.xml",
    LISTS / "eu" / "20240513-FULL-1_1.xml",
    LISTS / "un" / "consolidated_2026-02-27.xml",
]
CHILD = """
import sys
from sanctionmatch import Screener
from sanctionmatch.sources import load_many
mode, index = sys.argv[1], sys.argv[2]
if mode == "build":
    screener = Screener.from_loaded(load_many(sys.argv[3:]))
    if len(sys.argv) > 3 and index != "-":
        screener.save(index)
else:
    screener = Screener.load(index)
assert screener.screen("Dmitry Peskov").matches
print(screener.info.alias_count, screener.info.entity_count)
"""


def run_child(args: list[str]) -> tuple[float, float, str]:
    """Wall seconds, peak RSS in MiB and stdout of one child process."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, *args], stdout=subprocess.PIPE, text=True
    )
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    out = child.stdout.read() if child.stdout else ""
    if status != 0:
        raise SystemExit(f"child {args[0]} failed with status {status}")
    return elapsed, usage.ru_maxrss / 1024, out.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    default_json = ROOT / "benchmarks" / "results" / "index_load.json"
    parser.add_argument("--json", type=Path, default=default_json)
    args = parser.parse_args()
    if not all(path.is_file() for path in FILES):
        raise SystemExit(f"the real list files are not under {LISTS}")
    with tempfile.TemporaryDirectory() as folder:
        index = Path(folder) / "real.smidx"
        _, _, counts = run_child(["build", str(index), *map(str, FILES)])
        aliases, entities = map(int, counts.split())
        build, load = [], []
        for _ in range(args.repeat):
            build.append(run_child(["build", "-", *map(str, FILES)])[:2])
            load.append(run_child(["load", str(index)])[:2])
        size = index.stat().st_size
    result: dict[str, object] = {
        "machine": (
            f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
        ),
        "lists": [path.name for path in FILES],
        "entities": entities,
        "aliases": aliases,
        "index_file_bytes": size,
        "repeat": args.repeat,
        "build_seconds_median": statistics.median(t for t, _ in build),
        "load_seconds_median": statistics.median(t for t, _ in load),
        "build_rss_mib_median": statistics.median(r for _, r in build),
        "load_rss_mib_median": statistics.median(r for _, r in load),
    }
    result["load_speedup"] = result["build_seconds_median"] / result["load_seconds_median"]
    print(f"{entities:,} entities, {aliases:,} names from {len(FILES)} files; {result['machine']}")
    print(f"{'mode':<28}{'median s':>10}{'peak RSS MiB':>14}")
    for label, mode in (("build from list files", "build"), ("load saved index", "load")):
        seconds, rss = result[f"{mode}_seconds_median"], result[f"{mode}_rss_mib_median"]
        print(f"{label:<28}{seconds:>10.2f}{rss:>14.0f}")
    speedup = result["load_speedup"]
    print(f"load is {speedup:.1f}x faster than build; index file {size / 2**20:.1f} MiB")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
