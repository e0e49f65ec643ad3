"""Time `python -m checks all` cold (a fresh interpreter: imports and JAX compilation included).

    python scripts/benchmark.py [--runs 3] [--scale small|large] [--foundation | --only ID ...] [-- extra args]

--foundation times only the claims of the six foundation derivations (ReLU moments, He/Xavier
initialisation, early stopping, modified losses, the permutation-equivariant layer, the GAN)
with `python -m checks run`; the catalogue is still discovered, as a user's run would.

Prints the wall time of each run and, for the last run, each claim's own seconds."""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time


FOUNDATION = (
    "relu-second-moment-symmetric", "heaviside-second-moment", "relu-gaussian-mean-variance",
    "he-forward-variance", "he-backward-variance", "xavier-linear-variance",
    "early-stopping-gd-iterate", "early-stopping-l2-equivalence",
    "euler-modified-flow-first-correction", "gd-modified-loss", "sgd-random-shuffling-modified-loss",
    "sgd-modified-loss-batch-size", "permutation-equivariant-layer",
    "gan-optimal-discriminator", "gan-value-jensen-shannon", "gan-generator-minimum",
)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--scale", choices=("small", "large"), default="small")
    p.add_argument("--only", nargs="+", metavar="ID", help="time `python -m checks run ID...` instead of `all`")
    p.add_argument("--foundation", action="store_true", help="--only the foundation derivations' claims")
    p.add_argument("extra", nargs="*", help="more arguments for `python -m checks`")
    args = p.parse_args()
    ids = FOUNDATION if args.foundation else args.only
    command = ["run", *ids] if ids else ["all"]
    walls = []
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "bench.json")
        for i in range(args.runs):
            cmd = [sys.executable, "-m", "checks", *command, "--plain", "--scale", args.scale, "--json", out, *args.extra]
            start = time.perf_counter()
            proc = subprocess.run(cmd, capture_output=True, text=True)
            walls.append(time.perf_counter() - start)
            print(f"run {i + 1}: {walls[-1]:.2f} s wall (exit status {proc.returncode})")
        claims = json.load(open(out))["claims"]
    print(f"\n{'claim':<48} {'status':<13} seconds")
    for c in sorted(claims, key=lambda c: -c["seconds"]):
        print(f"{c['id']:<48} {c['status']:<13} {c['seconds']:.2f}")
    inside = sum(c["seconds"] for c in claims)
    print(f"\n{len(claims)} claims; sum of per-claim seconds {inside:.2f} s; "
          f"wall median {statistics.median(walls):.2f} s, min {min(walls):.2f} s, max {max(walls):.2f} s over {len(walls)} cold runs "
          f"(on {os.cpu_count()} cores, scale {args.scale})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
