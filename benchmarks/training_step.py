"""Seconds per training step: CPU seconds per SFT step (cpu-smoke.yaml) and, given a GPU, gpu.yaml's wall time.

    python benchmarks/training_step.py [--steps 4] [--stage sft|dpo] [--gpu]

CPU: trains `--steps` optimizer steps of batch 1 (one prompt/completion row of ~870 tokens for SFT,
one preference pair for DPO) on SmolLM2-135M-Instruct and prints, per step after the first (warm-up),
the process CPU seconds (all threads) and the wall seconds. GPU (when torch sees one, or --gpu):
runs `tenacious-bench train sft --config training/configs/gpu.yaml` end to end (about 2,500 rows x
3 epochs) and prints its wall time; target: under 3 minutes on one H100-class GPU.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def step_times(stage: str, steps: int) -> tuple[list[float], list[float]]:
    from tenacious_bench.training.train import train
    from transformers import TrainerCallback

    cpu: list[float] = []
    wall: list[float] = []

    class Timer(TrainerCallback):
        def on_step_begin(self, args, state, control, **kw):
            self.c, self.w = time.process_time(), time.perf_counter()

        def on_step_end(self, args, state, control, **kw):
            cpu.append(time.process_time() - self.c)
            wall.append(time.perf_counter() - self.w)

    with tempfile.TemporaryDirectory() as d:
        train(stage, str(ROOT / "training/configs/cpu-smoke.yaml"),
              ["--max_steps", str(steps), "--output_dir", d, "--logging_steps", "1000"], callbacks=[Timer()])
    return cpu, wall


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--steps", type=int, default=4)
    p.add_argument("--stage", choices=["sft", "dpo"], default="sft")
    p.add_argument("--gpu", action="store_true", help="run the gpu.yaml timing (default: when a GPU is visible)")
    args = p.parse_args()
    import torch

    cpu, wall = step_times(args.stage, args.steps)
    rest_cpu, rest_wall = cpu[1:] or cpu, wall[1:] or wall
    print(f"{args.stage} step on CPU ({torch.get_num_threads()} threads, batch 1, SmolLM2-135M, LoRA r 8): "
          f"median {statistics.median(rest_cpu):.1f} CPU s, {statistics.median(rest_wall):.1f} wall s "
          f"(steps after the first: CPU {[round(x, 1) for x in rest_cpu]}, wall {[round(x, 1) for x in rest_wall]})")
    if args.gpu or torch.cuda.is_available():
        from tenacious_bench.training.train import train

        with tempfile.TemporaryDirectory() as d:
            start = time.perf_counter()
            train("sft", str(ROOT / "training/configs/gpu.yaml"), ["--output_dir", d])
            print(f"gpu.yaml SFT end to end on {torch.cuda.get_device_name(0)}: {time.perf_counter() - start:.1f} s "
                  "(target < 180 s)")
    else:
        print("no GPU visible: gpu.yaml wall time not measured")


if __name__ == "__main__":
    main()
