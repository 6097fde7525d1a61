"""Speed benchmark: two-stage retrieval against brute force, on the real lists and at scale.

All in one run, on one machine (stated in the output):

1. **Real lists** (OFAC SDN + EU + UN from ../shared/data/lists): build time, peak RSS, save
   and load time of the index file.
2. **Per-name latency** of ``Screener.screen(name)`` through the public API on a seeded query
   set (listed names with edits and reorders, and ordinary names): median and p99, *cold*
   (first sight of each query: nothing of it cached) and *warm* (the same queries again).
3. **Brute force**: the same queries through ``rapidfuzz.process.extract`` with Jaro-Winkler
   over every alias (unidecode + casefold, score_cutoff 0.9, limit 10), and the ratio of its
   median to ours.
4. **Candidate recall**: on a sample of the queries, the matches of ``retrieval="exhaustive"``
   (our scorer on every alias: the brute-force reference) at the default threshold that
   two-stage retrieval also returns; every miss is listed.
5. **screen_many** throughput with 1 and 2 jobs, and the time it implies for 1M names.
6. **Scaling**: synthetic lists of real name tokens (``synthetic.py``) at each ``--sizes``
   alias count, each in a fresh process: build time, peak RSS, cold and warm query medians.

Writes ``benchmarks/results/speed.json``; ``--markdown`` prints the tables of
docs/benchmarks.md from that JSON.

    python benchmarks/speed/run.py                       # everything (about 17 minutes)
    python benchmarks/speed/run.py --sizes 100000 --recall-queries 50   # quicker
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler
from unidecode import unidecode

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

import queries as query_sets  # noqa: E402

from sanctionmatch import Screener, __version__  # noqa: E402
from sanctionmatch.screen import DEFAULT_THRESHOLD  # noqa: E402
from sanctionmatch.sources import load_many  # noqa: E402

LISTS = ROOT.parent / "shared" / "data" / "lists"
FILES = [
    LISTS / "ofac" / "SDN_2024-05-07.xml",
    LISTS / "eu" / "20240513-FULL-1_1.xml",
    LISTS / "un" / "consolidated_2026-02-27.xml",
]
JW_CUTOFF = 0.9


def machine() -> str:
    """A one-line description of this machine."""
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{model or platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {platform.system()}"
    )


def peak_rss_mib() -> float:
    """This process's peak resident set size so far."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentiles(seconds: Sequence[float]) -> dict[str, float]:
    """Median and p99 in microseconds."""
    ordered = sorted(seconds)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return {
        "median_us": statistics.median(ordered) * 1e6,
        "p99_us": p99 * 1e6,
        "mean_us": statistics.fmean(ordered) * 1e6,
    }


def timed(call: Callable[[str], object], names: Sequence[str]) -> list[float]:
    """Seconds per call of ``call`` on each name."""
    out = []
    clock = time.perf_counter
    for name in names:
        started = clock()
        call(name)
        out.append(clock() - started)
    return out


def brute_force(screener: Screener, names: Sequence[str]) -> list[float]:
    """Seconds per query of Jaro-Winkler over every alias, as a screening system without an
    index does it."""
    entities = screener.index.entities
    aliases = [
        unidecode(entities[entity_index].names[name_index].full).casefold()
        for entity_index, name_index, _ in screener.index.aliases
    ]

    def query(name: str) -> object:
        return process.extract(
            unidecode(name).casefold(),
            aliases,
            scorer=JaroWinkler.normalized_similarity,
            score_cutoff=JW_CUTOFF,
            limit=10,
        )

    return timed(query, names)


_RECALL_SCREENER: Screener | None = None


def _exhaustive_and_candidates(name: str) -> tuple[str, list[str], list[str]]:
    screener = _RECALL_SCREENER
    assert screener is not None
    slow = screener.screen(name, retrieval="exhaustive", limit=1000)
    fast = screener.screen(name, retrieval="candidates", limit=1000)
    return name, [m.entity.id for m in slow.matches], [m.entity.id for m in fast.matches]


def candidate_recall(screener: Screener, names: Sequence[str], jobs: int) -> dict[str, Any]:
    """Matches of exhaustive retrieval that two-stage retrieval also returns."""
    global _RECALL_SCREENER
    _RECALL_SCREENER = screener
    started = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        rows = pool.map(_exhaustive_and_candidates, names, chunksize=4)
    expected = found = 0
    misses = []
    for name, slow, fast in rows:
        expected += len(slow)
        found += len(set(slow) & set(fast))
        misses += [{"query": name, "entity": e} for e in slow if e not in fast]
    return {
        "queries": len(names),
        "exhaustive_matches": expected,
        "also_returned": found,
        "recall": found / expected if expected else 1.0,
        "misses": misses,
        "seconds": time.perf_counter() - started,
    }


def screen_many_rate(screener: Screener, seed: int, count: int) -> dict[str, Any]:
    """Names per second through ``screen_many`` with 2 jobs and then 1, each on its own set
    of names never screened before (so neither run finds the other's queries cached)."""
    out: dict[str, Any] = {"names": count}
    for jobs in (2, 1):
        names = [name for name, _ in query_sets.query_set(screener.index.entities, count, seed)]
        seed += 1
        started = time.perf_counter()
        screener.screen_many(names, jobs=jobs)
        seconds = time.perf_counter() - started
        out[f"jobs_{jobs}_seconds"] = seconds
        out[f"jobs_{jobs}_names_per_second"] = count / seconds
        out[f"jobs_{jobs}_minutes_per_million"] = 1e6 / (count / seconds) / 60
    return out


SCALE_CHILD = """
import json, resource, sys, time
sys.path.insert(0, {here!r})
import synthetic, queries
from sanctionmatch import Screener
size, seed, count = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
entities = list(synthetic.synthetic_entities(size, seed))
started = time.perf_counter()
screener = Screener.from_entities(entities)
build = time.perf_counter() - started
def peak():
    # VmHWM: the peak of this process's own memory (ru_maxrss would carry over the parent's
    # peak across the exec that started this process).
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
rss = peak()
names = [q for q, _ in queries.query_set(entities, count, seed + 1)]
def run():
    out = []
    for name in names:
        t = time.perf_counter(); screener.screen(name); out.append(time.perf_counter() - t)
    return sorted(out)
cold, warm = run(), run()
print(json.dumps({{"aliases": screener.info.alias_count, "entities": len(entities),
    "build_seconds": build, "peak_rss_mib": rss,
    "cold_median_us": cold[len(cold) // 2] * 1e6, "warm_median_us": warm[len(warm) // 2] * 1e6,
    "cold_p99_us": cold[int(len(cold) * .99)] * 1e6,
    "warm_p99_us": warm[int(len(warm) * .99)] * 1e6}}))
"""


def scaling(sizes: Sequence[int], seed: int, count: int) -> list[dict[str, Any]]:
    """Build and query a synthetic list of each size in a fresh process."""
    rows = []
    for size in sizes:
        child = SCALE_CHILD.format(here=str(HERE))
        done = subprocess.run(
            [sys.executable, "-c", child, str(size), str(seed), str(count)],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            rows.append({"aliases": size, "error": done.stderr.strip().splitlines()[-1:]})
        else:
            rows.append(json.loads(done.stdout))
        print(f"  scale {size:>9,}: {rows[-1]}", flush=True)
    return rows


def measure(args: argparse.Namespace) -> dict[str, Any]:
    if not all(path.is_file() for path in FILES):
        raise SystemExit(f"the real list files are not under {LISTS}")
    result: dict[str, Any] = {
        "machine": machine(),
        "version": __version__,
        "date": datetime.now(UTC).date().isoformat(),
        "seed": args.seed,
        "threshold": DEFAULT_THRESHOLD,
        "lists": [path.name for path in FILES],
    }
    started = time.perf_counter()
    screener = Screener.from_loaded(load_many(FILES))
    result["build_seconds"] = time.perf_counter() - started
    result["build_peak_rss_mib"] = peak_rss_mib()
    result["entities"] = screener.info.entity_count
    result["aliases"] = screener.info.alias_count
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "real.smidx"
        started = time.perf_counter()
        screener.save(path)
        result["save_seconds"] = time.perf_counter() - started
        started = time.perf_counter()
        Screener.load(path)
        result["load_seconds"] = time.perf_counter() - started
    print(f"real lists: {result['entities']:,} entities, {result['aliases']:,} aliases", flush=True)

    queries = query_sets.query_set(screener.index.entities, args.queries, args.seed)
    names = [name for name, _ in queries]
    result["queries"] = len(names)
    result["query_kinds"] = {
        kind: sum(k == kind for _, k in queries) for kind in sorted({k for _, k in queries})
    }
    cold = timed(screener.screen, names)
    warm = timed(screener.screen, names)
    result["cold"] = percentiles(cold)
    result["warm"] = percentiles(warm)
    by_kind: dict[str, list[float]] = {}
    for (_, kind), seconds in zip(queries, cold, strict=True):
        by_kind.setdefault(kind, []).append(seconds)
    result["cold_by_kind"] = {kind: percentiles(v) for kind, v in sorted(by_kind.items())}
    print(f"screen(): cold {result['cold']}, warm {result['warm']}", flush=True)

    brute = brute_force(screener, names[: args.brute_queries])
    result["brute_force_jaro_winkler"] = percentiles(brute)
    ours_same = percentiles(cold[: args.brute_queries])
    ours_warm = percentiles(warm[: args.brute_queries])
    result["speedup_cold"] = (
        result["brute_force_jaro_winkler"]["median_us"] / ours_same["median_us"]
    )
    result["speedup_warm"] = (
        result["brute_force_jaro_winkler"]["median_us"] / ours_warm["median_us"]
    )
    print(f"brute force: {result['brute_force_jaro_winkler']}", flush=True)

    result["screen_many"] = screen_many_rate(screener, args.seed + 7, args.many)
    print(f"screen_many: {result['screen_many']}", flush=True)

    sample = names[: args.recall_queries]
    result["candidate_recall"] = candidate_recall(screener, sample, jobs=os.cpu_count() or 1)
    print(f"candidate recall: {result['candidate_recall']['recall']:.4f}", flush=True)
    del screener

    result["scaling"] = scaling(args.sizes, args.seed, args.scale_queries)
    return result


def markdown(result: dict[str, Any]) -> str:
    """The tables of docs/benchmarks.md."""
    cold, warm, brute = result["cold"], result["warm"], result["brute_force_jaro_winkler"]
    recall = result["candidate_recall"]
    many = result["screen_many"]
    lines = [
        f"Machine: {result['machine']}; sanctionmatch {result['version']}, {result['date']}.",
        f"Real lists: {', '.join(result['lists'])}: {result['entities']:,} entities, "
        f"{result['aliases']:,} aliases. Threshold {result['threshold']}.",
        "",
        "| per name, µs | median | p99 | mean |",
        "|---|---:|---:|---:|",
        f"| `screen()` cold | {cold['median_us']:,.0f} | {cold['p99_us']:,.0f} | "
        f"{cold['mean_us']:,.0f} |",
        f"| `screen()` warm | {warm['median_us']:,.0f} | {warm['p99_us']:,.0f} | "
        f"{warm['mean_us']:,.0f} |",
        f"| brute-force Jaro-Winkler (`process.extract`) | {brute['median_us']:,.0f} | "
        f"{brute['p99_us']:,.0f} | {brute['mean_us']:,.0f} |",
        "",
        f"Speed-up over brute force (ratio of medians, same queries): cold "
        f"{result['speedup_cold']:.1f}x, warm {result['speedup_warm']:.1f}x.",
        "",
        f"Candidate recall: {recall['also_returned']:,} of {recall['exhaustive_matches']:,} "
        f"exhaustive matches on {recall['queries']} queries ({recall['recall']:.4%}); "
        f"misses: {len(recall['misses'])}.",
        "",
        f"`screen_many` on {many['names']:,} fresh names: "
        f"{many['jobs_1_names_per_second']:,.0f} names/s with 1 job, "
        f"{many['jobs_2_names_per_second']:,.0f} with 2 jobs, so 1M names take "
        f"{many['jobs_2_minutes_per_million']:.1f} minutes on 2 cores (extrapolated).",
        "",
        f"Index: build {result['build_seconds']:.1f} s (peak RSS "
        f"{result['build_peak_rss_mib']:,.0f} MiB), save {result['save_seconds']:.1f} s, "
        f"load {result['load_seconds']:.1f} s.",
        "",
        "| cold, by query kind | queries | median µs | p99 µs |",
        "|---|---:|---:|---:|",
    ]
    for kind, row in result["cold_by_kind"].items():
        lines.append(
            f"| {kind} | {result['query_kinds'][kind]} | {row['median_us']:,.0f} | "
            f"{row['p99_us']:,.0f} |"
        )
    lines += [
        "",
        "| synthetic aliases | entities | build s | peak RSS MiB | cold median µs | "
        "warm median µs | warm p99 µs |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in result["scaling"]:
        if "error" in row:
            lines.append(f"| {row['aliases']:,} | failed: {row['error']} | | | | | |")
            continue
        lines.append(
            f"| {row['aliases']:,} | {row['entities']:,} | {row['build_seconds']:.1f} | "
            f"{row['peak_rss_mib']:,.0f} | {row['cold_median_us']:,.0f} | "
            f"{row['warm_median_us']:,.0f} | {row['warm_p99_us']:,.0f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=20260301)
    parser.add_argument("--queries", type=int, default=3000)
    parser.add_argument("--brute-queries", type=int, default=500)
    parser.add_argument("--recall-queries", type=int, default=60)
    parser.add_argument("--many", type=int, default=50000)
    parser.add_argument("--sizes", type=int, nargs="*", default=[100_000, 300_000, 1_000_000])
    parser.add_argument("--scale-queries", type=int, default=500)
    default_json = ROOT / "benchmarks" / "results" / "speed.json"
    parser.add_argument("--json", type=Path, default=default_json)
    parser.add_argument("--markdown", action="store_true", help="print tables from --json")
    args = parser.parse_args()
    if args.markdown:
        print(markdown(json.loads(args.json.read_text())))
        return
    result = measure(args)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2))
    print(markdown(result))


if __name__ == "__main__":
    main()
