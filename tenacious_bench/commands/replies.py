"""`tenacious-bench replies`: build, validate and baseline the reply-classification items; blind-label kappa.

- `replies build [--check]`: regenerate the shipped items, manifest and the blind packet from the
  seeded generator (`--check`: regenerate into a temporary folder and fail if anything differs).
- `replies validate [FILE ...]`: validate item files (default: the shipped splits), and for the shipped
  splits also the manifest, the sealing (dates, canary) and the held-out phrasing check (no held-out
  reply body shares an 8-gram, in the contamination checker's tokens, with a train or dev body).
- `replies baselines [--split S] [--markdown] [--json]`: the null baselines' figures.
- `replies kappa [--labels FILE]`: Cohen's kappa of the gold labels against a blind second labeller's
  labels (`data_cards/reply_review/labels.jsonl`, rows `{"item_id", "label"}`).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

HELP = "Reply classification: build, validate and baseline the items; kappa against a blind second labeller."
PACKET = Path("data_cards/reply_review/packet.jsonl")
LABELS_FILE = Path("data_cards/reply_review/labels.jsonl")


def add_arguments(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    b = sub.add_parser("build", help="regenerate the shipped items, manifest and blind packet")
    b.add_argument("--out", help="output folder (default: the package's data/reply_classification)")
    b.add_argument("--packet", default=str(PACKET), help=f"blind packet path (default {PACKET})")
    b.add_argument("--check", action="store_true", help="fail if a rebuild differs from the shipped files")
    v = sub.add_parser("validate", help="validate item files (default: the shipped splits, with sealing)")
    v.add_argument("files", nargs="*")
    bl = sub.add_parser("baselines", help="null baselines: majority class, always abstain, keyword")
    bl.add_argument("--split", choices=("train", "dev", "held_out"), help="one split (default: all)")
    bl.add_argument("--markdown", action="store_true", help="one summary table in Markdown")
    bl.add_argument("--json", action="store_true", help="print JSON")
    k = sub.add_parser("kappa", help="Cohen's kappa of gold against the blind second labeller")
    k.add_argument("--labels", default=str(LABELS_FILE), help=f"labels JSONL (default {LABELS_FILE})")
    k.add_argument("--packet", default=str(PACKET), help="the packet the labeller received")


def run(args: argparse.Namespace) -> int:
    from tenacious_bench.replies import ReplyItemError

    try:
        return {"build": _build, "validate": _validate, "baselines": _baselines, "kappa": _kappa}[args.action](args)
    except (ReplyItemError, ValueError, OSError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2


def _build(args: argparse.Namespace) -> int:
    from tenacious_bench.authoring.reply_generator import write_reply_dataset
    from tenacious_bench.replies import reply_data_dir

    shipped = reply_data_dir()
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            write_reply_dataset(tmp, packet_path=Path(tmp) / "packet.jsonl")
            pairs = [(Path(tmp) / f.name, f) for f in sorted(shipped.iterdir()) if f.is_file()]
            pairs.append((Path(tmp) / "packet.jsonl", Path(args.packet)))
            differ = [str(b) for a, b in pairs if not b.is_file() or a.read_bytes() != b.read_bytes()]
        if differ:
            print("rebuild differs from: " + ", ".join(differ), file=sys.stderr)
            return 1
        print("rebuild is byte-identical to the shipped reply-classification files")
        return 0
    manifest = write_reply_dataset(args.out or shipped, packet_path=args.packet)
    print(json.dumps(manifest, indent=2))
    return 0


def _validate(args: argparse.Namespace) -> int:
    from tenacious_bench.replies import (
        SPLITS,
        body_ngram_overlap,
        load_reply_items,
        load_reply_split,
        sealing_problems,
    )

    if args.files:
        items = load_reply_items(*args.files)
        print(f"{len(items)} valid items in {len(args.files)} file(s)")
        return 0
    splits = {s: load_reply_split(s) for s in SPLITS}
    problems = sealing_problems([i for s in SPLITS for i in splits[s]])
    overlap = body_ngram_overlap(splits["held_out"], splits["train"] + splits["dev"])
    problems += [f"{h}: reply body shares the 8-gram {g!r} with {o}" for h, o, g in overlap]
    for s in SPLITS:
        print(f"{s}: {len(splits[s])} items, manifest ok")
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    print("sealing ok: dates, canary, no held-out reply body shares an 8-gram with train or dev")
    return 0


def _baselines(args: argparse.Namespace) -> int:
    from tenacious_bench.replies import SPLITS, load_reply_split
    from tenacious_bench.reply_baselines import format_baselines, run_baselines, summary_table

    train = load_reply_split("train")
    results = {s: run_baselines(load_reply_split(s), train) for s in ([args.split] if args.split else SPLITS)}
    if args.json:
        print(json.dumps({s: {n: m.to_dict() for n, m in r.items()} for s, r in results.items()}, indent=2))
    elif args.markdown:
        print(summary_table(results))
    else:
        print("\n\n".join(format_baselines(r, s) for s, r in results.items()))
    return 0


def _kappa(args: argparse.Namespace) -> int:
    from tenacious_bench.replies import SPLITS, load_reply_split
    from tenacious_bench.reply_scoring import labeller_agreement

    labels = Path(args.labels)
    if not labels.is_file():
        print(f"no labels yet: {labels} does not exist (the blind packet is {args.packet})", file=sys.stderr)
        return 2
    gold = {i.item_id: i.gold for s in SPLITS for i in load_reply_split(s)}
    expected: list[str] = []
    if Path(args.packet).is_file():
        expected = [json.loads(line)["item_id"] for line in Path(args.packet).read_text().splitlines() if line.strip()]
    print(labeller_agreement(gold, str(labels), expected).text())
    return 0
