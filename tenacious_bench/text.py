"""Text normalisation shared by every check: one normalised view per email.

Matching in this benchmark is on words of a normalised text, never on raw substrings, so that
look-alike letters, zero-width characters, soft hyphens, odd dashes and spacing, and contractions
cannot hide a phrase, and "benchmark" never matches "bench".
"""

from __future__ import annotations

import functools
import string
import unicodedata

import regex

# Dash-like characters NFKC leaves alone (Unicode category Pd covers most; these are extra).
_EXTRA_DASHES = "\u2212\u2043\ufe63\uff0d\u2e3a\u2e3b"
_APOSTROPHES = "\u2018\u2019\u201b\u02bc\u02bb\u0060\u00b4\u2032\uff07"
_QUOTES = "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033\uff02"

# Contractions are expanded so that "don't miss out" and "do not miss out" are one phrase.
# Order matters: irregular forms before the generic suffix rules.
_CONTRACTIONS: tuple[tuple[str, str], ...] = (
    (r"\bwon't\b", "will not"),
    (r"\bcan't\b", "cannot"),
    (r"\bshan't\b", "shall not"),
    (r"\bain't\b", "am not"),
    (r"\b(\w+)n't\b", r"\1 not"),
    (r"\b(\w+)'ll\b", r"\1 will"),
    (r"\b(\w+)'re\b", r"\1 are"),
    (r"\b(\w+)'ve\b", r"\1 have"),
    (r"\bi'm\b", "i am"),
    (r"\b(i|you|we|they|he|she)'d\b", r"\1 would"),
)
_CONTRACTION_RES = tuple((regex.compile(p), r) for p, r in _CONTRACTIONS)

# Letter-spaced words ("b e n c h", "b.e.n.c.h", "b-e-n-c-h"): three or more single letters
# separated by one space or punctuation mark are joined back into one word.
_LETTER_SPACED = regex.compile(r"(?<![\p{L}\p{N}])(?:\p{L}[ ._\-*]){2,}\p{L}(?![\p{L}\p{N}])")
_WHITESPACE = regex.compile(r"\s+")
_SPACE_RUN = regex.compile(r"[^\S\n]+")


@functools.cache
def _confusable_map() -> dict[int, str]:
    """Non-ASCII characters that Unicode's confusables.txt lists as look-alikes of ASCII letters,
    mapped to the lower-case ASCII letter (the text is casefolded anyway)."""
    from confusable_homoglyphs import confusables

    data = confusables.confusables_data

    def ascii_candidates(char: str) -> list[str]:
        entries = data.get(char, [])
        return [e["c"] for e in entries if len(e["c"]) == 1 and e["c"] in string.ascii_letters]

    table: dict[int, str] = {}
    for char in data:
        if len(char) != 1 or char.isascii():
            continue
        # Prefer the lower-case form's look-alike: Greek capital iota is listed as "l" (the skeleton
        # of "I"), but its lower case, iota, as "i", which is what a reader sees once casefolded.
        lower = char.lower()
        candidates = (
            ascii_candidates(lower) if len(lower) == 1 and lower != char else []
        ) or ascii_candidates(char)
        if not candidates:
            continue
        last_word = unicodedata.name(char, "").rsplit(" ", 1)[-1]
        named = [c for c in candidates if c.lower() == last_word.lower()]
        table[ord(char)] = (named or candidates)[0].lower()
    return table


@functools.cache
def _char_table() -> dict[int, str | None]:
    table: dict[int, str | None] = dict(_confusable_map())
    for ch in _APOSTROPHES:
        table[ord(ch)] = "'"
    for ch in _QUOTES:
        table[ord(ch)] = '"'
    for ch in _EXTRA_DASHES:
        table[ord(ch)] = "-"
    return table


# Cf = format characters: zero-width space/joiners, soft hyphen, BOM, bidi controls, word joiner.
_INVISIBLE = regex.compile(r"\p{Cf}+")
_DASH = regex.compile(r"\p{Pd}")


def strip_invisible(text: str) -> str:
    return _INVISIBLE.sub("", text)


def fold_characters(text: str) -> str:
    """NFKC, invisible characters removed, look-alikes folded to ASCII, dashes unified, casefolded.

    Keeps line breaks (so callers can still split lines) but folds other whitespace runs to one space.
    """
    text = unicodedata.normalize("NFKC", strip_invisible(text))
    if not text.isascii():
        text = _DASH.sub("-", text.translate(_char_table()))
    text = text.casefold()
    if not text.isascii():
        # casefold can produce new combining sequences; NFKC again keeps the view canonical.
        text = unicodedata.normalize("NFKC", text)
    return _SPACE_RUN.sub(" ", text)


def expand_contractions(text: str) -> str:
    if "'" not in text:
        return text
    for pattern, repl in _CONTRACTION_RES:
        text = pattern.sub(repl, text)
    return text


_ARTICLE_RUN = regex.compile(r"^([ai])[ ._\-*](?=(?:\p{L}[ ._\-*]){2,}\p{L}$)")


def join_letter_spaced(text: str, *, split_article: bool = False) -> str:
    """Join letter-spaced words. With `split_article`, a leading "a" or "i" stays a word of its own
    ("a r o c k s t a r" -> "a rockstar"), since a single letter may be an article, not part of the word."""

    def join(m: regex.Match[str]) -> str:
        run = m.group(0)
        head = ""
        if split_article and (a := _ARTICLE_RUN.match(run)):
            head, run = a.group(1) + " ", run[a.end() :]
        return head + regex.sub(r"[ ._\-*]", "", run)

    return _LETTER_SPACED.sub(join, text)


def has_letter_spacing(text: str) -> bool:
    return _LETTER_SPACED.search(text) is not None


def normalize(text: str, *, keep_lines: bool = False, split_article: bool = False) -> str:
    """The normalised view used for all phrase matching."""
    text = join_letter_spaced(expand_contractions(fold_characters(text)), split_article=split_article)
    if keep_lines:
        return "\n".join(line.strip() for line in text.split("\n"))
    return _WHITESPACE.sub(" ", text).strip()


WORD_CHARS = r"\p{L}\p{N}"


@functools.cache
def phrase_pattern(phrase: str) -> regex.Pattern[str]:
    """A word-boundary pattern for a phrase: any run of spaces or dashes between its words matches.

    The phrase goes through the same normalisation as the text, so a style-guide author may write
    "don't miss out" or "world-class" and still match "do not miss out" and "world class".
    """
    words = [w for w in regex.split(r"[\s\-]+", normalize(phrase)) if w]
    if not words:
        raise ValueError(f"empty phrase {phrase!r}")
    body = r"[\s\-]*".join(regex.escape(w) for w in words)
    return regex.compile(rf"(?<![{WORD_CHARS}]){body}(?![{WORD_CHARS}])")


_SPACES = regex.compile(r"\s+")
_WORD_CHAR = regex.compile(rf"[{WORD_CHARS}]")
_WORD = regex.compile(rf"[{WORD_CHARS}](?:[{WORD_CHARS}'’.,\-]*[{WORD_CHARS}])?")


def count_words(text: str) -> int:
    """Whitespace-separated tokens that hold at least one letter or digit.

    Split first, then test each token: one pattern over the text (`\\S*[letter]\\S*`) backtracks
    quadratically over long runs of punctuation in a hostile answer."""
    return sum(1 for token in _SPACES.split(text) if _WORD_CHAR.search(token))


def words(text: str) -> list[str]:
    """Word tokens of an already normalised text."""
    return _WORD.findall(text)


_GRAPHEME = regex.compile(r"\X")


def grapheme_count(text: str) -> int:
    """User-perceived characters (extended grapheme clusters)."""
    return len(_GRAPHEME.findall(text))


_SENTENCE_END = regex.compile(r"(?<=[.!?])[\"')\]]*\s+|\n+")


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph-structured text: split at . ! ? followed by space, and at line breaks.

    Decimal points and abbreviations like "e.g." without a following capital are rare in emails;
    a split there only makes a sentence shorter, never joins two.
    """
    parts = _SENTENCE_END.split(text)
    return [p.strip() for p in parts if p and p.strip()]
