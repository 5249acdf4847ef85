"""`tenacious-bench publish dataset|adapter`: push the dataset or a LoRA adapter to the Hugging Face Hub."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HELP = (
    "Publish to the Hugging Face Hub: `publish dataset` (validated, contamination-checked splits as "
    "parquet with the data card) or `publish adapter` (a peft adapter with its model card). Prints the "
    "commit sha to pin. Token: HF_TOKEN or `hf auth login`. Exit 0 pushed, 1 refused, 2 error."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="what", required=True, metavar="WHAT")
    d = sub.add_parser("dataset", help="publish the benchmark dataset", description="Publish the dataset.")
    d.add_argument("--repo-id", required=True, help="dataset repo, ORG/NAME")
    d.add_argument("--private", action="store_true", help="create the repo private (an existing repo keeps its visibility)")
    d.add_argument("--revision-message", metavar="M", help="commit message (default: 'tenacious-bench dataset VERSION')")
    d.add_argument("--dry-run", type=Path, metavar="DIR",
                   help="write exactly what would be pushed into DIR (new or empty) and push nothing")
    d.add_argument("--version", metavar="V",
                   help="dataset version to publish (default: the current default of tenacious_bench.dataset)")

    a = sub.add_parser("adapter", help="publish a peft LoRA adapter", description="Publish a LoRA adapter.")
    a.add_argument("--repo-id", required=True, help="model repo, ORG/NAME")
    a.add_argument("--adapter", required=True, type=Path, metavar="DIR",
                   help="the adapter folder (adapter_config.json, adapter weights, tenacious_bench_training.json)")
    a.add_argument("--base-model-id", metavar="HUB_ID",
                   help="Hub id of the base model (required unless the adapter's metadata names one)")
    a.add_argument("--log", nargs="+", type=Path, default=[], metavar="EVAL_LOG",
                   help="Inspect logs of held-out runs with this adapter; their scores go into the card")
    a.add_argument("--dataset-id", metavar="ORG/NAME", help="Hub id of the dataset the adapter was trained on")
    a.add_argument("--dataset-revision", metavar="SHA", help="commit sha of that dataset")
    a.add_argument("--private", action="store_true", help="create the repo private")
    a.add_argument("--revision-message", metavar="M", help="commit message")
    a.add_argument("--dry-run", type=Path, metavar="DIR", help="write exactly what would be pushed into DIR")


def run(args: argparse.Namespace) -> int:
    from tenacious_bench.hub.errors import HubError, redact

    try:
        return _dataset(args) if args.what == "dataset" else _adapter(args)
    except HubError as err:
        from tenacious_bench.hub.dataset import PublishRefused

        print(f"publish {args.what}: {redact(str(err))}", file=sys.stderr)
        return 1 if isinstance(err, PublishRefused) else 2


def _dataset(args: argparse.Namespace) -> int:
    from tenacious_bench.hub.dataset import check_repo_id, publish_dataset, stage_dataset

    check_repo_id(args.repo_id)
    if args.dry_run:
        staged = stage_dataset(args.dry_run, version=args.version, repo_id=args.repo_id)
        print(f"dry run: dataset {staged.version} staged in {staged.folder} "
              f"({', '.join(f'{s} {n}' for s, n in staged.rows.items())} rows); nothing pushed", file=sys.stderr)
        for path, digest in sorted(staged.files.items()):
            print(f"{digest}  {path}")
        return 0
    sha, staged = publish_dataset(args.repo_id, version=args.version, private=args.private,
                                  message=args.revision_message)
    print(f"published dataset {staged.version} to {args.repo_id} "
          f"({', '.join(f'{s} {n}' for s, n in staged.rows.items())} rows). Pin this revision:", file=sys.stderr)
    print(f"  datasets.load_dataset({args.repo_id!r}, revision={sha!r})", file=sys.stderr)
    print(f"  inspect eval tenacious_bench/outreach -T dataset={args.repo_id} -T revision={sha}", file=sys.stderr)
    print(sha)  # stdout holds only the commit sha, for $(tenacious-bench publish dataset ...)
    return 0


def _adapter(args: argparse.Namespace) -> int:
    from tenacious_bench.hub.adapter import publish_adapter, stage_adapter
    from tenacious_bench.hub.dataset import check_repo_id

    check_repo_id(args.repo_id)
    kwargs = dict(base_model_id=args.base_model_id, logs=args.log, dataset_id=args.dataset_id,
                  dataset_revision=args.dataset_revision)
    if args.dry_run:
        staged = stage_adapter(args.adapter, args.dry_run, repo_id=args.repo_id, **kwargs)
        print(f"dry run: adapter staged in {staged.folder} (base model {staged.base_model_id}); nothing pushed",
              file=sys.stderr)
        for path, digest in sorted(staged.files.items()):
            print(f"{digest}  {path}")
        return 0
    sha, staged = publish_adapter(args.repo_id, args.adapter, private=args.private,
                                  message=args.revision_message, **kwargs)
    snapshot = f"$(hf download {args.repo_id} --revision {sha} --quiet)"
    print(f"published adapter to {args.repo_id} (base model {staged.base_model_id}). Pin this revision:",
          file=sys.stderr)
    print(f"  lm_eval --model hf --model_args pretrained={staged.base_model_id},peft={snapshot} "
          "--tasks tenacious --apply_chat_template", file=sys.stderr)
    print(f"  inspect eval tenacious_bench/outreach --model hf/{args.repo_id} -M model_path={snapshot} "
          f"-M tokenizer={staged.base_model_id} -M do_sample=false", file=sys.stderr)
    print(sha)
    return 0
