"""The one prompt builder: every door (Inspect, lm-eval, training, CLI) sends exactly these messages.

Two variants. `full` (the default) states every rule family the scorer enforces, rendered from the
style-guide file, so a user's guide renders its own rules. `short` is the PROMPT_VERSION 1 prompt,
byte for byte (the base condition of the training study; a test pins its hash).

`render_brief` is the natural-language rendering of a task's brief (what the prompt shows of the
task); the contamination checker compares these renderings, without the shared instruction template.
"""

from __future__ import annotations

from tenacious_bench.style_guide import StyleGuide, load_style_guide
from tenacious_bench.task import Task

PROMPT_VERSION = "2"
PROMPT_VARIANTS = ("full", "short")
DEFAULT_PROMPT_VARIANT = "full"

_KIND_LABEL = {
    "cold": "cold outreach",
    "warm_reply": "warm reply",
    "re_engagement": "re-engagement",
    "next_message": "next message",
}
# What each kind of prospect reply looks like (replies.md), for the next_message prompt. The prompt
# states the rules of every class and never names the task's own class.
_REPLY_LOOKS = {
    "engaged": "an engaged reply (a specific question, context, numbers, a need)",
    "curious": 'a curious reply ("tell me more", "what do you do exactly?")',
    "soft_defer": 'a soft defer ("not now", "ask me next quarter", "too busy")',
    "objection": "an objection (price, an incumbent vendor or in-house team, only a small proof of concept, "
    "offshore concerns)",
}
_REPLY_DOES = {
    "engaged": "answer the question from the brief (available engineers, pricing bands, service facts), one "
    "extra piece of value at most",
    "curious": "a short context reply tied to the signal of the first email",
    "soft_defer": "a gracious close",
    "objection": "the objection reply below",
}
_SEGMENT_LABEL = {
    1: "Segment 1: recently funded (Series A/B)",
    2: "Segment 2: mid-market, restructuring after layoffs",
    3: "Segment 3: new engineering leader (within 90 days)",
    4: "Segment 4: specialised capability gap versus named peers",
}


def sender_of(task: Task, guide: StyleGuide) -> dict[str, str]:
    if task.sender is not None:
        return {"first_name": task.sender.first_name, "title": task.sender.title}
    return dict(guide.default_sender)


def limits_of(task: Task, guide: StyleGuide) -> tuple[int, int]:
    """(max subject characters, max body words): the task's override, else the style guide's default
    (by kind; a next_message reply's by its reply class, 0 for a hard no: no email may be sent)."""
    subject = task.constraints.max_subject_chars or guide.max_subject_chars()
    if task.kind == "next_message":
        words = task.constraints.max_body_words or guide.reply_max_body_words(task.constraints.reply_class or "")
    else:
        words = task.constraints.max_body_words or guide.max_body_words(task.kind)
    return subject, words


def render_brief(task: Task, guide: StyleGuide | None = None) -> str:
    """The brief as the prompt shows it: prospect, segment, signals, AI maturity, capacity, prices, thread.

    The company's earlier thread messages are labelled with its short name from the style guide."""
    us = load_style_guide(guide).company_profile["short_name"]
    p = task.prospect
    lines = [
        f"Prospect: {p.first_name} {p.last_name}, {p.title} at {p.company} ({p.domain}), "
        f"{p.employees} employees, {p.location}.",
        f"ICP segment: {_SEGMENT_LABEL[task.segment]}.",
        "Signals:",
    ]
    if task.signals:
        for s in task.signals:
            date = f", dated {s.date}" if s.date else ""
            lines.append(f"- [{s.id}] {s.type}, confidence {s.confidence}{date}: {s.text}")
    else:
        lines.append("- none: the brief holds no signal about this prospect.")
    lines.append(f"AI maturity: {task.ai_maturity.score} of 3 (confidence {task.ai_maturity.confidence}).")
    capacity = ", ".join(f"{stack} {n}" for stack, n in task.bench.items()) or "none"
    lines.append(f"Engineers available now, by stack: {capacity}.")
    if task.pricing_bands:
        lines.append("Public pricing bands:")
        for b in task.pricing_bands:
            lines.append(f"- {b.name}: ${b.usd_low:,} to ${b.usd_high:,} {b.unit}")
    else:
        lines.append("Public pricing bands: none given.")
    if task.thread:
        lines.append("Prior thread (oldest first):")
        for m in task.thread:
            who = "Prospect" if m.from_ == "prospect" else us
            subject = f' subject "{m.subject}"' if m.subject else ""
            lines.append(f"--- {who}, {m.channel}, {m.date}{subject}:\n{m.body}")
        lines.append("--- end of thread")
    if task.other_threads:
        # Shown so that the rule can be kept (replies.md: each conversation stands alone); the honesty
        # check fails an email that names one of their facts.
        lines.append(f"Other threads at {p.company}, with other people (context only: do not refer to them):")
        for j, thread in enumerate(task.other_threads, 1):
            for m in thread:
                who = "Them" if m.from_ == "prospect" else us
                subject = f' subject "{m.subject}"' if m.subject else ""
                lines.append(f"--- other thread {j}, {who}, {m.channel}, {m.date}{subject}:\n{m.body}")
        lines.append("--- end of other threads")
    return "\n".join(lines)


def system_prompt(guide: StyleGuide, task: Task | None = None) -> str:
    """The short variant's system message (PROMPT_VERSION 1's, byte for byte under the shipped guide);
    for a next_message task, with the reply rules in brief and the no-reply answer."""
    if task is not None and task.kind == "next_message":
        base = system_prompt(guide).removesuffix(ANSWER_FORM)
        return base + short_reply_rules(guide) + "\n" + reply_answer_form(guide)
    company = guide.company_name
    profile = guide.company_profile
    titles = ", ".join(guide.signature_titles)
    return (
        f"You write outreach emails for {company}, which {profile['description']}. Follow the style guide: be direct, grounded in the brief, honest about "
        "how confident each signal is, professional and never condescending.\n"
        "- State only facts the brief supports. High-confidence signals may be stated; medium ones need "
        'conditional language ("if ..."); low ones only as a question or with explicit uncertainty.\n'
        "- Never commit more engineers than the brief shows available, never quote a price outside the "
        "public pricing bands, never state a total contract value or a discount, never invent a deadline "
        "or scarcity. Route anything outside that to a human colleague.\n"
        f"- Exactly one call to action, in the last paragraph; {profile['first_call']}.\n"
        f"- No hype, filler or jargon; {profile['internal_word_rule']}.\n"
        f"- Sign off with your first name; optional further lines are only your title ({titles}) and "
        f"{', '.join(guide.signature_lines)}.\n"
        f"{ANSWER_FORM}"
    )


ANSWER_FORM = ("Answer with the email only, in this form:\nSubject: <subject line>\n\n<greeting>,\n\n<body>\n\n"
               "<sign-off>,\n<first name>")


def reply_answer_form(guide: StyleGuide) -> str:
    token = guide.no_reply_token
    return (f"{ANSWER_FORM}\nOr, when no reply may be sent, answer exactly {token} and nothing else.")


def short_reply_rules(guide: StyleGuide) -> str:
    """The reply rules in brief (the short variant of a next_message prompt)."""
    r = guide.replies
    w = r["max_body_words"]
    months = _or_list([_REPLY_LOOKS[c].split(" (")[0] for c in r["next_touch_month_classes"]])
    no_ask = _or_list([_REPLY_LOOKS[c].split(" (")[0] for c in r["no_ask_classes"]])
    return (
        "- The thread ends with the prospect's latest reply; write the next message. Body at most "
        f"{w['engaged']} words for an engaged reply, {w['curious']} for a curious one, {w['soft_defer']} for a "
        f"soft defer, {w['objection']} for an objection. {no_ask[0].upper()}{no_ask[1:]} has no call to action"
        f" ({months} names a specific month for the next touch). A price objection gets no discount or "
        f"counter-offer; a small proof of concept gets the {r['objections']['small_poc']['floor_band']} from the "
        f"pricing bands. When the prospect asks for what only a human can confirm, say our "
        f"{r['handoff']['role']} will follow up and commit to nothing. A hard no (\"not interested\", \"remove "
        f"me\") gets no reply at all: answer exactly {r['no_reply_token']}.\n"
    )


def user_prompt(task: Task, guide: StyleGuide) -> str:
    """The short variant's user message."""
    return "\n".join(_user_parts(task, guide, full=False))


def _user_parts(task: Task, guide: StyleGuide, *, full: bool) -> list[str]:
    max_subject, max_words = limits_of(task, guide)
    sender = sender_of(task, guide)
    forbidden = "; ".join(task.constraints.forbidden_phrases)
    if full:
        # One short line per signal (its id and the forms that name it), never a sentence: an answer
        # that echoes the prompt must not name a signal by echoing this list.
        lines = [_required_line(task, i) for i in task.constraints.required_signals]
        required = ("each through one of these forms or another of its own specific facts:\n" + "\n".join(lines)
                    if lines else "none (do not invent one; still name the company or a fact of the brief).")
    else:
        required = ", ".join(task.constraints.required_signals) or "none (do not invent one)"
    if task.kind == "next_message":
        opening = (
            "Write the next message of this email thread, answering the prospect's latest reply (the last "
            f"message of the thread), or answer exactly {guide.no_reply_token} if no reply may be sent. "
            f"Date of writing: {task.as_of}."
        )
        # The class's word limit would name the class: only a task's own override is stated.
        body_limit = (
            f"body at most {task.constraints.max_body_words} words"
            if task.constraints.max_body_words
            else "body within the reply rules' limit for this kind of reply"
        )
        limits = f"Limits: subject at most {max_subject} characters; {body_limit}."
    else:
        opening = f"Write a {_KIND_LABEL[task.kind]} email. Date of writing: {task.as_of}."
        limits = f"Limits: subject at most {max_subject} characters; body at most {max_words} words."
    parts = [
        opening,
        f"You are {sender['first_name']}, {sender['title']}.",
        "",
        render_brief(task, guide),
        "",
        f"Task: {task.instruction}",
        f"Signals the email must name specifically: {required}" + ("" if full else "."),
        limits,
    ]
    if forbidden:
        parts.append(f"Do not use these phrases: {forbidden}.")
    return parts


def _required_line(task: Task, signal_id: str) -> str:
    anchors = task.signals_by_id[signal_id].anchors
    return f"- {signal_id}: " + " | ".join(f'"{a}"' for a in anchors) if anchors else f"- {signal_id}"


# ------------------------------------------------------------------------------------------------
# The full variant: every rule family the scorer enforces, rendered from the style-guide file.
# ------------------------------------------------------------------------------------------------
def _plain(entries: list) -> list[str]:
    """The plain (non-regex) phrases of a style-guide phrase list, as written in the file."""
    out = []
    for e in entries:
        phrase = e if isinstance(e, str) else e.get("phrase", "")
        if isinstance(phrase, str) and phrase and not phrase.startswith("regex:"):
            out.append(phrase)
    return out


def _quoted(phrases: list[str]) -> str:
    return ", ".join(f'"{p}"' for p in phrases)


def _with_note(guide: StyleGuide, path: str, phrases: list[str]) -> str:
    note = guide.company_profile.get("regex_notes", {}).get(path)
    text = _quoted(phrases)
    if note:
        text = f"{text}; also {note}" if text else note
    return text


def _or_list(items: list[str]) -> str:
    items = [str(x) for x in items]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def _and_list(items: list[str]) -> str:
    items = [str(x) for x in items]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _kinds(kinds: list[str]) -> str:
    return _or_list([_KIND_LABEL.get(k, k) for k in kinds]) if kinds else "no email"


def full_system_prompt(guide: StyleGuide, task: Task | None = None) -> str:
    """The full variant's system message: the rules, each family stated from the style-guide data;
    for a next_message task, the reply rules too (the same text for every class)."""
    if task is not None and task.kind == "next_message":
        base = full_system_prompt(guide).removesuffix(ANSWER_FORM)
        return base + "\n".join(reply_rules(guide)) + "\n\n" + reply_answer_form(guide)
    raw, profile = guide.raw, guide.company_profile
    h = raw["honesty"]
    limits = raw["limits"]
    words = limits["max_body_words"]
    categories: dict[str, list] = {}
    for e in raw["banned_phrases"]:
        cat = e.get("category", "banned") if isinstance(e, dict) else "banned"
        categories.setdefault(cat, []).append(e)
    banned = [
        f"  - {profile['banned_categories'].get(cat, cat)}: {_with_note(guide, f'banned_phrases.{cat}', _plain(es))}"
        for cat, es in categories.items()
    ]
    facts = "; ".join(f"{f['note']}" if f.get("note") else f"{f['name']}" for f in raw["service_facts"])
    invented = "; ".join(profile["signal_kinds"].get(t, t) for t in h["invented_signal_cues"])
    asks = "; ".join(profile["ask_kinds"].get(c, c) for c in raw["asks"]["cues"])
    titles = _or_list(guide.signature_titles)
    lines = [
        f"You write outreach emails for {guide.company_name}, which {profile['description']}. Each email is "
        "checked mechanically against the rules below, and every rule counts: be direct, grounded in the brief, "
        "honest about how confident each signal is, professional and never condescending.",
        "",
        "Phrases (checked on words, in the subject and the body, in any spelling or case):",
        "- Never use these phrases:",
        *banned,
        f"- Never condescend: {_quoted(raw['condescending_phrases'])}.",
        f"- {profile['internal_word_rule'][0].upper()}{profile['internal_word_rule'][1:]}: never write "
        f"{_quoted(raw['prospect_facing_banned_words'])}; say \"engineering team\", \"available capacity\" or "
        "\"engineers ready to deploy\".",
        "- Never use a phrase the task forbids.",
        "",
        "Format:",
        f"- A subject line of at most {limits['max_subject_chars']} characters (unless the task sets fewer) that "
        "states intent (for example \"Request:\", \"Context:\", \"Question:\", \"Resource:\", \"Re:\", "
        f"\"New:\"); never opening with {_or_list([repr(o.title()) for o in raw['subject']['banned_openers']])}; "
        f"no urgency ({_with_note(guide, 'subject.urgency_words', _plain(raw['subject']['urgency_words']))}) and "
        "no shouting in capitals.",
        f"- Body at most {words['cold']} words for cold outreach, {words['warm_reply']} for a warm reply, "
        f"{words['re_engagement']} for re-engagement (unless the task sets fewer), counted from after the "
        "greeting line to before the sign-off.",
        f"- Emoji only in a {_kinds(raw['emoji_allowed_kinds'])}. No attachment in a "
        f"{_kinds(raw['attachment_kinds_banned'])} email "
        f"({_with_note(guide, 'attachment_phrases', _plain(raw['attachment_phrases']))}).",
        "- No unfilled template token or placeholder (\"[First Name]\", \"{company}\", \"<Company>\", "
        "\"$X,XXX\", \"TBD\").",
        f"- Open with a greeting and the prospect's first name ({_quoted([g.title() for g in raw['greetings']])}). "
        f"Close with a sign-off ({_quoted([s.title() for s in raw['sign_offs']])}) and your first name on the "
        f"next line; optional further lines are only your title ({titles}) and "
        f"{_and_list(guide.signature_lines)}: no taglines, phone numbers or other links.",
        "",
        "Grounding:",
        "- Name every required signal specifically, inside a real sentence of your own of at least six words: "
        "through one of the forms the task lists, or one of the signal's own specific facts (an amount or a "
        "round, a count with its noun, a percentage, a date, a person's or a company's name). \"Your recent "
        "news\" or \"your growth\" names nothing. The subject line, the signature, a bare list and a "
        "sentence pasted from the brief do not count.",
        "- With no required signal, still name the company or a fact of the brief in a real sentence.",
        "",
        "Honesty:",
        "- State only what the brief supports. High-confidence signals may be stated plainly. Medium ones "
        "need conditional language in the sentence that names them, or in the next sentence pointing back "
        f"to it (\"If that is right, ...\") ({_quoted(_plain(h['conditional_markers']))}). Low and very_low ones "
        "only in a question or with explicit uncertainty, in the same sentence or the next one pointing back "
        f"({_with_note(guide, 'honesty.uncertainty_markers', _plain(h['uncertainty_markers']))}).",
        "- When a leadership change is the reader's own move, name it to them, with the wording its "
        "confidence needs (\"since you joined as CTO in March\"; \"if you joined as CTO in March, ...\").",
        f"- Call a signal recent (or \"just closed\") only if it is dated within {h['recent_days']} days of the "
        "date of writing.",
        "- Every number about the prospect (counts, amounts, percentages, years, quarters, months, days) "
        "comes from the brief; do not derive new ones (no sums, differences or totals of your own).",
        "- Commit engineers only within the available count of the stack you name (all stacks summed if you "
        "name none); quote prices only inside a public pricing band; never state a total contract value "
        f"({_quoted(_plain(h['total_value_phrases']))}) or a discount. Route anything outside that to a "
        "human colleague instead of promising it.",
        f"- Never invent a deadline, scarcity or pressure: "
        f"{_with_note(guide, 'honesty.pressure_phrases', _plain(h['pressure_phrases']))}. Saying there is no "
        "deadline is fine.",
        "- Denying or refusing is not claiming: \"I have not seen a raise\", \"I cannot offer a discount\", "
        "\"15 engineers in 30 days is more than I can promise\"; the prospect's own numbers may be restated, "
        "and become a commitment only if you grant them.",
        "- Time horizons (\"over the next two quarters\") and general context (\"new leaders often review "
        "vendors\") are not claims about the prospect.",
        f"- Numbers about {guide.company_name} itself only as these service facts, each with its unit: {facts}.",
        f"- Never invent a signal the brief does not hold: {invented}.",
        *(
            ["- The other threads at the company in the brief are context only: never refer to them or name "
             "any of their facts (people, projects, numbers, dates); each conversation stands alone."]
            if task is not None and task.other_threads
            else []
        ),
        f"- No assertive growth claim ({_quoted(_plain(h['assertive_growth_phrases']))}) without a "
        "high-confidence job-post signal.",
        f"- AI maturity gating: an AI or ML capability gap ({_quoted(_plain(h['ai_terms']))} together with "
        f"{_with_note(guide, 'honesty.gap_terms', _plain(h['gap_terms']))}) may be pitched only at AI maturity 3, or 2 with high confidence (the company's own name, such as \"X AI\", is no AI term); "
        "below that, do not name a peer's AI capability at all (not even as a research finding): at most offer "
        "to stand up a first AI function, or leave AI out.",
        "",
        "One ask:",
        f"- Exactly one call to action, in the last paragraph. Each of these is one: {asks}. A question plus "
        "the calendar link for the same call is one ask; alternatives for the same next step joined by \"or\" "
        "in one sentence are one ask; different requests (joined by \"and\", on separate lines, or three or "
        "more in one sentence) are several. An opt-out (\"if not, ignore this\", \"no follow-up\") or thanks "
        "for an earlier call is not an ask, nor is a question that only hedges a signal. A sentence asks only "
        "as a question, a request, an offer or a proposal: a statement that mentions a call or a document "
        "asks nothing.",
        f"- {profile['first_call'][0].upper()}{profile['first_call'][1:]}; never propose a first call longer "
        f"than {raw['asks']['max_first_call_minutes']} minutes.",
        "",
        ANSWER_FORM,
    ]
    return "\n".join(lines)


def reply_rules(guide: StyleGuide) -> list[str]:
    """The full variant's reply rules (next_message tasks), every one rendered from the guide's
    `replies:` section: limits, asks, the next-touch month, lists, objections, hand-off, no reply."""
    r = guide.replies
    words = r["max_body_words"]
    lines = [
        "Replies: the thread ends with the prospect's latest reply. Decide what kind of reply it is, then "
        "write the next message by that kind's rules (every rule above still holds unless a kind's rule says otherwise):",
    ]
    for cls, looks in _REPLY_LOOKS.items():
        ask = (
            "no call to action at all (no question, no link, no \"let me know\")"
            if cls in r["no_ask_classes"]
            else "then exactly one call to action"
        )
        extra = []
        if cls in r["next_touch_month_classes"]:
            extra.append(
                "name a specific month for the next touch, in the clause that schedules it ("
                f"{_with_note(guide, 'replies.next_touch.cues', _plain(r['next_touch']['cues']))}); "
                f"{_with_note(guide, 'replies.next_touch.vague_times', _plain(r['next_touch']['vague_times']))} "
                "name no month"
            )
        if cls in r["no_list_classes"]:
            extra.append("no bulleted or numbered list (no service menu)")
        lines.append(
            f"- For {looks}: {_REPLY_DOES[cls]}; {ask}; " + "".join(f"{e}; " for e in extra)
            + f"body at most {words[cls]} words (unless the task sets fewer)."
        )
    price = r["objections"]["price"]
    lines += [
        "- A price objection: acknowledge the difference without denial and answer with reliability, overlap "
        "hours and retention rather than price. No discount, price cut or counter-offer in any form, not even "
        "as a question or when the prospect asked for one: none of the discount, price-cut and pressure phrases "
        "above (\"discount\", \"20% off\", a lower or sharper rate, special pricing, a free trial), and no "
        f"counter-offer ({_with_note(guide, 'replies.objections.price.counter_offers', _plain(price['counter_offers']))}); "
        "mention a discount only to decline it (\"we do not discount\"). Quote prices only from the public pricing "
        "bands.",
        "- An incumbent vendor or in-house team: acknowledge that the current arrangement likely works for its "
        "core scope and name the gap you would fill with a finding from the brief.",
        "- Only a small proof of concept: agree that starting small is right; name the "
        f"{r['objections']['small_poc']['floor_band']} from the public pricing bands (a dollar amount inside that "
        "band); ask for the smallest deliverable that would prove value, in a scoping call.",
        "- Hand-off: when the prospect asks for a price outside the public bands or a total for a multi-phase "
        "plan, staffing the available engineers cannot confirm, a public client reference in a named sector, or "
        f"contract or legal terms (MSA, DPA, clauses), say that our {r['handoff']['role']} will follow up ("
        f"{_with_note(guide, 'replies.handoff.phrases', _plain(r['handoff']['phrases']))}) and confirm nothing "
        "of it yourself, so none of: "
        + "; ".join(
            _with_note(guide, f"replies.handoff.commitments.{k}", _plain(v)) for k, v in r["handoff"]["commitments"].items()
        )
        + ".",
        "- A month named for the next touch is a scheduled touch, not a claim about the prospect.",
        "- A hard no (\"not interested\", \"please remove me\", \"stop emailing\", or a reply saying you have the "
        "wrong person) gets no reply at all, not even an apology or a thank-you: answer exactly "
        f"{r['no_reply_token']} and nothing else. For every other reply a message is due, and "
        f"{r['no_reply_token']} is wrong.",
    ]
    return lines


def full_user_prompt(task: Task, guide: StyleGuide) -> str:
    """The full variant's user message: the short one, with the ways each required signal is named."""
    return "\n".join(_user_parts(task, guide, full=True))


def build_messages(
    task: Task, style_guide: StyleGuide | str | None = None, variant: str = DEFAULT_PROMPT_VARIANT
) -> list[dict[str, str]]:
    """The chat messages every harness sends for a task: a system message and a user message.

    `variant` is "full" (every scored rule stated; the default) or "short" (the PROMPT_VERSION 1 prompt).
    """
    if variant not in PROMPT_VARIANTS:
        raise ValueError(f"prompt variant must be one of {list(PROMPT_VARIANTS)}, got {variant!r}")
    guide = load_style_guide(style_guide)
    if variant == "short":
        return [
            {"role": "system", "content": system_prompt(guide, task)},
            {"role": "user", "content": user_prompt(task, guide)},
        ]
    return [
        {"role": "system", "content": full_system_prompt(guide, task)},
        {"role": "user", "content": full_user_prompt(task, guide)},
    ]
