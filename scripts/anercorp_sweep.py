"""ANERcorp hyper-parameters chosen on dev, the test half scored once: run `scripts/anercorp.py` for each point of a
small grid with `--skip-test` (the last tenth of the train half as dev, the epoch chosen on it), pick the point
with the best dev F1, and run that point once more with the test half scored.

    python scripts/anercorp_sweep.py --encoder model/default --output runs/anercorp-sweep \
        --lrs 5e-5 1e-4 2e-4 3e-4 --head-lr 1e-3 --epochs 10 --parallel 4          # the model card's figure (GPU)

The grid points run as separate processes, `--parallel` at a time (they share one GPU well: the model is small).
`sweep.json` in `--output` holds every point's dev curve, the choice and the final run's test figures.
"""
from __future__ import annotations

import argparse
import itertools
import json
import logging
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
logger = logging.getLogger("scripts.anercorp_sweep")


def point_args(args: argparse.Namespace, lr: float, batch_size: int, output: Path, skip_test: bool) -> list[str]:
    """The `scripts/anercorp.py` command line of one grid point."""
    cmd = [sys.executable, str(ROOT / "scripts" / "anercorp.py"), "--encoder", args.encoder, "--output", str(output),
           "--epochs", str(args.epochs), "--lr", str(lr), "--head-lr", str(args.head_lr),
           "--batch-size", str(batch_size), "--max-length", str(args.max_length), "--seed", str(args.seed),
           "--dev-fraction", str(args.dev_fraction)]
    return cmd + ["--skip-test"] if skip_test else cmd


def run_point(cmd: list[str], output: Path) -> dict:
    """Run one point (its log in output/log.txt) and return its metrics; a failed point raises with its log's tail."""
    output.mkdir(parents=True, exist_ok=True)
    with open(output / "log.txt", "w", encoding="utf-8") as log:
        rc = subprocess.run(cmd, stdout=log, stderr=subprocess.STDOUT).returncode
    if rc:
        tail = (output / "log.txt").read_text(encoding="utf-8")[-2000:]
        raise RuntimeError(f"{' '.join(cmd)} failed (exit {rc}):\n{tail}")
    return json.loads((output / "anercorp_metrics.json").read_text(encoding="utf-8"))


def choose(points: list[dict]) -> dict:
    """The point with the best dev F1 (its best epoch); ties go to the earlier point of the grid."""
    if not points:
        raise ValueError("no grid points to choose from")
    return max(points, key=lambda p: (p["best_dev_f1"], -points.index(p)))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--encoder", required=True)
    ap.add_argument("--output", default="runs/anercorp-sweep")
    ap.add_argument("--lrs", type=float, nargs="+", default=[5e-5, 1e-4, 2e-4, 3e-4], help="encoder learning rates")
    ap.add_argument("--batch-sizes", type=int, nargs="+", default=[16])
    ap.add_argument("--head-lr", type=float, default=1e-3)
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--max-length", type=int, default=128)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--dev-fraction", type=float, default=0.1)
    ap.add_argument("--parallel", type=int, default=1, help="grid points run at once")
    args = ap.parse_args()
    if not 0 < args.dev_fraction < 1:
        ap.error("--dev-fraction must be in (0, 1): the choice is made on dev")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    out, t0 = Path(args.output), time.time()
    grid = list(itertools.product(args.lrs, args.batch_sizes))
    dirs = [out / f"lr{lr:g}-bs{bs}" for lr, bs in grid]
    with ThreadPoolExecutor(max(1, args.parallel)) as pool:
        points = list(pool.map(lambda g, d: run_point(point_args(args, *g, d, skip_test=True), d), grid, dirs))
    for p in points:
        logger.info("lr %g batch %d: dev F1 per epoch %s", p["lr"], p["batch_size"],
                    " ".join(f"{f:.1f}" for f in p["dev_micro_f1_per_epoch"]))
    best = choose(points)
    logger.info("chosen on dev: lr %g batch %d (dev F1 %.1f at epoch %d); scoring it once on test",
                best["lr"], best["batch_size"], best["best_dev_f1"], best["epoch_scored"])
    final = run_point(point_args(args, best["lr"], best["batch_size"], out / "final", skip_test=False), out / "final")
    summary = {"grid": points, "chosen": {"lr": best["lr"], "batch_size": best["batch_size"]}, "final": final,
               "seconds": time.time() - t0}
    (out / "sweep.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    print(f"chosen on dev: lr {best['lr']:g}, batch {best['batch_size']}; final run: dev F1 {final['best_dev_f1']:.1f}"
          f" at epoch {final['epoch_scored']}, ANERcorp test micro F1 {final['micro_f1']:.1f}  " +
          "  ".join(f"{k} {v:.1f}" for k, v in final["per_label_f1"].items()))


if __name__ == "__main__":
    main()
