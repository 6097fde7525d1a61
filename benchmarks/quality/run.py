"""Quality benchmark: our scorer and three rapidfuzz baselines on the labelled cases.

Scores every case of ``benchmarks/quality/cases.jsonl`` (made by ``make_cases.py``, which this
script runs first when the file is missing) with

- ``sanctionmatch``: :func:`sanctionmatch.compare_names` ``.score``;
- ``jaro-winkler``: rapidfuzz ``JaroWinkler.normalized_similarity``;
- ``token-sort``: rapidfuzz ``fuzz.token_sort_ratio`` / 100;
- ``wratio``: rapidfuzz ``fuzz.WRatio`` / 100;

the baselines over ``unidecode(name).casefold()``, all in the same process, and reports per
variant class the recall, per negative class the false-positive rate (FPR), the ROC AUC of
each class's positives against all negatives, and the median microseconds per call.

Thresholds. Our scorer is read at its default threshold (``screen.DEFAULT_THRESHOLD``).
Each baseline is read at two thresholds: the *calibrated* one, the lowest threshold at which
at most 1 % of the hard negatives score at or above it (computed on this run's hard
negatives, so it is the best case for the baseline), and a *conventional* one (0.90 for
Jaro-Winkler, 0.85 for the two ratios). Our own calibrated threshold is reported too.

Reviewed labels. ``reviews.json`` gives, for cases of some classes, a developer's verdict on
whether the two names are the same whole name (``same-name``), or one is a part or another name
of the person (``partial-name``), or the list's text is damaged (``list-disagrees``). Beside the
main tables, which the labels do not change, each reviewed class gets its recall over the cases
not reviewed as another name, with the misses no review covers.

Writes ``benchmarks/results/quality.json`` and, beside it, the per-case scores
(``quality_scores.jsonl``, named after the JSON file); ``--markdown`` prints the tables of
docs/quality.md from that JSON without scoring again.

    python benchmarks/quality/run.py               # score, print, write JSON
    python benchmarks/quality/run.py --markdown    # the markdown tables from the JSON
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import json
import math
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz
from rapidfuzz.distance import JaroWinkler
from unidecode import unidecode

import sanctionmatch
from sanctionmatch import compare_names
from sanctionmatch.errors import SanctionMatchError
from sanctionmatch.screen import DEFAULT_THRESHOLD

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CASES = HERE / "cases.jsonl"
RESULTS = ROOT / "benchmarks" / "results" / "quality.json"
REVIEWS = HERE / "reviews.json"
#: Verdicts of reviews.json, and those that take a case out of its class's reviewed recall.
VERDICTS = ("same-name", "partial-name", "list-disagrees")
NOT_THE_SAME_NAME = frozenset({"partial-name", "list-disagrees"})

TARGET_RECALL = 0.98
TARGET_FPR_HARD = 0.01
TARGET_FPR_RANDOM = 0.001
CALIBRATION_FPR = 0.01
TIMING_BLOCK = 100
EXAMPLES_PER_CLASS = 10
THRESHOLD_RULE = (
    "Baselines are read at the lowest threshold at which at most 1 % of this run's hard "
    "negatives score at or above it ('calibrated', a best case for them: fitted on the very "
    "negatives it is scored on) and at a conventional threshold (0.90 Jaro-Winkler, 0.85 "
    "token_sort_ratio and WRatio); sanctionmatch at its default threshold "
    f"{DEFAULT_THRESHOLD:.2f}."
)


def _prep(name: str) -> str:
    return unidecode(name).casefold()


def _ours(a: str, b: str) -> float:
    try:
        return compare_names(a, b).score
    except SanctionMatchError:
        return 0.0


SCORERS: dict[str, tuple[str, Callable[[str, str], float], float]] = {
    "sanctionmatch": ("sanctionmatch compare_names", _ours, DEFAULT_THRESHOLD),
    "jaro-winkler": (
        "rapidfuzz JaroWinkler.normalized_similarity(unidecode(x).casefold())",
        lambda a, b: JaroWinkler.normalized_similarity(_prep(a), _prep(b)),
        0.90,
    ),
    "token-sort": (
        "rapidfuzz fuzz.token_sort_ratio(unidecode(x).casefold()) / 100",
        lambda a, b: fuzz.token_sort_ratio(_prep(a), _prep(b)) / 100,
        0.85,
    ),
    "wratio": (
        "rapidfuzz fuzz.WRatio(unidecode(x).casefold()) / 100",
        lambda a, b: fuzz.WRatio(_prep(a), _prep(b)) / 100,
        0.85,
    ),
}
OURS = "sanctionmatch"
BASELINES = [s for s in SCORERS if s != OURS]


# --------------------------------------------------------------------------------------------
# Scoring and timing
# --------------------------------------------------------------------------------------------


def load_cases(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        print(f"{path.name} is missing: building it with make_cases.py", flush=True)
        sys.path.insert(0, str(HERE))
        import make_cases

        cases = make_cases.build(make_cases.SEED, make_cases.PER_CLASS)
        manifest = path.with_name(path.stem + ".manifest.json")
        make_cases.write(cases, make_cases.SEED, make_cases.PER_CLASS, path, manifest)
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def score_all(
    cases: Sequence[dict[str, Any]], seed: int
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Scores of every case by every scorer, and per scorer the microseconds per call of each
    block of calls (cases in one shuffled order, the same for every scorer)."""
    order = list(range(len(cases)))
    random.Random(seed).shuffle(order)
    scores: dict[str, list[float]] = {}
    blocks: dict[str, list[float]] = {}
    for name, (_, function, _) in SCORERS.items():
        out = [0.0] * len(cases)
        timings = []
        started = time.perf_counter()
        for start in range(0, len(order), TIMING_BLOCK):
            chunk = order[start : start + TIMING_BLOCK]
            t0 = time.perf_counter_ns()
            for i in chunk:
                out[i] = function(cases[i]["list_name"], cases[i]["query"])
            timings.append((time.perf_counter_ns() - t0) / 1000 / len(chunk))
        scores[name] = out
        blocks[name] = timings
        print(
            f"  {name:<14} {time.perf_counter() - started:6.1f} s, "
            f"median {statistics.median(timings):7.1f} µs per call",
            flush=True,
        )
    return scores, blocks


# --------------------------------------------------------------------------------------------
# Metrics
# --------------------------------------------------------------------------------------------


def calibrated_threshold(negatives: Sequence[float], fpr: float = CALIBRATION_FPR) -> float:
    """The lowest threshold t with #{negatives >= t} <= fpr * #negatives."""
    ordered = sorted(negatives, reverse=True)
    allowed = math.floor(fpr * len(ordered))
    if allowed >= len(ordered):
        return 0.0
    return math.nextafter(ordered[allowed], math.inf)


def rate(values: Sequence[float], threshold: float) -> float:
    return sum(v >= threshold for v in values) / len(values) if values else float("nan")


def auc(positives: Sequence[float], negatives_sorted: Sequence[float]) -> float:
    """ROC AUC: the chance a positive outscores a negative, ties counting half."""
    if not positives or not negatives_sorted:
        return float("nan")
    total = 0.0
    for p in positives:
        below = bisect.bisect_left(negatives_sorted, p)
        ties = bisect.bisect_right(negatives_sorted, p) - below
        total += below + 0.5 * ties
    return total / (len(positives) * len(negatives_sorted))


def roc_points(
    positives: Sequence[float], negatives: Sequence[float], steps: int = 500
) -> dict[str, list[float]]:
    pos, neg = sorted(positives), sorted(negatives)
    thresholds = [i / steps for i in range(steps + 1)] + [math.inf]
    out: dict[str, list[float]] = {"threshold": [], "fpr": [], "tpr": []}
    for t in thresholds:
        out["threshold"].append(t if t != math.inf else 1.000001)
        out["tpr"].append(round((len(pos) - bisect.bisect_left(pos, t)) / len(pos), 6))
        out["fpr"].append(round((len(neg) - bisect.bisect_left(neg, t)) / len(neg), 6))
    return out


def _rules(a: str, b: str) -> list[str]:
    try:
        return list(compare_names(a, b).explanation.rules)
    except SanctionMatchError as error:
        return [f"error: {error}"]


def evaluate(
    cases: Sequence[dict[str, Any]], scores: dict[str, list[float]], seed: int
) -> dict[str, Any]:
    by_class: dict[tuple[int, str, str], list[int]] = defaultdict(list)
    for i, case in enumerate(cases):
        by_class[(case["label"], case["family"], case["class"])].append(i)
    hard = [i for i, c in enumerate(cases) if c["family"] == "hard-negative"]
    rand = [i for i, c in enumerate(cases) if c["family"] == "random-negative"]
    positive = [i for i, c in enumerate(cases) if c["label"] == 1]
    negative = hard + rand

    thresholds: dict[str, dict[str, float]] = {}
    for name, (_, _, conventional) in SCORERS.items():
        calibrated = calibrated_threshold([scores[name][i] for i in hard])
        points = {"calibrated": calibrated, "conventional": conventional}
        if name == OURS:
            points["default"] = DEFAULT_THRESHOLD
        thresholds[name] = points

    negatives_sorted = {name: sorted(scores[name][i] for i in negative) for name in SCORERS}
    hard_sorted = {name: sorted(scores[name][i] for i in hard) for name in SCORERS}

    positives_out = []
    negatives_out = []
    for (label, family, klass), members in sorted(
        by_class.items(), key=lambda kv: (-kv[0][0], kv[0][1], kv[0][2])
    ):
        row: dict[str, Any] = {"class": klass, "family": family, "n": len(members)}
        values = {name: [scores[name][i] for i in members] for name in SCORERS}
        measure = "recall" if label else "fpr"
        row[measure] = {
            name: {point: rate(values[name], t) for point, t in thresholds[name].items()}
            for name in SCORERS
        }
        if label:
            row["auc"] = {name: auc(values[name], negatives_sorted[name]) for name in SCORERS}
            positives_out.append(row)
        else:
            negatives_out.append(row)

    def fpr_of(indices: Sequence[int]) -> dict[str, dict[str, float]]:
        return {
            name: {
                point: rate([scores[name][i] for i in indices], t)
                for point, t in thresholds[name].items()
            }
            for name in SCORERS
        }

    summary = {
        "positives": len(positive),
        "hard_negatives": len(hard),
        "random_negatives": len(rand),
        "recall_all": fpr_of(positive),
        "fpr_hard": fpr_of(hard),
        "fpr_random": fpr_of(rand),
        "auc_all_vs_hard": {
            name: auc([scores[name][i] for i in positive], hard_sorted[name]) for name in SCORERS
        },
        "auc_all_vs_all_negatives": {
            name: auc([scores[name][i] for i in positive], negatives_sorted[name])
            for name in SCORERS
        },
    }

    below = []
    failures: dict[str, list[dict[str, Any]]] = {}
    rng = random.Random(seed)
    for row in positives_out:
        ours = row["recall"][OURS]["default"]
        best_baseline = max(row["recall"][b]["calibrated"] for b in BASELINES)
        row["below_target"] = ours < TARGET_RECALL
        row["ahead_of_baselines"] = ours >= best_baseline
        if row["below_target"] or not row["ahead_of_baselines"]:
            below.append(row["class"])
        members = by_class[(1, row["family"], row["class"])]
        failing = [i for i in members if scores[OURS][i] < DEFAULT_THRESHOLD]
        if failing:
            picked = sorted(rng.sample(failing, min(EXAMPLES_PER_CLASS, len(failing))))
            failures[row["class"]] = [
                {
                    "id": cases[i]["id"],
                    "list_name": cases[i]["list_name"],
                    "query": cases[i]["query"],
                    "score": scores[OURS][i],
                    "baselines": {b: round(scores[b][i], 4) for b in BASELINES},
                    "rules": _rules(cases[i]["list_name"], cases[i]["query"]),
                }
                for i in picked
            ]
    hits = sorted(
        (i for i in hard if scores[OURS][i] >= DEFAULT_THRESHOLD),
        key=lambda i: (-scores[OURS][i], cases[i]["id"]),
    )
    random_hits = sorted(
        (i for i in rand if scores[OURS][i] >= DEFAULT_THRESHOLD),
        key=lambda i: (-scores[OURS][i], cases[i]["id"]),
    )

    def hit(i: int) -> dict[str, Any]:
        return {
            "id": cases[i]["id"],
            "class": cases[i]["class"],
            "list_name": cases[i]["list_name"],
            "query": cases[i]["query"],
            "entities": [cases[i]["entity"], cases[i]["other_entity"]],
            "score": scores[OURS][i],
            "rules": _rules(cases[i]["list_name"], cases[i]["query"]),
        }

    return {
        "thresholds": thresholds,
        "positives": positives_out,
        "negatives": negatives_out,
        "summary": summary,
        "roc_all_vs_hard": {
            name: roc_points([scores[name][i] for i in positive], [scores[name][i] for i in hard])
            for name in SCORERS
        },
        "below_target_or_behind": below,
        "failures": failures,
        "hard_negative_hits": {"count": len(hits), "examples": [hit(i) for i in hits[:50]]},
        "random_negative_hits": {
            "count": len(random_hits),
            "examples": [hit(i) for i in random_hits[:50]],
        },
    }


Reviews = dict[str, dict[tuple[str, str], str]]


def load_reviews(path: Path) -> Reviews:
    """The reviewed labels of ``reviews.json``: per class, the verdict on each (list_name,
    query) pair. An entry without its fields, with an unknown verdict or given twice with two
    verdicts is an error naming the entry, and so is a missing file (the labels are committed,
    so a missing file is a wrong ``--reviews`` path, not a benchmark without labels)."""
    if not path.is_file():
        raise ValueError(f"no reviews file at {path}")
    document = json.loads(path.read_text(encoding="utf-8"))
    reviews: Reviews = {}
    for block in document.get("reviews", []):
        klass = block["class"]
        verdicts = reviews.setdefault(klass, {})
        for number, entry in enumerate(block["cases"], 1):
            where = f"{path.name}: class {klass}, case {number}"
            try:
                key, verdict = (entry["list_name"], entry["query"]), entry["verdict"]
            except KeyError as missing:
                raise ValueError(f"{where} has no {missing}") from None
            if verdict not in VERDICTS:
                raise ValueError(f"{where}: verdict {verdict!r} is not one of {VERDICTS}")
            if verdicts.get(key, verdict) != verdict:
                raise ValueError(f"{where}: {key} is reviewed twice with two verdicts")
            verdicts[key] = verdict
    return reviews


def reviewed_recall(
    cases: Sequence[dict[str, Any]], scores: dict[str, list[float]], reviews: Reviews
) -> list[dict[str, Any]]:
    """Per reviewed class, our recall at the default threshold over the cases not reviewed as
    another name than the list's (see ``reviews.json``), beside the recall over them all, with
    the misses no review covers (a review is only as complete as that count says) and the
    reviewed pairs no case has (stale entries, after the cases changed)."""
    out = []
    for klass, verdicts in sorted(reviews.items()):
        members = [i for i, case in enumerate(cases) if case["class"] == klass]
        if not members:
            continue
        seen: set[tuple[str, str]] = set()
        excluded: dict[str, int] = defaultdict(int)
        kept: list[float] = []
        unreviewed_misses = 0
        for i in members:
            key = (cases[i]["list_name"], cases[i]["query"])
            verdict = verdicts.get(key)
            seen.add(key)
            score = scores[OURS][i]
            if verdict in NOT_THE_SAME_NAME:
                excluded[verdict] += 1
                continue
            kept.append(score)
            if verdict is None and score < DEFAULT_THRESHOLD:
                unreviewed_misses += 1
        all_scores = [scores[OURS][i] for i in members]
        out.append(
            {
                "class": klass,
                "n": len(members),
                "recall": rate(all_scores, DEFAULT_THRESHOLD),
                "excluded": dict(sorted(excluded.items())),
                "n_same_name": len(kept),
                "recall_same_name": rate(kept, DEFAULT_THRESHOLD),
                "misses_same_name": sum(score < DEFAULT_THRESHOLD for score in kept),
                "unreviewed_misses": unreviewed_misses,
                "stale_reviews": len(set(verdicts) - seen),
            }
        )
    return out


# --------------------------------------------------------------------------------------------
# Reports
# --------------------------------------------------------------------------------------------

SHORT = {"sanctionmatch": "ours", "jaro-winkler": "JW", "token-sort": "TSR", "wratio": "WR"}


def _f(value: float, digits: int = 3) -> str:
    return "–" if value != value else f"{value:.{digits}f}"


def recall_columns(result: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(header, scorer, operating point) of the recall and FPR tables."""
    th = result["thresholds"]
    columns = [(f"ours @{th[OURS]['default']:.2f}", OURS, "default")]
    for b in BASELINES:
        columns.append((f"{SHORT[b]} @{th[b]['calibrated']:.3f}", b, "calibrated"))
        columns.append((f"{SHORT[b]} @{th[b]['conventional']:.2f}", b, "conventional"))
    return columns


def print_text(result: dict[str, Any]) -> None:
    columns = recall_columns(result)
    width = max(len(r["class"]) for r in result["positives"] + result["negatives"])
    print()
    print(THRESHOLD_RULE)
    print("Recall per variant class (positives); AUC: the class's positives against all negatives.")
    header = f"{'class':<{width}} {'n':>5} " + " ".join(f"{h:>11}" for h, _, _ in columns)
    header += "  " + " ".join(f"{'AUC ' + SHORT[s]:>9}" for s in SCORERS)
    print(header)
    for row in result["positives"]:
        cells = [_f(row["recall"][s][p]) for _, s, p in columns]
        flag = " *" if row["below_target"] else ("  <" if not row["ahead_of_baselines"] else "")
        line = f"{row['class']:<{width}} {row['n']:>5} " + " ".join(f"{c:>11}" for c in cells)
        line += "  " + " ".join(f"{_f(row['auc'][s]):>9}" for s in SCORERS) + flag
        print(line)
    print(f"(* ours below the {TARGET_RECALL:.2f} recall target; < behind a calibrated baseline)")
    for row in result.get("reviewed", []):
        excluded = ", ".join(f"{n} {verdict}" for verdict, n in row["excluded"].items())
        print(
            f"{row['class']}: recall {_f(row['recall'])} over all {row['n']}; "
            f"{_f(row['recall_same_name'])} over the {row['n_same_name']} not reviewed as another "
            f"name ({excluded or 'none'} left out, reviews.json); misses not reviewed: "
            f"{row['unreviewed_misses']}; stale reviews: {row['stale_reviews']}"
        )
    print()
    print("False-positive rate per negative class")
    print(f"{'class':<{width}} {'n':>5} " + " ".join(f"{h:>11}" for h, _, _ in columns))
    for row in result["negatives"]:
        cells = [_f(row["fpr"][s][p], 4) for _, s, p in columns]
        print(f"{row['class']:<{width}} {row['n']:>5} " + " ".join(f"{c:>11}" for c in cells))
    summary = result["summary"]
    for label, key in (("hard negatives", "fpr_hard"), ("random negatives", "fpr_random")):
        cells = [_f(summary[key][s][p], 4) for _, s, p in columns]
        print(f"{'all ' + label:<{width}} {'':>5} " + " ".join(f"{c:>11}" for c in cells))
    print()
    print("scorer          µs/call (median)  calibrated thr  AUC all vs hard")
    for s in SCORERS:
        print(
            f"{s:<16}{result['timing_us'][s]['median']:>16.1f}"
            f"{result['thresholds'][s]['calibrated']:>16.4f}"
            f"{summary['auc_all_vs_hard'][s]:>17.4f}"
        )
    print(
        f"\nhard negatives at or above {DEFAULT_THRESHOLD}: "
        f"{result['hard_negative_hits']['count']}; random negatives: "
        f"{result['random_negative_hits']['count']}"
    )


def _library_note(result: dict[str, Any]) -> str:
    path = result.get("library_path")
    digest = str(result.get("library_sources_sha256", ""))[:12]
    if path and not Path(path).is_relative_to(ROOT):
        return f"; library sources from `{path}` (sha256 `{digest}…`)"
    note = f" at commit `{result['git_head']}`" if result.get("git_head") else ""
    if result.get("library_changes_not_committed"):
        note += f" with uncommitted library changes (sources sha256 `{digest}…`)"
    return note


def markdown(result: dict[str, Any]) -> str:
    columns = recall_columns(result)
    th = result["thresholds"]
    lines = [
        f"Cases: {result['n_cases']:,} from `{result['cases_file']}` (sha256 "
        f"`{result['cases_sha256'][:16]}…`); {result['machine']}; sanctionmatch "
        f"{result['versions']['sanctionmatch']}, rapidfuzz {result['versions']['rapidfuzz']}, "
        f"unidecode {result['versions']['unidecode']}; run {result['generated']}"
        + _library_note(result)
        + ".",
        "",
        "Calibrated thresholds (≤ 1 % FPR on the hard negatives): "
        + ", ".join(f"{s} {th[s]['calibrated']:.4f}" for s in SCORERS)
        + ".",
        "",
        "### Recall per variant class",
        "",
        "| class | n | "
        + " | ".join(h for h, _, _ in columns)
        + " | "
        + " | ".join(f"AUC {SHORT[s]}" for s in SCORERS)
        + " |",
        "|---|---:|" + "---:|" * (len(columns) + len(SCORERS)),
    ]
    family = None
    for row in result["positives"]:
        if row["family"] != family:
            family = row["family"]
            lines.append(f"| *{family}* |" + " |" * (len(columns) + len(SCORERS) + 1))
        cells = []
        for _, s, p in columns:
            value = _f(row["recall"][s][p])
            if s == OURS and row["below_target"]:
                value = f"**{value}**"
            cells.append(value)
        aucs = [_f(row["auc"][s]) for s in SCORERS]
        mark = "" if row["ahead_of_baselines"] else " ↓"
        lines.append(
            f"| {row['class']}{mark} | {row['n']} | "
            + " | ".join(cells)
            + " | "
            + " | ".join(aucs)
            + " |"
        )
    summary = result["summary"]
    lines += [
        "",
        f"Bold: ours below the {TARGET_RECALL:.2f} target. ↓: a baseline at its calibrated "
        "threshold recalls more of the class than ours at the default threshold.",
        "",
    ]
    if result.get("reviewed"):
        lines += [
            "### Recall over reviewed labels",
            "",
            "Our recall at the default threshold over the cases of a class that "
            "`benchmarks/quality/reviews.json` does not review as another name than the list's "
            "(a partial name, or list text that disagrees with itself); the table above is "
            "unchanged by these labels.",
            "",
            "| class | n | recall, all | left out | n, same name | recall, same name | "
            "misses, same name | misses not reviewed |",
            "|---|---:|---:|---|---:|---:|---:|---:|",
        ]
        for row in result["reviewed"]:
            excluded = ", ".join(f"{n} {verdict}" for verdict, n in row["excluded"].items())
            lines.append(
                f"| {row['class']} | {row['n']} | {_f(row['recall'])} | {excluded or '–'} | "
                f"{row['n_same_name']} | {_f(row['recall_same_name'])} | "
                f"{row['misses_same_name']} | {row['unreviewed_misses']} |"
            )
        lines.append("")
    lines += [
        "### False-positive rate per negative class",
        "",
        "| class | n | " + " | ".join(h for h, _, _ in columns) + " |",
        "|---|---:|" + "---:|" * len(columns),
    ]
    for row in result["negatives"]:
        cells = [_f(row["fpr"][s][p], 4) for _, s, p in columns]
        lines.append(
            f"| {row['class']} ({row['family']}) | {row['n']} | " + " | ".join(cells) + " |"
        )
    for label, key, count in (
        ("all hard negatives", "fpr_hard", summary["hard_negatives"]),
        ("all random negatives", "fpr_random", summary["random_negatives"]),
    ):
        cells = [_f(summary[key][s][p], 4) for _, s, p in columns]
        lines.append(f"| **{label}** | {count} | " + " | ".join(cells) + " |")
    cells = [_f(summary["recall_all"][s][p]) for _, s, p in columns]
    lines.append(
        f"| **recall, all positives** | {summary['positives']} | " + " | ".join(cells) + " |"
    )
    lines += [
        "",
        "### Speed and overall separation",
        "",
        "| scorer | µs per call (median) | µs per call (p90) | calibrated threshold | "
        "AUC all positives vs hard negatives | AUC vs all negatives |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for s in SCORERS:
        timing = result["timing_us"][s]
        lines.append(
            f"| {s} | {timing['median']:.1f} | {timing['p90']:.1f} | "
            f"{th[s]['calibrated']:.4f} | {summary['auc_all_vs_hard'][s]:.4f} | "
            f"{summary['auc_all_vs_all_negatives'][s]:.4f} |"
        )
    return "\n".join(lines) + "\n"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def provenance() -> dict[str, Any]:
    """The commit the library was at and whether its sources differed from it (read only)."""

    def git(*args: str) -> str:
        try:
            done = subprocess.run(
                ["git", *args], cwd=ROOT, capture_output=True, text=True, check=True
            )
        except (OSError, subprocess.CalledProcessError):
            return ""
        return done.stdout.strip()

    changed = git("status", "--porcelain", "--", "sanctionmatch")
    package = Path(sanctionmatch.__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".json") and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes())
    return {
        "git_head": git("rev-parse", "--short", "HEAD") or None,
        "library_changes_not_committed": changed.splitlines() if changed else [],
        "library_path": str(package),
        "library_sources_sha256": digest.hexdigest(),
    }


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=Path, default=CASES)
    parser.add_argument("--json", type=Path, default=RESULTS)
    parser.add_argument("--seed", type=int, default=20240513)
    parser.add_argument("--reviews", type=Path, default=REVIEWS, help="reviewed labels")
    parser.add_argument(
        "--markdown", action="store_true", help="print the markdown tables from the JSON"
    )
    args = parser.parse_args(argv)
    if args.markdown:
        print(markdown(json.loads(args.json.read_text(encoding="utf-8"))), end="")
        return
    started = time.perf_counter()
    reviews = load_reviews(args.reviews)  # before scoring: a bad file fails at once
    source = provenance()  # before scoring: the library may be edited while this runs
    cases = load_cases(args.cases)
    print(f"{len(cases):,} cases from {args.cases}", flush=True)
    scores, blocks = score_all(cases, args.seed)
    result: dict[str, Any] = {
        "generated": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}",
        "versions": {p: metadata.version(p) for p in ("sanctionmatch", "rapidfuzz", "unidecode")},
        **source,
        "cases_file": str(args.cases.resolve().relative_to(ROOT)),
        "cases_sha256": sha256(args.cases),
        "n_cases": len(cases),
        "threshold_rule": THRESHOLD_RULE,
        "targets": {
            "recall": TARGET_RECALL,
            "fpr_hard": TARGET_FPR_HARD,
            "fpr_random": TARGET_FPR_RANDOM,
        },
        "scorers": {name: description for name, (description, _, _) in SCORERS.items()},
        "timing_us": {
            name: {
                "median": statistics.median(values),
                "p90": statistics.quantiles(values, n=10)[-1],
                "block": TIMING_BLOCK,
                "blocks": len(values),
            }
            for name, values in blocks.items()
        },
    }
    result.update(evaluate(cases, scores, args.seed))
    result["reviewed"] = reviewed_recall(cases, scores, reviews)
    result["seconds"] = round(time.perf_counter() - started, 1)
    print_text(result)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    per_case = args.json.with_name(args.json.stem + "_scores.jsonl")
    with per_case.open("w", encoding="utf-8") as handle:
        for i, case in enumerate(cases):
            row = {"id": case["id"], **{name: scores[name][i] for name in SCORERS}}
            handle.write(json.dumps(row) + "\n")
    print(f"\nwrote {args.json} ({result['seconds']} s in all)")


if __name__ == "__main__":
    main()
