"""`tenacious-bench lm-eval-path`: print the folder of the lm-eval task YAMLs (for --include_path)."""

from __future__ import annotations

import argparse
from importlib.metadata import entry_points
from pathlib import Path

HELP = "Print the folder holding the lm-evaluation-harness task YAMLs (use with lm_eval --include_path)."
# Upstream's proposed task-plugin design: an entry point in this group names a package whose
# folder holds the YAMLs. We declare ours there, and read it back here, so that when lm-eval
# reads the group itself the registration step can simply be dropped.
ENTRY_POINT_GROUP = "lm_eval.tasks"
ENTRY_POINT_NAME = "tenacious_bench"


def harness_tasks_dir() -> Path:
    """The installed task folder, found through our `lm_eval.tasks` entry point."""
    import importlib

    eps = [ep for ep in entry_points(group=ENTRY_POINT_GROUP) if ep.name == ENTRY_POINT_NAME]
    if not eps:
        raise RuntimeError(
            f"no '{ENTRY_POINT_NAME}' entry point in group '{ENTRY_POINT_GROUP}': reinstall tenacious-bench"
        )
    module = importlib.import_module(eps[0].value)
    folder = Path(module.__file__).resolve().parent
    if not (folder / "tenacious.yaml").is_file():
        raise RuntimeError(f"{folder} holds no tenacious.yaml: the installed package is incomplete")
    return folder


def add_arguments(p: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace) -> int:
    print(harness_tasks_dir())
    return 0
