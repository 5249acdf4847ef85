"""format: subject line, subject length and opener, emoji, body length, template tokens, attachments,
sign-off and signature (task-format.md's counting rules)."""

from __future__ import annotations

import regex
from tenacious_bench.scorers.base import Check

from tenacious_bench.scoring import EmailView, Reason
from tenacious_bench.text import count_words, grapheme_count, normalize, words

_EMOJI = regex.compile(r"\p{Extended_Pictographic}|[\U0001F1E6-\U0001F1FF]")
# Unfilled template tokens in any bracket style, and placeholders such as $X,XXX or XX%.
_TEMPLATE = regex.compile(
    r"\[(?!\s*attachment)[^\[\]\n]{1,60}\](?!\()"  # [First Name] (a markdown link [text](url) is not a token)
    r"|\{\{?[^{}\n]{1,60}\}?\}"  # {company}, {{name}}
    r"|<(?![^<>\n]*(?:://|@|\.com|\.io))[A-Za-z_][^<>\n]{0,60}>"  # <Company> (not <https://...> or <a@b.c>)
    r"|\$\s?[Xx]+(?:[,.][Xx]+)*\b|(?<![\p{L}\p{N}])X{2,}(?:[,.]X+)*%?(?![\p{L}])"  # $X,XXX  XX%  XXX
    r"|(?<![\p{L}])(?:TBD|TODO|FIXME|INSERT [A-Z ]+)(?![\p{L}])"
    r"|_{3,}"
)
# A line of a bulleted or numbered list ("- Python teams", "2) Data").
_LIST_LINE = regex.compile(r"^\s*(?:[-*\u2022\u00b7\u2023\u25aa\u2013\u2014+]|\d{1,2}[.)])\s+\S")
_ALL_CAPS_WORD = regex.compile(r"(?<![\p{L}])\p{Lu}{4,}(?![\p{L}])")


class Format(Check):
    name = "format"

    def problems(self, view: EmailView) -> list[Reason]:
        g, task, email = view.guide, view.task, view.email
        max_subject, max_words = view.limits
        reasons: list[Reason] = []
        raw_text = (email.subject or "") + "\n" + email.body

        if email.subject is None:
            reasons.append(Reason("no_subject", "no subject line ('Subject: ...' as the first line)"))
        else:
            n = grapheme_count(email.subject)
            if n > max_subject:
                reasons.append(
                    Reason(
                        "subject_too_long",
                        f"subject has {n} characters, limit {max_subject}",
                        {"chars": n, "limit": max_subject},
                    )
                )
            if not email.subject.strip():
                reasons.append(Reason("empty_subject", "subject line is empty"))
            first = words(view.subject_norm)[:1]
            if first and first[0] in g.banned_openers and not view.subject_is_quoted:
                reasons.append(
                    Reason("subject_opener", f"subject opens with {first[0]!r}", {"opener": first[0]})
                )
            urgency = g.urgency_words.find(view.subject_norm)
            if urgency and not view.subject_is_quoted:
                reasons.append(
                    Reason(
                        "subject_urgency",
                        f"urgency word {view.subject_norm[urgency[0].start : urgency[0].end]!r} in the subject",
                    )
                )
            caps = [w for w in _ALL_CAPS_WORD.findall(email.subject) if not _is_known_acronym(w, view)]
            if len(caps) >= 2 or (caps and len(words(view.subject_norm)) <= 2):
                reasons.append(
                    Reason("subject_all_caps", f"all-caps words in the subject: {caps}", {"words": caps})
                )

        if task.kind not in g.emoji_allowed_kinds:
            emoji = _EMOJI.findall(raw_text)
            if emoji:
                reasons.append(
                    Reason("emoji", f"emoji not allowed in a {task.kind} email: {''.join(emoji)!r}")
                )

        n_words = count_words(view.email.content)
        if n_words > max_words:
            cls = view.reply_class
            reasons.append(
                Reason(
                    "body_too_long",
                    f"body has {n_words} words, limit {max_words}" + (f" (a {cls} reply)" if cls else ""),
                    {"words": n_words, "limit": max_words, **({"reply_class": cls} if cls else {})},
                )
            )
        if view.reply_class is not None and view.reply_class in g.replies["no_list_classes"]:
            for line in view.email.content.split("\n"):
                if _LIST_LINE.match(line):
                    reasons.append(
                        Reason(
                            "list_in_reply",
                            f"a {view.reply_class} reply has no bulleted or numbered list: {line.strip()!r}",
                            {"line": line.strip(), "reply_class": view.reply_class},
                        )
                    )
                    break

        for m in _TEMPLATE.finditer(raw_text):
            reasons.append(
                Reason("template_token", f"unfilled template token {m.group(0)!r}", {"token": m.group(0)})
            )

        if task.kind in g.attachment_kinds_banned:
            full = normalize(raw_text)
            for hit in g.attachment_phrases.find(full):
                reasons.append(
                    Reason("attachment", f"attachment in a {task.kind} email: {full[hit.start : hit.end]!r}")
                )

        reasons.extend(_signature_problems(view))
        return reasons


def _is_known_acronym(word: str, view: EmailView) -> bool:
    # Words that the brief itself writes in capitals (company names, "AI", "GPU") are not shouting.
    return word in view.task.prospect.company or any(word in s.text for s in view.task.signals)


def _signature_problems(view: EmailView) -> list[Reason]:
    email, g = view.email, view.guide
    if email.sign_off is None:
        return [Reason("no_sign_off", "no sign-off line (e.g. 'Best,') before the sender's name")]
    if not email.signature:
        return [
            Reason(
                "no_sender_name",
                f"the sign-off is not followed by the sender's first name ({view.sender_first_name})",
            )
        ]
    name_line, *rest = email.signature
    name_words = normalize(name_line).split()
    if (
        not name_words
        or name_words[0].strip(",.") != normalize(view.sender_first_name)
        or len(name_words) > 2
    ):
        return [
            Reason(
                "wrong_sender_name",
                f"sign-off name {name_line!r} is not the sender's first name {view.sender_first_name!r}",
                {"line": name_line},
            )
        ]
    allowed = {normalize(x) for x in (*g.signature_titles, *g.signature_lines)}
    problems = []
    for line in rest:
        pieces = [p.strip() for p in regex.split(r"\s*[,|·•]\s*|\s+[-–—]\s+", normalize(line)) if p.strip()]
        bad = [p for p in pieces if p not in allowed]
        if bad or not pieces:
            problems.append(
                Reason(
                    "signature_line",
                    f"signature line {line!r} is not one of the style guide's (title, company, website)",
                    {"line": line},
                )
            )
    return problems
