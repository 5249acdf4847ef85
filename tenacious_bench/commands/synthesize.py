"""`tenacious-bench synthesize`: LLM-generated task variations, filtered by a judge of another model family."""

from __future__ import annotations

import argparse
import sys

HELP = ("Ask a generator model (any Inspect provider) for task variations of seed tasks, keep those a judge "
        "of another model family scores >= 3 on coherence, verifiability and rubric clarity.")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--generator", required=True, help="Inspect model that writes tasks, e.g. openai/gpt-4o")
    p.add_argument("--judge", required=True, help="Inspect model of another family that scores them")
    p.add_argument("--seed-tasks", nargs="+", required=True, help="train/dev task JSONL file(s) to vary")
    p.add_argument("--n", type=int, required=True, help="number of candidates to generate")
    p.add_argument("--out", required=True, help="where to write the kept tasks (JSONL)")
    p.add_argument("--split", choices=["train", "dev"], default="train", help="split of the new tasks")
    p.add_argument("--created-at", help="metadata.created_at of the new tasks (default: today)")
    p.add_argument("--style-guide", help="style-guide YAML (default: the packaged Tenacious guide)")


# Offline models that only answer outreach samples: they cannot write tasks or judge them.
OUTREACH_ONLY_MODELS = ("tenacious/composer",)


def run(args: argparse.Namespace) -> int:
    for flag, model in (("--generator", args.generator), ("--judge", args.judge)):
        if model.split("?")[0] in OUTREACH_ONLY_MODELS:
            print(
                f"error: {flag} {model}: the offline reference composer only writes outreach emails inside a "
                "tenacious_bench/outreach evaluation; it cannot write or judge task variations. Use a "
                "chat model (any Inspect provider, e.g. openai/gpt-4o-mini).",
                file=sys.stderr,
            )
            return 2
    from tenacious_bench.authoring.llm_synthesis import SynthesisError, synthesize
    from tenacious_bench.authoring.trace_derived import write_jsonl
    from tenacious_bench.style_guide import StyleGuideError
    from tenacious_bench.task import TaskError, load_tasks

    try:
        seeds = load_tasks(*args.seed_tasks)
        result = synthesize(seeds, args.generator, args.judge, args.n, split=args.split,
                            created_at=args.created_at, style_guide=args.style_guide)
    except (SynthesisError, TaskError, StyleGuideError, OSError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    write_jsonl(result.kept, args.out)
    for problem in result.problems:
        print(problem, file=sys.stderr)
    print(result.summary(), file=sys.stderr)
    return 0
