"""Plots of the quality benchmark, from ``benchmarks/results/quality.json``.

- ``docs/quality_recall.png``: recall per variant class, one bar group per class: ours at the
  default threshold, each rapidfuzz baseline at its calibrated threshold (at most 1 % of the
  hard negatives at or above it) and, as a tick, at its conventional threshold;
- ``docs/quality_roc.png``: ROC curves of every scorer, all positives against the hard
  negatives, on a linear and on a logarithmic false-positive axis, with each scorer's
  operating points marked.

Needs matplotlib (the ``bench`` extra)::

    python benchmarks/quality/plot.py
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "benchmarks" / "results" / "quality.json"
DOCS = ROOT / "docs"
OURS = "sanctionmatch"
COLOURS = {
    "sanctionmatch": "#1b6ca8",
    "jaro-winkler": "#e69f00",
    "token-sort": "#009e73",
    "wratio": "#cc79a7",
}
LABELS = {
    "sanctionmatch": "sanctionmatch compare_names",
    "jaro-winkler": "rapidfuzz Jaro-Winkler",
    "token-sort": "rapidfuzz token_sort_ratio",
    "wratio": "rapidfuzz WRatio",
}


def _threshold(result: dict[str, Any], scorer: str, point: str) -> float:
    return float(result["thresholds"][scorer][point])


def plot_recall(result: dict[str, Any], out: Path) -> None:
    rows = result["positives"]
    scorers = list(result["scorers"])
    height = 0.8 / len(scorers)
    fig, ax = plt.subplots(figsize=(10, 0.42 * len(rows) + 1.5))
    for k, scorer in enumerate(scorers):
        point = "default" if scorer == OURS else "calibrated"
        ys = [i + (k - (len(scorers) - 1) / 2) * height for i in range(len(rows))]
        values = [row["recall"][scorer][point] for row in rows]
        label = f"{LABELS[scorer]} @ {_threshold(result, scorer, point):.3f}"
        if scorer != OURS:
            label += " (≤1 % hard FPR)"
        ax.barh(ys, values, height=height, color=COLOURS[scorer], label=label)
        if scorer != OURS:
            conventional = [row["recall"][scorer]["conventional"] for row in rows]
            ax.scatter(conventional, ys, marker="|", s=40, color="black", linewidths=0.8, zorder=3)
    ax.scatter([], [], marker="|", color="black", label="baseline at its conventional threshold")
    ax.axvline(result["targets"]["recall"], color="red", linestyle="--", linewidth=0.8)
    ax.text(
        result["targets"]["recall"],
        -1.2,
        f"target {result['targets']['recall']:.2f}",
        color="red",
        ha="right",
        fontsize=8,
    )
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels([f"{row['class']} (n={row['n']})" for row in rows], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, 1.0)
    ax.set_xlabel("recall")
    ax.set_title(f"Recall per variant class ({result['n_cases']:,} cases, {result['generated']})")
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.02), fontsize=8, ncol=2, frameon=False)
    ax.grid(axis="x", linewidth=0.3)
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    plt.close(fig)


def plot_roc(result: dict[str, Any], out: Path) -> None:
    fig, axes = plt.subplots(1, 2, figsize=(12, 5.5))
    summary = result["summary"]
    for ax, log in zip(axes, (False, True), strict=True):
        for scorer in result["scorers"]:
            roc = result["roc_all_vs_hard"][scorer]
            fpr = [max(f, 1e-5) for f in roc["fpr"]] if log else roc["fpr"]
            auc = summary["auc_all_vs_hard"][scorer]
            ax.plot(
                fpr, roc["tpr"], color=COLOURS[scorer], label=f"{LABELS[scorer]} (AUC {auc:.3f})"
            )
            points = ["default"] if scorer == OURS else ["calibrated", "conventional"]
            for point in points:
                marker = {"default": "*", "calibrated": "o", "conventional": "s"}[point]
                x = summary["fpr_hard"][scorer][point]
                y = summary["recall_all"][scorer][point]
                ax.scatter(
                    [max(x, 1e-5) if log else x],
                    [y],
                    color=COLOURS[scorer],
                    marker=marker,
                    edgecolors="black",
                    zorder=3,
                    s=70 if marker == "*" else 36,
                )
        ax.set_xlabel("false-positive rate on hard negatives" + (" (log)" if log else ""))
        ax.set_ylabel("recall, all positives")
        if log:
            ax.set_xscale("log")
            ax.set_xlim(1e-4, 1)
            ax.axvline(0.01, color="red", linestyle="--", linewidth=0.8)
        else:
            ax.set_xlim(0, 1)
        ax.set_ylim(0, 1.01)
        ax.grid(linewidth=0.3)
    axes[0].legend(loc="lower right", fontsize=8)
    axes[1].text(0.011, 0.03, "1 % FPR", color="red", fontsize=8)
    fig.suptitle(
        "ROC, all positives against the hard negatives. Star: ours at the default threshold; "
        "circle / square: a baseline at its calibrated / conventional threshold",
        fontsize=9,
    )
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    plt.close(fig)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, default=RESULTS)
    parser.add_argument("--out", type=Path, default=DOCS)
    args = parser.parse_args()
    result = json.loads(args.json.read_text(encoding="utf-8"))
    args.out.mkdir(parents=True, exist_ok=True)
    plot_recall(result, args.out / "quality_recall.png")
    plot_roc(result, args.out / "quality_roc.png")
    print(f"wrote {args.out / 'quality_recall.png'} and {args.out / 'quality_roc.png'}")


if __name__ == "__main__":
    main()
