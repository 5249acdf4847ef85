"""Row builders shared by the pass-1 labelling scripts (run them from the repository root).

Each script builds emails (mostly a reference with one edit) and writes their pass-1 labels, judged
from the style guide's rules and task-format.md as each row was written, before any scorer run.
"""

import json

from tenacious_bench.task import load_tasks

CHECKS = ("banned_phrases", "format", "grounding", "honesty", "one_ask")
TASKS_FILE = "tenacious_bench/data/labelled/tasks.jsonl"


def parts(body):
    return body.split("\n\n")


class LabelledRows:
    """Rows with ids `<prefix>001...`, built on the references of the labelled tasks snapshot."""

    def __init__(self, prefix, include_held_out=True):
        self.prefix = prefix
        self.tasks = {t.task_id: t for t in load_tasks(TASKS_FILE) if include_held_out or t.split != "held_out"}
        self.rows = []

    def ref(self, tid):
        r = self.tasks[tid].reference
        return r.subject, r.body

    def row(self, tid, subject, body, fails=(), note="", nulls=()):
        labels = {c: (None if c in nulls else c not in fails) for c in CHECKS}
        r = {"id": f"{self.prefix}{len(self.rows) + 1:03d}", "task_id": tid}
        if subject is None:
            r["completion"] = body
        else:
            r["subject"], r["body"] = subject, body
        r.update({"labels": labels, "labeller": "helper-c pass 1", "note": note})
        self.rows.append(r)

    def add(self, tid, sentence, fails=(), note="", para=1):
        s, b = self.ref(tid)
        p = parts(b)
        p[para] = p[para] + " " + sentence
        self.row(tid, s, "\n\n".join(p), fails, note)

    def rep(self, tid, old, new, fails=(), note="", subject=None):
        s, b = self.ref(tid)
        assert old in b, (tid, old)
        self.row(tid, s if subject is None else subject, b.replace(old, new), fails, note)

    def close(self, tid, new, fails=(), note=""):
        s, b = self.ref(tid)
        p = parts(b)
        p[-2] = new
        self.row(tid, s, "\n\n".join(p), fails, note)

    def subj(self, tid, s, fails=(), note=""):
        self.row(tid, s, self.ref(tid)[1], fails, note)

    def write(self, path):
        print(len(self.rows), {c: sum(1 for r in self.rows if r["labels"][c] is False) for c in CHECKS})
        with open(path, "w", encoding="utf-8") as fh:
            for r in self.rows:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
