"""Parsing a model's answer into subject, greeting, content, closing paragraph and sign-off.

Rules (task-format.md): `Subject:` in any case, with markdown emphasis, after leading blank lines,
or inside a code fence around the whole answer. The subject is never guessed from the body: an
answer with no subject line has `subject=None` and its whole text as the body.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from tenacious_bench.text import normalize, strip_invisible

_FENCE = regex.compile(r"^\s*```[^\n]*\n(?P<inner>.*?)\n?\s*```\s*$", regex.DOTALL)
_SUBJECT = regex.compile(
    r"^[ \t>#]*(?:[*_]{1,3})?[ \t]*subject[ \t]*(?:[*_]{1,3})?[ \t]*:[ \t]*(?:[*_]{1,3})?(?P<s>.*?)(?:[*_]{1,3})?[ \t]*$",
    regex.IGNORECASE,
)
_GREETING_TAIL = regex.compile(r"^(?P<name>[^,:;!.\-—–]{0,60})(?P<punct>[,:;!.\-—–]+)?\s*(?P<rest>.*)$")


@dataclass(frozen=True)
class ParsedEmail:
    raw: str
    subject: str | None
    body: str
    greeting: str | None = None  # the greeting text ("Hi Maya,")
    greeting_name: str | None = None  # normalised words after the greeting word
    content: str = ""  # from after the greeting to before the sign-off
    paragraphs: tuple[str, ...] = ()
    sign_off: str | None = None  # the sign-off line ("Best,")
    signature: tuple[str, ...] = ()  # lines after the sign-off line (name, title, company, site)

    @property
    def empty(self) -> bool:
        return not self.raw.strip()

    @property
    def closing(self) -> str:
        """The last paragraph before the sign-off."""
        return self.paragraphs[-1] if self.paragraphs else ""


def _unfence(text: str) -> str:
    m = _FENCE.match(text)
    return m.group("inner") if m else text


def _split_subject(text: str) -> tuple[str | None, str]:
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        m = _SUBJECT.match(strip_invisible(line))
        if m is None:
            return None, text
        return m.group("s").strip(), "\n".join(lines[i + 1 :])
    return None, text


def parse_email(
    answer: str | dict | ParsedEmail, greetings: tuple[str, ...], sign_offs: tuple[str, ...]
) -> ParsedEmail:
    """Parse a raw answer, or a {subject, body} mapping, into its parts.

    `greetings` and `sign_offs` are normalised words from the style guide.
    """
    if isinstance(answer, ParsedEmail):
        return answer
    if isinstance(answer, dict):
        subject = answer.get("subject")
        body = answer.get("body") or ""
        if subject is not None and not isinstance(subject, str):
            raise TypeError("subject must be a string")
        if not isinstance(body, str):
            raise TypeError("body must be a string")
        raw = (f"Subject: {subject}\n\n" if subject is not None else "") + body
        subject = subject.strip() if subject is not None and subject.strip() else None
    elif isinstance(answer, str):
        raw = answer
        subject, body = _split_subject(_unfence(answer.replace("\r\n", "\n").replace("\r", "\n")))
    else:
        raise TypeError(
            f"an answer must be a string or a {{subject, body}} mapping, got {type(answer).__name__}"
        )
    body = body.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    return _split_body(raw, subject, body, greetings, sign_offs)


def _split_body(
    raw: str, subject: str | None, body: str, greetings: tuple[str, ...], sign_offs: tuple[str, ...]
) -> ParsedEmail:
    lines = body.split("\n")
    # Drop a trailing code-fence or rule line the model left after the email.
    while lines and regex.fullmatch(r"\s*(?:```|---+|\*\*\*+)?\s*", lines[-1]):
        lines.pop()
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1

    greeting = greeting_name = None
    first_rest = ""
    if start < len(lines):
        first = lines[start].strip()
        nfirst = normalize(first)
        for g in sorted(greetings, key=len, reverse=True):
            if nfirst == g or nfirst.startswith(g + " ") or nfirst.startswith(g + ","):
                tail = _GREETING_TAIL.match(nfirst[len(g) :].strip())
                name = tail.group("name").strip() if tail else ""
                rest = tail.group("rest").strip() if tail else ""
                greeting_name = name or None
                if rest and tail:
                    # "Hi Maya, I saw..." - the greeting ends at its punctuation; the rest is content.
                    cut = first.find(tail.group("punct") or ",")
                    greeting = first[: cut + 1] if cut >= 0 else first
                    first_rest = first[cut + 1 :].strip() if cut >= 0 else ""
                else:
                    greeting = first
                start += 1
                break

    # The sign-off: the last line that is a sign-off word ("Best,") or a sign-off followed by a name
    # on the same line ("Best, Yabi"); everything after it is the signature block.
    sign_idx = None
    sign_off = None
    signature: list[str] = []
    for i in range(len(lines) - 1, start - 1, -1):
        stripped = lines[i].strip()
        if not stripped:
            continue
        n = normalize(stripped).rstrip(",.!:;- ")
        matched = next(
            (
                s
                for s in sorted(sign_offs, key=len, reverse=True)
                if n == s or n.startswith(s + ", ") or n.startswith(s + " - ")
            ),
            None,
        )
        if matched is not None:
            sign_idx = i
            sign_off = stripped
            tail_lines = [ln.strip() for ln in lines[i + 1 :] if ln.strip()]
            if n != matched:  # "Best, Yabi" on one line
                parts = regex.split(r"\s*[,\-–—]\s*", stripped, maxsplit=1)
                sign_off = parts[0] + ","
                if len(parts) == 2 and parts[1].strip():
                    tail_lines.insert(0, parts[1].strip())
            signature = tail_lines
            break
        if len(lines) - i > 8:  # a sign-off is near the end; do not search the whole body
            break

    content_lines = ([first_rest] if first_rest else []) + lines[
        start : sign_idx if sign_idx is not None else len(lines)
    ]
    content = "\n".join(content_lines).strip("\n")
    paragraphs = tuple(p.strip() for p in regex.split(r"\n\s*\n", content) if p.strip())
    return ParsedEmail(
        raw=raw,
        subject=subject,
        body=body,
        greeting=greeting,
        greeting_name=greeting_name,
        content=content,
        paragraphs=paragraphs,
        sign_off=sign_off,
        signature=tuple(signature),
    )
