"""Scorer-versus-human agreement on labelled emails: confusion matrices, accuracy, Cohen's kappa.

Statistics come from scikit-learn (`pip install tenacious-bench[stats]`), not hand-written code.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tenacious_bench.emails import EmailRowError, iter_email_rows
from tenacious_bench.scoring import CHECK_NAMES, score_email
from tenacious_bench.style_guide import StyleGuide
from tenacious_bench.task import Task


@dataclass(frozen=True)
class LabelledEmail:
    where: str
    row: dict[str, Any]
    task_id: str
    answer: str | dict[str, str]
    labels: dict[str, bool | None]


def labelled_set_paths() -> tuple[Path, list[Path]]:
    """The shipped labelled set: its frozen task file and every `labelled*.jsonl` beside it."""
    from importlib import resources

    folder = Path(str(resources.files("tenacious_bench").joinpath("data", "labelled")))
    return folder / "tasks.jsonl", sorted(folder.glob("labelled*.jsonl"))


def load_labelled(path: str | Path) -> list[LabelledEmail]:
    """Read labelled emails (rows of the emails format plus `labels`); raise ValueError listing every
    malformed row."""
    rows, problems = [], []
    for item in iter_email_rows(path):
        if isinstance(item, EmailRowError):
            problems.append(str(item))
            continue
        where = f"{path}:{item.lineno}"
        labels = item.row.get("labels")
        if not isinstance(labels, dict) or set(labels) != set(CHECK_NAMES):
            problems.append(f"{where}: field labels must have exactly the keys {list(CHECK_NAMES)}")
            continue
        bad = [k for k, v in labels.items() if v is not None and not isinstance(v, bool)]
        if bad:
            problems.append(f"{where}: labels {bad} must be true, false or null")
            continue
        rows.append(LabelledEmail(where, item.row, item.task_id, item.answer, labels))
    if problems:
        raise ValueError("\n".join(problems))
    return rows


@dataclass
class CheckAgreement:
    name: str
    confusion: list[list[int]]  # rows: human fail/pass; columns: scorer fail/pass
    n: int
    accuracy: float
    kappa: float


@dataclass
class AgreementReport:
    checks: dict[str, CheckAgreement]
    overall_n: int
    overall_agreement: float
    overall_kappa: float
    disagreements: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "checks": {k: vars(v) for k, v in self.checks.items()},
            "overall": {
                "n": self.overall_n,
                "agreement": self.overall_agreement,
                "kappa": self.overall_kappa,
            },
            "disagreements": self.disagreements,
        }


def _stats(human: Sequence[bool], scorer: Sequence[bool]) -> tuple[list[list[int]], float, float]:
    from sklearn.metrics import accuracy_score, cohen_kappa_score, confusion_matrix

    if not human:
        return [[0, 0], [0, 0]], float("nan"), float("nan")
    cm = confusion_matrix(human, scorer, labels=[False, True]).tolist()
    if len(set(human) | set(scorer)) == 1:
        kappa = 1.0  # both raters say the same single class on every row: perfect agreement
    else:
        kappa = float(cohen_kappa_score(human, scorer, labels=[False, True]))
    return cm, float(accuracy_score(human, scorer)), kappa


def compute_agreement(
    tasks: Mapping[str, Task], labelled: Sequence[LabelledEmail], guide: StyleGuide | str | None = None
) -> AgreementReport:
    missing = sorted({r.task_id for r in labelled if r.task_id not in tasks})
    if missing:
        raise ValueError(f"labelled rows name unknown task ids: {missing}")
    per_check: dict[str, tuple[list[bool], list[bool]]] = {c: ([], []) for c in CHECK_NAMES}
    overall_h, overall_s, disagreements = [], [], []
    for r in labelled:
        score = score_email(tasks[r.task_id], r.answer, guide)
        differing = {}
        for c in CHECK_NAMES:
            label = r.labels[c]
            if label is None:
                continue
            got = score.checks[c].passed
            per_check[c][0].append(label)
            per_check[c][1].append(got)
            if label != got:
                differing[c] = {
                    "label": label,
                    "scorer": got,
                    "reasons": [x.message for x in score.checks[c].reasons if x.code != "ask" or got],
                }
        if all(r.labels[c] is not None for c in CHECK_NAMES):
            overall_h.append(all(r.labels[c] for c in CHECK_NAMES))
            overall_s.append(score.passed)
        if differing:
            disagreements.append({"where": r.where, "task_id": r.task_id, "checks": differing})
    checks = {}
    for c, (h, s) in per_check.items():
        cm, acc, kappa = _stats(h, s)
        checks[c] = CheckAgreement(c, cm, len(h), acc, kappa)
    _, overall_acc, overall_kappa = _stats(overall_h, overall_s)
    return AgreementReport(checks, len(overall_h), overall_acc, overall_kappa, disagreements)


def format_agreement(report: AgreementReport) -> str:
    lines = [
        f"{'check':<15}{'n':>5}{'TN':>6}{'FP':>6}{'FN':>6}{'TP':>6}{'accuracy':>10}{'kappa':>8}",
        "  (rows: human label; columns: scorer; N = fail, P = pass)",
    ]
    for c in report.checks.values():
        (tn, fp), (fn, tp) = c.confusion
        lines.append(f"{c.name:<15}{c.n:>5}{tn:>6}{fp:>6}{fn:>6}{tp:>6}{c.accuracy:>10.3f}{c.kappa:>8.3f}")
    lines.append(
        f"overall pass/fail agreement: {report.overall_agreement:.3f} on {report.overall_n} fully "
        f"labelled emails (kappa {report.overall_kappa:.3f})"
    )
    lines.append(f"{len(report.disagreements)} email(s) with a disagreement")
    for d in report.disagreements:
        for c, info in d["checks"].items():
            lines.append(
                f"  {d['where']} {d['task_id']} {c}: human={info['label']} scorer={info['scorer']} "
                f"{'; '.join(info['reasons'])[:200]}"
            )
    return "\n".join(lines)
