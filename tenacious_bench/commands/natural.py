"""`tenacious-bench natural`: score the natural-writing validation set (tuning or sealed half)."""

from __future__ import annotations

import argparse
import json
import sys

HELP = (
    "Score the natural-writing validation set: good-pass and flawed-fail rates and per-check agreement "
    "(the sealed half in aggregate only)."
)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--half", choices=["tuning", "sealed"], default="tuning")
    p.add_argument("--part", choices=["all", "first_email", "next_message"], default="all",
                   help="all emails (default), the first emails (w1-w9) or the next messages (w10-w12)")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--gate", action="store_true", help="exit 1 if the half misses the gates (95%% / 95%%, kappa 0.8)")


def run(args: argparse.Namespace) -> int:
    from tenacious_bench.natural_writing import evaluate
    from tenacious_bench.scoring import SCORER_VERSION

    report = evaluate(args.half, args.part)
    if args.json:
        print(json.dumps({**report.to_dict(), "scorer_version": SCORER_VERSION}, indent=1))
    else:
        part = "" if report.part == "all" else f", {report.part.replace('_', ' ')}s"
        print(f"natural-writing set, {report.half} half{part} ({report.n} emails), scorer {SCORER_VERSION}")
        print(f"good emails passing:   {report.good_passed}/{report.good} ({report.good_pass_rate:.3f})")
        print(f"flawed emails failing: {report.flawed_failed}/{report.flawed} ({report.flawed_fail_rate:.3f})")
        print(f"{'check':16} {'fail labels':>11} {'agree':>6} {'kappa':>6}   (scorer vs labels: tp/tn/fp/fn)")
        for name, c in report.per_check.items():
            agree = c["tp"] + c["tn"]
            print(f"{name:16} {c['failing_labels']:>11} {agree:>6} {c['kappa']:>6.3f}   "
                  f"{c['tp']}/{c['tn']}/{c['fp']}/{c['fn']}")
        for d in report.disagreements:
            print(f"  {d['email_id']} {d['check']}: labelled {d['human']}; scorer: {'; '.join(d['scorer_reasons'][:2])}")
    failures = report.gate_failures()
    if args.gate and failures:
        print("gate failed: " + "; ".join(failures), file=sys.stderr)
        return 1
    return 0
