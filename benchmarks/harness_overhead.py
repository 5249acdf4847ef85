"""Harness overhead: the Inspect task on the full held-out split with the offline composer model.

Usage: python benchmarks/harness_overhead.py [--split held_out] [--repeat 1]
Prints wall time (in-process `inspect_ai.eval`, and the `inspect eval` command line with its start-up),
the scorer's share (time inside score_email), the composer's share (the "model": it drafts and
self-checks emails) and what is left for Inspect itself. Target: < 10 s wall for the held-out split.
Asserts nothing (speed targets live here, not in timed tests).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed(module: object, name: str, bucket: list[float]) -> None:
    """Wrap module.name so each call's duration lands in bucket (calls are CPU-bound and serial)."""
    original = getattr(module, name)

    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            bucket.append(time.perf_counter() - start)

    setattr(module, name, wrapper)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="held_out")
    args = parser.parse_args()
    os.environ["HF_HUB_OFFLINE"] = "1"

    t0 = time.perf_counter()
    from inspect_ai import eval as inspect_eval

    import tenacious_bench.inspect_tasks as it
    import tenacious_bench.offline_models as om

    imports = time.perf_counter() - t0
    scorer_s: list[float] = []
    composer_s: list[float] = []
    timed(it, "score_email", scorer_s)
    timed(om, "composer_email", composer_s)

    with tempfile.TemporaryDirectory() as logs:
        start = time.perf_counter()
        task = it.outreach(split=args.split)
        build = time.perf_counter() - start
        [log] = inspect_eval(task, model="tenacious/composer", log_dir=logs, display="none")
        wall = time.perf_counter() - start
        assert log.status == "success", log.error
        n = len(log.samples)
        pass_at_1 = next(s.metrics["mean"].value for s in log.results.scores if s.name == "pass_at_1")

        cli_start = time.perf_counter()
        inspect_bin = str(Path(sys.executable).parent / "inspect")
        subprocess.run(
            [inspect_bin, "eval", "tenacious_bench/outreach", "-T", f"split={args.split}", "--model",
             "tenacious/composer", "--log-dir", logs, "--display", "none"],
            check=True, capture_output=True,
        )
        cli_wall = time.perf_counter() - cli_start

    scorer, composer = sum(scorer_s), sum(composer_s)
    rest = wall - scorer - composer
    print(f"split {args.split}: {n} samples, pass@1 {pass_at_1:.3f} (composer model), {os.cpu_count()} CPUs")
    print(f"imports (inspect_ai + tenacious_bench)  {imports:7.2f} s")
    print(f"in-process eval wall (task build incl.) {wall:7.2f} s   (task build {build:.2f} s)")
    print(f"  scorer (score_email, {len(scorer_s)} calls)      {scorer:7.2f} s   {100 * scorer / wall:5.1f} %"
          f"   ({1000 * scorer / max(len(scorer_s), 1):.1f} ms/email)")
    print(f"  composer model ({len(composer_s)} calls)          {composer:7.2f} s   {100 * composer / wall:5.1f} %")
    print(f"  Inspect + task build + log writing    {rest:7.2f} s   {100 * rest / wall:5.1f} %")
    print(f"`inspect eval` command, end to end       {cli_wall:7.2f} s   (target < 10 s)")


if __name__ == "__main__":
    main()
