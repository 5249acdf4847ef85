"""compare: hand-computed statistics, degenerate inputs, refusals, and real Inspect / lm-eval files."""

from __future__ import annotations

import json
import math

import pytest

from tenacious_bench.compare import (
    CHECK_NAMES,
    METRICS,
    CompareError,
    Run,
    compare_runs,
    holm,
    markdown,
    mcnemar_exact,
    paired_bootstrap,
    read_run,
    write_report,
)
from tenacious_bench.scoring import SCORER_VERSION


def _run(label, passes, ids=None, identity=None, checks=None):
    ids = ids or [f"T{i:02d}" for i in range(len(passes))]
    results = {}
    for i, tid in enumerate(ids):
        row = {c: (checks[c][i] if checks and c in checks else 1) for c in CHECK_NAMES}
        row["pass_at_1"] = passes[i]
        results[tid] = row
    ident = identity or {"scorer_version": "1", "style_guide_sha256": "s", "dataset_manifest_sha256": "m",
                         "tasks_sha256": "t"}
    return Run(f"{label}.eval", "inspect", label, results, dict(ident))


A = [1, 1, 0, 0, 1, 0, 1, 0]
B = [1, 1, 1, 1, 1, 0, 0, 1]


def test_mcnemar_hand_computed():
    r = mcnemar_exact(A, B)
    # discordant: A-only pass at index 6 (n01 = 1), B-only at 2, 3, 7 (n10 = 3); two-sided
    # P(X <= 1 or X >= 3 | n = 4, p = 1/2) = (1 + 4 + 4 + 1) / 16
    assert (r["n01"], r["n10"], r["discordant"]) == (1, 3, 4)
    assert r["p_value"] == pytest.approx(10 / 16)
    assert mcnemar_exact([1, 0], [1, 0])["p_value"] == 1.0  # no discordant pair
    assert mcnemar_exact([0] * 6, [1] * 6)["p_value"] == pytest.approx(2 / 64)


def test_holm_hand_computed():
    # sorted 0.01, 0.03, 0.04, 0.2, 0.5 -> 0.05, 0.12, max(0.12, 0.12), 0.4, 0.5
    assert holm([0.01, 0.04, 0.03, 0.5, 0.2]) == pytest.approx([0.05, 0.12, 0.12, 0.5, 0.4])
    assert holm([0.5, 0.9]) == pytest.approx([1.0, 1.0])
    assert holm([]) == []


def test_bootstrap_interval_near_the_normal_approximation_and_seeded():
    import random

    rng = random.Random(1)
    a = [int(rng.random() < 0.3) for _ in range(400)]
    b = [int(rng.random() < 0.6) for _ in range(400)]
    r = paired_bootstrap(a, b, seed=7)
    d = [y - x for x, y in zip(a, b, strict=True)]
    mean = sum(d) / len(d)
    sd = math.sqrt(sum((x - mean) ** 2 for x in d) / (len(d) - 1))
    half = 1.96 * sd / math.sqrt(len(d))
    assert r["diff"] == pytest.approx(mean)
    assert r["method"] == "BCa"
    assert r["ci"][0] == pytest.approx(mean - half, abs=0.015)
    assert r["ci"][1] == pytest.approx(mean + half, abs=0.015)
    assert paired_bootstrap(a, b, seed=7) == r


@pytest.mark.parametrize(
    ("a", "b", "diff"),
    [([1] * 5, [0] * 5, -1.0), ([0] * 5, [0] * 5, 0.0), (A, A, 0.0), ([1], [0], -1.0)],
    ids=["both-constant", "all-zeros", "identical", "one-task"],
)
def test_degenerate_data_get_a_defined_interval_and_a_message(a, b, diff):
    r = paired_bootstrap(a, b)
    assert r["ci"] == [diff, diff] and r["diff"] == diff
    assert "degenerate" in r["message"]
    report = compare_runs(_run("a", a), _run("b", b))
    p1 = report["metrics"]["pass_at_1"]
    flat = json.dumps(report)
    assert "NaN" not in flat and "Infinity" not in flat
    assert p1["diff_ci"] == [diff, diff]
    assert any("degenerate" in n for n in report["notes"])
    if diff == 0.0:
        assert p1["mcnemar"]["p_value"] == 1.0


def test_compare_runs_figures_and_holm_per_check():
    checks_a = {"honesty": [0, 0, 0, 0, 0, 0, 1, 1]}
    checks_b = {"honesty": [1, 1, 1, 1, 1, 1, 1, 1]}
    report = compare_runs(_run("a", A, checks=checks_a), _run("b", B, checks=checks_b), n_resamples=2000)
    m = report["metrics"]
    assert m["pass_at_1"]["a"] == 0.5 and m["pass_at_1"]["b"] == 0.75
    assert m["pass_at_1"]["diff"] == pytest.approx(0.25)
    assert m["pass_at_1"]["mcnemar"]["p_value"] == pytest.approx(10 / 16)
    assert m["honesty"]["mcnemar"]["p_value"] == pytest.approx(2 / 64)
    assert m["honesty"]["p_holm"] == pytest.approx(min(1, 5 * 2 / 64))
    assert m["format"]["p_holm"] == 1.0
    assert report["seed"] == 2026 and report["n_resamples"] == 2000
    assert set(m) == set(METRICS)
    text = markdown(report)
    assert "seed 2026" in text and "| honesty | 0.250 | 1.000 | +0.750 |" in text


def test_different_task_sets_are_refused_naming_the_difference():
    a = _run("a", [1, 0, 1], ids=["X1", "X2", "X3"])
    b = _run("b", [1, 0, 1], ids=["X1", "X2", "X4"])
    with pytest.raises(CompareError, match=r"only in A \(a.eval\): X3; only in B \(b.eval\): X4"):
        compare_runs(a, b)


def test_scorer_mismatch_refused_unless_allowed():
    a = _run("a", A)
    b = _run("b", B, identity={"scorer_version": "2", "style_guide_sha256": "s", "dataset_manifest_sha256": "m",
                               "tasks_sha256": "t"})
    with pytest.raises(CompareError, match="scorer_version: A 1 vs B 2"):
        compare_runs(a, b)
    report = compare_runs(a, b, allow_mismatch=True, n_resamples=1000)
    assert report["mismatches"] == ["scorer_version: A 1 vs B 2"]
    assert "--allow-mismatch" in markdown(report)


def test_write_report_files(tmp_path):
    paths = write_report(compare_runs(_run("a", A), _run("b", B), n_resamples=1000), tmp_path)
    assert json.loads(paths["json"].read_text())["metrics"]["pass_at_1"]["b"] == 0.75
    assert paths["png"].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert paths["markdown"].read_text().startswith("# b vs a")


# --- real files ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def inspect_logs(tmp_path_factory):
    """Two Inspect logs over the example tasks: references, and references with a banned phrase on one task."""
    from inspect_ai import eval as inspect_eval

    from tenacious_bench.inspect_tasks import outreach
    from tenacious_bench.offline_models import email_text
    from tenacious_bench.prompts import build_messages
    from tenacious_bench.task import load_tasks
    from tests.conftest import EXAMPLES
    from tests.harness import scripted

    tasks = load_tasks(str(EXAMPLES))
    d = tmp_path_factory.mktemp("compare-logs")
    logs = []
    for variant in ("good", "one-bad"):
        for i, t in enumerate(tasks):
            ref = t.reference.model_dump()
            if variant == "one-bad" and i == 0:
                ref = {**ref, "body": ref["body"].replace("\n\n", "\n\nOur world-class team is ready. ", 1)}
            scripted.ANSWERS[build_messages(t)[1]["content"]] = email_text(ref)
        [log] = inspect_eval(outreach(tasks_file=str(EXAMPLES), split="train"), model="tbscripted/model",
                             log_dir=str(d / variant), display="none")
        assert log.status == "success"
        logs.append(log.location)
    return tasks, logs


def test_compare_two_inspect_logs(inspect_logs, tmp_path, capsys):
    from tenacious_bench.cli import main

    tasks, (good, bad) = inspect_logs
    report = compare_runs(read_run(good, "refs"), read_run(bad, "one-bad"), n_resamples=1000)
    n = len(tasks)
    assert report["n_tasks"] == n
    assert report["metrics"]["pass_at_1"]["a"] == 1.0
    assert report["metrics"]["pass_at_1"]["b"] == pytest.approx((n - 1) / n)
    assert report["metrics"]["banned_phrases"]["mcnemar"]["n01"] == 1
    assert report["a"]["identity"]["scorer_version"] and report["a"]["identity"]["tasks_sha256"]
    assert main(["compare", good, bad, "--out", str(tmp_path), "--resamples", "1000"]) == 0
    out = capsys.readouterr().out
    assert "seed 2026" in out and (tmp_path / "compare.png").is_file()


def test_lm_eval_samples_vs_inspect_needs_allow_mismatch(inspect_logs, tmp_path, capsys):
    from tenacious_bench.cli import main

    tasks, (good, _) = inspect_logs
    run = read_run(good)
    path = tmp_path / "samples_tenacious.jsonl"
    rows = []
    for t in tasks:
        rows.append({"doc_id": len(rows), "doc": {"task_id": t.task_id,
                                                  "task_json": t.model_dump_json(by_alias=True, exclude_none=True)},
                     **run.results[t.task_id]})
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    lm = read_run(path)
    assert lm.source == "lm-eval" and lm.identity["tasks_sha256"] == run.identity["tasks_sha256"]
    assert main(["compare", good, str(path), "--out", str(tmp_path)]) == 2
    assert f"scorer_version: A {SCORER_VERSION} vs B not recorded" in capsys.readouterr().err
    assert main(["compare", good, str(path), "--out", str(tmp_path), "--allow-mismatch", "--resamples", "500"]) == 0
    # identical results: a defined zero interval, p = 1
    report = json.loads((tmp_path / "compare.json").read_text())
    assert report["metrics"]["pass_at_1"]["diff_ci"] == [0.0, 0.0]
    assert report["metrics"]["pass_at_1"]["mcnemar"]["p_value"] == 1.0


def test_bad_files(tmp_path):
    bad = tmp_path / "x.jsonl"
    bad.write_text('{"doc": {}}\n')
    with pytest.raises(CompareError, match=r"doc\.task_id"):
        read_run(bad)
    with pytest.raises(CompareError, match="no such file"):
        read_run(tmp_path / "missing.eval")
    (tmp_path / "x.csv").write_text("")
    with pytest.raises(CompareError, match="expected an Inspect log"):
        read_run(tmp_path / "x.csv")
