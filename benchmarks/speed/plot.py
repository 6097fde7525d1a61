"""Plot of the speed benchmark, from ``benchmarks/results/speed.json``.

``docs/benchmarks_latency.png``: median µs per ``Screener.screen(name)``, cold and warm,
against the number of aliases in the index (synthetic lists, log axes), with the real lists
and brute-force Jaro-Winkler on the real lists marked. Needs matplotlib (the ``bench`` extra)::

    python benchmarks/speed/plot.py
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "benchmarks" / "results" / "speed.json"
OUT = ROOT / "docs" / "benchmarks_latency.png"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, default=RESULTS)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    result = json.loads(args.json.read_text())
    rows = [row for row in result["scaling"] if "error" not in row]
    figure, axes = plt.subplots(figsize=(7, 4.5))
    for key, label, colour in (
        ("cold_median_us", "synthetic, cold", "#1b6ca8"),
        ("warm_median_us", "synthetic, warm", "#009e73"),
    ):
        axes.plot(
            [row["aliases"] for row in rows],
            [row[key] for row in rows],
            marker="o",
            label=label,
            color=colour,
        )
    real = result["aliases"]
    for value, marker, colour, label in (
        (result["cold"]["median_us"], "s", "#1b6ca8", "real lists, cold"),
        (result["warm"]["median_us"], "s", "#009e73", "real lists, warm"),
        (
            result["brute_force_jaro_winkler"]["median_us"],
            "x",
            "#e69f00",
            "brute-force Jaro-Winkler, real lists",
        ),
    ):
        axes.scatter([real], [value], marker=marker, color=colour, s=50, zorder=3, label=label)
    axes.axhline(50, color="grey", linestyle=":", linewidth=1)
    axes.text(real * 0.9, 55, "50 µs target", color="grey", fontsize=8, ha="right")
    axes.set_xscale("log")
    axes.set_yscale("log")
    axes.set_xlabel("aliases in the index")
    axes.set_ylabel("median µs per screen(name)")
    axes.set_title(
        f"Latency against index size ({result['machine'].split(',')[1].strip()}, "
        f"sanctionmatch {result['version']})",
        fontsize=10,
    )
    axes.grid(True, which="both", alpha=0.3)
    axes.legend(fontsize=8)
    figure.tight_layout()
    figure.savefig(args.out, dpi=120)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
