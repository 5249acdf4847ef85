"""one_ask: exactly one call to action, in the closing part; a first call of at most 30 minutes.

A sentence with an ask cue is one ask; several sentences asking for the same next step in one
paragraph (a question plus its calendar link) are one ask; one sentence offering alternatives for the
same next step ("a one-page write-up or 15 minutes, your call") is one ask, while a sentence listing
different requests joined by "and" is several. An opt-out is not an ask; a diagnostic question with no
ask cue ("is hiring keeping pace?") is not an ask.
"""

from __future__ import annotations

import regex
from tenacious_bench.scorers.base import Check
from tenacious_bench.scorers.grounding import is_pasted

from tenacious_bench.numbers import find_numbers, month_mentions
from tenacious_bench.scoring import CheckResult, EmailView, Reason, Sentence

# Clause-initial request verbs; three or more in one sentence make a list of requests.
_IMPERATIVE = regex.compile(
    r"(?:^|[,;:]\s*(?:or |and |then )?|\s(?:or|and|then)\s)(?:please\s)?(?:call|email|e-mail|book|reply|send|"
    r"schedule|grab|ping|text|message|ring|phone|contact|join|pick|forward|share|tell|let me know)\b"
)
_CLAUSE_SPLIT = regex.compile(r";|,? and (?:also |then )?|,? also |,? plus |,? then ")
_SAME_THING = regex.compile(r"\b(?:send|share|forward|pass)(?: you| over| along)? (?:it|that|them|this|one|those|these)\b")
_CALL_WORDS = regex.compile(
    r"\b(?:call|chat|meeting|conversation|session|talk|zoom|minutes?|mins?|hours?|hr)\b"
)


def _categories(view: EmailView, text: str) -> set[str]:
    for hit in view.guide.not_asks.find(text):
        text = text[: hit.start] + " " * (hit.end - hit.start) + text[hit.end :]
    return {cat for cat, cues in view.guide.ask_cues.items() if cues.any(text)}


def _has_role(view: EmailView, text: str) -> bool:
    """A request, an offer or a proposal: a question, or one of the style guide's ask forms."""
    return text.rstrip(" \"')").endswith("?") or view.guide.ask_roles.any(text)


_REQUEST_VERB = regex.compile(
    r"(?:^|[,;:]\s*|\b(?:and|also|then|please) )(?:please )?(call|email|book|reply|send|schedule|grab|forward|share|"
    r"tell|let me know|pick|choose)\b|\b(?:could|would|can|will) you (?:please )?(\w+)"
)


def _request_verb(text: str) -> str:
    m = _REQUEST_VERB.search(text)
    return (m.group(1) or m.group(2) or "") if m else ""


def asks_in(view: EmailView, s: Sentence) -> list[set[str]]:
    """The asks in one sentence: one, unless it lists different requests joined by 'and'.

    A sentence is an ask only in the role of one (a question, a request, an offer, a proposal): a
    statement that mentions a call or a write-up asks nothing."""
    cats = _categories(view, s.text)
    if not cats or not _has_role(view, s.text):
        return []
    imperatives = _IMPERATIVE.findall(s.text)
    if len(imperatives) >= 3:
        # "Call me, email me, or book a slot": a list of requests, even when its last item has "or".
        return [cats] * len(imperatives)
    if " or " in s.text:
        return [cats]  # alternatives for the same next step: one ask
    clauses = [c for c in _CLAUSE_SPLIT.split(s.text) if c.strip()]
    per_clause: list[tuple[set[str], str]] = []
    for cl in clauses:
        c = _categories(view, cl)
        if not (c - {"link"}) or not _has_role(view, cl):
            continue
        verb = _request_verb(cl)
        # Clauses asking for the same kind of next step ("for your information; no reply needed") are
        # one ask; two different requests of one kind ("reply with X and send me Y") are two.
        if any(c == pc and (verb == pv or not verb or not pv) for pc, pv in per_clause):
            continue
        per_clause.append((c, verb))
    if len(per_clause) >= 2:
        return [c for c, _ in per_clause]
    return [cats]


def _long_call(view: EmailView, s: Sentence) -> str | None:
    """A first call over the style guide's maximum (in minutes) proposed in an ask sentence."""
    limit = view.guide.max_first_call_minutes
    if (
        regex.search(r"\b(?:an|one|1|two|2|a full|half an?) hours?\b|\bhour[\s-]long\b", s.text)
        and _CALL_WORDS.search(s.text)
        and not regex.search(r"\bhalf an? hour\b", s.text)
    ):
        return "an hour or more"
    for n in find_numbers(s.text):
        after = s.text[n.end : n.end + 12]
        if regex.match(r"[\s-]*(?:minutes?|mins?)\b", after) and n.value > limit:
            return f"{n.display} minutes"
        if (
            regex.match(r"[\s-]*(?:hours?|hrs?)\b", after)
            and n.value * 60 > limit
            and _CALL_WORDS.search(s.text)
        ):
            return f"{n.display} hours"
    return None


class OneAsk(Check):
    name = "one_ask"

    def run(self, view: EmailView) -> CheckResult:
        asks: list[tuple[Sentence, set[str]]] = []
        for s in view.sentences:
            if is_pasted(view, s):
                continue  # a copy of the brief's (or thread's) own words asks nothing of the writer's own
            for cats in asks_in(view, s):
                # A link (or a call sentence) right after an ask in the same paragraph for the same
                # call is the same ask: "Would 15 minutes work? Here is my calendar: <link>".
                if (
                    asks
                    and asks[-1][0] is not s  # asks listed in one sentence are not follow-ups
                    and asks[-1][0].paragraph == s.paragraph
                    and (
                        cats <= {"link"}
                        or (
                            cats & {"call", "link"}
                            and asks[-1][1] & {"call", "link"}
                            and cats <= {"call", "link", "open_to"}
                        )
                        # "I can send you the one-page brief. Reply and I will share it.": one offer
                        or (asks[-1][1] & {"resource", "offer"} and _SAME_THING.search(s.text) is not None)
                    )
                ):
                    asks[-1] = (asks[-1][0], asks[-1][1] | cats)
                    continue
                asks.append((s, cats))
        found = [
            Reason(
                "ask",
                f"ask ({', '.join(sorted(c))}): {s.text!r}",
                {"sentence": s.text, "categories": sorted(c), "paragraph": s.paragraph},
            )
            for s, c in asks
        ]
        problems: list[Reason] = []
        cls = view.reply_class
        replies = view.guide.replies if cls is not None else None
        if replies is not None and cls in replies["next_touch_month_classes"]:
            problems += _next_touch_month(view, cls)
        if not asks:
            # A closing question to the reader asks for a reply ("Is that a live question for you, or
            # is the team set for now?"), when nothing else in the email asks for anything.
            closing = [
                s
                for s in view.sentences
                if s.paragraph == view.closing_paragraph and s.is_question and not is_pasted(view, s)
            ]
            if closing:
                asks.append((closing[-1], {"reply"}))
                found.append(
                    Reason(
                        "ask",
                        f"ask (reply): {closing[-1].text!r}",
                        {"sentence": closing[-1].text, "categories": ["reply"], "paragraph": closing[-1].paragraph},
                    )
                )
        if replies is not None and cls in replies["no_ask_classes"]:
            # A soft defer closes graciously: any call to action (a question, a link, "let me know") is one too many.
            # An explicit "no reply needed" asks nothing of a prospect who has deferred.
            problems += [
                Reason(
                    "ask_not_allowed",
                    f"a {cls} reply has no call to action; found ({', '.join(sorted(c))}): {s.quote!r}",
                    {"sentence": s.quote, "categories": sorted(c), "reply_class": cls},
                )
                for s, c in asks
                if c != {"no_reply"}
            ]
        elif not asks:
            problems.append(Reason("no_ask", "no call to action found"))
        elif len(asks) > 1:
            problems.append(
                Reason(
                    "several_asks",
                    f"{len(asks)} calls to action; exactly one is allowed",
                    {"count": len(asks)},
                )
            )
        elif asks[0][0].paragraph != view.closing_paragraph:
            problems.append(
                Reason(
                    "ask_not_closing",
                    "the call to action is not in the closing paragraph",
                    {"sentence": asks[0][0].text},
                )
            )
        for s, _ in asks:
            long = _long_call(view, s)
            if long:
                problems.append(
                    Reason(
                        "long_first_call",
                        f"a first call of {long} (at most {view.guide.max_first_call_minutes} minutes)",
                        {"sentence": s.text},
                    )
                )
        return CheckResult(self.name, not problems, tuple(problems + found))


def _next_touch_month(view: EmailView, cls: str) -> list[Reason]:
    """The reply names a specific month for the next touch, in a sentence that schedules it ("I will
    check back in March"). "Next quarter", "Q2" or "in a few months" name no month."""
    if any(view.next_touch_months(s) for s in view.sentences):
        return []
    months = [(s, name) for s in view.sentences for name, *_ in month_mentions(s.text)]
    vague = [
        (s, s.text[h.start : h.end]) for s in view.sentences for h in view.reply_set("next_touch.vague_times").find(s.text)
    ]
    if vague:
        s, said = vague[0]
        why = f"{said!r} names no month: {s.quote!r}"
    elif months:
        s, name = months[0]
        why = f"the month {name!r} is not in a clause that schedules the next touch: {s.quote!r}"
    else:
        why = "no month is named"
    return [
        Reason(
            "no_next_touch_month",
            f"a {cls} reply names a specific month for the next touch (\"I will check back in March\"); {why}",
            {"reply_class": cls},
        )
    ]
