"""`tenacious-bench` command line: one verb per module in tenacious_bench.commands."""

from __future__ import annotations

import argparse
import importlib
import sys

# verb -> module under tenacious_bench.commands (one line per verb).
COMMANDS: dict[str, str] = {
    "score": "score",
    "derive-traces": "derive_traces",
    "synthesize": "synthesize",
    "prepare-model": "prepare_model",
    "lm-eval-path": "lm_eval_path",
    "lm-eval-register": "lm_eval_register",
    "validate": "validate",
    "agree": "agree",
    "contamination": "contamination",
    "schema": "schema",
    "baselines": "baselines",
    "natural": "natural",
    "build-dataset": "build_dataset",
    "resign": "resign",
    "publish": "publish",
    "replies": "replies",
    "train": "train",
    "compare": "compare",
    "ablation": "ablation",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tenacious-bench", description="Tenacious outreach benchmark tools."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for verb, module_name in COMMANDS.items():
        module = importlib.import_module(f"tenacious_bench.commands.{module_name}")
        p = sub.add_parser(verb, help=module.HELP, description=module.HELP)
        module.add_arguments(p)
        p.set_defaults(_run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args._run(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
