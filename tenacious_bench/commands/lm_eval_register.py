"""`tenacious-bench lm-eval-register`: make `lm_eval --tasks tenacious` work without --include_path.

lm-eval 0.4.13 finds tasks only in its own `lm_eval/tasks` tree or through `--include_path`; an
installed package cannot register tasks. This verb writes one folder into that tree,
`lm_eval/tasks/tenacious_bench/`, holding a marker file and one two-line stub per task YAML that
`include:`s our installed file by absolute path (no copy of our config or code). `--remove` deletes
exactly that folder. Trade-offs are in docs/harnesses.md.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

HELP = "Register the tenacious tasks inside lm-eval's task tree (undo with --remove)."
FOLDER = "tenacious_bench"
MARKER = "REGISTERED_BY_TENACIOUS_BENCH"


def lm_eval_tasks_dir() -> Path:
    """lm-eval's own task folder, located without importing lm-eval (slow)."""
    spec = importlib.util.find_spec("lm_eval")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("lm-eval is not installed: pip install 'tenacious-bench[lm-eval]'")
    tasks = Path(next(iter(spec.submodule_search_locations))) / "tasks"
    if not tasks.is_dir():
        raise RuntimeError(f"{tasks} is not a folder: is this lm-eval 0.4?")
    return tasks


def stubs(source: Path) -> dict[str, str]:
    """File name -> content of each stub: an include of one of our task YAMLs."""
    return {
        yaml.name: f"# Written by `tenacious-bench lm-eval-register`; remove with --remove.\ninclude: {yaml}\n"
        for yaml in sorted(source.glob("*.yaml"))
    }


def register(tasks_dir: Path, source: Path) -> Path:
    target = tasks_dir / FOLDER
    if target.exists() and not (target / MARKER).is_file():
        raise RuntimeError(f"{target} exists and was not written by tenacious-bench; not touching it")
    target.mkdir(exist_ok=True)
    (target / MARKER).write_text(f"source: {source}\n", encoding="utf-8")
    wanted = stubs(source)
    for old in target.glob("*.yaml"):
        if old.name not in wanted:
            old.unlink()
    for name, text in wanted.items():
        (target / name).write_text(text, encoding="utf-8")
    return target


def unregister(tasks_dir: Path) -> Path | None:
    target = tasks_dir / FOLDER
    if not target.exists():
        return None
    if not (target / MARKER).is_file():
        raise RuntimeError(f"{target} was not written by tenacious-bench; not removing it")
    for f in target.iterdir():
        if f.name != MARKER and not (f.suffix == ".yaml" or f.name == "__pycache__"):
            raise RuntimeError(
                f"{target} holds {f.name}, which tenacious-bench did not write; not removing it"
            )
    for f in target.glob("*.yaml"):
        f.unlink()
    (target / MARKER).unlink()
    target.rmdir()
    return target


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--remove", action="store_true", help="remove the registration")
    p.add_argument("--tasks-dir", help=argparse.SUPPRESS)  # tests point this at a temporary folder


def run(args: argparse.Namespace) -> int:
    from tenacious_bench.commands.lm_eval_path import harness_tasks_dir

    try:
        tasks_dir = Path(args.tasks_dir) if args.tasks_dir else lm_eval_tasks_dir()
        if args.remove:
            removed = unregister(tasks_dir)
            print(f"removed {removed}" if removed else f"nothing registered in {tasks_dir}")
        else:
            target = register(tasks_dir, harness_tasks_dir())
            print(f"registered: {target} -> {harness_tasks_dir()}")
    except (RuntimeError, OSError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    return 0
