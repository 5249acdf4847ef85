"""The reference composer: a varied, natural email for any task, built from its brief and verified by the scorer.

`compose_email(task, seed=...)` drafts variants (openings and framings per segment and kind, hedges
matched to each signal's confidence, honest routing to a delivery lead when the request is outside
the bench or the price bands) and returns the first that passes `score_email`. It never returns a
failing email: if no variant passes, it raises `ComposeError` with the scorer's reasons. The result
depends only on (task, seed, style guide): each attempt draws from `random.Random("seed:task:attempt")`.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from tenacious_bench.prompts import limits_of, sender_of
from tenacious_bench.scoring import EmailScore, score_email
from tenacious_bench.style_guide import StyleGuide, load_style_guide
from tenacious_bench.task import Signal, Task

MAX_ATTEMPTS = 80
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_STACK_LABEL = {"python": "Python", "go": "Go", "data": "data", "ml": "ML", "infra": "infrastructure"}


class ComposeError(RuntimeError):
    """No variant of the composer passed the scorer for a task."""


@dataclass(frozen=True)
class _Ctx:
    task: Task
    rng: random.Random
    brevity: int  # 0: full, 1: drop optional sentences, 2: minimal

    @property
    def company(self) -> str:
        return self.task.prospect.company

    @property
    def company_s(self) -> str:
        c = self.company
        return c + ("'" if c.endswith("s") else "'s")

    def pick(self, options: Sequence[str]) -> str:
        return self.rng.choice(list(options))


def _when(ctx: _Ctx, signal: Signal) -> str:
    """" in February" / " in February 2025" from the signal's own date, or "" (no date, no claim)."""
    if not signal.date or ctx.rng.random() < 0.35:
        return ""
    d = dt.date.fromisoformat(signal.date)
    as_of = dt.date.fromisoformat(ctx.task.as_of)
    month = _MONTHS[d.month - 1]
    return f" in {month}" if d.year == as_of.year else f" in {month} {d.year}"


def _anchor(signal: Signal, *, prefer: str = "") -> str:
    for a in signal.anchors:
        if prefer and prefer in a:
            return a
    return signal.anchors[0] if signal.anchors else signal.id


def _fact(signal: Signal, key: str, default=None):
    return signal.facts.get(key, default)


def _stack_of(signal: Signal) -> str | None:
    stack = _fact(signal, "stack")
    if isinstance(stack, list) and stack:
        return stack[0]
    return None


# ------------------------------------------------------------------------------------------------
# Signal sentences. Each returns (statement for high confidence, clause for hedged use).
# ------------------------------------------------------------------------------------------------
_Writer = tuple[list[str], str, Sequence[str]]
_REVIEW_TAILS = ("it may be a sensible moment to look at how delivery is staffed",
                 "a low-key first look at staffing could be timely")


def _funding(ctx: _Ctx, s: Signal) -> _Writer:
    money = _anchor(s, prefer="$")
    rnd = _fact(s, "round")
    what = f"{money} {rnd}" if isinstance(rnd, str) and rnd not in money else money
    when = _when(ctx, s)
    high = [
        f"Congratulations on the {what}{when}; teams at that stage often find hiring plans outrun recruiting.",
        f"The {what}{when} usually means the engineering plan grows faster than the recruiting pipeline.",
        f"After a {what}{when}, most engineering leaders I speak with are rebalancing roadmap and hiring.",
        f"With the {what}{when} done, the next question is usually how fast the engineering team can grow.",
    ]
    return high, f"the {what}{when} is going into engineering hires", (
        "the hiring plan may be moving faster than recruiting", "a managed team could bridge the months before hires land")


def _job_posts(ctx: _Ctx, s: Signal) -> _Writer:
    n = _fact(s, "open_roles")
    role = _fact(s, "role")
    anchor = _anchor(s)
    if isinstance(n, int) and isinstance(role, str) and any(a.startswith(f"{n} open") for a in s.anchors):
        roles = f"{n} open {role} roles" if not role.endswith("s") else f"{n} open {role}"
    else:
        roles = f"{anchor} roles"
    prev = _fact(s, "previous_open_roles")
    trend = ""
    if isinstance(prev, int) and isinstance(n, int) and prev != n and ctx.rng.random() < 0.5:
        trend = f", up from {prev}" if prev < n else f", down from {prev}"
    high = [
        f"I counted {roles}{trend}, which suggests recruiting has a lot to carry right now.",
        f"Seeing {roles}{trend}, I suspect the hiring queue is longer than one recruiter can handle.",
        f"With {roles}{trend}, I imagine interviews are eating into engineering time.",
    ]
    return high, f"the {roles}{trend} reflect real demand on the team", (
        "interviews may be taking time away from delivery", "recruiting could be the bottleneck this quarter")


def _layoff(ctx: _Ctx, s: Signal) -> _Writer:
    pct = _anchor(s, prefer="%")
    when = _when(ctx, s)
    high = [
        f"After the {pct} reduction{when}, many teams keep the same roadmap with fewer people.",
        f"Following the {pct} reduction in headcount{when}, some roadmap work usually needs a new owner.",
        f"The {pct} reduction{when} tends to leave platform work spread across fewer engineers.",
    ]
    return high, f"the {pct} reduction{when} left some engineering work without an owner", (
        "a managed team could keep that work moving", "it may be worth looking at how that work is staffed")


def _leadership(ctx: _Ctx, s: Signal) -> _Writer:
    p = ctx.task.prospect
    leader = _fact(s, "leader_name")
    title = _fact(s, "leader_title")
    when = _when(ctx, s)
    joined = next((a for a in s.anchors if a.lower().startswith("joined")), None)
    if joined and leader == f"{p.first_name} {p.last_name}":
        high = [
            f"Since you {joined}{when}, I expect you are forming a view of how the team is staffed.",
            f"Congratulations, as you {joined}{when}; new leaders often take a fresh look at vendors.",
            f"You {joined}{when}, which is usually when delivery and staffing get a second look.",
        ]
        return high, f"you {joined}{when} and are reviewing how the team is staffed", _REVIEW_TAILS
    name = _anchor(s) if not isinstance(leader, str) else leader
    if name not in s.anchors:
        name = _anchor(s)
    role = f" as {title}" if isinstance(title, str) else ""
    high = [
        f"With {name} joining{role}{when}, teams often take a fresh look at how delivery is staffed.",
        f"I saw that {name} came on board{role}{when}, which is often when vendor choices get revisited.",
        f"Now that {name} has started{role}{when}, the staffing plan may be up for review.",
    ]
    return high, f"{name} joining{role}{when} means the staffing plan is under review", _REVIEW_TAILS


def _capability_gap(ctx: _Ctx, s: Signal) -> _Writer:
    peers = [a for a in s.anchors]
    names = " and ".join(peers[:2]) if len(peers) >= 2 else _anchor(s)
    cap = _fact(s, "capability")
    cap_text = cap if isinstance(cap, str) else "this area"
    high = [
        f"Public material points to {names} working on {cap_text}, and I wondered how {ctx.company} sees it.",
        f"Public material from {names} is about {cap_text}, which may or may not be a priority for {ctx.company}.",
        f"I noticed public work on {cap_text} from {names}; you may well have looked at it already.",
    ]
    return high, f"what {names} have written about {cap_text} is relevant to your plans", (
        "a fixed-scope project could test the idea without pulling your team off the roadmap",
        "it might be worth comparing notes on how that work is usually staffed")


def _tech_stack(ctx: _Ctx, s: Signal) -> _Writer:
    legacy = _anchor(s)
    target = _fact(s, "target")
    to = f" to {target}" if isinstance(target, str) and target in s.text else ""  # only what the brief says
    high = [
        f"Moving off {legacy}{to} while still shipping features is a common place where a managed team helps.",
        f"A migration from {legacy}{to} tends to compete with the product roadmap for the same engineers.",
        f"Keeping {legacy} running while planning the move{to} is slow work for any in-house team.",
    ]
    return high, f"the move off {legacy}{to} is competing with roadmap work", (
        "a managed team could carry the migration while your engineers ship features",)


def _market(ctx: _Ctx, s: Signal) -> _Writer:
    pct = _anchor(s, prefer="%")
    market = _fact(s, "market")
    where = f" in {market} spend" if isinstance(market, str) else ""
    high = [
        f"Industry figures put growth{where} at {pct}, which tends to pull engineering in several directions.",
        f"The {pct} growth{where} reported this year usually shows up as more customer demands on engineering.",
    ]
    return high, f"the {pct} growth{where} is reaching your customers", (
        "engineering demand may be rising with it",)


def _referral(ctx: _Ctx, s: Signal) -> _Writer:
    ref = _anchor(s)
    high = [
        f"{ref} suggested I write to you, so here is a short note rather than a pitch.",
        f"I am writing because {ref} thought our work might be relevant to {ctx.company}.",
        f"{ref} mentioned you might find it useful to hear how we staff engineering work.",
    ]
    return high, f"{ref} was right that this is a good moment to write", ("a short note seemed better than silence",)


def _thread(ctx: _Ctx, s: Signal) -> _Writer:
    f = s.facts
    anchor = _anchor(s)
    request = f.get("request")
    if request == "monthly rate":
        high = [f"Thanks for your question about rates for the {anchor}.",
                f"On the {anchor} you asked about, here is where pricing sits."]
    elif request == "total price":
        high = [f"Thanks for laying out the {anchor} plan you asked about.",
                f"I read the {anchor} plan you described, and you asked for one figure for it."]
    elif request == "reduced rate":
        high = [f"Thank you for being open about budget and the {anchor} you mentioned.",
                f"I understand the budget pressure behind the {anchor} you mentioned."]
    elif "project" in f:
        high = [f"Thanks for explaining where {anchor} stands and the date you committed to.",
                f"It helps to know that {anchor} is the pressure point you mentioned."]
    elif "engineers_requested" in f:
        days = f.get("start_within_days")
        within = f" within {days} days" if isinstance(days, int) else ""
        high = [f"Thanks for the clear note on the {anchor} you need{within}.",
                f"I read your note about the {anchor} you asked for{within}."]
    else:
        high = [f"Thanks for the detail on {anchor} in your note.",
                f"I read what you wrote about {anchor} in your note."]
    return high, f"{anchor} is still what you need", ("here is how we would approach it",)


def _generic(ctx: _Ctx, s: Signal) -> _Writer:
    anchor = _anchor(s)
    return ([f"I read about {anchor} while looking at {ctx.company} this week."],
            f"{anchor} is still current for {ctx.company}", ("it may be worth a look at how that work is staffed",))


_SIGNAL_WRITERS = {
    "funding": _funding, "job_posts": _job_posts, "layoff": _layoff, "leadership_change": _leadership,
    "capability_gap": _capability_gap, "tech_stack": _tech_stack, "market": _market, "referral": _referral,
    "thread": _thread,
}


def _signal_sentence(ctx: _Ctx, s: Signal) -> str:
    high, clause, tails = _SIGNAL_WRITERS.get(s.type, _generic)(ctx, s)
    if s.confidence == "high":
        return ctx.pick(high)
    if s.confidence == "medium":
        return f"If {clause}, {ctx.pick(tails)}."
    return ctx.pick((
        f"I cannot tell from the outside whether {clause}.",
        f"Is it fair to say that {clause}?",
        f"From the outside it is hard to tell whether {clause}, so correct me if I am wrong.",
    ))


# ------------------------------------------------------------------------------------------------
# Offers: what Tenacious can say it does, within bench and bands; otherwise routed to a person.
# ------------------------------------------------------------------------------------------------
def _band(task: Task, word: str):
    return next((b for b in task.pricing_bands if word in b.name.lower()), None)


def _money(v: int) -> str:
    return f"${v:,}"


def _offer_for_thread(ctx: _Ctx, s: Signal) -> list[str]:
    task = ctx.task
    f = s.facts
    request = f.get("request")
    senior = _band(task, "senior")
    out: list[str] = []
    if request == "total price":
        out.append(ctx.pick((
            "I would rather not put one figure on a multi-phase plan by email; our delivery lead prices each "
            "phase with you once scope is clear.",
            "A single figure for the whole plan is something our delivery lead works out with you phase by "
            "phase, so I will not guess one here.",
        )))
        if senior and ctx.brevity < 2:
            out.append(f"For orientation, our published senior rate is {_money(senior.usd_low)} to "
                       f"{_money(senior.usd_high)} {senior.unit}.")
        return out
    if request == "reduced rate":
        if senior:
            out.append(f"Our senior rate stays inside the published band of {_money(senior.usd_low)} to "
                       f"{_money(senior.usd_high)} {senior.unit}, so I cannot go under it.")
        out.append(ctx.pick((
            "Where budget is tight, our delivery lead can look at scope and seniority mix with you instead.",
            "A colleague on the commercial side can look at scope and seniority mix with you instead.",
        )))
        return out
    if request == "monthly rate":
        if senior:
            out.append(ctx.pick((
                f"Our published senior rate is {_money(senior.usd_low)} to {_money(senior.usd_high)} {senior.unit}.",
                f"Senior engineers are billed at {_money(senior.usd_low)} to {_money(senior.usd_high)} {senior.unit}, "
                "our public band.",
            )))
        junior = _band(task, "junior")
        if junior and ctx.brevity == 0 and ctx.rng.random() < 0.5:
            out.append(f"Junior engineers start from {_money(junior.usd_low)} {junior.unit}.")
        out.append(ctx.pick(("Exact pricing depends on the mix, which our delivery lead confirms with you.",
                             "The exact figure depends on the seniority mix, which our delivery lead confirms.",
                             "Our delivery lead confirms the exact figure once the mix is clear.")))
        return out
    if "project" in f:
        out.append(ctx.pick((
            "A managed team with an embedded delivery lead can take a defined slice of that work, usually "
            "deployed in about two weeks.",
            "We could take a defined part of it off your team's plate, with a delivery lead embedded and people "
            "deployed in about two weeks.",
        )))
        return out
    n = f.get("engineers_requested")
    stack = _stack_of(s)
    if isinstance(n, int) and stack in task.bench:
        have = task.bench[stack]
        label = _STACK_LABEL.get(stack, stack)
        if "weeks" in f:
            out.append(ctx.pick(("I cannot hold engineers ahead of a signature, and I would rather not promise who "
                                 "is free later.",
                                 "We do not set engineers aside before a signature, so I will not guess who is free "
                                 "later.",
                                 "Engineers are not set aside ahead of a signature, and I would rather not promise "
                                 "who is free then.")))
        if have >= n:
            out.append(ctx.pick((
                f"Today we have {have} {label} engineers available, so the request is within what we can staff.",
                f"We have {have} {label} engineers ready to deploy now, which covers the request.",
            )))
            if "weeks" not in f and ctx.brevity < 2:
                out.append(ctx.pick(("They are typically in place in about two weeks.",
                                     "They can usually start in about two weeks.",
                                     "Deployment usually takes about two weeks.")))
        elif have > 0:
            people = "engineer is" if have == 1 else "engineers are"
            out.append(f"Today {have} {label} {people} ready to deploy with us, fewer than the request.")
            out.append(ctx.pick((
                "Rather than promise the rest, I would bring in our delivery lead to plan a phased ramp with you.",
                "I would rather have our delivery lead plan the remainder with you in phases than promise it now.",
                "Our delivery lead can plan the remainder with you in phases; I will not promise it here.",
                "For the rest, our delivery lead can map a phased plan with you instead of me promising numbers.",
            )))
        else:
            out.append(f"We do not have {label} engineers free right now, so I will not promise a start date.")
            out.append("Our delivery lead can tell you honestly when that changes.")
        return out
    return out


def _segment_framing(ctx: _Ctx, guide: StyleGuide) -> str | None:
    """One line of segment framing (the guide's company_profile.segment_framing), only where the
    brief carries the signal it relies on."""
    task = ctx.task
    types = {s.type for s in task.signals if s.confidence == "high"}  # framing asserts: only on firm ground
    ai = task.ai_maturity
    lines = guide.company_profile["segment_framing"]
    key: int | str | None = None
    if task.segment == 1 and "funding" in types:
        key = 1
    elif task.segment == 2 and "layoff" in types:
        key = 2
    elif task.segment == 3 and "leadership_change" in types:
        key = 3
    elif task.segment == 4:
        key = "4_ai" if ai.score == 3 or (ai.score == 2 and ai.confidence == "high") else 4
    if key is None or key not in lines:
        return None
    return ctx.pick(lines[key]).format(stacks=_core_stacks(task))


def _core_stacks(task: Task) -> str:
    """"Python, Go and data engineers", naming only the stacks the bench has engineers in now."""
    labels = [label for key, label in (("python", "Python"), ("go", "Go"), ("data", "data")) if task.bench.get(key, 0) > 0]
    if not labels:
        return "engineering teams"
    listed = labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]
    return listed + " engineers"


def _value_lines(guide: StyleGuide) -> list[str]:
    """The company's sentences about itself, from the style guide's company_profile.value_lines."""
    return list(guide.company_profile["value_lines"])
_ZERO = (
    "I do not have a specific signal about {company_s} plans, so this is a plain introduction.",
    "I have no particular news about {company} to point to, so this is simply an introduction.",
)


def _ask(ctx: _Ctx) -> str:
    kind = ctx.task.kind
    if kind == "warm_reply":
        options = ("Would 30 minutes with our delivery lead this week work for you?",
                   "Would 15 minutes this week to go over it be useful?",
                   "Does a 30-minute call with our delivery lead this week work for you?",
                   "Shall I set up 30 minutes with our delivery lead this week?",
                   "Would a 30-minute call with our delivery lead next week help?",
                   "Are you open to 15 minutes this week to go through it together?",
                   "Could we take 30 minutes with our delivery lead this week to work through it?",
                   "Would 30 minutes this week to go through it be useful?",
                   "Would 15 minutes next week to go over it be useful?",
                   "Would a short call with our delivery lead this week be useful?",
                   "Would it help to spend 15 minutes on it next week?",
                   "Is a 30-minute call with our delivery lead next week worth it?",
                   "Could we spend 15 minutes on it this week?")
    elif kind == "re_engagement":
        options = ("No reply needed; I just wanted you to have this.",
                   "Want me to send the one-page summary?",
                   "If it is on your roadmap, would 15 minutes next week help?",
                   "Reply with your current bottleneck if it is useful.",
                   "Should I send the one-page summary?",
                   "Are you open to 15 minutes next week to look at it?",
                   "No reply needed if the timing is wrong; this is just for your files.",
                   "Would a short call next week be worth it?")
    else:
        options = ("Would 15 minutes next week be useful?",
                   "If that is on your roadmap, would 15 minutes next week be useful?",
                   "Want me to send the one-pager?",
                   "Reply with your current bottleneck if a short note from us would help.",
                   "Would a 15-minute call next week be worth it?",
                   "Are you open to 15 minutes next week?",
                   "Should I send a one-page summary of how this usually works?",
                   "Could we find 15 minutes next week to compare notes?",
                   "Is a 15-minute call next week worth it?",
                   "Would a 30-minute call next week be useful?",
                   "Would a short call next week be useful?",
                   "Are you open to a 15-minute call next week?",
                   "Would a one-page summary of how we work be useful?",
                   "Would 15 minutes later this month be useful?",
                   "Could I send over a one-page overview?",
                   "Are you open to a short call next week?",
                   "Would 30 minutes next week be worth it to you?",
                   "If useful, reply with your current bottleneck and I will tailor a note.")
    return ctx.pick(options)


def _subject(ctx: _Ctx, limit: int) -> str:
    task = ctx.task
    c = task.prospect.company
    if task.kind == "warm_reply" and task.thread:
        last = task.thread[-1].subject
        base = last if last.lower().startswith("re:") else f"Re: {last}"
        if last and len(base) <= limit:
            return base
    topic = {1: "hiring plan", 2: "engineering capacity", 3: "team plans", 4: "specialised projects"}[task.segment]
    options = {
        "cold": (f"Request: 15 minutes on {ctx.company_s} {topic}", f"Context: {topic} at {c}",
                 f"Question: {topic} at {c}", f"Resource: notes on {topic} for {c}"),
        "warm_reply": (f"Re: {topic} at {c}", f"Re: your note on {topic}"),
        "re_engagement": (f"New: {topic} at {c}", f"Context: a new idea on {topic}", f"Resource: {topic} at {c}"),
    }[task.kind]
    fitting = [o for o in options if len(o) <= limit]
    return ctx.pick(fitting) if fitting else f"Request: {topic}"[:limit]


def _signature(ctx: _Ctx, guide: StyleGuide) -> str:
    sender = sender_of(ctx.task, guide)
    name, title = sender["first_name"], sender["title"]
    off = ctx.pick(("Best", "Best", "Thanks", "Kind regards", "Regards"))
    lines = [name, title, *guide.signature_lines] if ctx.rng.random() < 0.5 else [name]
    return f"{off},\n" + "\n".join(lines)


def _repeats(a: str, b: str) -> bool:
    """Two sentences that state the same fact (>= 80% content-word overlap; see coherence)."""
    from tenacious_bench.coherence import REPEAT_OVERLAP, overlap

    return overlap(a, b) >= REPEAT_OVERLAP


# Voices: the shape of an email, drawn per attempt. "plain": signal, offer, ask in three paragraphs;
# "compact": signal and offer in one paragraph, no segment framing; "candid": the offer follows a
# sentence naming what the brief does not show; "thanks" (warm replies): an acknowledgement first.
_VOICES = {"cold": ("plain", "compact", "candid"), "re_engagement": ("plain", "compact", "candid"),
           "warm_reply": ("plain", "compact", "thanks")}
_UNKNOWN = (
    "What I cannot see from the outside is how your team is staffed for this today.",
    "I do not know how your team splits this work today, so this may not fit.",
    "I have no view of your current staffing, so treat this as a question rather than a pitch.",
    "From the outside I cannot tell how much of this your own team already covers.",
    "I may be missing context on how you staff this today.",
    "I cannot tell from here whether your own team already covers this.",
    "I do not know your current setup, so this is an open question more than an offer.",
)
_THANKS = (
    "Thanks for getting back to me.",
    "Thank you for the reply and for being specific.",
    "Thanks for the detail in your reply.",
    "Thank you for coming back on this.",
)


def _draft(task: Task, guide: StyleGuide, ctx: _Ctx) -> dict[str, str]:
    max_subject, _ = limits_of(task, guide)
    required = [task.signals_by_id[i] for i in task.constraints.required_signals]
    greeting = ctx.pick(("Hi", "Hi", "Hello", "Dear")) + f" {task.prospect.first_name},"
    paragraphs: list[list[str]] = []
    voice = ctx.pick(_VOICES[task.kind]) if ctx.brevity == 0 else "plain"

    opening: list[str] = []
    thanks = voice == "thanks" and bool(task.thread)
    thread_signals = [s for s in required if s.type == "thread"]
    other = [s for s in required if s.type != "thread"]
    if task.kind == "re_engagement" and ctx.brevity < 2:
        opening.append(ctx.pick(("There is something new since we last wrote.",
                                 "Something has changed since my earlier note.",
                                 "I am writing again because there is a new development.",
                                 "One thing has changed since my earlier email.",
                                 "Here is something new since we were last in touch.",
                                 "I am following my earlier note with something new.")))
    for s in thread_signals:
        opening.append(_signal_sentence(ctx, s))
    for s in other:
        opening.append(_signal_sentence(ctx, s))
    if not required:
        opening.append(ctx.pick(_ZERO).format(company=task.prospect.company, company_s=ctx.company_s))
    if thanks and not opening[0].startswith("Thank"):  # one thank-you, not two in a row
        opening.insert(0, ctx.pick(_THANKS))
    paragraphs.append(opening)

    offer: list[str] = []
    for s in thread_signals:
        offer.extend(_offer_for_thread(ctx, s))
    if not offer:
        framing = _segment_framing(ctx, guide) if voice != "compact" else None
        if voice == "candid":
            offer.append(ctx.pick(_UNKNOWN))
        elif framing and ctx.brevity < 2:
            offer.append(framing)
        if ctx.brevity == 0 or not framing:
            short_name = guide.company_profile.get("short_name", guide.company_name)
            value = ctx.pick(_value_lines(guide)).format(stacks=_core_stacks(ctx.task), short_name=short_name)
            if not (offer and _repeats(offer[-1], value)):  # never the same fact twice in a row
                offer.append(value)
    if offer and voice == "compact":
        paragraphs[-1] = paragraphs[-1] + offer
    elif offer:
        paragraphs.append(offer)
    paragraphs.append([_ask(ctx)])
    body = greeting + "\n\n" + "\n\n".join(" ".join(p) for p in paragraphs) + "\n\n" + _signature(ctx, guide)
    return {"subject": _subject(ctx, max_subject), "body": body}


def compose_email(task: Task, style_guide: StyleGuide | str | None = None, seed: int = 0) -> dict[str, str]:
    """A passing {subject, body} email for `task`; raises ComposeError if no variant passes the scorer."""
    guide = load_style_guide(style_guide)
    return _first_passing(task, guide, f"{seed}:{task.task_id}:", lambda ctx: _draft(task, guide, ctx),
                          "variant")


def _first_passing(task: Task, guide: StyleGuide, rng_prefix: str, draft: Callable[[_Ctx], dict[str, str]],
                   what: str) -> dict[str, str]:
    """The first of up to MAX_ATTEMPTS seeded drafts that passes the scorer (later attempts are
    briefer); ComposeError with the last failures otherwise."""
    last: EmailScore | None = None
    for attempt in range(MAX_ATTEMPTS):
        email = draft(_Ctx(task, random.Random(f"{rng_prefix}{attempt}"), brevity=min(2, attempt // 20)))
        score = score_email(task, email, guide)
        if score.passed:
            return email
        last = score
    reasons = "; ".join(last.failure_reasons()) if last else "no attempt"
    raise ComposeError(f"task {task.task_id}: no composed {what} passes the scorer after {MAX_ATTEMPTS} "
                       f"attempts; last failures: {reasons}")


# ------------------------------------------------------------------------------------------------
# Next messages (schema 1.1, kind next_message): the answer to the prospect's latest reply, by class.
# ------------------------------------------------------------------------------------------------

_ACK = {
    "engaged": ("Thanks for getting back to me.", "Thank you for the reply and for being specific.",
                "Thanks for the detail in your reply.", "Thank you for coming back on this.",
                "Thanks for the clear question about working with {company}.",
                "Thank you for the reply, and for being open about what {company} needs."),
    "curious": ("Thanks for asking.", "Happy to explain.", "Good question, and a fair one.",
                "Thanks for the reply; here is the short version.", "Glad you asked."),
}
_HANDOFF_TOPIC = {
    "price_outside_bands": ("pricing", "the commercial side", "the rate question"),
    "total_contract": ("the overall figure", "pricing for each phase", "the numbers for the plan"),
    "staffing": ("staffing", "the staffing plan", "who could join and when"),
    "client_reference": ("references", "a reference in your sector", "client references"),
    "legal_terms": ("the contract terms", "the legal questions", "the contract questions"),
}
_HANDOFF_LINES = (
    "Our delivery lead will follow up with you directly on {topic}.",
    "Our delivery lead will follow up on {topic} with you this week.",
    "I have asked our delivery lead to follow up with you on {topic}.",
    "Our delivery lead will be in touch about {topic}, since that is theirs to confirm.",
)
_HANDOFF_OPENERS = {
    "client_reference": ("I would rather not name clients in an email without their agreement.",
                         "Client names are not mine to share without the client's agreement.",
                         "I cannot name a client here without asking them first."),
    "legal_terms": ("Contract terms are not something I can confirm by email.",
                    "I am not the right person to commit to contract terms.",
                    "I would rather not answer contract questions without the right person involved."),
}
_NM_CALL_ASKS = (
    "Would 30 minutes with our delivery lead this week work for you?",
    "Would 15 minutes this week to go over it be useful?",
    "Does a 30-minute call with our delivery lead this week work for you?",
    "Would a 30-minute call with our delivery lead next week help?",
    "Are you open to 15 minutes this week to go through it together?",
    "Would 15 minutes next week to go over it be useful?",
    "Could we spend 15 minutes on it this week?",
)
# What the company does, in one sentence (from the style guide's company_profile.description).
_CURIOUS_CONTEXT = (
    "In short, {short_name} {description}.",
    "{short_name} {description}.",
    "The short version: {short_name} {description}.",
    "We are {short_name}, and the company {description}.",
)
_CURIOUS_ASKS = (
    "Would 15 minutes next week be useful?",
    "Are you open to 15 minutes next week?",
    "Would a 15-minute call next week be worth it?",
    "Could we find 15 minutes next week to compare notes?",
    "Is a 15-minute call next week worth it?",
)
_DEFER_ACKS = (
    "Understood, and thanks for letting me know where {company} stands.",
    "Thanks for the honest answer; the timing at {company} makes sense.",
    "Completely understood, and thank you for the update on {company}.",
    "That makes sense, and thank you for saying so.",
    "Thanks for the note; I understand the timing.",
)
_DEFER_CLOSES = (
    "I will write again in {month}, when the timing may suit you better.",
    "I will get back in touch about {company} in {month}.",
    "I will check in again in {month}, and not before.",
    "I have made a note to write again to {company} in {month}.",
    "I will leave it here and come back to you in {month}.",
)
_DEFER_WISHES = (
    "Good luck with everything until then.",
    "I hope the coming weeks go smoothly.",
    "All the best with the work in the meantime.",
    "",
)
_OBJECTION_LINES: dict[str, dict[str, tuple[str, ...]]] = {
    "price": {
        "ack": ("That is a fair point: our rates are higher than some of the alternatives.",
                "You are right that we are not the lowest-priced option for {company}.",
                "Fair enough; on rate alone we are more expensive than some providers.",
                "I understand, and you are right that our rates sit above some of the alternatives."),
        "mechanism": ("What the rate pays for is reliability: engineers with at least three hours of overlap with "
                      "your time zone, and a delivery lead embedded on request.",
                      "The difference goes into overlap and continuity: at least three hours a day in the {company} "
                      "working day, and the same engineers for the length of the engagement.",
                      "Where we earn the difference is continuity: the same engineers stay on the {company} work, "
                      "with at least three hours of overlap with your team every day.",
                      "Our teams keep at least three hours of overlap with your working day, which is usually "
                      "where cheaper arrangements lose time."),
        "ask": ("Would 15 minutes on how the overlap works in practice be useful?",
                "Would a short call on how we keep the same engineers on your work be useful?",
                "Are you open to 15 minutes on how that overlap works day to day?"),
    },
    "incumbent": {
        "ack": ("It sounds like the current setup at {company} works well for its core scope, and I would not "
                "suggest changing that.",
                "That makes sense; an arrangement that works for your core work is worth keeping.",
                "Understood, and it sounds like the current setup covers the core work well."),
        "gap": ("Where teams in that position sometimes add us is a specific piece of work beyond that scope, "
                "such as a new initiative nobody has capacity for.",
                "Where we tend to help is next to an existing team, on a separate initiative that needs capacity "
                "the current team does not have.",
                "The place we usually fit is a specialised capability or a new project outside that scope."),
        "ask": ("If a project like that comes up, would 15 minutes be useful?",
                "Would 15 minutes to compare notes on that be useful?",
                "Are you open to a short call if that kind of work is on the plan?"),
    },
    "small_poc": {
        "ack": ("Starting small is the right call for {company}.",
                "Agreed, a small first step is the sensible way for {company} to start.",
                "That makes sense; starting small is how we would suggest doing it too."),
        "floor": ("Our fixed-scope starter projects start at {floor}, which keeps the first step contained.",
                  "The smallest engagement we offer is a fixed-scope starter project from {floor}.",
                  "A fixed-scope starter project starts at {floor}, so the first step stays small."),
        "ask": ("Would a 30-minute scoping call to find the smallest deliverable that would prove the value be "
                "useful?",
                "Could we take 30 minutes to scope the smallest deliverable that would show you it works?",
                "Would a short scoping call to pick the smallest deliverable that proves the value work for you?"),
    },
    "offshore": {
        "ack": ("That concern is fair, and handoffs across time zones are where many of those arrangements break.",
                "I understand; a bad experience with a distant team is hard to forget.",
                "That is a reasonable worry, and I would rather address it directly."),
        "mechanism": ("Our teams keep at least three hours of synchronous overlap with the {company} working day, "
                      "so reviews and standups happen in your hours.",
                      "Every team we place works at least three hours a day in your time zone, with a delivery lead "
                      "embedded on request.",
                      "The engineers keep at least three hours of overlap with your team each day, and a delivery "
                      "lead can sit in your standups."),
        "ask": ("Would 15 minutes to walk through how the overlap works be useful?",
                "Are you open to a short call on how the overlap works in practice?",
                "Would a 15-minute call on how that works day to day help?"),
    },
}


def _reply_class(task: Task) -> str:
    value = getattr(task.constraints, "reply_class", None)
    if task.kind != "next_message" or value is None:
        raise ComposeError(f"task {task.task_id}: compose_next_message needs a next_message task with "
                           f"constraints.reply_class, got kind {task.kind!r}")
    return str(value)


def _next_subject(ctx: _Ctx, limit: int) -> str:
    task = ctx.task
    last = task.thread[-1].subject if task.thread else ""
    base = last if last.lower().startswith("re:") else f"Re: {last}"
    if last and len(base) <= limit:
        return base
    topic = {1: "hiring plan", 2: "engineering capacity", 3: "team plans", 4: "specialised projects"}[task.segment]
    return ctx.pick([o for o in (f"Re: {topic} at {ctx.company}", f"Re: your note on {topic}") if len(o) <= limit]
                    or [f"Re: {topic}"[:limit]])


def _month_named(text: str, after: dt.date) -> str | None:
    """The first month the prospect's reply names, if it is one that is still ahead."""
    import re

    for m in re.finditer(r"\b(" + "|".join(_MONTHS) + r")\b", text, flags=re.IGNORECASE):
        month = m.group(1).capitalize()
        if month == "May" and m.group(1) != "May":  # "we may need it": the verb, not the month
            continue
        if _MONTHS.index(month) + 1 != after.month:
            return month
    return None


def _defer_month(ctx: _Ctx) -> str:
    as_of = dt.date.fromisoformat(ctx.task.as_of)
    named = _month_named(ctx.task.thread[-1].body, as_of)
    if named:
        return named
    return _MONTHS[(as_of.month - 1 + ctx.rng.choice((2, 3, 3, 4))) % 12]


def _handoff_line(ctx: _Ctx, handoff: str) -> str:
    return ctx.pick(_HANDOFF_LINES).format(topic=ctx.pick(_HANDOFF_TOPIC[handoff]))


def _say(ctx: _Ctx, options: Sequence[str]) -> str:
    """One of the options, with the prospect's company named where it says {company}."""
    return ctx.pick(options).replace("{company}", ctx.company)


def _draft_next(task: Task, guide: StyleGuide, ctx: _Ctx, reply_class: str) -> dict[str, str]:
    max_subject, _ = limits_of(task, guide)
    required = [task.signals_by_id[i] for i in task.constraints.required_signals]
    greeting = ctx.pick(("Hi", "Hi", "Hello", "Dear")) + f" {task.prospect.first_name},"
    handoff = getattr(task.constraints, "handoff", None)
    paragraphs: list[list[str]] = []
    if reply_class == "engaged":
        opening = [_signal_sentence(ctx, s) for s in required]
        if not opening or (ctx.brevity == 0 and ctx.rng.random() < 0.4 and not opening[0].startswith("Thank")):
            opening.insert(0, _say(ctx, _ACK["engaged"]))
        if handoff in _HANDOFF_OPENERS:
            opening.append(ctx.pick(_HANDOFF_OPENERS[handoff]))
        paragraphs.append(opening)
        offer = [line for s in required if s.type == "thread" for line in _offer_for_thread(ctx, s)]
        if handoff:
            offer.append(_handoff_line(ctx, handoff))
        if offer:
            paragraphs.append(offer)
        paragraphs.append([ctx.pick(_NM_CALL_ASKS)])
    elif reply_class == "curious":
        opening = [_say(ctx, _ACK["curious"])] if ctx.brevity < 2 else []
        short_name = guide.company_profile.get("short_name", guide.company_name)
        context = ctx.pick(_CURIOUS_CONTEXT).format(short_name=short_name,
                                                    description=guide.company_profile["description"])
        opening.append(context)
        if ctx.brevity == 0 and ctx.rng.random() < 0.5:
            from tenacious_bench.coherence import REPEAT_OVERLAP, overlap

            # A value line that restates the context line would say the same thing twice.
            lines = [v.format(stacks=_core_stacks(task), short_name=short_name) for v in _value_lines(guide)]
            opening.append(ctx.pick([v for v in lines if overlap(v, context) < REPEAT_OVERLAP]))
        paragraphs.append(opening)
        if required:
            paragraphs.append([_signal_sentence(ctx, s) for s in required])
        paragraphs.append([ctx.pick(_CURIOUS_ASKS)])
    elif reply_class == "soft_defer":
        close = _say(ctx, _DEFER_CLOSES).format(month=_defer_month(ctx))
        wish = ctx.pick(_DEFER_WISHES) if ctx.brevity < 2 else ""
        paragraphs.append([_say(ctx, _DEFER_ACKS)])
        paragraphs.append([close, wish] if wish else [close])
    elif reply_class == "objection":
        kind = getattr(task.constraints, "objection", None)
        lines = _OBJECTION_LINES[str(kind)]
        if kind == "small_poc":
            starter = _band(task, "starter")
            if starter is None:
                raise ComposeError(f"task {task.task_id}: a small_poc objection needs a starter project band "
                                   "in pricing_bands (the reply names the starter floor)")
            paragraphs.append([_say(ctx, lines["ack"]), ctx.pick(lines["floor"]).format(floor=_money(starter.usd_low))])
        elif kind == "incumbent":
            finding = [_signal_sentence(ctx, s) for s in required]
            paragraphs.append([_say(ctx, lines["ack"])])
            paragraphs.append([*finding, ctx.pick(lines["gap"])])
        else:
            paragraphs.append([_say(ctx, lines["ack"]), _say(ctx, lines["mechanism"])])
        if handoff:
            paragraphs[-1].append(_handoff_line(ctx, handoff))
        paragraphs.append([ctx.pick(lines["ask"])])
    else:
        raise ComposeError(f"task {task.task_id}: no composer for reply class {reply_class!r}")
    body = greeting + "\n\n" + "\n\n".join(" ".join(p) for p in paragraphs if p) + "\n\n" + _signature(ctx, guide)
    return {"subject": _next_subject(ctx, max_subject), "body": body}


def compose_next_message(task: Task, style_guide: StyleGuide | str | None = None, seed: int = 0) -> dict[str, str]:
    """The next message for a next_message task that passes the scorer: `NO_REPLY` for a hard no, else
    an email drafted by the task's reply class (replies.md) and verified by `score_email`; raises
    ComposeError if no variant passes. Depends only on (task, seed, style guide)."""
    guide = load_style_guide(style_guide)
    reply_class = _reply_class(task)
    if reply_class == "hard_no":
        answer = {"subject": "", "body": guide.no_reply_token}
        score = score_email(task, answer, guide)
        if not score.passed:
            raise ComposeError(f"task {task.task_id}: the no-reply answer fails the scorer on a hard no: "
                               + "; ".join(score.failure_reasons()))
        return answer
    return _first_passing(task, guide, f"{seed}:{task.task_id}:next:",
                          lambda ctx: _draft_next(task, guide, ctx, reply_class), "next message")
