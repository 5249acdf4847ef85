"""grounding: greeting by the prospect's first name; every required signal named (an anchor, one of
its own specific facts, or, when the signal is about the reader, their own move) inside a real
sentence of the writer's own (not the subject, the signature, quoted thread text, a sentence
dominated by pasted brief text, or a bare list of anchors)."""

from __future__ import annotations

from tenacious_bench.scorers.base import Check

from tenacious_bench.mentions import NAMING, anchor_token_lists, find_mentions
from tenacious_bench.numbers import canonical_tokens, contains_sequence, find_numbers, stem
from tenacious_bench.prompts import render_brief
from tenacious_bench.scoring import EmailView, Reason, Sentence, task_cached
from tenacious_bench.task import Task
from tenacious_bench.text import normalize

__all__ = ["anchor_token_lists", "is_pasted", "is_real_sentence"]

MIN_SENTENCE_WORDS = 6
# A run of this many tokens shared with the brief's own text is pasted, not written; a sentence is
# a pasted copy when such runs cover all of it: a signal restated with one word of the writer's
# own ("Quaybridge closed a $19M Series A on July 22", "You asked for 6 ML engineers...") is the
# writer's sentence, as blind labellers read it.
PASTED_NGRAM = 8
PASTED_SHARE = 1.0
_FUNCTION_WORDS = frozenset(["a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "with", "from", "by", "as", "is", "are", "was"])


def _brief_ngrams(task: Task) -> frozenset[tuple[str, ...]]:
    toks = canonical_tokens(normalize(render_brief(task)))
    return frozenset(tuple(toks[i : i + PASTED_NGRAM]) for i in range(len(toks) - PASTED_NGRAM + 1))


def _coverage(view: EmailView) -> dict[int, list[bool]]:
    """Per sentence (by id), which of its tokens lie in a run shared with the brief. Runs are found
    over each paragraph's tokens, so a short sentence inside a pasted passage is covered too."""
    cached = view.__dict__.get("_brief_coverage")
    if cached is not None:
        return cached
    grams = task_cached(view.task, "brief_ngrams", _brief_ngrams)
    out: dict[int, list[bool]] = {}
    by_paragraph: dict[int, list[Sentence]] = {}
    for s in view.sentences:
        by_paragraph.setdefault(s.paragraph, []).append(s)
    for sentences in by_paragraph.values():
        t = [w for s in sentences for w in s.tokens]
        covered = [False] * len(t)
        for i in range(len(t) - PASTED_NGRAM + 1):
            if tuple(t[i : i + PASTED_NGRAM]) in grams:
                covered[i : i + PASTED_NGRAM] = [True] * PASTED_NGRAM
        pos = 0
        for s in sentences:
            out[id(s)] = covered[pos : pos + len(s.tokens)]
            pos += len(s.tokens)
    view.__dict__["_brief_coverage"] = out
    return out


def pasted_words(view: EmailView, sentence: Sentence) -> list[str]:
    """The sentence's tokens covered by runs shared with the brief (empty if none)."""
    flags = _coverage(view).get(id(sentence), [])
    return [w for w, c in zip(sentence.tokens, flags, strict=True) if c]


_PERSON = frozenset(["i", "we", "you", "your", "my", "our", "me", "us"])


def is_pasted(view: EmailView, sentence: Sentence) -> bool:
    """Dominated by verbatim brief text, and not turned into the writer's own address: a sentence whose
    own words include "I", "we" or "you" ("You asked for 6 ML engineers...") restates the brief."""
    flags = _coverage(view).get(id(sentence), [])
    if not flags or sum(flags) < PASTED_SHARE * len(sentence.tokens):
        return False
    own = {w for w, c in zip(sentence.tokens, flags, strict=True) if not c}
    return not (_PERSON & own)


def _anchor_words(anchors: list[list[str]]) -> set[str]:
    return {w for a in anchors for w in a if w not in _FUNCTION_WORDS}


def is_real_sentence(sentence: Sentence, anchors: list[list[str]], context: int = 0) -> bool:
    """At least six words (a short sentence counts with the rest of its paragraph, `context` words),
    most of them not anchor words."""
    toks = sentence.tokens
    if len(toks) + context < MIN_SENTENCE_WORDS or not toks:
        return False
    anchor_words = _anchor_words(anchors)
    return sum(1 for t in toks if t not in anchor_words) * 2 > len(toks)


def _context_words(view: EmailView, sentence: Sentence) -> int:
    """Words of the other real prose in the same paragraph (lines of a list do not count)."""
    return sum(
        len(s.tokens)
        for s in view.sentences
        if s.paragraph == sentence.paragraph and s is not sentence and len(s.tokens) >= 3
    )


def _names_something(view: EmailView, all_anchors: list[list[str]]) -> bool:
    """The company (full name, or its distinctive first word), any signal, or the thread's request."""
    full = canonical_tokens(normalize(view.task.prospect.company))
    names = [full, full[:1]] if full and len(full[0]) >= 4 and full[0] not in ("the", "team") else [full]
    if any(m.how in NAMING for m in find_mentions(view)):
        return True
    thread_words = task_cached(view.task, "thread_request_words", _thread_request_words)
    for s in view.sentences:
        if not is_real_sentence(s, all_anchors):
            continue
        if any(contains_sequence(list(s.tokens), n) for n in names):
            return True
        # A warm reply engages the thread: two distinctive words of the prospect's own messages.
        if len(thread_words & {stem(t) for t in s.tokens}) >= 2:
            return True
    return False


_GENERIC = frozenset(
    ["about", "also", "been", "could", "from", "have", "just", "like", "more", "need", "next", "only", "some", "that", "their", "there", "these", "they", "this", "those", "what", "when", "which", "will", "with", "would", "your", "week", "weeks", "month", "months", "team", "teams", "engineers", "engineer", "thanks", "thank", "hello", "best", "regards"]
)


def _thread_request_words(task: Task) -> frozenset[str]:
    words: set[str] = set()
    for m in task.thread:
        if m.from_ == "prospect":
            words.update(stem(w) for w in canonical_tokens(normalize(m.body)) if len(w) >= 4 and w.isalpha())
    return frozenset(words - _GENERIC)


def _starter_floor(view: EmailView) -> list[Reason]:
    """A small proof-of-concept reply names the starter-project floor: a dollar amount inside the
    pricing band the style guide names (replies.objections.small_poc.floor_band), in a sentence of
    the writer's own."""
    name = view.guide.replies["objections"]["small_poc"]["floor_band"]
    band = next(b for b in view.task.pricing_bands if normalize(b.name) == normalize(name))
    for s in view.sentences:
        if is_pasted(view, s):
            continue
        if any(n.kind == "money" and band.usd_low <= n.value <= band.usd_high for n in find_numbers(s.text)):
            return []
    return [
        Reason(
            "no_starter_floor",
            f"a small proof-of-concept reply names the {name} from the pricing bands "
            f"(${band.usd_low:,} to ${band.usd_high:,} {band.unit}); no amount in that band is named",
            {"band": name, "usd_low": band.usd_low, "usd_high": band.usd_high},
        )
    ]


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
            # ("Hi Maya, 15 minutes?") is not grounded: it must name the company, a signal or the
            # thread's request.
            reasons.append(
                Reason(
                    "nothing_named",
                    f"a brief with no required signal: the email must name {task.prospect.company}, "
                    "one of the brief's signals or what the prospect wrote, in a sentence",
                    {"company": task.prospect.company},
                )
            )
        if view.reply_class == "objection" and task.constraints.objection == "small_poc":
            reasons += _starter_floor(view)
        mentions = [m for m in find_mentions(view) if m.how in NAMING]
        for sid in task.constraints.required_signals:
            signal = task.signals_by_id[sid]
            hits = [(m, view.sentences[m.sentence]) for m in mentions if m.signal == sid]
            good = [
                (m, s)
                for m, s in hits
                if is_real_sentence(s, all_anchors, _context_words(view, s)) and not is_pasted(view, s)
            ]
            if good:
                continue
            details: dict = {"signal": sid, "anchors": list(signal.anchors)}
            if hits:
                m, s = hits[0]
                pasted = pasted_words(view, s)
                if is_pasted(view, s):
                    why = f"named ({m.words!r}) only in a sentence pasted from the brief: {s.quote!r}"
                    details["pasted_words"] = " ".join(pasted)
                else:
                    why = f"named ({m.words!r}) only in a list or a fragment, not in a sentence: {s.quote!r}"
                details["named_by"] = m.words
            else:
                why = "not named in the body by an anchor or one of its own facts"
            reasons.append(Reason("signal_not_grounded", f"required signal {sid!r} is {why}", details))
        return reasons
