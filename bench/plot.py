"""Plot query latency (p50/p95) against graph size for both stores -> docs/bench-latency.png.

    python -m bench.plot [--results bench/results] [-o docs/bench-latency.png]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bench.common import REPO, RESULTS

PANELS = (("ego1", "1-hop ego"), ("ego2", "2-hop ego"), ("path", "shortest path"), ("trace", "company tracer"),
          ("search", "name search"))
TARGETS = {"ego1": 20, "ego2": 50, "path": 50, "trace": 100, "search": 20}  # p95 ms at 1 M (issue #13)
STYLE = {"embedded": "#1f77b4", "neo4j": "#d62728"}


def load_runs(results: Path) -> list[dict]:
    runs = []
    for p in sorted(Path(results).glob("store-*.json")):
        try:
            runs.append(json.loads(p.read_text(encoding="utf-8")))
        except json.JSONDecodeError as e:
            raise SystemExit(f"{p}: not valid JSON ({e})") from None
    return runs


def plot(runs: list[dict], out: Path) -> Path:
    """One panel per query kind; a line per store and percentile (hubs dotted)."""
    try:
        import matplotlib
    except ImportError:
        raise SystemExit("matplotlib is needed for the plot: pip install 'matplotlib>=3.9,<4'") from None
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    if not runs:
        raise SystemExit("no bench/results/store-*.json yet: run python -m bench.bench_store first")
    fig, grid = plt.subplots(2, 3, figsize=(14, 7.5), sharey=True)
    axes = grid.flatten()
    axes[-1].axis("off")
    for ax, (kind, title) in zip(axes, PANELS):
        for store in sorted({r["store"] for r in runs}):
            mine = sorted((r for r in runs if r["store"] == store), key=lambda r: r["loaded_rels"])
            for variant, ls_map in ((kind, {"p50": "-", "p95": "--"}), (f"{kind}_hub", {"p95": ":"})):
                pts = [(r["loaded_rels"], r["latency_ms"][variant]) for r in mine if variant in r["latency_ms"]
                       and r["latency_ms"][variant].get("n")]
                for pct, ls in ls_map.items():
                    if pts:
                        hub = " hubs" if variant.endswith("_hub") else ""
                        ax.plot([x for x, _ in pts], [s[pct] for _, s in pts], ls, marker="o", ms=4,
                                color=STYLE.get(store, "#555"), label=f"{store} {pct}{hub}")
            ref = [(r["loaded_rels"], r["reference_ms"][kind]["p95"]) for r in mine
                   if (r.get("reference_ms") or {}).get(kind, {}).get("p95")]
            if ref and store == "embedded":  # the same walk in networkx, measured in the same run
                ax.plot([x for x, _ in ref], [y for _, y in ref], "-", marker="x", ms=4, color="#999",
                        label="networkx p95 (same run)")
        ax.axhline(TARGETS[kind], color="#888", lw=0.8)
        ax.text(0.02, TARGETS[kind] * 1.15, f"target: p95 ≤ {TARGETS[kind]} ms at 1 M", fontsize=8, color="#555",
                transform=ax.get_yaxis_transform())
        ax.set(title=title, xscale="log", yscale="log", xlabel="relationships")
        ax.grid(True, which="both", lw=0.3, alpha=0.5)
    for ax in grid[:, 0]:
        ax.set_ylabel("latency (ms)")
    axes[-1].legend(*axes[0].get_legend_handles_labels(), fontsize=9, loc="center")  # the empty sixth panel
    fig.suptitle("govkg query latency against graph size (synthetic power-law graph)", fontsize=10)
    fig.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=110)
    plt.close(fig)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.plot", description=__doc__.split("\n\n")[0])
    ap.add_argument("--results", default=str(RESULTS))
    ap.add_argument("-o", "--output", default=str(REPO / "docs" / "bench-latency.png"))
    args = ap.parse_args(argv)
    print(plot(load_runs(Path(args.results)), Path(args.output)), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
