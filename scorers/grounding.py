"""grounding: greeting by the prospect's first name; every required signal named through an anchor
inside a real sentence of the body (not the subject, the signature, quoted thread text, a pasted copy
of the brief, or a bare list of anchors)."""

from __future__ import annotations

from tenacious_bench.scorers.base import Check

from tenacious_bench.numbers import canonical_tokens, contains_sequence
from tenacious_bench.prompts import render_brief
from tenacious_bench.scoring import EmailView, Reason, Sentence, task_cached
from tenacious_bench.task import Signal, Task
from tenacious_bench.text import normalize

MIN_SENTENCE_WORDS = 6
# A sentence sharing a run of this many tokens with the brief's own text is pasted, not written.
PASTED_NGRAM = 8


def _anchor_tokens(task: Task) -> dict[str, list[list[str]]]:
    return {s.id: [toks for a in s.anchors if (toks := canonical_tokens(normalize(a)))] for s in task.signals}


def anchor_token_lists(task: Task, signal: Signal) -> list[list[str]]:
    """The canonical token sequences of a signal's anchors ("$14M" -> ["$14000000"])."""
    return task_cached(task, "anchor_tokens", _anchor_tokens)[signal.id]


def _brief_ngrams(task: Task) -> frozenset[tuple[str, ...]]:
    toks = canonical_tokens(normalize(render_brief(task)))
    return frozenset(tuple(toks[i : i + PASTED_NGRAM]) for i in range(len(toks) - PASTED_NGRAM + 1))


def is_pasted(sentence: Sentence, task: Task) -> bool:
    grams = task_cached(task, "brief_ngrams", _brief_ngrams)
    t = sentence.tokens
    return any(tuple(t[i : i + PASTED_NGRAM]) in grams for i in range(len(t) - PASTED_NGRAM + 1))


def is_real_sentence(sentence: Sentence, anchors: list[list[str]]) -> bool:
    """At least six words, most of them not anchor words."""
    toks = sentence.tokens
    if len(toks) < MIN_SENTENCE_WORDS:
        return False
    anchor_words = {w for a in anchors for w in a}
    return sum(1 for t in toks if t not in anchor_words) * 2 > len(toks)


def named_in(view: EmailView, signal: Signal) -> list[Sentence]:
    """Sentences of the body that name the signal through one of its anchors (any sentence)."""
    anchors = anchor_token_lists(view.task, signal)
    return [s for s in view.sentences if any(contains_sequence(list(s.tokens), a) for a in anchors)]


def _names_something(view: EmailView, all_anchors: list[list[str]]) -> bool:
    """The company (full name, or its distinctive first word) or any signal anchor in a real sentence."""
    full = canonical_tokens(normalize(view.task.prospect.company))
    names = [full, full[:1]] if full and len(full[0]) >= 4 and full[0] not in ("the", "team") else [full]
    return any(
        any(contains_sequence(list(s.tokens), n) for n in names + all_anchors)
        and is_real_sentence(s, all_anchors)
        for s in view.sentences
    )


class Grounding(Check):
    name = "grounding"

    def problems(self, view: EmailView) -> list[Reason]:
        task = view.task
        reasons: list[Reason] = []
        first = normalize(task.prospect.first_name)
        if view.email.greeting is None:
            reasons.append(
                Reason("no_greeting", f"the body does not open with a greeting to {task.prospect.first_name}")
            )
        elif not view.email.greeting_name or first not in view.email.greeting_name.split():
            reasons.append(
                Reason(
                    "greeting_name",
                    f"the greeting {view.email.greeting!r} does not address "
                    f"{task.prospect.first_name} by first name",
                )
            )
        all_anchors = [a for s in task.signals for a in anchor_token_lists(task, s)]
        if not task.constraints.required_signals and not _names_something(view, all_anchors):
            # Nothing to require (task-format.md), but an email naming nothing from the brief at all
            # ("Hi Maya, 15 minutes?") is not grounded: it must name the company or some signal.
            reasons.append(
                Reason(
                    "nothing_named",
                    f"a brief with no required signal: the email must name {task.prospect.company} "
                    "or one of the brief's signals in a sentence",
                    {"company": task.prospect.company},
                )
            )
        for sid in task.constraints.required_signals:
            signal = task.signals_by_id[sid]
            hits = named_in(view, signal)
            good = [s for s in hits if is_real_sentence(s, all_anchors) and not is_pasted(s, task)]
            if good:
                continue
            if hits:
                why = "only in a pasted copy of the brief or a list, not in a sentence of the writer's own"
            else:
                why = "not named in the body by any of its anchors"
            reasons.append(
                Reason(
                    "signal_not_grounded",
                    f"required signal {sid!r} is {why}",
                    {"signal": sid, "anchors": list(signal.anchors)},
                )
            )
        return reasons
