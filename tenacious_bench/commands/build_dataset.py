"""`tenacious-bench build-dataset`: regenerate the dataset files exactly, or check the shipped ones."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

HELP = ("Regenerate train/dev/held_out JSONL, manifest and data card from the generator, seed and "
        "hand-authored file; --check compares a fresh build with the shipped manifest (exit 1 on difference).")


def add_arguments(p: argparse.ArgumentParser) -> None:
    from tenacious_bench.dataset import DEFAULT_SEED

    p.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"generator seed (default {DEFAULT_SEED})")
    p.add_argument("--out", type=Path, default=None,
                   help="output folder (default: the packaged tenacious_bench/data/dataset)")
    p.add_argument("--check", action="store_true",
                   help="build into a temporary folder and compare sha256 hashes with the manifest in --out "
                        "(or the packaged one); write nothing")


def run(args: argparse.Namespace) -> int:
    from tenacious_bench.dataset import DatasetError, build_dataset, load_manifest

    try:
        if not args.check:
            manifest = build_dataset(args.seed, args.out)
            _copy_card(args.out)
            for name, info in manifest["files"].items():
                rows = f" ({info['rows']} rows)" if "rows" in info else ""
                print(f"{name}{rows} sha256 {info['sha256']}")
            return 0
        shipped = load_manifest(args.out)
        with tempfile.TemporaryDirectory() as tmp:
            fresh = build_dataset(args.seed, Path(tmp))
    except (DatasetError, FileNotFoundError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    differences = []
    for key in ("seed", "generator_version", "dataset_version", "cutoff", "canary", "added", "reply_classification"):
        if shipped.get(key) != fresh.get(key):
            differences.append(f"manifest {key}: shipped {shipped.get(key)!r}, rebuilt {fresh.get(key)!r}")
    for name in sorted(set(shipped["files"]) | set(fresh["files"])):
        a, b = shipped["files"].get(name), fresh["files"].get(name)
        if a != b:
            differences.append(f"{name}: shipped {a}, rebuilt {b}")
    for line in differences:
        print(line, file=sys.stderr)
    if differences:
        print(f"dataset differs from a rebuild with seed {args.seed}: {len(differences)} difference(s)")
        return 1
    print(f"dataset matches a rebuild with seed {args.seed}: {len(fresh['files'])} files identical")
    return 0


def _copy_card(out: Path | None) -> None:
    """Keep data_cards/dataset_card.md identical to the packaged card (in a source checkout)."""
    from tenacious_bench.dataset import CARD_NAME, package_data_dir

    if out is not None:
        return
    repo_cards = package_data_dir().parents[2] / "data_cards"
    if repo_cards.is_dir():
        (repo_cards / "dataset_card.md").write_bytes((package_data_dir() / CARD_NAME).read_bytes())
        print(f"copied the card to {repo_cards / 'dataset_card.md'}")
