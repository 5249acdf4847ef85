"""The check interface: a pure function of (parsed email view, task, style guide)."""

from __future__ import annotations

from typing import ClassVar

from tenacious_bench.scoring import CheckResult, EmailView, Reason


class Check:
    """One mechanical check. Subclasses implement `problems` (or override `run` to report on passes too)."""

    name: ClassVar[str]

    def problems(self, view: EmailView) -> list[Reason]:
        raise NotImplementedError

    def run(self, view: EmailView) -> CheckResult:
        reasons = self.problems(view)
        return CheckResult(self.name, not reasons, tuple(reasons))
