"""honesty: phrasing matches each signal's confidence; every number is supported (claims by the brief,
commitments by the bench and pricing bands, service facts by the style guide, each bound to its unit);
no invented signal, deadline, scarcity, discount or total; no assertive growth claim without a
high-confidence signal; an AI capability-gap pitch only at AI maturity 3, or 2 with high confidence."""

from __future__ import annotations

import datetime as dt
import functools

import regex
from tenacious_bench.scorers.base import Check

from tenacious_bench.mentions import Mention, anchor_token_lists, find_mentions
from tenacious_bench.numbers import MONTH_RE as _MONTH_RE
from tenacious_bench.numbers import MONTHS as _MONTHS
from tenacious_bench.numbers import NumberMention, contains_sequence, find_numbers, month_mentions
from tenacious_bench.scope import clause_at, negated
from tenacious_bench.scoring import EmailView, Reason, Sentence, _prospect_text, task_cached
from tenacious_bench.task import Task
from tenacious_bench.text import normalize

_TIME_UNITS = {
    "minute": "minute",
    "minutes": "minute",
    "min": "minute",
    "mins": "minute",
    "hour": "hour",
    "hours": "hour",
    "hr": "hour",
    "hrs": "hour",
    "day": "day",
    "days": "day",
    "week": "week",
    "weeks": "week",
    "month": "month",
    "months": "month",
    "quarter": "quarter",
    "quarters": "quarter",
    "year": "year",
    "years": "year",
}
_REFERENCE_TO_PROSPECT = regex.compile(
    r"\b(?:you asked|you mentioned|you requested|you need|you are looking|you wrote|you said|your request|asked for|"
    r"requested|you are hiring|you have|your team|open roles?|posted|postings?|listed)\b"
)
_RELATIVE_PAST = regex.compile(
    r"\b(last (?:week|month|quarter|year)|yesterday|earlier this (?:week|month|quarter|year))\b"
)
_QUOTING_PROSPECT = regex.compile(
    r"\byou (?:asked|suggested|proposed|mentioned|wrote|said|requested|offered)\b|\byour (?:request|suggestion|proposal)\b"
)
# Granting the prospect's request ("yes, we can staff the 6 engineers you asked for") is a commitment
# even though it refers to the prospect's words.
_GRANTS = regex.compile(
    r"\b(?:we|i) (?:can|could|would|will|are happy to|am happy to) (?:do|offer|give|agree|accept|match|honou?r|apply|"
    r"extend|make|manage|take|knock)\b|\bhappy to (?:do|offer|give|agree|accept|match)\b"
)
_GRANTS_STAFF = regex.compile(
    r"\b(?:yes|(?:we|i) (?:can|will|could|are able to|am able to|would) (?:\w+ )?(?:staff|provide|deliver|cover|do|place|"
    r"commit|start|get|send|put|bring|assign|field|supply|fill|block|hold|reserve|have|lock|secure|guarantee|"
    r"confirm|keep|set aside|make|deploy|onboard|add|ramp up|line up|spin up|assemble|give|offer|allocate|dedicate|match|find|source|provide you with|put together)|(?:we|i) (?:currently |now |already )?have|(?:are|is) (?:all )?(?:available|ready|free)|"
    r"(?:can|will|could) (?:all )?(?:start|begin|join|deploy|onboard|be (?:in place|ready|available|deployed|there|with you)))\b"
)
_SECOND_PERSON = regex.compile(r"\b(?:you|your|yours)\b")
_BACK_CONDITION = regex.compile(
    r"\b(?:if|assuming|provided|should) (?:that|this|so|it|they|those|these|the (?:report|post|posts|listing|listings|"
    r"news|mention|memo|figure|number|numbers|signal|coverage|item|source))\b|\bif so\b|\bif (?:i am|i'm|we are) right\b"
)
_NEXT_WORD = regex.compile(r"[\s-]*(\w+)")
_OPEN_QUESTION = regex.compile(r"\b(?:whether|if|asked|ask)\b")
_REFERRED_BACK = regex.compile(r"\b(?:those|these|the first|all|the)\s*$")
_LIST_MARKER = regex.compile(r"^\(?\d{1,2}[.)]$")
_BACK_REFERENCE = regex.compile(
    r"\b(?:that|this|it|its|those|these|they|so|the (?:report|post|posts|listing|listings|news|mention|memo|figure|"
    r"number|numbers|signal|coverage|item|source|data|change|move|round))\b"
)
_THEIR_OWN = regex.compile(r"\b(?:your|their)\b(?:\s+[\w$,.-]+){0,3}\s*$")
_TIMELINE_WORDS = frozenset(["deadline"])
_MONEY_WORDS = frozenset(["dollars", "dollar", "usd", "per", "a", "an", "in", "of", "monthly", "each"])
_APPROX = regex.compile(r"\b(?:about|around|roughly|nearly|almost|approximately|some|over|under|close to|more than|just over|just under|~)\s*$")
# "week three in the new role", "three weeks in", "two months ago": time elapsed since a brief date.
_ELAPSED_BEFORE = regex.compile(r"\b(week|month|day)\s*$")
_ELAPSED_AFTER = regex.compile(r"^[\s-]*(?:days?|weeks?|months?)\s+(?:in|into|ago|since|after|on)\b")
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30.4, "quarter": 91, "year": 365}
_RECENT = regex.compile(
    r"\b(?:recent|recently|just (?:closed|raised|announced|hired|named|appointed|posted|opened|landed)|"
    r"fresh|this week|this month)\b"
)
_ROUND = regex.compile(r"\b(series [a-h]|pre-seed|seed)\b")


def _brief_dates(task: Task) -> list[dt.date]:
    dates = [dt.date.fromisoformat(task.as_of)]
    dates += [dt.date.fromisoformat(s.date) for s in task.signals if s.date]
    dates += [dt.date.fromisoformat(m.date) for m in task.thread]
    return dates


@functools.lru_cache(maxsize=4096)
def _word_re(word: str) -> regex.Pattern[str]:
    return regex.compile(rf"(?<![\p{{L}}]){regex.escape(word)}(?![\p{{L}}])")


@functools.lru_cache(maxsize=1024)
def _unit_re(unit: str) -> regex.Pattern[str]:
    return regex.compile(rf"(?:\w+ )?{regex.escape(unit)}\b")


_LETTERS = regex.compile(r"\p{L}+")
_CONTENT_WORD = regex.compile(r"\p{L}{3,}")


def _following_words(text: str, end: int, n: int = 4) -> list[str]:
    return _LETTERS.findall(text[end : end + 60])[:n]


class Honesty(Check):
    name = "honesty"

    def problems(self, view: EmailView) -> list[Reason]:
        reasons: list[Reason] = []
        reasons += self._confidence(view)
        sentences = list(view.sentences)
        if view.email.subject and not view.subject_is_quoted:
            sentences.append(Sentence(view.subject_norm, -1, ()))
        brief = task_cached(view.task, "brief_numbers", _BriefNumbers)
        for s in sentences:
            reasons += self._numbers(view, s, brief)
            reasons += self._dates(view, s)
        reasons += self._phrases(view)
        reasons += self._other_threads(view)
        return reasons

    # -- other threads at the same company (schema 1.1) -------------------------------------------
    def _other_threads(self, view: EmailView) -> list[Reason]:
        """Naming a fact of another thread at the prospect's company (a number with its noun, a named
        project or person that this task's own brief does not hold) refers to that thread."""
        facts = task_cached(view.task, "other_thread_facts", _other_thread_facts)
        out = []
        for s in view.sentences:
            tokens = list(s.tokens)
            for thread_no, label, seq in facts:
                if contains_sequence(tokens, list(seq)):
                    out.append(
                        Reason(
                            "other_thread",
                            f"refers to another thread at {view.task.prospect.company} (other thread "
                            f"{thread_no}): {label!r} in {s.quote!r}",
                            {"other_thread": thread_no, "fact": label, "sentence": s.quote},
                        )
                    )
                    break
        return out

    # -- confidence ------------------------------------------------------------------------------
    def _confidence(self, view: EmailView) -> list[Reason]:
        g = view.guide
        uncertain, conditional = g.honesty_set("uncertainty_markers"), g.honesty_set("conditional_markers")
        out = []
        sentences = view.sentences
        company = normalize(view.task.prospect.company)

        by_sentence: dict[int, list[Mention]] = {}
        for m in find_mentions(view):
            by_sentence.setdefault(m.sentence, []).append(m)

        def hedges(s: Sentence, medium: bool) -> bool:
            return s.is_question or uncertain.any(s.text) or (medium and conditional.any(s.text))

        def hedges_back(i: int, signal_id: str, medium: bool) -> bool:
            """The next sentence hedges the claim before it: explicit uncertainty, a question that asks
            nothing of the reader, or (medium) a condition pointing back ("If that is right, ...");
            never a hedge about another signal."""
            s = sentences[i]
            here = [m for m in by_sentence.get(i, ()) if m.how != "cue"]
            if any(m.signal != signal_id for m in here):
                return False
            if not here and not _BACK_REFERENCE.search(s.text):
                return False  # a hedge about something else ("whether any roles are open")
            if uncertain.any(s.text):
                return True
            if s.is_question and not any(c.any(s.text) for c in g.ask_cues.values()):
                return True
            return medium and (_BACK_CONDITION.search(s.text) is not None or conditional.any(s.text))

        for signal in view.task.signals:
            if signal.confidence == "high":
                continue
            medium = signal.confidence == "medium"
            seen: set[int] = set()
            for m in _mentions_of(view, signal.id):
                if m.sentence in seen:
                    continue
                seen.add(m.sentence)
                s = sentences[m.sentence]
                if m.how == "cue" and not (_SECOND_PERSON.search(s.text) or company in s.text):
                    continue  # a type word in a general remark ("teams during a restructuring")
                # The hedge may sit in the claim's sentence or the next sentence of its paragraph
                # ("Your site lists a new Head of Data. I cannot confirm it; is that a new role?").
                nxt = sentences[m.sentence + 1] if m.sentence + 1 < len(sentences) else None
                hedged = hedges(s, medium) or (
                    nxt is not None and nxt.paragraph == s.paragraph and hedges_back(m.sentence + 1, signal.id, medium)
                )
                if not hedged:
                    need = (
                        "conditional language"
                        if signal.confidence == "medium"
                        else "a question or explicit uncertainty"
                    )
                    out.append(
                        Reason(
                            "overclaimed_signal",
                            f"{signal.confidence}-confidence signal {signal.id!r} asserted without {need} "
                            f"(named by {m.words!r}): {s.quote!r}",
                            {
                                "signal": signal.id,
                                "confidence": signal.confidence,
                                "sentence": s.quote,
                                "named_by": m.words,
                            },
                        )
                    )
        return out

    # -- numbers ---------------------------------------------------------------------------------
    def _numbers(self, view: EmailView, s: Sentence, brief: _BriefNumbers) -> list[Reason]:
        g, task = view.guide, view.task
        out: list[Reason] = []
        mentions = find_numbers(s.text)
        totals = g.honesty_set("total_value_phrases").find(s.text)
        horizons = [(h.start, h.end) for h in g.honesty_set("horizon_phrases").find(s.text)]
        generic = g.honesty_set("generic_markers").any(s.text) and not _SECOND_PERSON.search(s.text)
        if _LIST_MARKER.match(s.text):
            return out  # "1." alone: an ordered list's marker, not a number
        for n in mentions:
            if any(a <= n.start < b for a, b in horizons):
                continue  # a time horizon ("over the next two quarters") claims nothing
            if negated(s.text, n.start, n.end, g) or _in_refusal(s.text, n, g):
                continue  # "I cannot promise the other eight", "6 in 10 days is more than we can staff"
            after = _following_words(s.text, n.end)
            if n.range_partner is not None and n.range_partner > mentions.index(n):
                # "three to four months": the first end takes the unit of the second
                after = _following_words(s.text, mentions[n.range_partner].end)
            before = s.text[max(0, n.start - 20) : n.start]
            if n.kind == "money" and "$" not in n.text and after and after[0] not in _MONEY_WORDS:
                # "1B events a day": a magnitude without a currency counts things, not dollars
                if not brief.has(n):
                    out.append(self._reason("unsupported_number", n, "claim", s, "number not supported by the brief"))
                continue
            if n.kind == "money":
                if totals:
                    out.append(
                        self._reason(
                            "total_contract_value",
                            n,
                            "commitment",
                            s,
                            f"a total contract value is never stated ({s.text[totals[0].start : totals[0].end]!r})",
                        )
                    )
                elif not (
                    brief.in_band(n.value) or (brief.has(n) and not _offered_price(view, s, n))
                ):
                    out.append(
                        self._reason(
                            "unsupported_price",
                            n,
                            "commitment",
                            s,
                            "price outside every public pricing band and not in the brief",
                        )
                    )
                continue
            if n.kind in ("percent", "year", "quarter"):
                if not brief.has(n):
                    out.append(
                        self._reason(
                            "unsupported_number", n, "claim", s, f"{n.kind} not supported by the brief"
                        )
                    )
                continue
            # a day of a month: "February 10", "10 February"
            month_before = _MONTH_RE.search(before[-12:])
            if (month_before and before.rstrip().endswith(month_before.group(1))) or (
                after and after[0] in _MONTHS
            ):
                if any(abs(start - n.start) <= 12 for start in view.next_touch_months(s)):
                    continue  # "I will check back on March 3": the next touch, not a claim
                month = (
                    _MONTHS[month_before.group(1)]
                    if month_before and before.rstrip().endswith(month_before.group(1))
                    else _MONTHS[after[0]]
                )
                if not any(d.month == month and d.day == int(n.value) for d in brief.dates) and not brief.has(
                    n
                ):
                    out.append(self._reason("unsupported_date", n, "claim", s, "date not in the brief"))
                continue
            unit = _TIME_UNITS.get(after[0]) if after else None
            if self._service_fact(g, n, after):
                continue
            if self._elapsed(view, s, n, brief):
                continue  # "week three in the new role" when the start date is in the brief
            if unit is not None and generic:
                continue  # general context: "new leaders often review vendors in their first 90 days"
            if unit is not None:  # a duration that is no service fact: only the brief can support it
                # Minutes and hours are meeting lengths, ours to commit: only the service facts license
                # them, unless the sentence is explicitly quoting the prospect ("you suggested 90 minutes").
                quoting = _QUOTING_PROSPECT.search(s.text) is not None
                if not brief.has_duration(n.value, unit) or (unit in ("minute", "hour") and not quoting):
                    out.append(
                        self._reason(
                            "unsupported_service_number",
                            n,
                            "service_fact",
                            s,
                            f"'{n.display} {after[0]}' is neither a service fact of the style guide nor in the brief",
                        )
                    )
                continue
            stack_words = _stack_words(task, g)
            # "5 Go engineers": a stack right before the noun is the only stack the number commits;
            # otherwise the stacks named in the sentence are summed (task-format.md).
            own = [stack_words[w] for w in after[:2] if w in stack_words]
            stacks = own or list(dict.fromkeys(st for w, st in stack_words.items() if _word_re(w).search(s.text)))
            available = sum(task.bench[st] for st in stacks) if stacks else sum(task.bench.values())
            engineer_noun = self._engineer_noun(g, after)
            role_noun = self._role_noun(g, after)
            commitment_cue = g.honesty_set("commitment_cues").any(s.text)
            if brief.approximates(n, s.text):
                continue  # "a company of about 90 people" for 88 employees
            clause = clause_at(s.text, g, n.start)
            clause_text = s.text[clause.start : clause.end]
            # A number the brief holds, restated as the prospect's ("you asked whether 5 could start",
            # "where we stand on 12 Go engineers", "a team of 32 people") is theirs; it becomes a
            # commitment only when granted ("yes, we can staff the 12 you asked for").
            grant = _GRANTS_STAFF.search(clause_text)
            granted = grant is not None and not _OPEN_QUESTION.search(clause_text[: grant.start()])
            theirs = brief.has(n) and not granted
            committing = (
                (engineer_noun or stacks)
                and not role_noun
                and g.honesty_set("commitment_cues").any(clause_text)
                and not theirs
                and (not _REFERENCE_TO_PROSPECT.search(clause_text) or granted)
            )
            if committing and n.value > available:
                where = "+".join(stacks) if stacks else "all stacks"
                out.append(
                    self._reason(
                        "over_commitment",
                        n,
                        "commitment",
                        s,
                        f"commits {n.display} engineers, {available} available ({where})",
                        available=available,
                    )
                )
                continue
            # Supported as a claim from the brief, or as capacity the bench really has.
            # Restating capacity ("6 Python and 3 Go engineers, 9 in total") is supported too.
            as_capacity = (
                committing or ((commitment_cue or engineer_noun or stacks) and not role_noun)
            ) and n.value <= available
            if not (brief.has(n) or as_capacity or brief.approximates(n, s.text) or brief.shows(n, s.text, after)):
                out.append(
                    self._reason("unsupported_number", n, "claim", s, "number not supported by the brief")
                )
        return out

    @staticmethod
    def _engineer_noun(g, after: list[str]) -> bool:
        return any(w in g.honesty_set("engineer_nouns").words for w in after[:3])

    @staticmethod
    def _role_noun(g, after: list[str]) -> bool:
        return any(w in g.honesty_set("role_nouns").words for w in after[:4])

    @staticmethod
    def _elapsed(view: EmailView, s: Sentence, n: NumberMention, brief: _BriefNumbers) -> bool:
        before = _ELAPSED_BEFORE.search(s.text[max(0, n.start - 12) : n.start])
        after = _ELAPSED_AFTER.match(s.text[n.end : n.end + 20])
        if not (before or after):
            return False
        unit_word = before.group(1) if before else _NEXT_WORD.match(s.text[n.end : n.end + 40]).group(1)
        unit = _TIME_UNITS.get(unit_word)
        if unit not in _UNIT_DAYS:
            return False
        as_of = dt.date.fromisoformat(view.task.as_of)
        days = [(as_of - d).days for d in brief.dates if d < as_of]
        span = _UNIT_DAYS[unit]
        # "week three" is the third week: 14-21 days; "three weeks in": about 21 days.
        return any((n.value - 1.5) * span <= d <= (n.value + 1) * span for d in days)

    @staticmethod
    def _service_fact(g, n: NumberMention, after: list[str]) -> bool:
        window = " ".join(after[:3])
        for fact in g.service_facts:
            if n.value in fact.values and any(_unit_re(u).match(window) for u in fact.units):
                return True
        return False

    @staticmethod
    def _reason(code: str, n: NumberMention, kind: str, s: Sentence, message: str, **extra) -> Reason:
        return Reason(
            code,
            f"{n.text.strip()!r}: {message}",
            {"number": n.display, "kind": kind, "sentence": s.text, **extra},
        )

    # -- dates -----------------------------------------------------------------------------------
    def _dates(self, view: EmailView, s: Sentence) -> list[Reason]:
        out = []
        # A date in a sentence that names a signal must be that signal's date; otherwise any brief date.
        named = [
            dt.date.fromisoformat(sig.date)
            for sig in view.task.signals
            if sig.date
            and any(contains_sequence(list(s.tokens), a) for a in anchor_token_lists(view.task, sig))
        ]
        thread_dates = [dt.date.fromisoformat(m.date) for m in view.task.thread]
        dates = (named + thread_dates) if named else task_cached(view.task, "brief_dates", _brief_dates)
        recent = _RECENT.search(s.text)
        if recent and named:
            as_of = dt.date.fromisoformat(view.task.as_of)
            limit = int(view.guide.raw["honesty"]["recent_days"])
            if all((as_of - d).days > limit for d in named):
                out.append(
                    Reason(
                        "stale_called_recent",
                        f"{recent.group(0)!r} for a signal dated more than {limit} days before {view.task.as_of}",
                        {"number": recent.group(0), "kind": "claim", "sentence": s.text},
                    )
                )
        as_of = dt.date.fromisoformat(view.task.as_of)
        touch = view.next_touch_months(s)
        for name, month, start, _ in month_mentions(s.text):
            if start in touch:
                continue  # the month of the next touch (a next_message reply): scheduled, not claimed
            if not any(d.month == month for d in dates) and name not in view.prospect_text:
                out.append(
                    Reason(
                        "unsupported_date",
                        f"month {name!r} matches no date in the brief",
                        {"number": name, "kind": "claim", "sentence": s.text},
                    )
                )
        for m in _RELATIVE_PAST.finditer(s.text):
            phrase = m.group(1)
            if phrase in view.prospect_text:
                continue  # the brief's own words ("0 were listed last quarter")
            if not any(_relative_matches(phrase, d, as_of) for d in dates if d != as_of):
                out.append(
                    Reason(
                        "unsupported_date",
                        f"{phrase!r} matches no event date in the brief (as of {view.task.as_of})",
                        {"number": phrase, "kind": "claim", "sentence": s.text},
                    )
                )
        return out

    # -- phrases ---------------------------------------------------------------------------------
    def _phrases(self, view: EmailView) -> list[Reason]:
        g, task = view.guide, view.task
        out = []
        sentences = [x.text for x in view.sentences] + ([] if view.subject_is_quoted else [view.subject_norm])
        quotes = [x.quote for x in view.sentences] + ([] if view.subject_is_quoted else [view.email.subject or ""])
        # A reply to a price objection may not raise a discount or price cut at all, even when the
        # prospect asked for one or as a question; declining one ("we do not discount") is fine.
        price_objection = view.reply_class == "objection" and task.constraints.objection == "price"
        for sentence, quote in zip(sentences, quotes, strict=True):
            hits = g.honesty_set("pressure_phrases").find(sentence)
            declined = {h.phrase for h in hits if negated(sentence, h.start, h.end, g)}
            for hit in hits:
                said = sentence[hit.start : hit.end]
                if negated(sentence, hit.start, hit.end, g):
                    continue  # "there is no deadline", "I cannot offer 20% off": denying is not inventing
                if _THEIR_OWN.search(sentence[max(0, hit.start - 40) : hit.start]) and said in _TIMELINE_WORDS:
                    continue  # "a weekly check against your deadline": the prospect's, not ours
                if price_objection and hit.phrase in declined:
                    continue  # "You asked about a discount, but we do not discount": the sentence declines it
                if price_objection:
                    out.append(
                        Reason(
                            "price_concession",
                            f"price objection: no discount, price cut or pressure, even as a question or when "
                            f"the prospect asked: {said!r} in {quote!r}",
                            {"phrase": said, "sentence": quote},
                        )
                    )
                    continue
                if _word_re(said).search(view.prospect_text) and not _GRANTS.search(sentence):
                    continue  # the prospect's own deadline or request, referred to and not granted
                out.append(
                    Reason(
                        "invented_pressure",
                        f"invented deadline, scarcity or discount: {said!r} in {quote!r}",
                        {"phrase": said, "sentence": quote},
                    )
                )
        if price_objection:
            out += _found(view, "objections.price.counter_offers", "counter_offer",
                          "price objection: no counter-offer: {said!r} in {quote!r}")
        if view.reply_class is not None and task.constraints.handoff is not None:
            out += _handoff(view)
        # Growth claims are about hiring pace: only a high-confidence job-post signal supports one.
        strong = any(s.confidence == "high" and s.type == "job_posts" for s in task.signals)
        if not strong:
            for x in view.sentences:
                if x.is_question:
                    continue
                for hit in g.honesty_set("assertive_growth_phrases").find(x.text):
                    if negated(x.text, hit.start, hit.end, g):
                        continue
                    out.append(
                        Reason(
                            "assertive_growth",
                            f"assertive growth claim {x.text[hit.start : hit.end]!r} without a "
                            f"high-confidence hiring signal: {x.quote!r}",
                            {"phrase": x.text[hit.start : hit.end], "sentence": x.quote},
                        )
                    )
        types = {s.type for s in task.signals}
        generic = g.honesty_set("generic_markers")
        for sentence, quote in zip(sentences, quotes, strict=True):
            general = generic.any(sentence) and not _SECOND_PERSON.search(sentence)
            for sig_type, cues in g.invented_signal_cues.items():
                if sig_type in types:
                    continue
                for hit in cues.find(sentence):
                    said = sentence[hit.start : hit.end]
                    if _word_re(said).search(view.prospect_text):
                        continue  # the brief (e.g. the prospect's own message) says it
                    if general or negated(sentence, hit.start, hit.end, g):
                        continue  # "I have not seen a raise"; "new leaders often review vendors"
                    out.append(
                        Reason(
                            "invented_signal",
                            f"mentions a {sig_type.replace('_', ' ')} ({said!r}) the brief does not show: {quote!r}",
                            {"signal_type": sig_type, "phrase": said, "sentence": quote},
                        )
                    )
            for m in _ROUND.finditer(sentence):
                if m.group(1) not in view.prospect_text and not negated(sentence, m.start(), m.end(), g):
                    out.append(
                        Reason(
                            "invented_signal",
                            f"funding round {m.group(1)!r} is not the brief's: {quote!r}",
                            {"signal_type": "funding", "phrase": m.group(1), "sentence": quote},
                        )
                    )
        ai = task.ai_maturity
        if not (ai.score == 3 or (ai.score == 2 and ai.confidence == "high")):
            ai_terms, gap_terms = g.honesty_set("ai_terms"), g.honesty_set("gap_terms")
            # Naming a peer gap that is itself an AI capability pitches it, gap words or not.
            ai_gaps = {
                s.id
                for s in task.signals
                if s.type == "capability_gap"
                and (
                    str(s.facts["ai_capability"]).lower() == "yes"
                    if "ai_capability" in s.facts
                    else ai_terms.any(normalize(s.text))
                )
            }
            for m in find_mentions(view):
                if m.signal in ai_gaps and m.how != "cue":
                    s = view.sentences[m.sentence]
                    out.append(
                        Reason(
                            "ai_gap_pitch",
                            f"AI capability gap {m.signal!r} named at AI maturity {ai.score} ({ai.confidence}): {s.quote!r}",
                            {"sentence": s.quote, "signal": m.signal, "named_by": m.words},
                        )
                    )
                    break
            company = normalize(task.prospect.company)
            for s in view.sentences:
                # The company's own name is no AI term ("Pylonfield AI is ahead of its peers on sync").
                text = s.text.replace(company, " " * len(company)) if company else s.text
                if not ai_terms.any(text):
                    continue
                gaps = [h for h in gap_terms.find(text) if not negated(text, h.start, h.end, g)]
                if gaps:
                    out.append(
                        Reason(
                            "ai_gap_pitch",
                            f"AI capability-gap pitch at AI maturity {ai.score} "
                            f"({ai.confidence}): {s.quote!r}",
                            {"sentence": s.quote, "phrase": s.text[gaps[0].start : gaps[0].end]},
                        )
                    )
        return out


def _negated_hit(view: EmailView, text: str, start: int, end: int) -> bool:
    """A phrase in a negation's scope, or one holding its own negation ("our delivery lead will not
    need to follow up", "we can not sign")."""
    return negated(text, start, end, view.guide) or view.guide.negation_pre.any(text[start:end])


def _found(view: EmailView, path: str, code: str, message: str, **details) -> list[Reason]:
    """A reason per sentence of the writer's own holding a phrase of the replies set at `path`
    outside a negation's scope ("we will not match their rate" declines)."""
    out = []
    phrases = view.reply_set(path)
    for s in view.sentences:
        for hit in phrases.find(s.text):
            said = s.text[hit.start : hit.end]
            if _negated_hit(view, s.text, hit.start, hit.end):
                continue
            out.append(
                Reason(code, message.format(said=said, quote=s.quote), {"phrase": said, "sentence": s.quote, **details})
            )
            break
    return out


def _handoff(view: EmailView) -> list[Reason]:
    """A hand-off trigger in the prospect's reply: the reply says the delivery lead will follow up, and
    commits to nothing only they can confirm (the number rules apply as to every email)."""
    r = view.guide.replies["handoff"]
    role, trigger = r["role"], view.task.constraints.handoff
    out = []
    said = [
        s for s in view.sentences
        for h in view.reply_set("handoff.phrases").find(s.text)
        if not _negated_hit(view, s.text, h.start, h.end)
    ]
    if not said:
        out.append(
            Reason(
                "no_handoff",
                f"hand-off ({trigger.replace('_', ' ')}): the reply does not say that the {role} will follow up",
                {"handoff": trigger},
            )
        )
    for kind in r["commitments"]:
        out += _found(
            view,
            f"handoff.commitments.{kind}",
            "handoff_commitment",
            f"hand-off: commits to what the {role} must confirm ({kind.replace('_', ' ')}): {{said!r}} in {{quote!r}}",
            handoff=trigger,
            commitment=kind,
        )
    return out


def _stack_words(task: Task, g) -> dict[str, str]:
    """Normalised stack names of the task's bench, with the style guide's aliases ("infrastructure"
    for infra, "machine learning" for ml)."""
    def compute(t: Task) -> dict[str, str]:
        words = {normalize(st): st for st in t.bench}
        for st, names in g.raw["honesty"].get("stack_aliases", {}).items():
            if st in t.bench:
                words.update({normalize(a): st for a in names})
        return words

    return task_cached(task, f"stack_words:{g.sha256}", compute)


# Two or more capitalised words ("Project Atlas", "Maria Lopez"): a named fact of a thread.
_PROPER_NAME = regex.compile(r"\b\p{Lu}[\p{L}\d]+(?:[ -]\p{Lu}[\p{L}\d]+)+")


def _other_thread_facts(task: Task) -> list[tuple[int, str, tuple[str, ...]]]:
    """(thread number, the fact as written, its canonical tokens) for every fact of the other threads
    that the task's own brief and thread do not hold."""
    from tenacious_bench.numbers import canonical_tokens

    own = " ".join(canonical_tokens(_prospect_text(task)))
    out: list[tuple[int, str, tuple[str, ...]]] = []
    for no, thread in enumerate(task.other_threads or [], 1):
        for m in thread:
            body = m.body
            candidates = [x.group(0) for x in _PROPER_NAME.finditer(body)]
            norm = normalize(body)
            for n in find_numbers(norm):
                noun = _following_words(norm, n.end, 2)
                if noun:
                    candidates.append(f"{n.text.strip()} {' '.join(noun)}")
            for c in candidates:
                seq = tuple(canonical_tokens(normalize(c)))
                if seq and " ".join(seq) not in own and seq not in {x[2] for x in out}:
                    out.append((no, c, seq))
    return out


def _mentions_of(view: EmailView, signal_id: str) -> list[Mention]:
    return [m for m in find_mentions(view) if m.signal == signal_id]


def _in_refusal(text: str, n: NumberMention, g) -> bool:
    """The number sits in a clause that refuses something ("I cannot staff 6", "the other eight")."""
    c = clause_at(text, g, n.start)
    return g.refusal_phrases.any(text[c.start : c.end])


_OUR_PRICE = regex.compile(
    r"\b(?:from|starting at|starts at|start at|at|for|our rate|our price|we can do|we could do|we charge|"
    r"we would charge|rate of|price of|priced at|comes to|come in at|would be)\s*$"
)


def _offered_price(view: EmailView, s: Sentence, n: NumberMention) -> bool:
    """A brief's price (the prospect's target, another vendor's quote) offered as ours: "from $8,000"."""
    before = s.text[max(0, n.start - 24) : n.start]
    if _QUOTING_PROSPECT.search(s.text) or _REFERENCE_TO_PROSPECT.search(s.text):
        return bool(_GRANTS.search(s.text))
    return bool(_OUR_PRICE.search(before)) and bool(regex.search(r"\b(?:we|our|i)\b", s.text))

def _relative_matches(phrase: str, d: dt.date, as_of: dt.date) -> bool:
    if d > as_of:
        return False
    days = (as_of - d).days
    if phrase == "yesterday":
        return days == 1
    if phrase == "last week":
        return 3 <= days <= 14
    if phrase == "last month":
        prev = as_of.replace(day=1) - dt.timedelta(days=1)
        return (d.year, d.month) == (prev.year, prev.month)
    if phrase == "last quarter":
        q = (as_of.month - 1) // 3
        prev_q, year = (q - 1) % 4, as_of.year - (1 if q == 0 else 0)
        return d.year == year and (d.month - 1) // 3 == prev_q
    if phrase == "last year":
        return d.year == as_of.year - 1
    if phrase == "earlier this week":
        return days <= 7
    if phrase == "earlier this month":
        return (d.year, d.month) == (as_of.year, as_of.month)
    if phrase == "earlier this quarter":
        return d.year == as_of.year and (d.month - 1) // 3 == (as_of.month - 1) // 3
    if phrase == "earlier this year":
        return d.year == as_of.year
    return False


class _BriefNumbers:
    """The numbers a claim may use: from signal facts and texts, prospect fields, the thread, dates."""

    def __init__(self, task: Task):
        self.dates = _brief_dates(task)
        self.values: dict[str, set[float]] = {
            "money": set(),
            "percent": set(),
            "count": set(),
            "year": set(),
            "quarter": set(),
        }
        for n in find_numbers(task_cached(task, "prospect_text", _prospect_text)):
            self.values[n.kind].add(n.value)
            if n.kind in ("money", "count", "year"):
                self.values["count"].add(n.value)
        for s in task.signals:
            for v in s.facts.values():
                for x in v if isinstance(v, list) else [v]:
                    if isinstance(x, int | float) and not isinstance(x, bool):
                        for k in ("money", "count", "percent"):
                            self.values[k].add(float(x))
        for d in self.dates:
            self.values["year"].add(float(d.year))
            self.values["quarter"].add(float((d.month - 1) // 3 + 1))
        self.values["count"].add(float(task.prospect.employees))
        # Counts the brief shows without writing them, each only with its own words: how many peers a
        # signal lists ("the two peers"), and the engineers available per stack referred back to
        # ("so those 8 fit your window").
        self.list_counts: dict[float, set[str]] = {}
        for s in task.signals:
            for key, v in s.facts.items():
                if isinstance(v, list) and v:
                    self.list_counts.setdefault(float(len(v)), set()).update({key, key.rstrip("s")})
        self.bench_counts = {float(n) for n in task.bench.values()}
        self.bands = [(b.usd_low, b.usd_high) for b in task.pricing_bands]
        # Durations with their unit: "within 30 days" in the brief supports "30 days", not "30 minutes".
        self.durations: set[tuple[float, str]] = set()
        text = task_cached(task, "prospect_text", _prospect_text)
        for n in find_numbers(text):
            unit = _TIME_UNITS.get(next(iter(_following_words(text, n.end, 1)), ""))
            if unit:
                self.durations.add((n.value, unit))
        for s in task.signals:
            for key, v in s.facts.items():
                unit = _TIME_UNITS.get(key.rsplit("_", 1)[-1])
                if unit and isinstance(v, int | float) and not isinstance(v, bool):
                    self.durations.add((float(v), unit))

    def has_duration(self, value: float, unit: str) -> bool:
        return (value, unit) in self.durations

    def approximates(self, n: NumberMention, text: str) -> bool:
        """"about 90 people" for 88 employees: an approximate restatement within 10% of a brief count."""
        if n.kind != "count" or not _APPROX.search(text[max(0, n.start - 16) : n.start]):
            return False
        return any(abs(v - n.value) <= 0.1 * v for v in self.values["count"] if v >= 10)

    def shows(self, n: NumberMention, text: str, after: list[str]) -> bool:
        """A count the brief shows without writing it, used with its own words."""
        if n.kind != "count":
            return False
        if after and after[0] in self.list_counts.get(n.value, ()):
            return True
        return n.value in self.bench_counts and _REFERRED_BACK.search(text[max(0, n.start - 16) : n.start]) is not None

    def has(self, n: NumberMention) -> bool:
        return n.value in self.values[n.kind] or (n.kind == "count" and n.value in self.values["money"])

    def in_band(self, value: float) -> bool:
        return any(lo <= value <= hi for lo, hi in self.bands)
