"""The one prompt builder: every door (Inspect, lm-eval, training, CLI) sends exactly these messages.

`render_brief` is the natural-language rendering of a task's brief (what the prompt shows of the
task); the contamination checker compares these renderings, without the shared instruction template.
"""

from __future__ import annotations

from tenacious_bench.style_guide import StyleGuide, load_style_guide
from tenacious_bench.task import Task

PROMPT_VERSION = "1"

_KIND_LABEL = {"cold": "cold outreach", "warm_reply": "warm reply", "re_engagement": "re-engagement"}
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
    """(max subject characters, max body words): the task's override, else the style guide's default."""
    subject = task.constraints.max_subject_chars or guide.max_subject_chars()
    words = task.constraints.max_body_words or guide.max_body_words(task.kind)
    return subject, words


def render_brief(task: Task) -> str:
    """The brief as the prompt shows it: prospect, segment, signals, AI maturity, capacity, prices, thread."""
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
            who = "Prospect" if m.from_ == "prospect" else "Tenacious"
            subject = f' subject "{m.subject}"' if m.subject else ""
            lines.append(f"--- {who}, {m.channel}, {m.date}{subject}:\n{m.body}")
        lines.append("--- end of thread")
    return "\n".join(lines)


def system_prompt(guide: StyleGuide) -> str:
    company = guide.company_name
    titles = ", ".join(guide.signature_titles)
    return (
        f"You write outreach emails for {company}, which places managed engineering teams with startups "
        "and mid-market companies. Follow the style guide: be direct, grounded in the brief, honest about "
        "how confident each signal is, professional and never condescending.\n"
        "- State only facts the brief supports. High-confidence signals may be stated; medium ones need "
        'conditional language ("if ..."); low ones only as a question or with explicit uncertainty.\n'
        "- Never commit more engineers than the brief shows available, never quote a price outside the "
        "public pricing bands, never state a total contract value or a discount, never invent a deadline "
        "or scarcity. Route anything outside that to a human colleague.\n"
        "- Exactly one call to action, in the last paragraph; a first call is 15 or 30 minutes.\n"
        "- No hype, filler or jargon; never call available engineers a 'bench'.\n"
        f"- Sign off with your first name; optional further lines are only your title ({titles}) and "
        f"{', '.join(guide.signature_lines)}.\n"
        "Answer with the email only, in this form:\nSubject: <subject line>\n\n<greeting>,\n\n<body>\n\n<sign-off>,\n<first name>"
    )


def user_prompt(task: Task, guide: StyleGuide) -> str:
    max_subject, max_words = limits_of(task, guide)
    sender = sender_of(task, guide)
    required = ", ".join(task.constraints.required_signals) or "none (do not invent one)"
    forbidden = "; ".join(task.constraints.forbidden_phrases)
    parts = [
        f"Write a {_KIND_LABEL[task.kind]} email. Date of writing: {task.as_of}.",
        f"You are {sender['first_name']}, {sender['title']}.",
        "",
        render_brief(task),
        "",
        f"Task: {task.instruction}",
        f"Signals the email must name specifically: {required}.",
        f"Limits: subject at most {max_subject} characters; body at most {max_words} words.",
    ]
    if forbidden:
        parts.append(f"Do not use these phrases: {forbidden}.")
    return "\n".join(parts)


def build_messages(task: Task, style_guide: StyleGuide | str | None = None) -> list[dict[str, str]]:
    """The chat messages every harness sends for a task: a system message and a user message."""
    guide = load_style_guide(style_guide)
    return [
        {"role": "system", "content": system_prompt(guide)},
        {"role": "user", "content": user_prompt(task, guide)},
    ]
