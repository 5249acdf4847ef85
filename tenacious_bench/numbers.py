"""Numbers in normalised text: extraction, canonical values, and a canonical token view for anchors.

"$14M", "$14 million", "14 million dollars" and "$14,000,000" are one value; "two" is 2; "$9k" is
$9,000. Ordinals and idioms ("first", "one-pager", "one ask") are not numbers. Clock times and
digits inside links and addresses are not counted either.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import regex

_MAGNITUDE = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mm": 1e6,
    "million": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "billion": 1e9,
}
_UNITS = {
    "zero": 0,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
    "one": 1,
}
_SMALL = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
# "one" is a count only before a counted noun; elsewhere it is an idiom ("one-pager", "one ask", "no one").
_ONE_NOUNS = regex.compile(
    r"^[\s\-]*(?:more |additional |senior |junior |\w+ )?(?:engineers?|developers?|devs?|person|hires?|months?|weeks?|"
    r"hours?|minutes?|days?|years?|quarters?|case stud(?:y|ies)|roles?|openings?|positions?)\b"
)

_NUMBER_WORD = "|".join(sorted(_UNITS, key=len, reverse=True))
_PATTERN = regex.compile(
    rf"""
    (?P<url>(?:https?://|www\.)\S+|\S+@\S+|\S+\.(?:com|io|ai|co|org|net)/\S*)
  | (?P<clock>(?<![\p{{L}}\p{{N}}])\d{{1,2}}(?::\d{{2}})?\s?(?:am|pm|a\.m\.|p\.m\.)(?![\p{{L}}]))
  | (?P<quarter>(?<![\p{{L}}\p{{N}}])q(?P<q>[1-4])(?![\p{{L}}\p{{N}}]))
  | (?P<ordinal>(?<![\p{{L}}\p{{N}}])\d+(?:st|nd|rd|th)(?![\p{{L}}\p{{N}}]))
  | (?P<numeric>
        (?<![\p{{L}}\p{{N}}.,$])
        (?P<cur>\$\s?|usd\s?)?
        (?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)
        (?:\s?(?P<mag>k|mm|m|bn|b|thousand|million|billion)(?![\p{{L}}\p{{N}}]))?
        (?P<pct>\s?%|\s?percent(?![\p{{L}}]))?
        (?:\s?(?P<cur2>usd|dollars)(?![\p{{L}}]))?
        (?![\p{{L}}\p{{N}}])
    )
  | (?P<words>
        (?<![\p{{L}}\p{{N}}\-])
        (?P<half>half\s)?(?P<a>a\s)?
        (?P<w1>{_NUMBER_WORD})(?:[\s\-](?P<w2>{"|".join(_SMALL)}))?
        (?:\s(?P<wmag>thousand|million|billion))?
        (?P<wpct>\spercent)?
        (?:\s(?P<wcur>dollars))?
        (?![\p{{L}}\p{{N}}])
    )
    """,
    regex.VERBOSE,
)
_RANGE_JOIN = regex.compile(r"^\s?(?:-|to|and)\s?$")


@dataclass(frozen=True)
class NumberMention:
    value: float
    kind: str  # "money" | "percent" | "count" | "year" | "quarter"
    start: int
    end: int
    text: str
    range_partner: int | None = None  # index of the other end of "3-4", "$9k to $12k"

    @property
    def display(self) -> str:
        return format_value(self.value, self.kind)


def format_value(value: float, kind: str) -> str:
    v = int(value) if float(value).is_integer() else value
    if kind == "money":
        return f"${v:,}"
    if kind == "percent":
        return f"{v}%"
    if kind == "quarter":
        return f"Q{v}"
    return f"{v}"


def _word_value(m: regex.Match[str]) -> float | None:
    w1, w2 = m.group("w1"), m.group("w2")
    if w1 == "hundred" and not m.group("a"):
        return None  # "hundreds of" / bare "hundred" is an idiom, not a count
    value = float(_UNITS[w1])
    if w2:
        if _UNITS[w1] < 20 or _UNITS[w1] % 10:
            return None  # "three four" is two numbers, not 34; handled as separate mentions
        value += _UNITS[w2]
    if m.group("half") and w1 == "dozen":
        value = 6.0
    if m.group("wmag"):
        value *= _MAGNITUDE[m.group("wmag")]
    return value


def find_numbers(text: str) -> list[NumberMention]:
    """Every counted number in a normalised (lower-case) text, in order."""
    return list(_find_numbers(text))


_NUMBERISH = regex.compile(rf"\d|(?<![\p{{L}}])(?:{_NUMBER_WORD})(?![\p{{L}}])")


@functools.lru_cache(maxsize=8192)
def _find_numbers(text: str) -> tuple[NumberMention, ...]:
    # Cached: the checks read the same sentences several times. Most sentences hold no digit and no
    # number word; a cheap test skips the full pattern for them.
    if _NUMBERISH.search(text) is None:
        return ()
    found: list[NumberMention] = []
    for m in _PATTERN.finditer(text):
        if m.group("url") or m.group("clock") or m.group("ordinal"):
            continue
        if m.group("quarter"):
            found.append(NumberMention(float(m.group("q")), "quarter", m.start(), m.end(), m.group(0)))
            continue
        if m.group("numeric"):
            value = float(m.group("num").replace(",", ""))
            mag = m.group("mag")
            if mag:
                value *= _MAGNITUDE[mag]
            if m.group("pct"):
                kind = "percent"
            elif m.group("cur") or m.group("cur2") or mag:
                kind = "money"
            elif "," not in m.group("num") and "." not in m.group("num") and 1900 <= value <= 2100:
                kind = "year"
            else:
                kind = "count"
            found.append(NumberMention(value, kind, m.start("numeric"), m.end("numeric"), m.group(0)))
            continue
        w1 = m.group("w1")
        if w1 == "one" and not m.group("w2") and (not _ONE_NOUNS.match(text[m.end() :]) or m.group("a")):
            continue
        value = _word_value(m)
        if value is None:
            continue
        if m.group("wpct"):
            kind = "percent"
        elif m.group("wcur") or m.group("wmag"):
            kind = "money"
        else:
            kind = "count"
        found.append(NumberMention(value, kind, m.start("words"), m.end("words"), m.group(0)))
    return tuple(_link_ranges(text, found))


def _link_ranges(text: str, found: list[NumberMention]) -> list[NumberMention]:
    """Pair the two ends of a range; an end without a currency takes its partner's ("$9-12k")."""
    out = list(found)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if not _RANGE_JOIN.match(text[a.end : b.start]):
            continue
        kind_a, kind_b = a.kind, b.kind
        if "money" in (kind_a, kind_b):
            kind_a = kind_b = "money"
        if "percent" in (kind_a, kind_b):
            kind_a = kind_b = "percent"
        out[i] = NumberMention(a.value, kind_a, a.start, a.end, a.text, i + 1)
        out[i + 1] = NumberMention(b.value, kind_b, b.start, b.end, b.text, i)
    return out


def canonical_text(text: str) -> str:
    """The normalised text with every number replaced by its canonical form ("$14000000", "2", "12%")."""
    pieces: list[str] = []
    last = 0
    for n in find_numbers(text):
        pieces.append(text[last : n.start])
        pieces.append(" " + _canonical_token(n) + " ")
        last = n.end
    pieces.append(text[last:])
    return "".join(pieces)


def _canonical_token(n: NumberMention) -> str:
    v = int(n.value) if float(n.value).is_integer() else n.value
    return {"money": f"${v}", "percent": f"{v}%", "quarter": f"q{v}"}.get(n.kind, f"{v}")


_TOKEN = regex.compile(r"\$?[\p{L}\p{N}]+(?:[.'][\p{L}\p{N}]+)*%?")


def stem(token: str) -> str:
    """A possessive "'s" and a plural "s" dropped, so "Lumenfold's" names "Lumenfold" and "nine ML
    engineers" names the anchor "nine ML engineer"."""
    token = token.removesuffix("'s").removesuffix("'")
    if len(token) > 3 and token.endswith("s") and not token.endswith("ss") and token[0] != "$":
        token = token[:-1]
    return token


def canonical_tokens(text: str) -> list[str]:
    """Stemmed tokens of the canonical view (numbers canonical, see `stem`)."""
    return [stem(t) for t in _TOKEN.findall(canonical_text(text))]


def contains_sequence(haystack: list[str], needle: list[str]) -> bool:
    if not needle:
        return False
    n = len(needle)
    first = needle[0]
    return any(haystack[i] == first and haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


# Month names (full and abbreviated) and their numbers; dates in emails are read against the brief's.
MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
MONTH_RE = regex.compile(r"(?<![\p{L}])(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")(?![\p{L}])")
# Names that are also words or bare abbreviations count as a month only with a day after them or a
# preposition before them ("may" the verb; "in May", "May 4" are months).
_AMBIGUOUS_MONTHS = frozenset(["may", "mar", "jan", "jun", "jul", "aug", "oct", "nov", "dec", "sep", "apr", "feb"])
_DAY_AFTER = regex.compile(r"\s+\d")
_MONTH_PREPOSITION = regex.compile(r"\b(?:in|since|early|late|mid|last|this|of)\s+$")


def month_mentions(text: str) -> list[tuple[str, int, int, int]]:
    """(name, month number, start, end) of every month a normalised text names."""
    out = []
    for m in MONTH_RE.finditer(text):
        name = m.group(1)
        if (
            name in _AMBIGUOUS_MONTHS
            and not _DAY_AFTER.match(text[m.end() : m.end() + 8])
            and not _MONTH_PREPOSITION.search(text[max(0, m.start() - 12) : m.start()])
        ):
            continue  # "may" the verb, abbreviations without a date after them
        out.append((name, MONTHS[name], m.start(), m.end()))
    return out
